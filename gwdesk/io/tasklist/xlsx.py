"""Read the sheets of a task-list workbook into grids (openpyxl; merges filled)."""

from __future__ import annotations

from pathlib import Path

from gwdesk.io.tasklist.grid import Grid, build
from gwdesk.io.tasklist.sniff import reject


def _open(path: Path):
    import openpyxl
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except Exception as e:  # openpyxl raises many types for broken files
        raise reject(path, f"文件已损坏或不是有效的 xlsx（{type(e).__name__}）") from None


def _grid(ws) -> Grid:
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    first_row = ws.min_row or 1
    merges = [(m.min_row - first_row, m.min_col - 1, m.max_row - first_row, m.max_col - 1)
              for m in ws.merged_cells.ranges]
    return build(values, merges, list(range(first_row, first_row + len(values))), name=ws.title)


def read_grids(path: Path) -> list[Grid]:
    wb = _open(path)
    try:
        return [_grid(ws) for ws in wb.worksheets]
    finally:
        wb.close()
