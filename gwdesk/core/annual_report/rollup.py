"""汇总 for a supervising office: many units' reports → units × findings, missing/late, summed tables.

Files are read by gwdesk.io.report_rollup (which also writes the xlsx). Only figures travel into a
roll-up: narrative texts are neither summed nor exported; the format carries no applicant data.
Lateness is judged by the date inside a file (`as_of`), never by when the file was copied.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from gwdesk.core.annual_report import spec
from gwdesk.core.annual_report.checker import check
from gwdesk.core.annual_report.findings import Finding, count
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.errors import GwdeskError


@dataclass
class Entry:
    """One file of the roll-up (or one expected unit that sent nothing)."""

    unit: str
    file: str = ""
    data: ReportData | None = None
    findings: list[Finding] = field(default_factory=list)
    received: dt.date | None = None  # the date inside the file (its as_of), None when it has none
    status: str = ""  # 已报送 / 未报送 / 无法读取 / 重复报送 / 年份不符
    problem: str = ""  # why a file could not be used
    days_late: int = 0

    @property
    def errors(self) -> int:
        return count(self.findings, "error")

    @property
    def warnings(self) -> int:
        return count(self.findings, "warn")

    @property
    def used(self) -> bool:
        return self.status == "已报送"


@dataclass
class Received:
    """One file as read: its data and import findings, or why it could not be read."""

    file: str
    data: ReportData | None = None
    findings: list[Finding] = field(default_factory=list)
    problem: str = ""


@dataclass
class Rollup:
    year: int
    deadline: dt.date
    entries: list[Entry]
    totals: ReportData
    units_in_totals: int

    @property
    def missing(self) -> list[str]:
        return [e.unit for e in self.entries if e.status == "未报送"]

    @property
    def late(self) -> list[str]:
        return [e.unit for e in self.entries if e.days_late > 0]


def _add(total: list[int], vals: list[int | None]) -> None:
    for i, v in enumerate(vals):
        total[i] += v or 0  # a cell a unit left not entered adds nothing (its R0 finding says so)


def sum_reports(reports: list[ReportData], year: int, unit: str = "合计") -> ReportData:
    """Figures summed over reports; a row, group or field stays not entered only if no report entered it."""
    t = ReportData(year=year, unit=unit)
    for d in reports:
        for block, fields in d.table2.items():
            dst = t.table2.setdefault(block, {})
            for f, v in fields.items():
                if v is None:
                    continue
                zero = Decimal(0) if (block, f) in spec.MONEY_FIELDS else 0
                dst[f] = (dst.get(f) or zero) + v
        for row, vals in d.table3.items():
            _add(t.table3.setdefault(row, [0] * 7), vals)
        for g, vals in d.table4.items():
            _add(t.table4.setdefault(g, [0] * 5), vals)
    return t


def collect(received: list[Received], *, year: int | None = None, expected: dict[str, str] | None = None,
            deadline: dt.date | None = None) -> Rollup:
    """Check every report (R9 with the expected list's level), flag missing/late/duplicates.

    A unit that sent twice: the file with the later `as_of` is used (in file order when equal or undated).
    """
    expected = expected or {}
    entries: list[Entry] = []
    for rc in received:
        if rc.data is None:
            entries.append(Entry(unit="", file=rc.file, status="无法读取", problem=rc.problem))
            continue
        unit = rc.data.unit or rc.file.rsplit(".", 1)[0]
        entries.append(Entry(unit=unit, file=rc.file, data=rc.data, findings=rc.findings,
                             received=rc.data.as_of, status="已报送"))
    if year is None:
        years = Counter(e.data.year for e in entries if e.data)
        if not years:
            raise GwdeskError("没有可汇总的年度报告文件")
        year = years.most_common(1)[0][0]
    deadline = deadline or dt.date(year + 1, 1, 31)
    newest: dict[str, Entry] = {}
    for e in entries:
        if e.data is None:
            continue
        if e.data.year != year:
            e.status, e.problem = "年份不符", f"报告年度为{e.data.year}年，本次汇总{year}年"
            continue
        held = newest.get(e.unit)
        if held is None or (e.received or dt.date.min) > (held.received or dt.date.min):
            newest[e.unit] = e
    for e in entries:
        if e.status != "已报送" or newest.get(e.unit) is e:
            continue
        keep = newest[e.unit]
        e.status, e.problem = "重复报送", f"同一单位有多个报告文件，汇总{keep.file}（日期{_day(keep.received)}）"
    seen = set(newest)
    for e in newest.values():
        e.findings = e.findings + check(e.data, level=expected.get(e.unit) or None)
        if e.received is None:
            e.problem = "文件中没有报送日期（as_of），无法判断是否逾期"
        elif e.received > deadline:
            e.days_late = (e.received - deadline).days
    for name in expected:
        if name not in seen:
            entries.append(Entry(unit=name, status="未报送", problem=f"截至汇总时未收到{year}年度报告"))
    used = [e.data for e in entries if e.used and e.data is not None]
    return Rollup(year=year, deadline=deadline, entries=entries, totals=sum_reports(used, year), units_in_totals=len(used))




def _day(d: dt.date | None) -> str:
    return d.isoformat() if d else "未注明"


SEVERITY = {"error": "错误", "warn": "提醒"}
