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
from gwdesk.store.pg_database import VERSION_KEY, ConnectionLost, ServerDatabase

__all__ = ["VERSION_KEY", "ConnectionLost", "ServerDatabase", "connect", "open_server", "migrate", "check",
           "check_login", "read_version", "auth_problem", "use_file_cache"]

log = logging.getLogger(__name__)

MIGRATE_LOCK = 0x67776473_0001  # pg_advisory_xact_lock key of the migration runner ('gwds', 1)
LOCK_TIMEOUT_MS = 5000


def connect(url: ServerUrl, *, read_only: bool = False, password: str | None = None) -> peewee.PostgresqlDatabase:
    """A peewee database for `url` (not yet connected). The password: `password`, else one typed this run or kept
    in the system's credential store (store/credentials.py), else libpq reads its pgpass file.
    `read_only`: every transaction of the session is read-only (the commands that only look)."""
    from gwdesk.store import credentials
    params = url.connect_params()
    password = password or credentials.known(url)
    if password:
        params["password"] = password
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


def _pgconn(exc: BaseException):
    """The driver's connection attempt behind a failed connect (psycopg keeps it on the error), or None."""
    from gwdesk.store.errors_map import exception_chain
    for e in exception_chain(exc):
        found = getattr(e, "pgconn", None)
        if found is not None:
            return found
    return None


def auth_problem(url: ServerUrl, exc: BaseException, password: str | None) -> str | None:
    """credentials.NEEDED when the server asked for a password and none was at hand, credentials.WRONG when the
    one sent was refused, None for any other failure. libpq gives no SQLSTATE before a session exists, so a
    refused password is told apart from, say, a database that is not there by trying the same login on the
    server's maintenance database: it gets in → the password was right."""
    from gwdesk.store import credentials
    pgconn = _pgconn(exc)
    if pgconn is None:
        return None
    if getattr(pgconn, "needs_password", False):
        return credentials.NEEDED
    if not getattr(pgconn, "used_password", False):
        return None
    probe = connect(ServerUrl(url.user, url.host, url.port, "postgres"), password=password)
    try:
        probe.connect()
    except (peewee.PeeweeException, OSError):
        return credentials.WRONG
    finally:
        probe.close()
    return None


MAX_ASKS = 5


def _connect_asking(url: ServerUrl, password: str | None = None) -> peewee.PostgresqlDatabase:
    """Connect, asking for the password (credentials.asker) while the server wants one; StorageError (Chinese)
    when it cannot be reached or the clerk gives up. A password typed is kept for this run, and remembered
    (credential store or pgpass) when the clerk ticked 记住密码 — only once it has let the clerk in."""
    from gwdesk.store import credentials
    answer = None
    for _ in range(MAX_ASKS + 1):
        database = connect(url, password=password)
        try:
            database.connect()
        except (peewee.PeeweeException, OSError) as e:
            database.close()
            problem = auth_problem(url, e, password or credentials.known(url) or credentials.pgpass_lookup(url))
            if problem is None:
                # server down, no such database, no route: one message naming what to check; the server's own
                # words go to the detail
                raise StorageError(f"无法连接{url.label()}。请检查服务器地址、端口、用户名和数据库名是否正确、"
                                   "服务器是否已启动。", detail=str(e)) from e
            ask = credentials.asker()
            if ask is None:
                said = ("需要密码" if problem == credentials.NEEDED else "密码不正确")
                raise StorageError(f"登录{url.label()}失败：用户“{url.user}”{said}。"
                                   + credentials.how_to_supply(url), detail=str(e)) from e
            answer = ask(url, problem, str(e).strip())
            if answer is None:
                raise StorageError(f"未输入密码，没有连接{url.label()}。", detail=str(e)) from e
            password = answer.password
            continue
        if password:
            credentials.typed(url, password)
            if answer is not None and answer.remember:
                try:
                    where = credentials.remember(url, password)
                    log.info("password of %s remembered in %s", url.label(), where)
                except StorageError as e:
                    log.warning("password not remembered: %s", e.message)
        return database
    raise StorageError(f"登录{url.label()}失败：密码多次不正确。请向管理员确认用户名和密码。")


def open_server(url: ServerUrl, password: str | None = None) -> tuple[peewee.PostgresqlDatabase, int]:
    """Connect to `url` (with `password`, or asking for one when the server wants it), migrate, and return the
    connected database and its version; StorageError (Chinese) for a server that cannot be reached, a refused
    login, a database that is not gwdesk's or too new."""
    from gwdesk.store.errors_map import describe_storage_error
    database = _connect_asking(url, password)
    try:
        version = migrate(database)
        database.guard_version = True
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


def use_file_cache(url: ServerUrl) -> None:
    """This computer's copies of the server's files (store/files.py) go to the data folder's shared/<key>/."""
    from gwdesk import paths
    from gwdesk.store.files import cache_key
    paths.set_shared_cache(cache_key(url.host, url.port, url.dbname))


def check_login(url: ServerUrl, password: str | None = None) -> tuple[list[str], str, str]:
    """`check` for 测试连接, which asks the password itself: (problems, what was checked, '' or
    credentials.NEEDED / WRONG when the server wants a password / refused the one given)."""
    from gwdesk.store import credentials
    asked: list[str] = []
    previous = credentials.asker()
    credentials.set_asker(lambda u, problem, said: asked.append(problem))  # answers None: no connection
    try:
        problems, checked = check(url, password)
    finally:
        credentials.set_asker(previous)
    return problems, checked, (asked[-1] if asked else "")


def check(url: ServerUrl, password: str | None = None) -> tuple[list[str], str]:
    """For 测试连接 and `gwdesk selftest`: connect (the driver this program carries), check the database is
    gwdesk's at a version this program knows (migrating an empty one), read, and roll back a write.
    Returns (problems in Chinese, what was checked)."""
    try:
        database, version = open_server(url, password)
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
