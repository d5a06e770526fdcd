"""Which rows are mine: match a task's units against the unit profile (name, aliases, groups).

区民政局 = 民政局 = 青川县民政局 = 区民政局(区老龄办): the place prefix (区/县/青川县…) and a
bracketed second name are not part of the identity, unless the place is above the unit's own
(市民政局, 重庆市民政局 are not 青川县民政局). A row addressed to a group the unit belongs
to (区政府各部门, 各乡镇(街道)…) is the unit's too. A row naming any other collective group (各…, …各部门,
有关单位, 全体成员单位…, see core/tasks/groups.py) that a unit of its 层级 and 主管单位 could belong to is
可能涉及 with the reason — never silently 不涉及 — until the clerk answers whether that group includes the
unit; the answer is remembered by the group's normalised name and used for every later list. The clerk's
override of a row always wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwdesk.core.tasks import groups as grp
from gwdesk.core.tasks.vocabulary import PLACE_RANK

ROLES = ["牵头", "责任", "可能涉及", "不涉及"]
LEAD, RESP, MAYBE, NONE = ROLES

_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "（", "]": "）", "【": "（", "】": "）", " ": None,
                           "\u3000": None})
_PAREN = re.compile(r"（([^（）]*)）")
_PLACE_END = "".join(PLACE_RANK)
_LOOSE = re.compile(r"有关|相关")
_GENERIC = {"政府", "人民政府", "办公室", "部门", "单位", "各部门", "各单位"}


def normalise(name: str) -> str:
    return (name or "").translate(_BRACKETS).strip("、，,；;。")


# how high a place is, by the character that ends its name: a 市 or 省 office is not the county's own
_RANK = PLACE_RANK


def _placed_variants(name: str) -> set[tuple[str, int, str]]:
    """Each form a unit may be written in, with the rank of the place prefix removed to get it (0: none) and
    that prefix itself (“区”, “梁平区”, “” when none)."""
    n = normalise(name)
    names = {_PAREN.sub("", n)} | {m for m in _PAREN.findall(n) if m}
    out: set[tuple[str, int, str]] = set()
    for base in names:
        out.add((base, 0, ""))
        # strip a leading place (区, 县, 青川县, 梁平区, 重庆市梁平区…) up to 8 characters in
        for i, ch in enumerate(base[:8]):
            if ch in _PLACE_END and len(base) - i - 1 >= 2:
                rest = base[i + 1:]
                if rest not in _GENERIC and not rest.startswith(("场", "级", "直")):
                    out.add((rest, _RANK[ch], base[:i + 1]))
    return {(v, r, p) for v, r, p in out if len(v) >= 2}


def _leveled_variants(name: str) -> set[tuple[str, int]]:
    """Each form a unit may be written in, with the rank of the place prefix removed to get it (0: none)."""
    return {(v, r) for v, r, _ in _placed_variants(name)}


def variants(name: str) -> set[str]:
    """The forms a unit may be written in: with or without its place prefix, and its bracketed second name."""
    return {v for v, _ in _leveled_variants(name)}


# a prefix made only of place-level characters (区, 县, 各区县…): it says the level, not which place
_LEVEL_ONLY = re.compile(f"各?[{_PLACE_END}]+")
SAME, OTHER_LEVEL, OTHER_PLACE = "same", "other_level", "other_place"


def place_rank(name: str) -> int:
    """The rank of the place a unit's own name starts with (青川县民政局: 县 → 2), 0 when it names none."""
    base = _PAREN.sub("", normalise(name))
    ranks = [_RANK[ch] for ch in base[:8] if ch in _PLACE_END]
    return ranks[-1] if ranks else 0


def is_loose(unit: str) -> bool:
    return bool(_LOOSE.search(unit))


@dataclass(frozen=True)
class Match:
    role: str  # 牵头 / 责任 / 可能涉及 / 不涉及
    reason: str  # Chinese, shown to the clerk: 责任单位“区民政局”


class Matcher:
    """Built once per profile; `match(lead_units, resp_units)` per task row.

    `groups`: the groups the profile says address the unit; `answers`: the clerk's answers, group_key → True
    (the group includes the unit) or False (it does not); `level` / `supervisor`: the profile's 层级 and
    主管单位, which decide whether any other collective group could include the unit."""

    def __init__(self, name: str, aliases: list[str] | None = None, groups: list[str] | None = None, *,
                 level: str = "", supervisor: str = "", answers: dict[str, bool] | None = None):
        self.name = name
        self.level = level
        self.supervisor = supervisor
        self.answers = {grp.group_key(k): bool(v) for k, v in (answers or {}).items()}
        self.names: set[str] = set()
        for n in [name, *(aliases or [])]:
            self.names |= variants(n)
        self.groups: set[str] = set()
        for g in groups or []:
            self.groups |= variants(grp.group_key(g)) | variants(g)
        self.rank = place_rank(name)
        # the unit's own place prefixes (青川县, 县 from the alias 县民政局) and their level characters (县): a
        # unit written with another level (区民政局) or another named place (梁平区民政局) is not silently ours
        self.places: set[str] = set()
        for n in [name, *(aliases or [])]:
            self.places |= {p for _, _, p in _placed_variants(n) if p}
        self.place_levels = {p[-1] for p in self.places}

    def _place(self, prefix: str) -> str:
        """Whether a task unit's place prefix is the unit's own place (SAME), the same kind of name at another
        level (OTHER_LEVEL: 区 for a 县's bureau, cannot tell) or another named place (OTHER_PLACE: 梁平区)."""
        if not prefix or not self.places or prefix in self.places \
                or any(prefix.endswith(p) for p in self.places if len(p) > 1):
            return SAME
        if _LEVEL_ONLY.fullmatch(prefix):
            return SAME if set(prefix) & self.place_levels else OTHER_LEVEL
        return OTHER_PLACE

    def place_of(self, unit: str) -> str | None:
        """For a unit that is the profile's unit but for its place prefix: SAME / OTHER_LEVEL / OTHER_PLACE
        (the closest found); None when it is not this unit at all."""
        found = [self._place(p) for v, r, p in _placed_variants(unit)
                 if v in self.names and (not self.rank or r <= self.rank)]
        for kind in (SAME, OTHER_LEVEL, OTHER_PLACE):
            if kind in found:
                return kind
        return None

    def _ours(self, unit: str, among: set[str]) -> bool:
        # 市民政局 in a county's list is the city's bureau: a prefix above the unit's own level never strips
        # down to the unit (a unit whose name names no place cannot tell, and matches as before)
        return any(v in among and (not self.rank or r <= self.rank) for v, r in _leveled_variants(unit))

    @classmethod
    def for_profile(cls, profile) -> Matcher:
        return cls(profile.name, list(profile.aliases), list(profile.groups), level=profile.level,
                   supervisor=getattr(profile, "supervisor", "") or "",
                   answers=dict(getattr(profile, "group_answers", None) or {}))

    def is_me(self, unit: str) -> bool:
        return self.place_of(unit) == SAME

    def in_group(self, unit: str) -> bool:
        """The unit is one of the groups the profile names (compared after normalising order and brackets)."""
        return self._ours(unit, self.groups) or self._ours(grp.group_key(unit), self.groups)

    def answer(self, unit: str) -> bool | None:
        """The clerk's answer for this group (True: includes the unit, False: does not), None when not asked."""
        return self.answers.get(grp.group_key(unit))

    def match(self, lead_units: list[str], resp_units: list[str]) -> Match:
        for u in lead_units:
            if self.is_me(u):
                return Match(LEAD, f"牵头单位“{u}”")
        for u in resp_units:
            if self.is_me(u):
                return Match(RESP, f"责任单位“{u}”")
        fields = (("牵头单位", lead_units), ("责任单位", resp_units))
        for field, units in fields:
            for u in units:
                said = self.answer(u)
                if said or (said is None and self.in_group(u)):
                    return Match(RESP, f"{field}“{u}”包括本单位" + ("（您已确认）" if said else ""))
        excluded = []
        own = "、".join(sorted(p for p in self.places if len(p) > 1)) or "、".join(sorted(self.places))
        for field, units in fields:
            for u in units:
                kind = self.place_of(u)
                if kind == OTHER_LEVEL:
                    return Match(MAYBE, f"{field}“{u}”与本单位同名，但所写的地方层级与本单位（{own}）不同，"
                                        "可能是其他地方的单位，请确认是否涉及本单位")
                if kind == OTHER_PLACE:
                    excluded.append(f"{field}“{u}”是其他地方的单位（本单位在{own}）")
        for field, units in fields:
            for u in units:
                if not (grp.is_collective(u) or is_loose(u)):
                    continue
                if self.answer(u) is False:
                    excluded.append(f"您已确认“{u}”不包括本单位")
                    continue
                could, why = grp.could_include(u, level=self.level, unit=self.name, supervisor=self.supervisor)
                if could:
                    return Match(MAYBE, f"{field}“{u}”是集体名称，可能包括本单位，请确认是否涉及本单位")
                excluded.append(why)
        return Match(NONE, "；".join(dict.fromkeys(excluded)))

    def groups_to_ask(self, lead_units: list[str], resp_units: list[str]) -> list[str]:
        """The collective names of a row the clerk has not answered and that could include the unit."""
        if self.match(lead_units, resp_units).role != MAYBE:
            return []
        out = []
        for u in [*lead_units, *resp_units]:
            if (grp.is_collective(u) or is_loose(u)) and self.answer(u) is None and not self.in_group(u) \
                    and grp.could_include(u, level=self.level, unit=self.name, supervisor=self.supervisor)[0]:
                out.append(u)
        return out


def effective_role(auto_role: str, override: str | None) -> str:
    """The clerk's choice wins over the automatic match."""
    return override if override in ROLES else auto_role
