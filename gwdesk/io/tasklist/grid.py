"""A task-list table as a plain grid: every covered cell of a merge carries the merge's text and origin."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from gwdesk.core.inputs import clean_text
from gwdesk.core.tasks.parsed import squash  # noqa: F401  (re-exported for io callers)

_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》"
_BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\u3000\xa0]+")
_ANY_SPACE = re.compile(r"\s")  # every character strip(), _SPACES or _BREAK_BETWEEN_CJK could act on


def clean(value) -> str:
    """Cell text with line breaks and stray spaces normalised (none between Chinese characters)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    text = clean_text(str(value))  # Word's U+000B and other controls
    if not _ANY_SPACE.search(text):
        return text  # most cells: nothing to normalise
    text = text.replace("\u3000", " ").strip()
    text = _BREAK_BETWEEN_CJK.sub("", text)
    return _SPACES.sub(" ", text).strip()


@dataclass
class Grid:
    rows: list[list[str]]
    origins: list[list[tuple[int, int]]]  # (row, col) of the merge each cell belongs to
    row_numbers: list[int]  # the row number the clerk sees (Excel row / Word table row)
    lines_above: list[str] = field(default_factory=list)  # paragraphs before a Word table
    name: str = ""
    lines: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # (row, col) → the lines of a
    # cell written on several lines (Word paragraphs, Alt+Enter): units stacked one per line stay apart
    width: int = 0  # columns as drawn, with the empty ones at the right that `rows` leaves out
    first_column: int = -1  # the leftmost column with content, worked out when first asked
    from_paragraphs: bool = False  # laid out from paragraphs of text (paragraphs.py), not a table as drawn
    between_tables: int = 0  # section rows made from paragraphs between Word tables (a table per category)

    def cell_lines(self, r: int, c: int) -> list[str]:
        """The lines of the merge cell (r, c) belongs to, or its text as one line."""
        return self.lines.get(self.origins[r][c]) or [self.rows[r][c]]

    @property
    def ncols(self) -> int:
        return len(self.rows[0]) if self.rows else 0  # build() makes every row the same width

    def is_empty(self) -> bool:
        return not any(any(c for c in r) for r in self.rows) and not any(self.lines_above)


def build(values: list[list[object]], merges: list[tuple[int, int, int, int]], row_numbers: list[int],
          lines_above: list[str] | None = None, name: str = "") -> Grid:
    """Grid from raw values (0-based) and merges (r1, c1, r2, c2 inclusive, 0-based)."""
    ncols = max((len(r) for r in values), default=0)
    width = ncols
    seen: dict[str, str] = {}  # lists repeat their unit and deadline cells: each distinct text cleaned once

    def cleaned(v) -> str:
        if type(v) is not str:
            return clean(v)
        out = seen.get(v)
        if out is None:
            out = seen[v] = clean(v)
        return out
    rows = [[cleaned(v) for v in r] + [""] * (ncols - len(r)) for r in values]
    lines = {}
    for ri, r in enumerate(values):
        for ci, v in enumerate(r):
            if isinstance(v, str) and "\n" in v:
                parts = [t for t in (clean(x) for x in v.splitlines()) if t]
                if len(parts) > 1:
                    lines[(ri, ci)] = parts
    origins = [[(ri, ci) for ci in range(ncols)] for ri in range(len(rows))]
    for r1, c1, r2, c2 in merges:
        if r1 >= len(rows) or c1 >= ncols:
            continue
        text = rows[r1][c1]
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            for c in range(c1, min(c2, ncols - 1) + 1):
                rows[r][c] = text
                origins[r][c] = (r1, c1)
    # trailing all-empty columns are noise from formatting
    while ncols and not any(r[ncols - 1] for r in rows):
        ncols -= 1
        for r, o in zip(rows, origins):
            del r[ncols:]
            del o[ncols:]
    return Grid(rows, origins, row_numbers, list(lines_above or []), name, lines, width)
