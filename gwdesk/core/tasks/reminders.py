"""Start-up reminders for the unit's tasks: overdue, due today, due within 7 days."""

from __future__ import annotations

import datetime as dt

from gwdesk.core.reminders import Reminder
from gwdesk.core.tasks import tracking
from gwdesk.core.tasks.overview import DUE, mine
from gwdesk.store.tasks_models import Task


def collect(ctx) -> list[Reminder]:
    today = ctx.today()
    out = []
    # only rows that can be due within SOON_DAYS: a fixed date by then, or a recurring task without one
    soon = today + dt.timedelta(days=tracking.SOON_DAYS)
    q = Task.select().where(mine() & Task.status.in_(tracking.OPEN)
                            & ((DUE <= soon) | (DUE.is_null() & (Task.recurrence != ""))))
    for t in q:
        due = tracking.effective_due(t, today)
        if due is None:
            continue
        days = (due - today).days
        name = t.task or t.measure
        name = name if len(name) <= 20 else name[:20] + "…"
        label = f"【任务台账】{t.seq + ' ' if t.seq else ''}{name}"
        fixed = (t.due_override or t.due_date) is not None
        if days < 0 and fixed:
            out.append(Reminder("tasks", "overdue", due, f"{label} 已逾期{-days}天（{due:%Y-%m-%d}）", str(t.id)))
        elif days == 0:
            out.append(Reminder("tasks", "today", due, f"{label} 今日到期", str(t.id)))
        elif 0 < days <= tracking.SOON_DAYS:
            out.append(Reminder("tasks", "soon", due, f"{label} {days}天后到期（{due:%Y-%m-%d}）", str(t.id)))
    return out
