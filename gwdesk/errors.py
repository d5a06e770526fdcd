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
