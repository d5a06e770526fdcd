"""Reading a date as a clerk types it — the one parser behind every date field of the window and of the forms.

Accepted: 2026-10-30, 2026/10/30, 2026.10.30, 2026年10月30日, 20261030, and a date without its year — 10月30日,
10-30, 10/30, 10.30 — read in the given year (this year unless told). Full-width digits and separators
(２０２６－１０－３０) read like typed ones; spaces around the parts are ignored. Anything else, or a day that
does not exist (2026-02-30), is None: the caller says so in Chinese and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

HINT = "2026-10-30、20261030、2026.10.30、2026/10/30 或 10月30日（当年）"

_FULL = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*")
_COMPACT = re.compile(r"\s*(\d{4})(\d{2})(\d{2})\s*")
_NO_YEAR = re.compile(r"\s*(\d{1,2})\s*(?:月\s*(\d{1,2})\s*日?|[-/.]\s*(\d{1,2}))\s*")
_DASHES = str.maketrans({"－": "-", "—": "-", "–": "-", "／": "/", "．": ".", "。": ".", "、": "."})


def parse(value, year: int | None = None, today: dt.date | None = None) -> dt.date | None:
    """The date `value` names, or None when it is empty or cannot be read. A date without a year is in `year`,
    else in `today`'s year (the computer's date unless given)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", str(value)).translate(_DASHES)
    m = _FULL.fullmatch(text) or _COMPACT.fullmatch(text)
    if m:
        y, mo, d = m[1], m[2], m[3]
    else:
        m = _NO_YEAR.fullmatch(text)
        if not m:
            return None
        y, mo, d = year or (today or dt.date.today()).year, m[1], m[2] or m[3]
    try:
        return dt.date(int(y), int(mo), int(d))
    except ValueError:
        return None
