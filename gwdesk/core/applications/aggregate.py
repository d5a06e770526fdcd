"""Table 三 and table 四 of the annual report, aggregated from the ledger in SQL, and frozen years.

Counting rules: row 1 = received in the year; row 2 (上年结转) = received before 1 January and still
open on that day; rows 3.x = closed (答复/终止) in the year, by outcome; row 4 (结转下年度) = received
by 31 December and still open at its end. So row 1 + row 2 = row 3.7 + row 4 in every column.
Table 四 counts the cases filed in the year, with their result as of 31 December.
"""

from __future__ import annotations

import datetime as dt
import json

from gwdesk.core.applications import (APPLICANT_TYPES, CASE_KIND_KEYS, CASE_RESULTS, OUTCOMES,
                                      TABLE3_ROWS)
from gwdesk.errors import GwdeskError
from gwdesk.store.applications_models import FrozenYear
from gwdesk.store import concurrency
from gwdesk.store.base import db
from gwdesk.store.dialect import run

TABLE4_KEYS = list(CASE_KIND_KEYS.values())
_COL = {t: i for i, t in enumerate(APPLICANT_TYPES)}


class Figures(dict):
    """A table as dict[row key, list[int]]; `frozen` tells whether it comes from a frozen year."""

    frozen: bool = False
    frozen_at: str = ""


def _bounds(year: int) -> tuple[str, str]:
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def _frozen_row(year: int) -> FrozenYear | None:
    return FrozenYear.get_or_none(FrozenYear.year == year)


def _older_half(boundary: str) -> bool:
    # two queries: SQLite answers each from the index ends, but not both in one statement
    lo = run("SELECT MIN(received) FROM application").fetchone()[0]
    hi = run("SELECT MAX(received) FROM application").fetchone()[0]
    if not lo or lo == hi:
        return True
    span = (dt.date.fromisoformat(hi) - dt.date.fromisoformat(lo)).days
    return (dt.date.fromisoformat(boundary) - dt.date.fromisoformat(lo)).days < span / 2


def _wrap(data: dict, frozen_at: str | None) -> Figures:
    f = Figures(data)
    f.frozen = frozen_at is not None
    f.frozen_at = frozen_at or ""
    return f


def live_table3(year: int) -> Figures:
    first, last = _bounds(year)
    t = {key: [0] * 7 for key in TABLE3_ROWS}

    def add(row: str, applicant_type: str, n: int) -> None:
        col = _COL.get(applicant_type)
        if col is not None and n:
            t[row][col] += n

    # Open on a day (received by it, closed after it or not yet): the open rows through their own index (the
    # unary plus, see schema m006), the closed ones through received or closed, whichever range is shorter
    def carried(boundary: str, strict: bool) -> str:
        op = ">" if strict else ">="
        cmp = "<=" if strict else "<"
        closed = (f"+closed {op} ? AND received {cmp} ?" if _older_half(boundary)
                  else f"closed {op} ? AND +received {cmp} ?")
        return ("SELECT applicant_type, COUNT(*) FROM ("
                f" SELECT applicant_type FROM application WHERE +closed IS NULL AND +received {cmp} ?"
                f" UNION ALL SELECT applicant_type FROM application WHERE {closed}) AS open_rows"
                " GROUP BY applicant_type")

    sql = [
        ("1", "SELECT applicant_type, COUNT(*) FROM application "
              "WHERE received BETWEEN ? AND ? GROUP BY applicant_type", (first, last)),
        ("2", carried(first, strict=False), (first,) * 3),  # open on 1 January
        ("4", carried(last, strict=True), (last,) * 3),     # still open after 31 December
    ]
    for row, query, params in sql:
        for applicant_type, n in run(query, params):
            add(row, applicant_type, n)
    for outcome, applicant_type, n in run(
            "SELECT outcome, applicant_type, COUNT(*) FROM application "
            "WHERE closed BETWEEN ? AND ? GROUP BY outcome, applicant_type", (first, last)):
        if outcome in OUTCOMES:
            add(outcome, applicant_type, n)
            add("3.7", applicant_type, n)
    for values in t.values():
        values[6] = sum(values[:6])
    return _wrap(t, None)


def live_table4(year: int) -> Figures:
    first, last = _bounds(year)
    t = {key: [0] * 5 for key in TABLE4_KEYS}
    for kind, result, n in run(
            "SELECT kind, CASE WHEN decided IS NULL OR decided > ? THEN '尚未审结' ELSE result END AS r, "
            "COUNT(*) FROM appeal_case WHERE filed BETWEEN ? AND ? GROUP BY kind, r", (last, first, last)):
        key = CASE_KIND_KEYS.get(kind)
        if key and result in CASE_RESULTS:
            t[key][CASE_RESULTS.index(result)] += n
    for values in t.values():
        values[4] = sum(values[:4])
    return _wrap(t, None)


def table3(year: int) -> Figures:
    """Table 三 for `year`: keys "1", "2", "3.1" … "3.6.3", "3.7", "4"; 7 numbers (6 applicant types + 总计).

    A frozen year returns its frozen figures with `.frozen` set."""
    row = _frozen_row(year)
    if row:
        return _wrap(json.loads(row.table3), row.frozen_at)
    return live_table3(year)


def table4(year: int) -> Figures:
    """Table 四 for `year`: keys review, litigation_direct, litigation_after_review; 5 numbers each."""
    row = _frozen_row(year)
    if row:
        return _wrap(json.loads(row.table4), row.frozen_at)
    return live_table4(year)


def is_frozen(year: int) -> bool:
    return _frozen_row(year) is not None


def freeze(year: int, note: str = "") -> None:
    """Keep `year`'s current figures as sent; later edits to its applications no longer change them."""
    with concurrency.held(f"applications.freeze:{year}", f"{year}年依申请公开数据的锁定"):
        if is_frozen(year):
            raise GwdeskError(f"{year}年的依申请公开数据已经锁定。")
        t3, t4 = live_table3(year), live_table4(year)
        with db.atomic():
            FrozenYear.create(year=year, table3=json.dumps(t3, ensure_ascii=False),
                              table4=json.dumps(t4, ensure_ascii=False),
                              frozen_at=dt.datetime.now().isoformat(timespec="seconds"), note=note)


def unfreeze(year: int) -> None:
    with db.atomic():
        FrozenYear.delete().where(FrozenYear.year == year).execute()


def frozen_differences(year: int) -> list[str]:
    """Cells where the live ledger now differs from the frozen figures (for a warning after late edits)."""
    row = _frozen_row(year)
    if not row:
        return []
    out = []
    cols3 = [*APPLICANT_TYPES, "总计"]
    live3, frozen3 = live_table3(year), json.loads(row.table3)
    for key in TABLE3_ROWS:
        for i, (a, b) in enumerate(zip(frozen3.get(key, [0] * 7), live3[key])):
            if a != b:
                out.append(f"表三 {key} {cols3[i]}：锁定时{a}，现在{b}")
    cols4 = [*CASE_RESULTS, "总计"]
    live4, frozen4 = live_table4(year), json.loads(row.table4)
    for key in TABLE4_KEYS:
        for i, (a, b) in enumerate(zip(frozen4.get(key, [0] * 5), live4[key])):
            if a != b:
                out.append(f"表四 {key} {cols4[i]}：锁定时{a}，现在{b}")
    return out
