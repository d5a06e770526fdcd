"""The connection to a 单位共享数据库 as peewee sees it (ServerDatabase), surviving what a network does to it.

- A lost connection (network cut, server restarted, session killed): the transaction it cut fails with a plain
  message (the server rolled it back when the session ended) and the next operation connects again by itself;
  a COMMIT lost on the way says it cannot tell whether it was kept.
- A database a newer gwdesk upgraded while this one is open (a colleague's): every transaction reads the schema
  version with its BEGIN, in the same round trip, and writes nothing when it is newer; a statement that meets a
  schema it was not written for asks the version too, so the message says why.

Subclasses (store/changes.py announces writes) keep all of this: the COMMIT is checked by the transaction
object, however the subclass sends it.
"""

from __future__ import annotations

import logging

import peewee

from gwdesk.errors import StorageError
from gwdesk.store import migrations

log = logging.getLogger(__name__)

VERSION_KEY = "schema_version"  # gwdesk_meta's key of the schema version on a server

LOST = ("与单位共享数据库服务器的连接中断了（网络或服务器故障），刚才的操作没有保存，已全部撤销；"
        "正在编辑的内容仍在窗口中。网络恢复后请再保存一次（gwdesk 会自动重新连接）；如仍不行，请联系管理员。")
UNSURE = ("保存时与单位共享数据库服务器的连接中断了，无法确认这次保存是否完成。正在编辑的内容仍在窗口中："
          "网络恢复后请重新打开该记录核对，必要时再保存一次。")
UNREACHABLE = ("无法重新连接单位共享数据库服务器（服务器未启动或网络中断），刚才的操作没有保存。"
               "正在编辑的内容仍在窗口中，请稍后再保存；如仍不行，请联系管理员。")


# what a statement of this version meets in a schema a newer gwdesk changed: an undefined column, table or
# function, a column it does not fill, a changed type (SQLSTATE)
SCHEMA_STATES = ("42703", "42P01", "42883", "23502", "42804")


def newer_message(database, version: int) -> str:
    return (f"共享数据库“{database}”已由更新版本的 gwdesk 升级（数据库版本 {version}），本程序只支持到版本 "
            f"{migrations.latest_version()}：刚才的操作没有保存。请先升级本机的 gwdesk，再重新打开。")


def _sqlstate(exc: BaseException) -> str:
    from gwdesk.store.errors_map import exception_chain
    for e in exception_chain(exc):
        state = getattr(e, "sqlstate", None)
        if isinstance(state, str) and state:
            return state
    return ""


class ConnectionLost(StorageError):
    """The server connection died (network cut, server restarted, session killed); nothing of the
    transaction it ended was kept, unless the message says it is unsure (a lost COMMIT)."""


def _broken(conn) -> bool:
    return conn is not None and bool(getattr(conn, "closed", False) or getattr(conn, "broken", False))


class ServerDatabase(peewee.PostgresqlDatabase):
    """peewee's PostgreSQL database, surviving a lost connection: the transaction it cut is reported (the
    server rolled it back when the session ended), and the next operation connects again by itself."""

    guard_version = False  # set once the schema is this program's (open_server): each transaction checks it

    def begin(self, isolation_level=None):
        """BEGIN, and in the same round trip the schema version: a transaction on a database a newer gwdesk has
        upgraded meanwhile (a colleague's) writes nothing and says so. `isolation_level`: e.g.
        'REPEATABLE READ, READ ONLY' (given here: no SET TRANSACTION can follow the version query)."""
        if not self.guard_version:
            return super().begin(isolation_level)
        level = isolation_level or self._isolation_level
        stmt = f"BEGIN TRANSACTION ISOLATION LEVEL {self._adapter.isolation_level_str(level)}" if level else "BEGIN"
        try:
            cur = self.cursor()
            cur.execute(f"{stmt}; SELECT value FROM gwdesk_meta WHERE key = '{VERSION_KEY}'")  # simple protocol
            cur.nextset()
            row = cur.fetchone()
        except Exception as e:  # noqa: BLE001 - a driver error: lost connection or as peewee would say
            if self.connection_lost():
                raise ConnectionLost(LOST, detail=str(e)) from e
            raise
        try:
            version = int(row[0]) if row else 0
        except (TypeError, ValueError):
            version = 0
        if version > migrations.latest_version():
            cur.execute("ROLLBACK")
            raise StorageError(newer_message(self.database, version))

    def connection_lost(self) -> bool:
        return not self.is_closed() and _broken(self._state.conn)

    def _check_newer(self, exc: BaseException) -> None:
        """StorageError when the schema is a newer gwdesk's (the statement that failed was written for this one's)."""
        try:
            row = super().execute_sql("SELECT value FROM gwdesk_meta WHERE key = %s", (VERSION_KEY,)).fetchone()
            version = int(row[0]) if row else 0
        except (peewee.PeeweeException, ValueError, TypeError):
            return
        if version > migrations.latest_version():
            raise StorageError(newer_message(self.database, version), detail=str(exc)) from exc

    def cursor(self, named_cursor=None):
        if self.connection_lost():
            if self.in_transaction():  # the transaction is gone with its session: its later statements too
                raise ConnectionLost(LOST)
            log.warning("the shared database connection was lost; connecting again")
            self._state.reset()
            try:
                self.connect()
            except (peewee.PeeweeException, OSError) as e:
                self._state.reset()
                raise ConnectionLost(UNREACHABLE, detail=str(e)) from e
        return super().cursor(named_cursor)

    def execute_sql(self, sql, params=None):
        try:
            return super().execute_sql(sql, params)
        except (peewee.OperationalError, peewee.InterfaceError) as e:
            if self.connection_lost():
                raise ConnectionLost(LOST, detail=str(e)) from e
            self._suspect(e)
            raise
        except peewee.DatabaseError as e:
            self._suspect(e)
            raise

    def _suspect(self, e: BaseException) -> None:
        """A statement met a schema it was not written for: a newer gwdesk's? Asked now, or — inside a transaction,
        which the error has aborted — once it is rolled back."""
        if _sqlstate(e) not in SCHEMA_STATES:
            return
        if self.in_transaction():
            self._state.schema_suspect = e  # this thread's connection (peewee keeps one per thread)
        else:
            self._check_newer(e)

    def rollback(self):
        if self.connection_lost():
            return  # the server rolled the transaction back when the session ended: nothing left to undo
        super().rollback()
        suspect = getattr(self._state, "schema_suspect", None)
        self._state.schema_suspect = None
        if suspect is not None:
            self._check_newer(suspect)  # replaces the statement's own error when the schema is a newer gwdesk's

    def commit(self):
        self._state.schema_suspect = None
        return super().commit()

    def transaction(self, *args, **kwargs):
        return _Transaction(self, *args, **kwargs)


class _Transaction(peewee._transaction):
    """peewee's transaction, whose COMMIT lost with the connection says it cannot tell whether it was kept
    (however a subclass of ServerDatabase sends its COMMIT)."""

    def commit(self, begin=True):
        try:
            super().commit(begin)
        except (peewee.OperationalError, peewee.InterfaceError) as e:
            if self.db.connection_lost():
                raise ConnectionLost(UNSURE, detail=str(e)) from e
            raise
