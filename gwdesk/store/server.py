"""Open a 单位共享数据库 on PostgreSQL: connect, check it is gwdesk's and not too new, migrate it under an
advisory lock (exactly one client migrates), bind peewee.

The schema version lives in gwdesk_meta (key `schema_version`), the same numbers as SQLite's user_version: an
empty database gets the baseline (migrations/pg_baseline.py, version 7) and then each later step's
`up_postgres`, one transaction per step.
"""

from __future__ import annotations

import logging

import peewee

from gwdesk.errors import StorageError
from gwdesk.store import migrations
from gwdesk.store.dburl import ServerUrl
from gwdesk.store.migrations import pg_baseline

log = logging.getLogger(__name__)

VERSION_KEY = "schema_version"
MIGRATE_LOCK = 0x67776473_0001  # pg_advisory_xact_lock key of the migration runner ('gwds', 1)
LOCK_TIMEOUT_MS = 5000


def connect(url: ServerUrl, *, read_only: bool = False) -> peewee.PostgresqlDatabase:
    """A peewee database for `url` (not yet connected). The password comes from libpq's pgpass file.
    `read_only`: every transaction of the session is read-only (the commands that only look)."""
    params = url.connect_params()
    dbname = params.pop("dbname")
    params["options"] = f"-c lock_timeout={LOCK_TIMEOUT_MS} -c idle_in_transaction_session_timeout=600000" + (
        " -c default_transaction_read_only=on" if read_only else "")
    from gwdesk.store.changes import AnnouncingDatabase  # its writes tell the other clerks' windows
    return AnnouncingDatabase(dbname, **params)


class _StepConn:
    """What a step's `up_postgres(conn)` gets: `execute(sql, params=None)` inside the runner's transaction.
    Without params a text may hold several statements (PL/pgSQL bodies included)."""

    def __init__(self, database: peewee.PostgresqlDatabase):
        self._db = database

    def execute(self, sql: str, params=None):
        cur = self._db.cursor()
        cur.execute(sql, params) if params is not None else cur.execute(sql)
        return cur


def _table_exists(database, name: str) -> bool:
    return database.execute_sql("SELECT to_regclass(%s) IS NOT NULL", (name,)).fetchone()[0]


def read_version(database) -> int:
    """The schema version of a server database: 0 when it is empty; StorageError when it holds tables of
    another program."""
    if not _table_exists(database, "gwdesk_meta"):
        others = database.execute_sql(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()").fetchone()[0]
        if others:
            raise StorageError(f"数据库“{database.database}”中已有其他程序的数据表，不是 gwdesk 的共享数据库。"
                               "请让管理员为 gwdesk 另建一个空数据库。")
        return 0
    rows = dict(database.execute_sql("SELECT key, value FROM gwdesk_meta WHERE key IN ('app', %s)",
                                     (VERSION_KEY,)).fetchall())
    if rows.get("app") != "gwdesk":
        raise StorageError(f"数据库“{database.database}”不是 gwdesk 的共享数据库（缺少 gwdesk 标记）。")
    try:
        return int(rows.get(VERSION_KEY, "0"))
    except ValueError:
        raise StorageError(f"数据库“{database.database}”的版本记录已损坏：{rows.get(VERSION_KEY)!r}。") from None


def _write_version(database, version: int) -> None:
    database.execute_sql("INSERT INTO gwdesk_meta(key, value) VALUES (%s, %s)"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (VERSION_KEY, str(version)))


def migrate(database: peewee.PostgresqlDatabase, target: int | None = None) -> int:
    """Bring the server database to `target` (default: the latest), one transaction per step, each under the
    migration lock; a client that waited on the lock finds the work done and returns. The version reached."""
    latest = migrations.latest_version()
    target = latest if target is None else target
    steps = dict(migrations.steps())
    while True:
        with database.atomic():
            database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            version = read_version(database)
            if version > latest:
                raise StorageError(f"共享数据库“{database.database}”已由更新版本的 gwdesk（数据库版本 {version}）"
                                   f"使用，本程序只支持到版本 {latest}。请先升级本机的 gwdesk。")
            if version >= target:
                return version
            if version < pg_baseline.VERSION:
                if version != 0:
                    raise StorageError(f"共享数据库的版本 {version} 无法识别。")
                name, step, number = "pg_baseline", pg_baseline.up_postgres, pg_baseline.VERSION
            else:
                number = version + 1
                module = steps[number]
                name = module.__name__.rsplit(".", 1)[-1]
                step = getattr(module, "up_postgres", None)
                if step is None:
                    raise StorageError(f"升级共享数据库时第 {number} 步（{name}）没有 PostgreSQL 形式，无法升级。")
            try:
                with database.atomic():  # a savepoint: a failed step is named, the transaction rolled back
                    step(_StepConn(database))
                    _write_version(database, number)
            except StorageError:
                raise
            except Exception as e:
                log.exception("server migration step %s failed", number)
                raise StorageError(f"升级共享数据库时第 {number} 步（{name}）失败，已撤销该步，"
                                   f"数据库仍为版本 {version}。", detail=repr(e)) from e


def open_server(url: ServerUrl) -> tuple[peewee.PostgresqlDatabase, int]:
    """Connect to `url`, migrate, and return the connected database and its version; StorageError (Chinese)
    for a server that cannot be reached, a refused login, a database that is not gwdesk's or too new."""
    from gwdesk.store.errors_map import describe_storage_error
    database = connect(url)
    try:
        database.connect()
    except (peewee.PeeweeException, OSError) as e:
        # libpq gives no SQLSTATE before a session exists (server down, refused login, no such database):
        # one message naming what to check; the server's own words go to the detail
        database.close()
        raise StorageError(f"无法连接{url.label()}。请检查服务器地址、端口、用户名和数据库名是否正确、服务器是否已启动；"
                           "需要密码时，密码应写在本机的 pgpass 文件中。", detail=str(e)) from e
    try:
        version = migrate(database)
    except StorageError:
        database.close()
        raise
    except (peewee.PeeweeException, OSError) as e:
        database.close()
        known = describe_storage_error(e)
        if known is None:
            raise
        raise StorageError(f"无法打开{url.label()}：{known.message}", detail=str(e)) from e
    return database, version


def check(url: ServerUrl) -> tuple[list[str], str]:
    """For 测试连接 and `gwdesk selftest`: connect (the driver this program carries), check the database is
    gwdesk's at a version this program knows (migrating an empty one), read, and roll back a write.
    Returns (problems in Chinese, what was checked)."""
    try:
        database, version = open_server(url)
    except StorageError as e:
        import os
        log.info("server check of %s failed: %s", url.label(), e.detail)
        return [e.message + (f"（{e.detail}）" if os.environ.get("GWDESK_DEBUG") and e.detail else "")], ""
    try:
        with database.atomic() as txn:
            database.execute_sql("SELECT COUNT(*) FROM application").fetchone()
            database.execute_sql("INSERT INTO op_lock(name, holder, since) VALUES ('selftest', 'selftest', '')")
            txn.rollback()
    except peewee.PeeweeException as e:
        return [f"共享数据库读写失败：{e}"], ""
    finally:
        database.close()
    return [], f"{url.label()}（数据库版本 {version}）"
