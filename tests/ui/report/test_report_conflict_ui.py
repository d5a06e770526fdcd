"""Two clerks on one annual report (a 单位共享数据库; the same on SQLite, two connections): the report's autosave
that finds a colleague's newer save asks 重新载入 / 以我的为准 with the cells that differ (the shared conflict
dialog); the clerk's typing stays on screen until the answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerks_support import as_colleague
from gwdesk.core.annual_report import records
from gwdesk.ui.common import alerts

pytestmark = pytest.mark.both_engines

TYPED = "部分栏目更新不及时。"


def _answer(key):
    alerts.responder = lambda kind, title, text: key if kind == "choose" else True


def _colleague_sets_a_figure(unit: str, year: int) -> int:
    stored = records.load(unit, year)
    stored.data.table3["3.1"][0] = 41
    return records.save(stored.data, stored.sources, seen_version=stored.version)


@pytest.fixture
def typing(ctx, profile, alerts_log, qtbot, monkeypatch):
    """Clerk A types into 五、问题及改进 of the 2025 report; clerk B saved a figure of 表三 meanwhile."""
    from gwdesk.core import demo
    from gwdesk.ui.report.page import Page
    monkeypatch.setattr(Page, "SAVE_AFTER_MS", 200)  # the same autosave after a pause, a shorter pause to wait
    demo.load(ctx)
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    seen = records.load(page.unit, 2025)
    assert page.version == seen.version
    as_colleague(lambda: _colleague_sets_a_figure(page.unit, 2025))
    page.tabs.setCurrentWidget(page.narratives["problems"])
    editor = page.narratives["problems"].editor
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key_End, Qt.ControlModifier)
    editor.insertPlainText(TYPED)  # as an input method commits it
    return page, seen


def _autosaved(qtbot, alerts_log):
    qtbot.waitUntil(lambda: any(h[0] == "choose" for h in alerts_log), timeout=3000)  # the pause after typing
    return next(h for h in alerts_log if h[0] == "choose")


def test_mine_over_a_colleagues_save(typing, qtbot, alerts_log):
    page, seen = typing
    _answer("mine")
    _, title, text = _autosaved(qtbot, alerts_log)
    mine = seen.data.t3("3.1", 0)
    assert title == "其他同事已修改" and "2025年度报告已被其他同事修改" in text
    assert f"表三“（一）予以公开”行“自然人”列：{mine} → 41" in text and "五、存在的主要问题及改进情况" in text
    stored = records.load(page.unit, 2025)
    assert stored.data.t3("3.1", 0) == mine and stored.data.text["problems"].endswith(TYPED)
    assert stored.version == seen.version + 2 and page.version == stored.version
    assert page.status.text() == "已保存"


def test_reload_takes_the_colleagues_save(typing, qtbot, alerts_log):
    page, seen = typing
    _answer("reload")
    _autosaved(qtbot, alerts_log)
    assert page.data.t3("3.1", 0) == 41 and not page.narratives["problems"].text().endswith(TYPED)
    m = page.models["3"]
    assert m.data(m.index(*m.position[("3.1", 0)])) == "41"  # the grid shows it
    stored = records.load(page.unit, 2025)
    assert stored.version == seen.version + 1 and page.version == stored.version
    assert not stored.data.text["problems"].endswith(TYPED)


def test_cancel_keeps_the_typing_unsaved(typing, qtbot, alerts_log):
    page, seen = typing
    _answer("cancel")
    _autosaved(qtbot, alerts_log)
    assert page.narratives["problems"].text().endswith(TYPED) and "未保存" in page.status.text()
    assert not records.load(page.unit, 2025).data.text["problems"].endswith(TYPED)
    alerts_log.clear()
    _answer("mine")
    QTest.keyClick(page.narratives["problems"].editor, Qt.Key_Space)  # more typing: the autosave asks again
    _autosaved(qtbot, alerts_log)
    assert records.load(page.unit, 2025).data.text["problems"].endswith(TYPED + " ")
