"""Turn known storage failures into a StorageError with a plain Chinese message.

Classified by the engine's own error code, never by its message text: SQLite's result code
(`sqlite3.Error.sqlite_errorcode`, its primary code in the low byte) and PostgreSQL's SQLSTATE
(`sqlstate` on psycopg's errors), and the operating system's errno.
"""

from __future__ import annotations

import errno
import sqlite3

from gwdesk.errors import StorageError

_BUSY = "数据库正被其他程序占用，请稍后重试；如仍不行，请关闭其他 gwdesk 窗口或备份软件后再试。"
_NOT_A_DB = "数据文件不是有效的 gwdesk 数据库（可能已损坏）。请从备份恢复。"
_READONLY = "数据库文件是只读的，数据未能保存。请检查文件属性和数据目录的写入权限。"
_FULL = "磁盘空间已满，数据未能保存。请清理磁盘空间后重试。"

# SQLite primary result codes (https://sqlite.org/rescode.html) → message
SQLITE_CODES = {
    5: _BUSY,        # SQLITE_BUSY
    6: _BUSY,        # SQLITE_LOCKED
    8: _READONLY,    # SQLITE_READONLY
    10: "读写磁盘时出错，数据可能未能保存。请检查磁盘或U盘是否仍然连接、是否有坏道。",  # SQLITE_IOERR
    11: "数据库文件已损坏。请从备份恢复（设置 → 备份与恢复，或命令 gwdesk restore）。",  # SQLITE_CORRUPT
    13: _FULL,        # SQLITE_FULL
    14: "无法打开数据库文件。请检查数据目录是否存在、是否有读写权限。",  # SQLITE_CANTOPEN
    26: _NOT_A_DB,    # SQLITE_NOTADB
}

# PostgreSQL SQLSTATE (exact code, or its two-character class) → message
SQLSTATES = {
    "53100": "数据库服务器的磁盘空间已满，数据未能保存。请联系管理员清理服务器磁盘。",
    "25006": "共享数据库当前只读，数据未能保存。请联系管理员。",
    "55P03": "记录正被其他同事的操作锁定，请稍后重试。",
    "40P01": "与其他同事的操作互相等待（死锁），本次未保存，请重试。",
    "40001": "与其他同事的操作同时提交，本次未保存，请重试。",
    "57P01": "数据库服务器已关闭或重启，数据未能保存。请稍后重试或联系管理员。",
    "28P01": "登录共享数据库失败：用户名或密码不正确。",
    "28000": "登录共享数据库失败：没有访问权限。",
    "3D000": "服务器上没有这个数据库。请检查连接地址中的数据库名，或请管理员先建好数据库。",
    "42501": "这个数据库用户没有所需的权限。请联系管理员。",
    "57014": "数据库操作超时，已撤销，请稍后重试。",
    "08": "无法连接共享数据库服务器（网络或服务器中断），数据未能保存。请检查网络后重试。",
    "53": "数据库服务器资源不足，数据未能保存。请稍后重试或联系管理员。",
}


def _chain(exc: BaseException):
    """The exception and the ones it wraps (peewee keeps the driver's in `.orig` or its args), without loops."""
    seen, todo = set(), [exc]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend([getattr(e, "orig", None), e.__cause__, e.__context__])
        todo.extend(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))


def exception_chain(exc: BaseException):
    """The exception and every one it wraps (peewee's driver error included)."""
    yield from _chain(exc)


def _os_error(e: OSError) -> StorageError | None:
    name = f"（{e.filename}）" if getattr(e, "filename", None) else ""
    if e.errno == errno.ENOSPC:
        return StorageError(f"磁盘空间已满{name}，数据未能保存。请清理磁盘空间后重试。", detail=str(e))
    if e.errno == errno.EROFS:
        return StorageError(f"磁盘是只读的{name}，数据未能保存。请换一个可写的位置。", detail=str(e))
    if isinstance(e, PermissionError) or e.errno in (errno.EACCES, errno.EPERM):
        return StorageError(f"没有权限读写文件{name}。请检查文件和数据目录的权限，"
                            "或关闭正在使用该文件的其他程序。", detail=str(e))
    if e.errno == errno.ENAMETOOLONG:
        return StorageError(f"文件名或路径太长，本机的文件系统存不下{name}。请把数据目录放在路径更短的位置。",
                            detail=str(e))
    if e.errno in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST):
        return StorageError(f"文件与同名文件夹冲突{name}。", detail=str(e))
    if e.errno == errno.EIO:
        return StorageError(f"读写磁盘时出错{name}。请检查磁盘或U盘是否仍然连接。", detail=str(e))
    return None


def describe_storage_error(exc: BaseException) -> StorageError | None:
    """A StorageError for a known storage failure (disk full, read-only, locked…); None for anything else."""
    if isinstance(exc, StorageError):
        return exc
    for e in _chain(exc):
        if isinstance(e, OSError) and not isinstance(e, sqlite3.Error):
            known = _os_error(e)
            if known:
                return known
        code = getattr(e, "sqlite_errorcode", None) if isinstance(e, sqlite3.Error) else None
        if isinstance(code, int) and (code & 0xFF) in SQLITE_CODES:
            return StorageError(SQLITE_CODES[code & 0xFF], detail=str(e))
        state = getattr(e, "sqlstate", None) or getattr(e, "pgcode", None)
        if isinstance(state, str) and state:
            message = SQLSTATES.get(state) or SQLSTATES.get(state[:2])
            if message:
                return StorageError(message, detail=str(e))
    return None
