"""Find the header by its words, map columns to fields, and turn a grid into parsed task rows.

Section rows (一、… / （一）…) merged across the table become the category of the rows below;
a header cell merged over two columns whose first column only holds numbers yields 序号; a
column with content but no header (the 4-cell header over 5-cell rows) makes the result unsure,
with a proposed mapping for the clerk to confirm.
"""

from __future__ import annotations

import re
from gwdesk.core.tasks import deadlines
from gwdesk.core.tasks.parsed import FIELD_LABELS, FIELDS, ParsedList, ParsedTask, squash  # noqa: F401
from gwdesk.io.tasklist.grid import Grid


# Exact header words first, then words a header may contain (“牵头单位（部门）”).
_EXACT = {
    "序号": "seq", "编号": "seq",
    "工作任务": "task", "重点任务": "task", "任务": "task", "任务名称": "task", "目标任务": "task",
    "工作事项": "task", "任务事项": "task",
    "主要内容": "measure", "贯彻举措": "measure", "具体措施": "measure", "工作内容": "measure",
    "工作措施": "measure", "具体内容": "measure", "任务内容": "measure", "落实举措": "measure",
    "主要措施": "measure", "工作要求": "measure", "具体任务": "measure",
    "牵头单位": "lead", "牵头部门": "lead", "牵头科室": "lead",
    "责任单位": "resp", "配合单位": "resp", "责任部门": "resp", "配合部门": "resp", "责任科室": "resp",
    "参与单位": "resp", "协办单位": "resp",
    "完成时限": "deadline", "时限要求": "deadline", "完成时间": "deadline", "时间节点": "deadline",
    "时限": "deadline", "完成期限": "deadline",
    "公开路径": "path", "公开渠道": "path", "公开方式": "path",
    "备注": "note",
}
_CONTAINS = [("牵头", "lead"), ("责任单位", "resp"), ("配合", "resp"), ("时限", "deadline"),
             ("举措", "measure"), ("措施", "measure"), ("内容", "measure"), ("任务", "task"),
             ("公开路径", "path"), ("序号", "seq"), ("备注", "note")]

UNIT_FIELDS = ("lead", "resp")
_SECTION_1 = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_SECTION_2 = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_SEQ_LIKE = re.compile(r"^\d{1,4}[.．、]?$")
_UNIT_END = re.compile(r"(局|委|办|部|室|院|厅|会|所|中心|街道|乡镇|政府|单位|部门|队|站)[)）]?$")
_UNIT_SPLIT = re.compile(r"[、，,；;]+|等(?=有关|相关|各)")
_PATH_INSIDE = re.compile(r"[（(]公开路径[:：]\s*(.+?)[)）]")


def header_field(text: str) -> str | None:
    word = squash(text)
    word = re.sub(r"[（(][^)）]*[)）]$", "", word)
    if not word:
        return None
    if word in _EXACT:
        return _EXACT[word]
    if len(word) <= 10:
        for part, f in _CONTAINS:
            if part in word:
                return f
    return None


def split_units(text: str) -> list[str]:
    out = []
    for part in _UNIT_SPLIT.split(text or ""):
        part = part.strip(" 。.")
        if part and part not in out:
            out.append(part)
    return out


def _row_cells(grid: Grid, r: int) -> list[tuple[tuple[int, int], str]]:
    """Distinct (origin, text) of a row, left to right, skipping empties."""
    seen, out = set(), []
    for c, text in enumerate(grid.rows[r]):
        o = grid.origins[r][c]
        if text and o not in seen:
            seen.add(o)
            out.append((o, text))
    return out


def find_header(grid: Grid, scan: int = 25) -> int | None:
    best, best_score = None, 1
    for r in range(min(scan, len(grid.rows))):
        fields = {header_field(t) for _, t in _row_cells(grid, r)} - {None}
        score = len(fields) + (1 if fields & {"task", "measure"} else 0)
        if score > best_score and fields & {"task", "measure", "lead", "resp"}:
            best, best_score = r, score
    return best if best is not None and best_score >= 3 else None


def _looks(values: list[str]) -> str | None:
    """Guess a column's field from its content."""
    vals = [v for v in values if v]
    if not vals:
        return None
    n = len(vals)
    if sum(bool(_SEQ_LIKE.match(v)) for v in vals) >= 0.8 * n:
        return "seq"
    if sum(deadlines.parse(v, year=2000).kind not in ("text", "none") for v in vals) >= 0.6 * n:
        return "deadline"
    if sum(all(_UNIT_END.search(u) for u in split_units(v)) for v in vals) >= 0.6 * n:
        return "lead"
    avg = sum(len(v) for v in vals) / n
    return "measure" if avg > 30 else "task"


def is_section(grid: Grid, r: int) -> int:
    """1 for a 一、 section row, 2 for （一）, 0 for a task row."""
    cells = _row_cells(grid, r)
    if not cells:
        return 0
    text = cells[0][1]
    if len(cells) == 1:
        o = cells[0][0]
        width = sum(1 for c in range(grid.ncols) if grid.origins[r][c] == o)
        if width >= max(2, grid.ncols // 2) or _SECTION_1.match(text) or _SECTION_2.match(text):
            return 2 if _SECTION_2.match(text) else 1
    return 0


def propose_mapping(grid: Grid, header: int | None) -> tuple[dict[int, str | None], list[str]]:
    """Column → field from the header words, filling gaps by content; returns (mapping, doubts)."""
    doubts: list[str] = []
    body = range((header + 1) if header is not None else 0, len(grid.rows))
    body_rows = [r for r in body if not is_section(grid, r)]
    mapping: dict[int, str | None] = {}
    ncols = grid.ncols
    if header is not None:
        for c in range(ncols):
            mapping[c] = header_field(grid.rows[header][c])
    # a header cell merged over several columns: a first column of bare numbers is 序号
    if header is not None:
        for c in range(ncols - 1):
            if mapping.get(c) and mapping.get(c) == mapping.get(c + 1) and mapping[c] not in UNIT_FIELDS \
                    and grid.origins[header][c] == grid.origins[header][c + 1]:
                if "seq" not in mapping.values() and _looks([grid.rows[r][c] for r in body_rows]) == "seq":
                    mapping[c] = "seq"
    for c in range(ncols):
        if mapping.get(c):
            continue
        values = [grid.rows[r][c] for r in body_rows]
        if not any(values):
            mapping[c] = None
            continue
        guess = _looks(values)
        if guess == "lead" and "lead" in mapping.values():
            guess = "resp" if "resp" not in mapping.values() else "note"
        if guess in mapping.values() and guess not in UNIT_FIELDS:
            guess = "note" if "note" not in mapping.values() else None
        mapping[c] = guess
        label = f"第{c + 1}列" + (f"“{grid.rows[header][c]}”" if header is not None and grid.rows[header][c]
                                   else "（没有表头）")
        doubts.append(f"{label}有内容但无法按表头识别，建议作为“{FIELD_LABELS.get(guess, '忽略')}”")
    present = set(v for v in mapping.values() if v)
    if not present & {"task", "measure"}:
        doubts.append("没有找到“工作任务”或“主要内容”列")
    for f in ("seq", "task", "measure", "deadline", "path", "note"):
        cols = [c for c, v in mapping.items() if v == f]
        distinct = {grid.origins[header][c] for c in cols} if header is not None else set(cols)
        if len(distinct) > 1:
            doubts.append(f"有{len(distinct)}列都像“{FIELD_LABELS[f]}”")
    return mapping, doubts


_TITLE_WORDS = re.compile(r"清单|任务|要点|方案|分工|台账|分解")
_YEAR = re.compile(r"(20\d{2})\s*年")
_ISSUED = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def describe(lines: list[str], file_stem: str) -> tuple[str, str, int | None, object]:
    """(title, issuer, year, issued_on) from the lines above the header and the file name."""
    import datetime as dt
    title = next((ln for ln in lines if _TITLE_WORDS.search(ln) and len(ln) <= 60), "")
    if not title:
        title = next((ln for ln in lines if ln not in ("附件", "附表") and len(ln) <= 60), file_stem)
    year = None
    m = _YEAR.search(title) or _YEAR.search(file_stem)
    if m:
        year = int(m.group(1))
    issuer = ""
    m = _YEAR.search(title)
    if m and m.start() > 0:
        issuer = title[:m.start()].strip(" 《")
    issued_on = None
    for ln in lines:
        m = _ISSUED.search(ln)
        if m:
            try:
                issued_on = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
    return title, issuer, year, issued_on


def parse_grid(grid: Grid, *, file: str, file_stem: str = "", mapping: dict[int, str | None] | None = None,
               header_row: int | None = -1) -> ParsedList:
    """Parse a grid; pass `mapping` (and `header_row`) to apply the clerk's column choices."""
    header = find_header(grid) if header_row == -1 else header_row
    proposed, doubts = propose_mapping(grid, header)
    if mapping is not None:
        use = {int(k): v for k, v in mapping.items()}
        doubts = []
    else:
        use = proposed
    lines = list(grid.lines_above)
    if header is not None:
        lines += [grid.rows[r][0] for r in range(header) if grid.rows[r] and grid.rows[r][0]]
    title, issuer, year, issued_on = describe(lines, file_stem)
    result = ParsedList(file=file, sheet=grid.name, title=title, issuer=issuer, year=year, issued_on=issued_on,
                        header_row=header, mapping=use,
                        columns=[grid.rows[header][c] if header is not None else "" for c in range(grid.ncols)])
    if header is None and mapping is None:
        doubts.insert(0, "没有找到表头（序号、工作任务、牵头单位等）")
    result.needs_mapping = bool(doubts)
    result.reasons = doubts
    if header is not None:
        for c, f in use.items():
            if f and f not in result.header_labels and grid.rows[header][c]:
                result.header_labels[f] = squash(grid.rows[header][c])
    header_sq = [squash(t) for t in grid.rows[header]] if header is not None else None
    start = header + 1 if header is not None else 0
    category = subcategory = ""
    cols_by_field: dict[str, list[int]] = {}
    for c, f in sorted(use.items()):
        if f:
            cols_by_field.setdefault(f, []).append(c)
    for r in range(start, len(grid.rows)):
        row = grid.rows[r]
        if len(result.preview_rows) < 8:
            result.preview_rows.append(list(row))
        level = is_section(grid, r)
        if level == 1:
            category, subcategory = row[_row_cells(grid, r)[0][0][1]], ""
            continue
        if level == 2:
            subcategory = row[_row_cells(grid, r)[0][0][1]]
            continue
        if header_sq is not None and [squash(t) for t in row] == header_sq:
            continue  # header repeated on a new page
        values: dict[str, str] = {}
        units: dict[str, list[str]] = {"lead": [], "resp": []}
        for f, cols in cols_by_field.items():
            seen_o, parts = set(), []
            for c in cols:
                o = grid.origins[r][c]
                if row[c] and o not in seen_o:
                    seen_o.add(o)
                    parts.append(row[c])
            if f in units:
                for p in parts:
                    for u in split_units(p):
                        if u not in units[f]:
                            units[f].append(u)
            values[f] = " ".join(parts)
        if not (values.get("task") or values.get("measure")):
            continue
        measure = values.get("measure", "")
        deadline_text = values.get("deadline", "")
        in_text = False
        if not deadline_text:
            deadline_text = deadlines.find_in_text(measure) or deadlines.find_in_text(values.get("task", ""))
            in_text = bool(deadline_text)
        path = values.get("path", "")
        if not path:
            path = "；".join(m.group(1) for m in _PATH_INSIDE.finditer(measure))
        result.tasks.append(ParsedTask(
            row=grid.row_numbers[r], position=len(result.tasks) + 1, seq=values.get("seq", ""),
            category=category, subcategory=subcategory, task=values.get("task", ""), measure=measure,
            lead_units=units["lead"], resp_units=units["resp"], deadline_text=deadline_text,
            deadline_in_text=in_text, publish_path=path, note=values.get("note", ""), raw=values))
    return result
