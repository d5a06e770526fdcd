"""Opening gwdesk's data dir for a window or a command: lock, store (migrated), daily backup."""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from gwdesk import paths
from gwdesk.context import AppContext

log = logging.getLogger(__name__)


@contextmanager
def open_session(data_dir: Path | None = None, *, daily_backup: bool = True,
                 today: Callable[[], dt.date] = dt.date.today) -> Iterator[AppContext]:
    """Lock the data dir, open and migrate the store, take the day's first backup; undo on exit."""
    from gwdesk.store import backup
    from gwdesk.store.db import open_store
    from gwdesk.store.lock import InstanceLock

    if data_dir is not None:
        paths.set_data_dir(data_dir)
    ddir = paths.data_dir()
    ddir.mkdir(parents=True, exist_ok=True)
    paths.harden()
    with InstanceLock(ddir):
        try:
            paths.sweep_private_temp()  # preview files a killed window left behind
        except OSError:
            pass
        store = open_store(paths.db_path(), backup_dir=paths.backup_dir())
        try:
            if daily_backup:
                try:
                    backup.daily_backup_if_needed(store, today=today())
                except Exception:  # a failed backup must not stop the clerk's work; it is logged
                    log.exception("daily backup failed")
            yield AppContext(store=store, data_dir=ddir, today=today)
        finally:
            store.close()
