"""Which database drivers a process loads.

peewee imports every PostgreSQL driver it finds (psycopg, psycopg2) when it is itself first imported, whether or
not the process ever connects to a server: with psycopg installed that is about 0.5 s and 20 MB more for each
start of the window (issue 25, measured by `bench/run.py --only startup`). A process that will only use the
data folder's SQLite file says so before peewee's first import; the drivers then look absent to every import in
that process (Python's documented `sys.modules[name] = None`), and peewee loads without them.
"""

from __future__ import annotations

import sys

SERVER_DRIVERS = ("psycopg", "psycopg2")  # the ones peewee tries at import (psycopg2cffi through psycopg2)


def sqlite_only() -> bool:
    """Keep peewee from importing the PostgreSQL drivers in this process. Only before peewee's first import and
    for a driver not yet imported; returns whether it took effect."""
    if "peewee" in sys.modules:
        return False
    for name in SERVER_DRIVERS:
        sys.modules.setdefault(name, None)
    return all(sys.modules[name] is None for name in SERVER_DRIVERS)
