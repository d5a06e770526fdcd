"""Two clerks on one task of the 任务台账 (a 单位共享数据库; the same on SQLite, two connections): a change in the
task panel that finds a colleague's newer save asks 重新载入 / 以我的为准 with what differs (the shared conflict
dialog); the 进展 being typed, autosaved, stays whatever the answer."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerks_support import as_colleague
from gwdesk.core import drafts
from gwdesk.core.tasks import demo as tasks_demo
from gwdesk.core.tasks import tracking
from gwdesk.store.tasks_models import Task
from gwdesk.ui.common import alerts

pytestmark = pytest.mark.both_engines

NOTE = "已在政府网站公开养老服务机构名录"


def _answer(key):
    alerts.responder = lambda kind, title, text: key if kind == "choose" else True


@pytest.fixture
def editing(qtbot, ctx, profile, alerts_log):
    """Clerk A has a 推进中 task open and is typing a 进展 (autosaved); clerk B then marks it 已完成."""
    from gwdesk.ui.tasks.page import Page
    tasks_demo.load(ctx)
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    t = next(t for t in tracking.tasks() if t.status == "推进中" and t.due_override is None and t.role != "不涉及")
    assert page.select_task(t.id)
    d = page.detail
    d.note_text.setFocus()
    d.note_text.insert(NOTE)  # as an input method commits it (keyClicks types ASCII only)
    d.autosaver.flush()
    assert drafts.get("task_note", t.id).data["text"] == NOTE
    as_colleague(lambda: tracking.set_status(t.id, "已完成", done_on=dt.date(2026, 11, 20),
                                             today=ctx.today(), seen_version=t.version))
    return page, t


def _own_due(page):
    """Clerk A ticks 本单位确定日期 (the task's date becomes the unit's own), from the version A read."""
    QTest.mouseClick(page.detail.own_due, Qt.LeftButton)


def test_a_colleagues_save_is_shown_with_the_differences_and_mine_wins_when_told(editing, alerts_log):
    page, t = editing
    _answer("mine")
    _own_due(page)
    _, title, text = next(h for h in alerts_log if h[0] == "choose")
    assert title == "其他同事已修改" and "任务已被其他同事修改" in text
    due = tracking.effective_due(t, page.ctx.today()).isoformat()
    assert f"计划完成日期：{due} → 按清单时限" in text
    assert "状态：推进中 → 已完成" in text and "完成日期：（空） → 2026-11-20" in text
    stored = Task.get_by_id(t.id)
    assert stored.due_override.isoformat() == due and stored.status == "推进中" and stored.done_on is None
    assert stored.version == t.version + 2  # the colleague's save, then mine over it
    d = page.detail
    assert d.status.currentText() == "推进中" and d.own_due.isChecked()
    assert d.note_text.text() == NOTE and drafts.get("task_note", t.id).data["text"] == NOTE


def test_reload_shows_the_colleagues_save_and_keeps_the_typing(editing, alerts_log):
    page, t = editing
    _answer("reload")
    _own_due(page)
    d = page.detail
    assert d.status.currentText() == "已完成" and d.done_on.value() == dt.date(2026, 11, 20)
    assert not d.own_due.isChecked()
    stored = Task.get_by_id(t.id)
    assert stored.status == "已完成" and stored.due_override is None and stored.version == t.version + 1
    assert d.note_text.text() == NOTE and drafts.get("task_note", t.id).data["text"] == NOTE
    shown = page.proxy.data(page.view.currentIndex(), page.model.RowRole)
    assert shown.id == t.id and shown.status == "已完成"  # the list shows it too


def test_a_change_on_the_current_version_asks_nothing(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.tasks.page import Page
    tasks_demo.load(ctx)
    page = Page(ctx)
    qtbot.addWidget(page)
    t = next(t for t in tracking.tasks() if t.status == "推进中" and t.due_override is None and t.role != "不涉及")
    assert page.select_task(t.id)
    as_colleague(lambda: tracking.add_url(t.id, "https://www.example.gov.cn/1.html"))  # evidence: no version
    _own_due(page)
    assert not [h for h in alerts_log if h[0] == "choose"]
    assert Task.get_by_id(t.id).due_override is not None
