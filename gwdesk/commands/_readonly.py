"""Reading the data folder without the write lock, for commands that only look (work beside an open window)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from gwdesk import paths


@contextmanager
def read_only_store() -> Iterator[bool]:
    """Bind the models to a read-only connection of the data folder's database for the block; yields
    False (and binds nothing) when there is none or it cannot be read. Never takes gwdesk.lock."""
    import peewee

    from gwdesk.core import workdays
    from gwdesk.store.base import db
    path = paths.data_dir() / "gwdesk.db"
    previous = db.obj
    if previous is not None:  # already bound (a caller inside a session)
        yield True
        return
    database = None
    from gwdesk.store import dburl
    server = dburl.current()
    try:
        if server is not None:  # a 单位共享数据库: a read-only session on the server
            from gwdesk.store import server as pg
            database = pg.connect(server, read_only=True)
            database.connect()
            db.initialize(database)
            pg.use_file_cache(server)
        elif path.is_file():
            database = peewee.SqliteDatabase(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5)
            database.connect()
            database.execute_sql("PRAGMA query_only = 1")
            db.initialize(database)
    except (peewee.PeeweeException, OSError):
        database = None
    try:
        yield database is not None
    finally:
        if database is not None:
            db.initialize(previous)
            database.close()
            paths.set_shared_cache(None)
            workdays.invalidate()


def read_profile():
    """The unit profile as saved, or None; read without the lock so a window may hold it meanwhile."""
    import peewee

    from gwdesk.core import units
    with read_only_store() as bound:
        if not bound:
            return None
        try:
            return units.load()
        except (peewee.PeeweeException, ValueError):  # an older or damaged file: no profile rather than a crash
            return None
