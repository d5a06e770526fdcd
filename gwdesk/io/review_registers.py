"""Writes the 公开信息登记表 and 不予公开政府信息登记表 (gathered by gwdesk.core.review.registers) as one xlsx.

Both sheets go through the shared print layout (gwdesk.io.xlsx_layout): text made formula-safe, A4
landscape one page wide, the header row repeated, rows as tall as their wrapped text.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from gwdesk.core.review.registers import Registers
from gwdesk.errors import GwdeskError, os_error_text
from gwdesk.io.xlsx_layout import write_table

OPEN_SHEET = "公开信息登记表"
WITHHELD_SHEET = "不予公开政府信息登记表"

# (name, width): widths of 20 and more are kept for the long texts, the others are measured
OPEN_COLUMNS = [("序号", 4), ("编号", 9), ("文件标题", 26), ("发文字号", 15), ("拟稿科室", 9), ("成文日期", 10),
                ("公开属性", 9), ("内容描述", 30), ("公开范围", 8), ("公开方式", 14), ("公开日期", 10),
                ("网址或位置", 22), ("规范性文件", 6), ("政策解读", 16), ("说明", 16), ("状态", 7)]
WITHHELD_COLUMNS = [("序号", 4), ("编号", 9), ("文件标题", 28), ("发文字号", 15), ("拟稿科室", 9), ("成文日期", 10),
                    ("公开属性", 9), ("内容描述", 26), ("不予公开（删减）内容", 20), ("理由（条例条款）", 24),
                    ("理由说明", 44), ("审定状态", 7)]


PEOPLE_COLUMNS = [("采集人", 7), ("审核人", 7), ("发布人", 7)]  # only when the forms record them


def with_people(regs: Registers) -> bool:
    return any(any(r.people) for r in regs.open_rows)


def open_rows(regs: Registers) -> list[list]:
    people = with_people(regs)
    return [[i, r.number, r.title, r.doc_number, r.dept, r.doc_date, r.attribute, r.description, r.scope,
             r.channels, r.published_date or (f"拟{r.planned_date}" if r.planned_date else ""),
             r.url or r.column, {True: "是", False: "否"}.get(r.normative, "未填"), r.interpretation, r.note, r.status]
            + (list(r.people) if people else [])
            for i, r in enumerate(regs.open_rows, 1)]


def withheld_rows(regs: Registers) -> list[list]:
    return [[i, r.number, r.title, r.doc_number, r.dept, r.doc_date, r.attribute, r.description, r.withheld,
             r.articles, r.sentences, r.status] for i, r in enumerate(regs.withheld_rows, 1)]


def _sheet(ws, title: str, columns: list[tuple[str, int]], rows: list[list]) -> None:
    # the long text columns keep their width; the rest are measured by the shared print layout
    wide = {i: w for i, (_name, w) in enumerate(columns, 1) if w >= 20}
    write_table(ws, title, [name for name, _w in columns], rows, widths=wide)


def write_registers(regs: Registers, path: str | Path) -> Path:
    """Write both registers into one workbook (two sheets); returns the path."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = OPEN_SHEET
    _sheet(ws, f"{regs.unit}{regs.period}{OPEN_SHEET}",
           OPEN_COLUMNS + (PEOPLE_COLUMNS if with_people(regs) else []), open_rows(regs))
    _sheet(wb.create_sheet(WITHHELD_SHEET), f"{regs.unit}{regs.period}{WITHHELD_SHEET}", WITHHELD_COLUMNS,
           withheld_rows(regs))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except PermissionError:
        raise GwdeskError(f"无法写入 {path}：文件可能正在 Excel/WPS 中打开，请关闭后重试") from None
    except OSError as e:
        raise GwdeskError(f"无法写入 {path}：{os_error_text(e)}") from None
    return path
