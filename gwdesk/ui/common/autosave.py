"""Debounced autosave for one editor, and the 保存/放弃/取消 question before unsaved typing is dropped.

An editor calls `Autosaver.touch()` on every change; the draft is written after a pause in typing,
the moment focus leaves any of its fields (line or multi-line, to another field, another window or
another program; `FocusOut`), and on `flush()` (closing, leaving). Widgets holding unsaved typing offer
`unsaved_edits()`, `save_unsaved()` and `discard_unsaved()`; the main window finds them among its pages'
children when it is closed. A draft that cannot be written is told once (until a write succeeds again), never
only logged: what is typed next would otherwise be lost on exit.
"""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import SIGNAL, SLOT, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from gwdesk.store.base import db
from gwdesk.ui.common import alerts

log = logging.getLogger(__name__)

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class FocusOut(QObject):
    """Calls `leave()` whenever keyboard focus leaves a widget inside `editor` (to a sibling field too).

    Connected to QApplication.focusChanged(old, now) by signature to a slot that takes *no* arguments, so
    PySide converts neither widget to Python: `old` may be half-destroyed (a focused field being deleted
    emits the signal from inside its own destructor), and Python code handed Qt objects in mid-event is
    what crashed PySide6 6.11 in shiboken (an event filter did). Only the live
    `QApplication.focusWidget()` is looked at; which editor held the focus before is remembered from the
    previous change. Not a Python event filter, not a focusOutEvent override in every field class. The
    connection dies with this object (a child of `editor`).
    """

    def __init__(self, editor: QWidget, leave: Callable[[], object]):
        super().__init__(editor)
        self.editor = editor
        self._leave = leave
        self.holds = self._contains(QApplication.focusWidget())
        QObject.connect(QApplication.instance(), SIGNAL("focusChanged(QWidget*,QWidget*)"),
                        self, SLOT("moved()"))

    def _contains(self, w: QWidget | None) -> bool:
        return w is not None and (w is self.editor or self.editor.isAncestorOf(w))

    @Slot()
    def moved(self) -> None:
        try:
            had, self.holds = self.holds, self._contains(QApplication.focusWidget())
        except RuntimeError:  # the editor is being destroyed: nothing of it to write
            self.holds = False
            return
        if had:
            try:
                self._leave()
            except Exception:  # noqa: BLE001 - a save on focus-out must never break the focus change
                log.exception("saving on focus-out failed")


class Autosaver(QObject):
    DELAY_MS = 1500

    def __init__(self, editor: QWidget, write: Callable[[], None]):
        super().__init__(editor)
        self.editor = editor
        self._write = write
        self.pending = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self.focus_out = FocusOut(editor, self._flush_on_leaving)
        self._store = getattr(db.obj, "database", None)  # the database file the typing belongs to
        for w in editor.findChildren(QLineEdit):  # Enter in a line field writes at once as well
            w.editingFinished.connect(self.flush)

    def touch(self) -> None:
        self.pending = True
        self.timer.start()

    def _flush_on_leaving(self) -> None:
        """Focus left the editor. With the store closed that is a window torn down after the session ended
        (hiding moves the focus while the editor still counts as visible): nothing to tell the clerk then."""
        if db.obj is None:
            if self.pending:
                log.info("autosave skipped on focus-out: the store is closed")
            return
        self.flush()

    def flush(self) -> bool:
        """Write the draft now if anything is waiting; False when the write failed (it is logged)."""
        self.timer.stop()
        if not self.pending:
            return True
        if db.obj is None:  # the store is closed while the clerk types on: nowhere to write, and they are told
            if self.editor.isVisible() and not QApplication.closingDown():  # not a window being torn down
                self._failed("数据库未打开")
            return False
        store = getattr(db.obj, "database", None)
        if self._store is None:
            self._store = store
        elif store != self._store:  # another data folder's store is open now: the record is not in it
            log.info("autosave skipped: the editor belongs to %s, the open store is %s", self._store, store)
            self.pending = False
            return False
        try:
            self._write()
        except Exception as e:  # noqa: BLE001 - an autosave must never interrupt typing; it is logged and told
            log.exception("autosave failed")
            from gwdesk.store.errors_map import describe_storage_error
            known = describe_storage_error(e)
            self._failed(known.message if known else "程序错误，详见日志")
            return False
        self.pending = False
        Autosaver.failing = False
        return True

    # one message per run of failures (the next success ends it), so typing on is not interrupted at every pause
    failing = False

    def _failed(self, why: str) -> None:
        log.warning("autosave could not write: %s", why)
        if Autosaver.failing:
            return
        Autosaver.failing = True
        alerts.warn(self.editor, "自动保存失败",
                    f"刚才输入的内容未能自动保存：{why}\n\n请不要关闭程序，先点“保存”；若仍失败，请把内容复制到别处留存。")

    def cancel(self) -> None:
        self.timer.stop()
        self.pending = False


def ask_unsaved(parent, what: str) -> str:
    """保存 / 放弃 / 取消 for unsaved typing described by `what`; returns SAVE, DISCARD or CANCEL."""
    return alerts.choose(parent, "未保存的修改",
                         f"{what}有尚未保存的修改。\n\n保存这些修改吗？",
                         [(SAVE, "保存"), (DISCARD, "放弃修改"), (CANCEL, "取消")])


def unsaved_editors(root: QWidget) -> list[QWidget]:
    """`root` and its children that hold unsaved typing right now."""
    found = [root, *root.findChildren(QWidget)]
    out = []
    for w in found:
        fn = getattr(w, "unsaved_edits", None)
        if callable(fn) and fn():
            out.append(w)
    return out
