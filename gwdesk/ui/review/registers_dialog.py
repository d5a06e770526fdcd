"""导出登记表…: which period — one month (units send the month's registers by the 8th) or the whole year."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel

from gwdesk.ui.common.dialog import Dialog
from gwdesk.ui.common.inputs import ComboBox, SpinBox

YEAR = 0  # the period combo's data for 全年


def default_period(today: dt.date) -> tuple[int, int]:
    """The month a clerk sends now: last month (the registers of a month go out by the 8th of the next)."""
    first = today.replace(day=1)
    last = first - dt.timedelta(days=1)
    return last.year, last.month


class RegistersDialog(Dialog):
    def __init__(self, today: dt.date, year: int | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出登记表"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("公开信息登记表和不予公开政府信息登记表，按成文日期：")))
        y, m = default_period(today)
        if year is not None and year != y:  # the list shows another year: offer that year, whole
            y, m = year, YEAR
        self.year = SpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(y)
        self.year.setSuffix(self.tr(" 年"))
        self.period = ComboBox()
        self.period.addItem(self.tr("全年"), YEAR)
        for i in range(1, 13):
            self.period.addItem(self.tr("{m}月").format(m=i), i)
        self.period.setCurrentIndex(self.period.findData(m))
        form.addRow(self.tr("年度"), self.year)
        form.addRow(self.tr("期间"), self.period)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("导出…"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        form.addRow(buttons)

    def chosen(self) -> tuple[int, int | None]:
        """(year, month) — month None for the whole year."""
        return self.year.value(), (self.period.currentData() or None)
