"""Test support for the applications area: a migrated database bound to the proxy.

Uses the real store when gwdesk.store.db exists; otherwise (while the store is being written)
runs the plain-SQL migrations on a temporary SQLite file and binds the peewee proxy to it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sqlite3

import peewee
import pytest

from gwdesk.context import AppContext
from gwdesk.store.base import db

TODAY = dt.date(2026, 11, 20)


def open_fallback(path):
    from gwdesk.store import migrations
    conn = sqlite3.connect(path)
    for number, module in migrations.steps():
        module.up(conn)
    conn.commit()
    conn.close()
    database = peewee.SqliteDatabase(path, pragmas={"foreign_keys": 1, "journal_mode": "wal"})
    db.initialize(database)
    database.connect()
    return database


@pytest.fixture
def actx(tmp_path, request):
    """An AppContext over a fresh migrated database, today pinned to 2026-11-20."""
    from gwdesk.core import workdays
    if importlib.util.find_spec("gwdesk.store.db") is not None:
        ctx = request.getfixturevalue("ctx")
        workdays.invalidate()
        yield ctx
        workdays.invalidate()
        return
    database = open_fallback(str(tmp_path / "apps.sqlite3"))
    workdays.invalidate()

    class _Store:
        path = tmp_path / "apps.sqlite3"
        def __init__(self, d):
            self.db = d
        def close(self):
            self.db.close()

    yield AppContext(store=_Store(database), data_dir=tmp_path, today=lambda: TODAY)
    database.close()
    db.initialize(None)
    workdays.invalidate()
