"""Numbered schema migrations: module `mNNN_name.py` takes the database from version NNN-1 to NNN.

Each module defines `def up(conn: sqlite3.Connection) -> None` using plain SQL (never the live
peewee models, which change over time). The runner (gwdesk.store.db) applies each step inside one
transaction after copying the file, and sets `PRAGMA user_version` to NNN.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType

_NAME = re.compile(r"^m(\d{3})_\w+$")


def steps() -> list[tuple[int, ModuleType]]:
    """All migration steps in order; the chain must run 1, 2, 3… without gaps."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        m = _NAME.match(info.name)
        if m:
            found.append((int(m.group(1)), importlib.import_module(f"{__name__}.{info.name}")))
    found.sort(key=lambda s: s[0])
    for expected, (number, _) in enumerate(found, start=1):
        if number != expected:
            raise RuntimeError(f"migration chain has a gap: expected m{expected:03d}, found m{number:03d}")
    return found


def latest_version() -> int:
    s = steps()
    return s[-1][0] if s else 0
