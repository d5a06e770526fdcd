"""The office's 汇总 as a print-ready xlsx: task × unit matrix, each unit's completion, who sent what."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from gwdesk.core.office.rollup import OfficeRollup, Row, UnitReport
from gwdesk.errors import GwdeskError, os_error_text
from gwdesk.io.xlsx_layout import write_table

SHORT = {"已完成": "完成", "推进中": "推进", "未启动": "未启", "不适用": "不适用", "逾期": "逾期"}
FILL = {"已完成": "C6EFCE", "推进中": "FFEB9C", "未启动": "EDEDED", "逾期": "FFC7CE", "不适用": "FFFFFF"}
LEGEND = "图例：完成（绿）、推进（黄）、未启（灰）、逾期（红）；★ 为牵头单位，其余为责任单位；空白为该单位不承担此项。"


def _day(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def cell_text(status: str, role: str) -> str:
    return ("★" if role == "牵头" else "") + SHORT.get(status, status)


def _rate(u: UnitReport) -> str:
    return "—" if u.rate is None else f"{u.rate:.0%}"


def write(r: OfficeRollup, path: str | Path, *, rows: list[Row] | None = None,
          units: list[UnitReport] | None = None) -> Path:
    """Three sheets; `rows`/`units` narrow the matrix to what the screen's filters show."""
    rows = r.rows if rows is None else rows
    units = r.units if units is None else units
    title = r.identity.title or f"{r.identity.issuer}{r.identity.year}年政务公开任务清单"
    wb = Workbook()
    ws = wb.active
    ws.title = "任务落实矩阵"
    header = ["序号", "类别", "工作任务", *[u.name for u in units], "完成/承担"]
    body = []
    for row in rows:
        cells = [u.cells.get(row.position) for u in units]
        taken = [c for c in cells if c is not None]
        body.append([row.seq, row.category, row.label, *[cell_text(c.status, c.role) if c else "" for c in cells],
                     f"{sum(1 for c in taken if c.status == '已完成')}/{len(taken)}"])
    write_table(ws, f"《{title}》落实情况汇总", header, body, freeze_cols=3,
                notes=[f"截至{_day(r.today)}　收到{len(r.units)}个单位的报送　{LEGEND}"])
    first = 4  # title, note, header
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fills = {k: PatternFill("solid", fgColor=v) for k, v in FILL.items()}
    for i, row in enumerate(rows):
        for j, u in enumerate(units):
            c = u.cells.get(row.position)
            cell = ws.cell(first + i, 4 + j)
            cell.alignment = centre
            if c is not None:
                cell.fill = fills.get(c.status, fills["不适用"])
                if c.role == "牵头":
                    cell.font = Font(bold=True)
        ws.cell(first + i, 4 + len(units)).alignment = centre

    head = ["序号", "单位", "层级", "报送截至", "逾期报送（天）", "承担任务", "其中牵头", "已完成", "推进中", "未启动",
            "逾期", "不适用", "完成率"]
    data = [[i, u.name, u.level, u.as_of.isoformat(), u.days_late or "", len(u.cells), u.lead, u.count("已完成"),
             u.count("推进中"), u.count("未启动"), u.count("逾期"), u.count("不适用"), _rate(u)]
            for i, u in enumerate(units, start=1)]
    deadline = f"（报送截止{_day(r.deadline)}）" if r.deadline else ""
    write_table(wb.create_sheet("单位完成情况"), f"各单位任务完成情况{deadline}", head, data, freeze_cols=2)

    files = [[f.file, f.unit, f.as_of.isoformat() if f.as_of else "", f.status, f.problem] for f in r.files]
    files += [["", name, "", "未报送", "清单中点名的单位，未收到报送文件"] for name in r.missing]
    write_table(wb.create_sheet("报送情况"), "报送文件与未报送单位", ["文件", "单位", "截至日期", "状态", "说明"], files)
    p = Path(path)
    try:
        wb.save(p)
    except OSError as e:
        raise GwdeskError(f"无法保存汇总表 {p.name}：{os_error_text(e)}（文件是否正在 Excel 中打开？）") from e
    return p
