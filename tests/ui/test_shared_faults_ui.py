"""Faults of a 单位共享数据库 seen through the window: the network cut while the clerk presses 保存 in the 意见单
editor (the typing stays in the editor and in its draft; 保存 again goes through), a colleague's newer gwdesk
upgrading the database meanwhile, and at start a wrong password (asked again in the 密码 dialog), a database
that is not gwdesk's or is a newer gwdesk's: a plain message, nothing opened, nothing written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gwdesk.context import AppContext
from gwdesk.core.review import drafts, forms
from gwdesk.store import audit, credentials, dburl
from gwdesk.store.db import open_store

from conftest import TODAY
from test_store_server_faults import _newer_gwdesk_upgrades, kill_my_session


@pytest.fixture
def editing(qtbot, pg_url, data_dir, alerts_log):
    """A stored form open in the editor on a server, the clerk having typed a new 文件标题 (autosaved)."""
    from gwdesk.core import demo, units
    from gwdesk.ui.review.page import Page
    s = open_store(dburl.parse(pg_url))
    ctx = AppContext(store=s, data_dir=data_dir, today=lambda: TODAY)
    units.save(demo.DEMO_PROFILE)
    f = forms.create(ctx, {"title": "关于冬季救助的通知", "drafter": "张三"})
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.open_form(f.id)
    title = page.editor.widgets["title"].edit
    title.setFocus()
    title.selectAll()
    title.insert("关于做好冬季救助工作的通知")  # as an input method commits it
    page.editor.autosave_now()
    yield ctx, page, f
    s.close()


@pytest.mark.allow_log_warnings  # the lost connection is logged
def test_the_network_cut_while_saving_keeps_the_typing_and_the_next_save_goes_through(editing, pg_cluster,
                                                                                       alerts_log, monkeypatch):
    ctx, page, f = editing
    record = audit.record
    cut = []

    def cut_once(*args, **kwargs):
        if not cut:
            cut.append(True)
            kill_my_session(pg_cluster, ctx.db)
        return record(*args, **kwargs)
    monkeypatch.setattr(audit, "record", cut_once)
    QTest.mouseClick(page.editor.save_btn, Qt.LeftButton)
    kind, title, text = alerts_log[-1]
    assert (kind, title) == ("error", "未保存") and "连接中断" in text and "仍在窗口中" in text
    ed = page.editor
    assert ed.is_dirty() and ed.widgets["title"].value() == "关于做好冬季救助工作的通知"
    assert forms.get(f.id).values["title"] == "关于冬季救助的通知"  # nothing of the cut save
    assert drafts.pending(drafts.key_for(f.id)).values["title"] == "关于做好冬季救助工作的通知"
    QTest.mouseClick(ed.save_btn, Qt.LeftButton)  # the network is back: saved, the draft settled
    assert forms.get(f.id).values["title"] == "关于做好冬季救助工作的通知" and not ed.is_dirty()
    assert drafts.pending(drafts.key_for(f.id)) is None
    assert [k for k, _, _ in alerts_log].count("error") == 1


def test_a_newer_gwdesk_upgrading_the_database_meanwhile_is_told_and_the_draft_stays(editing, pg_cluster,
                                                                                      alerts_log):
    ctx, page, f = editing
    _newer_gwdesk_upgrades(pg_cluster, ctx.db.database)
    QTest.mouseClick(page.editor.save_btn, Qt.LeftButton)
    kind, title, text = alerts_log[-1]
    assert kind == "error" and "更新版本的 gwdesk" in text and "升级本机" in text
    assert page.editor.is_dirty() and forms.get(f.id).values["title"] == "关于冬季救助的通知"
    assert drafts.pending(drafts.key_for(f.id)).values["title"] == "关于做好冬季救助工作的通知"


def _run_window(url: str, monkeypatch) -> int:
    from gwdesk import app
    monkeypatch.setenv("GWDESK_DB_URL", url)
    return app.run_gui()


@pytest.mark.allow_log_warnings
def test_a_wrong_password_at_start_is_asked_again_and_cancelling_opens_nothing(qapp, pg_cluster, alerts_log,
                                                                              monkeypatch, data_dir):
    from PySide6.QtWidgets import QDialogButtonBox

    from gwdesk.ui.password_dialog import PasswordDialog
    url = pg_cluster.add_password_login("clerk_start", "Start-Pass-1")
    shown = []

    def fake_exec(self):
        self.show()
        shown.append((self.user.text(), self.error.text()))
        if len(shown) == 1:
            QTest.keyClicks(self.password, "not-it")
            QTest.mouseClick(self.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
        else:
            QTest.mouseClick(self.buttons.button(QDialogButtonBox.Cancel), Qt.LeftButton)
        return self.result()
    monkeypatch.setattr(PasswordDialog, "exec", fake_exec)
    try:
        assert _run_window(url, monkeypatch) == 1
    finally:
        credentials.set_asker(None)
        credentials.forget()
    assert shown == [("clerk_start", ""), ("clerk_start", "服务器拒绝了这个密码。")]
    kind, title, text = alerts_log[-1]
    assert (kind, title) == ("error", "无法打开数据") and "未输入密码" in text
    assert "crash" not in [k for k, _, _ in alerts_log]


@pytest.mark.allow_log_warnings
@pytest.mark.parametrize("case", ["another program's", "a newer gwdesk's"])
def test_a_database_not_for_this_gwdesk_opens_no_window_and_is_left_untouched(qapp, pg_url, alerts_log, monkeypatch,
                                                                             data_dir, case):
    from gwdesk.store import migrations, server
    database = server.connect(dburl.parse(pg_url))
    database.connect()
    if case == "another program's":
        database.execute_sql("CREATE TABLE invoices (id INTEGER)")
    else:
        database.close()
        open_store(dburl.parse(pg_url)).close()
        database.connect()
        database.execute_sql("UPDATE gwdesk_meta SET value = %s WHERE key = %s",
                             (str(migrations.latest_version() + 3), server.VERSION_KEY))
    tables = sorted(database.get_tables())
    database.close()
    assert _run_window(pg_url, monkeypatch) == 1
    kind, title, text = alerts_log[-1]
    assert kind == "error" and ("其他程序" in text if case == "another program's" else "更新版本" in text)
    database.connect()
    try:
        assert sorted(database.get_tables()) == tables  # untouched
    finally:
        database.close()
