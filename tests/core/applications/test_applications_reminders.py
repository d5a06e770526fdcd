"""今日提醒 for applications: the ones whose stored 收到日期 no date parser reads are named (the ledger's lists leave
them out), found through the partial index of schema 14 (issue 25), open or closed; the rest remind as before."""

from __future__ import annotations

import datetime as dt

import pytest

from applications_support import actx  # noqa: F401
from gwdesk.core.applications import ledger, reminders
from gwdesk.store.dialect import run

pytestmark = pytest.mark.both_engines("slow")


def _app(number: str, received: dt.date, **extra):
    return ledger.create(dict(number=number, received=received, channel="网络", applicant_type="自然人",
                              applicant_name="张小三", content="低保名单", **extra))


@pytest.mark.allow_log_warnings  # the ledger's lists log each such row they leave out (asserted below)
def test_an_application_whose_received_date_is_no_date_is_named_once(actx, caplog):
    good = _app("2026-001", dt.date(2026, 10, 9))  # 答复 due within the 20 working days: overdue by 11-20
    bad_open = _app("2026-002", dt.date(2026, 11, 2))
    bad_closed = _app("2026-003", dt.date(2026, 3, 2), closed=dt.date(2026, 3, 20), outcome="1")
    for a, text in ((bad_open, "2026年13月"), (bad_closed, "三月二日")):  # as a hand-edited or old file may hold
        run("UPDATE application SET received = ? WHERE id = ?", (text, a.id))
    assert [(i, r) for i, _n, r in reminders.unreadable()] == [(bad_open.id, "2026年13月"),
                                                                (bad_closed.id, "三月二日")]
    lines = [r for r in reminders.collect(actx) if r.section == "applications"]
    named = {r.ref: r.text for r in lines if "无法识别" in r.text}
    assert named == {
        str(bad_open.id): "【依申请公开】2026-002 日期有误：收到日期“2026年13月”无法识别，该申请未列入台账，请核对后改正",
        str(bad_closed.id): "【依申请公开】2026-003 日期有误：收到日期“三月二日”无法识别，该申请未列入台账，请核对后改正"}
    assert any(r.ref == str(good.id) and r.severity == "overdue" for r in lines)
    assert "收到日期“2026年13月”无法识别，列表和提醒中略去" in caplog.text


def test_the_check_reads_the_partial_index_not_every_row(actx):
    """On SQLite the planner answers from schema 14's partial indexes (a scan of 100,000 dates before)."""
    from gwdesk.store import dialect
    if dialect.is_pg():
        pytest.skip("PostgreSQL's planner picks by its statistics; the index is there (schema 14)")
    plan = " ".join(str(r[3]) for r in run(
        "EXPLAIN QUERY PLAN SELECT id, number, received FROM application WHERE date(received) IS NULL "
        "ORDER BY id LIMIT 20").fetchall())
    assert "ix_application_unreadable" in plan
    # and the tasks whose milestones are not yet worked out (tracking.fill_milestones, before each 今日提醒)
    from gwdesk.core.tasks import tracking
    plan = " ".join(str(r[3]) for r in run("EXPLAIN QUERY PLAN " + tracking.ANY_MILESTONES_UNREAD))
    assert "ix_task_milestones_unread" in plan
