"""Turn a grid into parsed task rows: header and column guesses (header.py), row kinds (rows.py), each task row's
fields (fields.py), then one ParsedTask per row with the section it stands under.

Section rows (一、… / （一）…) merged across the table, or a column of them, become the category and
subcategory of the rows below; “1.” before a measure becomes its 序号 when the list has no 序号 column;
who does a task comes from units.roles(); a list with no unit column, or only 科室, is addressed to the
unit named in its title.
"""

from __future__ import annotations

import datetime as dt
import re

from gwdesk.core.tasks.groups import is_division
from gwdesk.core.tasks.parsed import FIELD_LABELS, FIELDS, ParsedList, ParsedTask, squash  # noqa: F401
from gwdesk.core.tasks.vocabulary import (
    ADDRESSEE_END_WORDS,
    ANNEX_WORDS,
    DOC_NO_CLOSE,
    DOC_NO_OPEN,
    HALF_YEARS,
    INTERNAL_GROUPS,
    ISSUER_CUT_WORDS,
    ISSUER_END_WORDS,
    ISSUER_STOP_WORDS,
    PLACE_OR_OFFICE_END,
    QUARTER_NUMBERS,
    QUARTER_WORDS,
    RANGE_SEPARATORS,
    TITLE_WORDS,
    alternation,
)
from gwdesk.io.tasklist import header as hdr
from gwdesk.io.tasklist.fields import FieldReader, split_seq, unit_text  # noqa: F401  (split_seq re-exported)
from gwdesk.io.tasklist.fields import cached_roles as _roles
from gwdesk.io.tasklist.grid import Grid
from gwdesk.io.tasklist.patterns import CN, CLOSE, ITEM_NUMBER, NUMBER_END, OPEN, chars, spaced, words
from gwdesk.io.tasklist.rows import row_kinds
from gwdesk.io.tasklist.settings import SETTINGS
from gwdesk.io.tasklist.units import roles, split_units  # noqa: F401  (re-exported)

find_header = hdr.find_header
_ADDRESSEE = re.compile(rf"^(.{{2,30}}?(?:{alternation(ADDRESSEE_END_WORDS)}))"
                        r"(?=\d{4}年|关于|贯彻|政务公开|重点|工作|年度)")


_TITLE_WORDS = re.compile(alternation(TITLE_WORDS))
_YEAR = re.compile(r"(20\d{2})\s*年")
# a title naming years from … to (“工作重点任务分工(2016-2020年)”): the list is the first year's, when it was made
_YEAR_RANGE = re.compile(rf"(20\d{{2}})\s*年?\s*{words(RANGE_SEPARATORS)}+\s*20\d{{2}}\s*年")
# a line that is only the notice's 文号 (“豫政办〔2015〕101号”); a number cited inside a sentence is another document's
_DOC_NO_LINE = re.compile(rf"^\s*[\u4e00-\u9fff]{{1,12}}\s*{chars(DOC_NO_OPEN)}(20\d{{2}}){chars(DOC_NO_CLOSE)}\s*\d{{1,4}}\s*号\s*$")
_SENTENCE_END = re.compile(r"[。：:；;]\s*$")
_ANNEX = re.compile(rf"^(?:{'|'.join(map(spaced, ANNEX_WORDS))})\s*(?:\d|{CN})*\s*[:：]?$")  # “附件1”: a label, not the title
_ISSUED = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISSUER_END = re.compile(alternation(ISSUER_STOP_WORDS))
_ISSUER_CUT = re.compile(alternation(ISSUER_CUT_WORDS))  # “重庆高新区贯彻落实国务院办公厅2021年…” → 重庆高新区
_NUMBERED = re.compile(rf"^\s*(?:{CN}+{NUMBER_END}|{OPEN}(?:\d|{CN})+{CLOSE}|{ITEM_NUMBER})")
_PLACE_END = re.compile(rf"({alternation(PLACE_OR_OFFICE_END)})$")
_ISSUER_UNIT = re.compile(rf"^.*(?:{alternation(ISSUER_END_WORDS)})")


def describe(lines: list[str], file_stem: str) -> tuple[str, str, int | None, dt.date | None]:
    """(title, issuer, year, issued_on) from the lines above the header and the file name."""
    # a numbered line (“二、重点工作任务分解”, “1.深入推进…”) is the document's body, not its title
    lines = [ln for ln in lines if not _NUMBERED.match(ln)]
    # a sentence (“现将《赣州市2023年…方案》印发给你们，…。”, a salutation “…各部门：”) is no title
    titles = [ln for ln in lines if not _SENTENCE_END.search(ln)]
    title = next((ln for ln in titles if _TITLE_WORDS.search(ln) and len(ln) <= 60), "")
    if not title:
        title = next((ln for ln in titles if not _ANNEX.match(ln) and len(ln) <= 60), file_stem)
    year = None
    m = _YEAR_RANGE.search(title) or _YEAR.search(title) or _YEAR.search(file_stem)
    if m:
        year = int(m.group(1))
    else:  # no year in the title: the notice's own 文号 gives it
        year = next((int(d.group(1)) for d in map(_DOC_NO_LINE.match, lines) if d), None)
    issuer = ""
    m = _YEAR.search(title)
    if m and m.start() > 0:
        # “县《政府工作报告》确定的2021年…”: a document's name is no issuer; what stands before it is, if a name
        head = re.sub(r"^\s*《[^》]*》", "", title[:m.start()]).lstrip(" 《")
        issuer = _ISSUER_CUT.split(head)[0].split("《")[0].strip()
        issuer = issuer if len(issuer) >= 2 else ""
    elif m:  # “2018年泰山区政务公开…”: the place right after the year
        e = _ISSUER_END.search(title, m.end())
        place = title[m.end():e.start()].strip() if e else ""
        if 2 <= len(place) <= 12 and _PLACE_END.search(place):
            issuer = place
    else:
        e = _ISSUER_END.search(title)
        if e and e.start() >= 2:
            issuer = title[:e.start()].strip(" 《")
    if issuer and not _PLACE_END.search(issuer):
        # “元马镇人民政府基层政务公开…”: the issuer ends where a unit's or a place's name ends, else there is none
        m = _ISSUER_UNIT.match(issuer)
        issuer = m.group(0) if m and len(m.group(0)) >= 2 else ""
    issued_on = None
    for ln in lines:
        m = _ISSUED.search(ln)
        if m:
            try:
                issued_on = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
    return title, issuer, year, issued_on


def _internal(values: list[str]) -> bool:
    """A unit column naming the unit's own 科室/股室/处室 (办公室, 财务科, 各科室…)."""
    units = [u for v in values for part in _roles(v, "resp") for u in part]
    return bool(units) and sum(map(is_division, units)) >= SETTINGS.internal_share * len(units)


# a title may start with when it is (“2024年3月财政局…完成情况”, “2024年度”, “2024年第一季度”): not the unit's name
_WHEN = re.compile(r"^\s*(?:20\d{2}\s*年(?:度)?)?\s*(?:\d{1,2}\s*(?:-\s*\d{1,2}\s*)?月(?:份)?"
                   rf"|第?{chars(''.join(QUARTER_NUMBERS))}\s*{words(QUARTER_WORDS)}|{words(HALF_YEARS)})?"
                   r"\s*(?:[的]\s*)?")


def _addressee(title: str, unit_columns: list[list[str]], header_texts: list[str]) -> str:
    """The one unit a list is addressed to: named in its title when there is no unit column, or a unit column
    names only its 科室 (a 市级牵头单位 column beside it does not change that). A date the title starts with
    is no part of the name (“2024年3月财政局政务公开重点工作完成情况” → 财政局)."""
    m = _ADDRESSEE.match(_WHEN.sub("", title.strip(" 《"), count=1))
    if not m or re.search(r"\d", m.group(1)):
        return ""
    if not unit_columns or any(w in h for h in header_texts for w in INTERNAL_GROUPS) \
            or any(_internal(col) for col in unit_columns):
        return m.group(1)
    return ""


ROW_FIXES = ("task", "category", "skip")  # what the clerk may say a row is: a task, a category, not a task


def parse_grid(grid: Grid, *, file: str, file_stem: str = "", mapping: dict[int, str | None] | None = None,
               header_row: int | None = -1, row_fixes: dict[int, str] | None = None,
               unit_fixes: dict[int, tuple[list[str], list[str]]] | None = None) -> ParsedList:
    """Parse a grid; pass `mapping` (and `header_row`) to apply the clerk's column choices, `row_fixes`
    (grid row → task / category / skip) and `unit_fixes` (grid row → (牵头, 责任)) to apply the clerk's row choices."""
    header = hdr.find_header(grid) if header_row == -1 else header_row
    depth = hdr.header_depth(grid, header) if header is not None else 0
    start = header + depth if header is not None else 0
    kinds = row_kinds(grid, header, depth)
    for r, kind in (row_fixes or {}).items():
        if start <= r < len(grid.rows) and kind in ROW_FIXES:
            kinds[r - start] = kind
    levels = [{"category": 1, "subcategory": 2}.get(k, 0) for k in kinds]
    body_rows = [r for r, k in zip(range(start, len(grid.rows)), kinds) if k == "task"]
    guesses = hdr.propose(grid, header, depth, body_rows[:SETTINGS.sample_rows], sections=1 in levels)
    if mapping is not None:
        use = {int(k): v for k, v in mapping.items()}
        for g in guesses:
            g.field, g.confidence, g.why = use.get(g.column), 1.0, ""
        doubts: list[str] = []
    else:
        use = {g.column: g.field for g in guesses}
        doubts = hdr.doubts(guesses)
    lines = list(grid.lines_above)
    if header is not None:
        # the first filled cell: a title row may start after an empty leading column
        lines += [next(t for t in grid.rows[r] if t) for r in range(header) if any(grid.rows[r])]
    title, issuer, year, issued_on = describe(lines, file_stem)
    columns = [" / ".join(dict.fromkeys(t for t in (grid.rows[header][c], grid.rows[header + 1][c] if depth == 2
                                                     else "") if t)) if header is not None else ""
               for c in range(grid.ncols)]
    result = ParsedList(file=file, sheet=grid.name, title=title, issuer=issuer, year=year, issued_on=issued_on,
                        header_row=header, mapping=use, columns=columns, guesses=guesses)
    if header is None and mapping is None:
        doubts.insert(0, "没有找到表头（序号、工作任务、牵头单位等）")
    result.needs_mapping = bool(doubts)
    result.reasons = doubts
    for g in guesses:
        if g.field and g.field not in result.header_labels and g.header:
            result.header_labels[g.field] = g.header
    cols_by_field: dict[str, list[int]] = {}
    for c, f in sorted(use.items()):
        if f:
            cols_by_field.setdefault(f, []).append(c)
    unit_cols = [c for f in ("lead", "resp") for c in cols_by_field.get(f, [])]
    sample = body_rows[:SETTINGS.addressee_sample_rows]
    result.addressee = _addressee(title, [[unit_text(grid, r, c) for r in sample] for c in unit_cols],
                                  [g.header for g in guesses if g.field in ("lead", "resp")])

    category = subcategory = ""
    section_row = -1  # the grid row of the section row (一、 / （一）) the rows below take their category from
    if lines and len(lines[-1]) <= 60 and 1 in levels and levels[0] == 0 and (
            hdr.SECTION_1.match(lines[-1]) or (grid.between_tables and lines[-1] != title and len(lines) > 1
                                               and not _SENTENCE_END.search(lines[-1]))):
        # a table per category, each category a paragraph above its table (“一、…”, or unnumbered between the
        # tables): the first one sits above the header
        category = lines[-1]
    reader = FieldReader(grid, cols_by_field, body_rows)  # the field stage
    for r in range(start, len(grid.rows)):
        row = grid.rows[r]
        if len(result.preview_rows) < 8:
            result.preview_rows.append(list(row))
        level = levels[r - start]
        if level:
            reader.section()
            text = hdr.row_cells(grid, r)[0][1]
            if (row_fixes or {}).get(r) == "category":  # a row the clerk made a category: its longest text
                text = max((t for _, t in hdr.row_cells(grid, r)), key=len)
            if level == 1:
                category, subcategory = text, ""
                section_row = r
            else:
                subcategory = text
                section_row = r
            continue
        if kinds[r - start] != "task":
            continue
        f = reader.read(r, as_task=(row_fixes or {}).get(r) == "task")
        if f.no_category:
            category = subcategory = ""
        if f.category:
            if f.category != category:
                subcategory = ""
            category = f.category
            section_row = -1
        if f.subcategory:
            subcategory = f.subcategory
        if f.empty:
            continue
        lead, resp = f.lead, f.resp
        if unit_fixes and r in unit_fixes:  # the clerk's own split of this row's units
            lead, resp = (list(u) for u in unit_fixes[r])
        result.tasks.append(ParsedTask(
            row=grid.row_numbers[r], position=len(result.tasks) + 1, seq=f.seq,
            category=category, subcategory=subcategory, task=f.task, measure=f.measure,
            lead_units=lead, resp_units=resp, deadline_text=f.deadline_text,
            deadline_in_text=f.deadline_in_text, publish_path=f.publish_path, note=f.note, raw=f.raw, grid_row=r,
            section_row=section_row))
    if result.year is None and result.issued_on is None:
        result.year = _year_of_deadlines(result.tasks)
    if mapping is None:
        _doubt_odd_units(result, reader.odd)
        _doubt_filled(result, reader.filled)
    return result


def _year_of_deadlines(tasks: list[ParsedTask]) -> int | None:
    """A list whose title names no year: the year its 完成时限 cells write out, when most of them agree
    (“2020年6月30日前…年底前…” in a 禹会区 整改清单 → 2020, so its 年底前 is 2020-12-31)."""
    years = [int(y) for t in tasks if not t.deadline_in_text for y in set(_YEAR.findall(t.deadline_text))]
    if not years:
        return None
    best = max(set(years), key=years.count)
    return best if years.count(best) >= SETTINGS.year_agreement * len(years) else None


def _doubt_filled(result: ParsedList, filled: dict[int, int]) -> None:
    for g in result.guesses:
        n = filled.get(g.column)
        if n:
            g.confidence = min(g.confidence, SETTINGS.flagged_confidence)
            g.why = f"第{g.column + 1}列“{g.header}”有{n}个空格，看来是合并单元格丢失了，已按上一格填充，请核对"
            result.reasons.append(g.why)
            result.needs_mapping = True


def _doubt_odd_units(result: ParsedList, odd: dict[int, list[str]]) -> None:
    """A unit column where some names read do not look like units (“各镇(街)参照”): the roles were written in
    a way the reader does not know, so the clerk checks that column."""
    for g in result.guesses:
        names = odd.get(g.column)
        if names and not g.uncertain:
            g.confidence = SETTINGS.flagged_confidence
            g.why = f"第{g.column + 1}列“{g.header}”有的单位名称读不准（{'、'.join(names[:3])}），请核对"
            result.reasons.append(g.why)
            result.needs_mapping = True
