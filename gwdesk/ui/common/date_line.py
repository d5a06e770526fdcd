"""The one date field of the whole window: typed as text (2026-10-30, 20261030, 2026.10.30, 2026/10/30, 10月30日 …,
read by gwdesk.core.dates), may stay empty where the date is optional, with a calendar button that opens at the
typed date, else at the date it relates to (`anchor`), else today. A text that is not a date is marked on the field
at once and its value is None; nothing is ever written into the text behind the clerk's back."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QDate, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget,
                               QWidgetAction)

from gwdesk.core import dates


def calendar_icon() -> QIcon:
    """A small drawn calendar (an emoji would need a colour-emoji font, which these workstations lack)."""
    pm = QPixmap(32, 32)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QPen(QColor("#455a64"), 2))
    p.setBrush(QColor("white"))
    p.drawRoundedRect(QRectF(4, 6, 24, 22), 3, 3)
    p.fillRect(QRectF(5, 7, 22, 6), QColor("#c62828"))
    p.drawLine(11, 3, 11, 9)
    p.drawLine(21, 3, 21, 9)
    p.setPen(Qt.NoPen)
    p.setBrush(QColor("#455a64"))
    for row in range(2):
        for col in range(3):
            p.drawRect(QRectF(9 + col * 6, 16 + row * 5, 3, 3))
    p.end()
    return QIcon(pm)


class DateField(QWidget):
    """`edit` holds the text. `value()` is the date (None when empty or unreadable), `set_value(date | None)`.
    `textChanged(str)` passes the edit's signal on; `dateChanged(object)` fires when the date read changes (a date
    or None) as the clerk types; `committed(object)` once the clerk is done with it (Enter, leaving the field, a
    day picked in the calendar) and the date is readable — for a field whose change is saved at once.
    `optional=False` marks an empty field as missing; `problem(label)` says what is wrong, in Chinese."""

    textChanged = Signal(str)
    dateChanged = Signal(object)
    committed = Signal(object)

    def __init__(self, value: dt.date | None = None, *, optional: bool = True, placeholder: str = "",
                 anchor: Callable[[], dt.date | None] | None = None,
                 today: Callable[[], dt.date] | None = None, parent=None):
        super().__init__(parent)
        self.optional = optional
        self.anchor = anchor
        self.today = today or dt.date.today
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.edit = QLineEdit()
        placeholder = placeholder or ("如 2026-11-20" + ("，可不填" if optional else ""))
        self.edit.setPlaceholderText(placeholder)
        self.edit.setFixedWidth(max(self.fontMetrics().horizontalAdvance(placeholder),
                                    self.fontMetrics().horizontalAdvance("2026-11-20")) + 30)
        self.edit.setToolTip(self.tr("可写作 ") + dates.HINT)
        self.edit.textChanged.connect(self.textChanged)
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)
        self.button = QToolButton()
        self.button.setIcon(calendar_icon())
        self.button.setToolTip(self.tr("从日历中选择日期"))
        self.button.setAccessibleName(self.tr("选择日期"))
        self.button.setFocusPolicy(Qt.NoFocus)  # Tab goes from field to field, not through the buttons
        self.button.clicked.connect(lambda: self.open_calendar())
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.NoVerticalHeader)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.menu = QMenu(self)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        lay.addWidget(self.edit)
        lay.addWidget(self.button)
        lay.addStretch(1)  # the calendar button stays beside the text, however wide the row
        self._last: dt.date | None = None
        self.set_value(value)

    # ---- value ---------------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt-style name, as the QLineEdit it stands for
        self.edit.setText(text)

    def value(self) -> dt.date | None:
        return dates.parse(self.edit.text(), today=self.today())

    def set_value(self, value: dt.date | None) -> None:
        self.edit.setText(value.isoformat() if value else "")
        self._committed = self.value()

    def problem(self, label: str = "日期") -> str | None:
        """What is wrong with the field (None when nothing): unreadable, or empty where it is required."""
        text = self.edit.text().strip()
        if text and self.value() is None:
            return self.tr("{l}“{t}”不是有效的日期，请写作 ").format(l=label, t=text) + dates.HINT
        if not text and not self.optional:
            return self.tr("请填写{l}").format(l=label)
        return None

    def _typed(self, text: str) -> None:
        bad = bool(text.strip()) and self.value() is None
        self.edit.setStyleSheet("border:1px solid #c62828;background:#fff0f0" if bad else "")
        d = self.value()
        if d != self._last and (d is not None or not text.strip()):
            self._last = d
            self.dateChanged.emit(d)

    def _tidy(self) -> None:
        d = self.value()
        if d and self.edit.text() != d.isoformat():
            self.edit.setText(d.isoformat())
        self._commit()

    def _commit(self) -> None:
        if self.problem("") is None and self.value() != self._committed:
            self._committed = self.value()
            self.committed.emit(self._committed)

    # ---- calendar ------------------------------------------------------------------------------
    def calendar_start(self) -> dt.date:
        """Where the calendar opens: the typed date, else the related date, else today."""
        return self.value() or (self.anchor() if self.anchor else None) or self.today()

    def open_calendar(self) -> None:
        d = self.calendar_start()
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))
        self.calendar.setCurrentPage(d.year, d.month)
        self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))

    def _picked(self, day: QDate) -> None:
        self.edit.setText(day.toString("yyyy-MM-dd"))
        self.menu.close()
        self.edit.setFocus()
        self._commit()


def first_problem(fields: list[tuple[str, DateField]]) -> str | None:
    """The first thing wrong among (label, field) pairs, for a dialog to say before it saves anything."""
    for label, f in fields:
        problem = f.problem(label)
        if problem:
            return problem
    return None
