"""Numbered schema migrations: module `mNNN_name.py` takes the database from version NNN-1 to NNN.

Each module defines `def up(conn: sqlite3.Connection) -> None` using plain SQL (never the live
peewee models, which change over time). The runner (gwdesk.store.db.migrate) guarantees:

- a copy of an existing database is taken first (`backups/gwdesk-…-before-migrate-vNNN.db`);
- `up(conn)` runs inside one `BEGIN IMMEDIATE` transaction together with `PRAGMA user_version = NNN`;
  if it raises, everything it did is rolled back and the file stays at NNN-1;
- `conn.execute`, `conn.executemany` and `conn.executescript` all stay inside that transaction
  (the runner's `executescript` runs statement by statement; `conn.commit()` does nothing);
- foreign keys are NOT enforced during `up` (so a table can be rebuilt: create new, copy, drop old,
  rename), but `PRAGMA foreign_key_check` must come back empty before the commit.

So a step must not issue BEGIN/COMMIT/VACUUM itself, nor change `PRAGMA foreign_keys`/`journal_mode`.
Released steps are never edited: add a new one (tests/fixtures/db keeps a database per version).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType

_NAME = re.compile(r"^m(\d{3})_\w+$")


def _numbered() -> list[tuple[int, str]]:
    """(number, module name) of every step in order, none imported; the chain must run 1, 2, 3… without gaps."""
    found = sorted((int(m.group(1)), info.name) for info in pkgutil.iter_modules(__path__)
                   if (m := _NAME.match(info.name)))
    for expected, (number, _) in enumerate(found, start=1):
        if number != expected:
            raise RuntimeError(f"migration chain has a gap: expected m{expected:03d}, found m{number:03d}")
    return found


def steps(after: int = 0) -> list[tuple[int, ModuleType]]:
    """The migration steps in order (those above version `after`); only these are imported (a start on a
    current database imports none: issue 25)."""
    return [(n, importlib.import_module(f"{__name__}.{name}")) for n, name in _numbered() if n > after]


def latest_version() -> int:
    s = _numbered()
    return s[-1][0] if s else 0
