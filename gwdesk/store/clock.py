"""Is the computer's date believable? Today against the newest date this unit's data has seen.

A dead CMOS battery starts a workstation in 2000 (or whenever its firmware begins), and a clock can be
set years ahead by mistake; every statutory deadline and 今日提醒 is computed from today, so both are told
to the clerk at start. The mark is `last-seen.json` in the data folder: the latest believable today seen
by a window or a command that holds the data folder. It never moves backwards, and never leaps more than
AHEAD_DAYS at once, unless the clerk confirms the computer's date (`confirm`). Without a mark (the first
start with this version, or a workspace moved here) the newest backup's recorded time and the newest
record time in the database stand in for it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from gwdesk.store.dialect import is_pg

log = logging.getLogger(__name__)

MARK_NAME = "last-seen.json"
BEHIND_DAYS = 1  # today earlier than the mark by more than this: the clock runs behind
AHEAD_DAYS = 366  # later by more than this: a clock set ahead is likelier than a year without use

# (table, column) holding the ISO time a record was saved
_STAMPS = (("application", "updated_at"), ("unit_profile", "updated_at"), ("annual_report", "updated_at"),
           ("review_form", "updated_at"), ("review_draft", "saved_at"), ("task", "updated_at"),
           ("task_note", "created_at"))


@dataclass(frozen=True)
class ClockProblem:
    kind: str  # "behind" or "ahead"
    today: dt.date
    seen: dt.date

    @property
    def title(self) -> str:
        return "计算机日期可能有误"

    @property
    def message(self) -> str:
        if self.kind == "behind":
            return (f"系统日期（{self.today:%Y-%m-%d}）早于上次使用日期（{self.seen:%Y-%m-%d}），"
                    "计算机时间可能不准（例如主板电池没电后时间被重置）。请校正计算机时间，否则法定期限计算有误："
                    "答复期限、逾期提醒和今日提醒都按系统日期计算。校正之前，自动备份不清理任何旧备份。")
        return (f"系统日期（{self.today:%Y-%m-%d}）比上次使用日期（{self.seen:%Y-%m-%d}）晚了 "
                f"{(self.today - self.seen).days} 天，计算机时间可能被调快了。请核对并校正计算机时间，"
                "否则法定期限计算有误（事项会被误算为已逾期）。核对之前，自动备份不清理任何旧备份。")


def check(today: dt.date, seen: dt.date | None) -> ClockProblem | None:
    """The problem with `today` given the mark `seen`, or None when today is believable."""
    if seen is None:
        return None
    if (seen - today).days > BEHIND_DAYS:
        return ClockProblem("behind", today, seen)
    if (today - seen).days > AHEAD_DAYS:
        return ClockProblem("ahead", today, seen)
    return None


def _read(data_dir: str | os.PathLike) -> dict:
    try:
        data = json.loads((Path(data_dir) / MARK_NAME).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def read_mark(data_dir: str | os.PathLike) -> dt.date | None:
    return _day(_read(data_dir).get("last_seen"))


def _write_mark(data_dir: str | os.PathLike, day: dt.date, **more) -> None:
    folder = Path(data_dir)
    data = {**_read(folder), "last_seen": day.isoformat(), **more}
    tmp = folder / f".{MARK_NAME}.tmp"
    try:
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, folder / MARK_NAME)
    except OSError:  # a read-only folder: the check still works from the old mark
        log.warning("cannot write %s in %s", MARK_NAME, folder)


def _parse_day(text) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(str(text)).date()
    except ValueError:
        return None


def newest_record_day(db) -> dt.date | None:
    """The save time of the last record written to each table (by rowid: one row read per table, not a
    scan of 100,000 applications), the newest of them; None when there is none. A peewee database."""
    found = []
    for table, column in _STAMPS:
        try:
            # SQLite's rowid is the insertion order; PostgreSQL has the id column (review_draft, keyed by
            # text, is ordered by its save time)
            order = "rowid" if not is_pg(db) else ("saved_at" if table == "review_draft" else "id")
            row = db.execute_sql(f"SELECT {column} FROM {table} ORDER BY {order} DESC LIMIT 1").fetchone()
        except Exception:  # noqa: BLE001 - an older schema without that table: nothing to learn from it
            continue
        day = _parse_day(row[0]) if row and row[0] else None
        if day is not None:
            found.append(day)
    return max(found, default=None)


def last_seen(data_dir: str | os.PathLike, newest_backup: dt.date | None = None,
              db=None) -> dt.date | None:
    """The newest date the data has seen: the mark, or a record saved later (a workspace moved here from
    a computer with the right date); without a mark the newest backup's recorded date too (given by the
    caller). Records no newer than those the clerk confirmed over (`confirm`) do not count. None when
    there is nothing."""
    state = _read(data_dir)
    mark = _day(state.get("last_seen"))
    records = newest_record_day(db) if db is not None else None
    confirmed = _day(state.get("records_confirmed"))
    if records is not None and confirmed is not None and records <= confirmed:
        records = None
    seeds = [d for d in (mark, records, None if mark else newest_backup) if d]
    return max(seeds, default=None)


def observe(data_dir: str | os.PathLike, today: dt.date, newest_backup: dt.date | None = None,
            db=None) -> ClockProblem | None:
    """At start: the problem with today (None if none); the mark moves on to today only when today is
    believable, so a wrong clock never drags it backwards or years ahead."""
    seen = last_seen(data_dir, newest_backup, db)
    problem = check(today, seen)
    if problem is not None:
        log.warning("system date %s, last seen %s: clock %s", today, seen, problem.kind)
        mark = read_mark(data_dir)
        if problem.kind == "behind" and (mark is None or seen > mark):
            _write_mark(data_dir, seen)  # what the data says, for the backups' rotation (never backwards)
        return problem
    if seen is None or today > seen or read_mark(data_dir) is None:
        _write_mark(data_dir, max(today, seen) if seen else today)
    return None


def confirm(data_dir: str | os.PathLike, today: dt.date, db=None) -> None:
    """The clerk says the computer's date is right: today becomes the mark (even backwards), and the
    records saved so far (some perhaps under a clock set ahead) no longer count against it."""
    log.warning("the clerk confirmed the system date %s (mark was %s)", today, read_mark(data_dir))
    records = newest_record_day(db) if db is not None else None
    _write_mark(data_dir, today, records_confirmed=records.isoformat() if records else None)


def trusted(data_dir: str | os.PathLike, today: dt.date, newest_backup: dt.date | None = None) -> bool:
    """Whether `today` may decide what is old (backup rotation): False while the clock looks wrong."""
    return check(today, last_seen(data_dir, newest_backup)) is None
