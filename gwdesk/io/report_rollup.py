"""The annual-report roll-up's files: read many `gwdesk.annual-report/1` files, write the print-ready xlsx.

    r = collect([folder], expected=read_expected("应报单位.txt"))   # core's roll-up over the files read
    export_xlsx(r, "汇总.xlsx")
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from gwdesk.core.annual_report import rollup, spec
from gwdesk.core.annual_report.rollup import SEVERITY, Rollup
from gwdesk.errors import GwdeskError, ImportRejected, os_error_text
from gwdesk.io import report_json
from gwdesk.io.xlsx_layout import write_table


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


def read_reports(inputs: list[str | Path], *, lenient: bool = True) -> list[rollup.Received]:
    """Every file read; a damaged one carries its problem instead of data."""
    out = []
    for path in json_files(inputs):
        try:
            data, findings = report_json.read(path, lenient=lenient)
        except ImportRejected as e:
            out.append(rollup.Received(path.name, problem=e.message))
            continue
        out.append(rollup.Received(path.name, data, findings))
    return out


def collect(inputs: list[str | Path], *, year: int | None = None, expected: dict[str, str] | None = None,
            deadline: dt.date | None = None, lenient: bool = True) -> Rollup:
    """Read the files named or found in the folders named, and roll them up (gwdesk.core.annual_report.rollup)."""
    return rollup.collect(read_reports(inputs, lenient=lenient), year=year, expected=expected, deadline=deadline)


def _sheet(wb, title: str, header: list[str], rows: list[list], caption: str):
    return write_table(wb.create_sheet(title), caption, header, rows)


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
    _sheet(wb, "报送情况", ["序号", "单位", "文件", "状态", "报送日期", "逾期天数", "错误", "提醒", "涉及规则", "说明"],
           rows,
           f"{r.year}年度政府信息公开工作年度报告报送情况（截止日期{r.deadline:%Y年%m月%d日}）")
    detail = [[e.unit, f.rule, SEVERITY.get(f.severity, f.severity), f.where, f.message]
              for e in r.entries if e.used for f in e.findings]
    _sheet(wb, "问题明细", ["单位", "规则", "严重程度", "位置", "说明"], detail, f"{r.year}年度报告校验问题明细")

    t = r.totals
    t2 = [[block.caption, item.label, lab, _num(t.t2(item.key, f))]
          for block in spec.TABLE2 for item in block.items for f, lab in block.fields]
    cap = f"{r.year}年度汇总（{r.units_in_totals}个单位）"
    _sheet(wb, "表二汇总", ["条款", "信息内容", "项目", "合计"], t2, cap + " 二、主动公开政府信息情况")
    t3 = []
    for row in spec.T3_ROWS:
        label = (f"{spec.T3_RESULT_GROUP}·" if row.id.startswith("3.") else "") + (
            f"{row.group}·" if row.group else "") + row.label
        vals = t.table3.get(row.id)
        t3.append([row.id, label] + (list(vals) if vals else [""] * 7))
    _sheet(wb, "表三汇总", ["行", "项目", *spec.T3_COLUMNS], t3, cap + " 三、收到和处理政府信息公开申请情况")
    t4 = [[lab] + (list(t.table4[g]) if g in t.table4 else [""] * 5) for g, lab in spec.T4_GROUPS]
    _sheet(wb, "表四汇总", ["类别", *spec.T4_LEAVES], t4, cap + " 四、政府信息公开行政复议、行政诉讼情况")
    p = Path(path)
    try:
        wb.save(p)
    except OSError as e:
        raise GwdeskError(f"无法保存汇总表 {p.name}：{os_error_text(e)}（文件是否正在 Excel 中打开？）") from e
    return p
