"""Who does a task, read from one cell: “X牵头，Y、Z配合”, “由X会同Y”, “X、Y按职责分工负责”, trailing 等.

    lead, resp = roles("市发展改革委牵头，市住建局等政府各有关部门负责落实")
    # (["市发展改革委"], ["市住建局", "政府各有关部门"])

A cell without role words gives its units to the column's own role (牵头单位 → lead, 责任单位 → resp).
"""

from __future__ import annotations

import re

from gwdesk.core.tasks.vocabulary import (
    AND_WORDS,
    BODY_END_WORDS,
    BODY_NAME_GOES_ON,
    BY_WORD,
    CLAUSE_ENDS,
    CLAUSE_SEPARATORS,
    DOER_WORDS,
    ETC_GROUP_WORDS,
    ETC_WORD,
    GROUP_BODY_WORDS,
    GROUP_PLACE_CHARS,
    GROUP_PLACE_SEPARATORS,
    HELPER_WORDS,
    LABEL_ROLE_WORDS,
    LABEL_UNIT_WORDS,
    LINE_GOES_ON_WORDS,
    NOT_WITH_SHORT_WORDS,
    ROLE_END_WORDS,
    ROLE_LEFT_WORDS,
    ROUND_CLOSE,
    ROUND_OPEN,
    UNIT_SEPARATORS,
    UNIT_SEPARATORS_IN_CELL,
    WITH_SHORT_WORD,
    WITH_WORDS,
    LINE_END_WORDS,
    LINE_GOES_ON_NAMES,
    BY_DUTY,
    GROUP_END_WORDS,
    HOST_WORD,
    INTERNAL_GROUPS,
    LEAD_WORDS,
    NAME_CLOSERS,
    OTHER_UNIT_END_WORDS,
    RESP_WORDS,
    ROLE_LABELS,
    ROLE_ADVERBS,
    UNIT_END_CHARS,
    UNIT_END_WORDS,
    WITH_SHORT_FIRST_END,
    WITH_SHORT_SECOND_END,
    VERB_TAIL_WORDS,
    alternation,
)
from gwdesk.io.tasklist.patterns import CLOSE, OPEN, chars, words

# a unit ends with one of these; 等 after it starts the next unit (“市住建局等政府各有关部门”)
_END = UNIT_END_CHARS
# 部门 ends a group's name too: “市级各有关部门及各县市区政府” is two
_SEP = re.compile(rf"{chars(UNIT_SEPARATORS_IN_CELL)}+|(?<={chars(_END + ROUND_CLOSE + '门')}){words(AND_WORDS)}(?=.)")
_TAIL = re.compile(rf"({alternation(ETC_GROUP_WORDS)})?({alternation(GROUP_END_WORDS, INTERNAL_GROUPS)})?$")
_LABEL = re.compile(rf"^({alternation(LABEL_ROLE_WORDS)})?({alternation(LABEL_UNIT_WORDS)})?[:：]")
_ETC_END = re.compile(rf"{re.escape(ETC_WORD)}$")
# “按职责分工负责落实”, “按职责分工分别落实”: one role phrase, not a unit's name and a role
_BY_DUTY = BY_DUTY
_VERB_TAIL = re.compile(rf"({_BY_DUTY}|{alternation(VERB_TAIL_WORDS)})(.*)$")
_WITH = re.compile(rf"^{re.escape(BY_WORD)}?(.+?){words(WITH_WORDS)}(.+)$")
_CLAUSE = re.compile(chars(CLAUSE_ENDS))
# a line that ends in its role ends its clause
_LINE_AFTER_ROLE = re.compile(rf"({alternation(ROLE_END_WORDS, (HOST_WORD,))})[ \t]*\n")
# 主办 is a role only where a unit's words end (“局防控办主办、各工作组协办”), not inside “局主办科室”
_HOST = rf"{HOST_WORD}(?={chars(UNIT_SEPARATORS + CLAUSE_ENDS)}|$)"
_ROLE_WORDS = re.compile(rf"{alternation(LEAD_WORDS, RESP_WORDS, WITH_WORDS)}|{_HOST}")
_ROLE = re.compile(rf"{alternation(LEAD_WORDS)}|{_BY_DUTY}|{alternation(RESP_WORDS)}|{_HOST}")
# “宣传处会办公室”: 会 (short for 会同) between two units' names
# (not after 委: 居委会, 管委会 are names)
_NOT_SEP = chars(UNIT_SEPARATORS_IN_CELL, negated=True)
_WITH_SHORT = re.compile(rf"^({_NOT_SEP}+?{chars(WITH_SHORT_FIRST_END)})(?!{words(NOT_WITH_SHORT_WORDS)})"
                         rf"{re.escape(WITH_SHORT_WORD)}({_NOT_SEP}+{chars(WITH_SHORT_SECOND_END)})$")


_BRACKETED = re.compile(rf"{OPEN}{chars(ROUND_OPEN + ROUND_CLOSE, negated=True)}*{CLOSE}")
# the separators inside a bracket hidden while a cell is split (private-use stand-ins), then shown again
_STAND_INS = "".join(chr(0xE000 + i) for i in range(len(UNIT_SEPARATORS_IN_CELL)))
_HIDE = str.maketrans(UNIT_SEPARATORS_IN_CELL, _STAND_INS)
_SHOW = str.maketrans(_STAND_INS, UNIT_SEPARATORS_IN_CELL)


_PLACE = chars(GROUP_PLACE_CHARS)
_LEVELS = re.compile(rf"各{_PLACE}+(?:{chars(GROUP_PLACE_SEPARATORS)}{_PLACE}+){{1,3}}(?={words(GROUP_BODY_WORDS)})")
_ADVERB_TAIL = re.compile(rf"(?<=.)({alternation(ROLE_ADVERBS)})$")
# a line may also end in a place or a company (“经开区”, “各街道”, “晋陵公司”) unless the next goes on with
# the body's name (“梁平区\n人民政府”)
_LINE_END = re.compile(rf"([{_END}）)]|{alternation(GROUP_END_WORDS, LINE_END_WORDS)})$")
_ROLE_END = re.compile(rf"({alternation(ROLE_END_WORDS)})$")
_LINE_GOES_ON = re.compile(rf"^({alternation(AND_WORDS, ROLE_END_WORDS, WITH_WORDS, LINE_GOES_ON_WORDS)}|"
                           rf"{chars(ROUND_OPEN + ROUND_CLOSE)}|{alternation(BODY_NAME_GOES_ON, LINE_GOES_ON_NAMES)})")


_WHOLE_BODY = re.compile(rf"({alternation(BODY_END_WORDS)})$")
_NAME_GOES_ON = re.compile(rf"^({alternation(BODY_NAME_GOES_ON)})")


def join_lines(text: str) -> str:
    """A unit cell written one unit a line: a line that ends like a unit is a unit (“区委农工办\\n区农业局” →
    “区委农工办、区农业局”); a line broken inside a name or a sentence is glued back."""
    lines = [t.strip() for t in (text or "").split("\n") if t.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        if _ROLE_END.search(out):  # “区民政局牵头\\n区农业局配合”
            out += "，" + line
        else:
            # after a whole body's name (“各乡镇政府”) “街道办事处” is the next unit, not the rest of this one
            goes_on = _LINE_GOES_ON.match(line) and not (_WHOLE_BODY.search(out) and _NAME_GOES_ON.match(line))
            out += "、" + line if _LINE_END.search(out) and not goes_on else line
    return out


def split_units(text: str) -> list[str]:
    """Units of a plain list cell: 、，；/ and 等 between units; “…等有关单位” keeps 有关单位."""
    out: list[str] = []
    # separators inside brackets belong to one unit: “各县（市、区）政府”; so do they in “各县、市、区政府”
    text = _BRACKETED.sub(lambda m: m.group(0).translate(_HIDE), text or "")
    text = _LEVELS.sub(lambda m: m.group(0).translate(_HIDE), text)
    for part in (p.translate(_SHOW) for p in _SEP.split(text)):
        part = part.strip(" 。.")
        if part.startswith("等") and len(part) > 1:  # “…局等有关单位” → 有关单位
            part = part[1:]
        part = _ETC_END.sub("", part).strip()
        if part and part not in out and part not in ("单位", "部门", "科室", "股室", "处室"):
            out.append(part)
    return out


def _clean_unit(u: str) -> str:
    u = _LABEL.sub("", u.strip(" 。.，,"))
    u = u.removeprefix(BY_WORD)
    u = _ADVERB_TAIL.sub("", u)  # “…潍坊银监分局分别(牵头落实)”
    tail = _TAIL.search(u)
    # “土管所等” → 土管所; “…等单位” → drop; but a bare “有关单位/相关科室/各科室” is kept as a group
    if tail and tail.group(1) and len(u) > len(tail.group(0)):
        u = u[:tail.start()]
    return u.strip()


def _units(part: str) -> list[str]:
    return [u for u in (_clean_unit(x) for x in split_units(part)) if u]


_CELL_KEYS = alternation(ROLE_LABELS, LABEL_ROLE_WORDS, (HOST_WORD,))
# a key at the cell's start or after a separator: “牵头单位：…，责任单位：…”, “牵头：… 配合：…”
_CELL_KEY = re.compile(rf"(?:^|(?<={chars(CLAUSE_SEPARATORS + CLAUSE_ENDS)})|(?<=\s))({_CELL_KEYS})\s*[:：]")
_LEAD_KEYS = (*LEAD_WORDS, HOST_WORD)  # 牵头 / 主办: a key or a role word that makes a unit the lead
_ROLE_IN_BRACKETS = re.compile(rf"{OPEN}({alternation(_LEAD_KEYS)}){CLOSE}")


def cell_key_values(text: str) -> list[tuple[str, str]]:
    """The key–value parts of a unit cell (“牵头单位：A、B，责任单位：C，完成时限：6月底”), [] when it names no key."""
    keys = list(_CELL_KEY.finditer(text or ""))
    if not keys:
        return []
    head = text[:keys[0].start()].strip(" ，,；;。.、")
    out = [("", head)] if head else []  # what stands before the first key: the cell's own wording
    for i, m in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(text)
        value = text[m.end():end].strip(" ，,；;。.、")
        if value:
            out.append((m.group(1), value))
    return out


def roles(text: str, column_role: str = "resp") -> tuple[list[str], list[str]]:
    """(lead units, responsible units) of one cell; `column_role` is the role a unit without role words gets."""
    text = _LINE_AFTER_ROLE.sub(r"\1；", (text or "").strip()).replace("\n", "")  # other breaks: one line
    if not text:
        return [], []
    lead: list[str] = []
    resp: list[str] = []

    def add(into: list[str], units: list[str]) -> None:
        for u in units:
            if u not in lead and u not in resp:
                into.append(u)

    parts = cell_key_values(text)
    if parts:  # “牵头单位：A、B，责任单位：C” — each key ends the part before it, whatever parts them
        for key, value in parts:
            kind = column_role if not key else ROLE_LABELS.get(key) or ("lead" if key in _LEAD_KEYS else "resp")
            if kind in ("lead", "resp"):  # a leader is a person, a deadline no unit
                sub_lead, sub_resp = roles(value, kind)
                add(lead, sub_lead)
                add(resp, sub_resp)
        return lead, resp
    text = _ROLE_IN_BRACKETS.sub(r"\1，", text)  # “县财政局（牵头）、县审计局”

    if not _ROLE_WORDS.search(text) and not any(_WITH_SHORT.match(c.strip(" ，,")) for c in _CLAUSE.split(text)):
        units = _units(_LABEL.sub("", text))
        add(lead if column_role == "lead" else resp, units)
        return lead, resp
    doers: list[str] = []  # units that 负责 while others 配合: the lead when no unit 牵头
    helpers = False
    for clause in _clauses(text)[0]:
        label = _LABEL.match(clause)
        if label:
            clause = clause[label.end():]
            if label.group(1) and not _ROLE_WORDS.search(clause):
                add(lead if label.group(1) == "牵头" else resp, _units(clause))
                continue
        m = _WITH.match(clause) or (None if _ROLE_WORDS.search(clause) else _WITH_SHORT.match(clause))
        if m:
            add(lead, _units(m.group(1)))
            add(resp, _units(_VERB_TAIL.sub("", m.group(2))))
            continue
        # “X牵头，Y、Z配合” / “X牵头区级…工作，Y具体落实”: split at each role word, the units precede it
        pos = 0
        for m in _ROLE.finditer(clause):
            if m.start() < pos:
                continue
            units = _units(clause[pos:m.start()])
            word = m.group(0)
            if word in _LEAD_KEYS:
                add(lead, units)
            else:
                add(resp, units)
                if word in DOER_WORDS:
                    doers.extend(units)
                elif word in HELPER_WORDS:
                    helpers = True
            pos = m.end()
            # what follows a role word up to the next comma is the work, not a unit (“牵头区级规范性文件集中公开工作”)
            if clause[pos:pos + 1] in ("、", "，", ","):  # “X主办、Y协办”: the next unit, not the work
                pos += 1
                continue
            comma = re.search(r"[，,]", clause[pos:])
            pos = pos + comma.end() if comma else len(clause)
        rest = clause[pos:].strip(" ，,")
        if rest:
            add(lead if column_role == "lead" else resp, _units(rest))
    if not lead and doers and helpers:  # “X负责，Y参与”: X leads
        lead = [u for u in resp if u in doers]
        resp = [u for u in resp if u not in doers]
    return lead, resp


def _clauses(text: str) -> tuple[list[str], bool]:
    """The cell's clauses (split at ；;。), and whether a clause of bare units was joined to the role clause after
    it: “市金融办；人民银行潍坊市中心支行；潍坊银监分局分别牵头落实” — ； between units, all three lead. A reading
    the clerk should confirm."""
    out, pending, joined = [], [], False
    for clause in (c.strip(" ，,") for c in _CLAUSE.split(text)):
        if not clause:
            continue
        bare = not _ROLE_WORDS.search(clause) and not _LABEL.match(clause) and not _WITH_SHORT.match(clause)
        if bare:
            pending.append(clause)
            continue
        if pending and not _LABEL.match(clause) and not _WITH.match(clause):
            clause, joined = "、".join(pending) + "、" + clause, True
        else:
            out.extend(pending)
        pending = []
        out.append(clause)
    return out + pending, joined


def units_before_role(text: str) -> bool:
    """The cell names units in a clause of their own before a clause with a role word (“A；B牵头”): they are read
    as sharing that role, and the clerk confirms."""
    return _clauses(text or "")[1]


_UNIT_WORDS = alternation(UNIT_END_WORDS, GROUP_END_WORDS, OTHER_UNIT_END_WORDS)
_UNIT_LIKE = re.compile(rf"({_UNIT_WORDS})[{re.escape(NAME_CLOSERS)}]?$")


_ROLE_LEFT = re.compile(rf"({alternation(ROLE_LEFT_WORDS)})$")


def looks_like_unit(name: str) -> bool:
    """A unit's name ends like one (…局, …办, …中心, …政府) or names a group (各…, 有关…); a leftover such as
    “各镇(街)参照”, “按职能分工” or a role word left on a name (“局防控办主办”) does not."""
    return bool(_UNIT_LIKE.search(name)) and not _ROLE_LEFT.search(name)


def shorthand_with(text: str) -> bool:
    """The cell says “X会Y” (宣传处会办公室), read as X leading with Y: a reading the clerk should confirm."""
    return any(_WITH_SHORT.match(c.strip(" ，,")) and not _ROLE_WORDS.search(c) for c in _CLAUSE.split(text or ""))
