"""Two clerks on one 意见单 (a 单位共享数据库; the same on SQLite): the editor's 保存 finds the colleague's newer
version, shows what differs, and the clerk chooses 重新载入 or 以我的为准 — nothing lost or changed unseen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gwdesk.core.review import drafts, forms
from gwdesk.ui.common import alerts

pytestmark = pytest.mark.both_engines


@pytest.fixture
def editing(qtbot, ctx, profile, alerts_log):
    """A stored form open in the editor, the clerk having typed a new 文件标题; a colleague then saved it."""
    from gwdesk.ui.review.page import Page
    f = forms.create(ctx, {"title": "关于冬季救助的通知", "drafter": "张三"})
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.open_form(f.id)
    ed = page.editor
    title = ed.widgets["title"].edit
    title.setFocus()
    title.selectAll()
    title.insert("关于做好冬季救助工作的通知")  # as an input method commits it (keyClicks types ASCII only)
    assert ed.is_dirty()
    ed.autosave_now()  # the typing is in the draft
    colleague = forms.get(f.id)
    colleague.values["drafter"] = "李四"
    forms.save(ctx, colleague)
    return page, f


def _answer(key):
    alerts.responder = lambda kind, title, text: key if kind == "choose" else True


def test_save_over_a_colleagues_version_asks_and_keeps_mine_when_told(editing, alerts_log, ctx):
    page, f = editing
    _answer("mine")
    QTest.mouseClick(page.editor.save_btn, Qt.LeftButton)
    kind, title, text = next(h for h in alerts_log if h[0] == "choose")
    assert title == "其他同事已修改" and "拟稿人：张三 → 李四" in text and "文件标题" in text
    stored = forms.get(f.id)
    assert stored.values["title"] == "关于做好冬季救助工作的通知"  # mine, knowingly over theirs
    assert stored.values["drafter"] == "张三" and stored.version == f.version + 2
    assert not page.editor.is_dirty() and drafts.pending(drafts.key_for(f.id)) is None


def test_reload_shows_the_colleagues_version_and_drops_my_typing(editing, alerts_log, ctx):
    page, f = editing
    _answer("reload")
    QTest.mouseClick(page.editor.save_btn, Qt.LeftButton)
    ed = page.editor
    assert ed.widgets["drafter"].value() == "李四" and ed.widgets["title"].value() == "关于冬季救助的通知"
    assert not ed.is_dirty() and forms.get(f.id).values["drafter"] == "李四"
    assert drafts.pending(drafts.key_for(f.id)) is None


def test_cancel_keeps_editing_and_the_draft(editing, alerts_log, ctx):
    page, f = editing
    _answer("cancel")
    QTest.mouseClick(page.editor.save_btn, Qt.LeftButton)
    ed = page.editor
    assert ed.is_dirty() and ed.widgets["title"].value() == "关于做好冬季救助工作的通知"
    assert forms.get(f.id).values["title"] == "关于冬季救助的通知"
    assert drafts.pending(drafts.key_for(f.id)) is not None  # the typing survives, as autosave left it
