"""Issue 26.1 through the window: 导入为 asks when a file could be a new version or another list, naming the tasks
with progress that would be removed, and 导入 waits for the clerk's choice."""

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from gwdesk.core.tasks import demo as tasks_demo
from gwdesk.core.tasks import sample
from gwdesk.store.tasks_models import Task, TaskList

from test_tasks_identity import MSSS, MSSS_ROWS


@pytest.fixture
def page(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.tasks.page import Page
    tasks_demo.load(ctx)
    p = Page(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    return p


def _click_radio(button):  # on its circle: a radio button only takes clicks on its circle and text
    QTest.mouseClick(button, Qt.LeftButton, pos=QPoint(8, button.height() // 2))


def _year(ctx):
    return ctx.today().year


def test_a_second_list_is_imported_beside_the_first(page, ctx, tmp_path, alerts_log):
    year = _year(ctx)
    path = tmp_path / "民生实事.xlsx"
    sample.write_xlsx(path, MSSS_ROWS, title=MSSS.replace("2026", str(year)), subtitle=f"（{year}年3月20日印发）")
    first = TaskList.get()
    dlg = page.open_import(path)
    assert dlg.target_box.isVisibleTo(dlg) and dlg.choose_target(None).isChecked()
    assert not dlg.choose_target(first.id).isChecked() and dlg.ok_button.isEnabled()
    assert "这是一份新的任务清单，将导入 3 项任务" in dlg.changes.text()
    QTest.mouseClick(dlg.ok_button, Qt.LeftButton)
    page.after_import(dlg)
    assert TaskList.select().count() == 2 and Task.select().where(Task.removed_at.is_null(False)).count() == 0


def test_a_revision_dropping_a_done_task_waits_for_the_clerk(page, ctx, tmp_path, alerts_log):
    year = _year(ctx)
    rows = [r for r in tasks_demo._localised(year) if not (len(r) == 6 and r[0] == "15")]
    path = tmp_path / "修订.xlsx"
    sample.write_xlsx(path, rows, title=f"青川县{year}年政务公开任务清单（修订版）", subtitle=f"（{year}年5月6日印发）")
    first = TaskList.get()
    t15 = Task.get(Task.seq == "15")
    dlg = page.open_import(path)
    assert dlg.target_question.isVisibleTo(dlg) and "1项已有进展或佐证" in dlg.target_question.text()
    assert dlg.target_group.checkedButton() is None and not dlg.ok_button.isEnabled()
    assert "15 民政领域公共企事业单位信息公开（已完成，1条进展，1项佐证）" in dlg.changes.text()
    _click_radio(dlg.choose_target(first.id))
    assert dlg.ok_button.isEnabled() and "删除：15 " in dlg.changes.text() and "已有进展或佐证" in dlg.changes.text()
    QTest.mouseClick(dlg.ok_button, Qt.LeftButton)
    page.after_import(dlg)
    t15 = Task.get_by_id(t15.id)
    assert TaskList.select().count() == 1 and TaskList.get().revision == 2
    assert t15.removed_at is not None and (t15.status, t15.done_on) == ("已完成", dt.date(year, 6, 21))


def test_choosing_a_new_list_instead_keeps_the_stored_one_whole(page, ctx, tmp_path, alerts_log):
    year = _year(ctx)
    rows = [r for r in tasks_demo._localised(year) if not (len(r) == 6 and r[0] == "15")]
    path = tmp_path / "修订.xlsx"
    sample.write_xlsx(path, rows, title=f"青川县{year}年政务公开任务清单（修订版）", subtitle=f"（{year}年5月6日印发）")
    dlg = page.open_import(path)
    _click_radio(dlg.choose_target(None))
    assert dlg.ok_button.isEnabled() and "这是一份新的任务清单" in dlg.changes.text()
    QTest.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert TaskList.select().count() == 2 and Task.select().where(Task.removed_at.is_null(False)).count() == 0
