"""Where each stored task sits in the office's file, and which column takes the unit's 完成情况.

The office's file is seen as tables of rows of cell texts (a merged cell's text in every cell it covers): one
table for a sheet, one per Word table. Each task is looked for in list order at the row it was imported from
(`source_row`: the sheet's row, or the row inside its Word table), in that table or a later one, and accepted only
when the row holds the task's own text; a row numbered otherwise is looked for by its text after the task before
it. So a Word list split into a table per category finds every task in its own table, two tasks with the same
wording are told apart by their order, and a different file (or a changed one) is never written into: its rows
are named as not found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gwdesk.core.tasks.parsed import squash
from gwdesk.core.tasks.vocabulary import PROGRESS_HEADERS

PREFIX = 12  # characters of a task's text that must stand in its row (the reader may join cells after them)
HEADER_CELL_MAX = 30  # a header cell is short (“推进落实情况（请各单位填写）” is 14)
HEADER_BAND = 6  # rows above the first task looked at for the header

_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．)）]?)")


@dataclass
class Table:
    """One table of the office's file: `rows[i]` is the row the clerk numbers `numbers[i]` (squashed cell texts,
    a merged cell's text in every cell it covers)."""
    index: int  # 0 for a sheet; the Word table's place among the document's tables
    rows: list[list[str]]
    numbers: list[int]
    spans: list[list[int]] = field(default_factory=list)  # per cell: how many columns its merge covers
    _by_number: dict[int, list[int]] | None = field(default=None, repr=False, compare=False)

    def by_number(self) -> dict[int, list[int]]:
        """Row number → the rows that carry it (worked out once)."""
        if self._by_number is None:
            self._by_number = {}
            for i, n in enumerate(self.numbers):
                self._by_number.setdefault(n, []).append(i)
        return self._by_number

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Place:
    table: int  # position in the tables list
    row: int  # index into that table's rows


def _texts(item) -> list[str]:
    out = []
    for t in (item.task, item.measure):
        s = _NUMBERING.sub("", squash(t))
        if s:
            out.append(s[:PREFIX])
    return out


def row_holds(cells: list[str], item) -> bool:
    """The row holds the task's text (the start of its 工作任务 and of its 主要内容, wherever the cells put them)."""
    texts = _texts(item)
    if not texts:
        return False
    joined = "".join(dict.fromkeys(c for c in cells if c))  # a merged cell once
    return all(t in joined for t in texts)


def locate(tables: list[Table], items, start_table: int = 0) -> tuple[dict[int, Place], list]:
    """Each item's place (by list order), and the items not found."""
    found: dict[int, Place] = {}
    missing = []
    cur = Place(start_table, -1)
    for item in items:
        place = _at_number(tables, item, cur) or _by_text(tables, item, cur)
        if place is None:
            missing.append(item)
            continue
        found[id(item)] = place
        cur = place
    return found, missing


def _after(p: Place, cur: Place) -> bool:
    return (p.table, p.row) > (cur.table, cur.row)


def _at_number(tables, item, cur: Place) -> Place | None:
    for ti in range(max(cur.table, 0), len(tables)):
        t = tables[ti]
        for ri in t.by_number().get(item.source_row, ()):
            if _after(Place(ti, ri), cur) and row_holds(t.rows[ri], item):
                return Place(ti, ri)
    return None


def _by_text(tables, item, cur: Place) -> Place | None:
    for ti in range(max(cur.table, 0), len(tables)):
        t = tables[ti]
        for ri, cells in enumerate(t.rows):
            if _after(Place(ti, ri), cur) and row_holds(cells, item):
                return Place(ti, ri)
    return None


# ---- the header and the 完成情况 column -------------------------------------------------------------------
def _full_width(t: Table, ri: int) -> bool:
    """A row that is one cell across the table (a title or a category line)."""
    cells = [c for c in t.rows[ri]]
    return bool(cells) and len(set(cells)) == 1


def header_band(t: Table, first_row: int) -> list[int]:
    """The header rows above `first_row` (the table's first task): short cells, not one text across the table;
    nearest first. Empty when the table carries on without a header."""
    band = []
    ri = first_row - 1
    while ri >= 0 and len(band) < HEADER_BAND:
        cells = t.rows[ri]
        filled = [c for c in cells if c]
        if not filled:
            if band:
                break
            ri -= 1
            continue
        if _full_width(t, ri):  # a category line between the header and the first task, or the title
            if band:
                break
            ri -= 1
            continue
        if len(set(filled)) >= 2 and all(len(c) <= HEADER_CELL_MAX for c in filled):
            band.append(ri)
            ri -= 1
            continue
        break
    return sorted(band)


# a header naming the progress together with another field (“完成时限及完成情况”): that column is the office's, not
# the unit's to write into
OTHER_FIELD_WORDS = ("时限", "时间", "期限", "节点", "任务", "内容", "要求", "单位", "部门", "科室")


def progress_column(t: Table, band: list[int]) -> tuple[int | None, str]:
    """The office's own column for the units' progress (完成情况, 落实情况, 进展情况…), from the header words."""
    for ri in band:
        for c, text in enumerate(t.rows[ri]):
            if text and any(w in text for w in PROGRESS_HEADERS) and not any(w in text for w in OTHER_FIELD_WORDS):
                return c, text
    return None, ""


def repeated_header(t: Table, band: list[int], after: int) -> tuple[int, ...]:
    """The rows below `after` that repeat the header's first line (a header typed again on each printed page)."""
    if not band:
        return ()
    head = t.rows[band[0]]
    return tuple(ri for ri in range(after + 1, len(t.rows)) if t.rows[ri] == head)
