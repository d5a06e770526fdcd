"""Read the sheets of a task-list workbook into grids (openpyxl read-only; merges read from the sheet XML).

Read-only mode streams the cells and skips building a MergedCell object for every covered cell,
which is where a normal load spends most of its time on lists full of merges; the merge ranges
themselves come straight from each sheet's <mergeCells> element.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from gwdesk.io.tasklist.grid import Grid, build
from gwdesk.io.tasklist.sniff import reject
from gwdesk.io.xlsx_read import SheetTooLarge, sheet_values

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)"')


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _merges(archive: zipfile.ZipFile, sheet_path: str) -> list[tuple[int, int, int, int]]:
    try:
        xml = archive.read(sheet_path.lstrip("/"))
    except KeyError:
        return []
    # <mergeCells> follows <sheetData>: the part from there is searched, not every cell again (a writer that
    # put it first is searched whole)
    start = xml.find(b"mergeCells", max(xml.rfind(b"sheetData>"), 0))
    if start < 0:
        start = xml.find(b"mergeCells")
    if start < 0:
        return []
    return [(int(r1) - 1, _col(c1), int(r2) - 1, _col(c2)) for c1, r1, c2, r2 in _MERGE.findall(xml, start)]


def read_grids(path: Path) -> list[Grid]:
    import openpyxl
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for broken files
        raise reject(path, f"文件已损坏或不是有效的 xlsx（{type(e).__name__}）") from None
    grids = []
    try:
        with zipfile.ZipFile(path) as archive:
            for ws in wb.worksheets:
                if not hasattr(ws, "_worksheet_path"):
                    continue  # chartsheets
                ws.reset_dimensions()  # don't trust the <dimension> tag offices' tools write
                values = sheet_values(ws)
                grids.append(build(values, _merges(archive, ws._worksheet_path),
                                   list(range(1, len(values) + 1)), name=ws.title))
    except zipfile.BadZipFile:
        raise reject(path, "文件已损坏，无法打开") from None
    except SheetTooLarge as e:
        raise reject(path, e.problem) from None
    except Exception as e:
        raise reject(path, f"读取工作表时出错（{type(e).__name__}）") from None
    finally:
        wb.close()
    return grids
