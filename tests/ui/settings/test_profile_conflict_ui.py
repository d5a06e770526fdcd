"""Two clerks on the unit profile (设置 → 单位信息; a 单位共享数据库, the same on SQLite, two connections): 保存单位信息
that finds a colleague's newer save asks 重新载入 / 以我的为准 with the fields that differ (the shared conflict
dialog); the autosaved typing stays until the answer."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerks_support import as_colleague
from gwdesk.core import drafts, units
from gwdesk.ui.common import alerts

pytestmark = pytest.mark.both_engines


def _answer(key):
    alerts.responder = lambda kind, title, text: key if kind == "choose" else True


@pytest.fixture
def typing(ctx, profile, alerts_log, qtbot):
    """Clerk A types a new 联系电话 in 设置 (autosaved); clerk B saves a new 联系人 meanwhile."""
    from gwdesk.ui.settings.page import Page
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    seen = units.version()
    phone = page.form.phone
    phone.setFocus()
    phone.selectAll()
    QTest.keyClicks(phone, "0839-7209999")
    page.form.autosaver.flush()
    assert drafts.get("profile", "unit").data["phone"] == "0839-7209999"
    as_colleague(lambda: units.save(dataclasses.replace(units.load(), contact="王小明"), seen_version=seen))
    return page, seen


def test_mine_over_a_colleagues_save(typing, alerts_log):
    page, seen = typing
    _answer("mine")
    QTest.mouseClick(page.save_button, Qt.LeftButton)
    _, title, text = next(h for h in alerts_log if h[0] == "choose")
    assert title == "其他同事已修改" and "单位信息已被其他同事修改" in text
    from gwdesk.core import demo
    assert f"联系电话：0839-7209999 → {demo.DEMO_PROFILE.phone}" in text
    assert f"联系人：{demo.DEMO_PROFILE.contact} → 王小明" in text and "单位名称" not in text
    stored = units.load()
    assert stored.phone == "0839-7209999" and stored.contact != "王小明"
    assert units.version() == seen + 2
    assert not page.form.is_dirty() and drafts.get("profile", "unit") is None
    assert any(h[1] == "单位信息" and "已保存" in h[2] for h in alerts_log)


def test_reload_takes_the_colleagues_save(typing, alerts_log):
    page, seen = typing
    before = units.load().phone
    _answer("reload")
    QTest.mouseClick(page.save_button, Qt.LeftButton)
    f = page.form
    assert f.contact.text() == "王小明" and f.phone.text() == before
    assert not f.is_dirty() and drafts.get("profile", "unit") is None
    assert units.version() == seen + 1 and units.load().contact == "王小明"
    assert not any("已保存" in h[2] for h in alerts_log if h[1] == "单位信息")
    _answer(True)
    f.phone.setFocus()
    f.phone.selectAll()
    QTest.keyClicks(f.phone, "0839-7201111")  # and the next save is from the version now shown: no question
    alerts_log.clear()
    QTest.mouseClick(page.save_button, Qt.LeftButton)
    assert not [h for h in alerts_log if h[0] == "choose"]
    assert units.load().phone == "0839-7201111" and units.load().contact == "王小明"


def test_cancel_keeps_the_typing_and_its_draft(typing, alerts_log):
    page, seen = typing
    _answer("cancel")
    QTest.mouseClick(page.save_button, Qt.LeftButton)
    assert page.form.phone.text() == "0839-7209999" and page.form.is_dirty()
    assert drafts.get("profile", "unit").data["phone"] == "0839-7209999"
    assert units.version() == seen + 1
