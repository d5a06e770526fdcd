"""Schema 1: gwdesk metadata, the unit profile and key-value settings."""

SQL = """
CREATE TABLE gwdesk_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE unit_profile (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,
    supervisor  TEXT NOT NULL DEFAULT '',
    contact     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    departments TEXT NOT NULL DEFAULT '[]',
    groups      TEXT NOT NULL DEFAULT '[]',
    aliases     TEXT NOT NULL DEFAULT '[]',
    updated_at  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def up(conn):
    for statement in SQL.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO gwdesk_meta(key, value) VALUES ('app', 'gwdesk')")
