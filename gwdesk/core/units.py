"""The unit (本单位) profile: name, level, supervisor, contacts, 科室 and the groups it is addressed by."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from gwdesk.core.tasks.groups import group_key
from gwdesk.errors import ConflictError, ValidationFailed
from gwdesk.store.base import db
from gwdesk.store.dialect import is_pg
from gwdesk.store.models import Setting, UnitProfile

LEVELS = ["省级部门", "设区的市级部门", "县级政府", "县级部门", "乡镇", "街道", "其他"]

# Groups a task list commonly addresses units by, offered per level in the first-run dialog.
SUGGESTED_GROUPS = {
    "省级部门": ["省政府各部门", "省直各单位", "有关单位"],
    "设区的市级部门": ["市政府各部门", "市直各单位", "有关单位"],
    "县级政府": ["各区县人民政府", "各县（市、区）人民政府"],
    "县级部门": ["区政府各部门", "县政府各部门", "县直各单位", "区各有关部门"],
    "乡镇": ["各乡镇人民政府", "各乡镇（街道）", "各镇（街道）"],
    "街道": ["各街道办事处", "各乡镇（街道）", "各镇（街道）"],
    "其他": ["有关单位"],
}


@dataclass
class Profile:
    name: str
    level: str
    supervisor: str = ""
    contact: str = ""
    phone: str = ""
    departments: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    # 本单位下发任务清单 (an office that collects the units' progress: the 汇总 screen); None: not said, decided
    # from the level and the lists stored here (gwdesk.core.office.issuer)
    issues_lists: bool | None = None
    # the clerk's answers about collective addressees (“区直各部门 includes us”, “市政府各部门 does not”), by the
    # group's normalised name (core.tasks.groups.group_key): used for every later list
    group_answers: dict[str, bool] = field(default_factory=dict)

    def problems(self) -> list[str]:
        out = []
        if not self.name.strip():
            out.append("单位名称不能为空")
        if not self.level:
            out.append("请选择单位层级")
        elif self.level not in LEVELS:
            out.append(f"单位层级“{self.level}”不在可选范围内（{'、'.join(LEVELS)}）")
        if self.phone and not re.fullmatch(r"[0-9\-—+（）() ]{5,20}", self.phone.strip()):
            out.append("联系电话格式不正确（只能包含数字、空格、括号和连字符）")
        return out


ISSUES_LISTS_KEY = "unit.issues_lists"  # kept beside the profile's row: no schema change for one flag
GROUP_ANSWERS_KEY = "unit.group_answers"  # {group_key: bool}, beside the profile's row the same way
saved = 0  # bumped by every save, so a context holding the profile knows to read it again


def load() -> Profile | None:
    row = UnitProfile.get_or_none(UnitProfile.id == 1)
    if row is None:
        return None
    issues = Setting.get_value(ISSUES_LISTS_KEY)
    answers = Setting.get_value(GROUP_ANSWERS_KEY)
    answers = {str(k): v for k, v in answers.items() if isinstance(v, bool)} if isinstance(answers, dict) else {}
    return Profile(row.name, row.level, row.supervisor, row.contact, row.phone,
                   list(row.departments), list(row.groups), list(row.aliases),
                   issues if isinstance(issues, bool) else None, answers)


def _clean_list(items: list[str]) -> list[str]:
    seen, out = set(), []
    for it in items:
        it = it.strip()
        if it and it not in seen:
            seen.add(it)
            out.append(it)
    return out


def version() -> int | None:
    """The stored profile's version (None before the first save): pass it back to save() as seen_version."""
    return UnitProfile.select(UnitProfile.version).where(UnitProfile.id == 1).scalar()


def save(p: Profile, *, seen_version: int | None = None) -> None:
    """Store the unit profile; `seen_version` (what the clerk's form was read at): another clerk's save since
    raises ConflictError and nothing is written."""
    problems = p.problems()
    if problems:
        raise ValidationFailed("单位信息不完整：" + "；".join(problems), problems)
    with db.atomic():
        if seen_version is not None:
            now = UnitProfile.select(UnitProfile.version).where(UnitProfile.id == 1).for_update(
                is_pg()).scalar()
            if now is not None and now != seen_version:
                theirs = load()
                raise ConflictError(f"单位信息已被其他同事修改（您打开时是第 {seen_version} 版，现在是第 {now} 版），"
                                    "您的修改尚未保存。", current=theirs, version=now,
                                    differences=differences(p, theirs) if theirs else [])
        _save(p)
    global saved
    saved += 1


FIELD_LABELS = {"name": "单位名称", "level": "单位层级", "supervisor": "政务公开主管单位", "contact": "联系人",
                "phone": "联系电话", "departments": "内设科室", "aliases": "单位简称", "groups": "统称",
                "issues_lists": "下发任务清单"}


def differences(mine: Profile, theirs: Profile) -> list[tuple[str, str, str]]:
    """(label, my value, their value) for each field of the 单位信息 form that differs."""
    def show(v) -> str:
        if isinstance(v, list):
            return "、".join(v) or "（空）"
        if v is None:
            return "按单位层级"
        if isinstance(v, bool):
            return "是" if v else "否"
        return str(v).strip() or "（空）"

    def same(a, b) -> bool:
        return (_clean_list(a) == _clean_list(b)) if isinstance(a, list) else (
            (a.strip() if isinstance(a, str) else a) == (b.strip() if isinstance(b, str) else b))
    return [(label, show(getattr(mine, k)), show(getattr(theirs, k))) for k, label in FIELD_LABELS.items()
            if not same(getattr(mine, k), getattr(theirs, k))]


def _save(p: Profile) -> None:
    UnitProfile.insert(
        id=1, name=p.name.strip(), level=p.level, supervisor=p.supervisor.strip(),
        contact=p.contact.strip(), phone=p.phone.strip(), departments=_clean_list(p.departments),
        groups=_clean_list(p.groups), aliases=_clean_list(p.aliases),
        updated_at=dt.datetime.now().isoformat(timespec="seconds"),
    ).on_conflict(conflict_target=[UnitProfile.id],
                  preserve=[f for f in UnitProfile._meta.sorted_fields if f.name not in ("id", "version")],
                  update={UnitProfile.version: UnitProfile.version + 1}).execute()
    Setting.set_value(ISSUES_LISTS_KEY, p.issues_lists)
    # group_answers are written by answer_group() only: a profile edited in 设置 (which does not show them)
    # never wipes the clerk's answers


def answer_group(group: str, includes: bool | None) -> Profile:
    """Remember whether a collective addressee (“区直各部门”) includes the unit (None forgets the answer), and
    return the profile as saved. The answer is kept by the group's normalised name, so 各区直部门 is answered too."""
    p = load()
    if p is None:
        raise ValidationFailed("请先填写本单位信息", ["单位信息不完整"])
    key = group_key(group)
    if not key:
        raise ValidationFailed("集体名称不能为空", ["集体名称不能为空"])
    if includes is None:
        p.group_answers.pop(key, None)
    else:
        p.group_answers[key] = bool(includes)
    Setting.set_value(GROUP_ANSWERS_KEY, dict(p.group_answers))
    global saved
    saved += 1
    return p
