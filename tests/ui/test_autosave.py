"""Nothing a clerk types is lost: each editor autosaves a draft (timers driven directly), puts it back
after a crash, and asks 保存/放弃/取消 before unsaved typing would be dropped."""

from __future__ import annotations

import datetime as dt

import pytest

from gwdesk.core import drafts
from gwdesk.core.tasks import demo as tasks_demo
from gwdesk.core.tasks import tracking
from gwdesk.store.applications_models import Application
from gwdesk.store.tasks_models import Task

from applications_support import actx  # noqa: F401 - fixture

D = dt.date


# ---- the common store -------------------------------------------------------------------------
def test_draft_store_keys_kinds_and_settles_in_one_transaction(ctx):
    drafts.save("application", None, {"registration": {"applicant_name": "王建国"}})
    drafts.save("task_note", 7, {"text": "已公开"})
    assert drafts.get("application", "new").data["registration"]["applicant_name"] == "王建国"
    assert {(d.kind, d.record) for d in drafts.pending_all()} == {("application", "new"), ("task_note", "7")}
    assert [d.record_id for d in drafts.pending_all(("task_note",))] == [7]
    with pytest.raises(RuntimeError):
        with drafts.settling("task_note", 7):
            raise RuntimeError("the save failed")
    assert drafts.get("task_note", 7) is not None  # nothing settled: the typing is still there
    with drafts.settling("task_note", 7):
        pass
    assert drafts.get("task_note", 7) is None


# ---- 依申请公开 dialog ---------------------------------------------------------------------------
def _new_dialog(actx, qtbot, app=None):
    from gwdesk.ui.applications.editor import ApplicationDialog
    dlg = ApplicationDialog(actx, app)
    qtbot.addWidget(dlg)
    return dlg


def test_new_application_autosaves_and_comes_back_after_a_crash(actx, qtbot, alerts_log):
    dlg = _new_dialog(actx, qtbot)
    assert not dlg.is_dirty()
    dlg.applicant_name.setText("王建国")
    dlg.content.setPlainText("2026年城乡低保标准及调整依据")
    assert dlg.autosaver.timer.isActive() and drafts.get("application", None) is None
    dlg.autosaver.timer.timeout.emit()  # the pause in typing
    assert drafts.get("application", None).data["registration"]["applicant_name"] == "王建国"
    # the process dies here; the next dialog for a new application gets the typing back
    again = _new_dialog(actx, qtbot)
    assert again.applicant_name.text() == "王建国" and "低保标准" in again.content.toPlainText()
    assert again.is_dirty() and "已恢复" in again.status.text()
    again.id_number.setText("11010519491231002X")
    assert again.save_registration()
    assert Application.get(Application.number == "2026-001").applicant_name == "王建国"
    assert drafts.pending_all() == []


def test_focus_leaving_a_field_writes_the_draft(actx, qtbot, alerts_log):
    dlg = _new_dialog(actx, qtbot)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitActive(dlg)
    dlg.applicant_name.setFocus()
    qtbot.waitUntil(dlg.applicant_name.hasFocus)
    dlg.applicant_name.setText("李四")
    assert drafts.get("application", None) is None
    dlg.registration.contact.setFocus()  # focus moves on: no need to wait for the timer
    qtbot.waitUntil(dlg.registration.contact.hasFocus)
    assert drafts.get("application", None).data["registration"]["applicant_name"] == "李四"


@pytest.mark.parametrize("how", ["esc", "close_button"])
def test_leaving_a_dirty_dialog_asks_and_cancel_keeps_it_open(actx, qtbot, alerts_log, how):
    from gwdesk.ui.common import alerts
    dlg = _new_dialog(actx, qtbot)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.applicant_name.setText("王建国")
    alerts.responder = lambda kind, title, text: "cancel"
    if how == "esc":
        from PySide6.QtCore import Qt
        qtbot.keyClick(dlg, Qt.Key_Escape)
    else:
        dlg.close_dialog()
    assert alerts_log[-1][0] == "choose" and "新登记的申请有尚未保存的修改" in alerts_log[-1][2]
    assert dlg.isVisible() and dlg.applicant_name.text() == "王建国"
    alerts.responder = lambda kind, title, text: "discard"
    dlg.close_dialog()
    assert not dlg.isVisible() and drafts.pending_all() == [] and Application.select().count() == 0


def test_save_answer_stores_registration_and_reply_of_an_existing_application(actx, qtbot, alerts_log):
    from gwdesk.core.applications import ledger
    from gwdesk.ui.common import alerts
    a = ledger.create(dict(number="2026-050", received=D(2026, 11, 2), channel="邮寄", applicant_type="自然人",
                           applicant_name="张三", content="本镇低保名单"))
    dlg = _new_dialog(actx, qtbot, a)
    dlg.show()
    dlg.registration.contact.setText("13800000000")
    dlg.outcome.setCurrentIndex(dlg.outcome.findData("3.1"))
    dlg.reply_number.setText("青民依申复〔2026〕50号")
    dlg.autosaver.flush()
    stored = drafts.get("application", a.id).data
    assert stored["registration"]["contact"] == "13800000000" and stored["reply"]["number"].endswith("50号")
    alerts.responder = lambda kind, title, text: "save" if kind == "choose" else True
    dlg.reject()  # Esc
    got = Application.get_by_id(a.id)
    assert got.contact == "13800000000" and got.outcome == "3.1" and got.closed == D(2026, 11, 20)
    assert not dlg.isVisible() and drafts.pending_all() == []


def test_clean_dialog_closes_without_asking(actx, qtbot, alerts_log):
    dlg = _new_dialog(actx, qtbot)
    dlg.show()
    dlg.close_dialog()
    assert not dlg.isVisible() and [k for k, *_ in alerts_log] == []


# ---- 任务进展 ------------------------------------------------------------------------------------
@pytest.fixture
def tasks_page(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.tasks.page import Page
    tasks_demo.load(ctx)
    p = Page(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    return p


def _two_tasks(page):
    shown = [page.proxy.data(page.proxy.index(r, 0), page.model.RowRole) for r in range(page.proxy.rowCount())]
    return shown[0].id, shown[1].id


def test_progress_typing_stays_with_its_task(tasks_page, ctx):
    a, b = _two_tasks(tasks_page)
    d = tasks_page.detail
    assert tasks_page.select_task(a)
    d.note_text.setText("已在政府网站公开规划纲要")
    assert tasks_page.select_task(b)
    assert d.note_text.text() == ""  # never carried over to another task
    d.note_text.setText("第二项的进展")
    assert tasks_page.select_task(a)
    assert d.note_text.text() == "已在政府网站公开规划纲要"
    assert drafts.get("task_note", b).data["text"] == "第二项的进展"
    # a crash now: a new screen puts each task's typing back when the task is selected
    from gwdesk.ui.tasks.page import Page
    d.autosaver.flush()
    again = Page(ctx)
    assert again.select_task(b) and again.detail.note_text.text() == "第二项的进展"


def test_adding_progress_moves_task_and_clears_its_draft(tasks_page):
    t = next(t for t in tracking.tasks() if t.status == "未启动" and t.role != "不涉及")
    assert tasks_page.select_task(t.id)
    d = tasks_page.detail
    d.note_text.setText("已召开专题会议部署")
    d.autosaver.timer.timeout.emit()
    assert drafts.get("task_note", t.id) is not None
    assert d.add_note()
    assert Task.get_by_id(t.id).status == "推进中" and drafts.get("task_note", t.id) is None
    assert d.note_text.text() == ""


def test_refused_progress_keeps_the_typing(tasks_page, alerts_log):
    t = next(t for t in tracking.tasks() if t.role != "不涉及")
    assert tasks_page.select_task(t.id)
    d = tasks_page.detail
    d.note_text.setText("明天的事")
    d.note_date.set_value(dt.date(2027, 1, 5))
    assert d.add_note() is False and alerts_log[-1][0] == "warn"
    assert d.note_text.text() == "明天的事" and tracking.notes(t.id) == []


# ---- 单位信息 -------------------------------------------------------------------------------------
def test_unit_profile_typing_autosaves_and_comes_back(qtbot, ctx, profile, alerts_log):
    from gwdesk.core import units
    from gwdesk.ui.settings.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    assert not p.form.is_dirty() and p.form.unsaved_edits() == ""
    p.form.phone.setText("0839-7209999")
    p.form.departments.setPlainText("办公室\n社会救助股\n养老服务股")
    p.form.autosaver.timer.timeout.emit()
    assert drafts.get("profile", "unit").data["phone"] == "0839-7209999"
    again = Page(ctx)  # after a crash
    qtbot.addWidget(again)
    assert again.form.phone.text() == "0839-7209999" and again.form.is_dirty()
    assert units.load().phone == profile.phone
    again.save_profile()
    assert units.load().phone == "0839-7209999" and units.load().departments[-1] == "养老服务股"
    assert drafts.pending_all() == [] and not again.form.is_dirty()


# ---- 年度报告 text tabs ---------------------------------------------------------------------------
def test_report_text_is_stored_after_a_pause_and_on_close(qtbot, ctx, profile, alerts_log):
    from gwdesk.core import demo
    from gwdesk.core.annual_report import records
    from gwdesk.ui.report.page import Page
    demo.load(ctx)
    p = Page(ctx)
    qtbot.addWidget(p)
    year = p.data.year
    p.texts["problems"].setPlainText("一是公开内容不够全面；二是解读形式单一。")
    assert p._save_timer.isActive()
    p._save_timer.timeout.emit()  # the pause in typing: the report itself is written, no draft needed
    assert records.load(p.unit, year).data.text["problems"].startswith("一是公开内容不够全面")
    p.texts["other"].setPlainText("本年度未收取信息处理费。")
    assert p.can_close()  # closing the window writes what is pending
    again = Page(ctx)
    qtbot.addWidget(again)
    assert again.texts["other"].toPlainText() == "本年度未收取信息处理费。"
