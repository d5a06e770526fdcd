"""Opening gwdesk's data dir for a window or a command: lock, store (migrated), clock check, daily backup."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from contextlib import contextmanager
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


def check_missing_data(on_missing: Callable[[object], Literal["restore", "empty"] | None] | None,
                       today: dt.date) -> None:
    """Under the lock: finish a restore that was killed; then a blank database beside real backups →
    restore it, start empty, or DataMissing.

    `on_missing(DataMissing)` answers "restore" (the newest verified backup is put back), "empty" (the
    clerk confirmed starting with no data) or None (raise).
    """
    from gwdesk.store import backup, restore

    restore.finish_interrupted(paths.db_path(), paths.backup_dir())  # a restore killed half-way
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
