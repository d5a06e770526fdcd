"""A list written as paragraphs, no table: “（一）地区生产总值增长11%。（牵头单位:县发改局;责任单位:各镇人民政府）”
or an item followed by lines “牵头责任单位:…”, “协同责任单位:…” — laid out as a grid the table reader understands.

Section paragraphs (一、…) become section rows; each item a row: 序号 | 工作任务 | 主要内容 | 牵头单位 | 责任单位 |
责任领导, the paragraphs under an item (“▲增加值可比增长14%左右…”) its 主要内容.
"""

from __future__ import annotations

import re

from gwdesk.io.tasklist.grid import Grid, build

NAME = "正文段落"
HEADER = ["序号", "工作任务", "主要内容", "牵头单位", "责任单位", "责任领导"]
_NUMBER = re.compile(r"^\s*([（(][一二三四五六七八九十]+[)）]|\d{1,3}(?=\s*[.．、]))\s*[.．、]?\s*")
_ITEM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|\d{1,3}\s*[.．、](?!\d))\s*\S")
_SECTION = re.compile(r"^\s*[一二三四五六七八九十]+[、.．]\s*\S")
_LABEL = (r"(?:牵头负责领导|责任领导|牵头领导|分管领导|负责领导|包抓领导|主要责任单位|牵头责任单位|牵头单位|牵头部门|"
          r"协同责任单位|责任单位|责任部门|配合单位|配合部门|协办单位)")
_ROLE_LINE = re.compile(rf"^\s*({_LABEL})\s*[:：]\s*(.+)$")
# the bracket holding the roles opens right before a role label: “…11%。（责任领导:洪金虎;牵头单位:市发改局）”
_ROLES_OPEN = re.compile(rf"[（(\[【]\s*(?={_LABEL}\s*[:：])")
_CLOSE = re.compile(r"[)）\]】]\s*$")
_PART = re.compile(rf"({_LABEL})\s*[:：]\s*([^；;]*)")


def _column(label: str) -> int:
    if label.endswith("领导"):
        return 5
    if label.startswith(("牵头", "主要")):
        return 3
    return 4


def _add_roles(row: list[str], label: str, value: str) -> None:
    c = _column(label)
    value = value.strip(" 。.；;")
    if value:
        row[c] = f"{row[c]}；{value}" if row[c] else value


def _inline(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(the item's text, [(label, value)…]) of a paragraph ending with its roles in brackets."""
    opens = list(_ROLES_OPEN.finditer(text))
    if not opens:
        return text, []
    start = opens[-1].start()
    inside = _CLOSE.sub("", text[opens[-1].end():])
    return text[:start].rstrip(), [(m.group(1), m.group(2)) for m in _PART.finditer(inside)]


def paragraph_grid(lines: list[str]) -> Grid | None:
    """The grid of a paragraph list, or None when its paragraphs name no roles."""
    rows: list[tuple[str, list[str]]] = []  # ("section" | "item", cells)
    above: list[str] = []
    for line in lines:
        role = _ROLE_LINE.match(line)
        if role and rows and rows[-1][0] == "item":
            _add_roles(rows[-1][1], role.group(1), role.group(2))
            continue
        text, roles = _inline(line)
        if roles or (_ITEM.match(line) and len(line) <= 200):
            number = _NUMBER.match(text)
            row = [number.group(1) if number else "", text[number.end():] if number else text, "", "", "", ""]
            for label, value in roles:
                _add_roles(row, label, value)
            rows.append(("item", row))
        elif _SECTION.match(line) and len(line) <= 60:
            rows.append(("section", [line] + [""] * (len(HEADER) - 1)))
        elif not rows:
            above.append(line)
        elif rows[-1][0] == "item":  # a paragraph under the item: what it comprises
            rows[-1][1][2] = f"{rows[-1][1][2]}\n{line}" if rows[-1][1][2] else line
    # an item says who does it; a numbered paragraph that names nobody is the notice's text, not a task
    rows = [(k, r) for k, r in rows if k == "section" or any(r[3:5])]
    if not any(k == "item" for k, _ in rows):
        return None
    values, merges = [HEADER], []
    for kind, row in rows:
        if kind == "section":
            merges.append((len(values), 0, len(values), len(HEADER) - 1))
        values.append(row)
    return build(values, merges, list(range(1, len(values) + 1)), above[-6:], NAME)
