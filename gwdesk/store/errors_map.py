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
            if e.errno == errno.ENAMETOOLONG:
                return StorageError(f"文件名或路径太长，本机的文件系统存不下{name}。请把数据目录放在路径更短的位置。",
                                    detail=str(e))
            if e.errno in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST):
                return StorageError(f"文件与同名文件夹冲突{name}。", detail=str(e))
            if e.errno == errno.EIO:
                return StorageError(f"读写磁盘时出错{name}。请检查磁盘或U盘是否仍然连接。", detail=str(e))
        text = str(e).lower()
        if isinstance(e, sqlite3.Error) or type(e).__module__.startswith("peewee"):
            for needle, message in _SQLITE_MESSAGES:
                if needle in text:
                    return StorageError(message, detail=str(e))
    return None
