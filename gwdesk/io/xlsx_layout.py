"""Print-ready worksheets: A4 landscape fit to one page wide, title row, borders, wrap, print titles, widths.

    ws.append([title]); ws.append(header); for r in rows: ws.append(r)
    print_ready(ws, header_row=2)              # row 1 becomes the merged title

or in one step: `write_table(ws, title, header, rows, notes=["导出日期：…"])`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from copy import copy
from functools import lru_cache
from collections.abc import Iterable, Sequence

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gwdesk.io.xlsx_safe import safe_cell

MIN_WIDTH = 4.0
MAX_WIDTH = 48.0  # a longer text wraps instead of widening the column
# Sum of column widths that still prints readably on A4 landscape once fitted to one page wide
# (≈ 140 units at 100 %; 200 units print at ≈ 70 %). Wider tables have their widest columns narrowed.
PAGE_BUDGET = 200.0
SAMPLE_ROWS = 3000  # widths come from the first rows; a 100,000-row ledger needs no full scan

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")
WRAP_TOP = Alignment(vertical="top", wrap_text=True)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)


# East Asian wide and full-width characters (CJK, kana, hangul, full-width forms, Ext-B…): two columns each
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


@lru_cache(maxsize=65536)  # ledgers repeat the same words (网络, 自然人, 已办结) thousands of times
def line_widths(text: str) -> tuple[int, ...]:
    """Display width of each line: East Asian wide/full-width characters count two."""
    if text.isascii():
        return tuple(len(line) for line in text.split("\n"))
    return tuple(len(line) + len(_WIDE.findall(line)) for line in text.split("\n"))


def text_width(value) -> float:
    """Display width of the longest line."""
    if value is None:
        return 0.0
    return float(max(line_widths(value if isinstance(value, str) else str(value))))


def fit_widths(widths: list[float], budget: float = PAGE_BUDGET, floor: float = 10.0,
               fixed: Iterable[int] = ()) -> list[float]:
    """Narrow the widest columns (never below `floor`) until the sum fits the budget. Columns whose index is
    in `fixed` (the long texts a sheet sized itself) keep their width while any other column can give; then
    they shrink together, in proportion, so the longest text keeps the widest column."""
    keep = {i for i in fixed if 0 <= i < len(widths)}
    out = list(widths)
    free = [i for i in range(len(out)) if i not in keep]
    while sum(out) > budget and free:
        top = max(out[i] for i in free)
        if top <= floor:
            break
        over = sum(out) - budget
        wide = [i for i in free if out[i] >= top - 0.01]
        second = max((out[i] for i in free if out[i] < top - 0.01), default=floor)
        step = min(top - max(second, floor), over / len(wide))
        if step <= 0.01:
            break
        for i in wide:
            out[i] -= step
    kept = sum(out[i] for i in keep)
    if sum(out) > budget and kept:
        factor = max(0.0, budget - (sum(out) - kept)) / kept
        for i in keep:
            out[i] = max(min(floor, out[i]), out[i] * factor)
    return out


# Row heights are set from the text, the column width and the font, because openpyxl, LibreOffice and Excel
# keep a wrapped row one line high unless told. Widths are in Excel's unit, the width of a digit of the
# workbook's default font (Calibri 11: 7 px). Measured through LibreOffice with Calibri's metric twin (Carlito)
# and a Noto CJK font: a CJK character is 14.7 px ≈ 2.1 units, a line of 11 pt CJK text 15.9 pt.
CJK_UNITS = 2.2  # a full-width character, with a little to spare
ASCII_UNITS = 1.0  # a digit; Latin letters average less
CELL_PAD_UNITS = 0.6  # the cell's inner margins
LINE_PT = 16.0  # one line of 11 pt text, CJK included
ROW_PAD_PT = 4.0
# Where a line may break inside a run of Latin text (as LibreOffice and Excel break URLs and paths): after a
# space, a slash or a hyphen; a run longer than the line is cut at any character.
_LATIN_BREAK = re.compile(r"[^ /\\-]*[ /\\-]+|[^ /\\-]+")
# CJK punctuation that may not start a line: it rides on the character before it
_NO_START = set("，。、；：？！）》」』】〕〉’”％,.;:?!)]}")


def _units(ch: str) -> float:
    return CJK_UNITS if _WIDE.match(ch) else ASCII_UNITS


def _tokens(line: str) -> list[str]:
    """Pieces that stay on one line: a CJK character (with the closing punctuation after it) or a Latin run
    up to its next break opportunity."""
    out: list[str] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if _WIDE.match(ch):
            if ch in _NO_START and out:
                out[-1] += ch
            else:
                out.append(ch)
            i += 1
            continue
        j = i
        while j < len(line) and not _WIDE.match(line[j]):
            j += 1
        out.extend(_LATIN_BREAK.findall(line[i:j]))
        i = j
    return out


@lru_cache(maxsize=65536)
def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped cell takes in a column `width` units wide: its own line breaks, then greedy filling
    with the break rules above (CJK at any character, Latin text at spaces, slashes and hyphens)."""
    room = max(1.0, width - CELL_PAD_UNITS)
    if max(line_widths(text)) * CJK_UNITS / 2 <= room:  # every line fits whole (the common short cell)
        return text.count("\n") + 1
    total = 0
    for line in text.split("\n"):
        n, used = 1, 0.0
        for tok in _tokens(line):
            w = sum(_units(c) for c in tok)
            if used + w <= room + 1e-9:
                used += w
                continue
            if used > 0:
                n, used = n + 1, 0.0
            if w <= room:
                used = w
                continue
            for c in tok:  # a run wider than the column breaks anywhere
                cw = _units(c)
                if used + cw > room + 1e-9 and used > 0:
                    n, used = n + 1, 0.0
                used += cw
        total += n
    return total


def lines_needed(value, width: float) -> int:
    """Lines a wrapped cell takes in a column `width` units wide."""
    if value is None or value == "":
        return 1
    text = value if isinstance(value, str) else str(value)
    if len(text) * CJK_UNITS <= width - CELL_PAD_UNITS and "\n" not in text:
        return 1  # fits even were every character wide: the common short cell, no cache entry
    return wrapped_lines(text, round(float(width), 2))


def row_height(values: Sequence, widths: Sequence[float]) -> float:
    """Points for a row whose cells wrap in columns of the given widths (capped at Excel's 409 pt)."""
    n = max((lines_needed(v, w) for v, w in zip(values, widths)), default=1)
    return min(409.0, round(n * LINE_PT + ROW_PAD_PT, 1))


def header_width(value) -> float:
    """Width a header needs: its words wrap onto two or three lines (规范性/文件), so it counts half its
    length (at least two characters, at most six)."""
    w = text_width(value)
    return min(12.0, max(min(w, 4.0), math.ceil(w / 4) * 2))


def content_widths(ws: Worksheet, header_row: int, ncols: int, *, min_width: float = MIN_WIDTH,
                   max_width: float = MAX_WIDTH) -> list[float]:
    """Per column: the widest cell (header words wrap, see header_width) + padding, within caps."""
    widths = [0.0] * ncols
    for c in range(1, ncols + 1):
        widths[c - 1] = header_width(ws.cell(header_row, c).value)
    last = min(ws.max_row, header_row + SAMPLE_ROWS)
    for row in ws.iter_rows(min_row=header_row + 1, max_row=last, max_col=ncols, values_only=True):
        for i, v in enumerate(row):
            if v is not None:
                w = text_width(v)
                if w > widths[i]:
                    widths[i] = w
    return [max(min_width, min(max_width, w + 2)) for w in widths]


BALANCE_ROWS = 400  # rows sampled to share the page's width among the columns
BALANCE_SHARE = 0.8  # the share of a column's cells that should fit in the target number of lines


def _text_units(text: str) -> tuple[float, float]:
    """(longest line, longest unbreakable piece) in width units."""
    longest = piece = 0.0
    for line in text.split("\n"):
        toks = [sum(_units(c) for c in t) for t in _tokens(line)]
        longest = max(longest, sum(toks))
        piece = max(piece, max(toks, default=0.0))
    return longest, piece


def _cell_units(value) -> tuple[float, float]:
    """(longest line, longest unbreakable piece) of a cell: text wraps; a date or a number never does (a cell too
    narrow for it prints “###”), so the whole of it is one piece."""
    if isinstance(value, str):
        return _text_units(value)
    text = value.strftime("%Y-%m-%d") if isinstance(value, (dt.date, dt.datetime)) else str(value)
    whole = sum(_units(c) for c in text)
    return whole, whole


def balance_widths(ws: Worksheet, head_row: int, widths: list[float], budget: float,
                   fixed: Iterable[int] = ()) -> list[float]:
    """Share a too-wide table's width by the text actually there: find the fewest lines L such that, with each
    column just wide enough for most of its cells (BALANCE_SHARE) to wrap into L lines, the columns fit the
    budget. A column of long texts gets much, an empty or short one little, whatever its header says."""
    keep = set(fixed)
    last = min(ws.max_row, head_row + BALANCE_ROWS)
    texts: list[list[tuple[float, float]]] = [[] for _ in widths]
    for row in ws.iter_rows(min_row=head_row + 1, max_row=last, max_col=len(widths), values_only=True):
        for i, v in enumerate(row):
            if i not in keep and v not in (None, ""):
                texts[i].append(_cell_units(v))
    floors = [min(w, max(MIN_WIDTH, header_width(ws.cell(head_row, i + 1).value) + 2))
              for i, w in enumerate(widths)]

    def at(lines: int) -> list[float]:
        out = list(widths)
        for i, cells in enumerate(texts):
            if i in keep:
                continue
            if not cells:
                out[i] = floors[i]
                continue
            need = sorted(max(piece, longest / lines) * 1.05 + CELL_PAD_UNITS + 0.4 for longest, piece in cells)
            share = need[min(len(need) - 1, int(len(need) * BALANCE_SHARE))]
            out[i] = max(floors[i], min(widths[i], share))
        return out

    for lines in range(1, 41):
        got = at(lines)
        if sum(got) <= budget:
            break
    else:
        return at(40)
    if lines > 1:  # what the budget has left goes to the columns cheapest to bring one line shorter
        better = at(lines - 1)
        for i in sorted(range(len(got)), key=lambda i: better[i] - got[i]):
            if better[i] > got[i] and sum(got) + better[i] - got[i] <= budget:
                got[i] = better[i]
    return got


def print_ready(ws: Worksheet, *, header_row: int, ncols: int | None = None, header_rows: int = 1,
                freeze_cols: int = 0, widths: dict[int, float] | None = None, autofilter: bool = True,
                budget: float = PAGE_BUDGET, footer: bool = True) -> None:
    """Lay out a sheet whose rows above `header_row` are title lines and whose table starts there.

    The first title line becomes a merged, centred, bold title; further lines merge left-aligned.
    `header_rows` rows from `header_row` on are the table head: bold, shaded, repeated on every page.
    `widths` overrides the measured width of given columns (1-based); those keep it while other columns can
    be narrowed to fit the page.
    """
    head_end = header_row + header_rows - 1
    if ncols is None:
        ncols = max((c.column for r in ws.iter_rows(min_row=header_row, max_row=head_end)
                     for c in r if c.value not in (None, "")), default=1)
    last_col = get_column_letter(ncols)
    for r in range(1, header_row):
        ref = f"A{r}:{last_col}{r}"
        if ncols > 1 and not any(m.min_row <= r <= m.max_row for m in ws.merged_cells.ranges):
            ws.merge_cells(ref)
        cell = ws.cell(r, 1)
        if r == 1:
            cell.font = Font(size=16, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.row_dimensions[1].height = 30
        else:
            cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    bold = Font(bold=True)
    for r in range(header_row, head_end + 1):
        for c in range(1, ncols + 1):
            cell = ws.cell(r, c)
            cell.font, cell.fill, cell.alignment, cell.border = bold, HEADER_FILL, HEADER_ALIGN, BORDER
    measured = content_widths(ws, head_end, ncols)
    for c, w in (widths or {}).items():
        if 1 <= c <= ncols:
            measured[c - 1] = w
    fixed = [c - 1 for c in (widths or {}) if 1 <= c <= ncols]
    if sum(measured) > budget:
        measured = balance_widths(ws, head_end, measured, budget, fixed=fixed)
    final = [round(w, 1) for w in fit_widths(measured, budget, fixed=fixed)]
    for i, w in enumerate(final, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    # LibreOffice and Excel keep a wrapped row one line high unless told: give each row the height its
    # tallest cell needs, so nothing is clipped on paper.
    for r in range(header_row, head_end + 1):
        ws.row_dimensions[r].height = row_height([c.value for c in ws[r][:ncols]], final)
    for r in range(2, header_row):  # a note line wraps across the merged width: its row is as tall as that
        ws.row_dimensions[r].height = row_height([ws.cell(r, 1).value], [sum(final)])
    styled: dict[tuple | None, StyleArray] = {}
    for row in ws.iter_rows(min_row=head_end + 1, max_row=ws.max_row, max_col=ncols):
        for cell in row:
            # openpyxl hashes the whole Border/Alignment on every assignment (~0.5 ms a cell, 17 s for a
            # 20,000-row ledger); cells with the same starting style get the first one's style ids instead
            key = None if cell._style is None else tuple(cell._style)
            done = styled.get(key)
            if done is None:
                cell.border = BORDER
                cell.alignment = WRAP_TOP
                styled[key] = copy(cell._style)
            else:
                cell._style = copy(done)
        ws.row_dimensions[row[0].row].height = row_height([c.value for c in row], final)

    ws.freeze_panes = ws.cell(head_end + 1, freeze_cols + 1).coordinate
    if autofilter and ws.max_row > head_end:
        ws.auto_filter.ref = f"A{head_end}:{last_col}{ws.max_row}"
    ws.print_title_rows = f"{header_row}:{head_end}"
    ws.print_options.horizontalCentered = True
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if footer:
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def write_table(ws: Worksheet, title: str, header: Sequence[str], rows: Iterable[Sequence], *,
                notes: Sequence[str] = (), **kw) -> Worksheet:
    """Title line, optional note lines, header and rows (text made formula-safe), then `print_ready`."""
    ws.append([safe_cell(title)])
    for n in notes:
        ws.append([safe_cell(n)])
    ws.append(list(header))
    header_row = ws.max_row
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    print_ready(ws, header_row=header_row, ncols=len(header), **kw)
    return ws
