"""A 时限 cell with several dates: the last closes the task, an earlier one reminds on its own."""

from __future__ import annotations

import datetime as dt

import pytest

from gwdesk.core.tasks import reminders, service, tracking
from gwdesk.core.tasks.parsed import ParsedList, ParsedTask
from gwdesk.store.tasks_models import Task

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL


def _import(profile):
    tasks = [ParsedTask(row=3, position=1, seq="1", task="公开财政预决算",
                        deadline_text="2021年2月公布预算，2021年8月公布决算"),
             ParsedTask(row=4, position=2, seq="2", task="公开政府工作报告", deadline_text="2021年8月底前")]
    parsed = ParsedList(file="清单.xlsx", sheet="Sheet1", title="2021年政务公开任务清单", issuer="某区", year=2021,
                        tasks=tasks)
    service.import_parsed(parsed, profile=profile)
    Task.update(auto_role="牵头").execute()
    return Task.get(Task.seq == "1"), Task.get(Task.seq == "2")


def test_milestone_reminds_before_the_due_date(ctx, profile):
    t1, t2 = _import(profile)
    assert (t1.due_date, tracking.milestones(t1)) == (dt.date(2021, 8, 31), (dt.date(2021, 2, 28),))
    assert tracking.milestones(t2) == ()
    ctx.today = lambda: dt.date(2021, 2, 24)
    got = reminders.collect(ctx)
    assert [(r.severity, r.due, r.ref) for r in got] == [("soon", dt.date(2021, 2, 28), str(t1.id))]
    assert "阶段节点4天后到期（2021-02-28" in got[0].text
    ctx.today = lambda: dt.date(2021, 2, 28)
    assert [r.severity for r in reminders.collect(ctx)] == ["today"]


def test_the_import_keeps_each_tasks_milestones(ctx, profile, monkeypatch):
    """Schema 10: the milestones are stored with the task, so 今日提醒 parses no 时限 text at each start."""
    t1, t2 = _import(profile)
    assert (t1.milestones, t2.milestones) == ("2021-02-28", "")
    from gwdesk.core.tasks import deadlines

    def no_parsing(*a, **kw):
        raise AssertionError("a 时限 text was parsed again")
    monkeypatch.setattr(deadlines, "parse", no_parsing)
    ctx.today = lambda: dt.date(2021, 2, 24)
    assert [(r.due, r.ref) for r in reminders.collect(ctx)] == [(dt.date(2021, 2, 28), str(t1.id))]


def test_tasks_stored_before_schema_10_get_their_milestones_once(ctx, profile, monkeypatch):
    """A database upgraded to schema 10 has no milestones yet (NULL): the first reminders read them from the text
    as the import does and keep them; a later start reads them back."""
    t1, t2 = _import(profile)
    Task.update(milestones=None).execute()
    ctx.today = lambda: dt.date(2021, 2, 24)
    assert [(r.due, r.ref) for r in reminders.collect(ctx)] == [(dt.date(2021, 2, 28), str(t1.id))]
    assert [t.milestones for t in Task.select().order_by(Task.seq)] == ["2021-02-28", ""]
    assert tracking.fill_milestones() == 0
    from gwdesk.core.tasks import deadlines
    monkeypatch.setattr(deadlines, "parse", lambda *a, **kw: 1 / 0)
    assert [(r.due, r.ref) for r in reminders.collect(ctx)] == [(dt.date(2021, 2, 28), str(t1.id))]


def test_a_stored_milestone_that_is_no_date_is_left_out(ctx, profile):
    t1, _ = _import(profile)
    Task.update(milestones="2021-02-30,2021-03-10").where(Task.id == t1.id).execute()
    assert tracking.milestones(Task.get_by_id(t1.id)) == (dt.date(2021, 3, 10),)


def test_passed_milestone_or_clerks_date_no_longer_reminds(ctx, profile):
    t1, _ = _import(profile)
    ctx.today = lambda: dt.date(2021, 3, 5)
    assert reminders.collect(ctx) == []  # the milestone passed; the task's own date is months away
    ctx.today = lambda: dt.date(2021, 2, 24)
    Task.update(due_override=dt.date(2021, 10, 31)).where(Task.id == t1.id).execute()
    assert reminders.collect(ctx) == []  # the clerk's own date replaces the list's dates


def test_detail_panel_shows_the_milestones(qtbot, ctx, profile):
    from gwdesk.ui.tasks.detail import DetailPanel
    t1, t2 = _import(profile)
    d = DetailPanel(ctx)
    qtbot.addWidget(d)
    d.show_task(t1.id)
    assert d.deadline.text() == "2021年2月公布预算，2021年8月公布决算\n阶段节点：2021-02-28"
    d.show_task(t2.id)
    assert d.deadline.text() == "2021年8月底前"


def test_preview_carries_milestones_and_the_check_flag():
    from gwdesk.core.tasks import service as svc
    parsed = ParsedList(file="清单.xlsx", sheet="Sheet1", year=2021, tasks=[
        ParsedTask(row=3, position=1, seq="1", task="公开预决算", deadline_text="2021年2月公布预算，2021年8月公布决算"),
        ParsedTask(row=4, position=2, seq="2", task="公开报告", deadline_text="8月前")])
    a, b = (x.as_dict() for x in svc.analyse(parsed))
    assert (a["due_date"], a["milestones"], a["deadline_flag"]) == ("2021-08-31", ["2021-02-28"], None)
    assert (b["due_date"], b["milestones"], b["deadline_flag"]) == ("2021-07-31", [], "before-month")
