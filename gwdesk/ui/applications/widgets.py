"""The applications screens' date field: gwdesk's one date field (gwdesk.ui.common.date_line), with the
screens' defaults — a required date starts at today, an optional one empty."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from gwdesk.ui.common.date_line import DateField


class DateEdit(DateField):
    def __init__(self, value: dt.date | None = None, optional: bool = False,
                 anchor: Callable[[], dt.date | None] | None = None, parent=None):
        super().__init__(value, optional=optional, anchor=anchor, parent=parent)

    def set_value(self, value: dt.date | None) -> None:
        super().set_value(value if value is not None or self.optional else self.today())
