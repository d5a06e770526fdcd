"""Two clerks on the 依申请公开 ledger (a 单位共享数据库; the same on SQLite): the registration editor meets a
colleague's newer save with 重新载入 / 以我的为准 and the differences; two clerks registering at once get two
编号, the second told which one it got."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from applications_support import actx  # noqa: F401
from gwdesk.core.applications import ledger
from gwdesk.store.applications_models import Application
from gwdesk.ui.common import alerts

pytestmark = pytest.mark.both_engines

D = dt.date


def _answer(key):
    alerts.responder = lambda kind, title, text: key if kind == "choose" else True


def _save_button(dlg):
    return dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)


@pytest.fixture
def editing(actx, qtbot, alerts_log):
    from gwdesk.ui.applications.editor import ApplicationDialog
    a = ledger.create(dict(number="2026-001", received=D(2026, 11, 2), channel="网络", applicant_type="自然人",
                           applicant_name="张三", content="低保名单"))
    dlg = ApplicationDialog(actx, a)
    qtbot.addWidget(dlg)
    dlg.content.setFocus()
    dlg.content.selectAll()
    dlg.content.insertPlainText("2026年低保名单")  # this clerk's typing
    colleague = Application.get_by_id(a.id)
    ledger.update(colleague, {"contact": "13800000000"})  # a colleague saved meanwhile
    return dlg, a


def test_mine_over_a_colleagues_save(editing, alerts_log):
    dlg, a = editing
    _answer("mine")
    QTest.mouseClick(_save_button(dlg), Qt.LeftButton)
    _, title, text = next(h for h in alerts_log if h[0] == "choose")
    assert title == "其他同事已修改" and "申请内容：2026年低保名单 → 低保名单" in text
    assert "联系方式：（空） → 13800000000" in text
    stored = Application.get_by_id(a.id)
    assert stored.content == "2026年低保名单" and stored.contact == "" and stored.version == a.version + 2


def test_reload_takes_the_colleagues_save(editing, alerts_log):
    dlg, a = editing
    _answer("reload")
    QTest.mouseClick(_save_button(dlg), Qt.LeftButton)
    assert dlg.content.toPlainText() == "低保名单" and dlg.registration.contact.text() == "13800000000"
    assert not dlg.is_dirty()
    assert Application.get_by_id(a.id).content == "低保名单"


def test_a_suggested_number_taken_meanwhile_registers_as_the_next(actx, qtbot, alerts_log):
    from gwdesk.ui.applications.editor import ApplicationDialog
    dlg = ApplicationDialog(actx)
    qtbot.addWidget(dlg)
    assert dlg.number.text() == "2026-001"
    ledger.create(dict(received=D(2026, 11, 3), channel="网络", applicant_type="自然人", applicant_name="李四",
                       content="预算"), auto_number=True)  # a colleague registered first: 2026-001
    dlg.applicant_name.setText("王五")
    dlg.content.setPlainText("决算")
    assert dlg.save_registration() is True
    assert Application.get(Application.applicant_name == "王五").number == "2026-002"
    assert any("编号 2026-001 已被同事使用，本件登记为 2026-002" in h[2] for h in alerts_log)
