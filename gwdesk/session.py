"""Opening gwdesk's data dir for a window or a command: lock, store (migrated), clock check, daily backup."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Callable, Iterator, Literal

from gwdesk import paths
from gwdesk.context import AppContext

log = logging.getLogger(__name__)


@contextmanager
def open_session(data_dir: Path | None = None, *, daily_backup: bool = True,
                 today: Callable[[], dt.date] = dt.date.today,
                 on_missing: Callable | None = None,
                 on_clock: Callable | None = None) -> Iterator[AppContext]:
    """Lock the data dir, open and migrate the store, check the computer's date, take the day's first
    backup; undo on exit.

    A missing or empty database beside backups holding data never opens as a new unit: `on_missing`
    (the window's offer) is asked, else backup.DataMissing is raised (see `check_missing_data`).
    A date that looks wrong (store/clock.py) is put on `ctx.clock_problem` and told through `on_clock`
    (default: printed to stderr, for the commands; the window passes its own and shows a dialog).
    """
    from gwdesk.store import backup, clock
    from gwdesk.store.db import open_store
    from gwdesk.store.lock import InstanceLock

    if data_dir is not None:
        paths.set_data_dir(data_dir)
    ddir = paths.data_dir()
    ddir.mkdir(parents=True, exist_ok=True)
    paths.harden()
    from gwdesk.store import dburl
    server = dburl.current()  # a 单位共享数据库 (PostgreSQL) chosen for this computer, or None: the SQLite file
    if server is None:
        from gwdesk.store.netshare import refuse_network_folder
        refuse_network_folder(ddir)  # two computers on one SQLite file over a share would corrupt it
    with InstanceLock(ddir):  # one window per computer and data folder; on a server it guards no data
        if server is None:
            check_missing_data(on_missing, today())
        try:
            paths.sweep_private_temp()  # preview files a killed window left behind
        except OSError:
            pass
        store = open_store(server or paths.db_path(), backup_dir=paths.backup_dir())
        try:
            seed = None if clock.read_mark(ddir) else backup.newest_day(paths.backup_dir())
            problem = clock.observe(ddir, today(), seed, store.db)
            if problem is not None:
                (on_clock or print_clock_problem)(problem)
            if daily_backup and server is not None:
                log.info("shared database: the day's backup is the server's (pg_dump), not this computer's")
            elif daily_backup:
                try:
                    backup.daily_backup_if_needed(store, today=today())
                except Exception:  # a failed backup must not stop the clerk's work; it is recorded
                    log.exception("daily backup failed")  # and the window shows it (offsite.last_failure)
            yield AppContext(store=store, data_dir=ddir, today=today, clock_problem=problem)
        finally:
            store.close()


def print_clock_problem(problem) -> None:
    print(f"注意：{problem.message}", file=sys.stderr)


def warn_clock_read_only(today: dt.date) -> None:
    """For a command that computes with today without taking the data folder: the same warning, from the
    mark as it is (nothing written)."""
    from gwdesk.store import clock
    problem = clock.check(today, clock.read_mark(paths.data_dir()))
    if problem is not None:
        print_clock_problem(problem)


@contextmanager
def open_reading_session(data_dir: Path | None = None, *,
                         today: Callable[[], dt.date] = dt.date.today) -> Iterator[AppContext]:
    """For commands that only read (tasks overview/export/progress, review registers): a full session when the
    data folder is free, else — a window has it open — the database read-only, without the lock.

    The window keeps the database at the current schema and writes it in whole transactions, so a read-only
    connection beside it sees a consistent state. An empty database beside a write-ahead log, or beside
    backups with data, is refused as a full session would refuse it.
    """
    from gwdesk.store.lock import InstanceBusy
    if data_dir is not None:
        paths.set_data_dir(data_dir)
    with ExitStack() as stack:
        try:
            ctx = stack.enter_context(open_session(today=today))
        except InstanceBusy:
            ctx = stack.enter_context(_read_only_context(today))
        yield ctx


@contextmanager
def _read_only_context(today: Callable[[], dt.date]) -> Iterator[AppContext]:
    import peewee

    from gwdesk.errors import StorageError
    from gwdesk.store import backup, base, migrations
    from gwdesk.store.db import Store
    from gwdesk.store.inspect import inspect_file, refuse_orphan_wal
    path = paths.db_path()
    refuse_orphan_wal(path)
    missing = backup.missing_data(path, paths.backup_dir(), today())
    if missing is not None:
        raise missing
    info = inspect_file(path)
    if info.new or info.version != migrations.latest_version():
        raise StorageError("数据目录正被打开的窗口使用，而数据库尚未就绪（正在升级或还没有数据），请稍后再试，"
                           "或关闭窗口后再运行。")
    database = peewee.SqliteDatabase(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5)
    previous = base.db.obj
    try:
        database.connect()
        database.execute_sql("PRAGMA query_only = 1")
    except peewee.PeeweeException as e:
        raise StorageError(f"无法只读打开数据库“{path}”，请关闭窗口后再运行。", detail=str(e)) from e
    base.db.initialize(database)
    try:
        yield AppContext(store=Store(path=path, db=database, version=info.version), data_dir=paths.data_dir(),
                         today=today)
    finally:
        from gwdesk.core import workdays
        base.db.initialize(previous)
        database.close()
        workdays.invalidate()  # the holiday table read from this database


def check_missing_data(on_missing: Callable[[object], Literal["restore", "empty"] | None] | None,
                       today: dt.date) -> None:
    """Under the lock: finish a restore that was killed; then a blank database beside real backups →
    restore it, start empty, or DataMissing.

    `on_missing(DataMissing)` answers "restore" (the newest verified backup is put back), "empty" (the
    clerk confirmed starting with no data) or None (raise).
    """
    from gwdesk.store import backup, restore

    from gwdesk.store.inspect import refuse_orphan_wal
    restore.finish_interrupted(paths.db_path(), paths.backup_dir())  # a restore killed half-way
    refuse_orphan_wal(paths.db_path())
    missing = backup.missing_data(paths.db_path(), paths.backup_dir(), today)
    if missing is None:
        return
    answer = on_missing(missing) if on_missing else None
    if answer == "restore":
        restore.restore(paths.db_path(), missing.candidate.path, paths.backup_dir())
        log.warning("database was blank; restored %s", missing.candidate.path)
    elif answer == "empty":
        log.warning("database was blank beside backups; the clerk chose to start empty")
    else:
        raise missing
