"""Back in gwdesk after working elsewhere, a window on a 单位共享数据库 shows what colleagues saved meanwhile; on
SQLite (one clerk per data folder) nothing is reloaded."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gwdesk.core.applications import ledger

pytestmark = pytest.mark.both_engines


def test_the_ledger_shows_a_colleagues_registration_when_the_clerk_comes_back(qtbot, ctx, profile, engine,
                                                                             alerts_log):
    from gwdesk.ui.main_window import MainWindow
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.open_section("applications")
    page = w.stack.currentWidget()
    before = page.model.rowCount()
    ledger.create(dict(received=dt.date(2026, 11, 2), channel="网络", applicant_type="自然人",
                       applicant_name="李四", content="预算"), auto_number=True)  # a colleague, meanwhile
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationInactive)
    app.applicationStateChanged.emit(Qt.ApplicationActive)  # the clerk switches back to gwdesk
    assert page.model.rowCount() == before + (1 if engine == "postgresql" else 0)


def test_a_closed_window_reads_nothing_when_the_clerk_comes_back(qtbot, ctx, profile, engine, alerts_log,
                                                                   monkeypatch):
    from gwdesk.ui.main_window import MainWindow
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.open_section("applications")
    page = w.stack.currentWidget()
    reads = []
    for name in ("colleague_changed", "reload", "refresh"):
        if hasattr(page, name):
            monkeypatch.setattr(page, name, lambda *a: reads.append(a))
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationActive)
    assert bool(reads) == (engine == "postgresql")  # open: a shared window reads again
    reads.clear()
    assert w.close()
    app.applicationStateChanged.emit(Qt.ApplicationInactive)
    app.applicationStateChanged.emit(Qt.ApplicationActive)  # its store may be closed by now: nothing is read
    assert reads == []
