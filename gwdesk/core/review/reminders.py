"""Start-up reminders: 已审定 forms meant for publication whose 拟公开日期 has passed or is near."""

from __future__ import annotations

import datetime as dt

from gwdesk.core.reminders import Reminder
from gwdesk.core.review.forms import APPROVED
from gwdesk.core.review.validate import parse_date
from gwdesk.store.review_models import ReviewForm

SOON_DAYS = 3


def collect(ctx) -> list[Reminder]:
    today = ctx.today()
    out = []
    q = ReviewForm.select().where((ReviewForm.status == APPROVED)
                                  & ReviewForm.attribute.in_(["主动公开", "删减后公开"])
                                  & ReviewForm.planned_date.is_null(False))
    for row in q:
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
    return out
