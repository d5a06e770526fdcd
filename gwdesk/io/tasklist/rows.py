"""Row-kind stage: what each row under the header is, before any of its fields are read.

    kinds = row_kinds(grid, header, depth)     # one of ROW_KINDS per row from the first body row on

category / subcategory: a “一、…” / “（一）…” row across the table (or a paragraph between Word tables);
header: the header again (a new page, a table continued); form: 填报单位：… | 联系电话：… under the list;
task: everything else (an empty row included: the field stage skips rows with no task text).
"""

from __future__ import annotations

import re

from gwdesk.core.tasks.parsed import squash
from gwdesk.io.tasklist import header as hdr
from gwdesk.io.tasklist.grid import Grid

ROW_KINDS = ("category", "subcategory", "header", "form", "task")
_FORM_LABEL = re.compile(r"^[^：:，,。；;]{1,12}[：:]")


def form_row(row: list[str]) -> bool:
    """填报单位（盖章）： | 填报人： | 联系电话： under the list (its last row, or a form table after it): no task."""
    cells = [t for t in dict.fromkeys(row) if t]
    return bool(cells) and all(_FORM_LABEL.match(t) for t in cells)


def repeated_header(grid: Grid, header: int | None, depth: int):
    """A test for the header again on a new page / mid-sheet (a cell of it may be left empty)."""
    start = header + depth if header is not None else 0
    header_rows = {tuple(squash(t) for t in grid.rows[r]) for r in range(header, start)} if header is not None \
        else set()
    header_firsts = {h[0] for h in header_rows}

    def again(r: int) -> bool:
        row = grid.rows[r]
        if not header_rows or squash(row[0]) not in header_firsts and row[0]:
            return False
        cells = tuple(squash(t) for t in row)
        if cells in header_rows:
            return True
        filled = [c for c, t in enumerate(cells) if t]
        return any(len(filled) >= max(2, sum(map(bool, h)) // 2 + 1) and all(cells[c] == h[c] for c in filled)
                   for h in header_rows)
    return again


def row_kinds(grid: Grid, header: int | None, depth: int) -> list[str]:
    """The kind of every row from the first body row (header + depth) on."""
    start = header + depth if header is not None else 0
    again = repeated_header(grid, header, depth)
    out = []
    for r in range(start, len(grid.rows)):
        level = hdr.section_level(grid, r)
        if level:
            out.append("category" if level == 1 else "subcategory")
        elif again(r):
            out.append("header")
        elif form_row(grid.rows[r]):
            out.append("form")
        else:
            out.append("task")
    return out
