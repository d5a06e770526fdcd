"""Ledger screen, editor, holiday table and import dialogs, offscreen."""

import datetime as dt

import openpyxl
import pytest

from applications_support import actx  # noqa: F401
from gwdesk.core import workdays as wd
from gwdesk.core.applications import demo
from gwdesk.store.applications_models import Application, Step

D = dt.date


@pytest.fixture
def page(actx, qtbot, alerts_log):
    from gwdesk.ui.applications.page import Page
    demo.load(actx)
    p = Page(actx)
    qtbot.addWidget(p)
    return p


def _texts(model, col):
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_ledger_masks_until_asked_and_colours_due_dates(page, alerts_log):
    from PySide6.QtCore import Qt
    from gwdesk.ui.common.table_model import OVERDUE, SOON
    m = page.model
    assert m.rowCount() == Application.select().count()
    person = Application.select().where(Application.applicant_type == "自然人").first()
    names = _texts(m, 4)
    assert person.applicant_name not in names and any("*" in n for n in names)
    numbers = _texts(m, 0)
    overdue_row = next(r for r in range(m.rowCount()) if m.tone(m.row_at(r)) == "overdue")
    soon_row = next(r for r in range(m.rowCount()) if m.tone(m.row_at(r)) == "soon")
    assert m.index(overdue_row, 7).data(Qt.ForegroundRole).color() == OVERDUE
    assert m.index(soon_row, 7).data(Qt.ForegroundRole).color() == SOON
    assert m.index(overdue_row, 8).data().startswith("逾期")
    # refusing the confirmation keeps names masked
    alerts_log.clear()
    from gwdesk.ui.common import alerts
    alerts.responder = lambda kind, title, text: False
    page.reveal_box.setChecked(True)
    assert not page.reveal_box.isChecked() and person.applicant_name not in _texts(m, 4)
    alerts.responder = lambda kind, title, text: True
    page.reveal_box.setChecked(True)
    assert person.applicant_name in _texts(m, 4)
    assert len(numbers) == len(set(numbers))


def test_due_list_and_filters(page):
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()  # the ledger first, the due list right after it
    due = [page.due_model.row_at(r) for r in range(page.due_model.rowCount())]
    assert [r.severity for r in due] == ["overdue", "today", "soon"]
    page.state.setCurrentText("逾期")
    assert page.model.rowCount() == 1 and page.model.tone(page.model.row_at(0)) == "overdue"
    page.state.setCurrentText("待补正")
    assert page.model.rowCount() == 1
    page.state.setCurrentText("全部")
    page.year.setCurrentIndex(page.year.findData(2025))
    assert all(page.model.row_at(r).received.startswith("2025-") for r in range(page.model.rowCount()))
    page.year.setCurrentIndex(0)
    page.applicant_type.setCurrentIndex(page.applicant_type.findData("法律服务机构"))
    assert {page.model.row_at(r).applicant_type for r in range(page.model.rowCount())} == {"法律服务机构"}
    page.applicant_type.setCurrentIndex(0)
    page.search.setText("区划")
    assert page.model.rowCount() >= 1 and all("区划" in page.model.row_at(r).content
                                              for r in range(page.model.rowCount()))
    assert "共" in page.summary.text()


def test_search_short_and_long_needles_and_a_change_is_found_at_once(page, actx):
    from gwdesk.core.applications import ledger

    def numbers():
        return sorted(page.model.row_at(r).number for r in range(page.model.rowCount()))

    every = sorted(a.number for a in Application.select())
    prefix = every[0][:-1]  # e.g. "2026-00": several applications share it
    want_prefix = [n for n in every if prefix in n]
    assert len(want_prefix) > 1
    page.search.setText(prefix)  # the trigram index
    assert numbers() == want_prefix
    page.search.setText(every[0])
    assert numbers() == [every[0]]
    page.search.setText(prefix)
    assert numbers() == want_prefix
    page.model.sort(0)  # a new sort order keeps the search
    assert numbers() == want_prefix
    page.search.setText("")
    assert numbers() == every
    page.search.setText("20")  # under 3 characters: a plain scan finds the same
    assert numbers() == sorted(a.number for a in Application.select() if any(
        "20" in v for v in (a.number, a.applicant_name, a.content, a.reply_number)))
    added = ledger.create(dict(number=next(prefix + str(d) for d in range(10) if prefix + str(d) not in every),
                               received=D(2026, 11, 2), channel="网络",
                               applicant_type="自然人", applicant_name="李四", content="公租房分配名单"))
    page.search.setText(prefix)
    page.reload()  # after a change the rows are read again, and the search with them
    assert numbers() == sorted(want_prefix + [added.number])
    page.search.setText("租房分配")  # the new row's text is in the index (a trigger keeps it)
    assert numbers() == [added.number]
    ledger.update(added, {"content": "廉租住房名单"})
    page.reload()
    assert numbers() == []
    page.search.setText("_%")  # LIKE's wildcards are plain characters
    assert numbers() == []


def test_register_in_editor(actx, qtbot, alerts_log):
    from gwdesk.ui.applications.editor import ApplicationDialog
    dlg = ApplicationDialog(actx)
    qtbot.addWidget(dlg)
    assert dlg.number.text() == "2026-001"
    dlg.applicant_name.setText("王建国")
    dlg.id_number.setText("110105194912310021")
    assert "校验位" in dlg.id_check.text()
    dlg.content.setPlainText("2026年低保标准")
    assert dlg.save_registration() is False
    assert alerts_log[-1][0] == "warn" and "校验位" in alerts_log[-1][2]
    dlg.id_number.setText("11010519491231002X")
    assert "校验通过" in dlg.id_check.text()
    assert dlg.save_registration() is True
    a = Application.get(Application.number == "2026-001")
    assert a.applicant_name == "王建国" and a.received == actx.today() and a.channel == "网络"


def test_editor_steps_reply_and_cases(actx, qtbot, alerts_log):
    from gwdesk.ui.applications.editor import ApplicationDialog, CaseDialog, StepDialog
    from gwdesk.core.applications import ledger
    a = ledger.create(dict(number="2026-050", received=D(2026, 11, 2), channel="邮寄", applicant_type="自然人",
                           applicant_name="李秀英", content="养老补贴名单"))
    dlg = ApplicationDialog(actx, a)
    qtbot.addWidget(dlg)
    assert "2026-11-30" in dlg.status.text()  # 20 working days after 11-02
    sd = StepDialog(dlg.app, actx.today(), dlg)
    qtbot.addWidget(sd)
    sd.kind.setCurrentText("延期")
    sd.days.setValue(10)
    sd.save()
    assert "批准人" in alerts_log[-1][2] and not Step.select().exists()
    sd.approver.setText("张志华")
    sd.save()
    assert Step.get().days == 10
    dlg.refresh_status()
    assert "2026-12-14" in dlg.status.text() and dlg.steps_model.rowCount() == 1
    dlg.outcome.setCurrentIndex(dlg.outcome.findData("3.3.4"))
    dlg.reply_date.set_value(D(2026, 11, 20))
    dlg.reply_number.setText("青民依申复〔2026〕50号")
    assert dlg.save_reply() is False and "理由" in alerts_log[-1][2]
    dlg.reason.setPlainText("公开会损害第三方合法权益")
    assert dlg.save_reply() is True
    assert "已办结" in dlg.status.text() and Application.get_by_id(a.id).outcome == "3.3.4"
    cd = CaseDialog(dlg.app, actx.today(), dlg)
    qtbot.addWidget(cd)
    cd.kind.setCurrentText("复议")
    cd.save()
    dlg.refresh_status()
    assert dlg.cases_model.rowCount() == 1 and dlg.changed


def test_holiday_dialog_saves_a_year(actx, qtbot, alerts_log):
    from gwdesk.ui.applications.holidays import HolidayDialog
    dlg = HolidayDialog(actx, year=2027)
    qtbot.addWidget(dlg)
    assert "周一至周五" in dlg.coverage.text()
    dlg.day.set_value(D(2027, 1, 1))
    dlg.note.setText("元旦")
    dlg.add_row()
    dlg.day.set_value(D(2026, 12, 31))
    dlg.add_row()
    assert alerts_log[-1][0] == "warn" and dlg.model.rowCount() == 1
    dlg.save()
    assert not wd.is_workday(D(2027, 1, 1)) and "按本表" in dlg.coverage.text()
    assert wd.coverage_warning(D(2027, 6, 1)) and not dlg.complete.isChecked()  # one date is not the year
    dlg.complete.setChecked(True)
    dlg.save()
    assert wd.coverage_warning(D(2027, 6, 1)) is None and "已完整录入" in dlg.coverage.text()
    dlg.year.setValue(2028)
    assert not dlg.complete.isChecked()


def test_import_dialog_mapping_preview_and_rejection(actx, qtbot, tmp_path, alerts_log):
    from gwdesk.ui.applications.import_dialog import ImportDialog
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["收件编号", "日期", "申请人", "类别", "事项"])
    ws.append(["Q-1", "2026-03-02", "王建国", "个人", "低保名单"])
    ws.append(["Q-2", "2026-03-33", "李秀英", "个人", "救助标准"])
    path = tmp_path / "in.xlsx"
    wb.save(path)
    dlg = ImportDialog(path)
    qtbot.addWidget(dlg)
    assert dlg.mapping()["number"] == 0 and dlg.mapping()["applicant_type"] == 3
    assert "received" not in dlg.mapping()
    dlg.combos["received"].setCurrentIndex(dlg.combos["received"].findData(1))
    dlg.combos["content"].setCurrentIndex(dlg.combos["content"].findData(4))
    assert dlg.preview.model().index(0, 2).data() == "2026-03-02"
    dlg.do_import()
    kind, title, text = alerts_log[-1]
    assert kind == "error" and "第3行“日期”" in text and not Application.select().exists()
    ws["B3"] = "2026-03-03"
    wb.save(path)
    dlg2 = ImportDialog(path)
    qtbot.addWidget(dlg2)
    dlg2.combos["received"].setCurrentIndex(dlg2.combos["received"].findData(1))
    dlg2.combos["content"].setCurrentIndex(dlg2.combos["content"].findData(4))
    dlg2.do_import()
    assert dlg2.imported == 2 and Application.select().count() == 2


def test_export_from_page(page, tmp_path, alerts_log):
    out = tmp_path / "x.xlsx"
    assert page.export_to(out) == Application.select().count()
    assert alerts_log[-1][0] == "info" and out.exists()


def test_sorting_by_due_date_keeps_selection_mapping(page):
    from PySide6.QtCore import Qt
    page.table.sortByColumn(7, Qt.AscendingOrder)
    first = page.model.row_at(0)
    assert page.model.tone(first) == "overdue"
    page.table.selectRow(0)
    assert page.selected_app_id() == first.id


def test_figures_dialog_locks_a_year(page, qtbot, alerts_log):
    from gwdesk.core.applications import aggregate
    from gwdesk.ui.applications.figures import FiguresDialog
    dlg = FiguresDialog(page.ctx, year=2025)
    qtbot.addWidget(dlg)
    t3 = aggregate.table3(2025)
    assert dlg.t3.rowCount() == 25 and dlg.t3.index(0, 7).data() == str(t3["1"][6])
    assert dlg.t3.index(0, 0).data().startswith("1  一、本年新收")
    dlg.toggle_lock()
    assert aggregate.is_frozen(2025) and "锁定" in dlg.state.text() and dlg.lock_button.text() == "解除锁定…"
    a = Application.select().where(Application.closed.is_null(False),
                                   Application.received.year == 2025).first()
    Application.update(outcome="3.6.3" if a.outcome != "3.6.3" else "3.1").where(Application.id == a.id).execute()
    dlg.load()
    assert "锁定后台账有改动" in dlg.diffs.text()
    dlg.toggle_lock()
    assert not aggregate.is_frozen(2025)


def test_editor_notes_a_locked_year(page, qtbot):
    from gwdesk.core.applications import aggregate
    from gwdesk.ui.applications.editor import ApplicationDialog
    aggregate.freeze(2025)
    a = Application.select().where(Application.received.year == 2025).first()
    dlg = ApplicationDialog(page.ctx, a)
    qtbot.addWidget(dlg)
    assert "2025年统计数据已锁定" in dlg.status.text()


def test_step_dates_are_typed_in_every_written_form(actx, qtbot, alerts_log):
    """Issue 21 item 7: 补正到达日期 and 补正期限 take 2026-10-30, 20261030, 2026.10.30, 2026/10/30 and 10月30日, may
    stay empty, show nothing but what is typed, and their calendar opens at the step's own date."""
    from PySide6.QtCore import QDate, Qt
    from PySide6.QtTest import QTest

    from gwdesk.core.applications import ledger
    from gwdesk.ui.applications.editor import StepDialog
    from ui_support import type_text
    a = ledger.create(dict(number="2026-051", received=D(2026, 10, 9), channel="邮寄", applicant_type="自然人",
                           applicant_name="李秀英", content="养老补贴名单"))
    sd = StepDialog(a, actx.today(), None)
    qtbot.addWidget(sd)
    sd.show()
    sd.activateWindow()
    qtbot.waitUntil(sd.isActiveWindow)
    QTest.keyClick(sd.kind, Qt.Key_Home)  # 补正
    assert sd.kind.currentText() == "补正"
    assert sd.ended.text() == "" and sd.deadline.text() == ""  # empty, no （未填） to type around
    started = sd.started.edit
    started.setFocus()
    started.selectAll()
    QTest.keyClicks(started, "2026.10.12")
    assert sd.started.value() == D(2026, 10, 12)
    # the calendar of an empty 补正期限 opens at the step's date, not at 一月 2000
    sd.deadline.open_calendar()
    assert sd.deadline.calendar.selectedDate() == QDate(2026, 10, 12)
    assert (sd.deadline.calendar.yearShown(), sd.deadline.calendar.monthShown()) == (2026, 10)
    sd.deadline.menu.close()
    for typed in ("2026-10-30", "20261030", "2026.10.30", "2026/10/30", "10月30日"):
        sd.deadline.edit.setFocus()
        sd.deadline.edit.clear()
        type_text(sd.deadline.edit, typed)
        assert sd.deadline.edit.text() == typed and sd.deadline.value() == D(2026, 10, 30), typed
        QTest.keyClick(sd.deadline.edit, Qt.Key_Tab)  # leaving the field writes it the one way
        assert sd.deadline.edit.text() == "2026-10-30"
    # a text that is no date is refused with the field's name, and nothing is stored
    sd.ended.edit.setFocus()
    type_text(sd.ended.edit, "10月32日")
    sd.save()
    assert alerts_log[-1][0] == "warn" and "补正到达日期" in alerts_log[-1][2] and not Step.select().exists()
    sd.ended.edit.clear()  # 补正 not yet arrived: empty is fine
    sd.save()
    s = Step.get()
    assert (s.kind, s.started, s.ended, s.deadline) == ("补正", D(2026, 10, 12), None, D(2026, 10, 30))


def test_a_day_picked_in_the_calendar_is_written_and_committed(actx, qtbot):
    from PySide6.QtCore import QDate

    from gwdesk.ui.common.date_line import DateField
    f = DateField(optional=True, today=lambda: D(2026, 11, 20))
    qtbot.addWidget(f)
    got = []
    f.committed.connect(got.append)
    f.open_calendar()
    assert f.calendar.selectedDate() == QDate(2026, 11, 20)  # today, nothing typed, nothing related
    f.calendar.clicked.emit(QDate(2026, 12, 3))
    assert f.text() == "2026-12-03" and got == [D(2026, 12, 3)]


def test_the_fee_explanation_is_never_cut_off(actx, qtbot):
    """Issue 21 item 12: the 收费 step's explanation (its longest) shows whole above 添加/取消."""
    from PySide6.QtWidgets import QDialogButtonBox

    from gwdesk.core.applications import ledger
    from gwdesk.ui.applications.steps import StepDialog
    a = ledger.create(dict(number="2026-052", received=D(2026, 11, 2), channel="邮寄", applicant_type="自然人",
                           applicant_name="李秀英", content="养老补贴名单"))
    sd = StepDialog(a, actx.today(), None)
    qtbot.addWidget(sd)
    sd.show()
    buttons = sd.findChild(QDialogButtonBox)
    for kind, method in (("补正", "按件"), ("收费", "按件"), ("收费", "按量"), ("延期", "按件"), ("收费", "按量")):
        sd.kind.setCurrentText(kind)
        sd.fee_method.setCurrentText(method)
        qtbot.wait(1)
        need = sd.hint.heightForWidth(sd.hint.width())
        assert sd.hint.height() >= need, (kind, sd.hint.height(), need)
        assert sd.hint.geometry().bottom() < buttons.geometry().top(), kind

