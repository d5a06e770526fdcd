"""Overview figures of the unit's tasks, counted in SQL: by status, overdue, due within 7 days, by category."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import Case, fn

from gwdesk.core.tasks import deadlines
from gwdesk.core.tasks.tracking import OPEN, SOON_DAYS, STATUSES
from gwdesk.store.tasks_models import Task

ROLE = fn.COALESCE(Task.role_override, Task.auto_role)
DUE = fn.COALESCE(Task.due_override, Task.due_date)


def mine():
    """Rows that are the unit's (牵头, 责任, 可能涉及) and still in the list."""
    return (ROLE != "不涉及") & Task.removed_at.is_null()


@dataclass
class Overview:
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    due_soon: int = 0
    by_category: list[tuple[str, int, int]] = field(default_factory=list)  # (category, total, done)
    by_role: dict[str, int] = field(default_factory=dict)


def counts(today: dt.date, list_id: int | None = None) -> Overview:
    base = mine()
    if list_id is not None:
        base &= Task.list == list_id
    o = Overview(by_status={s: 0 for s in STATUSES})
    for status, n in Task.select(Task.status, fn.COUNT(Task.id)).where(base).group_by(Task.status).tuples():
        o.by_status[status] = n
        o.total += n
    for role, n in Task.select(ROLE, fn.COUNT(Task.id)).where(base).group_by(ROLE).tuples():
        o.by_role[role] = n
    open_ = base & Task.status.in_(OPEN)
    o.overdue = Task.select().where(open_ & (DUE < today.isoformat())).count()
    soon_end = today + dt.timedelta(days=SOON_DAYS)
    o.due_soon = Task.select().where(open_ & (DUE >= today.isoformat()) & (DUE <= soon_end.isoformat())).count()
    # recurring tasks without a fixed date: their next occurrence may fall in the window
    for (rec,) in Task.select(Task.recurrence).where(open_ & DUE.is_null() & (Task.recurrence != "")).tuples():
        nxt = deadlines.next_due(rec, today)
        if nxt is not None and nxt <= soon_end:
            o.due_soon += 1
    done = fn.SUM(Case(None, [(Task.status == "已完成", 1)], 0))  # PostgreSQL has no SUM of a boolean
    o.by_category = [(c or "（未分类）", n, int(d or 0)) for c, n, d in
                     Task.select(Task.category, fn.COUNT(Task.id), done).where(base)
                     .group_by(Task.category).order_by(fn.MIN(Task.position)).tuples()]
    return o
