"""Table 二's business-system figures (行政许可, 行政处罚, 行政强制, 收费) from an xlsx, and its template.

The sheet is read the way clerks fill it: a row whose first text cell names the item (规章 and
行政规范性文件 rows may carry 制发/废止/现行有效 in three cells), the figure in the next cells.
All or nothing: any bad figure rejects the file, naming sheet, row and item.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from gwdesk.core.annual_report import spec
from gwdesk.errors import ImportRejected
from gwdesk.io.xlsx_read import SheetTooLarge, sheet_values
from gwdesk.io import zipguard

TEMPLATE_TITLE = "年度报告表二业务数据"
# label in the sheet → (block key, fields in the order of the cells that follow)
ITEMS = {
    "行政许可": ("licensing", ("decisions",)),
    "行政处罚": ("penalty", ("decisions",)),
    "行政强制": ("coercion", ("decisions",)),
    "行政事业性收费": ("fees", ("amount_wan_yuan",)),
    "规章": ("rules", ("issued", "repealed", "in_force")),
    "行政规范性文件": ("normative_docs", ("issued", "repealed", "in_force")),
}


def _label(v) -> str:
    return str(v).strip().replace(" ", "").replace("\u3000", "") if isinstance(v, str) else ""


def read(path: str | Path) -> dict[tuple[str, str], int | Decimal]:
    """{(block, field): value} for every item found; blank cells after a label are left out (not entered)."""
    from openpyxl import load_workbook

    p = Path(path)
    zipguard.check(p)
    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a file that is not a workbook
        raise ImportRejected(f"无法打开 {p.name}：不是有效的 xlsx 文件", file=p.name) from e
    out: dict[tuple[str, str], int | Decimal] = {}
    problems: list[str] = []
    first_field = ""
    try:
        try:
            ws = wb.worksheets[0]
            rows = sheet_values(ws)
        except SheetTooLarge as e:
            raise ImportRejected(f"无法导入 {p.name}：{e.problem}", file=p.name) from None
        except Exception as e:  # openpyxl raises many types for a damaged sheet
            raise ImportRejected(f"无法读取 {p.name}：文件已损坏或不是有效的 xlsx（{type(e).__name__}）",
                                 file=p.name) from e
        for r, row in enumerate(rows, start=1):
            cells = list(row)
            idx = next((i for i, v in enumerate(cells) if _label(v)), None)
            if idx is None or _label(cells[idx]) not in ITEMS:
                continue
            label = _label(cells[idx])
            block, fields = ITEMS[label]
            for k, f in enumerate(fields):
                raw = cells[idx + 1 + k] if idx + 1 + k < len(cells) else None
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    continue
                money = (block, f) in spec.MONEY_FIELDS
                try:
                    v = Decimal(str(raw).strip().replace(",", ""))
                except InvalidOperation:
                    v = None
                ok = v is not None and v.is_finite() and v >= 0 and (
                    v.as_tuple().exponent >= -4 if money else v == v.to_integral_value())
                if not ok:
                    what = "非负金额（万元，最多4位小数）" if money else "非负整数"
                    problems.append(f"工作表“{ws.title}”第{r}行“{label}”{spec.T2_FIELD_LABELS[f]}应为{what}，"
                                    f"现为“{raw}”")
                    first_field = first_field or f"{block}.{f}"
                    continue
                out[(block, f)] = v if money else int(v)
    finally:
        wb.close()
    if problems:
        raise ImportRejected(f"{p.name}有 {len(problems)} 处问题，未导入。第一处：{problems[0]}", file=p.name,
                             field=first_field, problems=problems)
    if not out:
        raise ImportRejected(f"{p.name}中没有找到行政许可、行政处罚、行政强制或行政事业性收费等数据行"
                             "（第一列写项目名称，后面一格写数字）", file=p.name)
    return out


def write_template(path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "表二"
    ws.append([TEMPLATE_TITLE + "（数字填在项目名称右边一格；金额单位：万元）"])
    ws["A1"].font = Font(bold=True)
    ws.append(["信息内容", "本年处理决定数量 / 本年收费金额（万元）"])
    for label in ("行政许可", "行政处罚", "行政强制", "行政事业性收费"):
        ws.append([label, None])
    ws.append([])
    ws.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    ws.append(["规章", None, None, None])
    ws.append(["行政规范性文件", None, None, None])
    ws.column_dimensions["A"].width = 18
    for col in "BCD":
        ws.column_dimensions[col].width = 22
    p = Path(path)
    wb.save(p)
    return p
