"""The demo ledgers, built once per test process for each starting point and copied in after that.

`gwdesk.core.demo.load` fills every ledger (about half a second); some fifty tests and fixtures call it, most
on the same fresh database and the same pinned day. On SQLite the first call from a given starting point runs
the real loader and keeps a copy of the database it made; a later call from the same starting point — every
row of every table equal (the moments rows were written aside), and the same `ctx.today()` — copies that
database into the live connection instead (SQLite's backup API): what the loader would have written
(tests/house/test_demo_cache.py compares the two). Any other starting point, and PostgreSQL, run the real
loader. GWDESK_DEMO_CACHE=0 turns the copying off.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import tempfile
from pathlib import Path

_FOLDER = Path(tempfile.mkdtemp(prefix="gwdesk-demo-cache-"))
_BUILT: dict[str, tuple[Path, list[str]]] = {}
HITS = [0]  # copies made instead of loading (tests/house/test_demo_cache.py reads it)
# the moment a row was written (a profile's saved_at, an audit row) is not part of a starting point
_MOMENT = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?")
_MAX_ROWS = 5000  # a database with more rows than this is not fingerprinted (such a start is never repeated)


def _fingerprint(conn: sqlite3.Connection, today) -> str | None:
    h = hashlib.sha256(repr(today).encode())
    rows = 0
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        h.update(name.encode())
        for row in conn.execute(f'SELECT * FROM "{name}"'):
            rows += 1
            if rows > _MAX_ROWS:
                return None
            h.update(_MOMENT.sub("·", repr(row)).encode())
    return h.hexdigest()


def install(demo_module) -> None:
    """Wrap `demo_module.load` (the real one stays as `demo_module.load.real`)."""
    real = demo_module.load
    if getattr(real, "real", None) is not None:
        return

    def load(ctx):
        from gwdesk.core import workdays
        from gwdesk.store import dialect
        from gwdesk.store.base import db
        if dialect.is_pg():
            return real(ctx)
        conn = db.connection()
        if conn.in_transaction:
            return real(ctx)
        key = _fingerprint(conn, ctx.today())
        if key is not None and key in _BUILT:
            copy, ran = _BUILT[key]
            source = sqlite3.connect(copy)
            try:
                source.backup(conn)
            finally:
                source.close()
            workdays.invalidate()
            HITS[0] += 1
            return list(ran)
        ran = real(ctx)
        if key is not None:
            copy = _FOLDER / f"{key[:16]}.db"
            target = sqlite3.connect(copy)
            try:
                conn.backup(target)
            finally:
                target.close()
            _BUILT[key] = (copy, list(ran))
        return ran

    load.real = real
    load.__doc__ = real.__doc__
    demo_module.load = load
