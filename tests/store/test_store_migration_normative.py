"""Schema 15 (migrations/m015_normative_unanswered.py): 是否行政规范性文件 may be stored as not answered (NULL).

A schema-14 database with 意见单 rows (是, 否), their status history and a draft is upgraded on SQLite and on a
throwaway PostgreSQL cluster: every row keeps its id and its 是/否, the history and the draft still belong to their
form, the indexes are all there, and a form can now be stored unanswered; a form whose own values never answered
the question (stored as 否 before) becomes unanswered.
"""

from __future__ import annotations

from locations import ROOT

import shutil
import sqlite3

import pytest

from gwdesk.store import dburl, migrations, schema_check, server
from gwdesk.store.db import migrate, open_store

FIXTURES = ROOT / "tests" / "fixtures" / "db"
ROWS = [  # (id, year, seq, number, title, status, normative)
    (3, 2025, 1, "2025-001", "关于印发《青川县城乡低保审核确认办法》的通知", "已公开", 1),
    (7, 2025, 2, "2025-002", "关于召开2025年民政工作会议的通知", "草稿", 0),
]
# forms saved before schema 15 with their own values (the JSON the editor and the paper read): stored 0 where the
# clerk never answered; the upgrade makes the column say so (NULL), keeps a real 否/是, and a row whose data cannot
# be read or has no values keeps its stored answer. (id, seq, data, stored, after the upgrade)
OLD_FORMS = [
    (11, 11, '{"values": {"title": "未答", "normative": null}}', 0, None),
    (12, 12, '{"values": {"title": "缺项"}}', 0, None),
    (13, 13, '{"values": {"normative": false}}', 0, 0),
    (14, 14, '{"values": {"normative": true}}', 1, 1),
    (15, 15, '{"values": ', 0, 0),
    (16, 16, '[1, 2]', 0, 0),
]
INDEXES = {"review_form_year_status", "review_form_attribute", "review_form_dept", "review_form_doc_date",
           "review_form_title", "review_form_doc_number", "review_form_drafter"}


def _fill(execute) -> None:
    """Rows as a schema-14 gwdesk stored them (plain SQL: the live models are schema 15)."""
    for i, year, seq, number, title, status, normative in ROWS:
        execute("INSERT INTO review_form (id, year, seq, number, title, status, normative, created_at, updated_at)"
                f" VALUES ({i}, {year}, {seq}, '{number}', '{title}', '{status}', "
                f"{'TRUE' if normative else 'FALSE'}, '2025-03-01T09:00:00', '2025-03-02T10:00:00')")
    execute("INSERT INTO review_status_log (form_id, from_status, to_status, action, at)"
            " VALUES (3, '草稿', '待审核', 'submit', '2025-03-01T10:00:00')")
    execute("INSERT INTO review_draft (key, form_id, data, saved_at) VALUES ('form:7', 7, '{}', '2025-03-02T10:05:00')")
    for i, seq, data, stored, _ in OLD_FORMS:
        execute("INSERT INTO review_form (id, year, seq, number, status, normative, data, created_at, updated_at)"
                f" VALUES ({i}, 2024, {seq}, '2024-{seq:03d}', '已公开', {'TRUE' if stored else 'FALSE'}, '{data}',"
                " '2024-03-01T09:00:00', '2024-03-02T10:00:00')")


def _old_forms_after(rows) -> None:
    got = {i: (None if v is None else int(v)) for i, v in rows}
    assert got == {i: after for i, _, _, _, after in OLD_FORMS}


def test_sqlite_upgrade_keeps_rows_links_and_indexes_and_takes_an_unanswered_form(tmp_path):
    db_path = tmp_path / "gwdesk.db"
    shutil.copyfile(FIXTURES / "schema-v14.db", db_path)
    c = sqlite3.connect(db_path, isolation_level=None)
    c.execute("PRAGMA foreign_keys=ON")
    c.execute("BEGIN")
    _fill(c.execute)
    c.execute("COMMIT")
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):  # what schema 14 refused
        c.execute("INSERT INTO review_form (year, seq, number, normative, created_at, updated_at)"
                  " VALUES (2025, 9, '2025-009', NULL, 'x', 'x')")
    c.close()

    assert migrate(db_path, 14, tmp_path / "backups", False) == migrations.latest_version()

    c = sqlite3.connect(db_path, isolation_level=None)
    try:
        c.execute("PRAGMA foreign_keys=ON")
        got = c.execute("SELECT id, year, seq, number, title, status, normative FROM review_form WHERE year = 2025"
                        " ORDER BY id")
        assert got.fetchall() == ROWS
        _old_forms_after(c.execute("SELECT id, normative FROM review_form WHERE year = 2024").fetchall())
        assert c.execute("SELECT form_id, to_status FROM review_status_log").fetchall() == [(3, "待审核")]
        assert c.execute("SELECT key, form_id FROM review_draft").fetchall() == [("form:7", 7)]
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='review_form'"
                                         " AND name NOT LIKE 'sqlite_%'")}
        assert names == INDEXES
        assert schema_check.differences(c, migrations.latest_version()) == []
        # a form not answered is stored as such: a row naming no normative is unanswered, not 否
        c.execute("INSERT INTO review_form (year, seq, number, created_at, updated_at)"
                  " VALUES (2025, 3, '2025-003', 'x', 'x')")
        assert c.execute("SELECT normative FROM review_form WHERE number='2025-003'").fetchone() == (None,)
        # the cascade from the rebuilt table still reaches the history
        c.execute("DELETE FROM review_form WHERE id = 3")
        assert c.execute("SELECT COUNT(*) FROM review_status_log").fetchone() == (0,)
        # UNIQUE (year, seq) and UNIQUE number kept
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            c.execute("INSERT INTO review_form (year, seq, number, created_at, updated_at)"
                      " VALUES (2025, 2, '2025-x', 'x', 'x')")
    finally:
        c.close()


def test_sqlite_step_keeps_a_trigger_made_on_the_table():
    """Whatever trigger sits on review_form goes with the old table and is made again from its own SQL."""
    from gwdesk.store.db import _MigrationConn
    c = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for number, step in migrations.steps():
            if number == 15:
                break
            step.up(_MigrationConn(c))
        c.execute("CREATE TABLE seen (form_id INTEGER)")
        c.execute("CREATE TRIGGER review_form_seen AFTER INSERT ON review_form BEGIN "
                  "INSERT INTO seen VALUES (new.id); END")
        dict(migrations.steps(14))[15].up(_MigrationConn(c))
        c.execute("INSERT INTO review_form (year, seq, number, created_at, updated_at) VALUES (2026, 1, 'a', 'x', 'x')")
        assert c.execute("SELECT form_id FROM seen").fetchall() == [(1,)]
    finally:
        c.close()


def test_postgresql_upgrade_keeps_rows_and_takes_an_unanswered_form(pg_url):
    url = dburl.parse(pg_url)
    database = server.connect(url)
    database.connect()
    try:
        assert server.migrate(database, target=14) == 14
        with database.atomic():
            _fill(database.execute_sql)
        assert server.migrate(database) == migrations.latest_version()
        got = database.execute_sql("SELECT id, year, seq, number, title, status, normative FROM review_form"
                                   " WHERE year = 2025 ORDER BY id").fetchall()
        assert [tuple(r) for r in got] == [r[:6] + (bool(r[6]),) for r in ROWS]
        _old_forms_after(database.execute_sql("SELECT id, normative FROM review_form WHERE year = 2024").fetchall())
        nullable, default = database.execute_sql(
            "SELECT is_nullable, column_default FROM information_schema.columns"
            " WHERE table_name = 'review_form' AND column_name = 'normative'").fetchone()
        assert (nullable, default) == ("YES", None)
        with database.atomic():
            database.execute_sql("INSERT INTO review_form (year, seq, number, created_at, updated_at)"
                                 " VALUES (2025, 3, '2025-003', 'x', 'x')")
        assert database.execute_sql("SELECT normative FROM review_form WHERE number = '2025-003'").fetchone() \
            == (None,)
        assert database.execute_sql("SELECT form_id FROM review_status_log").fetchall() == [(3,)]
    finally:
        database.close()
    s = open_store(url)  # a client of this gwdesk opens it as current
    try:
        assert s.version == migrations.latest_version()
    finally:
        s.close()
