"""The raw queries' SQLite spelling and what PostgreSQL is given of it (store/dialect.py)."""

from __future__ import annotations

import peewee

from gwdesk.store import dialect


def test_sqlite_keeps_its_planner_hints():
    sql = "SELECT id FROM application INDEXED BY ix_application_stale WHERE +closed IS NULL AND due < ?"
    assert dialect.q(sql, peewee.SqliteDatabase(":memory:")) == sql


def test_postgresql_drops_indexed_by_and_the_unary_plus():
    pg = peewee.PostgresqlDatabase(None)  # never connected: only its kind is asked
    sql = ("SELECT id, received FROM application INDEXED BY ix_application_stale WHERE due_stamp IS NULL"
           " AND +closed IS NULL AND due < ? AND note LIKE '%x'")
    assert dialect.q(sql, pg) == ("SELECT id, received FROM application WHERE due_stamp IS NULL"
                                  " AND closed IS NULL AND due < %s AND note LIKE '%%x'")
