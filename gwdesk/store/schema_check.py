"""A backup's database has exactly the schema gwdesk gives a database of its version: tables, columns,
indexes, triggers and views, nothing more, nothing less (issue 26.14: an archive carried an extra trigger that
would have emptied the ledger on the next 添加进展).

The reference is built by running the migration chain up to that version in memory (cached per version); the
objects are compared by type, name, table and their SQL with runs of spaces folded.
"""

from __future__ import annotations

import functools
import re
import sqlite3

from gwdesk.store import migrations

_KINDS = {"table": "数据表", "index": "索引", "trigger": "触发器", "view": "视图"}
_SPACE = re.compile(r"\s+")


def _objects(conn: sqlite3.Connection) -> frozenset[tuple[str, str, str, str]]:
    rows = conn.execute("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master "
                        "WHERE name NOT LIKE 'sqlite_%'").fetchall()
    return frozenset((t, n, tbl, _SPACE.sub(" ", sql).strip()) for t, n, tbl, sql in rows)


@functools.lru_cache(maxsize=16)
def reference(version: int) -> frozenset[tuple[str, str, str, str]]:
    """The schema objects of a database gwdesk brings to `version`."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for number, step in migrations.steps():
            if number > version:
                break
            step.up(conn)
        return _objects(conn)
    finally:
        conn.close()


def differences(conn: sqlite3.Connection, version: int) -> list[str]:
    """What differs from gwdesk's own schema of `version`, in Chinese ([] when nothing)."""
    found, ref = _objects(conn), reference(version)
    by_name = {(t, n): sql for t, n, _, sql in ref}
    out = []
    for t, n, _, sql in sorted(found - ref):
        what = _KINDS.get(t, t)
        out.append(f"多出{what}“{n}”" if (t, n) not in by_name else f"{what}“{n}”的定义与本程序不同")
    names = {(t, n) for t, n, _, _ in found}
    out += [f"缺少{_KINDS.get(t, t)}“{n}”" for t, n, _, _ in sorted(ref - found) if (t, n) not in names]
    return out
