"""Collective addressees (各…, …各部门, 有关单位, 全体成员单位): one name for many units.

    group_key("各县(市、区)政府") == group_key("各县市区人民政府")   # compared after normalising
    is_collective("区直各部门")                                     # True
    could_include("市政府各部门", level="县级部门", unit="青川县民政局")  # (False, "…市级…")

A row naming a group the unit could belong to (by its 层级 and 主管单位) is never silently 不涉及: the matcher
makes it 可能涉及 with the reason, until the clerk says whether the group includes the unit (remembered by
`group_key`).
"""

from __future__ import annotations

import re

from gwdesk.core.tasks.vocabulary import (
    COLLECTIVE_MARKS,
    INTERNAL_END_WORDS,
    INTERNAL_GROUP_PREFIXES,
    INTERNAL_GROUPS,
    INTERNAL_START_WORDS,
    OUTSIDE_WORDS,
    ROUND_CLOSE,
    ROUND_OPEN,
    GROUP_OWNER_END_WORDS,
    GROUP_BRACKETS,
    GROUP_KIND_LEVELS,
    GROUP_KINDS,
    LEVEL_RANK,
    PLACE_RANK,
    alternation,
)

_DROP = str.maketrans({ch: None for ch in GROUP_BRACKETS + "、，,/／ \u3000·"})
_COLLECTIVE = re.compile("|".join(re.escape(m) for m in COLLECTIVE_MARKS))
# 省直/市直/区直/县直 (各)部门|单位: the departments of that place
_DIRECT = re.compile(r"^(?:.{0,8}?)([省市区县旗州])直")
# a place, or a place's government, before the group words: “市政府各部门” → 市, “青川县各部门” → 青川县
_PLACE_HEAD = re.compile(r"^(.{0,8}?[省市区县旗州盟])(?:人民政府|政府|委|直)?(?=各|有关|相关|所属|直属|下属|部门|单位)")
# a unit named before the group words: “市卫健委直属各单位”, “县教育局各股室”
_UNIT_HEAD = re.compile(rf"^(.{{2,20}}?(?:{alternation(GROUP_OWNER_END_WORDS)}))(?:直属|所属|下属|机关)?(?=各|有关|相关|所属|直属|下属|全体|成员|科室|股室|处室|部门|单位)")


# a unit's own division (办公室, 财务科, 各科室, 下属单位): named by its ending or its start, never by a place or a
# body outside the unit (局, 县, 政府…); a trailing bracket (“办公室（政务公开办）”) is no part of that
_DIVISION = re.compile(rf"^({alternation(INTERNAL_GROUP_PREFIXES)})?({alternation(INTERNAL_GROUPS)})$"
                       rf"|({alternation(INTERNAL_END_WORDS)})$|^({alternation(INTERNAL_START_WORDS)})")
_OUTSIDE = re.compile(alternation(OUTSIDE_WORDS))
_TRAILING_BRACKET = re.compile(f"[{re.escape(ROUND_OPEN)}][^{re.escape(ROUND_CLOSE)}]*[{re.escape(ROUND_CLOSE)}]$")


def is_division(name: str) -> bool:
    """A division of whichever unit the list belongs to (办公室, 财务科, 各科室), not a unit of its own."""
    name = _TRAILING_BRACKET.sub("", name or "")
    return bool(_DIVISION.search(name)) and not _OUTSIDE.search(name)


def group_key(name: str) -> str:
    """The group's name with brackets, 、 and spaces removed, 各 taken out (各X部门 = X各部门), 人民政府 = 政府,
    相关 = 有关: 各县(市、区)政府 = 各县市区人民政府, 各镇（街道） = 各镇<街道>, 区直各部门 = 各区直部门."""
    text = (name or "").translate(_DROP).replace("人民政府", "政府").replace("相关", "有关")
    return text.replace("各", "")


def is_collective(name: str) -> bool:
    """A name for many units at once (各…, …各部门, 有关单位, 全体成员单位…), not one unit's."""
    return bool(_COLLECTIVE.search(name or ""))


def kind(name: str) -> str:
    """What the group's members are: internal (科室), members (成员单位), town, county_gov, department, unit."""
    key = group_key(name)
    if _DIRECT.match(key):
        return "department"  # 县直各单位, 省直各部门: the departments of that place's government
    body = _UNIT_HEAD.sub("", key) if _UNIT_HEAD.match(key) else key
    for k, words in GROUP_KINDS:
        if k == "county_gov":
            # 县市区政府 / 区县 / 各县（市、区）: the places themselves (a 县直部门 or 区政府部门 is a department)
            core = re.sub(r"^有关|政府$|人民政府$|党委和政府$", "", body)
            if core and re.fullmatch(r"[县市区旗州盟]+", core):
                return k
            continue
        if k == "department" and "单位" in body and "部门" not in body:
            return "unit"
        if any(w in body for w in words):
            return k
    return "unit"


def _place(name: str) -> tuple[str, int]:
    """The place a name starts with and its rank (市政府各部门 → ("市", 3), 青川县民政局 → ("青川县", 2))."""
    m = _DIRECT.match(name)
    if m:
        return name[:m.end() - 1], PLACE_RANK[m.group(1)]
    m = _PLACE_HEAD.match(name)
    if m:
        return m.group(1), PLACE_RANK[m.group(1)[-1]]
    return "", 0


def _own_place(unit: str) -> tuple[str, int]:
    ranks = [(i, PLACE_RANK[ch]) for i, ch in enumerate(unit[:8]) if ch in PLACE_RANK]
    if not ranks:
        return "", 0
    i, r = ranks[-1]
    return unit[:i + 1], r


_RANK_WORD = {4: "省级", 3: "市级", 2: "县（区）级", 1: "乡镇级"}


def could_include(name: str, *, level: str = "", unit: str = "", supervisor: str = "") -> tuple[bool, str]:
    """Whether a unit of this 层级 (and 主管单位) could be one of the group, and why not when it cannot."""
    key = group_key(name)
    k = kind(name)
    if level not in GROUP_KIND_LEVELS["unit"]:
        level = ""  # a level the profile does not know: it decides nothing
    head = _UNIT_HEAD.match(key)
    if head and not re.fullmatch(r".{0,8}?[省市区县旗州盟](?:政府|委)?", head.group(1)):
        # a unit named before the group (市卫健委直属各单位, 县教育局各股室): its own — the unit's only when
        # that unit is the unit itself or its 主管单位
        named = head.group(1)
        if (supervisor and _same_unit(named, supervisor)) or (unit and _same_unit(named, unit)):
            return True, ""
        if k == "internal":
            return False, f"“{name}”是{named}的内设机构"
        if supervisor:
            return False, f"“{name}”是{named}的下属单位，本单位的主管单位是{supervisor}"
        return True, ""
    if level and level not in GROUP_KIND_LEVELS[k]:
        what = {"town": "乡镇（街道）", "county_gov": "各地政府", "department": "政府部门"}.get(k, "单位")
        return False, f"“{name}”指{what}，本单位是{level}"
    where, rank = _place(key)
    own_where, own_rank = _own_place(group_key(unit))
    mine = LEVEL_RANK.get(level, 0) or own_rank
    if level == "县级部门" and own_rank == 3:
        mine = 3  # a county-level city's bureau: 市政府各部门 is its own government's
    if rank and mine and k in ("department", "unit") and rank != mine:
        return False, f"“{name}”是{_RANK_WORD[rank]}的{'部门' if k == 'department' else '单位'}，" \
                      f"本单位是{level or _RANK_WORD[mine] + '单位'}"
    if rank and len(where) >= 2 and len(own_where) >= 2 and where[-1] == own_where[-1] \
            and not own_where.endswith(where) and not where.endswith(own_where):
        return False, f"“{name}”是{where}的，本单位在{own_where}"
    return True, ""


def _same_unit(a: str, b: str) -> bool:
    a, b = group_key(a), group_key(b)
    return bool(a) and bool(b) and (a == b or a.endswith(b) or b.endswith(a)) and min(len(a), len(b)) >= 2
