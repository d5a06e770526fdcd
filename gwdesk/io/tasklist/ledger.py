"""The 任务台账 as an xlsx: the issuer's columns, then the unit's 完成情况, 佐证, 状态 (formula-safe)."""

from __future__ import annotations

from pathlib import Path

from gwdesk.io.tasklist.table import FIELD_LABELS

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


def write_ledger(path: Path, data) -> Path:
    """Write `data` (gwdesk.core.tasks.export.LedgerData) as a print-ready 台账."""
    from openpyxl import Workbook

    from gwdesk.io.xlsx_layout import write_table

    cols = _issuer_columns(data.labels or {})
    headers = [label for _, label in cols] + OWN_COLUMNS
    wb = Workbook()
    ws = wb.active
    ws.title = "任务台账"
    # the list's own name makes the title; the unit stands on the line below (not run together with the list's
    # name: “梁平区民政局梁平区2021年…”)
    title = f"{data.title or f'{data.issuer}{data.year}年任务清单'}落实台账"
    unit = f"填报单位：{data.unit_name}　" if data.unit_name else ""
    note = (f"{unit}下发单位：{data.issuer}　来源文件：{data.file_name}　"
            f"导出日期：{data.today:%Y年%m月%d日}".replace("年0", "年").replace("月0", "月"))
    rows = ([_value(row, f) for f, _ in cols] + [
        row.role, row.due.isoformat() if row.due else "", row.progress_text, row.evidence_text,
        row.status, row.task.done_on.isoformat() if row.task.done_on else ""] for row in data.rows)
    # the other widths follow the text there (gwdesk.io.xlsx_layout.balance_widths): the issuer's long 举措
    # get room, empty 完成情况/佐证 columns do not
    widths = {i: 6 for i, (f, _) in enumerate(cols, start=1) if f == "seq"}
    write_table(ws, title, headers, rows, notes=[note], freeze_cols=2, widths=widths)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
