"""The 依申请公开 ledger as a table model over one SQL listing: only the windows the view shows are read."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush

from gwdesk.core import workdays as wd
from gwdesk.core.applications import outcome_short
from gwdesk.core.applications.listing import Filter, Listing, Row
from gwdesk.core.applications.masking import applicant_display
from gwdesk.ui.common.table_model import OVERDUE, OVERDUE_BG, SOON, SOON_BG

BLOCK = 256  # rows read at a time
KEEP = 16    # blocks kept (a screen shows about 30 rows)
_LEFT, _RIGHT = int(Qt.AlignLeft | Qt.AlignVCenter), int(Qt.AlignRight | Qt.AlignVCenter)
_ROLES = frozenset({Qt.DisplayRole, Qt.TextAlignmentRole, Qt.ForegroundRole, Qt.BackgroundRole})
_TONE_BRUSHES = {"overdue": (QBrush(OVERDUE), QBrush(OVERDUE_BG)), "today": (QBrush(SOON), QBrush(SOON_BG)),
                 "soon": (QBrush(SOON), QBrush(SOON_BG))}


class LedgerModel(QAbstractTableModel):
    TITLES = ["编号", "收到日期", "渠道", "申请人类型", "申请人", "申请内容", "状态", "期限", "剩余工作日",
              "答复日期", "办理结果"]
    REMAINING = 8

    def __init__(self, today: Callable[[], dt.date], parent=None):
        super().__init__(parent)
        self._today = today
        self.reveal = False
        self.filter = Filter()
        self._sort: tuple[int, bool] | None = None
        self.listing = Listing(today(), self.filter)
        self._blocks: OrderedDict[int, list[Row]] = OrderedDict()
        self._titles = [self.tr(t) for t in self.TITLES]

    # --- the listing
    def query(self, flt: Filter | None = None) -> None:
        """Show the ledger through `flt` (default: the current filter, read again)."""
        self.beginResetModel()
        self.filter = flt or self.filter
        self.listing = Listing(self._today(), self.filter, self._sort)
        self._blocks.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self.TITLES):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order == Qt.DescendingOrder)
        self.listing = Listing(self._today(), self.filter, self._sort)
        self._blocks.clear()
        self.changePersistentIndexList(self.persistentIndexList(), [QModelIndex()] * len(self.persistentIndexList()))
        self.layoutChanged.emit()

    def set_reveal(self, on: bool) -> None:
        self.reveal = on
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 4), self.index(self.rowCount() - 1, 4), [Qt.DisplayRole])

    def row_at(self, r: int) -> Row:
        block, i = divmod(r, BLOCK)
        rows = self._blocks.get(block)
        if rows is None:
            rows = self._blocks[block] = self.listing.window(block * BLOCK, BLOCK)
            if len(self._blocks) > KEEP:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        return rows[i]

    def tone(self, row: Row) -> str | None:
        return self.listing.tone(row)

    # --- Qt
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.listing.count

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.TITLES)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self._titles):
            return self._titles[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        # a view asks ~10 roles per visible cell on every repaint: answer the ones never set at once
        if role not in _ROLES or not index.isValid():
            return None
        r = index.row()
        if not 0 <= r < self.listing.count:
            return None
        if role == Qt.TextAlignmentRole:
            return _RIGHT if index.column() == self.REMAINING else _LEFT
        row = self.row_at(r)
        if role == Qt.DisplayRole:
            return self._text(row, index.column())
        brushes = _TONE_BRUSHES.get(self.listing.tone(row))
        return brushes and brushes[role == Qt.BackgroundRole]

    def _text(self, r: Row, column: int) -> str:
        if column == 4:
            return applicant_display(r.applicant_name, r.applicant_type, self.reveal)
        if column == 7:
            return r.due or ""
        if column == self.REMAINING:
            if r.due is None or r.closed is not None:
                return ""
            n = wd.workdays_between(self.listing.today, dt.date.fromisoformat(r.due))
            return self.tr("逾期{0}天").format(-n) if n < 0 else (self.tr("今日") if n == 0 else str(n))
        if column == 9:
            return r.closed or ""
        if column == 10:
            return outcome_short(r.outcome)
        return (r.number, r.received, r.channel, r.applicant_type, None, r.content, r.state)[column] or ""
