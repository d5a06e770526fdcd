"""Writes the 公开信息登记表 and 不予公开政府信息登记表 (gathered by gwdesk.core.review.registers) as one xlsx.

Every text cell goes through `safe_cell` (formula injection); the sheets print on A4 landscape, one page
wide, with the header row repeated.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gwdesk.core.review.registers import Registers
from gwdesk.errors import GwdeskError
from gwdesk.io.xlsx_safe import safe_cell

OPEN_SHEET = "公开信息登记表"
WITHHELD_SHEET = "不予公开政府信息登记表"

OPEN_COLUMNS = [("序号", 6), ("编号", 10), ("文件标题", 36), ("发文字号", 18), ("拟稿科室", 12),
                ("成文日期", 12), ("公开属性", 11), ("内容描述", 40), ("公开范围", 10), ("公开方式", 20),
                ("公开栏目/路径", 26), ("拟公开日期", 12), ("实际公开日期", 12), ("网址或位置", 28),
                ("行政规范性文件", 8), ("政策解读", 24), ("说明", 24), ("状态", 8)]
WITHHELD_COLUMNS = [("序号", 6), ("编号", 10), ("文件标题", 36), ("发文字号", 18), ("拟稿科室", 12),
                    ("成文日期", 12), ("公开属性", 11), ("内容描述", 36), ("不予公开（删减）内容", 26),
                    ("理由（条例条款）", 30), ("理由说明", 50), ("审定状态", 8)]

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def open_rows(regs: Registers) -> list[list]:
    return [[i, r.number, r.title, r.doc_number, r.dept, r.doc_date, r.attribute, r.description, r.scope,
             r.channels, r.column, r.planned_date, r.published_date, r.url, "是" if r.normative else "否",
             r.interpretation, r.note, r.status] for i, r in enumerate(regs.open_rows, 1)]


def withheld_rows(regs: Registers) -> list[list]:
    return [[i, r.number, r.title, r.doc_number, r.dept, r.doc_date, r.attribute, r.description, r.withheld,
             r.articles, r.sentences, r.status] for i, r in enumerate(regs.withheld_rows, 1)]


def _sheet(ws, title: str, columns: list[tuple[str, int]], rows: list[list]) -> None:
    ncol = len(columns)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(1, 1, safe_cell(title)).font = Font(name="黑体", size=14, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    for c, (name, width) in enumerate(columns, 1):
        cell = ws.cell(2, c, name)
        cell.font = Font(name="宋体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, row in enumerate(rows, 3):
        for c, value in enumerate(row, 1):
            cell = ws.cell(r, c, safe_cell(value))
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            cell.border = _BORDER
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_registers(regs: Registers, path: str | Path) -> Path:
    """Write both registers into one workbook (two sheets); returns the path."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = OPEN_SHEET
    _sheet(ws, f"{regs.unit}{regs.period}{OPEN_SHEET}", OPEN_COLUMNS, open_rows(regs))
    _sheet(wb.create_sheet(WITHHELD_SHEET), f"{regs.unit}{regs.period}{WITHHELD_SHEET}", WITHHELD_COLUMNS,
           withheld_rows(regs))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except PermissionError:
        raise GwdeskError(f"无法写入 {path}：文件可能正在 Excel/WPS 中打开，请关闭后重试") from None
    except OSError as e:
        raise GwdeskError(f"无法写入 {path}：{e.strerror or e}") from None
    return path
