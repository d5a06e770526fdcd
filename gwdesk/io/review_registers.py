"""The year's registers from the opinion forms, as one xlsx: 公开信息登记表 and 不予公开政府信息登记表.

Only forms that were signed off count (已审定, 已公开); 草稿, 待审核 and 作废 are left out. A form
belongs to the year of its 编号. Every text cell goes through `safe_cell` (formula injection).
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gwdesk.core import formdef
from gwdesk.core.formdef import FormDef
from gwdesk.core.review.forms import APPROVED, PUBLISHED
from gwdesk.errors import GwdeskError
from gwdesk.io.xlsx_safe import safe_cell
from gwdesk.store.review_models import ReviewForm

OPEN_SHEET = "公开信息登记表"
WITHHELD_SHEET = "不予公开政府信息登记表"
OPEN_ATTRS = ("主动公开", "删减后公开", "依申请公开")
WITHHELD_ATTRS = ("不予公开", "删减后公开", "依申请公开")

OPEN_COLUMNS = [("序号", 6), ("编号", 10), ("文件标题", 40), ("发文字号", 18), ("拟稿科室", 12),
                ("成文日期", 12), ("公开属性", 11), ("公开方式", 22), ("公开栏目/路径", 30), ("拟公开日期", 12),
                ("实际公开日期", 12), ("网址或位置", 30), ("行政规范性文件", 8), ("政策解读", 26), ("状态", 8)]
WITHHELD_COLUMNS = [("序号", 6), ("编号", 10), ("文件标题", 40), ("发文字号", 18), ("拟稿科室", 12),
                    ("成文日期", 12), ("公开属性", 11), ("不予公开（删减）内容", 26), ("理由（条例条款）", 30),
                    ("理由说明", 50), ("审定状态", 8)]

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _rows(year: int) -> list[tuple[ReviewForm, dict, dict]]:
    q = (ReviewForm.select().where((ReviewForm.year == year) & ReviewForm.status.in_([APPROVED, PUBLISHED]))
         .order_by(ReviewForm.seq))
    out = []
    for r in q:
        data = json.loads(r.data or "{}")
        out.append((r, data.get("values", {}), data.get("signoffs", {})))
    return out


def open_register_rows(year: int) -> list[list]:
    rows = []
    for r, v, _ in _rows(year):
        if r.attribute not in OPEN_ATTRS:
            continue
        interp = ""
        if v.get("interp_forms") or v.get("interp_title"):
            interp = "、".join(v.get("interp_forms") or []) + (f"：{v['interp_title']}" if v.get("interp_title") else "")
        channels = "、".join(c if c != "其他" else (v.get("other_channel") or "其他") for c in v.get("channels") or [])
        rows.append([len(rows) + 1, r.number, r.title, r.doc_number, r.dept, r.doc_date or "", r.attribute,
                     channels, v.get("column") or "", r.planned_date or "", r.published_date or "",
                     v.get("url") or "", "是" if r.normative else "否", interp, r.status])
    return rows


def withheld_register_rows(year: int, definition: FormDef | None = None) -> list[list]:
    definition = definition or formdef.load()
    rows = []
    for r, v, _ in _rows(year):
        if r.attribute not in WITHHELD_ATTRS:
            continue
        reasons = [definition.reason(k) for k in v.get("reasons") or []]
        reasons = [x for x in reasons if x is not None]
        articles = "；".join(f"《政府信息公开条例》{x.article}（{x.label}）" if x.article != "其他" else
                            f"其他：{v.get('other_basis') or ''}" for x in reasons)
        sentences = "".join(x.sentence + (v.get("other_basis") or "" if x.needs_basis else "") for x in reasons)
        content = v.get("withheld_content") or ("全文" if r.attribute == "不予公开" else "")
        rows.append([len(rows) + 1, r.number, r.title, r.doc_number, r.dept, r.doc_date or "", r.attribute,
                     content, articles, sentences, r.status])
    return rows


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


def export_registers(year: int, path: str | Path, unit: str = "", definition: FormDef | None = None) -> Path:
    """Write both registers for `year` into one workbook (two sheets); returns the path."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = OPEN_SHEET
    _sheet(ws, f"{unit}{year}年度{OPEN_SHEET}", OPEN_COLUMNS, open_register_rows(year))
    _sheet(wb.create_sheet(WITHHELD_SHEET), f"{unit}{year}年度{WITHHELD_SHEET}", WITHHELD_COLUMNS,
           withheld_register_rows(year, definition))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except PermissionError:
        raise GwdeskError(f"无法写入 {path}：文件可能正在 Excel/WPS 中打开，请关闭后重试") from None
    except OSError as e:
        raise GwdeskError(f"无法写入 {path}：{e.strerror or e}") from None
    return path
