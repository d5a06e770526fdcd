"""Formula-safe xlsx cells: text that a spreadsheet would run as a formula gets a leading apostrophe."""

from __future__ import annotations

import os
import re

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\u200e\u200f\u202a-\u202e\u2066-\u2069]')  # + bidi controls
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_cell(value):
    """Strings starting with = + - @ or tab/CR get a leading "'"; other values pass through."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def safe_filename(name: str, fallback: str = "导出") -> str:
    """A file name built from user text, without path separators or characters Windows refuses."""
    cleaned = _UNSAFE_NAME.sub("_", name).strip().strip(".")
    stem, ext = os.path.splitext(cleaned)
    if not (1 < len(ext) <= 6) or not stem:
        stem, ext = cleaned, ""
    cleaned = (stem[:120 - len(ext)].rstrip(" .") + ext) if stem[:120 - len(ext)].rstrip(" .") else fallback
    if cleaned.split(".")[0].strip().upper() in _RESERVED:  # Windows refuses CON, NUL.xlsx, com1…
        cleaned = "_" + cleaned
    return cleaned
