"""Users and roles (issue 24): on a 单位共享数据库 each clerk works as their own database login, with a role;
what a role may do is checked here, in core, whatever the screen shows. SQLite mode has one implicit user who
may do everything, as before.

Roles: 科员 registers, edits and submits; 审核人 also approves, returns, publishes 意见单, answers and closes
依申请公开 cases, locks a year and finalises the annual report; 管理员 also keeps the settings, holidays, the
unit profile and the user list. The first login to open an empty shared database becomes its 管理员; a login
gwdesk has not seen yet starts as 科员.
"""

from __future__ import annotations

from dataclasses import dataclass

from gwdesk.errors import GwdeskError
from gwdesk.store import audit
from gwdesk.store.base import db
from gwdesk.store.dialect import is_pg
from gwdesk.store.models import AppUser

CLERK, REVIEWER, ADMIN = "科员", "审核人", "管理员"
ROLES = (CLERK, REVIEWER, ADMIN)

# action → (what it is called, the roles that may do it)
PERMISSIONS: dict[str, tuple[str, frozenset[str]]] = {
    "review.approve": ("审定、退回、登记或作废意见单", frozenset({REVIEWER, ADMIN})),
    "applications.reply": ("答复或撤销办结依申请公开件", frozenset({REVIEWER, ADMIN})),
    "applications.freeze": ("锁定或解锁一年的依申请公开数据", frozenset({REVIEWER, ADMIN})),
    "annual_report.freeze": ("年度报告定稿或报送", frozenset({REVIEWER, ADMIN})),
    "settings": ("修改节假日、单位信息等设置", frozenset({ADMIN})),
    "users": ("管理用户和角色", frozenset({ADMIN})),
}


class PermissionDenied(GwdeskError):
    """The clerk's role may not do this; the message names the role and who may."""


@dataclass(frozen=True)
class User:
    login: str
    name: str
    role: str


_IMPLICIT = User("", "本机用户", ADMIN)  # SQLite: one clerk per data folder, who may do everything


def current() -> User:
    """Who is working now: on a server the session's login (registered the first time it is seen)."""
    if not is_pg():
        return _IMPLICIT
    login = audit.actor()
    row = AppUser.get_or_none(AppUser.login == login)
    if row is None:
        with db.atomic():
            role = ADMIN if not AppUser.select().exists() else CLERK
            AppUser.insert(login=login, name=login, role=role).on_conflict_ignore().execute()
        row = AppUser.get(AppUser.login == login)
    if not row.active:
        raise PermissionDenied(f"用户“{login}”已被停用，请联系本单位的管理员。")
    return User(row.login, row.name or row.login, row.role)


def may(action: str, user: User | None = None) -> bool:
    user = user or current()
    return user.role in PERMISSIONS[action][1]


def require(action: str) -> User:
    """The current user, if their role may do `action`; else PermissionDenied (nothing done)."""
    user = current()
    what, roles = PERMISSIONS[action]
    if user.role not in roles:
        who = "或".join(r for r in ROLES if r in roles)
        raise PermissionDenied(f"您的角色是“{user.role}”：{what}须由{who}操作。")
    return user


def all_users() -> list[User]:
    return [User(r.login, r.name, r.role) for r in AppUser.select().order_by(AppUser.login)]


def set_role(login: str, role: str, *, name: str | None = None, active: bool = True) -> None:
    """管理员 only: give `login` a role (and a name); at least one active 管理员 always remains."""
    require("users")
    if role not in ROLES:
        raise GwdeskError(f"角色只能是：{'、'.join(ROLES)}")
    with db.atomic():
        row = AppUser.get_or_none(AppUser.login == login)
        before = {"role": row.role, "active": row.active} if row else {}
        AppUser.insert(login=login, name=name if name is not None else (row.name if row else login), role=role,
                       active=active).on_conflict(conflict_target=[AppUser.login],
                                                  preserve=[AppUser.name, AppUser.role, AppUser.active]).execute()
        admins = AppUser.select().where((AppUser.role == ADMIN) & (AppUser.active == True)).count()  # noqa: E712
        if admins == 0:
            raise GwdeskError("至少要保留一位在用的管理员。")
        audit.record("app_user", login, "角色", before, {"role": role, "active": active})
