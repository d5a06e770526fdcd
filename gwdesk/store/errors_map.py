"""Turn known sqlite3/peewee/OS storage failures into a StorageError with a plain Chinese message."""

from __future__ import annotations

import errno
import sqlite3

from gwdesk.errors import StorageError

# (substring of the SQLite message, Chinese message). Checked in order, lower-cased.
_SQLITE_MESSAGES = [
    ("database or disk is full",
     "磁盘空间已满，数据未能保存。请清理磁盘空间后重试。"),
    ("attempt to write a readonly database",
     "数据库文件是只读的，数据未能保存。请检查文件属性和数据目录的写入权限。"),
    ("readonly database",
     "数据库文件是只读的，数据未能保存。请检查文件属性和数据目录的写入权限。"),
    ("database is locked",
     "数据库正被其他程序占用，请稍后重试；如仍不行，请关闭其他 gwdesk 窗口或备份软件后再试。"),
    ("database table is locked",
     "数据库正被其他程序占用，请稍后重试；如仍不行，请关闭其他 gwdesk 窗口或备份软件后再试。"),
    ("database is busy",
     "数据库正被其他程序占用，请稍后重试；如仍不行，请关闭其他 gwdesk 窗口或备份软件后再试。"),
    ("file is not a database",
     "数据文件不是有效的 gwdesk 数据库（可能已损坏）。请从备份恢复。"),
    ("file is encrypted or is not a database",
     "数据文件不是有效的 gwdesk 数据库（可能已损坏）。请从备份恢复。"),
    ("database disk image is malformed",
     "数据库文件已损坏。请从备份恢复（设置 → 备份与恢复，或命令 gwdesk restore）。"),
    ("disk i/o error",
     "读写磁盘时出错，数据可能未能保存。请检查磁盘或U盘是否仍然连接、是否有坏道。"),
    ("unable to open database file",
     "无法打开数据库文件。请检查数据目录是否存在、是否有读写权限。"),
]


# PostgreSQL (a 单位共享数据库): by SQLSTATE, then by libpq's text for failures before any SQLSTATE exists
_SERVER_STATES = {
    "28P01": "用户名或密码不对。请检查连接地址中的用户名和本机 pgpass 文件中的密码。",
    "28000": "服务器拒绝了这台计算机或这个用户的连接（pg_hba.conf）。请联系数据库管理员。",
    "3D000": "服务器上没有这个数据库。请检查连接地址中的数据库名，或让管理员先建好数据库。",
    "42501": "这个数据库用户没有所需的权限。请联系数据库管理员。",
    "55P03": "这条记录正被其他同事修改，请稍后重试。",
    "40P01": "与其他同事的操作冲突（死锁），本次操作已撤销，请重试。",
    "40001": "与其他同事的操作冲突，本次操作已撤销，请重试。",
    "57014": "数据库操作超时，已撤销，请稍后重试。",
    "53100": "数据库服务器磁盘已满，数据未能保存。请联系数据库管理员。",
    "57P01": "数据库服务器已关闭连接（可能正在重启）。请稍后重试。",
}
_SERVER_TEXTS = [
    ("no password supplied", "服务器要求密码，但本机 pgpass 文件中没有这个用户的密码。"),
    ("password authentication failed", "用户名或密码不对。请检查连接地址中的用户名和本机 pgpass 文件中的密码。"),
    ("connection refused", "连接不上数据库服务器（拒绝连接）。请检查服务器地址和端口，以及服务器是否已启动。"),
    ("could not translate host name", "找不到数据库服务器（主机名无法解析）。请检查服务器地址。"),
    ("timeout expired", "连接数据库服务器超时。请检查网络和服务器地址。"),
    ("no such file or directory", "连接不上数据库服务器。请检查服务器地址和端口，以及服务器是否已启动。"),
    ("server closed the connection", "与数据库服务器的连接已断开，本次操作未保存。请检查网络后重试。"),
    ("connection is lost", "与数据库服务器的连接已断开，本次操作未保存。请检查网络后重试。"),
    ("the connection is closed", "与数据库服务器的连接已断开，本次操作未保存。请检查网络后重试。"),
    ("does not exist", "服务器上没有这个数据库或用户。请检查连接地址。"),
]


def _describe_server(e: BaseException) -> StorageError | None:
    state = getattr(e, "sqlstate", None)
    if state in _SERVER_STATES:
        return StorageError(_SERVER_STATES[state], detail=str(e))
    if state and state.startswith("08"):
        return StorageError("与数据库服务器的连接出错，本次操作未保存。请检查网络后重试。", detail=str(e))
    if state:  # any other SQLSTATE is no storage fault (a bug shows as one)
        return None
    text = str(e).lower()
    for needle, message in _SERVER_TEXTS:
        if needle in text:
            return StorageError(message, detail=str(e))
    return None


def _chain(exc: BaseException):
    """The exception and the ones it wraps (peewee keeps the sqlite3 one in `.orig`), without loops."""
    seen, todo = set(), [exc]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend([getattr(e, "orig", None), e.__cause__, e.__context__])
        todo.extend(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))


def describe_storage_error(exc: BaseException) -> StorageError | None:
    """A StorageError for a known storage failure (disk full, read-only, locked…); None for anything else."""
    if isinstance(exc, StorageError):
        return exc
    for e in _chain(exc):
        if isinstance(e, OSError) and not isinstance(e, sqlite3.Error):
            name = f"（{e.filename}）" if getattr(e, "filename", None) else ""
            if e.errno == errno.ENOSPC:
                return StorageError(f"磁盘空间已满{name}，数据未能保存。请清理磁盘空间后重试。", detail=str(e))
            if e.errno == errno.EROFS:
                return StorageError(f"磁盘是只读的{name}，数据未能保存。请换一个可写的位置。", detail=str(e))
            if isinstance(e, PermissionError) or e.errno in (errno.EACCES, errno.EPERM):
                return StorageError(f"没有权限读写文件{name}。请检查文件和数据目录的权限，"
                                    "或关闭正在使用该文件的其他程序。", detail=str(e))
            if e.errno == errno.EIO:
                return StorageError(f"读写磁盘时出错{name}。请检查磁盘或U盘是否仍然连接。", detail=str(e))
        if type(e).__module__.startswith("psycopg"):
            found = _describe_server(e)
            if found is not None:
                return found
        text = str(e).lower()
        if isinstance(e, sqlite3.Error) or type(e).__module__.startswith("peewee"):
            for needle, message in _SQLITE_MESSAGES:
                if needle in text:
                    return StorageError(message, detail=str(e))
    return None
