"""佐证材料 on a 单位共享数据库, through the 任务台账's detail panel: a file one clerk attaches (附加文件…) opens on a
colleague's computer (打开), a file too big for the server is refused naming it, and a file a colleague attached
before files moved into the database says where it is instead of failing."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest

from gwdesk import paths
from gwdesk.context import AppContext
from gwdesk.core.tasks import demo as tasks_demo
from gwdesk.core.tasks import tracking
from gwdesk.store import dburl, files
from gwdesk.store.db import open_store
from gwdesk.store.tasks_models import Task, TaskEvidence

from conftest import TODAY


@pytest.fixture
def detail(qtbot, pg_url, data_dir, alerts_log, monkeypatch):
    from gwdesk.core import demo, units
    from gwdesk.ui.tasks.page import Page
    s = open_store(dburl.parse(pg_url))
    ctx = AppContext(store=s, data_dir=data_dir, today=lambda: TODAY)
    units.save(demo.DEMO_PROFILE)
    tasks_demo.load(ctx)
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    task = next(t for t in tracking.tasks() if t.role != "不涉及")
    assert page.select_task(task.id)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    yield page.detail, task, opened
    s.close()


def _attach(d, path, monkeypatch) -> None:
    from gwdesk.ui.common import files as file_dialogs
    monkeypatch.setattr(file_dialogs, "responder", lambda op, kind, title, start: str(path))
    QTest.mouseClick(d.add_file_button, Qt.LeftButton)


def test_a_file_attached_here_opens_on_a_colleagues_computer(detail, tmp_path, monkeypatch):
    d, task, opened = detail
    scan = tmp_path / "公开栏照片.jpg"
    body = os.urandom(30_000)
    scan.write_bytes(body)
    before = d.evidence.count()
    _attach(d, scan, monkeypatch)
    assert d.evidence.count() == before + 1
    paths.set_data_dir(tmp_path / "同事的电脑")  # the same server, another computer: nothing of it cached there
    d.evidence.setCurrentRow(d.evidence.count() - 1)
    QTest.mouseClick(d.open_ev_button, Qt.LeftButton)
    assert len(opened) == 1 and opened[0].startswith(str(tmp_path / "同事的电脑"))
    with open(opened[0], "rb") as f:
        assert f.read() == body


def test_a_file_too_big_for_the_server_is_refused_by_name(detail, tmp_path, monkeypatch, alerts_log):
    d, task, opened = detail
    monkeypatch.setattr(files, "MAX_BYTES", 20_000)
    big = tmp_path / "会议纪要扫描件.pdf"
    big.write_bytes(os.urandom(30_000))
    before = d.evidence.count()
    _attach(d, big, monkeypatch)
    kind, title, text = alerts_log[-1]
    assert kind == "warn" and "“会议纪要扫描件.pdf”" in text and "上限" in text
    assert d.evidence.count() == before and not TaskEvidence.select().where(
        TaskEvidence.original_name == big.name).exists()


def test_a_colleagues_older_file_says_where_it_is(detail, alerts_log):
    d, task, opened = detail
    TaskEvidence.create(task=task.id, kind="文件", value=f"tasks/{task.id}/abcdef123456_旧的.pdf",
                        original_name="旧的.pdf", sha256="0" * 64, size=10, added_at="2026-01-05T09:00:00")
    d.show_task(task.id)
    d.evidence.setCurrentRow(d.evidence.count() - 1)
    QTest.mouseClick(d.open_ev_button, Qt.LeftButton)
    kind, title, text = alerts_log[-1]
    assert kind == "warn" and "共享数据库中没有佐证材料“旧的.pdf”" in text and "那台电脑" in text
    assert opened == [] and Task.get_by_id(task.id)
