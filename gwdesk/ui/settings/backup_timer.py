"""The daily backup while the window stays open: checked every hour and right after the computer wakes up.

A QTimer ticks every minute. On each tick the wall clock's advance is compared with the monotonic
clock's: the monotonic clock stands still while the computer sleeps (and ignores clock changes), so a
wall clock that ran ahead by more than a few minutes means the computer slept (or the clock was set),
and the day's backup is checked at once; otherwise it is checked once an hour. The backup itself (seconds
with hundreds of MB of evidence) runs in a worker thread on its own SQLite connection; its outcome comes
back to the window's thread through a queued signal.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from gwdesk import paths
from gwdesk.errors import GwdeskError
from gwdesk.store import backup
from gwdesk.ui.common import alerts

log = logging.getLogger(__name__)

TICK_MS = 60_000
CHECK_EVERY_S = 3600
JUMP_S = 300  # wall clock ahead of the monotonic clock by this much: slept, or the clock was changed


class BackupScheduler(QObject):
    """Runs `backup.daily_outcome` when due; a failure is told to the clerk once, and shown in 设置."""

    ran = Signal(object)  # the backup.Outcome of a check that made a backup
    failed = Signal(str)
    _done = Signal(object)  # (Outcome | None, failure message | None) from the worker thread

    def __init__(self, ctx, parent=None, *, wall: Callable[[], float] = time.time,
                 mono: Callable[[], float] = time.monotonic, threaded: bool = True):
        super().__init__(parent)
        self.ctx = ctx
        self.threaded = threaded
        self._worker: threading.Thread | None = None
        self._done.connect(self._finish)
        self._wall, self._mono = wall, mono
        self._last_wall, self._last_mono = wall(), mono()
        self._last_check = self._last_mono
        self._told_failure = ""
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.timer.start()

    def tick(self) -> bool:
        """One timer tick; True when it checked the day's backup."""
        wall, mono = self._wall(), self._mono()
        jumped = (wall - self._last_wall) - (mono - self._last_mono) > JUMP_S
        self._last_wall, self._last_mono = wall, mono
        if not jumped and mono - self._last_check < CHECK_EVERY_S:
            return False
        if jumped:
            log.info("wall clock jumped ahead (woke from sleep?): checking the daily backup")
        self._last_check = mono
        self.start_check()
        return True

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def start_check(self) -> bool:
        """Check the day's backup in the worker thread (at once when not `threaded`); False if one runs."""
        if self.busy:
            return False
        if getattr(self.ctx.store, "shared", False):  # a 单位共享数据库 is backed up on its server (pg_dump)
            return False
        if not self.threaded:
            self._finish(self._work())
            return True
        self._worker = threading.Thread(target=lambda: self._done.emit(self._work()), name="gwdesk-backup",
                                        daemon=True)
        self._worker.start()
        return True

    def check(self):
        """Check and make the day's backup now, in this thread; the Outcome of a new backup, or None."""
        result = self._work()
        self._finish(result)
        return result[0] if result[0] is not None and result[0].path is not None else None

    def _work(self) -> tuple:
        try:
            return backup.daily_outcome(self.ctx.store, self.ctx.today(), paths.backup_dir()), None
        except (GwdeskError, OSError) as e:
            return None, getattr(e, "message", str(e))

    def _finish(self, result) -> None:
        outcome, message = result
        if message is not None:
            log.warning("daily backup failed: %s", message)
            self.failed.emit(message)
            self._refresh_window()
            if message != self._told_failure:  # once per distinct failure, not every hour
                self._told_failure = message
                alerts.warn(self.parent() if isinstance(self.parent(), QWidget) else None, self.tr("自动备份失败"),
                            self.tr("今天的自动备份没有成功：\n{0}\n\n数据本身未受影响。问题解决后会自动重试，"
                                    "也可以在“设置 → 数据备份与恢复”中点“立即备份”。").format(message))
            return
        self._told_failure = ""
        if outcome.path is not None:
            self.ran.emit(outcome)
            self._refresh_window()

    def _refresh_window(self) -> None:
        win = self.parent()
        if win is not None and hasattr(win, "refresh_status"):
            win.refresh_status()
        pages = getattr(win, "pages", {})
        if "settings" in pages:
            pages["settings"].refresh()
