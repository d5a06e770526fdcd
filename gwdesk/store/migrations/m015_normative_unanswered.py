"""Schema 15: 是否行政规范性文件 may be not answered yet (NULL) on a 意见单 (issue: a form whose clerk never answered
the question was stored and listed as 否).

`review_form.normative` was `INTEGER NOT NULL DEFAULT 0`; it becomes `INTEGER` (NULL: not answered, 0: 否, 1: 是)
with no default, so a row that does not name it is unanswered rather than 否. Stored rows keep their 0/1.

SQLite cannot drop a column's NOT NULL in place, so the table is rebuilt the way m009 rebuilds task_list: create
the new table, copy every row with its id, drop the old, rename the new. Foreign keys are not enforced during a
step (migrations/__init__.py) and the tables referring to review_form (review_status_log, review_draft) name it,
so they point at the rebuilt table with their rows untouched. The indexes and triggers on the old table go with
it and are made again from their own stored SQL, whatever they are (schema m002 made seven indexes, no trigger).
PostgreSQL drops the constraint and the default in place.

A form saved before schema 15 whose clerk never answered the question was stored as 0 (the column could not be
empty) while its own values (the JSON in `data`, which the editor and the printed form read) say not answered: its
column becomes NULL too, so the list and the 登记表 say 未填 as the editor and the paper do. Only where the stored
values exist and hold no answer; a row whose data cannot be read keeps its 0/1.
"""

import json

TABLE = """
CREATE TABLE review_form_new (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    number          TEXT NOT NULL UNIQUE,          -- 编号, e.g. 2026-007
    title           TEXT NOT NULL DEFAULT '',
    doc_number      TEXT NOT NULL DEFAULT '',      -- 发文字号
    dept            TEXT NOT NULL DEFAULT '',      -- 拟稿科室
    drafter         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT '草稿',
    attribute       TEXT NOT NULL DEFAULT '',      -- 公开属性
    normative       INTEGER,                       -- 是否行政规范性文件: 1 是, 0 否, NULL 未填
    doc_date        TEXT,                          -- 拟发文日期 (ISO)
    planned_date    TEXT,                          -- 拟公开日期
    published_date  TEXT,                          -- 实际公开日期
    data            TEXT NOT NULL DEFAULT '{}',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (year, seq)
)
"""

COLUMNS = ("id, year, seq, number, title, doc_number, dept, drafter, status, attribute, normative, doc_date, "
           "planned_date, published_date, data, created_at, updated_at, version")

SQL_POSTGRES = "ALTER TABLE review_form ALTER COLUMN normative DROP NOT NULL, ALTER COLUMN normative DROP DEFAULT"


def _unanswered(conn) -> list[int]:
    """Ids of the forms whose stored values hold no answer to 是否行政规范性文件 (the column said 否 for them)."""
    ids = []
    for form_id, data in conn.execute("SELECT id, data FROM review_form WHERE normative IS NOT NULL").fetchall():
        try:
            values = json.loads(data).get("values")
        except (TypeError, ValueError, AttributeError):
            continue
        if isinstance(values, dict) and values.get("normative") is None:
            ids.append(form_id)
    return ids


def up(conn) -> None:
    # the indexes and triggers made on the table (not its UNIQUE constraints' own: CREATE TABLE makes those)
    kept = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'review_form' AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL ORDER BY type, rowid").fetchall()]
    before = conn.execute("SELECT COUNT(*) FROM review_form").fetchone()[0]
    conn.execute(TABLE)
    conn.execute(f"INSERT INTO review_form_new ({COLUMNS}) SELECT {COLUMNS} FROM review_form")
    conn.execute("DROP TABLE review_form")
    conn.execute("ALTER TABLE review_form_new RENAME TO review_form")
    for sql in kept:
        conn.execute(sql)
    after = conn.execute("SELECT COUNT(*) FROM review_form").fetchone()[0]
    if after != before:  # cannot happen with the copy above; a step that loses a row must not commit
        raise RuntimeError(f"review_form rebuilt with {after} rows of {before}")
    conn.executemany("UPDATE review_form SET normative = NULL WHERE id = ?", [(i,) for i in _unanswered(conn)])


def up_postgres(conn) -> None:
    """The same on a 单位共享数据库: PostgreSQL drops the NOT NULL and the default in place."""
    conn.execute(SQL_POSTGRES)
    for form_id in _unanswered(conn):
        conn.execute("UPDATE review_form SET normative = NULL WHERE id = %s", (form_id,))
