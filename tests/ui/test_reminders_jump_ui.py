"""今日提醒: a double-click on a line (or Enter on the selected one) opens its section AND shows the record it names —
the 意见单 row, the task row, the ledger row of the application, the annual report of that year — clearing a
filter that hid it (and saying so), and saying plainly when the record is gone. Driven with real clicks and keys on
the dialog's list (issue: the line opened the section only)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest

from gwdesk.core import demo as core_demo
from gwdesk.core.reminders import Reminder
from gwdesk.ui.main_window import ReminderModel


@pytest.fixture
def demo(ctx, profile):
    core_demo.load(ctx)
    return ctx


def _window(qtbot, ctx):
    from gwdesk.ui.main_window import MainWindow
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 740)
    w.show()
    qtbot.waitExposed(w)
    return w


def _reminders(qtbot, w):
    dlg = w.show_reminders(always=True)
    assert dlg is not None
    qtbot.addWidget(dlg)
    qtbot.waitExposed(dlg)
    return dlg


def _line(dlg, section: str, n: int = 0) -> QModelIndex:
    model = dlg.list.model()
    found = [model.index(r) for r in range(model.rowCount()) if model.index(r).data(Qt.UserRole) == section]
    assert len(found) > n, [model.index(r).data() for r in range(model.rowCount())]
    return found[n]


def _double_click(dlg, index: QModelIndex) -> None:
    """A real double-click at the line's place: the first click's press and release, then the double-click."""
    dlg.list.scrollTo(index)
    where = dlg.list.visualRect(index).center()
    QTest.mouseClick(dlg.list.viewport(), Qt.LeftButton, Qt.NoModifier, where)
    QTest.mouseDClick(dlg.list.viewport(), Qt.LeftButton, Qt.NoModifier, where)


def _enter_on(dlg, index: QModelIndex) -> None:
    """The line picked with a click, then Enter pressed in the list."""
    dlg.list.scrollTo(index)
    QTest.mouseClick(dlg.list.viewport(), Qt.LeftButton, Qt.NoModifier, dlg.list.visualRect(index).center())
    assert dlg.list.currentIndex().row() == index.row()
    QTest.keyClick(dlg.list, Qt.Key_Return)


def _in_sight(view) -> bool:
    """The current row is drawn inside the list's viewport (scrolled to, not just selected off-screen)."""
    rect = view.visualRect(view.currentIndex())
    return rect.isValid() and view.viewport().rect().intersects(rect)


def test_double_click_shows_the_form_and_clears_the_search_that_hid_it(qtbot, demo, alerts_log):
    w = _window(qtbot, demo)
    w.open_section("review")
    page = w.page("review")
    QTest.keyClicks(page.search, "zzzz")  # the clerk's search leaves every form out
    assert page.model.rowCount() == 0
    dlg = _reminders(qtbot, w)
    line = _line(dlg, "review")
    ref = line.data(ReminderModel.RefRole)
    number = line.data().split("】", 2)[2].split("《")[0]  # 【已逾期】【公开审查】2026-013《…》…
    _double_click(dlg, line)
    assert not dlg.isVisible() and w.current_section() == "review"
    assert page.search.text() == "" and page.selected_ids() == [int(ref)]
    assert page.selected_rows()[0].number == number and _in_sight(page.table)
    assert page.counts.text().startswith(f"已清除搜索和筛选，以显示意见单 {number}。")
    assert w.focusWidget() is page.table  # the arrows go on from the row once the window is active again


def test_double_click_on_a_form_already_listed_leaves_the_filters_alone(qtbot, demo):
    w = _window(qtbot, demo)
    dlg = _reminders(qtbot, w)
    line = _line(dlg, "review", 1)
    _double_click(dlg, line)
    page = w.page("review")
    assert page.selected_ids() == [int(line.data(ReminderModel.RefRole))]
    assert "已清除" not in page.counts.text()


def test_enter_shows_the_task_in_its_list_with_its_panel(qtbot, demo):
    w = _window(qtbot, demo)
    w.open_section("tasks")
    page = w.page("tasks")
    page.status_filter.setCurrentText("已完成")  # hides every task that can be overdue
    dlg = _reminders(qtbot, w)
    line = _line(dlg, "tasks")
    task_id = int(line.data(ReminderModel.RefRole))
    assert task_id not in {page.proxy.data(page.proxy.index(r, 0), page.model.RowRole).id
                           for r in range(page.proxy.rowCount())}
    _enter_on(dlg, line)
    assert not dlg.isVisible() and w.current_section() == "tasks"
    assert page.selected_task_id() == task_id and page.selected_task_ids() == [task_id] and _in_sight(page.view)
    assert page.status_filter.currentText() == "全部" and page.count_label.text().endswith("（已清除筛选）")
    assert page.detail.task is not None and page.detail.task.id == task_id  # its panel beside the list


def test_double_click_selects_the_ledger_row_of_the_application_under_the_clerks_sort(qtbot, demo):
    w = _window(qtbot, demo)
    w.open_section("applications")
    page = w.page("applications")
    header = page.table.horizontalHeader()
    col = 4  # 申请人: an order the reminders' order has nothing to do with
    QTest.mouseClick(header.viewport(), Qt.LeftButton, Qt.NoModifier,
                     QPoint(header.sectionViewportPosition(col) + 10, header.height() // 2))
    QTest.keyClicks(page.search, "no-such-applicant")
    assert page.model.rowCount() == 0
    dlg = _reminders(qtbot, w)
    for n in range(3):  # each of the demo's three lines, each from a ledger filtered or not
        line = _line(dlg, "applications", n) if dlg.isVisible() else None
        if line is None:
            dlg = _reminders(qtbot, w)
            line = _line(dlg, "applications", n)
        ref = int(line.data(ReminderModel.RefRole))
        number = line.data().split("】", 2)[2].split(" ")[0]
        _double_click(dlg, line)
        assert w.current_section() == "applications"
        assert page.selected_app_id() == ref and _in_sight(page.table)
        assert page.model.row_at(page.table.currentIndex().row()).number == number
        assert page.search.text() == ""
    assert header.sortIndicatorSection() == col  # the clerk's sort kept


def test_enter_shows_the_annual_report_of_the_year_due(qtbot, store, data_dir, profile):
    from gwdesk.context import AppContext
    ctx = AppContext(store=store, data_dir=data_dir, today=lambda: dt.date(2027, 1, 10))
    w = _window(qtbot, ctx)
    w.open_section("report")
    page = w.page("report")
    page.year_box.setCurrentIndex(page.year_box.findData(2027))  # the clerk looks at another year
    assert page.data.year == 2027
    dlg = _reminders(qtbot, w)
    line = _line(dlg, "report")
    assert line.data(ReminderModel.RefRole) == "2026"
    _enter_on(dlg, line)
    assert w.current_section() == "report" and page.data.year == 2026 and page.year_box.currentData() == 2026


def test_a_form_deleted_since_the_list_was_read_is_said_plainly(qtbot, demo, alerts_log):
    from gwdesk.store.review_models import ReviewForm
    w = _window(qtbot, demo)
    dlg = _reminders(qtbot, w)
    line = _line(dlg, "review")
    ReviewForm.delete_by_id(int(line.data(ReminderModel.RefRole)))  # a colleague removed it meanwhile
    _double_click(dlg, line)
    assert w.current_section() == "review"
    kind, title, text = alerts_log[-1]
    assert (kind, title) == ("info", "今日提醒") and "已不存在" in text
    assert w.page("review").selected_ids() == []


def test_a_task_gone_from_its_list_is_said_plainly(qtbot, demo, alerts_log):
    from gwdesk.store.tasks_models import Task
    w = _window(qtbot, demo)
    dlg = _reminders(qtbot, w)
    line = _line(dlg, "tasks")
    Task.update(removed_at="2026-11-20T08:00:00").where(Task.id == int(line.data(ReminderModel.RefRole))).execute()
    _enter_on(dlg, line)
    assert alerts_log[-1][:2] == ("info", "今日提醒") and "已不在任务清单中" in alerts_log[-1][2]


def test_an_application_deleted_is_said_plainly(qtbot, demo, alerts_log):
    from gwdesk.store.applications_models import Application
    w = _window(qtbot, demo)
    dlg = _reminders(qtbot, w)
    line = _line(dlg, "applications")
    ref = int(line.data(ReminderModel.RefRole))
    Application.delete().where(Application.id == ref).execute()
    _double_click(dlg, line)
    assert alerts_log[-1][:2] == ("info", "今日提醒") and f"id={ref}" in alerts_log[-1][2]


def test_a_backup_line_shows_the_backup_part_of_settings(qtbot, ctx, profile):
    from gwdesk.core import backup_reminders
    from gwdesk.ui.main_window import RemindersDialog
    w = _window(qtbot, ctx)
    items = [Reminder("settings", "overdue", None, "【数据备份】备份只保存在本机", backup_reminders.BACKUP_REF)]
    dlg = RemindersDialog(items, w.open_section, w)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    QTest.keyClick(dlg.list, Qt.Key_Enter)  # the first line is current from the start: Enter opens it
    page = w.page("settings")
    assert w.current_section() == "settings" and not dlg.isVisible()
    panel = page.backup_panel
    top = panel.mapTo(page.scroll_area.widget(), panel.rect().topLeft()).y()
    assert page.scroll_area.verticalScrollBar().value() <= top < page.scroll_area.verticalScrollBar().value() \
        + page.scroll_area.viewport().height()


def test_every_provider_names_its_record(demo):
    from gwdesk.core import reminders
    from gwdesk.ui.sections import reminder_providers
    items = reminders.collect(demo, reminder_providers())
    assert {r.section for r in items} >= {"review", "tasks", "applications"}
    assert all(r.ref for r in items), [r for r in items if not r.ref]


def test_records_stored_after_the_screen_was_read_are_found(qtbot, demo):
    """A colleague's new 意见单 or application (or one saved since the list was read): the screen reads again."""
    from gwdesk.core.applications import ledger
    from gwdesk.core.review import forms
    from gwdesk.ui.main_window import RemindersDialog
    w = _window(qtbot, demo)
    for key in ("review", "applications"):
        w.open_section(key)  # both lists read now
    form = forms.create(demo, {"title": "同事刚保存的意见单"})
    app = ledger.create(dict(number="2026-099", received=dt.date(2026, 11, 19), channel="网络",
                             applicant_type="自然人", applicant_name="钱七", content="同事刚登记的申请"))
    items = [Reminder("review", "soon", None, "【公开审查】同事刚保存的意见单", str(form.id)),
             Reminder("applications", "soon", None, "【依申请公开】2026-099", str(app.id))]
    for n, (key, ref) in enumerate((("review", form.id), ("applications", app.id))):
        dlg = RemindersDialog(items, w.open_section, w)
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        _enter_on(dlg, dlg.list.model().index(n))
        assert w.current_section() == key
    assert w.page("review").selected_ids() == [form.id]
    assert w.page("applications").selected_app_id() == app.id
