"""Working days for statutory deadlines: chinese-calendar plus the user's editable holiday table.

The user's table (休 = day off, 班 = 调休 working day) overrides chinese-calendar. For a year after
chinese-calendar's data, Monday–Friday count as working days except the holidays the law fixes
(《全国年节及纪念日放假办法》, as amended 2024: 元旦, 春节 from 除夕 to 正月初三, 清明, 劳动节 5月1–2日,
端午, 中秋, 国庆 10月1–3日; lunar dates from lunar-python). The year's 调休 and 补假 are only known from
its annual notice, so `coverage_warning` speaks until the clerk marks the year complete in the table.
Nothing here ever raises for an unknown year.
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
from gwdesk.store.dialect import run

OFF, ON = "休", "班"

_lock = threading.RLock()
_owner: object | None = None  # the database the cache was built from
_overrides: dict[dt.date, str] | None = None
_years: dict[int, bytes] = {}  # year -> one byte per day of the year, 1 = working day
_counts: dict[int, list[int]] = {}  # year -> working days from 1 January up to each day, inclusive
_known: dict[int, bool] = {}
_complete: set[int] | None = None  # years the clerk marked as fully entered in the holiday table
COMPLETE_KEY = "holidays.complete_years"


def _check_owner() -> None:
    global _owner, _overrides, _complete
    current = db.obj
    if current is not _owner:
        _owner = current
        _overrides = None
        _complete = None
        _years.clear()
        _counts.clear()


def invalidate() -> None:
    """Forget cached years; call after any edit of the holiday table (the editors here do it)."""
    global _overrides, _complete
    with _lock:
        _overrides = None
        _complete = None
        _years.clear()
        _counts.clear()


def _load_overrides() -> dict[dt.date, str]:
    global _overrides
    _check_owner()
    if _overrides is None:
        found: dict[dt.date, str] = {}
        if db.obj is not None:
            try:
                for day, kind in run("SELECT day, kind FROM holiday"):
                    found[dt.date.fromisoformat(day)] = kind
            except (peewee.OperationalError, peewee.ProgrammingError, peewee.InterfaceError, ValueError):
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


@functools.lru_cache(maxsize=256)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The days off 《全国年节及纪念日放假办法》 (2024 amendment, in force from 2025) fixes for `year`, with
    their names; 调休 and 补假 are not fixed by the law and are not here."""
    from lunar_python import Lunar, Solar  # only for years past chinese-calendar's data: not at start-up
    out: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    new_year = Lunar.fromYmd(year, 1, 1).getSolar()
    first = dt.date(new_year.getYear(), new_year.getMonth(), new_year.getDay())
    for i, name in enumerate(("除夕", "春节", "春节", "春节"), start=-1):
        out[first + dt.timedelta(days=i)] = name
    for day in range(3, 7):
        if Solar.fromYmd(year, 4, day).getLunar().getJieQi() == "清明":
            out[dt.date(year, 4, day)] = "清明节"
    out[dt.date(year, 5, 1)] = out[dt.date(year, 5, 2)] = "劳动节"
    for month, day, name in ((5, 5, "端午节"), (8, 15, "中秋节")):
        s = Lunar.fromYmd(year, month, day).getSolar()
        out.setdefault(dt.date(s.getYear(), s.getMonth(), s.getDay()), name)
    for day in (1, 2, 3):
        out[dt.date(year, 10, day)] = "国庆节"
    return out


def _calendar_flags(first: dt.date, size: int) -> bytearray:
    """chinese-calendar's answer for each day of a year it has data for, by its own rule (`is_workday`: a 调休
    working day, else Monday–Friday that is not a holiday) over its public tables: `is_workday` checks the year's
    range again for every day (0.1 ms a day, 0.3 s for the eight years 今日提醒 touches). Equal day by day:
    tests/core/test_workdays.py."""
    on, off = chinese_calendar.workdays, chinese_calendar.holidays
    days = (first + dt.timedelta(days=i) for i in range(size))
    return bytearray(d in on or (d.weekday() < 5 and d not in off) for d in days)


def _year_flags(year: int) -> bytes:
    with _lock:
        overrides = _load_overrides()
        flags = _years.get(year)
        if flags is not None:
            return flags
        first = dt.date(year, 1, 1)
        size = (dt.date(year + 1, 1, 1) - first).days
        known = calendar_knows(year)
        by_law = statutory_holidays(year) if not known and year > _first_known_year() else {}
        if known:
            out = _calendar_flags(first, size)
        else:
            out = bytearray(size)
            for i in range(size):
                d = first + dt.timedelta(days=i)
                out[i] = d.weekday() < 5 and d not in by_law
        for d, kind in overrides.items():
            if d.year == year:
                out[(d - first).days] = kind == ON
        flags = bytes(out)
        _years[year] = flags
        _counts.pop(year, None)
        return flags


def _year_counts(year: int) -> list[int]:
    """Working days from 1 January up to each day of `year`, inclusive."""
    counts = _counts.get(year)
    if counts is not None and db.obj is _owner:  # built from this database: no lock, no look at the table
        return counts  # (今日提醒 asks ~10,000 times)
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


def complete_years() -> set[int]:
    """Years the clerk has marked as fully entered in the holiday table."""
    global _complete
    with _lock:
        _check_owner()
        if _complete is None:
            found: set[int] = set()
            if db.obj is not None:
                try:
                    row = run("SELECT value FROM setting WHERE key = ?", (COMPLETE_KEY,)).fetchone()
                    found = {int(y) for y in (row[0] if row else "").split(",") if y.strip().isdigit()}
                except (peewee.OperationalError, peewee.ProgrammingError, peewee.InterfaceError, ValueError):
                    found = set()
            _complete = found
        return set(_complete)


def mark_complete(year: int, complete: bool = True) -> None:
    """Record that the table holds `year`'s whole arrangement (放假 and 调休): the warning stops for it."""
    _may_edit()
    years = complete_years()
    years = years | {year} if complete else years - {year}
    with db.atomic():
        run("INSERT INTO setting(key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       (COMPLETE_KEY, ",".join(str(y) for y in sorted(years))))
    invalidate()


def covered(year: int) -> bool:
    """Whether working days in `year` come from complete data (chinese-calendar, or a year the clerk
    marked complete); one date typed into the table does not make a year complete."""
    return calendar_knows(year) or year in complete_years()


def coverage_warning(d: dt.date) -> str | None:
    """A Chinese warning when `d` falls in a year without complete holiday data, else None."""
    if covered(d.year):
        return None
    if d.year < _first_known_year():
        return (f"{d.year}年早于内置节假日数据的范围（从{_first_known_year()}年起），已按周一至周五计算工作日，"
                f"结果可能不准确。请在“节假日设置”中补录{d.year}年的放假和调休安排并标记为已完整录入。")
    return (f"{d.year}年的调休安排尚未收录（内置节假日数据只到{_last_known_year()}年）：已按《全国年节及纪念日"
            f"放假办法》规定的节日放假和周一至周五计算工作日，调休上班和补假未计入，结果可能不准确。"
            f"请在“节假日设置”中补录{d.year}年的放假和调休安排并标记为已完整录入。")


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


@functools.lru_cache(maxsize=1)
def _first_known_year() -> int:
    return min(d.year for d in chinese_calendar.constants.holidays)


def last_known_year() -> int:
    """The last year chinese-calendar has the official arrangement for."""
    return _last_known_year()


# --- the user's holiday table -------------------------------------------------------------

def holidays(year: int | None = None) -> list[tuple[dt.date, str, str]]:
    """Rows of the user's holiday table as (day, kind, note), in date order."""
    sql = "SELECT day, kind, note FROM holiday"
    params: tuple = ()
    if year is not None:
        sql += " WHERE day BETWEEN ? AND ?"
        params = (f"{year:04d}-01-01", f"{year:04d}-12-31")
    rows = run(sql + " ORDER BY day", params).fetchall()
    return [(dt.date.fromisoformat(day), kind, note) for day, kind, note in rows]


def _may_edit() -> None:
    """The holiday table is a setting: a 管理员's on a shared database (core/users.py)."""
    from gwdesk.core import users
    users.require("settings")


# one spelling for both engines (SQLite ≥ 3.24, PostgreSQL): an update of the row, not INSERT OR REPLACE's
# delete and insert
_UPSERT_HOLIDAY = ("INSERT INTO holiday(day, kind, note) VALUES (?, ?, ?)"
                   " ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note")


def set_holiday(day: dt.date, kind: str, note: str = "") -> None:
    """Add or replace one day in the user's table: kind 休 (day off) or 班 (working day)."""
    _may_edit()
    if kind not in (OFF, ON):
        from gwdesk.errors import ValidationFailed
        raise ValidationFailed(f"节假日类型只能是“{OFF}”或“{ON}”，不能是“{kind}”。")
    with db.atomic():
        run(_UPSERT_HOLIDAY,
                       (day.isoformat(), kind, note))
    invalidate()


def remove_holiday(day: dt.date) -> None:
    _may_edit()
    with db.atomic():
        run("DELETE FROM holiday WHERE day = ?", (day.isoformat(),))
    invalidate()


def replace_year(year: int, rows: list[tuple[dt.date, str, str]]) -> None:
    """Replace every entry of `year` in one transaction (the holiday editor saves this way)."""
    _may_edit()
    from gwdesk.errors import ValidationFailed
    problems = [f"{d.isoformat()}：类型只能是“{OFF}”或“{ON}”" for d, k, _ in rows if k not in (OFF, ON)]
    problems += [f"{d.isoformat()}：不属于{year}年" for d, _, _ in rows if d.year != year]
    if problems:
        raise ValidationFailed("节假日设置有误：" + "；".join(problems), problems)
    with db.atomic():
        run("DELETE FROM holiday WHERE day BETWEEN ? AND ?",
                       (f"{year:04d}-01-01", f"{year:04d}-12-31"))
        for d, k, note in rows:
            run(_UPSERT_HOLIDAY,
                           (d.isoformat(), k, note))
    invalidate()
