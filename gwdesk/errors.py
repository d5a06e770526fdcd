"""Typed errors that carry a Chinese message meant for the clerk."""

from __future__ import annotations

import errno as _errno


class GwdeskError(Exception):
    """An expected failure: `message` is shown to the clerk as it is (Chinese)."""

    def __init__(self, message: str, *, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class StorageError(GwdeskError):
    """Known storage failures: disk full, read-only, locked, not a gwdesk database, too new."""


class ImportRejected(GwdeskError):
    """An import refused as a whole; the message names file, sheet, row or field."""

    def __init__(self, message: str, *, file: str = "", sheet: str = "", row: int | None = None,
                 field: str = "", problems: list[str] | None = None):
        super().__init__(message)
        self.file, self.sheet, self.row, self.field = file, sheet, row, field
        self.problems = problems or []


class ValidationFailed(GwdeskError):
    """A record cannot move on: `problems` lists each missing or wrong item."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


# what the operating system said, in Chinese: its own text (strerror) is English on most systems
_OS_TEXTS = {
    _errno.ENOENT: "找不到该文件或文件夹", _errno.EACCES: "没有权限（文件可能正在被其他程序打开，或是只读的）",
    _errno.EPERM: "没有权限（文件可能正在被其他程序打开，或是只读的）", _errno.ENOSPC: "磁盘空间已满",
    _errno.EROFS: "磁盘是只读的", _errno.EISDIR: "这是一个文件夹，不是文件", _errno.ENOTDIR: "路径中有一部分不是文件夹",
    _errno.ENAMETOOLONG: "文件名或路径太长", _errno.EEXIST: "文件已存在", _errno.EIO: "读写磁盘时出错（U盘是否仍然连接？）",
    _errno.EBUSY: "文件正被其他程序占用", _errno.EMFILE: "同时打开的文件太多", _errno.EINVAL: "文件名或参数不合法",
    _errno.EXDEV: "不能跨磁盘移动", _errno.ENOTEMPTY: "文件夹不是空的", _errno.EFBIG: "文件太大",
}
_WIN_TEXTS = {32: "文件正在被其他程序打开", 33: "文件的一部分被其他程序锁定", 112: "磁盘空间已满", 5: "没有权限（拒绝访问）",
              206: "文件名或路径太长", 123: "文件名不合法（含有 \\ / : * ? \" < > | 等字符）"}


def os_error_text(e: BaseException) -> str:
    """An OSError as a short Chinese phrase (never the system's English text); its code when no phrase fits."""
    winerror = getattr(e, "winerror", None)
    if winerror in _WIN_TEXTS:
        return _WIN_TEXTS[winerror]
    code = getattr(e, "errno", None)
    if code in _OS_TEXTS:
        return _OS_TEXTS[code]
    name = _errno.errorcode.get(code, "") if isinstance(code, int) else ""
    return f"系统错误（{name or type(e).__name__}）"


class ConflictError(GwdeskError):
    """Another clerk saved the record (or moved it on) since this one was read: nothing was written.

    `current` is the record as stored now (the editor offers 重新载入 or 以我的为准); `differences` lists
    (what, mine, theirs) when the caller worked them out; `version` is the stored version now (for a `current`
    that carries none: 以我的为准 saves over exactly that one)."""

    def __init__(self, message: str, *, current=None, differences: list[tuple[str, str, str]] | None = None,
                 version: int | None = None):
        super().__init__(message)
        self.current = current
        self.differences = differences or []
        self.version = version if version is not None else getattr(current, "version", None)


class OperationBusy(GwdeskError):
    """A long operation (list import, year freeze, 定稿…) is already being run by `holder`."""

    def __init__(self, message: str, *, holder: str = "", since: str = ""):
        super().__init__(message)
        self.holder, self.since = holder, since
