"""Schema 9: several task lists of one issuer and year (issue 26: a 民生实事 list no longer replaces the 政务公开 one).

Schema 3 made (issuer, year) unique, so a second list of the same office and year could only be stored as a
revision of the first. The table is rebuilt without that constraint (SQLite cannot drop it in place); which
list a file revises is now decided by its title (core/tasks/identity.py) and the clerk. An index keeps the
look-up by issuer and year.
"""

SQL = """
CREATE TABLE task_list_new (
    id           INTEGER PRIMARY KEY,
    issuer       TEXT NOT NULL,
    year         INTEGER NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    file_name    TEXT NOT NULL DEFAULT '',
    sheet        TEXT NOT NULL DEFAULT '',
    issued_on    TEXT,
    labels       TEXT NOT NULL DEFAULT '{}',
    imported_at  TEXT NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1
);
INSERT INTO task_list_new (id, issuer, year, title, file_name, sheet, issued_on, labels, imported_at, revision)
    SELECT id, issuer, year, title, file_name, sheet, issued_on, labels, imported_at, revision FROM task_list;
DROP TABLE task_list;
ALTER TABLE task_list_new RENAME TO task_list;
CREATE INDEX task_list_issuer_year ON task_list(issuer, year);
"""


def up(conn):
    for statement in SQL.split(";"):
        if statement.strip():
            conn.execute(statement)


def up_postgres(conn):
    """The same on a 单位共享数据库: PostgreSQL drops the constraint in place."""
    conn.execute("ALTER TABLE task_list DROP CONSTRAINT task_list_issuer_year_key;"
                 " CREATE INDEX task_list_issuer_year ON task_list(issuer, year)")
