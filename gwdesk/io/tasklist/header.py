"""Which column holds what: header words first (one or two header rows, cells spanning columns), contents only break ties.

Every column gets a ColumnGuess with a confidence; a guess below 0.8 makes the list unsure, and the
reasons say why in the clerk's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwdesk.core.tasks import deadlines
from gwdesk.core.tasks.parsed import FIELD_LABELS, ColumnGuess, squash
from gwdesk.core.tasks.vocabulary import (
    COLUMN_UNIT_END_WORDS,
    GROUP_END_WORDS,
    HEADER_PARTS,
    HEADER_WORDS,
    MARK_CHARS,
    NAME_CLOSERS,
    PERSON_HEADER_END_WORDS,
    PERSON_HEADER_WORDS,
    PROBLEM_AFTER_WORDS,
    PROBLEM_BEFORE_WORDS,
    PROBLEM_WORD,
    UNIT_END_WORDS,
    alternation,
)
from gwdesk.io.tasklist.grid import Grid
from gwdesk.io.tasklist.patterns import SECTION_1, SECTION_2  # noqa: F401  (the numbering, used as hdr.SECTION_*)
from gwdesk.io.tasklist.patterns import BRACKET_TAIL, NUMBER_END, UNIT_SEP, chars, words
from gwdesk.io.tasklist.settings import SETTINGS

UNIT_FIELDS = ("lead", "resp")
_SEQ_LIKE = re.compile(rf"^\d{{1,4}}{NUMBER_END}?$")
_UNIT_WORDS = alternation(UNIT_END_WORDS, GROUP_END_WORDS, COLUMN_UNIT_END_WORDS)
_UNIT_END = re.compile(rf"({_UNIT_WORDS})[{re.escape(NAME_CLOSERS)}]?$")
_MULTI = ("measure", "note", "path")  # several columns of these are joined, not doubted


# a person, whatever else the header says (责任人员, 工作责任人, 责任人及联系电话, 县级包抓领导): never units
_PERSON = re.compile(rf"{words(PERSON_HEADER_WORDS)}|{words(PERSON_HEADER_END_WORDS)}$")
# an 整改台账's problem: the task to fix, or its detail when the list has a 任务 column as well
PROBLEM = re.compile(rf"^{words(PROBLEM_BEFORE_WORDS)}?{re.escape(PROBLEM_WORD)}{words(PROBLEM_AFTER_WORDS)}?$")


def header_field(text: str) -> tuple[str | None, float]:
    """(field, confidence) of a header cell's words."""
    word = BRACKET_TAIL.sub("", squash(text))
    if not word:
        return None, 0.0
    if word in HEADER_WORDS:
        return HEADER_WORDS[word], 1.0
    if _PERSON.search(word) and len(word) <= 12:
        return "note", 0.9
    if PROBLEM.match(word):
        return "task", 0.9
    if len(word) <= 10:
        for part, f in HEADER_PARTS:
            if part in word:
                return f, 0.9
    return None, 0.0


def row_cells(grid: Grid, r: int) -> list[tuple[tuple[int, int], str]]:
    """Distinct (origin, text) of a row, left to right, skipping empties."""
    seen, out = set(), []
    for c, text in enumerate(grid.rows[r]):
        o = grid.origins[r][c]
        if text and o not in seen:
            seen.add(o)
            out.append((o, text))
    return out


def _score(grid: Grid, r: int) -> int:
    fields = {header_field(t)[0] for _, t in row_cells(grid, r)} - {None}
    if not fields & {"task", "measure", "lead", "resp"}:
        return 0
    return len(fields) + (1 if fields & {"task", "measure"} else 0)


def find_header(grid: Grid, scan: int | None = None) -> int | None:
    best, best_score = None, SETTINGS.header_min_score
    for r in range(min(scan or SETTINGS.header_scan_rows, len(grid.rows))):
        s = _score(grid, r)
        if s > best_score:
            best, best_score = r, s
    # the lower row of a two-row header scores higher (the cells above reach down into it): the header
    # starts with the row those cells come from
    if best and _score(grid, best - 1) and any(o[0] == best - 1 for o in grid.origins[best]):
        return best - 1
    return best


def header_depth(grid: Grid, header: int) -> int:
    """1, or 2 when the row under the header names the parts of header cells that span columns or rows."""
    if header + 1 >= len(grid.rows):
        return 1
    below = row_cells(grid, header + 1)
    named = [(o, t) for o, t in below if o[0] == header + 1 and header_field(t)[0] and len(t) <= 12]
    if len(named) >= 2 and all(len(t) <= 12 for _, t in below) and not section_level(grid, header + 1):
        return 2
    # 公开对象 over 全社会 | 特定群体: short labels under header cells spanning columns, the other header cells
    # reaching down over this row
    reached = sum(1 for c in range(grid.ncols) if grid.origins[header + 1][c][0] == header)
    parts = [o for o, t in below if o[0] == header + 1]
    spans = {grid.origins[header][o[1]] for o in parts
             if sum(1 for c in range(grid.ncols) if grid.origins[header][c] == grid.origins[header][o[1]]) >= 2}
    labels = [grid.rows[o[0]][o[1]] for o in parts]
    if reached >= 2 and spans and all(len(t) <= 8 and not _SEQ_LIKE.match(t) for t in labels):
        return 2
    return 1


def section_level(grid: Grid, r: int) -> int:
    """1 for a 一、 section row, 2 for （一）, 0 for a task row."""
    row, origins = grid.rows[r], grid.origins[r]
    o = text = None
    for c, t in enumerate(row):  # one distinct filled cell, or it is a task row (this runs for every row)
        if t:
            if o is None:
                o, text = origins[c], t
            elif origins[c] != o:
                return 0
    if o is None:
        return 0
    width = sum(1 for c in range(grid.ncols) if grid.origins[r][c] == o)
    if width >= max(2, grid.ncols // 2):
        return 2 if SECTION_2.match(text) else 1
    if (SECTION_1.match(text) or SECTION_2.match(text)) and o[1] <= _first_column(grid):
        return 2 if SECTION_2.match(text) else 1
    # “（二）…” alone in a 要求 column further right: a row whose other cells lost their merge, not a section
    return 0


def _first_column(grid: Grid) -> int:
    """The leftmost column with anything in it (a sheet may keep an empty margin column)."""
    if grid.first_column < 0:
        grid.first_column = next((c for c in range(grid.ncols) if any(row[c] for row in grid.rows)), 0)
    return grid.first_column


def _is_deadline(text: str) -> bool:
    d = deadlines.parse(text, year=2000)
    return d.kind in ("date", "recurring", "ongoing") or d.flag == "relative"  # “…之日起20个工作日内”


_MARK = re.compile(rf"^{chars(MARK_CHARS)}$")
_UNIT_SEPARATED = re.compile(UNIT_SEP)


def _kind(values: list[str]) -> str:
    vals = [v for v in values if v]
    if not vals:
        return "empty"
    if all(_MARK.match(v) for v in vals):
        return "mark"  # ticks under 全社会/主动公开…: nothing a task needs
    n = len(vals)
    if sum(bool(_SEQ_LIKE.match(v)) for v in vals) >= SETTINGS.seq_share * n:
        return "seq"
    short = [v for v in vals if len(v) <= SETTINGS.deadline_cell_max]
    if sum(_is_deadline(v) for v in short) >= SETTINGS.deadline_share * n:
        return "deadline"
    avg = sum(len(v) for v in vals) / n
    if avg <= SETTINGS.unit_cell_max_avg and sum(
            all(_UNIT_END.search(u) or u.startswith("各") for u in _UNIT_SEPARATED.split(v) if u)
            for v in vals) >= SETTINGS.unit_share * n:
        return "unit"
    return "long" if avg > SETTINGS.long_text_avg else "short"


_COMPAT = {
    "seq": {"seq": 3, "long": -3, "unit": -2, "deadline": -2},
    "task": {"short": 2, "long": 1, "seq": -3, "deadline": -1},
    "measure": {"long": 3, "short": 1, "seq": -3, "unit": -1, "deadline": -1},
    "lead": {"unit": 3, "short": 1, "long": -1, "seq": -3, "deadline": -2},
    "resp": {"unit": 3, "short": 1, "long": -1, "seq": -3, "deadline": -2},
    "deadline": {"deadline": 3, "short": 1, "long": 0, "seq": -3, "unit": -2},
    "category": {"short": 2, "long": 1, "seq": -3},
    "subcategory": {"short": 2, "long": 1, "seq": -3},
    "note": {"empty": 1, "short": 1, "long": 1},
    "path": {"short": 1, "long": 1},
}


def compat(field: str | None, kind: str) -> int:
    if field is None:
        return 0 if kind == "empty" else -1
    return _COMPAT.get(field, {}).get(kind, 0)


def _guess(kind: str, taken: set[str]) -> str | None:
    order = {"seq": ["seq"], "deadline": ["deadline"], "unit": ["lead", "resp"], "long": ["measure", "note"],
             "short": ["task", "note"], "empty": []}[kind]
    for f in order:
        if f not in taken or f in _MULTI:
            return f
    return None


def _label(c: int, header_text: str) -> str:
    return f"第{c + 1}列" + (f"“{header_text}”" if header_text else "（没有表头）")


@dataclass
class Columns:
    """What the column passes work on: the grid, its body rows, each column's kind and guess."""
    grid: Grid
    body_rows: list[int]
    kinds: list[str]
    guesses: list[ColumnGuess]
    origins: list[tuple[int, int]]  # the header cell each column is named by
    sections: bool  # “一、…” rows across the table give the categories


def propose(grid: Grid, header: int | None, depth: int, body_rows: list[int],
            sections: bool = False) -> list[ColumnGuess]:
    """One ColumnGuess per grid column; `sections`: “一、…” rows across the table give the categories.
    The header words give each column's field, then the fix-up passes (PASSES, in order) correct it."""
    ncols = grid.ncols
    kinds = [_kind([grid.rows[r][c] for r in body_rows]) for c in range(ncols)]
    if header is None:
        return _by_content_only(kinds)
    top = grid.rows[header]
    low = grid.rows[header + 1] if depth == 2 else None
    texts, origins = [], []
    for c in range(ncols):
        t, o = top[c], grid.origins[header][c]
        if low is not None and low[c] and grid.origins[header + 1][c][0] == header + 1 and header_field(low[c])[0]:
            t, o = low[c], grid.origins[header + 1][c]
        texts.append(t)
        origins.append(o)
    fields = [header_field(t) for t in texts]
    if low is not None:
        _span_keeps_field(grid, header, fields, texts, kinds)
    guesses = [ColumnGuess(c, squash(texts[c]), f, conf if f else (1.0 if kinds[c] in ("empty", "mark") else 0.0))
               for c, (f, conf) in enumerate(fields)]
    cols = Columns(grid, body_rows, kinds, guesses, origins, sections)
    for _name, fix in PASSES:
        fix(cols)
    return guesses


def _by_content_only(kinds: list[str]) -> list[ColumnGuess]:
    """No header row: every column by its contents, each asked."""
    guesses, taken = [], set()
    if kinds.count("unit") == 1:
        taken.add("lead")  # a lone unit column: 责任单位
    for c in range(len(kinds)):
        f = _guess(kinds[c], taken)
        if f:
            taken.add(f)
        guesses.append(ColumnGuess(c, "", f, SETTINGS.content_guess_confidence if f else 1.0,
                                   f"{_label(c, '')}按内容建议作为“{FIELD_LABELS.get(f, '忽略')}”" if f else ""))
    return guesses


def _marks(cols: Columns) -> None:
    """Ticks under 全社会/主动公开…: nothing a task needs, left out without asking."""
    for g in cols.guesses:
        if cols.kinds[g.column] == "mark":
            g.field, g.confidence = None, 1.0


def _long_header(cols: Columns) -> None:
    lo = next((g.column for g in cols.guesses if g.header or cols.kinds[g.column] != "empty"), 0)
    _align_long_header(cols.guesses[lo:], cols.kinds[lo:])  # an empty margin column at the left is no column


def _by_content(cols: Columns) -> None:
    """Columns the header does not name get a field by their contents (asked); a header word whose contents do
    not fit it is asked too."""
    guesses, kinds = cols.guesses, cols.kinds
    taken = {g.field for g in guesses if g.field}
    unheaded_units = [g for g in guesses if g.field is None and kinds[g.column] == "unit"]
    if len(unheaded_units) == 1 and not taken & set(UNIT_FIELDS):
        taken.add("lead")  # one unit column with no header word: 责任单位; 牵头 needs its word
    for g in guesses:
        if g.field is None and kinds[g.column] not in ("empty", "mark"):
            f = _guess(kinds[g.column], taken)
            if f:
                taken.add(f)
            g.field, g.confidence = f, SETTINGS.content_guess_confidence
            g.why = f"{_label(g.column, g.header)}有内容但无法按表头识别，建议作为“{FIELD_LABELS.get(f, '忽略')}”"
        elif g.field and not g.uncertain and compat(g.field, kinds[g.column]) <= -2:
            g.confidence = SETTINGS.unsure_confidence
            g.why = f"{_label(g.column, g.header)}的内容不像“{FIELD_LABELS[g.field]}”，请核对"


def _problem_beside_task(cols: Columns) -> None:
    """存在问题 is the task of an 整改台账; beside a 任务 column (重点任务 | 主要问题) it is that task's detail."""
    guesses = cols.guesses
    tasks = [g for g in guesses if g.field == "task"]
    problems = [g for g in tasks if PROBLEM.match(g.header)]
    if problems and len(tasks) > len(problems):
        for g in problems:
            g.field = "measure"


def _span_keeps_field(grid: Grid, header: int, fields: list, texts: list[str], kinds: list[str]) -> None:
    """Two header rows, 公开事项 over 一级事项 | 二级事项: the rightmost part keeps the spanning cell's field
    (工作任务), the parts left of it are the 一级/二级 categories."""
    top = grid.rows[header]
    c, n = 0, len(fields)
    while c < n:
        e = c
        while e + 1 < n and grid.origins[header][e + 1] == grid.origins[header][c]:
            e += 1
        f, conf = header_field(top[c])
        parts = [k for k in range(c, e + 1) if kinds[k] not in ("empty", "mark")]
        # (one part too: 公开事项 over 二级事项 alone, the 一级 given by section rows)
        if f and f not in UNIT_FIELDS and f not in ("category", "subcategory") and parts \
                and all(fields[k][0] in ("category", "subcategory") for k in parts) \
                and all(texts[k] != top[c] for k in parts):
            fields[parts[-1]] = (f, min(conf, 0.9))
        c = e + 1


def _deadline_in_note(cols: Columns) -> None:
    """No 时限 column, and the 备注 column holds deadlines (宣城市: 备注 “11月底前完成”): that column is the
    deadline, against its header, and asked."""
    guesses, kinds = cols.guesses, cols.kinds
    if any(g.field == "deadline" for g in guesses):
        return
    for g in guesses:
        if g.field == "note" and g.header == "备注" and kinds[g.column] == "deadline":
            g.field, g.confidence = "deadline", SETTINGS.flagged_confidence
            g.why = f"{_label(g.column, g.header)}写的是时限，作为“完成时限”，请核对"
            return


def _same_cells(grid: Grid, body_rows: list[int], a: int, b: int) -> bool:
    """Columns a and b merged together in (nearly) every row: one column in effect."""
    rows = [r for r in body_rows if grid.rows[r][a] or grid.rows[r][b]]
    return bool(rows) and sum(grid.origins[r][a] == grid.origins[r][b] for r in rows) >= 0.8 * len(rows)


def _split_groups(cols: Columns) -> None:
    """A header cell spanning columns: 序号 for a column of bare numbers, the rightmost keeps the field,
    columns left of it become 一级/二级 categories (工作任务 over 一级, 二级, 任务)."""
    grid, body_rows, guesses, origins, kinds, sections = (cols.grid, cols.body_rows, cols.guesses, cols.origins,
                                                          cols.kinds, cols.sections)
    c = 0
    n = len(guesses)
    while c < n:
        e = c
        while e + 1 < n and origins[e + 1] == origins[c]:
            e += 1
        field = guesses[c].field
        if e > c and field and field not in UNIT_FIELDS:
            cols = [k for k in range(c, e + 1) if kinds[k] != "empty"
                    and not (k > c and _same_cells(grid, body_rows, k - 1, k))]
            taken = {g.field for g in guesses} | ({"category"} if sections else set())  # 一、 rows: 二级 next
            for k in range(c, e + 1):
                guesses[k].field = None
            if cols:
                rest = []
                for k in cols:
                    if kinds[k] == "seq" and "seq" not in taken:
                        guesses[k].field = "seq"
                        taken.add("seq")
                    else:
                        rest.append(k)
                if rest:
                    guesses[rest[-1]].field = field
                    extra = [f for f in ("category", "subcategory") if f not in taken]
                    for k in rest[:-1]:
                        guesses[k].field = extra.pop(0) if extra else None
                for k in cols:
                    guesses[k].confidence = min(guesses[k].confidence, 0.85)
                    guesses[k].why = (f"表头“{guesses[c].header}”跨{e - c + 1}列，第{k + 1}列按内容作为"
                                      f"“{FIELD_LABELS.get(guesses[k].field, '忽略')}”")
        c = e + 1


def _align_long_header(guesses: list[ColumnGuess], kinds: list[str]) -> None:
    """A header one cell ahead of its rows (a table pasted from a web page: 负责领导 | 序号 | 重点工作 … over rows
    that start with the 序号 and end in an empty cell): every column takes the header to its right when the
    contents then fit much better, and the clerk is asked."""
    n = len(guesses)
    if n < 3 or kinds[-1] != "empty" or not guesses[-1].header or kinds[0] == "empty":
        return
    fields = [g.field for g in guesses]
    moved = fields[1:] + [None]
    if sum(compat(moved[c], kinds[c]) for c in range(n)) <= sum(compat(fields[c], kinds[c]) for c in range(n)) + 4:
        return
    headers = [g.header for g in guesses]
    for c, g in enumerate(guesses):
        g.header = headers[c + 1] if c + 1 < n else ""
        g.field, g.confidence = moved[c], (SETTINGS.unsure_confidence if moved[c] else 1.0)
        g.why = (f"表头比数据多一格，数据都靠左了一列：第{g.column + 1}列按表头“{g.header}”作为"
                 f"“{FIELD_LABELS.get(moved[c], '忽略')}”，请核对") if moved[c] else ""


def _align_short_header(cols: Columns) -> None:
    """A header with fewer cells than the rows: slide the header cells from some column on to the right
    when the contents then fit them much better (“four cells over five”)."""
    guesses, kinds = cols.guesses, cols.kinds
    headed = [g.column for g in guesses if g.field]
    unheaded = [c for c, g in enumerate(guesses) if g.field is None and kinds[c] != "empty"]
    if not headed or not unheaded or max(unheaded) < min(headed):
        return
    base = sum(compat(guesses[c].field, kinds[c]) for c in range(len(guesses)))
    best, best_k = base, None
    fields = [g.field for g in guesses]
    for k in range(len(headed)):
        moved = list(fields)
        for c in headed[k:]:
            moved[c] = None
        ok = True
        for c in headed[k:]:
            if c + 1 >= len(moved):
                ok = False
                break
            moved[c + 1] = fields[c]
        if not ok:
            continue
        score = sum(compat(moved[c], kinds[c]) for c in range(len(moved)))
        if score > best + 2:
            best, best_k, best_fields = score, k, moved
    if best_k is None:
        return
    start = headed[best_k]
    headers = [g.header for g in guesses]
    for c in headed[best_k:]:
        guesses[c].header = ""
    for c in headed[best_k:]:
        guesses[c + 1].header = headers[c]
    for c, f in enumerate(best_fields):
        if f != guesses[c].field:
            guesses[c].field = f
            guesses[c].confidence = SETTINGS.unsure_confidence
            guesses[c].why = (f"表头比数据少一列：自第{start + 1}列起表头按内容右移一列，"
                              f"第{c + 1}列作为“{FIELD_LABELS.get(f, '忽略') if f else '忽略'}”")


def _prefixed_sections(cols: Columns) -> None:
    """A 工作任务 column whose entries all start 一、… holds categories; another column of （一）… subcategories."""
    grid, guesses, body_rows = cols.grid, cols.guesses, cols.body_rows
    taken = {g.field for g in guesses}
    measures = [g.column for g in guesses if g.field == "measure"]
    for g in guesses:
        # a second 要求/内容 column holding only 一、… sections (台山市: 工作要求 | 工作任务 | 具体要求) is
        # the category, against its header: asked
        against_header = g.field == "measure" and len(measures) > 1
        if g.field not in ("task", "category") and not against_header:
            continue
        vals = {grid.rows[r][g.column] for r in body_rows} - {""}
        if not vals:
            continue
        if g.field in ("task", "measure") and "category" not in taken and all(SECTION_1.match(v) for v in vals):
            g.field = "category"
        elif "subcategory" not in taken and all(SECTION_2.match(v) for v in vals) and g.field != "task":
            # a column headed 工作任务 stays the task however its entries are numbered (梁平: “（一）做好…”)
            g.field = "subcategory"
        else:
            continue
        if against_header:
            measures.remove(g.column)
            g.confidence = min(g.confidence, SETTINGS.flagged_confidence)
            g.why = (f"第{g.column + 1}列“{g.header}”都以“一、”“（一）”编号开头，按内容作为"
                     f"“{FIELD_LABELS[g.field]}”，请核对")
        taken.add(g.field)
        g.why = g.why or f"第{g.column + 1}列都以“一、”“（一）”编号开头，作为“{FIELD_LABELS[g.field]}”"


# the fix-up passes over the header words' proposal, in the order they run
PASSES = (
    ("tick columns are left out", _marks),
    ("存在问题 beside a 任务 column is its detail", _problem_beside_task),
    ("a header cell spanning columns: 序号, categories, the field", _split_groups),
    ("a header one cell ahead of its rows", _long_header),
    ("a header with fewer cells than the rows", _align_short_header),
    ("columns no header word names, by their contents", _by_content),
    ("columns of 一、/（一） numbered sections", _prefixed_sections),
    ("deadlines written in 备注", _deadline_in_note),
)


def doubts(guesses: list[ColumnGuess]) -> list[str]:
    """The reasons the mapping is unsure, for the clerk."""
    out = [g.why or f"{_label(g.column, g.header)}不确定" for g in guesses if g.uncertain and g.field]
    present = {g.field for g in guesses if g.field}
    if not present & {"task", "measure"}:
        out.append("没有找到“工作任务”或“主要内容”列")
    for f in ("seq", "task", "deadline", "category", "subcategory"):
        cols = [g.column for g in guesses if g.field == f]
        if len(cols) > 1:
            out.append(f"有{len(cols)}列都像“{FIELD_LABELS[f]}”（第{'、'.join(str(c + 1) for c in cols)}列）")
    return out
