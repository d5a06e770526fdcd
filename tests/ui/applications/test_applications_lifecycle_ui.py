"""The whole life of a case through the 依申请公开 windows (QTest clicks on the real buttons): 复议/诉讼 cases added,
decided, corrected and voided; a case without an application; 重新答复; voiding an application, also in a locked
year; impossible steps refused with nothing saved; 表四's reading; 从台账取数 before the year is over."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from applications_support import actx  # noqa: F401
from gwdesk.core.applications import aggregate, cases, ledger
from gwdesk.store.applications_models import AppealCase, Application, Reply, Step
from gwdesk.ui.common import alerts

D = dt.date
TODAY = D(2026, 11, 20)


def type_text(widget, text):
    """Chinese arrives as an input method's commit (QTest.keyClicks handles ASCII only)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click(widget):
    assert widget.isVisible() and widget.isEnabled(), widget.text()
    QTest.mouseClick(widget, Qt.LeftButton)


def click_row(view, row):
    index = view.model().index(row, 0)
    QTest.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
    assert view.selectionModel().selectedRows()[0].row() == row


def _app(number="2026-060", received=D(2026, 9, 1), kind="自然人"):
    return ledger.create(dict(number=number, received=received, channel="网络", applicant_type=kind,
                              applicant_name="王秀兰", content="某社区低保审批材料"))


def _dialog(actx, qtbot, app):
    from gwdesk.ui.applications.editor import ApplicationDialog
    dlg = ApplicationDialog(actx, Application.get_by_id(app.id))
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _last(kind):
    return next(text for k, _, text in reversed(alerts.history) if k == kind)


def test_a_case_is_added_decided_corrected_and_voided(actx, qtbot, alerts_log):
    a = _app()
    ledger.reply(a, D(2026, 9, 20), "3.3.5", "青民依申复〔2026〕60号", "属于内部事务信息", today=TODAY)
    dlg = _dialog(actx, qtbot, a)
    dlg.tabs.setCurrentWidget(dlg.cases_tab)
    tab = dlg.cases_tab
    click(tab.add_button)
    cd = tab.case_dialog
    assert cd.isVisible() and "2026-060" in cd.about.text() and cd.outcome.currentText() == "尚未审结"
    cd.kind.setCurrentText("复议")
    cd.filed.set_value(D(2026, 10, 8))
    type_text(cd.number, "青府复〔2026〕8号")
    click(cd.ok_button)
    assert not cd.isVisible() and tab.model.rowCount() == 1
    assert tab.model.index(0, 2).data() == "尚未审结"
    # decided: a 尚未审结 with a date, and a date after today, are refused and change nothing
    click_row(tab.view, 0)
    click(tab.edit_button)
    cd = tab.case_dialog
    assert cd.number.text() == "青府复〔2026〕8号" and cd.ok_button.text() == "保存"
    cd.decided.set_value(D(2026, 11, 10))
    click(cd.ok_button)
    assert "审结日期" in _last("warn") and "尚未审结" in _last("warn") and cd.isVisible()
    cd.outcome.setCurrentText("结果纠正")
    cd.decided.set_value(D(2026, 11, 23))
    click(cd.ok_button)
    assert "审结日期：2026-11-23晚于今天" in _last("warn") and cd.isVisible()
    assert AppealCase.get().result == "尚未审结" and AppealCase.get().decided is None
    cd.decided.set_value(D(2026, 11, 10))
    click(cd.ok_button)
    c = AppealCase.get()
    assert (c.result, c.decided) == ("结果纠正", D(2026, 11, 10)) and not cd.isVisible()
    assert aggregate.table4(2026)["review"] == [0, 1, 0, 0, 1]
    click_row(tab.view, 0)
    assert "审结" in tab.history.text() and "结果 尚未审结 → 结果纠正" in tab.history.text()
    # corrected: the case number mistyped
    click(tab.edit_button)
    tab.case_dialog.number.setText("青府复决〔2026〕8号")
    click(tab.case_dialog.ok_button)
    assert AppealCase.get().case_number == "青府复决〔2026〕8号"
    # voided: a reason is required, the case stays listed as 已作废, 表四 no longer counts it
    click_row(tab.view, 0)
    click(tab.void_button)
    vd = tab.void_dialog
    click(vd.ok_button)
    assert "作废原因" in _last("warn") and vd.isVisible() and not AppealCase.get().voided
    type_text(vd.reason_edit, "误将信访复查登记为复议")
    click(vd.ok_button)
    assert AppealCase.select().count() == 1 and AppealCase.get().void_reason == "误将信访复查登记为复议"
    assert tab.model.index(0, 2).data() == "已作废（误将信访复查登记为复议）"
    assert aggregate.table4(2026)["review"] == [0] * 5
    click_row(tab.view, 0)
    assert not tab.edit_button.isEnabled() and not tab.void_button.isEnabled()
    actions = [dlg.history_model.row_at(r).action for r in range(dlg.history_model.rowCount())]
    assert actions == ["审结", "修改案件", "作废案件"]


def test_a_case_without_an_application_is_entered_on_its_own(actx, qtbot, alerts_log):
    from gwdesk.ui.applications.cases import CasesWindow
    a = _app()
    ledger.reply(a, D(2026, 9, 20), "3.1", "青民依申复〔2026〕60号", today=TODAY)
    cases.add(a, "复议", D(2026, 10, 1), today=TODAY)
    win = CasesWindow(actx)
    qtbot.addWidget(win)
    win.show()
    panel = win.panel
    assert panel.model.rowCount() == 1 and panel.model.index(0, 5).data() == "2026-060"
    click(panel.add_button)
    cd = panel.case_dialog
    assert "不对应本台账中的申请" in cd.about.text()
    cd.kind.setCurrentText("未经复议直接起诉")
    cd.filed.set_value(D(2026, 8, 3))
    cd.outcome.setCurrentText("结果维持")
    cd.decided.set_value(D(2026, 11, 2))
    type_text(cd.number, "（2026）川0822行初3号")
    type_text(cd.note, "对主动公开内容提起的诉讼")
    click(cd.ok_button)
    alone = AppealCase.get(AppealCase.case_number == "（2026）川0822行初3号")
    assert alone.application_id is None and alone.result == "结果维持" and win.changed
    shown = {panel.model.index(r, 4).data(): panel.model.index(r, 5).data() for r in range(panel.model.rowCount())}
    assert shown == {"": "2026-060", "（2026）川0822行初3号": "（单独登记）"}
    assert aggregate.table4(2026)["litigation_direct"] == [1, 0, 0, 0, 1]


def test_a_second_answer_is_recorded_and_the_first_still_counts(actx, qtbot, alerts_log):
    a = _app(received=D(2025, 11, 3))
    dlg = _dialog(actx, qtbot, a)
    t = dlg.reply_tab
    dlg.tabs.setCurrentWidget(t)
    assert t.reply_button.isEnabled() and not t.re_reply_button.isEnabled()
    t.reply_date.set_value(D(2025, 11, 20))
    t.outcome.setCurrentIndex(t.outcome.findData("3.1"))
    type_text(t.reply_number, "青民依申复〔2025〕60号")
    click(t.reply_button)
    assert Application.get_by_id(a.id).closed == D(2025, 11, 20)
    assert not t.reply_button.isEnabled() and t.re_reply_button.isEnabled() and t.replies.rowCount() == 1
    # seen under Xvfb: 记录重新答复 with the fields still showing the first answer recorded that same answer again
    click(t.re_reply_button)
    assert "与上一次答复相同" in _last("warn") and Reply.select().count() == 1 and t.replies.rowCount() == 1
    # after a 复议 correction: answered again in 2026 — a date after today first
    t.reply_date.set_value(D(2026, 11, 24))
    t.outcome.setCurrentIndex(t.outcome.findData("3.2"))
    t.reply_number.setText("青民依申复〔2026〕12号")
    t.reason.setPlainText("部分内容涉及个人隐私，区分处理")
    click(t.re_reply_button)
    assert "重新答复日期：2026-11-24晚于今天" in _last("warn") and Reply.select().count() == 1
    t.reply_date.set_value(D(2026, 3, 2))
    click(t.re_reply_button)
    stored = Application.get_by_id(a.id)
    assert (stored.closed, stored.outcome, stored.reply_number) == (D(2025, 11, 20), "3.1", "青民依申复〔2025〕60号")
    assert [(t.replies.index(r, 0).data(), t.replies.index(r, 4).data()) for r in range(2)] == [
        ("答复", "2025年表三"), ("重新答复", "不重复计算")]
    assert "重新答复" in dlg.status.text() and "不重复计入表三" in dlg.status.text()
    assert aggregate.table3(2025)["3.1"][6] == 1 and aggregate.table3(2026)["3.2"][6] == 0
    assert aggregate.table3(2026)["1"][6] == 0 and aggregate.table3(2026)["2"][6] == 0
    # 撤销办结 would throw the counted answer away: refused now that a 重新答复 exists
    click(t.reopen_button)
    assert "重新答复" in _last("warn") and Application.get_by_id(a.id).closed == D(2025, 11, 20)


@pytest.fixture
def ledger_page(actx, qtbot, alerts_log):
    from gwdesk.ui.applications.page import Page
    p = Page(actx)
    qtbot.addWidget(p)
    p.show()
    return p


def test_voiding_a_duplicate_keeps_it_listed_and_counts_it_nowhere(actx, qtbot, alerts_log, ledger_page):
    first = _app("2026-061", D(2026, 10, 9))
    dup = _app("2026-062", D(2026, 10, 9))
    assert aggregate.table3(2026)["1"][0] == 2
    dlg = _dialog(actx, qtbot, dup)
    assert dlg.void_button.text() == "作废申请…"
    click(dlg.void_button)
    type_text(dlg.void_dialog.reason_edit, "与2026-061重复登记")
    click(dlg.void_dialog.ok_button)
    stored = Application.get_by_id(dup.id)
    assert stored.voided and stored.void_reason == "与2026-061重复登记" and dlg.changed
    assert "已作废" in dlg.status.text() and dlg.void_button.text() == "恢复申请…"
    assert not dlg.reply_tab.reply_button.isEnabled()
    assert aggregate.table3(2026)["1"][0] == 1 and aggregate.table3(2026)["4"][0] == 1
    ledger_page.reload()
    states = {ledger_page.model.row_at(r).number: ledger_page.model.row_at(r).state
              for r in range(ledger_page.model.rowCount())}
    assert states == {"2026-061": "办理中", "2026-062": "已作废"}
    m = ledger_page.model
    grey = next(r for r in range(m.rowCount()) if m.row_at(r).number == "2026-062")
    assert m.index(grey, 0).data(Qt.ForegroundRole).color().name() == "#9e9e9e"
    assert "共 2 件，未办结 1 件" in ledger_page.summary.text() and "已作废 1 件" in ledger_page.summary.text()
    ledger_page.state.setCurrentText("未办结")
    assert [ledger_page.model.row_at(r).number for r in range(ledger_page.model.rowCount())] == ["2026-061"]
    ledger_page.state.setCurrentText("已作废")
    assert [ledger_page.model.row_at(r).number for r in range(ledger_page.model.rowCount())] == ["2026-062"]
    assert ledger_page.due_model.rowCount() <= 1 and all(
        "2026-062" not in ledger_page.due_model.row_at(r).text for r in range(ledger_page.due_model.rowCount()))
    # restored, as visibly
    click(dlg.void_button)
    assert not Application.get_by_id(dup.id).voided and aggregate.table3(2026)["1"][0] == 2
    ledger_page.state.setCurrentText("全部")
    ledger_page.reload()
    assert [ledger_page.model.row_at(r).state for r in range(ledger_page.model.rowCount())] == ["办理中", "办理中"]
    actions = [dlg.history_model.row_at(r).action for r in range(dlg.history_model.rowCount())]
    assert actions == ["作废", "恢复"] and first.id != dup.id


def test_voiding_in_a_locked_year_names_the_cells_and_waits_for_the_clerk(actx, qtbot, alerts_log):
    _app("2025-070", D(2025, 5, 6))
    dup = _app("2025-071", D(2025, 5, 6), kind="商业企业")
    aggregate.freeze(2025)
    dlg = _dialog(actx, qtbot, dup)
    asked = []
    alerts.responder = lambda kind, title, text: asked.append(text) or (kind != "ask")
    click(dlg.void_button)
    type_text(dlg.void_dialog.reason_edit, "重复登记")
    click(dlg.void_dialog.ok_button)
    assert len(asked) == 1 and "2025年" in asked[0] and "表三“一、本年新收”商业企业 1→0" in asked[0]
    assert "表三“四、结转下年度”商业企业 1→0" in asked[0]
    assert not Application.get_by_id(dup.id).voided and aggregate.table3(2025)["1"] == [1, 1, 0, 0, 0, 0, 2]
    alerts.responder = lambda kind, title, text: True
    click(dlg.void_button)
    type_text(dlg.void_dialog.reason_edit, "重复登记")
    click(dlg.void_dialog.ok_button)
    assert Application.get_by_id(dup.id).voided
    locked = aggregate.table3(2025)
    assert locked.frozen and locked["1"] == [1, 0, 0, 0, 0, 0, 1] and locked["4"] == [1, 0, 0, 0, 0, 0, 1]
    assert "作废申请2025-071" in aggregate.FrozenYear.get_by_id(2025).note


def test_impossible_steps_are_refused_in_the_window(actx, qtbot, alerts_log):
    a = _app(received=D(2026, 10, 5))
    ledger.add_step(a, "补正", D(2026, 10, 8), deadline=D(2026, 11, 30), today=TODAY)
    dlg = _dialog(actx, qtbot, a)
    t = dlg.reply_tab
    dlg.tabs.setCurrentWidget(t)
    t.reply_date.set_value(D(2026, 11, 20))
    t.outcome.setCurrentIndex(t.outcome.findData("3.6.1"))
    click(t.reply_button)
    assert "补正期限2026-11-30尚未届满" in _last("warn") and Application.get_by_id(a.id).closed is None
    t.outcome.setCurrentIndex(t.outcome.findData("3.1"))
    t.reply_number.setText("青民依申复〔2026〕61号")
    t.reply_date.set_value(D(2026, 11, 21))
    click(t.reply_button)
    assert "答复日期：2026-11-21晚于今天（2026-11-20）" in _last("warn") and Application.get_by_id(a.id).closed is None
    t.reply_date.set_value(D(2026, 11, 20))
    t.outcome.setCurrentIndex(t.outcome.findData("3.4.3"))
    t.reply_number.setText("青民依申复〔2026〕61号")
    t.reason.setPlainText("补正后仍不明确")
    click(t.reply_button)
    assert "补正后申请内容仍不明确" in _last("warn") and "补正尚未到达" in _last("warn")
    assert Application.get_by_id(a.id).closed is None and not Reply.select().exists()
    # a fee notice dated after today, from the step dialog
    from gwdesk.ui.applications.steps import StepDialog
    b = _app("2026-063", D(2026, 10, 5))
    sd = StepDialog(b, TODAY, dlg)
    qtbot.addWidget(sd)
    sd.show()
    sd.kind.setCurrentText("收费")
    sd.fee_method.setCurrentText("按量")
    sd.pages.setValue(300)
    sd.started.set_value(D(2026, 11, 27))
    from PySide6.QtWidgets import QDialogButtonBox
    click(sd.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok))
    assert "收费通知日期：2026-11-27晚于今天" in _last("warn") and not Step.select().where(Step.application == b).exists()


def test_table4_reading_is_a_setting_and_an_unfinished_year_says_so(actx, qtbot, alerts_log):
    from gwdesk.ui.applications.figures import FiguresDialog
    cases.add(None, "复议", D(2025, 10, 9), today=TODAY)
    c = AppealCase.get()
    cases.update(c, today=TODAY, result="结果维持", decided=D(2026, 2, 3))
    dlg = FiguresDialog(actx, year=2026)
    qtbot.addWidget(dlg)
    dlg.show()
    assert "2026年尚未结束" in dlg.state.text() and "按提起年度" in dlg.table4_note.text()
    assert dlg.t4.index(0, 1).data() == "0"
    dlg.table4_mode.setFocus()
    QTest.keyClick(dlg.table4_mode, Qt.Key_Down)  # the second reading
    assert dlg.table4_mode.currentData() == aggregate.FILED_OR_DECIDED
    assert aggregate.table4_mode() == aggregate.FILED_OR_DECIDED
    assert dlg.t4.index(0, 1).data() == "1" and "按提起或审结年度" in dlg.table4_note.text()
    dlg.year.setValue(2025)
    assert "尚未结束" not in dlg.state.text() and dlg.t4.index(0, 4).data() == "1"  # 2025: 尚未审结 at 12-31


def test_fill_before_the_year_ends_warns(ctx, profile, qtbot, alerts_log):
    from gwdesk.ui.report.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    p.show()
    p.year_box.setCurrentIndex(p.year_box.findData(2026))
    alerts_log.clear()
    click(p.fill_btn)
    warned = [text for kind, _, text in alerts_log if kind == "warn"]
    assert len(warned) == 1 and "2026年尚未结束（今天是2026-11-20）" in warned[0]
    assert "按提起年度" in p.sources["table4"]
    p.year_box.setCurrentIndex(p.year_box.findData(2025))
    alerts_log.clear()
    click(p.fill_btn)
    assert [kind for kind, _, _ in alerts_log][-1] == "info" and "尚未结束" not in alerts_log[-1][2]
