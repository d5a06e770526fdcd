"""Typed errors that carry a Chinese message meant for the clerk."""

from __future__ import annotations


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


class ConflictError(GwdeskError):
    """Another clerk saved the record (or moved it on) since this one was read: nothing was written.

    `current` is the record as stored now (the editor offers 重新载入 or 以我的为准); `differences` lists
    (what, mine, theirs) when the caller worked them out."""

    def __init__(self, message: str, *, current=None, differences: list[tuple[str, str, str]] | None = None):
        super().__init__(message)
        self.current = current
        self.differences = differences or []


class OperationBusy(GwdeskError):
    """A long operation (list import, year freeze, 定稿…) is already being run by `holder`."""

    def __init__(self, message: str, *, holder: str = "", since: str = ""):
        super().__init__(message)
        self.holder, self.since = holder, since
