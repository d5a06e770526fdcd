"""Start-up reminders for open applications: 逾期, 今日到期, 即将到期 (within 3 working days)."""

from __future__ import annotations

from gwdesk.core.applications import deadlines as dl
from gwdesk.core.applications import ledger, listing
from gwdesk.core.applications.masking import applicant_display
from gwdesk.core.reminders import Reminder
from gwdesk.store.applications_models import Application

# the columns a reminder and its deadline read (not the requests' text: thousands of rows at start-up)
_READ = (Application.id, Application.number, Application.received, Application.closed, Application.voided,
         Application.void_reason, Application.applicant_type, Application.applicant_name)
_WHAT = {dl.OPEN: "答复", dl.WAIT_THIRD: "答复", dl.WAIT_BUZHENG: "补正期限", dl.WAIT_PAY: "缴费期限"}


def _text(row: ledger.Row, today) -> str:
    a, info = row.app, row.due
    who = applicant_display(a.applicant_name, a.applicant_type)
    what = _WHAT.get(info.state, "答复")
    if row.tone == "overdue":
        days = -dl.wd.workdays_between(today, info.due)
        tail = f"{what}已逾期{days}个工作日（{info.due.isoformat()}到期）"
        if info.suggested_outcome == "3.6.1":
            tail += "，可按“逾期不补正”终止处理"
        elif info.suggested_outcome == "3.6.2":
            tail += "，可按“逾期未缴费”终止处理"
    elif row.tone == "today":
        tail = f"{what}今日到期"
    else:
        tail = f"{what}将于{info.due.isoformat()}到期（还剩{dl.wd.workdays_between(today, info.due)}个工作日）"
    return f"【依申请公开】{a.number} {who} {tail}"


def unreadable(limit: int = 20) -> list[tuple[int, str, str]]:
    """(id, 编号, stored 收到日期) of applications whose 收到日期 is no date at all (the list leaves them out)."""
    from gwdesk.store.dialect import not_a_date, run
    # read from the partial index of just these rows (schema 14): not a test of all 100,000 dates at each start
    sql = f"SELECT id, number, received FROM application WHERE {not_a_date('received')} ORDER BY id LIMIT ?"
    return [(i, n, str(r)) for i, n, r in run(sql, (limit,)).fetchall()]


def collect(ctx) -> list[Reminder]:
    today = ctx.today()
    listing.refresh(today)
    out = [Reminder(section="applications", severity="today", due=None,
                    text=f"【依申请公开】{number} {dl.BAD_DATE}：收到日期“{received[:20]}”无法识别，该申请未列入台账，请核对后改正",
                    ref=str(app_id)) for app_id, number, received in unreadable()]
    # the stored due dates say which rows can remind: compute only those
    for row in ledger.rows(today, open_only=True, where=listing.due_soon(today), fields=_READ):
        if row.due.state == dl.BAD_DATE:
            out.append(Reminder(section="applications", severity="today", due=None,
                                text=f"【依申请公开】{row.app.number} {dl.BAD_DATE}：{row.due.notes[0]}",
                                ref=str(row.app.id)))
        elif row.tone:
            out.append(Reminder(section="applications", severity=row.tone, due=row.due.due,
                                text=_text(row, today), ref=str(row.app.id)))
    return out
