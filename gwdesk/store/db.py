"""Open gwdesk's SQLite file: check it is ours and not too new, migrate it (with backups), bind peewee."""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee

from gwdesk.errors import StorageError
from gwdesk.store import base, migrations
from gwdesk.store.backup import backup_now
from gwdesk.store.dburl import ServerUrl
from gwdesk.store.errors_map import describe_storage_error
from gwdesk.store.inspect import (SQLITE_HEADER, FileInfo, connect_readonly, forget_closed, inspect_file, mark_closed,
                                  refuse_orphan_wal)

__all__ = ["Store", "open_store", "migrate", "inspect_file", "describe_storage_error",
           "connect_readonly", "SQLITE_HEADER", "PRAGMAS", "FileInfo"]

log = logging.getLogger(__name__)

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": 2,  # FULL: a committed transaction survives a power cut, not only a crash
}


@dataclass
class Store:
    """An open, migrated gwdesk database; `db` is also bound to `gwdesk.store.base.db`.

    `path` is the SQLite file; on a 单位共享数据库 (PostgreSQL) it is None and `url` names the server."""

    path: Path | None
    db: peewee.Database
    version: int
    backup_dir: Path | None = None  # where daily and pre-migration backups go
    checked: bool = False  # opened by open_store (the file checked, or as gwdesk left it): close() marks it so
    url: ServerUrl | None = None

    @property
    def shared(self) -> bool:
        return self.url is not None

    def label(self) -> str:
        """Where the data is, as the window shows it."""
        return self.url.label() if self.url is not None else str(self.path)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
            if self.checked:
                mark_closed(self.path)  # closed by gwdesk, its log checkpointed: the next open may skip quick_check
        if base.db.obj is self.db:
            base.db.initialize(None)
        if self.url is not None:
            from gwdesk import paths
            paths.set_shared_cache(None)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _MigrationConn:
    """The sqlite3 connection a step's `up()` sees: executescript and commit cannot end our transaction."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def executescript(self, script: str):
        # sqlite3's executescript COMMITs first; run statement by statement inside our transaction instead.
        start = 0
        for i, ch in enumerate(script):
            # complete_statement knows about quotes, comments and trigger bodies (BEGIN … END;)
            if ch == ";" and sqlite3.complete_statement(script[start:i + 1]):
                self._run(script[start:i + 1])
                start = i + 1
        self._run(script[start:])
        return self._conn.cursor()

    def _run(self, statement: str) -> None:
        body = "\n".join(ln for ln in statement.splitlines() if not ln.strip().startswith("--"))
        if body.strip().strip(";").strip():  # skip blanks and comment-only tails
            self._conn.execute(statement)

    def commit(self) -> None:  # the runner commits
        pass


def migrate(path: Path, current: int, backup_dir: Path | None, is_new: bool,
            target: int | None = None) -> int:
    """Apply steps current+1..target (default: all) one by one, each atomic; returns the version reached.

    Before each step of an existing database (`is_new` false) a copy goes to `backup_dir` when given.
    Each step runs `up()` and sets `PRAGMA user_version` inside one BEGIN IMMEDIATE … COMMIT; on any
    error it is rolled back and StorageError names the step.
    """
    pending = [(n, m) for n, m in migrations.steps() if n > current and (target is None or n <= target)]
    if not pending:
        return current
    conn = sqlite3.connect(str(path), timeout=5, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("PRAGMA journal_mode=wal")
        conn.execute("PRAGMA synchronous=FULL")
        for number, module in pending:
            if not is_new and backup_dir is not None:
                backup_now(path, backup_dir, reason=f"before-migrate-v{number}")
            try:
                conn.execute("BEGIN IMMEDIATE")
                module.up(_MigrationConn(conn))
                if not conn.in_transaction:
                    raise RuntimeError("the step ended the runner's transaction (it ran COMMIT itself)")
                bad = conn.execute("PRAGMA foreign_key_check").fetchall()
                if bad:
                    raise RuntimeError(f"foreign key check failed: {bad[:5]}")
                conn.execute(f"PRAGMA user_version={int(number)}")
                conn.execute("COMMIT")
            except Exception as e:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                log.exception("migration step %s failed", number)
                known = describe_storage_error(e)
                extra = f"（{known.message}）" if known else ""
                raise StorageError(
                    f"升级数据库“{path}”时第 {number} 步（{module.__name__.rsplit('.', 1)[-1]}）失败{extra}，"
                    f"已撤销该步，数据库仍为版本 {number - 1}。"
                    + ("升级前的备份在“" + str(backup_dir) + "”。" if backup_dir is not None and not is_new else ""),
                    detail=repr(e)) from e
            current = number
        return current
    finally:
        conn.close()


def open_store(path: str | os.PathLike | ServerUrl, *, backup_dir: str | os.PathLike | None = None) -> Store:
    """Open (creating if missing or 0 bytes) and migrate gwdesk's database; bind it to `base.db`.

    `path` is the SQLite file, or a ServerUrl for a 单位共享数据库 (gwdesk.store.server: an empty server
    database gets the schema; one of another program or of a newer gwdesk is refused).

    Refuses with StorageError, leaving the file untouched, a file that is not SQLite, is corrupt,
    belongs to another program, or comes from a newer gwdesk. Before each pending migration step of
    an existing database a copy is taken into `backup_dir` (`gwdesk-…-before-migrate-vN.db`).
    """
    if isinstance(path, ServerUrl):
        from gwdesk.store import server
        database, version = server.open_server(path)
        base.db.initialize(database)
        server.use_file_cache(path)
        return Store(path=None, db=database, version=version, url=path)
    path = Path(path)
    refuse_orphan_wal(path)  # an empty file beside a log full of writes: never opened (SQLite drops the log)
    info = inspect_file(path, trust_closed=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    forget_closed(path)  # open for writing from here: a crash before close() leaves the file to be checked
    try:
        version = migrate(path, info.version, Path(backup_dir) if backup_dir else None, info.new)
        database = peewee.SqliteDatabase(str(path), pragmas=dict(PRAGMAS))
        database.connect()
        got = database.execute_sql("PRAGMA journal_mode").fetchone()[0]
        if got.lower() != "wal":
            log.warning("journal_mode is %s, not wal (file system without shared memory?)", got)
    except StorageError:
        raise
    except (sqlite3.Error, peewee.DatabaseError, OSError) as e:
        known = describe_storage_error(e)
        if known is None:
            raise
        raise StorageError(f"无法打开数据库“{path}”：{known.message}", detail=str(e)) from e
    base.db.initialize(database)
    return Store(path=path, db=database, version=version, backup_dir=Path(backup_dir) if backup_dir else None,
                 checked=True)
