"""设置 → 数据存放: choosing the 单位共享数据库 (测试连接 against a real server), kept in this computer's settings
file, never in a database; back to 本机数据."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from gwdesk.store import dburl


def _pick(radio):
    """Click a radio button on its indicator (its centre can lie past the end of its label)."""
    QTest.mouseClick(radio, Qt.LeftButton, pos=QPoint(8, radio.height() // 2))


@pytest.fixture
def panel(qtbot, ctx, alerts_log):
    from gwdesk.ui.settings.page import Page
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    yield page.storage_panel  # the page stays alive meanwhile


def test_test_and_save_a_server_then_go_back_to_local(panel, pg_url, alerts_log):
    assert panel.local.isChecked() and not panel.url.isEnabled() and "本机数据" in panel.current.text()
    _pick(panel.shared)
    assert panel.url.isEnabled()
    panel.url.setText(pg_url)
    QTest.mouseClick(panel.test_button, Qt.LeftButton)
    assert alerts_log[-1][0] == "info" and "连接成功" in alerts_log[-1][2]
    QTest.mouseClick(panel.save_button, Qt.LeftButton)
    assert "下次打开 gwdesk 时使用单位共享数据库" in alerts_log[-1][2]
    saved = json.loads((dburl.config_dir() / dburl.FILE).read_text(encoding="utf-8"))
    assert dburl.parse(saved["url"]) == dburl.parse(pg_url)
    assert dburl.current() == dburl.parse(pg_url)
    _pick(panel.local)
    QTest.mouseClick(panel.save_button, Qt.LeftButton)
    assert dburl.current() is None and "本机数据" in alerts_log[-1][2]


def test_a_password_or_a_dead_server_is_refused_and_nothing_saved(panel, alerts_log, tmp_path):
    from urllib.parse import quote
    _pick(panel.shared)
    panel.url.setText("postgresql://zhang:secret@server/gw")
    QTest.mouseClick(panel.save_button, Qt.LeftButton)
    assert alerts_log[-1][0] == "error" and "不能写密码" in alerts_log[-1][2]
    panel.url.setText(f"postgresql://postgres@{quote(str(tmp_path), safe='')}:5432/gw")
    QTest.mouseClick(panel.save_button, Qt.LeftButton)
    assert alerts_log[-1][0] == "error" and "连接失败" in alerts_log[-1][2] and "无法连接" in alerts_log[-1][2]
    assert not (dburl.config_dir() / dburl.FILE).exists()


def test_a_window_on_the_sqlite_file_tests_a_server_in_a_fresh_interpreter(panel, pg_url, alerts_log, monkeypatch):
    """A window on the SQLite file loads peewee without the PostgreSQL drivers (issue 25: 0.5 s and 20 MB at each
    start), so its peewee cannot connect to a server: 测试连接 runs the same check in a fresh interpreter."""
    from gwdesk.store import drivers, server
    monkeypatch.setattr(drivers, "blocked", lambda: True)  # as in such a window (this test process has the drivers)
    monkeypatch.setattr(server, "check", lambda url: pytest.fail("checked in this process"))
    _pick(panel.shared)
    panel.url.setText(pg_url)
    QTest.mouseClick(panel.test_button, Qt.LeftButton)
    assert alerts_log[-1][0] == "info" and "连接成功" in alerts_log[-1][2] and "数据库版本" in alerts_log[-1][2]
    panel.url.setText("postgresql://clerk@127.0.0.1:1/gw")
    QTest.mouseClick(panel.test_button, Qt.LeftButton)
    assert alerts_log[-1][0] == "error" and "无法连接" in alerts_log[-1][2]


def test_a_server_that_wants_a_password_asks_it_in_the_dialog_and_remembers_it(panel, pg_cluster, alerts_log,
                                                                               monkeypatch):
    """测试连接 on a login with a password: the 密码 dialog shows the login, a wrong password is asked again (the
    dialog saying so), 记住密码 keeps it in the pgpass file (no credential store here), and 保存设置 writes only
    the address into database.json."""
    from PySide6.QtWidgets import QDialogButtonBox

    from gwdesk.store import credentials
    from gwdesk.ui.password_dialog import PasswordDialog
    url = pg_cluster.add_password_login("clerk_ui", "Right:Pass-1")
    monkeypatch.setattr(credentials, "keyring_available", lambda: False)
    typed = iter([("wrong-1", False), ("Right:Pass-1", True), ("Right:Pass-1", True)])
    seen = []

    def fake_exec(self):
        self.show()
        word, keep = next(typed)
        seen.append((self.user.text(), self.user.isReadOnly(), self.error.text()))
        QTest.keyClicks(self.password, word)
        if keep:
            QTest.mouseClick(self.remember, Qt.LeftButton, pos=QPoint(8, self.remember.height() // 2))
        QTest.mouseClick(self.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
        return self.result()
    monkeypatch.setattr(PasswordDialog, "exec", fake_exec)
    try:
        _pick(panel.shared)
        panel.url.setText(url)
        QTest.mouseClick(panel.test_button, Qt.LeftButton)
        assert seen == [("clerk_ui", True, ""), ("clerk_ui", True, "服务器拒绝了这个密码。")]
        assert [a[2] for a in alerts_log[-2:]][0].startswith("密码已保存到本机的 pgpass 文件")
        assert alerts_log[-1][0] == "info" and "连接成功" in alerts_log[-1][2]
        assert credentials.pgpass_lookup(dburl.parse(url)) == "Right:Pass-1"
        QTest.mouseClick(panel.save_button, Qt.LeftButton)  # tests again: the pgpass file answers, nobody asked
        assert len(seen) == 2 and "下次打开 gwdesk 时使用单位共享数据库" in alerts_log[-1][2]
        assert "Right:Pass-1" not in (dburl.config_dir() / dburl.FILE).read_text(encoding="utf-8")
    finally:
        credentials.forget()


def test_a_window_on_the_sqlite_file_asks_the_password_and_tests_in_a_fresh_interpreter(panel, pg_cluster,
                                                                                       alerts_log, monkeypatch):
    """The fresh interpreter gets the password on its stdin (never on its command line) and says whether the
    server wanted one or refused it; the dialog is this window's."""
    from PySide6.QtWidgets import QDialogButtonBox

    from gwdesk.store import credentials, drivers
    from gwdesk.ui.password_dialog import PasswordDialog
    monkeypatch.setattr(drivers, "blocked", lambda: True)
    url = pg_cluster.add_password_login("clerk_fresh", "Fresh-Pass-2")
    typed = iter(["wrong-2", "Fresh-Pass-2"])
    seen = []

    def fake_exec(self):
        self.show()
        seen.append(self.error.text())
        QTest.keyClicks(self.password, next(typed))
        QTest.mouseClick(self.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
        return self.result()
    monkeypatch.setattr(PasswordDialog, "exec", fake_exec)
    _pick(panel.shared)
    panel.url.setText(url)
    QTest.mouseClick(panel.test_button, Qt.LeftButton)
    assert seen == ["", "服务器拒绝了这个密码。"]
    assert alerts_log[-1][0] == "info" and "连接成功" in alerts_log[-1][2]
    assert not credentials.pgpass_path().exists()  # 记住密码 was not ticked
