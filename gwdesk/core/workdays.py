"""Working days for statutory deadlines: chinese-calendar plus the user's editable holiday table.

The user's table (休 = day off, 班 = 调休 working day) overrides chinese-calendar. For a year that
chinese-calendar does not know and the user's table does not cover, Monday–Friday are counted as
working days and `coverage_warning` says so; nothing here ever raises for an unknown year.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import threading

import chinese_calendar
import peewee

from gwdesk.store.base import db

OFF, ON = "休", "班"

_lock = threading.RLock()
_owner: object | None = None  # the database the cache was built from
_overrides: dict[dt.date, str] | None = None
_years: dict[int, bytes] = {}  # year -> one byte per day of the year, 1 = working day
_counts: dict[int, list[int]] = {}  # year -> working days from 1 January up to each day, inclusive
_known: dict[int, bool] = {}


def _check_owner() -> None:
    global _owner, _overrides
    current = db.obj
    if current is not _owner:
        _owner = current
        _overrides = None
        _years.clear()
        _counts.clear()


def invalidate() -> None:
    """Forget cached years; call after any edit of the holiday table (the editors here do it)."""
    global _overrides
    with _lock:
        _overrides = None
        _years.clear()
        _counts.clear()


def _load_overrides() -> dict[dt.date, str]:
    global _overrides
    _check_owner()
    if _overrides is None:
        found: dict[dt.date, str] = {}
        if db.obj is not None:
            try:
                for day, kind in db.execute_sql("SELECT day, kind FROM holiday"):
                    found[dt.date.fromisoformat(day)] = kind
            except (peewee.OperationalError, peewee.InterfaceError, ValueError):
                found = {}  # table missing (store not migrated yet) or closed: no overrides
        _overrides = found
    return _overrides


def calendar_knows(year: int) -> bool:
    """True when the installed chinese-calendar has official holiday data for `year`."""
    if year not in _known:
        try:
            chinese_calendar.is_workday(dt.date(year, 6, 1))
            _known[year] = True
        except NotImplementedError:
            _known[year] = False
    return _known[year]


def _year_flags(year: int) -> bytes:
    with _lock:
        overrides = _load_overrides()
        flags = _years.get(year)
        if flags is not None:
            return flags
        first = dt.date(year, 1, 1)
        size = (dt.date(year + 1, 1, 1) - first).days
        known = calendar_knows(year)
        out = bytearray(size)
        for i in range(size):
            d = first + dt.timedelta(days=i)
            if known:
                out[i] = chinese_calendar.is_workday(d)
            else:
                out[i] = d.weekday() < 5
        for d, kind in overrides.items():
            if d.year == year:
                out[(d - first).days] = kind == ON
        flags = bytes(out)
        _years[year] = flags
        _counts.pop(year, None)
        return flags


def _year_counts(year: int) -> list[int]:
    """Working days from 1 January up to each day of `year`, inclusive."""
    flags = _year_flags(year)
    counts = _counts.get(year)
    if counts is None:
        counts = list(itertools.accumulate(flags))
        _counts[year] = counts
    return counts


def _upto(d: dt.date) -> int:
    """Working days from 1 January of d's year up to d, inclusive."""
    return _year_counts(d.year)[d.toordinal() - dt.date(d.year, 1, 1).toordinal()]


def is_workday(d: dt.date) -> bool:
    """Is `d` a working day (调休 weekends count, statutory holidays and user 休 days do not)?"""
    return bool(_year_flags(d.year)[d.toordinal() - dt.date(d.year, 1, 1).toordinal()])


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start` (the start day itself is not counted); n=0 gives `start`."""
    if n < 0:
        raise ValueError("n must be >= 0")
    if n == 0:
        return start
    with _lock:
        year, need = start.year, _upto(start) + n  # the running total the answer day reaches first
        while True:
            counts = _year_counts(year)
            if counts[-1] >= need:
                return dt.date(year, 1, 1) + dt.timedelta(days=bisect.bisect_left(counts, need))
            need -= counts[-1]
            year += 1


def workdays_between(a: dt.date, b: dt.date) -> int:
    """Working days d with a < d <= b (negative when b is before a)."""
    if b < a:
        return -workdays_between(b, a)
    # per-year running totals: a ledger with cases years overdue asks this thousands of times at start-up
    with _lock:
        whole_years = sum(_upto(dt.date(y, 12, 31)) for y in range(a.year, b.year))
        return whole_years + _upto(b) - _upto(a)


def covered(year: int) -> bool:
    """Whether working days in `year` come from real data (chinese-calendar or the user's table)."""
    if calendar_knows(year):
        return True
    with _lock:
        return any(d.year == year for d in _load_overrides())


def coverage_warning(d: dt.date) -> str | None:
    """A Chinese warning when `d` falls in a year without holiday data, else None."""
    if covered(d.year):
        return None
    return (f"{d.year}年的法定节假日和调休安排尚未收录（节假日数据只到{_last_known_year()}年），"
            f"已按周一至周五计算工作日，结果可能不准确。请在“节假日设置”中补录{d.year}年的放假和调休安排。")


def range_warning(a: dt.date, b: dt.date) -> str | None:
    """The first coverage warning for any year from a to b."""
    for year in range(min(a, b).year, max(a, b).year + 1):
        w = coverage_warning(dt.date(year, 1, 1))
        if w:
            return w
    return None


@functools.lru_cache(maxsize=1)
def _last_known_year() -> int:
    return max(d.year for d in chinese_calendar.constants.holidays)  # asked per open case past that year


# --- the user's holiday table -------------------------------------------------------------

def holidays(year: int | None = None) -> list[tuple[dt.date, str, str]]:
    """Rows of the user's holiday table as (day, kind, note), in date order."""
    sql = "SELECT day, kind, note FROM holiday"
    params: tuple = ()
    if year is not None:
        sql += " WHERE day BETWEEN ? AND ?"
        params = (f"{year:04d}-01-01", f"{year:04d}-12-31")
    rows = db.execute_sql(sql + " ORDER BY day", params).fetchall()
    return [(dt.date.fromisoformat(day), kind, note) for day, kind, note in rows]


def set_holiday(day: dt.date, kind: str, note: str = "") -> None:
    """Add or replace one day in the user's table: kind 休 (day off) or 班 (working day)."""
    if kind not in (OFF, ON):
        from gwdesk.errors import ValidationFailed
        raise ValidationFailed(f"节假日类型只能是“{OFF}”或“{ON}”，不能是“{kind}”。")
    with db.atomic():
        db.execute_sql("INSERT OR REPLACE INTO holiday(day, kind, note) VALUES (?, ?, ?)",
                       (day.isoformat(), kind, note))
    invalidate()


def remove_holiday(day: dt.date) -> None:
    with db.atomic():
        db.execute_sql("DELETE FROM holiday WHERE day = ?", (day.isoformat(),))
    invalidate()


def replace_year(year: int, rows: list[tuple[dt.date, str, str]]) -> None:
    """Replace every entry of `year` in one transaction (the holiday editor saves this way)."""
    from gwdesk.errors import ValidationFailed
    problems = [f"{d.isoformat()}：类型只能是“{OFF}”或“{ON}”" for d, k, _ in rows if k not in (OFF, ON)]
    problems += [f"{d.isoformat()}：不属于{year}年" for d, _, _ in rows if d.year != year]
    if problems:
        raise ValidationFailed("节假日设置有误：" + "；".join(problems), problems)
    with db.atomic():
        db.execute_sql("DELETE FROM holiday WHERE day BETWEEN ? AND ?",
                       (f"{year:04d}-01-01", f"{year:04d}-12-31"))
        for d, k, note in rows:
            db.execute_sql("INSERT OR REPLACE INTO holiday(day, kind, note) VALUES (?, ?, ?)",
                           (d.isoformat(), k, note))
    invalidate()
