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
_ROLES_OPEN = re.compile(rf"[（(\[【〔]\s*(?={_LABEL}\s*[:：])")
_CLOSE = re.compile(r"[)）\]】〕]\s*$")
_PART = re.compile(rf"({_LABEL})\s*[:：]\s*([^；;]*)")
# roles written as verbs in the closing bracket, no label: “（省编办牵头落实）”, “（市政府办公室牵头，各县区政府负责）”
_VERB_BRACKET = re.compile(r"[（(]([^（）()]{2,160})[)）]\s*$")
_VERB_CLAUSE = re.compile(r"^(.{2,100}?)(牵头落实|牵头负责|牵头|按职责分工负责|按职责分工落实|按职责负责|分工负责|负责落实|"
                          r"配合落实|负责|配合|参与|协同)$")


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
        return _verb_roles(text)
    start = opens[-1].start()
    inside = _CLOSE.sub("", text[opens[-1].end():])
    return text[:start].rstrip(), [(m.group(1), m.group(2)) for m in _PART.finditer(inside)]


def _verb_roles(text: str) -> tuple[str, list[tuple[str, str]]]:
    """“…主动公开。（省编办牵头落实）” → the text and [("牵头单位", "省编办")]; every clause must name units and a verb."""
    m = _VERB_BRACKET.search(text)
    if not m:
        return text, []
    roles = []
    for clause in re.split(r"[，,；;]", m.group(1)):
        c = _VERB_CLAUSE.match(clause.strip())
        if not c or re.search(r"[。：:]|\d", c.group(1)):
            return text, []
        roles.append(("牵头单位" if c.group(2).startswith("牵头") else "责任单位", c.group(1).rstrip("等")))
    return text[:m.start()].rstrip(), roles


_CLOSER = {"（": "）", "(": ")", "[": "]", "【": "】", "〔": "〕"}


def _parts(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """A paragraph with several roles' brackets (“…升级。（牵头单位：区发改委…）、重塑…商圈（牵头单位：区商务局）、…”):
    each bracket closes one task of its own, [(its text, its roles)…]; one bracket or none → the paragraph whole."""
    spans = []
    for m in _ROLES_OPEN.finditer(text):
        # the bracket's own closer: “[牵头单位:县发改局(粮食局);…]” does not end at “)”
        close = text.find(_CLOSER[text[m.start()]], m.end())
        if close >= 0:
            spans.append((m.start(), close + 1))
    if len(spans) < 2:
        return [_inline(text)]
    out, at = [], 0
    for start, end in spans:
        inside = text[start:end]
        piece = text[at:start].strip(" 、，,；;")
        roles = [(g.group(1), g.group(2)) for g in _PART.finditer(_CLOSE.sub("", inside[1:]))]
        if piece:
            out.append((piece, roles))
        elif out:  # two brackets in a row: both name the same task's units
            out[-1][1].extend(roles)
        at = end
    rest = text[at:].strip(" 、，,；;。")
    if rest and out:
        out.append((rest, []))
    return out


def paragraph_grid(lines: list[str]) -> Grid | None:
    """The grid of a paragraph list, or None when its paragraphs name no roles."""
    rows: list[tuple[str, list[str]]] = []  # ("section" | "item", cells)
    above: list[str] = []
    for line in lines:
        role = _ROLE_LINE.match(line)
        if role and rows and rows[-1][0] == "item":
            _add_roles(rows[-1][1], role.group(1), role.group(2))
            continue
        parts = _parts(line)
        if len(parts) > 1:  # several tasks in one paragraph, each with its roles: one row each, one number
            number = _NUMBER.match(parts[0][0])
            seq = number.group(1) if number else ""
            for i, (text, roles) in enumerate(parts):
                row = [seq, text[number.end():] if number and i == 0 else text, "", "", "", ""]
                for label, value in roles:
                    _add_roles(row, label, value)
                rows.append(("item", row))
            continue
        text, roles = parts[0]
        last = rows[-1][1] if rows and rows[-1][0] == "item" else None
        if roles and not _NUMBER.match(text) and last and not any(last[2:5]):
            # “（一）强化…信息公开” alone on its line, then what it comprises ending in the roles: one item
            last[2] = text
            for label, value in roles:
                _add_roles(last, label, value)
            continue
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
    # a short “（一）聚焦…” naming nobody, over items numbered otherwise (“1.…”): a second-level heading
    for i, (kind, row) in enumerate(rows):
        after = next((r for k, r in rows[i + 1:] if k == "item"), None)
        if (kind == "item" and not any(row[2:]) and len(row[1]) <= 40 and row[0][:1] in "（(" and after
                and after[0] and after[0][:1] not in "（("):
            rows[i] = ("section", [row[0] + row[1]] + [""] * (len(HEADER) - 1))
    # an item says who does it; a numbered paragraph that names nobody is the notice's text, not a task
    rows = [(k, r) for k, r in rows if k == "section" or any(r[3:5])]
    if not any(k == "item" for k, _ in rows):
        return None
    # only the columns the items use: an empty last column would read as a header one cell too long
    used = [c for c in range(len(HEADER)) if c < 2 or any(r[c] for k, r in rows if k == "item")]
    values, merges = [[HEADER[c] for c in used]], []
    for kind, row in rows:
        if kind == "section":
            merges.append((len(values), 0, len(values), len(used) - 1))
        values.append([row[c] for c in used])
    # the notice's title may stand several lines above (salutation, date…); its long paragraphs are no title
    above = [ln for ln in above if len(ln) <= 80][-8:]
    return build(values, merges, list(range(1, len(values) + 1)), above, NAME)
