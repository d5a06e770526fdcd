"""Start-up reminders: 已审定 forms meant for publication whose 拟公开日期 has passed or is near."""

from __future__ import annotations

import datetime as dt

import json

from gwdesk.core import formdef
from gwdesk.core.reminders import Reminder
from gwdesk.core.review.forms import APPROVED, PENDING
from gwdesk.core.review.validate import normalise, parse_date, step_due, timed_step
from gwdesk.store.review_models import ReviewForm

SOON_DAYS = 3
_SHOWN = (ReviewForm.id, ReviewForm.number, ReviewForm.title)


def collect(ctx) -> list[Reminder]:
    today = ctx.today()
    out = []
    q = ReviewForm.select(*_SHOWN, ReviewForm.planned_date).where(
        (ReviewForm.status == APPROVED) & ReviewForm.attribute.in_(["主动公开", "删减后公开"])
        & ReviewForm.planned_date.is_null(False))
    for row in q.namedtuples():  # the columns a reminder reads, without a model object per form
        due = parse_date(row.planned_date)
        if due is None or due > today + dt.timedelta(days=SOON_DAYS):
            continue
        if due < today:
            sev, what = "overdue", f"拟公开日期 {due.isoformat()} 已过，尚未公开"
        elif due == today:
            sev, what = "today", "今日应公开"
        else:
            sev, what = "soon", f"拟于 {due.isoformat()} 公开"
        out.append(Reminder("review", sev, due, f"【公开审查】{row.number}《{row.title}》{what}", str(row.id)))
    return out + _steps_due(today)


def _steps_due(today: dt.date) -> list[Reminder]:
    """待审核 forms whose next step (保密审查 …) has a time limit that has passed or ends within a day or two."""
    definition = formdef.load()
    if not any(r.limit_workdays for r in definition.signoffs):
        return []
    out = []
    for row in ReviewForm.select(*_SHOWN, ReviewForm.data).where(ReviewForm.status == PENDING).namedtuples():
        try:
            data = json.loads(row.data or "{}")
        except ValueError:
            continue
        signoffs = data.get("signoffs") or {}
        if timed_step(definition, signoffs) is None:  # no step with a time limit waits: the values unread
            continue
        values = normalise(definition, data.get("values") or {})
        for role, due, extended in step_due(definition, values, signoffs):
            if due > today + dt.timedelta(days=SOON_DAYS):
                continue
            late = due < today
            what = (f"{role.role}应于 {due.isoformat()} 前完成" + ("（已延长）" if extended else "")
                    + ("，已逾期" + (f"；可经批准延长{role.extend_workdays}个工作日" if role.extend_workdays
                                   and not extended else "") if late else ""))
            out.append(Reminder("review", "overdue" if late else ("today" if due == today else "soon"), due,
                                f"【公开审查】{row.number}《{row.title}》{what}", str(row.id)))
    return out
