"""Table 三 and table 四 of the annual report, aggregated from the ledger in SQL, and frozen years.

Counting rules: row 1 = received in the year; row 2 (上年结转) = received before 1 January and still
open on that day; rows 3.x = closed (答复/终止) in the year, by outcome; row 4 (结转下年度) = received
by 31 December and still open at its end. So row 1 + row 2 = row 3.7 + row 4 in every column.
An application's first answer is its 办结 (application.closed); a later 重新答复 is recorded, not counted again.
Voided applications and cases count nowhere: the queries over every row stay as they were (their indexes
answer them) and the few voided rows, read through their own index, are taken off.

Table 四 counts, by the setting TABLE4_SETTING: the cases filed in the year with their result as of
31 December (FILED, the default), or also those filed earlier and decided in the year, with their result
(FILED_OR_DECIDED), so a case decided the year after it was filed has its result reported.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Callable, TypeVar

from gwdesk.core.applications import (APPLICANT_TYPES, CASE_KIND_KEYS, CASE_RESULTS, OUTCOMES,
                                      TABLE3_ROWS)
from gwdesk.core import users
from gwdesk.core.applications import history
from gwdesk.errors import GwdeskError
from gwdesk.store.applications_models import FrozenYear
from gwdesk.store import concurrency
from gwdesk.store.base import db
from gwdesk.store.dialect import run
from gwdesk.store.models import Setting
from gwdesk.store.report_models import AnnualReport

TABLE4_KEYS = list(CASE_KIND_KEYS.values())
_COL = {t: i for i, t in enumerate(APPLICANT_TYPES)}
T = TypeVar("T")

# 表四's year: which cases a year's table counts (a setting; the default is the reading most 汇总 offices use)
TABLE4_SETTING = "applications.table4_year"
FILED, FILED_OR_DECIDED = "filed", "filed_or_decided"
TABLE4_MODES = {
    FILED: "按提起年度：本年提起的复议、诉讼案件，结果截至12月31日",
    FILED_OR_DECIDED: "按提起或审结年度：本年提起的案件（结果截至12月31日），加上以前年度提起、本年审结的案件（按审结结果）",
}
TABLE4_DEFAULT = FILED
T3_ROW_LABELS = {"1": "一、本年新收", "2": "二、上年结转", "3.7": "（七）总计", "4": "四、结转下年度"}
T4_LABELS = {"review": "行政复议", "litigation_direct": "未经复议直接起诉", "litigation_after_review": "复议后起诉"}


def table4_mode() -> str:
    mode = Setting.get_value(TABLE4_SETTING, TABLE4_DEFAULT)
    return mode if mode in TABLE4_MODES else TABLE4_DEFAULT


def set_table4_mode(mode: str) -> None:
    if mode not in TABLE4_MODES:
        raise GwdeskError(f"表四统计口径应为{'、'.join(TABLE4_MODES.values())}之一")
    with db.atomic():
        Setting.set_value(TABLE4_SETTING, mode)


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
    # the voided rows, counted by the same rules and taken off
    for received, closed, applicant_type, outcome in run(
            "SELECT received, closed, applicant_type, outcome FROM application WHERE voided IS NOT NULL"
            " AND received <= ?", (last,)):
        if first <= received <= last:
            add("1", applicant_type, -1)
        if received < first and (closed is None or closed >= first):
            add("2", applicant_type, -1)
        if closed is None or closed > last:
            add("4", applicant_type, -1)
        elif first <= closed <= last and outcome in OUTCOMES:
            add(outcome, applicant_type, -1)
            add("3.7", applicant_type, -1)
    for values in t.values():
        values[6] = sum(values[:6])
    return _wrap(t, None)


def live_table4(year: int, mode: str | None = None) -> Figures:
    first, last = _bounds(year)
    mode = mode or table4_mode()
    t = {key: [0] * 5 for key in TABLE4_KEYS}
    which = "filed BETWEEN :first AND :last"
    if mode == FILED_OR_DECIDED:
        which = f"({which} OR (filed < :first AND decided BETWEEN :first AND :last AND result != '尚未审结'))"
    for kind, result, n in run(
            "SELECT kind, CASE WHEN decided IS NULL OR decided > :last THEN '尚未审结' ELSE result END AS r, "
            f"COUNT(*) FROM appeal_case WHERE {which} AND voided IS NULL GROUP BY kind, r",
            {"first": first, "last": last}):
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
    users.require("applications.freeze")
    with concurrency.held(f"applications.freeze:{year}", f"{year}年依申请公开数据的锁定"):
        if is_frozen(year):
            raise GwdeskError(f"{year}年的依申请公开数据已经锁定。")
        mode = table4_mode()
        t3, t4 = live_table3(year), live_table4(year, mode)
        note = (note + "\n" if note else "") + f"表四{TABLE4_MODES[mode].split('：')[0]}"
        with db.atomic():
            FrozenYear.create(year=year, table3=json.dumps(t3, ensure_ascii=False),
                              table4=json.dumps(t4, ensure_ascii=False),
                              frozen_at=dt.datetime.now().isoformat(timespec="seconds"), note=note)


def year_mode(year: int) -> str:
    """The 表四 reading `year`'s figures use: the one recorded when it was locked, else the setting."""
    row = _frozen_row(year)
    if row:
        for mode, text in TABLE4_MODES.items():
            if f"表四{text.split('：')[0]}" in (row.note or ""):
                return mode
        return FILED  # locked before the reading was a setting: counted by the year cases were filed
    return table4_mode()


def unfreeze(year: int) -> None:
    users.require("applications.freeze")
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
    cols4 = [*CASE_RESULTS, "总计"]
    live4, frozen4 = live_table4(year), json.loads(row.table4)
    for key in TABLE3_ROWS:
        for i, (a, b) in enumerate(zip(frozen3.get(key, [0] * 7), live3[key])):
            if a != b:
                out.append(f"表三 {key} {cols3[i]}：锁定时{a}，现在{b}")
    for key in TABLE4_KEYS:
        for i, (a, b) in enumerate(zip(frozen4.get(key, [0] * 5), live4[key])):
            if a != b:
                out.append(f"表四 {key} {cols4[i]}：锁定时{a}，现在{b}")
    return out


# --- changes that move a locked year's figures ------------------------------------------------------------

def cell_label(table: str, key: str, col: int) -> str:
    if table == "3":
        from gwdesk.core.applications import outcome_short
        row = T3_ROW_LABELS.get(key) or outcome_short(key)
        return f"表三“{row}”{[*APPLICANT_TYPES, '总计'][col]}"
    return f"表四“{T4_LABELS.get(key, key)}”{[*CASE_RESULTS, '总计'][col]}"


class MovesLockedYear(GwdeskError):
    """The change would move figures of a year marked complete (its ledger figures locked, or its annual report
    定稿/报送): `moves` by year, `kinds` by year ("locked" / "final"); ask the clerk first."""

    def __init__(self, moves: dict[int, list[str]], kinds: dict[int, str] | None = None):
        self.moves, self.kinds = moves, kinds or {y: "locked" for y in moves}
        what = {"locked": "依申请公开数据已锁定", "final": "年度报告已定稿"}
        lines = [f"{y}年（{what[self.kinds[y]]}）：" + "；".join(cells) for y, cells in sorted(moves.items())]
        super().__init__("这一改动会使已完成年度的以下单元格变化：\n" + "\n".join(lines))


class _Refused(Exception):
    def __init__(self, moves, kinds):
        self.moves, self.kinds = moves, kinds


def _figures(year: int) -> tuple[Figures, Figures]:
    return live_table3(year), live_table4(year)


def _moves(before, after) -> list[tuple[str, str, int, int, int]]:
    out = []
    for table, b, a in (("3", before[0], after[0]), ("4", before[1], after[1])):
        for key in b:
            for i, (x, y) in enumerate(zip(b[key], a[key])):
                if x != y:
                    out.append((table, key, i, x, y))
    return out


def complete_years() -> dict[int, str]:
    """Years marked complete: "locked" (the ledger's figures locked in 年度统计) or "final" (an annual report of
    that year 定稿 or 报送, the ledger not locked)."""
    out = {y: "final" for (y,) in AnnualReport.select(AnnualReport.year).where(AnnualReport.frozen == True)  # noqa: E712
           .distinct().tuples()}
    out.update({y: "locked" for (y,) in FrozenYear.select(FrozenYear.year).tuples()})
    return out


def guarded(change: Callable[[], T], *, confirm: bool = False, what: str = "") -> T:
    """Run `change` (a ledger write); when it moves the figures of a year marked complete, refuse with
    MovesLockedYear (nothing saved) unless `confirm`. Confirmed, a locked year's figures move by the same amounts
    (figures it already differed by stay as they were); a 定稿 report is left as sent, and the history says which of
    its cells the ledger no longer matches."""
    years = complete_years()
    if not years:
        return change()
    before = {y: _figures(y) for y in years}
    try:
        with db.atomic():
            result = change()
            moved = {y: m for y in years if (m := _moves(before[y], _figures(y)))}
            if moved and not confirm:
                raise _Refused({y: [f"{cell_label(t, k, i)} {x}→{v}" for t, k, i, x, v in m]
                                for y, m in moved.items()}, {y: years[y] for y in moved})
            for y, m in moved.items():
                cells = "；".join(f"{cell_label(t, k, i)} {x}→{v}" for t, k, i, x, v in m)
                if years[y] == "final":
                    history.record(f"{y}年度报告已定稿，台账与其不再一致", f"{what}：{cells}")
                    continue
                row = FrozenYear.get_by_id(y)
                t3, t4 = json.loads(row.table3), json.loads(row.table4)
                for t, k, i, x, v in m:
                    target = t3 if t == "3" else t4
                    target.setdefault(k, [0] * (7 if t == "3" else 5))[i] += v - x
                row.table3, row.table4 = json.dumps(t3, ensure_ascii=False), json.dumps(t4, ensure_ascii=False)
                row.note = (row.note + "\n" if row.note else "") + f"{history.now()[:16]} {what}：{cells}"
                row.save()
                history.record(f"更新{y}年锁定数字", f"{what}：{cells}")
    except _Refused as r:
        raise MovesLockedYear(r.moves, r.kinds) from None
    return result
