"""Shared fixtures: offscreen Qt, a fresh data dir and store per test, a pinned date, no modal dialogs."""

from __future__ import annotations

import datetime as dt
import logging
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from gwdesk import paths

TODAY = dt.date(2026, 11, 20)  # a Friday; tests that depend on "today" use ctx.today


@pytest.fixture(autouse=True)
def _hermetic(tmp_path_factory, monkeypatch):
    """Every test gets its own HOME, XDG folders and gwdesk data folder: none touches the developer's own."""
    root = tmp_path_factory.mktemp("home")
    for var, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                     ("XDG_CACHE_HOME", ".cache"), ("APPDATA", "AppData/Roaming")):
        d = root / sub
        d.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(d))
    monkeypatch.setenv("GWDESK_DATA_DIR", str(root / "gwdesk-data"))
    paths.set_data_dir(None)
    yield
    paths.set_data_dir(None)


class _WarningRecords(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def _fail_on_unexpected_log_warnings(request):
    """A warning or error the program logs and the test did not expect fails the test (as qutebrowser's logfail).

    What the clerk is told (`gwdesk.alerts`) is asserted through `alerts_log` instead. A test that provokes
    a logged warning on purpose says so with `@pytest.mark.allow_log_warnings` (and should assert it, with caplog)."""
    handler = _WarningRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    yield
    root.removeHandler(handler)
    if request.node.get_closest_marker("allow_log_warnings"):
        return
    unexpected = [r for r in handler.records if not r.name.startswith("gwdesk.alerts")]
    if unexpected:
        lines = "\n".join(f"  {r.levelname} {r.name}: {r.getMessage()[:300]}" for r in unexpected[:5])
        pytest.fail(f"unexpected warnings were logged:\n{lines}", pytrace=False)


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the run: fail the test loudly instead."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(self, *args, **kwargs):
        raise AssertionError(f"a modal dialog would block the test: {type(self).__name__} "
                             f"{getattr(self, 'windowTitle', lambda: '')()!r}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    d.mkdir()
    monkeypatch.setenv("GWDESK_DATA_DIR", str(d))
    paths.set_data_dir(d)
    yield d
    paths.set_data_dir(None)


@pytest.fixture
def store(data_dir):
    from gwdesk.store.db import open_store
    s = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    yield s
    s.close()


@pytest.fixture
def ctx(store, data_dir):
    from gwdesk.context import AppContext
    return AppContext(store=store, data_dir=data_dir, today=lambda: TODAY)


@pytest.fixture
def profile(ctx):
    from gwdesk.core import demo, units
    units.save(demo.DEMO_PROFILE)
    return units.load()


@pytest.fixture
def alerts_log():
    """Answer every alert with `answer` (default True) and record it instead of showing a dialog."""
    from gwdesk.ui.common import alerts
    state = {"answer": True}
    alerts.history.clear()
    alerts.responder = lambda kind, title, text: state["answer"]
    yield alerts.history
    alerts.responder = None
    alerts.history.clear()
