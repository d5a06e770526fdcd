"""A date typed as text (may stay empty, accepts 2026年11月20日) with a calendar button beside it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget,
                               QWidgetAction)

from gwdesk.core.review.validate import parse_date


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


class DateLine(QWidget):
    """`edit` holds the text; the calendar button opens a calendar on the typed date (or today) and writes the
    chosen day as yyyy-MM-dd. `textChanged` passes the edit's signal on."""

    textChanged = Signal(str)

    def __init__(self, placeholder: str, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setFixedWidth(self.fontMetrics().horizontalAdvance(placeholder) + 30)
        self.edit.textChanged.connect(self.textChanged)
        self.edit.editingFinished.connect(self._tidy)
        self.button = QToolButton()
        self.button.setIcon(calendar_icon())
        self.button.setToolTip(self.tr("从日历中选择日期"))
        self.button.setAccessibleName(self.tr("选择日期"))
        self.button.setFocusPolicy(Qt.NoFocus)  # Tab goes from field to field, not through the buttons
        self.button.clicked.connect(self.open_calendar)
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

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def _tidy(self) -> None:
        d = parse_date(self.edit.text())
        if d:
            self.edit.setText(d.isoformat())

    def open_calendar(self) -> None:
        d = parse_date(self.edit.text()) or dt.date.today()
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))
        self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))

    def _picked(self, day: QDate) -> None:
        self.edit.setText(day.toString("yyyy-MM-dd"))
        self.menu.close()
        self.edit.setFocus()
