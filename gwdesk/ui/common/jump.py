"""Showing the one record a 今日提醒 line names (each screen's `show_record(ref)`): its row selected, scrolled to the
middle of the list and given the keyboard focus; filters that hide it reset (the screen then says so), a record
that is gone said plainly rather than nothing happening."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QWidget

from gwdesk.ui.common import alerts

TITLE = "今日提醒"


def select_row(view: QAbstractItemView, index: QModelIndex) -> None:
    """`index`'s row alone selected and current, scrolled to the middle, the list focused (arrows go on from it)."""
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    view.scrollTo(index, QAbstractItemView.PositionAtCenter)
    view.setFocus(Qt.OtherFocusReason)


def reset_filters(combos: list[QComboBox], searches: list[QLineEdit]) -> bool:
    """Each combo back to its first item (全部) and each search emptied, without a reload per change; True when
    anything was set (the caller reads its list again and says the filters were cleared)."""
    changed = False
    for combo in combos:
        if combo.currentIndex() > 0:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
            changed = True
    for line in searches:
        if line.text():
            line.blockSignals(True)
            line.clear()
            line.blockSignals(False)
            changed = True
    return changed


def gone(parent: QWidget, text: str) -> None:
    """The record the reminder named is no longer there: said, nothing else changed."""
    alerts.info(parent, TITLE, text)


def ref_id(ref: str) -> int | None:
    """A reminder's record id as a number (None when the line names no record)."""
    try:
        return int(ref)
    except (TypeError, ValueError):
        return None
