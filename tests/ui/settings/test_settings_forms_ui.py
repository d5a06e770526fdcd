"""设置 → 意见单定义: the office's own 意见单 chosen in the window (kept in the data folder on SQLite, in the
database on a 单位共享数据库 for every clerk), a wrong file refused naming it, back to the bundled one; on a server
only a 管理员 changes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gwdesk import paths
from gwdesk.core import formdef
from gwdesk.store.models import StoredFile
from gwdesk.ui.common import alerts

pytestmark = pytest.mark.both_engines


@pytest.fixture
def panel(qtbot, ctx, alerts_log, monkeypatch):
    from gwdesk.ui.settings.page import Page
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    yield page.forms_panel


def _choose(panel, path, monkeypatch):
    from gwdesk.ui.common import files
    monkeypatch.setattr(files, "responder", lambda op, kind, title, start: str(path))
    QTest.mouseClick(panel.choose_button, Qt.LeftButton)


def test_choose_a_wrong_file_then_the_offices_then_back_to_the_bundled(panel, tmp_path, monkeypatch, alerts_log,
                                                                       engine):
    assert "内置" in panel.current.text() and not panel.clear_button.isEnabled()
    wrong = tmp_path / "本县意见单（草稿）.toml"
    wrong.write_text("name = \n", "utf-8")
    _choose(panel, wrong, monkeypatch)
    kind, title, text = alerts_log[-1]
    assert kind == "error" and "本县意见单（草稿）.toml" in text and formdef.load().bundled
    good = tmp_path / "本县意见单.toml"
    good.write_text(paths.bundled_form("publication_review.toml").read_text("utf-8")
                    .replace('name = "', 'name = "本县', 1), "utf-8")
    _choose(panel, good, monkeypatch)
    assert alerts_log[-1][0] == "info" and "重新打开 gwdesk" in alerts_log[-1][2]
    d = formdef.load()
    assert not d.bundled and d.name.startswith("本县") and "本县" in panel.current.text()
    shared = engine == "postgresql"
    assert StoredFile.select().count() == (1 if shared else 0)
    assert ("共享数据库" in panel.current.text()) == shared
    alerts.responder = lambda kind, title, text: True  # 改回内置定义？ yes
    QTest.mouseClick(panel.clear_button, Qt.LeftButton)
    assert formdef.load().bundled and StoredFile.select().count() == 0 and "内置" in panel.current.text()


def test_on_a_server_a_clerk_is_told_only_an_administrator_changes_it(panel, tmp_path, monkeypatch, alerts_log,
                                                                     engine):
    from gwdesk.core import users
    if engine == "sqlite":
        pytest.skip("SQLite 模式只有一位本机用户，可做全部操作")
    me = users.current()
    users.set_role("zhangsan", users.ADMIN)
    users.set_role(me.login, users.CLERK)
    good = tmp_path / "本县意见单.toml"
    good.write_text(paths.bundled_form("publication_review.toml").read_text("utf-8"), "utf-8")
    _choose(panel, good, monkeypatch)
    kind, title, text = alerts_log[-1]
    assert kind == "error" and "管理员" in text and formdef.load().bundled and StoredFile.select().count() == 0
