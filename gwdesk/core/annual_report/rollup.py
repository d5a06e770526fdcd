"""汇总 for a supervising office: many units' JSON reports → units × findings, summed tables, xlsx.

Only figures travel into a roll-up: narrative texts are neither summed nor exported, and the
format carries no applicant data at all.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from gwdesk.core.annual_report import spec
from gwdesk.core.annual_report.checker import check
from gwdesk.core.annual_report.findings import Finding, count
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.errors import GwdeskError, ImportRejected
from gwdesk.io import report_json


@dataclass
class Entry:
    """One file of the roll-up (or one expected unit that sent nothing)."""

    unit: str
    file: str = ""
    data: ReportData | None = None
    findings: list[Finding] = field(default_factory=list)
    received: dt.date | None = None  # the file's modification date
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


def json_files(inputs: list[str | Path]) -> list[Path]:
    """Files named directly, plus every *.json in folders named (not recursive), in name order."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(x for x in p.iterdir() if x.suffix.lower() == ".json" and x.is_file()))
        elif p.is_file():
            out.append(p)
        else:
            raise GwdeskError(f"找不到文件或文件夹：{p}")
    return out


def read_expected(path: str | Path) -> dict[str, str]:
    """Expected units, one a line: `单位名称` or `单位名称<Tab or ,>层级`; returns name → level ('' if none)."""
    out: dict[str, str] = {}
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise GwdeskError(f"无法读取应报单位名单 {Path(path).name}：{e}") from e
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for sep in ("\t", ",", "，"):
            if sep in line:
                name, level = (x.strip() for x in line.split(sep, 1))
                break
        else:
            name, level = line, ""
        out[name] = level
    return out


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


def collect(inputs: list[str | Path], *, year: int | None = None, expected: dict[str, str] | None = None,
            deadline: dt.date | None = None, lenient: bool = True) -> Rollup:
    """Read every report, check each (R9 with the expected list's level), flag missing/late/duplicates."""
    expected = expected or {}
    entries: list[Entry] = []
    for path in json_files(inputs):
        received = dt.date.fromtimestamp(path.stat().st_mtime)
        try:
            data, findings = report_json.read(path, lenient=lenient)
        except ImportRejected as e:
            entries.append(Entry(unit="", file=path.name, received=received, status="无法读取",
                                 problem=e.message))
            continue
        entries.append(Entry(unit=data.unit or path.stem, file=path.name, data=data, findings=findings,
                             received=received, status="已报送"))
    if year is None:
        years = Counter(e.data.year for e in entries if e.data)
        if not years:
            raise GwdeskError("没有可汇总的年度报告文件")
        year = years.most_common(1)[0][0]
    deadline = deadline or dt.date(year + 1, 1, 31)
    seen: set[str] = set()
    for e in entries:
        if e.data is None:
            continue
        if e.data.year != year:
            e.status, e.problem = "年份不符", f"报告年度为{e.data.year}年，本次汇总{year}年"
            continue
        if e.unit in seen:
            e.status, e.problem = "重复报送", "同一单位有多个报告文件，只汇总第一个"
            continue
        seen.add(e.unit)
        e.findings = e.findings + check(e.data, level=expected.get(e.unit) or None)
        if e.received and e.received > deadline:
            e.days_late = (e.received - deadline).days
    for name in expected:
        if name not in seen:
            entries.append(Entry(unit=name, status="未报送", problem=f"截至汇总时未收到{year}年度报告"))
    used = [e.data for e in entries if e.used and e.data is not None]
    return Rollup(year=year, deadline=deadline, entries=entries, totals=sum_reports(used, year), units_in_totals=len(used))


# ---- xlsx ---------------------------------------------------------------------------------------

SEVERITY = {"error": "错误", "warn": "提醒"}


def _sheet(wb, title: str, header: list[str], rows: list[list], widths: list[int], caption: str = ""):
    from openpyxl.styles import Alignment, Font

    from gwdesk.io.xlsx_safe import safe_cell

    ws = wb.create_sheet(title)
    if caption:
        ws.append([safe_cell(caption)])
        ws.cell(1, 1).font = Font(bold=True, size=13)
    ws.append(header)
    hrow = ws.max_row
    for c in range(1, len(header) + 1):
        ws.cell(hrow, c).font = Font(bold=True)
        ws.cell(hrow, c).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(hrow, i).column_letter].width = w
    ws.freeze_panes = ws.cell(hrow + 1, 1)
    return ws


def _num(v):
    if v is None:
        return ""
    return float(v) if isinstance(v, Decimal) else v


def export_xlsx(r: Rollup, path: str | Path) -> Path:
    """报送情况, 问题明细 and the three summed tables; every text cell formula-safe."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    rows = []
    for i, e in enumerate(sorted(r.entries, key=lambda e: (e.status != "已报送", e.unit)), start=1):
        rules = sorted({f.rule for f in e.findings}, key=lambda x: (len(x), x))
        rows.append([i, e.unit, e.file, e.status, e.received.isoformat() if e.received else "",
                     e.days_late or "", e.errors, e.warnings, "、".join(rules), e.problem])
    _sheet(wb, "报送情况", ["序号", "单位", "文件", "状态", "收到日期", "逾期天数", "错误", "提醒", "涉及规则", "说明"],
           rows, [6, 28, 28, 10, 12, 9, 7, 7, 18, 50],
           f"{r.year}年度政府信息公开工作年度报告报送情况（截止日期{r.deadline:%Y年%m月%d日}）")
    detail = [[e.unit, f.rule, SEVERITY.get(f.severity, f.severity), f.where, f.message]
              for e in r.entries if e.used for f in e.findings]
    _sheet(wb, "问题明细", ["单位", "规则", "严重程度", "位置", "说明"], detail, [28, 8, 9, 36, 90])

    t = r.totals
    t2 = [[block.caption, item.label, lab, _num(t.t2(item.key, f))]
          for block in spec.TABLE2 for item in block.items for f, lab in block.fields]
    cap = f"{r.year}年度汇总（{r.units_in_totals}个单位）"
    _sheet(wb, "表二汇总", ["条款", "信息内容", "项目", "合计"], t2, [20, 18, 28, 12], cap + " 二、主动公开政府信息情况")
    t3 = []
    for row in spec.T3_ROWS:
        label = (f"{spec.T3_RESULT_GROUP}·" if row.id.startswith("3.") else "") + (
            f"{row.group}·" if row.group else "") + row.label
        vals = t.table3.get(row.id)
        t3.append([row.id, label] + (list(vals) if vals else [""] * 7))
    _sheet(wb, "表三汇总", ["行", "项目", *spec.T3_COLUMNS], t3, [7, 60] + [10] * 7,
           cap + " 三、收到和处理政府信息公开申请情况")
    t4 = [[lab] + (list(t.table4[g]) if g in t.table4 else [""] * 5) for g, lab in spec.T4_GROUPS]
    _sheet(wb, "表四汇总", ["类别", *spec.T4_LEAVES], t4, [20] + [10] * 5,
           cap + " 四、政府信息公开行政复议、行政诉讼情况")
    p = Path(path)
    try:
        wb.save(p)
    except OSError as e:
        raise GwdeskError(f"无法保存汇总表 {p.name}：{e.strerror or e}（文件是否正在 Excel 中打开？）") from e
    return p
