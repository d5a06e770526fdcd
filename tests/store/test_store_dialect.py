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


def test_schema_14s_index_of_unreadable_dates_is_the_querys_condition_word_for_word(monkeypatch):
    """PostgreSQL uses a partial index only for a query whose condition it proves implies the index's: the same
    expression. A change of not_a_date leaves ix_application_unreadable unused until a new step rebuilds it."""
    from gwdesk.store import base
    from gwdesk.store.migrations import m014_start_up_indexes as m014
    monkeypatch.setattr(base.db, "obj", peewee.PostgresqlDatabase(None))
    assert dialect.not_a_date("received") == m014.NOT_A_DATE_POSTGRES
    monkeypatch.setattr(base.db, "obj", peewee.SqliteDatabase(":memory:"))
    assert f"WHERE {dialect.not_a_date('received')};" in m014.SQL
