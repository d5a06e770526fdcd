"""Schema 10: no lost update between clerks of a 单位共享数据库 (issue 24), the same on SQLite.

- `version` on every record a clerk edits (意见单, application, task, annual report, unit profile): an update
  names the version it read and adds one; finding another, it changes nothing (core/concurrency.py);
- `counter`: the next 编号 per kind and year, taken in the saving transaction (no duplicates);
- `op_lock`: who runs a long operation (import, freeze, 定稿…) now, told to the others.

Each step carries its SQLite form (`up`) and its PostgreSQL form (`up_postgres`) side by side.
"""

_TABLES = ("review_form", "application", "task", "annual_report", "unit_profile")

_COMMON = """
CREATE TABLE counter (
    name   TEXT PRIMARY KEY,                        -- e.g. review_form:2026, application:2026
    value  INTEGER NOT NULL
);
CREATE TABLE op_lock (
    name    TEXT PRIMARY KEY,                       -- e.g. tasks.import
    holder  TEXT NOT NULL,                          -- who: user and computer
    since   TEXT NOT NULL                           -- ISO time it was taken
);
"""


def _statements() -> list[str]:
    out = [f"ALTER TABLE {t} ADD COLUMN version INTEGER NOT NULL DEFAULT 1" for t in _TABLES]
    return out + [s for s in _COMMON.split(";") if s.strip()]


def up(conn):
    for statement in _statements():
        conn.execute(statement)


def up_postgres(conn):
    conn.execute(";\n".join(_statements()))
