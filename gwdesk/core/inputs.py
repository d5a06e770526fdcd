"""The one gate for typed, pasted and imported values: text normalised, dates kept within 1990–2100."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

MIN_YEAR, MAX_YEAR = 1990, 2100
FIRST_DAY, LAST_DAY = dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31)
RANGE_TEXT = f"{MIN_YEAR}–{MAX_YEAR}年"

# Word pastes U+000B (manual line break) and U+000C (page break); U+2028/2029 are Unicode's own breaks.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Other C0/C1 controls, DEL, BOM/zero-width no-break space and non-characters: never wanted in a record.
_DROP = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f\x80-\x84\x86-\x9f\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value, *, multiline: bool = True) -> str:
    """`value` as text a document writer and a database accept: line breaks unified to \\n (one line: a space),
    control characters and lone surrogates removed, NFC. None gives ""."""
    if value is None:
        return ""
    text = str(value)
    if not text.isascii() or _DROP.search(text) or _BREAKS.search(text):
        text = _BREAKS.sub("\n", text)
        text = _DROP.sub("", text)
        text = _SURROGATE.sub("\ufffd", text)
        text = unicodedata.normalize("NFC", text)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def clean_fields(fields: dict, *, single_line: tuple[str, ...] = ()) -> dict:
    """A copy of `fields` with every str value passed through clean_text."""
    return {k: clean_text(v, multiline=k not in single_line) if isinstance(v, str) else v
            for k, v in fields.items()}


def date_ok(d) -> bool:
    """True for a date (not a datetime's time part) within 1990-01-01 … 2100-12-31."""
    if isinstance(d, dt.datetime):
        d = d.date()
    return isinstance(d, dt.date) and FIRST_DAY <= d <= LAST_DAY


def date_problem(d, label: str = "日期") -> str | None:
    """A Chinese problem for a date outside 1990–2100 (None when it is fine or empty)."""
    if d is None or date_ok(d):
        return None
    shown = d.isoformat() if isinstance(d, (dt.date, dt.datetime)) else str(d)
    return f"{label}：“{shown[:20]}”超出可登记的范围（{RANGE_TEXT}），请核对年份"


def check_date(d, label: str = "日期"):
    """`d` unchanged when within range, else ValidationFailed naming `label`."""
    problem = date_problem(d, label)
    if problem:
        from gwdesk.errors import ValidationFailed
        raise ValidationFailed(problem, [problem])
    return d
