"""Import service and tracking on a real store: all-or-nothing, re-import in place, status, notes, evidence."""

from locations import TESTS

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from gwdesk import paths
from gwdesk.core.tasks import overview, service, tracking
from gwdesk.errors import ImportRejected, ValidationFailed
from gwdesk.io import tasklist
from gwdesk.store.tasks_models import Task, TaskList

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL

F = TESTS / "fixtures" / "tasks"


def _import(lp_profile, name="lp2021.xlsx", **kw):
    return service.import_parsed(tasklist.read(F / name, **kw), profile=lp_profile)


def test_import_saves_list_and_tasks(ctx, lp_profile):
    r = _import(lp_profile)
    assert r.created and r.total == 18 and len(r.new) == 18
    tl = TaskList.get_by_id(r.list_id)
    assert (tl.issuer, tl.year, tl.title, tl.file_name) == ("梁平区", 2021, "梁平区2021年政务公开任务清单", "lp2021.xlsx")
    assert tl.issued_on == dt.date(2021, 5, 31) and tl.labels["measure"] == "贯彻举措"
    t15 = Task.get(Task.seq == "15")
    assert (t15.auto_role, t15.due_date, t15.deadline_kind) == ("牵头", dt.date(2021, 6, 30), "date")
    t11 = Task.get(Task.seq == "11")
    assert (t11.recurrence, t11.due_date) == ("monthly:8", None)
    assert Task.get(Task.seq == "14").due_date == dt.date(2021, 8, 31)  # 3个月内 from 2021-05-31
    assert Task.get(Task.seq == "2").resp_units == ["区发展改革委", "区民政局", "区政府有关部门"]


def test_unsure_mapping_is_not_saved(ctx, lp_profile):
    parsed = tasklist.read(F / "multi_sheet.xlsx", sheet="补充任务")
    with pytest.raises(ImportRejected, match="列的对应关系不确定"):
        service.import_parsed(parsed, profile=lp_profile, issuer="梁平区", year=2021)
    assert Task.select().count() == 0 and TaskList.select().count() == 0
    r = service.import_parsed(parsed, profile=lp_profile, issuer="梁平区民政", year=2021, accept_unsure=True)
    assert r.total == 3 and Task.select().where(Task.auto_role == "牵头").count() == 3


def test_import_is_all_or_nothing(ctx, lp_profile, monkeypatch):
    parsed = tasklist.read(F / "lp2021.xlsx")
    calls = {"n": 0}
    real = service._insert

    def failing(list_id, values, now):  # the disk fills up after a few rows went in
        calls["n"] += 1
        real(list_id, values[:3], now)
        assert Task.select().count() == 3
        raise RuntimeError("disk full")
    monkeypatch.setattr(service, "_insert", failing)
    with pytest.raises(RuntimeError):
        service.import_parsed(parsed, profile=lp_profile)
    monkeypatch.setattr(service, "_insert", real)
    assert calls["n"] == 1
    assert TaskList.select().count() == 0 and Task.select().count() == 0


def test_missing_issuer_or_year_refused(ctx, lp_profile):
    parsed = tasklist.read(F / "lp2021.xlsx")
    parsed.issuer, parsed.year = "", None
    with pytest.raises(ImportRejected) as e:
        service.import_parsed(parsed, profile=lp_profile)
    assert "下发单位" in e.value.message and "年度" in e.value.message
    assert TaskList.select().count() == 0


def test_reimport_updates_in_place_and_keeps_progress(ctx, lp_profile):
    today = ctx.today()
    first = _import(lp_profile)
    t2 = Task.get(Task.seq == "2")
    t3 = Task.get(Task.seq == "3")
    tracking.set_status(t2.id, "推进中", today=today)
    tracking.add_note(t2.id, "已公开专项规划目录", noted_on=dt.date(2021, 7, 2), today=today)
    tracking.set_role(t3.id, "责任")
    tracking.set_status(t3.id, "已完成", done_on=dt.date(2021, 11, 30), today=today)
    r = _import(lp_profile, "lp2021_revised.xlsx")
    assert not r.created and r.list_id == first.list_id
    assert r.new == ["19 依申请公开规范化"]
    assert r.changed == ["3 国土空间规划公开"]
    assert r.gone == ["17 政务公开培训"]
    assert r.unchanged == 16
    t2b, t3b = Task.get_by_id(t2.id), Task.get_by_id(t3.id)
    assert t2b.status == "推进中" and len(tracking.notes(t2.id)) == 1
    assert (t3b.status, t3b.role, t3b.done_on) == ("已完成", "责任", dt.date(2021, 11, 30))
    assert t3b.measure.endswith("同步公开规划图件。") and t3b.due_date == dt.date(2021, 11, 30)
    gone = Task.get(Task.seq == "17")
    assert gone.removed_at is not None
    assert len(tracking.tasks(first.list_id)) == 18
    assert TaskList.get_by_id(first.list_id).revision == 2
    # importing the original again brings the dropped row back with nothing lost
    r2 = _import(lp_profile)
    assert r2.new == [] and "17 政务公开培训" in r2.changed and r2.gone == ["19 依申请公开规范化"]


def test_status_and_overdue_derived(ctx, lp_profile):
    _import(lp_profile)
    t = Task.get(Task.seq == "15")
    assert tracking.display_status(t, dt.date(2021, 7, 1)) == "逾期"
    assert tracking.display_status(t, dt.date(2021, 6, 30)) == "未启动"
    tracking.set_status(t.id, "已完成", done_on=dt.date(2021, 6, 28), today=dt.date(2021, 7, 1))
    assert tracking.display_status(Task.get_by_id(t.id), dt.date(2021, 7, 1)) == "已完成"
    with pytest.raises(ValidationFailed):
        tracking.set_status(t.id, "逾期", today=dt.date(2021, 7, 1))
    with pytest.raises(ValidationFailed):
        tracking.set_status(t.id, "已完成", done_on=dt.date(2021, 8, 1), today=dt.date(2021, 7, 1))
    tracking.set_status(t.id, "推进中", today=dt.date(2021, 7, 1))
    assert Task.get_by_id(t.id).done_on is None


def test_clerk_due_date_for_unparsed_deadline(ctx, lp_profile):
    _import(lp_profile)
    t = Task.get(Task.seq == "6")  # 长期坚持
    assert tracking.effective_due(t, dt.date(2021, 7, 1)) is None
    tracking.set_due(t.id, dt.date(2021, 12, 20))
    assert tracking.effective_due(Task.get_by_id(t.id), dt.date(2021, 7, 1)) == dt.date(2021, 12, 20)


def test_notes_validated(ctx, lp_profile):
    _import(lp_profile)
    t = Task.get(Task.seq == "2")
    with pytest.raises(ValidationFailed):
        tracking.add_note(t.id, "  ", noted_on=ctx.today(), today=ctx.today())
    with pytest.raises(ValidationFailed):
        tracking.add_note(t.id, "x", noted_on=ctx.today() + dt.timedelta(days=1), today=ctx.today())


def test_evidence_url_path_and_file(ctx, lp_profile, tmp_path, data_dir, engine):
    _import(lp_profile)
    t = Task.get(Task.seq == "15")
    tracking.add_url(t.id, "http://www.qc.gov.cn/zwgk/gkml/mz/2021/0630.html")
    tracking.add_portal_path(t.id, "政府网站>政务公开>政府信息公开目录>公共企事业单位信息公开")
    with pytest.raises(ValidationFailed):
        tracking.add_url(t.id, "www.example")
    src = tmp_path / "截图:6月.png"
    src.write_bytes(b"\x89PNG fake screenshot")
    ev = tracking.add_file(t.id, src)
    stored = tracking.evidence_file(ev)
    # SQLite: the data folder's evidence/; a server: this computer's copy of the file the database keeps
    evidence_root = data_dir / "evidence" if engine == "sqlite" else paths.evidence_dir()
    assert stored.is_file() and stored.parent.parent.parent == evidence_root
    assert ":" not in stored.name
    assert ev.sha256 == hashlib.sha256(b"\x89PNG fake screenshot").hexdigest()
    assert tracking.verify_file(ev)
    stored.write_bytes(b"tampered")
    if engine == "sqlite":
        assert not tracking.verify_file(ev)
    else:  # the database's copy is the file: a changed copy on this computer is read again from it
        assert tracking.verify_file(ev) and stored.read_bytes() == b"\x89PNG fake screenshot"
    items = tracking.evidence(t.id)
    assert [e.kind for e in items] == ["网址", "公开路径", "文件"]
    assert "截图:6月.png" in tracking.evidence_text(items)


def test_overview_counts(ctx, lp_profile):
    _import(lp_profile)
    today = dt.date(2021, 7, 1)
    tracking.set_status(Task.get(Task.seq == "8").id, "已完成", done_on=dt.date(2021, 6, 9), today=today)
    tracking.set_role(Task.get(Task.seq == "16").id, "不涉及")
    o = overview.counts(today)
    assert o.total == 13  # 14 matched rows minus the one the clerk ruled out
    assert o.by_status["已完成"] == 1 and o.by_status["未启动"] == 12
    assert o.overdue == 2  # 1 (6月底前) and 15 (6月底前); 8 is done
    assert o.due_soon == 1  # 11: 每月8日前 → 7月8日
    assert o.by_role == {"可能涉及": 2, "牵头": 1, "责任": 10}
    cats = {c[:2]: (n, d) for c, n, d in o.by_category}
    assert cats["二、"] == (5, 1)


def test_diff_shows_changes_without_saving(ctx, lp_profile):
    _import(lp_profile)
    before = Task.select().count()
    d = service.diff(ctx, tasklist.read(F / "lp2021_revised.xlsx"), profile=lp_profile)
    assert (d.new, d.changed, d.gone) == (["19 依申请公开规范化"], ["3 国土空间规划公开"], ["17 政务公开培训"])
    assert Task.select().count() == before and Task.select().where(Task.removed_at.is_null(False)).count() == 0
    assert TaskList.get().revision == 1


def test_a_task_created_without_units_reads_back_empty_lists(ctx):
    """The JSON fields default to a list (the class's own `list` names the task-list field: before the fix the
    default was that field, SQLite stored the text 'list_id' and reading it failed; PostgreSQL refused it)."""
    tl = TaskList.create(issuer="县政府办", year=2026, imported_at="2026-01-05T09:00:00")
    t = Task.create(list=tl, position=1, task="公开预算", created_at="x", updated_at="x")
    again = Task.get_by_id(t.id)
    assert again.lead_units == [] and again.resp_units == []


def test_another_districts_list_under_the_demo_unit_is_asked_not_matched(ctx, profile):
    # issue 22: the 梁平区 list imported by 青川县民政局 said 自动判断：责任（责任单位“区民政局”）— silently wrong
    _import(profile)
    named = [t for t in Task.select() if "区民政局" in [*t.lead_units, *t.resp_units]]
    assert named
    for t in named:
        assert "单位“区民政局”" not in t.role_reason or t.auto_role == "可能涉及", (t.seq, t.auto_role, t.role_reason)
        if t.auto_role in ("牵头", "责任"):  # only through a group the profile names (区政府各部门)
            assert "包括本单位" in t.role_reason, (t.seq, t.role_reason)
    t15 = Task.get(Task.seq == "15")
    assert t15.auto_role == "可能涉及" and "区民政局" in t15.role_reason and "青川县" in t15.role_reason


def test_the_insert_stores_each_value_as_its_fields_db_value(ctx, lp_profile):
    """The import writes its rows column by column (issue 22's speed): every stored value is what the Task field's
    own db_value makes of the row's value — units as JSON, dates as ISO text, milestones, the role and reason."""
    from gwdesk.store import dialect
    parsed = tasklist.read(F / "lp2021.xlsx")
    rows = service.analyse(parsed, lp_profile, year=parsed.year, issued_on=parsed.issued_on)
    r = service.import_parsed(parsed, profile=lp_profile)
    names = list(service._values(rows[0], 1))
    cur = dialect.run(f"SELECT {', '.join(getattr(Task, n).column_name for n in names)} FROM task "
                      "WHERE list_id = ? ORDER BY position", (r.list_id,))
    stored = [tuple(x) for x in cur.fetchall()]
    want = [tuple(getattr(Task, n).db_value(v) for n, v in service._values(a, i + 1).items())
            for i, a in enumerate(rows)]
    assert stored == want
    kinds = {n: {type(v) for v in col} for n, col in zip(names, zip(*stored))}
    assert kinds["lead_units"] == {str} and kinds["position"] == {int}
    assert any(v for v in next(col for n, col in zip(names, zip(*stored)) if n == "milestones"))
    assert {type(v) for v in next(col for n, col in zip(names, zip(*stored)) if n == "due_date")} == {str, type(None)}
