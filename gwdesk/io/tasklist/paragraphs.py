"""A list written as paragraphs, no table: “（一）地区生产总值增长11%。（牵头单位:县发改局;责任单位:各镇人民政府）”
or an item followed by lines “牵头责任单位:…”, “协同责任单位:…” — laid out as a grid the table reader understands.

Section paragraphs (一、…) become section rows; each item a row: 序号 | 工作任务 | 主要内容 | 牵头单位 | 责任单位 |
责任领导, the paragraphs under an item (“▲增加值可比增长14%左右…”) its 主要内容.
"""

from __future__ import annotations

import re

from gwdesk.core.tasks.vocabulary import (
    LEAD_VERBS,
    RESP_VERBS,
    ROLE_ADVERBS,
    ROLE_IS_WORDS,
    ROLE_LABELS,
    ROLE_REMARKS,
    alternation,
)
from gwdesk.io.tasklist.grid import Grid, build
from gwdesk.io.tasklist.patterns import (
    CLAUSE_END,
    CLAUSE_SEP,
    CLOSE,
    CN,
    ITEM_NUMBER,
    NUMBER_END,
    OPEN,
    ROLE_CLOSES,
    ROLE_OPENS,
)
from gwdesk.io.tasklist.units import looks_like_unit, split_units

NAME = "正文段落"
HEADER = ["序号", "工作任务", "主要内容", "牵头单位", "责任单位", "责任领导", "完成时限"]
_COLUMN = {"lead": 3, "resp": 4, "leader": 5, "deadline": 6}
_NUMBER = re.compile(rf"^\s*({OPEN}{CN}+{CLOSE}|\d{{1,3}}(?=\s*{NUMBER_END}))\s*{NUMBER_END}?\s*")
_ITEM = re.compile(rf"^\s*(?:{OPEN}{CN}+{CLOSE}|{ITEM_NUMBER})\s*\S")
_SECTION = re.compile(rf"^\s*{CN}+{NUMBER_END}\s*\S")
# the key–value labels (牵头单位：, 责任单位：, 完成时限：, 责任领导：…), longest first
_LABEL = "(?:" + "|".join(re.escape(k) for k in sorted(ROLE_LABELS, key=len, reverse=True)) + ")"
_KEY = re.compile(rf"({_LABEL})\s*[:：]")
_ROLE_LINE = re.compile(rf"^\s*{_LABEL}\s*[:：]")
# the bracket holding the roles opens right before a role label: “…11%。（责任领导:洪金虎;牵头单位:市发改局）”
_ROLES_OPEN = re.compile(rf"{ROLE_OPENS}\s*(?={_LABEL}\s*[:：])")
_CLOSE = re.compile(rf"{ROLE_CLOSES}\s*$")
# “X均为责任单位”: what the units are, said with a role label (the label's own column gives the role)
_ROLE_IS = {w + label: ("牵头单位" if role == "lead" else "责任单位")
            for w in ROLE_IS_WORDS for label, role in ROLE_LABELS.items() if role in ("lead", "resp")}
_VERBS = "|".join(re.escape(v) for v in sorted((*LEAD_VERBS, *RESP_VERBS, *_ROLE_IS), key=len, reverse=True))
# the units, an adverb that is no part of them (“…市教委分别负责落实”), the verb
_VERB_CLAUSE = re.compile(rf"^(.{{2,100}}?)(?:{alternation(ROLE_ADVERBS)})?({_VERBS})$")
_HELPS = ("配合", "参与", "协同", "协助")
# a roles' bracket's clauses: parted by ，；, and by 。 between its sentences (“X牵头，Y负责。Z均为责任单位”)
_CLAUSES = re.compile(f"{CLAUSE_SEP}|{CLAUSE_END}")


def key_values(text: str) -> list[tuple[str, str]]:
    """“牵头单位：A、B，责任单位：C、各乡镇，完成时限：长期坚持” → [(牵头单位, A、B), (责任单位, C、各乡镇),
    (完成时限, 长期坚持)]: each key ends the part before it, whatever parts them (，；; or nothing)."""
    keys = list(_KEY.finditer(text))
    out = []
    for i, m in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(text)
        value = text[m.end():end].strip(" ，,；;。.、")
        if value:
            out.append((m.group(1), value))
    return out


def _add_roles(row: list[str], label: str, value: str) -> None:
    c = _COLUMN[ROLE_LABELS.get(label, "resp")]
    value = value.strip(" 。.；;，,")
    if value:
        row[c] = f"{row[c]}；{value}" if row[c] else value


def _inline(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(the item's text, [(label, value)…]) of a paragraph ending with its roles in brackets."""
    opens = list(_ROLES_OPEN.finditer(text))
    if not opens:
        return _verb_roles(text)
    start = opens[-1].start()
    inside = _CLOSE.sub("", text[opens[-1].end():])
    return text[:start].rstrip(), key_values(inside)


def _verb_clauses(text: str) -> list[tuple[str, str]] | None:
    """“X牵头，Y按照职责分工负责” → [(牵头单位, X), (责任单位, Y)], or None unless every clause is units and a verb.
    Without a lead (牵头), the units that 负责 while others 配合/参与 lead."""
    clauses = []
    for clause in _CLAUSES.split(text):
        clause = clause.strip()
        if not clause and clauses or clause in ROLE_REMARKS:
            continue  # the bracket's closing 。, or a remark naming no one (“以下不再列出”)
        c = _VERB_CLAUSE.match(clause)
        if not c or re.search(r"[。：:]|\d", c.group(1)):
            return None
        names = [u.rstrip("等") for u in split_units(c.group(1))]
        if not names or not all(looks_like_unit(u) for u in names):
            return None
        clauses.append((c.group(1).rstrip("等"), c.group(2)))
    has_lead = any(v in LEAD_VERBS for _, v in clauses)
    helped = any(v.startswith(_HELPS) for _, v in clauses)
    if not clauses:
        return None
    return [(_ROLE_IS.get(v) or ("牵头单位" if v in LEAD_VERBS or (not has_lead and helped and v.startswith("负责"))
                                 else "责任单位"), u) for u, v in clauses]


_OPENERS = {"）": "（", ")": "(", "〕": "〔", "】": "【", "]": "["}


def _last_bracket(text: str) -> tuple[int, str] | None:
    """(where it opens, what it holds) of the bracket closing the paragraph, brackets inside it allowed
    (“（市财政局牵头，各县（市、区）政府负责）”)."""
    body = text.rstrip()
    if not body or body[-1] not in _OPENERS:
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        ch = body[i]
        if ch in _OPENERS:
            depth += 1
        elif ch in _OPENERS.values():
            depth -= 1
            if depth == 0:
                return i, body[i + 1:-1]
    return None


def _verb_roles(text: str) -> tuple[str, list[tuple[str, str]]]:
    """“…主动公开。（省编办牵头落实）” → the text and [("牵头单位", "省编办")]; every clause must name units and a
    verb. Without a bracket, the paragraph's last sentence may say it the same way (“…。县财政局牵头，各乡镇配合。”)."""
    last = _last_bracket(text)
    if last and 2 <= len(last[1]) <= _ROLES_MAX:
        roles = _verb_clauses(last[1])
        return (text[:last[0]].rstrip(), roles) if roles else (text, [])
    body = text.rstrip().rstrip("。")
    cut = max(body.rfind("。"), body.rfind("；"))
    if cut < 0:
        return text, []
    roles = _verb_clauses(body[cut + 1:])
    return (text[:cut + 1].rstrip(), roles) if roles else (text, [])


_CLOSER = {"（": "）", "(": ")", "[": "]", "【": "】", "〔": "〕"}


_ROLES_MAX = 160  # the longest bracket read as roles (units and their verbs)


def _verb_brackets(text: str) -> list[tuple[int, int, list[tuple[str, str]]]]:
    """(start, end, roles) of each bracket in the paragraph that names units with a verb (“(市交通委负责落实)”,
    brackets inside it allowed); brackets holding anything else (a 文号, a note) are no roles."""
    closes: dict[int, int] = {}  # where each bracket opens → where it closes (each kind of bracket on its own)
    for opener, closer in _CLOSER.items():
        stack = []
        for i, ch in enumerate(text):
            if ch == opener:
                stack.append(i)
            elif ch == closer and stack:
                closes[stack.pop()] = i
    out = []
    for m in re.finditer(ROLE_OPENS, text):
        end = closes.get(m.start())
        if end is None or (out and m.start() < out[-1][1]):
            continue  # never closed, or inside the bracket just taken
        inside = text[m.start() + 1:end]
        roles = _verb_clauses(inside) if 2 <= len(inside) <= _ROLES_MAX else None
        if roles:
            out.append((m.start(), end + 1, roles))
    return out


def _parts(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """A paragraph with several roles' brackets (“…升级。（牵头单位：区发改委…）、重塑…商圈（牵头单位：区商务局）、…”):
    each bracket closes one task of its own, [(its text, its roles)…]; one bracket or none → the paragraph whole."""
    spans = []
    for m in _ROLES_OPEN.finditer(text):
        # the bracket's own closer: “[牵头单位:县发改局(粮食局);…]” does not end at “)”
        close = text.find(_CLOSER[text[m.start()]], m.end())
        if close >= 0:
            spans.append((m.start(), close + 1, key_values(_CLOSE.sub("", text[m.start() + 1:close + 1]))))
    if not spans:  # brackets naming units with a verb, no label: “…规划信息。(市规划国土委负责落实)推进…”
        spans = _verb_brackets(text)
    if len(spans) < 2:
        return [_inline(text)]
    out, at = [], 0
    for start, end, roles in spans:
        piece = text[at:start].strip(" 、，,；;")
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
        if _ROLE_LINE.match(line) and rows and rows[-1][0] == "item":
            # “牵头单位：…；责任单位：…” or “完成时限：2024年6月底” under the item: its roles and deadline only
            for label, value in key_values(line):
                _add_roles(rows[-1][1], label, value)
            continue
        parts = _parts(line)
        if len(parts) > 1:  # several tasks in one paragraph, each with its roles: one row each, one number
            number = _NUMBER.match(parts[0][0])
            seq = number.group(1) if number else ""
            for i, (text, roles) in enumerate(parts):
                row = [seq, text[number.end():] if number and i == 0 else text] + [""] * (len(HEADER) - 2)
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
            row = [number.group(1) if number else "", text[number.end():] if number else text] + [""] * (len(HEADER) - 2)
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
    g = build(values, merges, list(range(1, len(values) + 1)), above, NAME)
    g.from_paragraphs = True
    return g


def sheet_lines(g: Grid) -> list[str] | None:
    """The lines of a sheet used as a page of text (a 要点 typed or pasted one paragraph a row, no table): each
    row's one filled cell; None when some row fills two cells (a table)."""
    lines = []
    for r, row in enumerate(g.rows):
        cells = {g.origins[r][c] for c, t in enumerate(row) if t}
        if len(cells) > 1:
            return None
        if cells:
            lines.append(next(t for t in row if t))
    return lines
