"""Stored forms: 编号 per year, the status machine, saving rules, autosave recovery, figures, reminders."""

from __future__ import annotations

from locations import TESTS

import copy
import json
from pathlib import Path

import pytest

from gwdesk.core import formdef
from gwdesk.core.review import drafts, forms, reminders, stats, validate, workflow
from gwdesk.errors import GwdeskError, ValidationFailed

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL

SAMPLE = json.loads((TESTS / "fixtures/review/sample_form.json").read_text("utf-8"))


def make(ctx, **changes):
    v = copy.deepcopy(SAMPLE["values"])
    v.update(changes)
    return forms.create(ctx, v, copy.deepcopy(SAMPLE["signoffs"]))


def test_numbers_are_sequential_per_year(ctx):
    a, b = make(ctx), make(ctx)
    c = forms.create(ctx, {"title": "明年的"}, year=2027)
    assert (a.number, b.number, c.number) == ("2026-001", "2026-002", "2027-001")
    assert a.status == "草稿" and a.values["number"] == "2026-001"
    assert a.values["doc_number"] == "青民发〔2026〕12号"  # normalised on save


def test_number_of_a_deleted_last_draft_is_reused_and_stays_unique(ctx):
    a = make(ctx)
    b = make(ctx)
    forms.delete(b.id)
    assert make(ctx).number == "2026-002"
    assert a.number == "2026-001"


def test_forward_refused_listing_what_is_missing(ctx):
    f = forms.create(ctx, {"title": "关于做好冬季救助工作的通知", "attribute": "不予公开"})
    with pytest.raises(ValidationFailed) as e:
        workflow.transition(f.id, "submit")
    assert "缺少：文种" in e.value.problems
    assert "缺少：不予公开（删减）理由" in e.value.problems
    assert "缺少：文件标题" not in e.value.problems
    assert forms.get(f.id).status == "草稿"


def test_full_path_and_history(ctx):
    f = make(ctx)
    for action, status in (("submit", "待审核"), ("approve", "已审定")):
        f = workflow.transition(f.id, action)
        assert f.status == status
    with pytest.raises(ValidationFailed) as e:
        workflow.transition(f.id, "publish")
    assert e.value.problems == ["缺少：实际公开日期", "缺少：网址或位置", "缺少：解读是否同步发布",
                                "缺少签发意见：发布登记"]
    f.values.update(published_date="2026-11-20", url="http://www.cnqc.gov.cn/art/2026/11/20/1.html",
                    interp_published=True)
    f.signoffs["publisher"] = {"choice": "已发布", "signer": "李晓梅", "date": "2026-11-20"}
    forms.save(ctx, f)
    f = workflow.transition(f.id, "publish")
    assert f.status == "已公开"
    assert [(h.from_status, h.to_status) for h in forms.history(f.id)] == [
        ("草稿", "待审核"), ("待审核", "已审定"), ("已审定", "已公开")]
    # a published item is not moved again; it may be revised or withdrawn by a form of its own
    assert [a.key for a in workflow.allowed_actions(f)] == ["revise", "withdraw"]


def test_return_keeps_reason_and_goes_back_to_draft(ctx):
    f = make(ctx)
    workflow.transition(f.id, "submit")
    with pytest.raises(ValidationFailed):
        workflow.transition(f.id, "return", "  ")
    f = workflow.transition(f.id, "return", "内容概述不准确，请重新概括")
    assert f.status == "草稿"
    assert workflow.last_return_reason(f.id) == "内容概述不准确，请重新概括"


def test_void_and_no_edits_after(ctx):
    f = make(ctx)
    f = workflow.transition(f.id, "void", "重复登记")
    assert f.status == "作废"
    with pytest.raises(GwdeskError):
        forms.save(ctx, f)
    with pytest.raises(GwdeskError):
        workflow.transition(f.id, "submit")


def test_wrong_source_status_refused(ctx):
    f = make(ctx)
    with pytest.raises(GwdeskError, match="处于“草稿”状态，不能审定"):
        workflow.transition(f.id, "approve")


def test_withheld_documents_are_registered_not_published(ctx):
    """A 不予公开 document ends with its own 登记 (into the 不予公开政府信息登记表), status 已登记, and needs no
    实际公开日期 or 网址 (issue 21 item 5)."""
    f = make(ctx, attribute="不予公开", reasons=["art16_internal"], channels=[], column=None, planned_date=None,
             summary="")
    workflow.transition(f.id, "submit")
    f = workflow.transition(f.id, "approve")
    assert [(a.key, a.label) for a in workflow.allowed_actions(f)] == [
        ("publish", "登记不予公开"), ("return", "退回修改"), ("void", "作废")]
    assert validate.check(formdef.load(), f.values, f.signoffs, "publish").ok
    f = workflow.transition(f.id, "publish")
    assert f.status == "已登记" and workflow.allowed_actions(f) == []


def test_saving_a_submitted_form_may_not_break_it(ctx):
    f = workflow.transition(make(ctx).id, "submit")
    f.values["title"] = ""
    with pytest.raises(ValidationFailed) as e:
        forms.save(ctx, f)
    assert e.value.problems == ["缺少：文件标题"]
    assert forms.get(f.id).title.startswith("青川县民政局")


def test_only_drafts_deleted(ctx):
    f = workflow.transition(make(ctx).id, "submit")
    with pytest.raises(GwdeskError):
        forms.delete(f.id)


def test_list_search_filters_and_counts(ctx):
    a = make(ctx)
    make(ctx, title="关于印发《青川县临时救助实施细则》的通知", drafter="周敏", dept="社会事务股",
         doc_number="青民规〔2026〕2号")
    workflow.transition(a.id, "submit")
    assert [r.number for r in forms.list_forms(search="周敏")] == ["2026-002"]
    assert [r.number for r in forms.list_forms(search="青民规")] == ["2026-002"]
    assert [r.number for r in forms.list_forms(search="最低生活")] == ["2026-001"]
    assert [r.number for r in forms.list_forms(dept="社会事务股")] == ["2026-002"]
    assert [r.number for r in forms.list_forms(status="待审核", year=2026)] == ["2026-001"]
    assert forms.list_forms(year=2025) == []
    counts = forms.counts_by_status(2026)
    assert counts == {"草稿": 1, "待审核": 1, "已审定": 0, "已公开": 0, "已登记": 0, "作废": 0}


def test_autosave_recovery(ctx):
    f = make(ctx)
    key = drafts.key_for(f.id)
    typed = dict(f.values, title="改了一半的标题")
    drafts.autosave(key, typed, {}, form_id=f.id)
    drafts.autosave(drafts.key_for(None, "w1"), {"title": "新建未保存"})
    # "crash": nothing saved; reopening finds the drafts
    got = drafts.pending(key)
    assert got.values["title"] == "改了一半的标题" and got.form_id == f.id
    assert {d.key for d in drafts.pending_all()} == {key, "new:w1"}
    drafts.discard(key)
    assert drafts.pending(key) is None


def test_an_unanswered_normative_is_stored_listed_and_counted_as_such(ctx):
    """Schema 15: 是否行政规范性文件 not answered stays None in the column and the list (not 否), 送审 refuses it
    naming the field, and the annual count (是 only) leaves it out — on both engines."""
    from gwdesk.store.review_models import ReviewForm
    a = make(ctx, normative=None)
    b = make(ctx, normative=False)
    c = make(ctx)  # 是
    assert [ReviewForm.get_by_id(f.id).normative for f in (a, b, c)] == [None, False, True]
    listed = {r.id: r.normative for r in forms.list_forms()}
    assert (listed[a.id], listed[b.id], listed[c.id]) == (None, False, True)
    with pytest.raises(ValidationFailed) as e:
        workflow.transition(a.id, "submit")
    assert "缺少：是否行政规范性文件" in e.value.problems
    answered = forms.get(a.id)
    answered.values["normative"] = False  # the clerk answers 否
    forms.save(ctx, answered)
    assert ReviewForm.get_by_id(a.id).normative is False
    for f in (b, c):
        workflow.transition(f.id, "submit")
        workflow.transition(f.id, "approve")
    ReviewForm.update(status="已审定", normative=None).where(ReviewForm.id == a.id).execute()
    assert stats.normative_docs_issued(2026) == 1  # c alone: neither 否 nor 未填 counts


def test_normative_docs_issued_counts_signed_off_by_document_year(ctx):
    a = make(ctx)                                   # normative, doc_date 2026-11-10
    workflow.transition(a.id, "submit")
    workflow.transition(a.id, "approve")
    b = make(ctx)                                   # still draft → not counted
    c = make(ctx, normative=False)
    workflow.transition(c.id, "submit")
    workflow.transition(c.id, "approve")       # not normative
    d = make(ctx, doc_date="2025-12-30", planned_date="2026-01-05")
    workflow.transition(d.id, "submit")
    workflow.transition(d.id, "approve")       # 2025 document
    assert stats.normative_docs_issued(2026) == 1
    assert stats.normative_docs_issued(2025) == 1
    workflow.transition(a.id, "void", "文件撤回")
    assert stats.normative_docs_issued(2026) == 0
    assert b.status == "草稿"


def test_reminders_for_approved_forms_past_planned_date(ctx):
    a = make(ctx, planned_date="2026-11-18")
    workflow.transition(a.id, "submit")
    workflow.transition(a.id, "approve")
    b = make(ctx, planned_date="2026-11-20")
    workflow.transition(b.id, "submit")
    workflow.transition(b.id, "approve")
    make(ctx, planned_date="2026-11-12")  # draft: no reminder
    got = reminders.collect(ctx)
    assert [(r.severity, r.ref) for r in got] == [("overdue", str(a.id)), ("today", str(b.id))]
    assert "2026-001" in got[0].text and "已过" in got[0].text
    assert workflow.overdue_to_publish("已审定", "主动公开", "2026-11-18", ctx.today())
    assert not workflow.overdue_to_publish("已审定", "不予公开", "2026-11-18", ctx.today())
