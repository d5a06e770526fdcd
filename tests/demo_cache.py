"""The demo ledgers, built once per test run for each starting point and copied in after that.

`gwdesk.core.demo.load` fills every ledger (about half a second); some fifty tests and fixtures call it, most
on the same fresh database and the same pinned day. On SQLite the first call from a given starting point runs
the real loader and keeps a copy of the database it made; a later call from the same starting point — every
row of every table equal (the moments rows were written aside), and the same `ctx.today()` — copies that
database into the live connection instead (SQLite's backup API): what the loader would have written
(tests/house/test_demo_cache.py compares the two). Any other starting point, and PostgreSQL, run the real
loader. The copies live in one folder for the run (`shared_folder`), so the xdist workers share them; other
slow builds use it too (tests/core/applications/test_applications_listing.py). GWDESK_DEMO_CACHE=0 turns the
copying off.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
from pathlib import Path

SHARED_ENV = "GWDESK_TEST_BUILDS"  # set by tests/conftest.py for the run: every xdist worker reads one folder
_BUILT: dict[str, tuple[Path, list[str]]] = {}
HITS = [0]  # copies made instead of loading (tests/house/test_demo_cache.py reads it)
# the moment a row was written (a profile's saved_at, an audit row) is not part of a starting point
_MOMENT = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?")
_MAX_ROWS = 5000  # a database with more rows than this is not fingerprinted (such a start is never repeated)


def shared_folder() -> Path:
    """The folder this run keeps built databases in (one for all workers; a process of its own otherwise)."""
    folder = os.environ.get(SHARED_ENV)
    if not folder:
        folder = tempfile.mkdtemp(prefix="gwdesk-test-builds-")
        os.environ[SHARED_ENV] = folder
    return Path(folder)


def keep(conn: sqlite3.Connection, path: Path) -> None:
    """Copy the live database to `path`, whole or not at all (another worker may read it any moment)."""
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    target = sqlite3.connect(part)
    try:
        conn.backup(target)
    finally:
        target.close()
    os.replace(part, path)


def restore(path: Path, conn: sqlite3.Connection) -> None:
    """Load the database kept at `path` into the live connection, schema and all."""
    source = sqlite3.connect(path)
    try:
        source.backup(conn)
    finally:
        source.close()


def _known(key: str) -> tuple[Path, list[str]] | None:
    if key in _BUILT:
        return _BUILT[key]
    db_file, ran_file = shared_folder() / f"demo-{key[:24]}.db", shared_folder() / f"demo-{key[:24]}.json"
    if db_file.exists() and ran_file.exists():  # built by another worker of this run
        _BUILT[key] = (db_file, json.loads(ran_file.read_text(encoding="utf-8")))
        return _BUILT[key]
    return None


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
        known = _known(key) if key is not None else None
        if known is not None:
            restore(known[0], conn)
            workdays.invalidate()
            HITS[0] += 1
            return list(known[1])
        ran = real(ctx)
        if key is not None:
            db_file = shared_folder() / f"demo-{key[:24]}.db"
            (shared_folder() / f"demo-{key[:24]}.json").write_text(json.dumps(list(ran)), encoding="utf-8")
            keep(conn, db_file)
            _BUILT[key] = (db_file, list(ran))
        return ran

    load.real = real
    load.__doc__ = real.__doc__
    demo_module.load = load
