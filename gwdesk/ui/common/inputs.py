"""Drop-downs and number boxes that leave the mouse wheel to the page unless the clerk is in them.

Qt's own QComboBox, QSpinBox and QDateEdit change their value under a wheel that merely passes over them: scrolling
the 意见单 turned 主动公开 into 依申请公开 and a task's 已完成 into 不适用 (issue 21). Every such widget in gwdesk/ui is
one of these (a date is gwdesk.ui.common.date_line.DateField, a text field the wheel never changes): the wheel
changes the value only while the widget has keyboard focus (clicked or tabbed into); otherwise the event goes on to the scroll area around it. A wheel never gives them focus (StrongFocus).
`tests/ui/test_ui_inputs.py` fails on a plain Qt one constructed anywhere in gwdesk/ui.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSpinBox


def _guard(widget) -> None:
    widget.setFocusPolicy(Qt.StrongFocus)


def _wheel(cls, widget, event) -> None:
    if widget.hasFocus():
        cls.wheelEvent(widget, event)
    else:
        event.ignore()  # the scroll area (or page) behind takes it


class ComboBox(QComboBox):
    """Also wide enough for its longest item: Qt measures items by their ink (boundingRect), which leaves out the
    blank half of a full-width bracket, so “（请选择）” beside short options showed as “（请选择”."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _guard(self)

    def wheelEvent(self, event) -> None:
        _wheel(QComboBox, self, event)

    def _whole_text(self, hint: QSize) -> QSize:
        if self.isEditable() or not self.count():
            return hint
        fm = self.fontMetrics()
        texts = [self.itemText(i) for i in range(self.count())]
        short = max(fm.horizontalAdvance(t) for t in texts) - max(fm.boundingRect(t).width() for t in texts)
        if short > 0:
            hint.setWidth(hint.width() + short)
        return hint

    def sizeHint(self) -> QSize:
        return self._whole_text(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._whole_text(super().minimumSizeHint())


class SpinBox(QSpinBox):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _guard(self)

    def wheelEvent(self, event) -> None:
        _wheel(QSpinBox, self, event)


class DoubleSpinBox(QDoubleSpinBox):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _guard(self)

    def wheelEvent(self, event) -> None:
        _wheel(QDoubleSpinBox, self, event)
