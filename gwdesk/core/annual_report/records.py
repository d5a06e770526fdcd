"""Reports kept in the store: load, save (refused once frozen), freeze, mark sent, last year's report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gwdesk.core import users
from gwdesk.core.annual_report import codec, spec
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.errors import ConflictError, GwdeskError
from gwdesk.store import concurrency
from gwdesk.store.base import db
from gwdesk.store.report_models import AnnualReport


@dataclass
class Stored:
    data: ReportData
    sources: dict[str, str] = field(default_factory=dict)
    frozen: bool = False
    sent: bool = False
    sent_on: str = ""
    version: int = 1  # the stored version (pass it back to save as seen_version)


def _row(unit: str, year: int) -> AnnualReport | None:
    return AnnualReport.get_or_none((AnnualReport.unit == unit) & (AnnualReport.year == year))


def load(unit: str, year: int) -> Stored | None:
    row = _row(unit, year)
    if row is None:
        return None
    data, _ = codec.loads(row.data, lenient=True)
    return Stored(data, dict(row.sources or {}), bool(row.frozen), bool(row.sent), row.sent_on, row.version)


def load_data(unit: str, year: int) -> ReportData | None:
    s = load(unit, year)
    return s.data if s else None


def years(unit: str) -> list[int]:
    q = AnnualReport.select(AnnualReport.year).where(AnnualReport.unit == unit).order_by(AnnualReport.year)
    return [r.year for r in q]


def save(data: ReportData, sources: dict[str, str] | None = None, *, seen_version: int | None = None) -> int:
    """Insert or replace the report of data.unit/data.year; a frozen report cannot be changed. Returns the
    stored version; `seen_version` (the one the clerk's screen was read at; 0: the screen saw no stored
    report): another clerk's save since raises ConflictError (with the report as stored now, a `Stored`,
    and the differences) and nothing is written."""
    if not data.unit.strip():
        raise GwdeskError("报告缺少单位名称，无法保存")
    with db.atomic():
        row = _row(data.unit, data.year)
        if row is not None and row.frozen:
            raise GwdeskError(f"{data.year}年度报告已定稿，不能再修改；如需修改请先取消定稿")
        now = dt.datetime.now().isoformat(timespec="seconds")
        text = codec.dumps(data)
        if row is None:
            return AnnualReport.create(unit=data.unit, year=data.year, data=text, sources=sources or {},
                                       updated_at=now).version
        values = dict(data=text, updated_at=now) | ({"sources": sources} if sources is not None else {})
        try:
            return concurrency.checked_update(AnnualReport, row.id, seen_version, f"{data.year}年度报告",
                                              **values)
        except ConflictError as e:
            theirs = load(data.unit, data.year)
            if theirs is None:
                raise
            message = e.message if seen_version else (f"{data.year}年度报告已由其他同事新建并保存（第 "
                                                      f"{theirs.version} 版），您的修改尚未保存。")
            raise ConflictError(message, current=theirs, differences=differences(data, theirs.data)) from None


def differences(mine: ReportData, theirs: ReportData) -> list[tuple[str, str, str]]:
    """(cell, mine, theirs) for each figure and text of the report that differs, in the report's order."""
    def show(v) -> str:
        if v is None or v == "":
            return "（未填）"
        return str(v).replace("\n", " ")
    out = []
    for key in dict.fromkeys([*spec.T2_FIELDS, *mine.table2, *theirs.table2]):
        for fld in spec.T2_FIELDS.get(key, ()):
            a, b = mine.t2(key, fld), theirs.t2(key, fld)
            if a != b:
                out.append((spec.cell_name("2", key, fld), show(a), show(b)))
    for table, rows, cols in (("3", spec.T3_IDS, len(spec.T3_COLUMNS)),
                              ("4", spec.T4_GROUP_KEYS, len(spec.T4_LEAVES))):
        mine_t, theirs_t = getattr(mine, f"table{table}"), getattr(theirs, f"table{table}")
        for row in dict.fromkeys([*rows, *mine_t, *theirs_t]):
            a_row, b_row = mine_t.get(row) or [None] * cols, theirs_t.get(row) or [None] * cols
            for col in range(cols):
                a, b = a_row[col] if col < len(a_row) else None, b_row[col] if col < len(b_row) else None
                if a != b:
                    out.append((spec.cell_name(table, row, col), show(a), show(b)))
    for key in dict.fromkeys([*spec.TEXT_KEYS, *mine.text, *theirs.text]):
        a, b = mine.text.get(key, ""), theirs.text.get(key, "")
        if a.strip() != b.strip():
            out.append((spec.cell_name("text", key, None), show(a), show(b)))
    return out


def set_frozen(unit: str, year: int, frozen: bool) -> None:
    users.require("annual_report.freeze")
    with concurrency.held(f"annual_report.freeze:{unit}:{year}", f"{year}年度报告的{'定稿' if frozen else '取消定稿'}"):
        _set_frozen(unit, year, frozen)


def _set_frozen(unit: str, year: int, frozen: bool) -> None:
    n = AnnualReport.update(frozen=frozen, version=AnnualReport.version + 1).where((AnnualReport.unit == unit) & (AnnualReport.year == year)).execute()
    if not n:
        raise GwdeskError(f"没有{year}年度报告")


def mark_sent(unit: str, year: int, on: dt.date) -> None:
    users.require("annual_report.freeze")
    n = (AnnualReport.update(sent=True, sent_on=on.isoformat(), frozen=True, version=AnnualReport.version + 1)
         .where((AnnualReport.unit == unit) & (AnnualReport.year == year)).execute())
    if not n:
        raise GwdeskError(f"没有{year}年度报告")
