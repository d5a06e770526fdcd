"""Telling the other clerks' windows what changed (a 单位共享数据库): PostgreSQL LISTEN/NOTIFY.

- `AnnouncingDatabase` (the database every clerk's gwdesk opens on a server): a statement that changes rows of a
  table a screen shows is announced (`NOTIFY CHANNEL, 'table'`) on the same connection: inside a transaction
  sent together with its COMMIT (no extra round trip; nothing on a rollback; one per table however many
  statements wrote it), outside one right after the statement. Drafts, the audit trail, counters and locks are
  quiet: each clerk's own typing, or bookkeeping no screen lists.
- `Listener`: a connection of its own that LISTENs; `take()` reads what arrived without waiting (the window
  calls it when the connection's socket has data, `fileno()`), leaving out the clerk's own changes (`own_pid`).

SQLite mode has no notifications: one gwdesk per data folder, and the window reloads on coming back.
"""

from __future__ import annotations

import logging
import re
import threading

import peewee

from gwdesk.store.base import db
from gwdesk.store.pg_database import ServerDatabase

log = logging.getLogger(__name__)

CHANNEL = "gwdesk_changed"
# written by every clerk's own work or by the program's bookkeeping: no screen of a colleague lists them
QUIET = frozenset({"review_draft", "change_log", "op_lock", "counter", "gwdesk_meta", "application_search",
                   "app_user"})
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def written_table(sql: str) -> str | None:
    """The table a statement writes (INSERT/UPDATE/DELETE), or None for any other statement."""
    m = _WRITE.match(sql)
    return m.group(1).lower() if m else None


def _notify_sql(tables) -> str:
    return "; ".join(f"NOTIFY {CHANNEL}, '{t}'" for t in sorted(tables))  # names of \w characters only


_pending = threading.local()  # per thread (each has its own connection): the tables its transaction wrote


class AnnouncingDatabase(ServerDatabase):
    """A PostgreSQL database whose writes to a watched table are announced on CHANNEL (see the module). The
    notifications of a transaction ride on its COMMIT (one round trip, as without them); a statement outside
    a transaction is announced right after it."""

    def _written(self) -> set[str]:
        return _pending.__dict__.setdefault(id(self), set())

    def execute_sql(self, sql, params=None):
        cursor = super().execute_sql(sql, params)
        table = written_table(sql) if isinstance(sql, str) else None
        if table and table not in QUIET and cursor.rowcount != 0:  # -1: not known, announced
            if self.in_transaction():
                self._written().add(table)
            else:
                super().execute_sql(_notify_sql([table]))
        return cursor

    def commit(self):
        written = self._written()
        if not written or self.is_closed():
            return super().commit()
        sql = _notify_sql(written) + "; COMMIT"
        written.clear()
        with peewee.__exception_wrapper__:
            self.cursor().execute(sql)

    def rollback(self):
        self._written().clear()
        return super().rollback()


def own_pid() -> int | None:
    """The server process of this thread's connection (its notifications are this clerk's own), or None."""
    d = db.obj
    if not isinstance(d, peewee.PostgresqlDatabase) or d.is_closed():
        return None
    return d.connection().info.backend_pid


class Listener:
    """LISTEN on a connection of its own to the server of `url` (a ServerUrl). Raises the driver's error when
    the server cannot be reached; the window then keeps to reloading when the clerk comes back."""

    def __init__(self, url):
        import psycopg

        from gwdesk.store import credentials
        params = url.connect_params()
        params["application_name"] = "gwdesk-listen"
        password = credentials.known(url)  # typed at start or in the credential store (else libpq's pgpass)
        if password:
            params["password"] = password
        self.conn = psycopg.connect(autocommit=True, **params)
        self.conn.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        return self.conn.fileno()

    def take(self, ignore: set[int | None] | frozenset = frozenset()) -> set[str]:
        """The tables changed by others since the last call (nothing waits: what has arrived, or nothing)."""
        return {n.payload for n in self.conn.notifies(timeout=0) if n.pid not in ignore}

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001 - a connection already gone
            log.debug("closing the listening connection", exc_info=True)
