"""The audit trail as an xlsx sheet (修改记录): one row per change, the values before and after as written."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HEAD = ["时间", "用户", "记录类型", "记录编号", "操作", "修改前", "修改后"]
KINDS = {"review_form": "意见单", "application": "依申请公开", "task": "任务", "annual_report": "年度报告",
         "unit_profile": "单位信息", "app_user": "用户"}


def _values(text: str) -> str:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return text
    return "；".join(f"{k}：{v}" for k, v in data.items()) if isinstance(data, dict) else str(data)


def write(rows: list[tuple], out: Path) -> Path:
    if out.suffix.lower() != ".xlsx":
        out = out.with_name(out.name + ".xlsx")
    wb = Workbook()
    ws = wb.active
    ws.title = "修改记录"
    ws.append(HEAD)
    for c in ws[1]:
        c.font = Font(bold=True)
    for at, by, table, row_id, action, before, after in rows:
        ws.append([at.replace("T", " "), by, KINDS.get(table, table), row_id, action, _values(before), _values(after)])
    for col, width in zip("ABCDEFG", (20, 18, 12, 10, 8, 50, 50)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for c in row[5:]:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
