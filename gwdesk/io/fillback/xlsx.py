"""Fill back an xlsx list: the sheet's cells, merges, widths and fonts are kept; the unit's progress goes into its
完成情况 column (the top-left cell of a merged one), or a column added at the right drawn like its left neighbour."""

from __future__ import annotations

import copy
import math

from gwdesk.core.tasks.parsed import squash
from gwdesk.io.fillback.locate import Table

ADDED_WIDTH = 24  # characters: the added column's width when its neighbour is narrower


def table(ws) -> Table:
    """The sheet as one table (Excel rows from 1; a merged cell's text in every cell it covers)."""
    nrows, ncols = ws.max_row, ws.max_column
    rows = [[squash("" if v is None else str(v)) for v in r]
            for r in ws.iter_rows(min_row=1, max_row=nrows, max_col=ncols, values_only=True)]
    spans = [[1] * ncols for _ in range(nrows)]
    for rng in ws.merged_cells.ranges:
        text = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= nrows and rng.min_col <= ncols else ""
        for r in range(rng.min_row, min(rng.max_row, nrows) + 1):
            for c in range(rng.min_col, min(rng.max_col, ncols) + 1):
                rows[r - 1][c - 1] = text
                spans[r - 1][c - 1] = rng.max_col - rng.min_col + 1
    return Table(0, rows, list(range(1, nrows + 1)), spans)


class Merges:
    """The sheet's merged ranges by the cells they cover, and each row's cells with text (a sheet can hold
    thousands of rows and merges: looked up, not scanned for every row written)."""

    def __init__(self, ws):
        self.at: dict[tuple[int, int], object] = {}
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    self.at[(r, c)] = rng
        self.rows: dict[int, list] = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value not in (None, ""):
                    self.rows.setdefault(cell.row, []).append(cell)


def merged_at(merges: Merges, r: int, c: int):
    return merges.at.get((r, c))


def top_left(ws, merges: Merges, r: int, c: int):
    rng = merged_at(merges, r, c)
    return ws.cell(rng.min_row, rng.min_col) if rng else ws.cell(r, c)


def _copy_style(src, dst) -> None:
    if src.has_style:
        for attr in ("font", "border", "fill", "alignment", "protection"):
            setattr(dst, attr, copy.copy(getattr(src, attr)))
        dst.number_format = src.number_format


def last_column(ws, first: int, last: int) -> int:
    """The table's rightmost column over rows first..last (1-based): cells with text, or merges."""
    right = 0
    for r in ws.iter_rows(min_row=first, max_row=last):
        for cell in r:
            if cell.value not in (None, "") and cell.column > right:
                right = cell.column
    for rng in ws.merged_cells.ranges:
        if rng.max_row >= first and rng.min_row <= last:
            right = max(right, rng.max_col)
    return right


def add_column(ws, band: list[int], first: int, last: int, header: str, repeats: tuple[int, ...] = ()) -> int:
    """A column after the table's last one, rows first..last (1-based) drawn like their left neighbour, its header
    cell across the header rows (and where the header is repeated further down, `repeats`: the rows its first line
    is repeated on); a title or category line that ran across the whole table runs across it too.
    Returns the new column (1-based)."""
    from openpyxl.utils import get_column_letter
    old = last_column(ws, first, last)
    col = old + 1
    for r in range(first, last + 1):
        _copy_style(ws.cell(r, old), ws.cell(r, col))
    top, bottom = band[0], band[-1]
    ws.cell(top, col).value = header
    from openpyxl.worksheet.merge import MergedCellRange
    for rng in list(ws.merged_cells.ranges):  # lines across the whole table (title, categories) stay across it
        if rng.min_col == 1 and rng.max_col == old and rng.min_row == rng.max_row and not (top <= rng.min_row <= bottom):
            ws.merged_cells.remove(rng)
            wider = MergedCellRange(ws, f"A{rng.min_row}:{get_column_letter(col)}{rng.max_row}")
            # ws.merge_cells does this, but first looks through every merge (thousands of category lines: minutes)
            ws.merged_cells.ranges.add(wider)
            ws._clean_merge_range(wider)
    if bottom > top:
        ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
    for r in repeats:
        ws.cell(r, col).value = header
        if bottom > top and r + bottom - top <= last:
            ws.merge_cells(start_row=r, start_column=col, end_row=r + bottom - top, end_column=col)
    left = ws.column_dimensions[get_column_letter(old)].width
    ws.column_dimensions[get_column_letter(col)].width = max(left or 8.43, ADDED_WIDTH)
    if ws.print_area:  # a print area set by the office takes the new column in
        areas = []
        for area in str(ws.print_area).split(","):
            ref = area.split("!")[-1].replace("$", "")
            a, _, b = ref.partition(":")
            end_row = "".join(ch for ch in b if ch.isdigit())
            areas.append(f"{a}:{get_column_letter(col)}{end_row}" if b else ref)
        ws.print_area = ",".join(areas)
    return col


def _width(ws, c1: int, c2: int) -> float:
    from openpyxl.utils import get_column_letter
    return sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(c1, c2 + 1))


def _lines(text: str, width: float, size: float) -> int:
    """Lines `text` takes in a column `width` characters wide at `size` pt (a Chinese character is two)."""
    per_line = max(2.0, width * 11.0 / max(size, 6.0))
    n = 0
    for line in str(text).split("\n"):
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)
        n += max(1, math.ceil(units / per_line))
    return n


def fit_row(ws, merges: Merges, r: int, written=None) -> None:
    """The row grows to show every cell's text (a row merged with others is left as it is); never shrinks."""
    need = 0.0
    cells = merges.rows.get(r, [])
    for cell in cells + ([written] if written is not None and written not in cells else []):
        if cell.value in (None, ""):
            continue
        rng = merged_at(merges, r, cell.column)
        if rng is not None and rng.max_row > rng.min_row:
            continue
        c1, c2 = (rng.min_col, rng.max_col) if rng else (cell.column, cell.column)
        size = float(cell.font.sz or 11) if cell.has_style and cell.font else 11.0
        need = max(need, _lines(cell.value, _width(ws, c1, c2), size) * size * 1.35 + 4)
    height = ws.row_dimensions[r].height
    if need and (height is None or height < need):
        ws.row_dimensions[r].height = round(need, 1)


def write(ws, merges: Merges, r: int, c: int, text: str) -> None:
    """`text` into cell (r, c) — the top-left cell of its merge — wrapped, in the cell's own font and borders."""
    from openpyxl.styles import Alignment
    cell = top_left(ws, merges, r, c)
    cell.value = text
    al = cell.alignment
    cell.alignment = Alignment(horizontal=al.horizontal or "left", vertical=al.vertical or "center",
                               wrap_text=True, indent=al.indent, text_rotation=al.text_rotation)
    fit_row(ws, merges, cell.row, cell)
