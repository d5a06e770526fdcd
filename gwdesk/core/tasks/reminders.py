"""Start-up reminders for the unit's tasks: overdue, due today, due within 7 days; an earlier milestone likewise."""

from __future__ import annotations

import datetime as dt

from gwdesk.core.reminders import Reminder
from gwdesk.core.tasks import tracking
from gwdesk.core.tasks.overview import DUE, mine
from gwdesk.store import driver_rows
from gwdesk.store.tasks_models import Task


# the columns a reminder reads: the label's, the due date's, the recurrence's (not the whole row)
_SHOWN = (Task.id, Task.seq, Task.task, Task.measure, Task.due_date, Task.due_override, Task.recurrence, Task.status)


def _rows(fields: tuple, where):
    """The rows of `fields` where `where` holds, by field name: the driver's values but the dates (thousands of
    rows at start-up, without peewee's conversion of every value: issue 25)."""
    return driver_rows.named(Task.select(*fields).where(where), fields)


def _label(t: Task) -> str:
    name = t.task or t.measure
    name = name if len(name) <= 20 else name[:20] + "…"
    return f"【任务台账】{t.seq + ' ' if t.seq else ''}{name}"


def collect(ctx) -> list[Reminder]:
    today = ctx.today()
    out = []
    # only rows that can be due within SOON_DAYS: a fixed date by then, or a recurring task without one
    soon = today + dt.timedelta(days=tracking.SOON_DAYS)
    due_soon = mine() & Task.status.in_(tracking.OPEN) & ((DUE <= soon.isoformat())
                                                          | (DUE.is_null() & (Task.recurrence != "")))
    for t in _rows(_SHOWN, due_soon):  # the fields by name, without building a Task per row
        due = tracking.effective_due(t, today)
        if due is None:
            continue
        days = (due - today).days
        label = _label(t)
        fixed = (t.due_override or t.due_date) is not None
        if days < 0 and fixed:
            out.append(Reminder("tasks", "overdue", due, f"{label} 已逾期{-days}天（{due.isoformat()}）", str(t.id)))
        elif days == 0:
            out.append(Reminder("tasks", "today", due, f"{label} 今日到期", str(t.id)))
        elif 0 < days <= tracking.SOON_DAYS:
            out.append(Reminder("tasks", "soon", due, f"{label} {days}天后到期（{due.isoformat()}）", str(t.id)))
    out += _milestones(today, soon)
    return out


def _milestones(today: dt.date, soon: dt.date) -> list[Reminder]:
    """An earlier date of a later-due task (“2月公布预算，8月公布决算”) reminds like a due date of its own. Each task
    keeps its milestones (schema 10): only the rows that have any are read, none of the 时限 texts parsed."""
    tracking.fill_milestones()  # rows stored before schema 10, once
    out = []
    later = (mine() & Task.status.in_(tracking.OPEN) & (Task.deadline_kind == "date") & Task.due_override.is_null()
             & (DUE > soon.isoformat()) & (Task.milestones != ""))
    for t in _rows((*_SHOWN, Task.deadline_kind, Task.deadline_text, Task.milestones), later):
        ms = tracking.next_milestone(t, today)
        if ms is None or ms > soon:
            continue
        days = (ms - today).days
        label = _label(t)
        when = "今日" if days == 0 else f"{days}天后"
        out.append(Reminder("tasks", "today" if days == 0 else "soon", ms,
                            f"{label} 阶段节点{when}到期（{ms.isoformat()}，全部完成时限{t.due_date.isoformat()}）", str(t.id)))
    return out
