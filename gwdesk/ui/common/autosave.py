"""Debounced autosave for one editor, and the 保存/放弃/取消 question before unsaved typing is dropped.

An editor calls `Autosaver.touch()` on every change; the draft is written after a pause in typing,
when focus leaves one of its line fields (those there when the Autosaver is made), and on `flush()`
(closing, leaving). Widgets holding unsaved typing offer `unsaved_edits()`, `save_unsaved()` and
`discard_unsaved()`; the main window finds them among its pages' children when it is closed.
"""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QWidget

from gwdesk.ui.common import alerts

log = logging.getLogger(__name__)

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


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
        # focus leaving a line field writes at once (editingFinished). Not through Python event filters
        # or the application's focusChanged: PySide6 6.11 crashed wrapping the events they pass on.
        for w in editor.findChildren(QLineEdit):
            w.editingFinished.connect(self.flush)

    def touch(self) -> None:
        self.pending = True
        self.timer.start()

    def flush(self) -> bool:
        """Write the draft now if anything is waiting; False when the write failed (it is logged)."""
        self.timer.stop()
        if not self.pending:
            return True
        try:
            self._write()
        except Exception:  # noqa: BLE001 - an autosave must never interrupt typing; it is logged
            log.exception("autosave failed")
            return False
        self.pending = False
        return True

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
