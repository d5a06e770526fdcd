"""Small input widgets for the applications screens: dates that may be left empty."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from gwdesk.ui.common.inputs import DateEdit as GuardedDateEdit

_EMPTY = QDate(2000, 1, 1)


class DateEdit(GuardedDateEdit):
    """A yyyy-MM-dd date field with a calendar; optional fields show “（未填）” when empty."""

    def __init__(self, value: dt.date | None = None, optional: bool = False, parent=None):
        super().__init__(parent)
        self.optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(_EMPTY)
        self.setMaximumDate(QDate(2100, 12, 31))
        if optional:
            self.setSpecialValueText(self.tr("（未填）"))
        self.set_value(value)

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setDate(_EMPTY if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> dt.date | None:
        q = self.date()
        if self.optional and q == _EMPTY:
            return None
        return dt.date(q.year(), q.month(), q.day())
