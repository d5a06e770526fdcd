"""Screens that follow colleagues' changes (a 单位共享数据库) while gwdesk stays in front.

`ChangeWatcher` listens on a connection of its own (gwdesk.store.changes), opened in a thread (a server that
does not answer never freezes the window): Qt watches that connection's socket (QSocketNotifier, no event
filter) and reads what arrived without waiting, also once a second in case the driver had already read it; the
tables named within BATCH_MS come out as one `changed` signal, at most one every GAP_MS (colleagues saving all the
time never keep a screen reading). A lost connection is opened again every
RETRY_MS, and what changed meanwhile is reported as everything (`EVERYTHING` in the set).

`kept_view` puts back a list's selection (by each row's key, not its number), current row and scroll position
after the list was read again.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from PySide6.QtCore import (QAbstractListModel, QElapsedTimer, QItemSelection, QItemSelectionModel, QModelIndex,
                            QObject, QSocketNotifier, QTimer, Signal)
from PySide6.QtWidgets import QAbstractItemView

from gwdesk.store import changes

log = logging.getLogger(__name__)

EVERYTHING = "*"


def touches(tables: set[str], watched: frozenset[str] | set[str]) -> bool:
    return EVERYTHING in tables or bool(tables & watched)


class ChangeWatcher(QObject):
    changed = Signal(object)  # the set of tables colleagues changed

    BATCH_MS = 150
    GAP_MS = 1000
    POLL_MS = 1000
    RETRY_MS = 15000

    def __init__(self, url, parent=None):
        super().__init__(parent)
        self.url = url
        self.listener: changes.Listener | None = None
        self.notifier: QSocketNotifier | None = None
        self._pending: set[str] = set()
        self._last_emit = QElapsedTimer()
        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.timeout.connect(self._emit)
        self._poll = QTimer(self)
        self._poll.setInterval(self.POLL_MS)
        self._poll.timeout.connect(self._read)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(self.RETRY_MS)
        self._retry.timeout.connect(self._open)
        self._adopt_timer = QTimer(self)  # while the connection is being opened
        self._adopt_timer.setInterval(50)
        self._adopt_timer.timeout.connect(self._adopt)
        self._opening: tuple[threading.Thread, dict] | None = None
        self._lost = False  # a connection was lost: once listening again, everything is read
        self._open()
        self._poll.start()

    @property
    def listening(self) -> bool:
        return self.listener is not None

    def _open(self) -> None:
        if self.listener is not None or self._opening is not None:
            return
        box: dict = {"lock": threading.Lock()}

        def connect() -> None:
            try:
                listener = changes.Listener(self.url)
            except Exception as e:  # noqa: BLE001 - told in the GUI thread
                box["error"] = e
                return
            with box["lock"]:
                if box.get("stopped"):  # the window closed meanwhile
                    listener.close()
                else:
                    box["listener"] = listener
        thread = threading.Thread(target=connect, name="gwdesk-listen", daemon=True)
        self._opening = (thread, box)
        thread.start()
        self._adopt_timer.start()

    def _adopt(self) -> None:
        """The connection opened in the thread: listened to from now on (or tried again later)."""
        if self._opening is None or self._opening[0].is_alive():
            return
        _, box = self._opening
        self._opening = None
        self._adopt_timer.stop()
        if "listener" not in box:  # the server unreachable now: the window reloads on coming back
            log.info("cannot listen for colleagues' changes; retrying: %s", box.get("error"))
            self._retry.start()
            return
        self.listener = box["listener"]
        self.notifier = QSocketNotifier(self.listener.fileno(), QSocketNotifier.Read, self)
        self.notifier.activated.connect(self._read)
        if self._lost:
            self._lost = False
            self._add({EVERYTHING})  # what changed while nobody listened is not known

    def _drop(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None

    def _read(self) -> None:
        if self.listener is None:
            return
        try:
            tables = self.listener.take({changes.own_pid()})
        except Exception:  # noqa: BLE001 - the connection was lost (network, server restart)
            log.info("the listening connection was lost; retrying", exc_info=True)
            self._drop()
            self._lost = True
            self._retry.start()
            return
        self._add(tables)

    def _add(self, tables: set[str]) -> None:
        if tables:
            self._pending |= tables
            if not self._batch.isActive():
                since = self._last_emit.elapsed() if self._last_emit.isValid() else self.GAP_MS
                self._batch.start(max(self.BATCH_MS, self.GAP_MS - since))

    def _emit(self) -> None:
        tables, self._pending = self._pending, set()
        if tables:
            self._last_emit.start()
            self.changed.emit(tables)

    def stop(self) -> None:
        for t in (self._batch, self._poll, self._retry, self._adopt_timer):
            t.stop()
        if self._opening is not None:  # a connection still being opened is closed once it is (never waited for)
            _, box = self._opening
            self._opening = None
            with box["lock"]:
                box["stopped"] = True
                if "listener" in box:
                    box.pop("listener").close()
        self._drop()


@contextmanager
def kept_view(view: QAbstractItemView, key_of: Callable[[Any], Any], near: int | None = None) -> Iterator[None]:
    """Read a list again inside the block; afterwards the rows selected before (by `key_of(index)`), the
    current row and the scroll position are back. `near`: look for them only that many rows around where they
    were (a ledger of 100,000 rows is not walked)."""
    model = view.model()
    current = view.currentIndex()
    current_key = key_of(current) if current.isValid() else None
    before = sorted({i.row() for i in view.selectionModel().selectedRows()})
    chosen = {key_of(model.index(r, 0)) for r in before}
    scroll = (view.verticalScrollBar().value(), view.horizontalScrollBar().value())
    yield
    model = view.model()
    n = model.rowCount(QModelIndex())
    last = 0 if isinstance(model, QAbstractListModel) else model.columnCount() - 1
    if near is None:
        rows = range(n)
    else:
        around = [*before, current.row()] if current.isValid() else before
        rows = sorted({r for at in around for r in range(max(0, at - near), min(n, at + near + 1))})
    selection, found = QItemSelection(), None
    for r in rows:
        index = model.index(r, 0)
        key = key_of(index)
        if key in chosen:
            selection.select(index, model.index(r, last))
        if found is None and current_key is not None and key == current_key:
            found = index
    sel = view.selectionModel()
    if found is not None:
        sel.setCurrentIndex(found, QItemSelectionModel.NoUpdate)
    sel.select(selection, QItemSelectionModel.ClearAndSelect)
    view.doItemsLayout()  # the scroll bars' ranges for the rows now shown, before the position is put back
    view.verticalScrollBar().setValue(scroll[0])
    view.horizontalScrollBar().setValue(scroll[1])
