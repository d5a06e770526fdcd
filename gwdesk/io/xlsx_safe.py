"""Formula-safe xlsx cells: text that a spreadsheet would run as a formula gets a leading apostrophe."""

from __future__ import annotations

import re

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_cell(value):
    """Strings starting with = + - @ or tab/CR get a leading "'"; other values pass through."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def safe_filename(name: str, fallback: str = "导出") -> str:
    """A file name built from user text, without path separators or characters Windows refuses."""
    cleaned = _UNSAFE_NAME.sub("_", name).strip().strip(".")
    return cleaned[:120] or fallback
