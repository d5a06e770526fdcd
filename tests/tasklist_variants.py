"""Layout variants of a corpus description (issue 12): the same list laid out the other ways offices lay it out.

Each variant is a pure function desc → desc (a new description whose truth is the original's), or a string
saying why it does not apply to that list. Rows use build.py's notation: "^" merged with the cell above,
"<" with the cell to the left.
"""

from __future__ import annotations

import copy
import importlib.util
import re
from pathlib import Path

HERE = Path(__file__).parent / "fixtures" / "tasklists"
_spec = importlib.util.spec_from_file_location("corpus_build_v", HERE / "build.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

_TITLE = re.compile(r"清单|任务|要点|方案|分工|台账|分解|目录")
_UNIT_HEAD = re.compile(r"单位|部门|科室|处室|股室|主体")
_DEADLINE_HEAD = re.compile(r"时限|时间|期限")
_MEASURE_HEAD = ("具体要求", "工作要求", "主要内容", "工作内容", "具体内容", "贯彻举措", "具体措施", "细化分工",
                 "具体工作要求", "有关要求", "目标和要求")


def resolved(desc: dict) -> dict:
    """A deep copy whose truth no longer points into the rows ("@r,c"), so rows can move."""
    d = copy.deepcopy(desc)
    for t in d["truth"]["tasks"]:
        for f, v in list(t.items()):
            if isinstance(v, str) and v.startswith("@"):
                table, _, rc = v[1:].rpartition(":")
                r, c = (int(x) for x in rc.split(","))
                t[f] = desc["tables"][int(table or 0)]["rows"][r][c]
    return d


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def header(rows: list[list[str]]) -> tuple[int, int]:
    """(first header row, number of header rows) as read from the description with the importer's own rules
    (the unchanged list imports right, so this is where its header is)."""
    from gwdesk.io.tasklist.grid import build
    from gwdesk.io.tasklist.header import find_header, header_depth
    grid = build([[corpus.text(rows, r, c) for c in range(len(rows[r]))] for r in range(len(rows))],
                 corpus.merges(rows), list(range(1, len(rows) + 1)))
    h = find_header(grid)
    if h is None:
        return -1, 0
    return h, header_depth(grid, h)


def misaligned(rows: list[list[str]], h: int, depth: int) -> bool:
    """The header does not sit over its columns (the original's own quirk: four header cells over five columns,
    or a header one cell ahead): moving or adding columns by the header's positions would move other data."""
    head = rows[h]
    for c in range(len(head)):
        headed = any(rows[r][c] for r in range(h, h + depth))
        filled = any(row[c] not in ("", "^", "<") for row in rows[h + depth:] if c < len(row))
        if filled and not headed:
            return True
    return head[:3] == ["负责领导", "序号", "重点工作"]  # 舒城县 2024b, pasted from a web page: one cell ahead


def _full(rows: list[list[str]]) -> list[list[str]]:
    n = max(len(r) for r in rows)
    return [list(r) + [""] * (n - len(r)) for r in rows]


def _set(d: dict, rows: list[list[str]], t: int = 0) -> dict:
    d["tables"][t]["rows"] = rows
    return d


# (a) the same table in the other format
def other_format(desc: dict) -> dict | str:
    d = resolved(desc)
    d["format"] = "docx" if d["format"] == "xlsx" else "xlsx"
    return d


# (b) the title as a merged row inside the table
def title_row(desc: dict) -> dict | str:
    d = resolved(desc)
    above = d.get("above") or []
    title = next((ln for ln in above if _TITLE.search(ln) and len(ln) <= 60), None)
    if title is None:
        return "no title line above the table"
    rows = _full(d["tables"][0]["rows"])
    d["above"] = [ln for ln in above if ln != title]
    return _set(d, [[title] + ["<"] * (len(rows[0]) - 1)] + rows)


# (b) a notice and 附件1 above the list
def notice_above(desc: dict) -> dict | str:
    d = resolved(desc)
    above = d.get("above") or []
    title = next((ln for ln in above if _TITLE.search(ln) and len(ln) <= 60), "政务公开工作任务清单")
    lines = ["附件1"]
    if d["format"] == "docx":
        notice = (f"现将《{title}》印发给你们，请结合实际认真抓好贯彻落实，工作中遇到的问题请及时向政务公开办公室反馈，"
                  "落实情况请于每季度最后一个月的20日前报送。")
        lines = ["各有关单位：", notice] + lines
    d["above"] = lines + above
    return d


def _header_rewrite(desc: dict, fn) -> dict | str:
    d = resolved(desc)
    rows = _full(d["tables"][0]["rows"])
    h, depth = header(rows)
    if h < 0:
        return "no header row"
    changed = False
    heads = [list(x) for x in rows[h:h + depth]]
    for r in [r for r in range(len(rows)) if rows[r] in heads]:  # a header repeated further down too
        for c, v in enumerate(rows[r]):
            if v not in ("^", "<", "") and "\n" not in v and " " not in v:
                new = fn(v)
                if new != v:
                    rows[r][c], changed = new, True
    if not changed:
        return "no header word to rewrite"
    for t in d["tables"][1:]:  # a table per category repeats the same header
        trows = _full(t["rows"])
        if trows[:1] and [_squash(x) for x in trows[0]] == [_squash(x) for x in rows[h]]:
            trows[0] = list(rows[h])
            t["rows"] = trows
    return _set(d, rows)


# (c) “完成\n时限”: header words broken over two lines
def header_line_break(desc: dict) -> dict | str:
    return _header_rewrite(desc, lambda v: v[:len(v) // 2] + "\n" + v[len(v) // 2:] if 4 <= len(v) <= 8 else v)


# (c) “责 任 单 位”: letter-spaced header words
def header_spaced(desc: dict) -> dict | str:
    return _header_rewrite(desc, lambda v: " ".join(v) if 2 <= len(v) <= 4 else v)


# (c) 工作任务 spanning its sub-columns over a second header row
def header_two_rows(desc: dict) -> dict | str:
    d = resolved(desc)
    rows = _full(d["tables"][0]["rows"])
    h, depth = header(rows)
    if h < 0 or depth != 1 or len(d["tables"]) > 1:
        return "header already two rows (or a table per category)"
    top = rows[h]
    n = len(top)
    for c in range(n - 1):
        left, right = _squash(top[c]), _squash(top[c + 1])
        if left in ("工作任务", "任务", "重点任务") and right in _MEASURE_HEAD \
                and (c + 2 >= n or top[c + 2] != "<"):
            new_top = list(top)
            new_top[c], new_top[c + 1] = "工作任务", "<"
            low = ["^" if v != "<" else "<" for v in top]
            low[c], low[c + 1] = "任务名称", top[c + 1]
            return _set(d, rows[:h] + [new_top, low] + rows[h + 1:])
    return "no 工作任务 column next to its 要求 column"


def _insert_column(rows: list[list[str]], at: int, head: int, depth: int, label: str) -> list[list[str]]:
    out = []
    heads = rows[head:head + depth]
    for r, row in enumerate(rows):
        inside_span = at < len(row) and row[at] == "<"
        if inside_span:
            v = "<"
        elif row == heads[0]:
            v = label
        elif row in heads:
            v = "^"
        else:
            v = ""
        out.append(row[:at] + [v] + row[at:])
    return out


# (d) a blank 完成情况 column at the right
def blank_right(desc: dict) -> dict | str:
    d = resolved(desc)
    for i, t in enumerate(d["tables"]):
        rows = _full(t["rows"])
        h, depth = header(rows)
        if h < 0:
            h, depth = 0, 1  # a continued table without its own header: its first row is a body row
            if i == 0:
                return "no header row"
            rows = [r + ["" if r[-1] != "<" else "<"] for r in rows]
        elif misaligned(rows, h, depth):
            return "the header does not sit over its columns"
        else:
            head = rows[h:h + depth]
            rows = [r + (["<"] if r[-1] == "<" and r not in head else  # a header repeated further down too
                         ["完成情况" if r == head[0] else "^" if r in head else ""]) for r in rows]
        t["rows"] = rows
    return d


# (d) a blank column with no header between two columns
def blank_between(desc: dict) -> dict | str:
    d = resolved(desc)
    if len(d["tables"]) > 1:
        return "a table per category (the blank column would have to go into each)"
    rows = _full(d["tables"][0]["rows"])
    h, depth = header(rows)
    if h < 0:
        return "no header row"
    if misaligned(rows, h, depth):
        return "the header does not sit over its columns"
    at = len(rows[0]) - 1
    if any(rows[r][at] == "<" for r in range(h, h + depth)):
        return "the last header cell spans columns"
    return _set(d, _insert_column(rows, at, h, depth, ""))


# (e) the table broken in two: Word two tables (header repeated), xlsx the header repeated mid-sheet
def split_table(desc: dict) -> dict | str:
    d = resolved(desc)
    if len(d["tables"]) > 1:
        return "already several tables"
    rows = _full(d["tables"][0]["rows"])
    h, depth = header(rows)
    if h < 0:
        return "no header row"
    body = len(rows) - h - depth
    if body < 3:
        return "fewer than 3 body rows"
    cut = h + depth + body // 2
    grid, _ = corpus.origins(rows)
    tail = [list(r) for r in rows[cut:]]
    for c in range(len(tail[0])):  # the cut row's cells merged upward take the text of their merge
        if tail[0][c] == "^":
            r0, c0 = grid[cut][c]
            tail[0][c] = corpus.text(rows, r0, c0)
            if c0 < c:
                tail[0][c] = "<"
    head = [list(r) for r in rows[h:h + depth]]
    if d["format"] == "docx":
        d["tables"][0]["rows"] = rows[:cut]
        d["tables"].append({"rows": head + tail, "repeat_header": list(range(depth))})
        d["tables"][0]["repeat_header"] = list(range(h, h + depth))
        return d
    return _set(d, rows[:cut] + head + tail)


# (f) no 序号 column: “1.” written before the task
def seq_in_task(desc: dict) -> dict | str:
    d = resolved(desc)
    if len(d["tables"]) > 1:
        return "a table per category"
    rows = _full(d["tables"][0]["rows"])
    h, depth = header(rows)
    if h < 0:
        return "no header row"
    if misaligned(rows, h, depth):
        return "the header does not sit over its columns"
    sc = next((c for c, v in enumerate(rows[h]) if _squash(v) == "序号"), None)
    if sc is None or sc + 1 >= len(rows[0]) or rows[h][sc + 1] == "<":
        return "no 序号 column of its own"
    n = len(rows[0])
    tc = sc + 1  # the task: the last sub-column under the header cell after 序号 (工作任务 over 一级, 二级, 任务)
    while tc + 1 < n and rows[h][tc + 1] == "<":
        tc += 1
    heads = rows[h:h + depth]
    body = [r for r in range(h + depth, len(rows)) if rows[r] not in heads]
    for r in body:
        if not re.fullmatch(r"\d*", rows[r][sc]) and rows[r][sc] not in ("^", "<"):
            return "序号 cells that are not plain numbers"
        if rows[r][sc] == "^" and rows[r][tc] not in ("^", "<"):
            return "one 序号 merged over several tasks (the later ones would have no number)"
    numbered = [r for r in body if rows[r][sc].isdigit()]
    if any(rows[r][tc] in ("^", "<", "") for r in numbered):
        # a task merged over several numbered rows (or spanned by its category): the cells beside it are numbered
        tc += 1
        if tc >= n or rows[h][tc] == "<" or _squash(rows[h][tc]) not in _MEASURE_HEAD + ("主要问题",) \
                or any(rows[r][tc] in ("^", "<", "") for r in numbered):
            return "a number beside a merged task cell, and no 要求 column to carry it"
    for r in numbered:
        if re.match(r"\d", rows[r][tc]):
            return "task cells already numbered"
        rows[r][tc] = f"{rows[r][sc]}.{rows[r][tc]}"
    out = []
    for row in rows:
        row = list(row)
        if row[sc] not in ("<", "^") and sc + 1 < len(row) and row[sc + 1] == "<":
            row[sc + 1] = row[sc]
        del row[sc]
        out.append(row)
    return _set(d, out)


# (g) columns reordered: the deadline before the units (or after them)
def reorder(desc: dict) -> dict | str:
    d = resolved(desc)
    if len(d["tables"]) > 1:
        return "a table per category"
    rows = _full(d["tables"][0]["rows"])
    h, depth = header(rows)
    if h < 0:
        return "no header row"
    if misaligned(rows, h, depth):
        return "the header does not sit over its columns"
    top = [_squash(v) for v in rows[h]]
    dl = [c for c, v in enumerate(top) if _DEADLINE_HEAD.search(v) and not _UNIT_HEAD.search(v)]
    units = [c for c, v in enumerate(top) if _UNIT_HEAD.search(v)]
    if len(dl) != 1 or not units:
        return "no 时限 column beside unit columns"
    dc = dl[0]
    lo, hi = min(units + dl), max(units + dl)
    if hi - lo + 1 != len(units) + 1:
        return "the 时限 and unit columns are not side by side"
    order = list(range(len(top)))
    block = order[lo:hi + 1]
    block.remove(dc)
    block = [dc] + block if dc == hi else block + [dc]
    order[lo:hi + 1] = block
    out = []
    for r, row in enumerate(rows):
        seg = row[lo:hi + 1]
        after = row[hi + 1] if hi + 1 < len(row) else ""
        if all(v == "<" for v in seg):
            out.append(list(row))
            continue
        if "<" in seg or after == "<":
            return "cells spanning the 时限 and unit columns"
        out.append([row[c] for c in order])
    return _set(d, out)


# (h) an empty row and column before and after, the list not on the first sheet
def padded(desc: dict) -> dict | str:
    d = resolved(desc)
    for t in d["tables"]:
        t["rows"] = [[""] + r + [""] for r in _full(t["rows"])]
    first, last = d["tables"][0], d["tables"][-1]
    first["rows"].insert(0, [""] * len(first["rows"][0]))
    last["rows"].append([""] * len(last["rows"][0]))
    if d["format"] == "xlsx":
        d["extra_sheets"] = True
    return d


_OUTSIDE_BRACKETS = re.compile(r"[（(][^（()）]*[)）]|、")


def _avg_len(values: list[str]) -> float:
    vals = [v for v in values if v not in ("^", "<", "")]
    return sum(len(v) for v in vals) / max(len(vals), 1)


def _swap_seps(text: str, sep: str) -> str:
    return _OUTSIDE_BRACKETS.sub(lambda m: sep if m.group(0) == "、" else m.group(0), text)


def _punct(desc: dict, sep: str) -> dict | str:
    d = resolved(desc)
    changed = False
    for i, t in enumerate(d["tables"]):
        rows = _full(t["rows"])
        h, depth = header(rows)
        if h < 0:
            if i == 0:
                return "no header row"
            h, depth = -1, 0
            ref = _full(d["tables"][0]["rows"])
            h0, _ = header(ref)
            heads = ref[h0]
        else:
            if misaligned(rows, h, depth):
                return "the header does not sit over its columns"
            heads = rows[h]
        body = [row for row in rows[h + depth if h >= 0 else 0:]]
        unit_cols = [c for c, v in enumerate(heads) if _UNIT_HEAD.search(_squash(v))  # and holding units
                     and _avg_len([row[c] for row in body if c < len(row)]) <= 40]
        for r in range(h + depth if h >= 0 else 0, len(rows)):
            for c in range(len(rows[r])):
                v = rows[r][c]
                if v in ("^", "<", ""):
                    continue
                if c in unit_cols and "、" in v:
                    rows[r][c], changed = _swap_seps(v, sep), True
                rows[r][c] = rows[r][c] + (" \u00a0" if c % 2 else "\u00a0 ")
        t["rows"] = rows
    if not changed:
        return "no unit cell with 、"
    return d


# (i) 、 written as ， (and trailing spaces / non-breaking spaces in every cell)
def units_comma(desc: dict) -> dict | str:
    return _punct(desc, "，")


# (i) 、 written as a half-width ; (and trailing spaces)
def units_semicolon(desc: dict) -> dict | str:
    return _punct(desc, ";")


_SYNONYMS = {"工作任务": "重点任务", "任务": "工作事项", "重点任务": "工作任务", "具体要求": "工作措施",
             "工作要求": "具体措施", "主要内容": "工作内容", "贯彻举措": "落实举措", "具体内容": "主要内容",
             "责任单位": "承办单位", "责任部门": "责任单位", "责任科室": "负责科室", "牵头单位": "牵头部门",
             "完成时限": "时间节点", "时限要求": "完成时间", "时限": "进度安排",
             "落实情况": "完成情况", "目标": "工作目标"}


# (c) the other words offices use for the same columns (issue 12's lists of header words)
def header_synonyms(desc: dict) -> dict | str:
    return _header_rewrite(desc, lambda v: _SYNONYMS.get(_squash(v), v))


def _body_rewrite(desc: dict, fn) -> dict | str:
    """fn(rows, origins, r, c) → the new cell for each body cell of each table; "no change" if none changed."""
    d = resolved(desc)
    changed = False
    for t in d["tables"]:
        rows = _full(t["rows"])
        h, depth = header(rows)
        start = h + depth if h >= 0 else 0
        heads = rows[h:h + depth] if h >= 0 else []
        grid, _ = corpus.origins(rows)
        new = [list(r) for r in rows]
        for r in range(start, len(rows)):
            if rows[r] in heads:
                continue
            for c in range(len(rows[r])):
                v = fn(rows, grid, r, c)
                if v != rows[r][c]:
                    new[r][c], changed = v, True
        t["rows"] = new
    return d if changed else "nothing merged down the rows"


# (k) merges undone, the text repeated in every cell (an office's “取消合并并填充”)
def unmerged_filled(desc: dict) -> dict | str:
    def fill(rows, grid, r, c):
        if rows[r][c] != "^":
            return rows[r][c]
        r0, c0 = grid[r][c]
        return "<" if c0 < c else corpus.text(rows, r0, c0)
    return _body_rewrite(desc, fill)


# (k) merges undone, the text only in the first row (a copy from a web page that lost its rowspans)
def unmerged_blank(desc: dict) -> dict | str:
    def blank(rows, grid, r, c):
        if rows[r][c] != "^":
            return rows[r][c]
        return "<" if grid[r][c][1] < c else ""
    return _body_rewrite(desc, blank)


# (i) units stacked one a line in their cell instead of 、
def units_stacked(desc: dict) -> dict | str:
    d = resolved(desc)
    changed = False
    for i, t in enumerate(d["tables"]):
        rows = _full(t["rows"])
        h, depth = header(rows)
        if h < 0:
            continue
        if misaligned(rows, h, depth):
            return "the header does not sit over its columns"
        body = rows[h + depth:]
        unit_cols = [c for c, v in enumerate(rows[h]) if _UNIT_HEAD.search(_squash(v))
                     and _avg_len([row[c] for row in body]) <= 40]
        for r in range(h + depth, len(rows)):
            for c in unit_cols:
                v = rows[r][c]
                if v not in ("^", "<") and "、" in v and not re.search(r"牵头|负责|配合|参与|会同|等", v):
                    rows[r][c], changed = _swap_seps(v, "\n"), True
        t["rows"] = rows
    return d if changed else "no plain unit list with 、"


def _drop_column(rows: list[list[str]], c: int) -> list[list[str]]:
    out = []
    for row in rows:
        row = list(row)
        if row[c] not in ("<", "^") and c + 1 < len(row) and row[c + 1] == "<":
            row[c + 1] = row[c]  # a span starting in the dropped column starts in the next one
        del row[c]
        out.append(row)
    return out


# (j) the 一级 categories as section rows merged across the table instead of a column of their own
def categories_as_rows(desc: dict) -> dict | str:
    d = resolved(desc)
    if len(d["tables"]) > 1:
        return "a table per category"
    cats = {t.get("category", "") for t in d["truth"]["tasks"]} - {""}
    if not cats:
        return "no categories"
    rows = _full(d["tables"][0]["rows"])
    h, depth = header(rows)
    if h < 0 or misaligned(rows, h, depth):
        return "no header over its columns"
    start = h + depth
    cc = next((c for c in range(len(rows[0])) if {r[c] for r in rows[start:]} - {"^", "<", ""} == cats), None)
    if cc is None:
        return "the categories are not a column of their own"
    if any(t.get("category") == "" for t in d["truth"]["tasks"]):
        return "some tasks have no category"
    if any(r[cc] == "<" or cc + 1 < len(r) and r[cc + 1] == "<" and r[cc] != "^" for r in rows[start:]):
        return "category cells spanning other columns"
    if cc == 0 and any(r[1] == "<" for r in rows[start:]):
        return "category cells spanning other columns"
    out = rows[:start]
    width = len(rows[0]) - 1
    for r in rows[start:]:
        if r[cc] not in ("^", ""):
            out.append([r[cc]] + ["<"] * (width - 1))
            r = list(r)
            r[cc] = "\u0000"  # the new section row above: the cell below starts a new merge
        out.append(r)
    out = _drop_column(out, cc)
    out = [[("" if v == "\u0000" else v) for v in r] for r in out]
    # a cell right under a section row cannot be merged with it
    for i in range(1, len(out)):
        if out[i - 1][1:2] == ["<"] and out[i - 1][0] in cats:
            out[i] = [("" if v == "^" else v) for v in out[i]]
    return _set(d, out)


# (j) the other way: “一、…” (and “（一）…”) rows across the table become 类别 (and 二级类别) columns merged down
def sections_as_column(desc: dict) -> dict | str:
    d = resolved(desc)
    if len(d["tables"]) > 1:
        return "a table per category"
    cats = {t.get("category", "") for t in d["truth"]["tasks"]} - {""}
    subs = {t.get("subcategory", "") for t in d["truth"]["tasks"]} - {""}
    rows = _full(d["tables"][0]["rows"])
    h, depth = header(rows)
    if h < 0 or not cats:
        return "no header or no categories"
    start = h + depth
    across = {r: rows[r][0] for r in range(start, len(rows)) if rows[r][0] and all(v == "<" for v in rows[r][1:])}
    if not across or any(v not in cats | subs for v in across.values()):
        return "no category rows across the table"
    with_sub = any(v in subs for v in across.values())
    if any(rows[r][0] in cats or rows[r][0] in subs for r in range(start, len(rows)) if r not in across):
        return "categories also in a column"
    heads = [["类别"] + (["二级类别"] if with_sub else [])] + [["^"] * (2 if with_sub else 1)] * (depth - 1)
    out = [list(rows[r]) for r in range(h)] + [heads[i] + rows[h + i] for i in range(depth)]
    out[:h] = [[r[0]] + ["<"] * (len(heads[0])) + r[1:] if r[0] else [""] * len(heads[0]) + r for r in out[:h]]
    cat = sub = None
    fresh_cat = fresh_sub = False
    for r in range(start, len(rows)):
        if r in across:
            if across[r] in cats:
                cat, sub, fresh_cat, fresh_sub = across[r], None, True, True
            else:
                sub, fresh_sub = across[r], True
            continue
        if cat is None:
            return "tasks before the first category row"
        lead = [cat if fresh_cat else "^"]
        if with_sub:
            lead.append((sub or "") if fresh_sub else ("^" if sub else ""))
        fresh_cat = fresh_sub = False
        out.append(lead + rows[r])
    return _set(d, out)


# (e) one table per category, the category a paragraph above each (the header repeated in each table)
def table_per_category(desc: dict) -> dict | str:
    d = resolved(desc)
    if len(d["tables"]) > 1:
        return "already a table per category"
    cats = {t.get("category", "") for t in d["truth"]["tasks"]} - {""}
    rows = _full(d["tables"][0]["rows"])
    h, depth = header(rows)
    if h < 0 or not cats:
        return "no header or no categories"
    start = h + depth
    across = [r for r in range(start, len(rows)) if rows[r][0] in cats and all(v == "<" for v in rows[r][1:])]
    if len(across) < 2 or across[0] != start:
        return "fewer than two category rows across the table"
    head = rows[h:start]
    tables = []
    for i, r0 in enumerate(across):
        end = across[i + 1] if i + 1 < len(across) else len(rows)
        block = [list(x) for x in rows[r0 + 1:end]]
        if not block:
            return "a category row with no tasks under it"
        for c in range(len(block[0])):  # a cell merged into the previous table starts again
            if block[0][c] == "^":
                return "a cell merged across two categories"
        t = {"before": [rows[r0][0]], "rows": head + block}
        tables.append(t)
    if h > 0:
        return "title rows inside the table, above the first category paragraph"
    d["tables"] = tables
    return d


# (h) a form table under the list (填报人, 联系电话) in a Word file, as wide as the list
def form_after(desc: dict) -> dict | str:
    d = resolved(desc)
    if d["format"] != "docx":
        return "xlsx (see the padded variant's other sheets)"
    n = len(_full(d["tables"][-1]["rows"])[0])
    row = (["填报单位（盖章）：", "", "填报人：", "联系电话："] + [""] * n)[:n]
    d["tables"].append({"rows": [row]})
    d["after"] = ["注：请于每季度末前报送落实情况。"] + d.get("after", [])
    return d


def combined(desc: dict) -> dict | str:
    """Several at once, each where it applies: other format, title row, notice, header line breaks, blank
    完成情况 column, the table broken in two, margins, 、 written as ，."""
    d, done = desc, 0
    for fn in (other_format, title_row, notice_above, header_line_break, blank_right, split_table, padded,
               units_comma):
        v = fn(d)
        if not isinstance(v, str):
            d, done = v, done + 1
    return d if done >= 4 else "fewer than four of the variants apply"


VARIANTS = {
    "a other format": other_format,
    "b title row in table": title_row,
    "b notice + 附件1 above": notice_above,
    "c header line breaks": header_line_break,
    "c header letter-spaced": header_spaced,
    "c 工作任务 over two rows": header_two_rows,
    "d blank 完成情况 right": blank_right,
    "d blank column between": blank_between,
    "e table broken in two": split_table,
    "e a table per category": table_per_category,
    "f 序号 into the task": seq_in_task,
    "g 时限/units reordered": reorder,
    "h padded, not first sheet": padded,
    "h form table under the list": form_after,
    "i units 、→，+ spaces": units_comma,
    "i units 、→; + spaces": units_semicolon,
    "c header synonyms": header_synonyms,
    "k merges undone, filled": unmerged_filled,
    "k merges undone, blank": unmerged_blank,
    "i units one a line": units_stacked,
    "j categories as section rows": categories_as_rows,
    "j section rows as a 类别 column": sections_as_column,
    "all of a,b,c,d,e,h,i at once": combined,
}


def build(desc: dict, out_dir: Path, name: str) -> Path:
    """Write a variant's file; "extra_sheets" puts a 填报说明 sheet before the list and an empty one after it."""
    d = dict(desc, id=name)
    path = corpus.build(d, out_dir)
    if d.get("extra_sheets"):
        from openpyxl import load_workbook
        wb = load_workbook(path)
        info = wb.create_sheet("填报说明", 0)
        info.append(["填报说明"])
        info.append(["请各单位于每季度末将落实情况填入“完成情况”列，报区政务公开办公室。"])
        wb.create_sheet("Sheet3")
        wb.save(path)
    return path
