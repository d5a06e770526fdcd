"""Two clerks at once, as two connections in two threads, on SQLite and on PostgreSQL: the numbering race gives
distinct 编号, a double transition moves a form once, an edit conflict is told (nothing lost), a long operation's
named lock tells the other clerk who holds it."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from gwdesk.core.applications import ledger
from gwdesk.core.review import forms, workflow
from gwdesk.errors import ConflictError, GwdeskError, OperationBusy
from gwdesk.store import concurrency
from gwdesk.store.base import db
from gwdesk.store.review_models import ReviewForm, ReviewStatusLog

pytestmark = pytest.mark.both_engines

D = dt.date


def two_clerks(*jobs, timeout=60):
    """Run each job in its own thread (its own connection), started together; their results or exceptions."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except BaseException as e:  # noqa: BLE001 - the caller asserts on it
            results[i] = e
        finally:
            db.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    assert not any(t.is_alive() for t in threads), "a clerk is still waiting"
    return results


def _submitted(ctx) -> forms.Form:
    from gwdesk.core.review import demo
    f = forms.create(ctx, demo.complete_values() if hasattr(demo, "complete_values") else None)
    ReviewForm.update(status=forms.PENDING).where(ReviewForm.id == f.id).execute()
    return forms.get(f.id)


def test_two_clerks_creating_forms_at_once_get_distinct_numbers(ctx):
    def clerk():
        return [forms.create(ctx, {"title": f"文件{i}"}).number for i in range(5)]

    a, b = two_clerks(clerk, clerk)
    assert not isinstance(a, BaseException) and not isinstance(b, BaseException), (a, b)
    numbers = a + b
    assert sorted(numbers) == [f"2026-{i:03d}" for i in range(1, 11)]  # no duplicate, no gap


def test_two_clerks_registering_at_once_get_distinct_application_numbers(ctx):
    def clerk(name):
        return lambda: [ledger.create(dict(received=D(2026, 11, 2), channel="网络", applicant_type="自然人",
                                           applicant_name=f"{name}{i}", content="预算"), auto_number=True).number
                        for i in range(4)]

    a, b = two_clerks(clerk("甲"), clerk("乙"))
    assert not isinstance(a, BaseException) and not isinstance(b, BaseException), (a, b)
    assert sorted(a + b) == [f"2026-{i:03d}" for i in range(1, 9)]


def test_approve_and_return_at_once_move_the_form_once(ctx):
    f = _submitted(ctx)
    ReviewForm.update(status=forms.PENDING).where(ReviewForm.id == f.id).execute()
    approve = lambda: workflow.transition(f.id, "void", "重复登记", seen_status=forms.PENDING)  # noqa: E731
    back = lambda: workflow.transition(f.id, "return", "请补充依据", seen_status=forms.PENDING)  # noqa: E731
    results = two_clerks(approve, back)
    errors = [r for r in results if isinstance(r, BaseException)]
    assert len(errors) == 1 and isinstance(errors[0], ConflictError), results
    assert "已被其他同事处理" in errors[0].message
    log = list(ReviewStatusLog.select().where(ReviewStatusLog.form == f.id))
    assert len(log) == 1 and log[0].from_status == forms.PENDING
    assert forms.get(f.id).status == log[0].to_status


def test_a_transition_from_a_status_no_longer_shown_is_refused(ctx):
    f = _submitted(ctx)
    workflow.transition(f.id, "return", "请补充", seen_status=forms.PENDING)  # clerk A
    with pytest.raises(ConflictError) as e:  # clerk B still sees 待审核
        workflow.transition(f.id, "void", "作废", seen_status=forms.PENDING)
    assert "现为“草稿”" in e.value.message
    assert ReviewStatusLog.select().where(ReviewStatusLog.form == f.id).count() == 1


def test_an_edit_conflict_is_told_with_the_differences_and_nothing_is_lost(ctx):
    f = forms.create(ctx, {"title": "关于冬季救助的通知", "dept": "社会救助股"})
    mine, theirs = forms.get(f.id), forms.get(f.id)

    def clerk_a():
        theirs.values["title"] = "关于做好冬季救助工作的通知"
        return forms.save(ctx, theirs)

    (saved,) = two_clerks(clerk_a)
    assert not isinstance(saved, BaseException) and saved.version == f.version + 1
    mine.values["dept"] = "办公室"
    with pytest.raises(ConflictError) as e:
        forms.save(ctx, mine)
    stored = forms.get(f.id)
    assert stored.values["title"] == "关于做好冬季救助工作的通知" and stored.values["dept"] == "社会救助股"
    diffs = {label: (m, t) for label, m, t in e.value.differences}
    assert diffs["文件标题"] == ("关于冬季救助的通知", "关于做好冬季救助工作的通知")
    assert diffs[next(k for k in diffs if "科室" in k)] == ("办公室", "社会救助股")
    # 以我的为准: saved over theirs, knowingly
    mine.version = e.value.current.version
    kept = forms.save(ctx, mine)
    assert kept.values["dept"] == "办公室" and kept.version == stored.version + 1


def test_two_clerks_saving_one_form_at_once_one_wins_one_is_told(ctx):
    f = forms.create(ctx, {"title": "原标题"})
    copies = [forms.get(f.id), forms.get(f.id)]

    def clerk(i):
        def save():
            copies[i].values["title"] = f"第{i}位同事的标题"
            return forms.save(ctx, copies[i])
        return save

    results = two_clerks(clerk(0), clerk(1))
    errors = [r for r in results if isinstance(r, BaseException)]
    assert len(errors) == 1 and isinstance(errors[0], ConflictError), results
    won = next(r for r in results if not isinstance(r, BaseException))
    assert forms.get(f.id).values["title"] == won.values["title"]


def test_a_saved_form_is_returned_as_stored_and_its_audit_entry_names_the_change(ctx):
    """forms.save hands back the stored form without reading it again: it must equal what a read gives, and the
    audit entry (the values the one-statement update replaced, on PostgreSQL) names exactly what changed."""
    from gwdesk.store import audit
    f = forms.create(ctx, {"title": "关于冬季救助的通知", "dept": "社会救助股", "doc_date": "2026-11-02"})
    f.values["title"] = "关于做好冬季救助工作的通知"
    saved = forms.save(ctx, f)
    assert saved == forms.get(f.id) and saved.version == f.version + 1
    at, by, table, row, action, before, after = audit.entries("review_form", f.id)[0]
    assert (table, row, action) == ("review_form", str(f.id), "修改")
    import json
    before, after = json.loads(before), json.loads(after)
    assert before["title"] == "关于冬季救助的通知" and after["title"] == "关于做好冬季救助工作的通知"
    assert "dept" not in before and "doc_date" not in after  # unchanged columns (a date among them) are not listed
    saved.values["dept"] = "办公室"
    again = forms.save(ctx, saved)  # the returned copy saves again at its version: no false conflict
    assert again == forms.get(f.id) and again.values["dept"] == "办公室"
    # an application's dates are dates both sides: an unchanged 收到日期 is no change
    a = ledger.create(dict(number="2026-001", received=D(2026, 11, 2), channel="网络", applicant_type="自然人",
                           applicant_name="张三", content="低保名单"))
    ledger.update(a, {"note": "电话确认"})
    before, after = (json.loads(x) for x in audit.entries("application", a.id)[0][5:])
    assert (before, after) == ({"note": ""}, {"note": "电话确认"})


def test_an_application_edited_by_two_clerks(ctx):
    a = ledger.create(dict(number="2026-001", received=D(2026, 11, 2), channel="网络", applicant_type="自然人",
                           applicant_name="张三", content="预算"))
    mine = type(a).get_by_id(a.id)
    theirs = type(a).get_by_id(a.id)
    ledger.update(theirs, {"content": "2025年度预算执行情况"})
    with pytest.raises(ConflictError):
        ledger.update(mine, {"contact": "13800000000"})
    stored = type(a).get_by_id(a.id)
    assert stored.content == "2025年度预算执行情况" and stored.contact == ""
    ledger.reply(theirs, D(2026, 11, 10), "3.1", reply_number="复1")  # the reply moves it on too
    with pytest.raises(ConflictError):
        ledger.reopen(mine)


def test_the_unit_profile_and_a_task_keep_their_versions(ctx, profile):
    from gwdesk.core import units
    seen = units.version()
    units.save(profile, seen_version=seen)
    with pytest.raises(ConflictError):
        units.save(profile, seen_version=seen)
    assert units.version() == seen + 1


def test_a_long_operation_tells_the_other_clerk_who_holds_it(ctx):
    inside, leave = threading.Event(), threading.Event()

    def holder():
        with concurrency.held("tasks.import:县政府办:2026", "任务清单导入", holder="张三@PC-1"):
            inside.set()
            leave.wait(30)
        return "done"

    def other():
        inside.wait(30)
        try:
            with concurrency.held("tasks.import:县政府办:2026", "任务清单导入", holder="李四@PC-2"):
                return "ran"
        finally:
            leave.set()

    first, second = two_clerks(holder, other)
    assert first == "done"
    assert isinstance(second, OperationBusy) and second.holder == "张三@PC-1"
    assert "任务清单导入正由 张三@PC-1 进行" in second.message
    with concurrency.held("tasks.import:县政府办:2026", "任务清单导入"):  # free again
        # on a server the holder is written for the other clerks to read; one gwdesk per SQLite file writes nothing
        assert db.execute_sql("SELECT COUNT(*) FROM op_lock").fetchone()[0] == (1 if concurrency.is_pg() else 0)
    assert db.execute_sql("SELECT COUNT(*) FROM op_lock").fetchone()[0] == 0


def test_freezing_a_year_while_another_clerk_freezes_it(ctx):
    from gwdesk.core.applications import aggregate
    inside, leave = threading.Event(), threading.Event()

    def holder():
        with concurrency.held("applications.freeze:2025", "锁定", holder="张三@PC-1"):
            inside.set()
            leave.wait(30)

    def other():
        inside.wait(30)
        try:
            aggregate.freeze(2025)
        finally:
            leave.set()

    _, second = two_clerks(holder, other)
    assert isinstance(second, OperationBusy) and "张三@PC-1" in second.message
    assert not aggregate.is_frozen(2025)
    aggregate.freeze(2025)
    with pytest.raises(GwdeskError, match="已经锁定"):
        aggregate.freeze(2025)


def test_each_clerks_autosaved_typing_is_their_own(ctx, engine, monkeypatch):
    from gwdesk.core import drafts as store_drafts
    from gwdesk.core.review import drafts
    from gwdesk.store.review_models import ReviewDraft
    f = forms.create(ctx, {"title": "原标题"})
    monkeypatch.setattr(store_drafts, "who", lambda: "zhang@PC-1")
    drafts.autosave(drafts.key_for(f.id), {"title": "张三打的字"}, form_id=f.id)
    monkeypatch.setattr(store_drafts, "who", lambda: "li@PC-2")
    drafts.autosave(drafts.key_for(f.id), {"title": "李四打的字"}, form_id=f.id)
    assert drafts.pending(drafts.key_for(f.id)).values["title"] == "李四打的字"
    if engine == "postgresql":  # a 单位共享数据库: side by side, each offered only their own
        assert ReviewDraft.select().count() == 2
        assert [d.values["title"] for d in drafts.pending_all()] == ["李四打的字"]
        monkeypatch.setattr(store_drafts, "who", lambda: "zhang@PC-1")
        assert drafts.pending(drafts.key_for(f.id)).values["title"] == "张三打的字"
        drafts.discard(drafts.key_for(f.id))
        assert ReviewDraft.select().count() == 1
    else:  # SQLite: one clerk per data folder, the key as it always was
        assert [r.key for r in ReviewDraft.select()] == [f"form:{f.id}"]
