"""Start-up reminder for the annual report: due by 1月31日 (条例第四十九条), from 1 December until sent."""

from __future__ import annotations

import datetime as dt

from gwdesk.core.reminders import Reminder

PREPARE_FROM = (12, 1)  # remind from 1 December of the report year
STALE_AFTER = (3, 31)  # an unsent report stops being a start-up reminder after 31 March


def due_report(today: dt.date) -> tuple[int, dt.date] | None:
    """(report year, legal deadline) a clerk should be working on today, or None outside the season."""
    if (today.month, today.day) >= PREPARE_FROM:
        return today.year, dt.date(today.year + 1, 1, 31)
    if (today.month, today.day) <= STALE_AFTER:
        return today.year - 1, dt.date(today.year, 1, 31)
    return None


def collect(ctx) -> list[Reminder]:
    from gwdesk.store.report_models import AnnualReport  # the two flags, not the report decoded (issue 25)

    today = ctx.today()
    due = due_report(today)
    prof = ctx.profile()
    if due is None or prof is None:
        return []
    year, deadline = due
    stored = (AnnualReport.select(AnnualReport.frozen, AnnualReport.sent)
              .where((AnnualReport.unit == prof.name) & (AnnualReport.year == year)).tuples().first())
    if stored is not None and stored[1]:
        return []
    state = "尚未开始" if stored is None else ("已定稿，尚未标记报送" if stored[0] else "正在填写")
    days = (deadline - today).days
    if days < 0:
        return [Reminder("report", "overdue", deadline,
                         f"【年度报告】{year}年度报告应于{deadline:%Y年%m月%d日}前公开，已逾期{-days}天（{state}）", str(year))]
    sev = "today" if days == 0 else "soon"
    when = "今日" if days == 0 else f"还剩{days}天"
    return [Reminder("report", sev, deadline,
                     f"【年度报告】{year}年度报告须于{deadline:%Y年%m月%d日}前公开（{when}，{state}）", str(year))]
