"""The 任务台账 as an xlsx: the issuer's columns, then the unit's 完成情况, 佐证, 状态 (formula-safe)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gwdesk.io.tasklist.table import FIELD_LABELS
from gwdesk.io.xlsx_safe import safe_cell

ISSUER_FIELDS = ["task", "measure", "lead", "resp", "deadline", "path", "note"]
OWN_COLUMNS = ["本单位角色", "计划完成日期", "完成情况", "佐证材料", "状态", "完成日期"]


def _issuer_columns(labels: dict[str, str]) -> list[tuple[str, str]]:
    cols = [("seq", labels.get("seq", "序号")), ("category", "类别")]
    for f in ISSUER_FIELDS:
        if f in labels or f in ("task", "measure", "lead", "resp", "deadline"):
            cols.append((f, labels.get(f, FIELD_LABELS[f])))
    return cols


def _value(row, f: str) -> str:
    t = row.task
    return {
        "seq": t.seq or str(t.position),
        "category": "\n".join(x for x in (t.category, t.subcategory) if x),
        "task": t.task, "measure": t.measure, "lead": "、".join(t.lead_units), "resp": "、".join(t.resp_units),
        "deadline": row.deadline, "path": t.publish_path, "note": t.note,
    }[f]


def write_ledger(path: Path, task_list, rows, *, unit_name: str, today: dt.date) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    cols = _issuer_columns(task_list.labels or {})
    headers = [label for _, label in cols] + OWN_COLUMNS
    wb = Workbook()
    ws = wb.active
    ws.title = "任务台账"
    title = f"{unit_name}{task_list.title or f'{task_list.year}年任务清单'}落实台账"
    ws.append([safe_cell(title)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([safe_cell(f"下发单位：{task_list.issuer}　来源文件：{task_list.file_name}　"
                         f"导出日期：{today:%Y年%m月%d日}".replace("年0", "年").replace("月0", "月"))])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    ws.append(headers)
    thin = Side(style="thin", color="808080")
    for c in range(1, len(headers) + 1):
        cell = ws.cell(row=3, column=c)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8E8E8")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        values = [_value(row, f) for f, _ in cols] + [
            row.role, row.due.isoformat() if row.due else "", row.progress_text, row.evidence_text,
            row.status, row.task.done_on.isoformat() if row.task.done_on else ""]
        ws.append([safe_cell(v) for v in values])
    wrap = Alignment(vertical="top", wrap_text=True)
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r in ws.iter_rows(min_row=3, max_row=ws.max_row):
        for cell in r:
            cell.border = border
            if cell.row > 3:
                cell.alignment = wrap
    widths = {"seq": 6, "category": 18, "task": 18, "measure": 50, "lead": 16, "resp": 22, "deadline": 14,
              "path": 24, "note": 12}
    for i, (f, _) in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(f, 14)
    for j, w in enumerate([10, 12, 40, 30, 8, 12], start=len(cols) + 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "C4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
