"""Field stage: a task row's cells → its fields (序号, task, measure, units, deadline text, publish path, note).

    reader = FieldReader(grid, cols_by_field, body_rows)   # cols_by_field: field → its columns, left to right
    f = reader.read(r)                                       # RowFields of grid row r (a row kinds said is a task)
    reader.section()                                         # at a section row: nothing is filled down across it
    reader.filled, reader.odd                                # what the clerk is asked about afterwards

Cells merged across several columns of one field are read once; “——” / “/” is nothing; a blank cell under a task
where the list merges nothing down is a merge a copy lost (a web page, “取消合并”): it takes the text above and
is counted in `filled`. Unit cells go through units.roles(); names that do not look like units, and cells read in
a way the clerk should confirm, are kept in `odd`. With no 序号 column the number written before the text is the
row's 序号 (split_seq); with no 完成时限 the deadline written in a unit cell, else in the text, is the row's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gwdesk.core.tasks import deadlines
from gwdesk.core.tasks.vocabulary import PATH_LABELS, ROLE_LABELS
from gwdesk.io.tasklist import header as hdr
from gwdesk.io.tasklist.grid import Grid
from gwdesk.io.tasklist.patterns import CLAUSE_END, CLOSE, NUMBER_END, OPEN, PLACEHOLDER, words
from gwdesk.io.tasklist.units import cell_key_values, join_lines, looks_like_unit, roles, shorthand_with, \
    units_before_role

# fields whose blank cell under a task takes the text above when the copy lost its merges
FILL_DOWN = ("seq", "category", "subcategory", "task", "lead", "resp", "deadline")
# fields whose cells (several columns of one field) are joined one a line; the others with a space
LINE_JOINED = ("measure", "note")

_PATH_INSIDE = re.compile(rf"{OPEN}{words(PATH_LABELS)}[:：]\s*(.+?){CLOSE}")  # “（公开路径：政府网站）”
_SEQ_PREFIX = re.compile(rf"^(\d{{1,3}})\s*{NUMBER_END}(?!\d)\s*")
_NEXT_ITEM = re.compile(rf"(?:^|\s|{CLAUSE_END})2\s*{NUMBER_END}(?!\d)")  # “1.… 2.…”: numbered parts of one measure
_PLACEHOLDER = PLACEHOLDER  # “——” or “/” in a cell: nothing there


@lru_cache(maxsize=4096)
def cached_roles(text: str, column_role: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """units.roles of a unit cell, once per distinct text (lists repeat their unit cells row after row)."""
    lead, resp = roles(text, column_role)
    return tuple(lead), tuple(resp)


@lru_cache(maxsize=4096)
def cell_extras(text: str) -> tuple[str, bool]:
    """(the deadline written in a unit cell, whether the clerk should confirm how the cell was read). Confirmed:
    “宣传处会办公室” read as 牵头 + 配合, “A；B牵头” as A and B 牵头, a deadline or a leader written in the cell
    (“…；完成时限：6月底”) read as no unit."""
    parts = cell_key_values(text)
    deadline = next((v for k, v in parts if ROLE_LABELS.get(k) == "deadline"), "")
    other = any(k and ROLE_LABELS.get(k) in ("deadline", "leader") for k, _ in parts)
    return deadline, other or shorthand_with(text) or units_before_role(text)


_UNIT_FIELDS = ("lead", "resp")


@lru_cache(maxsize=4096)
def _read_unit_cell(text: str, column_role: str) -> tuple[tuple[str, ...], tuple[str, ...], str, tuple[str, ...]]:
    """Everything a unit cell gives, once per distinct text: (牵头, 责任, the deadline written in it, the names the
    clerk is asked about — those that do not look like units, then the cell itself where its reading is to be
    confirmed)."""
    ld, rs = cached_roles(text, column_role)
    deadline, confirm = cell_extras(text)
    odd = list(dict.fromkeys(u for u in ld + rs if not looks_like_unit(u)))
    if confirm and text not in odd:
        odd.append(text)
    return ld, rs, deadline, tuple(odd)


def unit_text(grid: Grid, r: int, c: int) -> str:
    """A unit cell's text, its units one a line joined with 、 (“办公室\n各股室” → “办公室、各股室”); long lines
    are sentences: roles() keeps them apart only where a line ends in its role."""
    lines = grid.lines.get(grid.origins[r][c])
    if not lines:  # a cell of one line (most): the text itself
        cell = grid.rows[r][c]
        if "\n" not in cell:
            return cell.strip() if len(cell) <= 30 else cell
    stacked = lines or [grid.rows[r][c]]
    return join_lines("\n".join(stacked)) if all(len(x) <= 30 for x in stacked) else "\n".join(stacked)


def split_seq(task: str, measure: str) -> tuple[str, str, str]:
    """(序号, task, measure) of a row in a list with no 序号 column: the number written before the text — “1.” on
    the measure, else on the task; “（一）” on a task row (a section row would stand alone) is its number too; “1.…2.…”
    numbers the measure's parts, so the row's own number is then the one on its task."""
    where = "measure" if _SEQ_PREFIX.match(measure) or (measure and not _SEQ_PREFIX.match(task)) else "task"
    text = measure if where == "measure" else task
    m = _SEQ_PREFIX.match(text)
    if m and _NEXT_ITEM.search(text, m.end()):
        m = None
        if where == "measure" and _SEQ_PREFIX.match(task):
            where, text = "task", task
            m = _SEQ_PREFIX.match(text)
    m2 = None if m else hdr.SECTION_2.match(text)
    if not (m or m2):
        return "", task, measure
    seq = m.group(1) if m else m2.group(0).strip()
    text = text[(m or m2).end():].lstrip()
    return (seq, task, text) if where == "measure" else (seq, text, measure)


@dataclass
class RowFields:
    """One task row's fields. `raw` is every field's text as the cells hold it; `category` / `subcategory` the
    row's own section cells (the section stage carries them down); `no_category`: one cell spans 一级 and 任务."""
    raw: dict[str, str]
    seq: str = ""
    task: str = ""
    measure: str = ""
    lead: list[str] = field(default_factory=list)
    resp: list[str] = field(default_factory=list)
    deadline_text: str = ""
    deadline_in_text: bool = False
    publish_path: str = ""
    note: str = ""
    category: str = ""
    subcategory: str = ""
    no_category: bool = False

    @property
    def empty(self) -> bool:
        """No task and no measure: not a task (a blank row, a row of units only)."""
        return not (self.task or self.measure)


class FieldReader:
    """The field stage over one grid: `read(r)` for each task row, top to bottom (blank cells take the text of
    the rows above, so the order matters); `section()` at each section row."""

    def __init__(self, grid: Grid, cols_by_field: dict[str, list[int]], body_rows: list[int]):
        self.grid = grid
        self.cols_by_field = cols_by_field
        self.has_seq = "seq" in cols_by_field
        # no cell of the rows merged down: blank cells are merges a copy lost (not in a list read from
        # paragraphs: its blank cells are roles a paragraph did not name)
        self.lost_merges = not grid.from_paragraphs and \
            not any(grid.origins[r][c][0] != r for r in body_rows for c in range(grid.ncols))
        self.above: dict[int, int] = {}  # column → the last row with text in it
        self.filled: dict[int, int] = {}  # column → cells filled from above
        self.odd: dict[int, list[str]] = {}  # unit column → names read from it that do not look like units
        # per field, worked out once: (field, its columns, whether a lost merge fills it down, how cells join)
        self._plan = [(f, cols, f in FILL_DOWN, "\n" if f in LINE_JOINED else " ") for f, cols in cols_by_field.items()]
        self._text_cols = [c for f in ("task", "measure") for c in cols_by_field.get(f, [])]
        self._task_col = cols_by_field["task"][0] if cols_by_field.get("task") else None
        self._category_col = cols_by_field["category"][0] if cols_by_field.get("category") else None
        self._measure_cols = cols_by_field.get("measure", [])

    def _unit_cell(self, r: int, c: int, f: str, lead: list[str], resp: list[str], deadline: str) -> str:
        """Read the unit cell (r, c) into `lead` / `resp` (and `odd`); the row's deadline so far, or the one
        written in this cell."""
        text = unit_text(self.grid, r, c)
        ld, rs, deadline_here, odd_names = _read_unit_cell(text, f)
        lead += [u for u in ld if u not in lead]
        resp += [u for u in rs if u not in resp]
        if odd_names:
            odd = self.odd.setdefault(c, [])
            odd.extend(u for u in odd_names if u not in odd)
        else:
            self.odd.setdefault(c, [])
        return deadline or deadline_here

    def section(self) -> None:
        """A section row: the rows below take nothing from the rows above it."""
        self.above.clear()

    def read(self, r: int, *, as_task: bool = False) -> RowFields:
        """Grid row r's fields; `as_task`: the clerk says a row across the table is a task (its text is the task)."""
        grid, cols_by_field, above = self.grid, self.cols_by_field, self.above
        rows, origins = grid.rows, grid.origins
        row = rows[r]
        values: dict[str, str] = {}
        cell_deadline = ""  # “完成时限：…” written in a unit cell
        lead: list[str] = []
        resp: list[str] = []
        own = any(row[c] for c in self._text_cols)
        fill = own and self.lost_merges
        for f, cols, fills, joiner in self._plan:
            if len(cols) == 1:  # most fields: one column, one cell
                c = cols[0]
                cell = row[c]
                rr = r
                if fills:
                    if cell:
                        above[c] = r
                    elif fill and c in above:
                        rr = above[c]  # the merge the copy lost: the cell above's text
                        self.filled[c] = self.filled.get(c, 0) + 1
                        cell = rows[rr][c]
                if not cell or _PLACEHOLDER.match(cell):
                    values[f] = ""
                    continue
                if f in _UNIT_FIELDS:
                    cell_deadline = self._unit_cell(rr, c, f, lead, resp, cell_deadline)
                values[f] = cell
                continue
            seen_o, parts = set(), []
            for c in cols:
                rr = r
                if not row[c] and fill and fills and c in above:
                    rr = above[c]  # the merge the copy lost: the cell above's text
                    self.filled[c] = self.filled.get(c, 0) + 1
                elif row[c] and fills:
                    above[c] = r
                cell = rows[rr][c]
                o = origins[rr][c]
                if not cell or o in seen_o or _PLACEHOLDER.match(cell):
                    continue
                seen_o.add(o)
                if f in _UNIT_FIELDS:
                    cell_deadline = self._unit_cell(rr, c, f, lead, resp, cell_deadline)
                parts.append(cell)
            values[f] = joiner.join(parts)
        if as_task and len({grid.origins[r][c] for c in range(grid.ncols) if row[c]}) == 1:
            values = {"task": next(t for t in row if t)}  # a row across the table the clerk says is a task
        at = origins[r]
        task_col, measure_cols, category_col = self._task_col, self._measure_cols, self._category_col
        if task_col is not None and measure_cols and at[task_col] in {at[c] for c in measure_cols}:
            values["measure"] = ""  # one cell across 工作任务 and its 要求: a task with no separate requirement
        no_category = task_col is not None and category_col is not None and at[category_col] == at[task_col]
        if no_category:
            values["category"] = ""  # one cell spanning 一级 and 任务: a task with no category
        out = RowFields(raw=values, task=values.get("task", ""), measure=values.get("measure", ""),
                        category=values.get("category", ""), subcategory=values.get("subcategory", ""),
                        no_category=no_category, lead=lead, resp=resp, note=values.get("note", ""))
        if out.empty:
            return out
        out.seq = values.get("seq", "")
        if not self.has_seq:
            out.seq, out.task, out.measure = split_seq(out.task, out.measure)
        out.deadline_text = values.get("deadline", "") or cell_deadline
        if not out.deadline_text:
            found = deadlines.find_in_text(out.measure) or deadlines.find_in_text(out.task)
            if found:
                out.deadline_text, out.deadline_in_text = found, True
        out.publish_path = values.get("path", "") or "；".join(m.group(1) for m in _PATH_INSIDE.finditer(out.measure))
        return out
