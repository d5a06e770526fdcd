"""Reading a worksheet's values with bounds, so a broken or hostile row/column number cannot exhaust memory.

openpyxl fills every gap up to a cell's row number with empty rows, and pads a row out to its last
cell; one cell written at row 4,294,967,296 or column XFD on every row would make a list of billions.
"""

from __future__ import annotations

EXCEL_MAX_ROWS = 1_048_576  # no valid xlsx has rows past this
MAX_ROWS = 100_000  # far beyond any task list or ledger a unit keeps in one sheet
MAX_COLS = 256


class SheetTooLarge(Exception):
    """Content past MAX_ROWS / MAX_COLS; `problem` is the Chinese reason (the importer names the file)."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def sheet_values(ws, *, max_rows: int = MAX_ROWS, max_cols: int = MAX_COLS) -> list[list]:
    """The values of a read-only worksheet row by row (trailing blank rows and cells dropped)."""
    values: list[list] = []
    last = 0
    for i, row in enumerate(ws.iter_rows(max_row=EXCEL_MAX_ROWS, values_only=True), start=1):
        width = len(row)
        if row.count(None) == width:  # an empty row (openpyxl makes one for each row a sheet skips): at C speed
            width = 0
        while width and _blank(row[width - 1]):
            width -= 1
        if not width:
            if i <= max_rows:
                values.append([])
            continue
        if i > max_rows:
            raise SheetTooLarge(f"工作表“{ws.title}”第{i}行还有内容，超过了{max_rows}行的上限（不像台账或任务清单，"
                                "请删去多余的行后再导入）")
        if width > max_cols:
            raise SheetTooLarge(f"工作表“{ws.title}”第{i}行有内容的列超过{max_cols}列（不像台账或任务清单，"
                                "请删去多余的列后再导入）")
        values.append(list(row[:width]))
        last = i
    del values[last:]
    return values


_GUARDED = ("=", "+", "-", "@", "\t", "\r")  # what xlsx_safe.safe_cell puts an apostrophe before


def unguard(text: str) -> str:
    """Undo the export's formula guard: "'=SUM(A1)" read back from our own xlsx is "=SUM(A1)" again."""
    if text.startswith("'") and text[1:2] and text[1] in _GUARDED:
        return text[1:]
    return text
