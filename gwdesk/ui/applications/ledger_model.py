"""The 依申请公开 ledger as a table model over one SQL listing: only the windows the view shows are read."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor

from gwdesk.core import workdays as wd
from gwdesk.core.applications import outcome_short
from gwdesk.core.applications.deadlines import VOIDED
from gwdesk.core.applications.listing import Filter, Listing, Row
from gwdesk.core.applications.masking import applicant_display
from gwdesk.ui.common.table_model import OVERDUE, OVERDUE_BG, SOON, SOON_BG

BLOCK = 64   # rows read at a time (a screen shows about 25: the first block is read on every keystroke)
KEEP = 64    # blocks kept
COUNT_AFTER_MS = 150  # a short search's exact count waits for a pause in the typing (the rows do not)
_LEFT, _RIGHT = int(Qt.AlignLeft | Qt.AlignVCenter), int(Qt.AlignRight | Qt.AlignVCenter)
# as plain ints: QModelRoleData.role() gives ints, and int == int is cheaper than against an enum member
_DISPLAY, _ALIGN, _FG, _BG = (int(r) for r in (Qt.DisplayRole, Qt.TextAlignmentRole, Qt.ForegroundRole,
                                                Qt.BackgroundRole))
_ROLES = frozenset({Qt.DisplayRole, Qt.TextAlignmentRole, Qt.ForegroundRole, Qt.BackgroundRole})
_TONE_BRUSHES = {"overdue": (QBrush(OVERDUE), QBrush(OVERDUE_BG)), "today": (QBrush(SOON), QBrush(SOON_BG)),
                 "soon": (QBrush(SOON), QBrush(SOON_BG))}
_PLAIN = (None, None)
_VOIDED = (QBrush(QColor("#9e9e9e")), None)  # a voided row: kept in the list, greyed


class _NotQueried:
    """The model's listing before its first query(): no rows, nothing read (the page queries at once; a listing
    made here and at the first sort counted 100,000 rows twice for nothing: 2 × 25 ms on PostgreSQL)."""

    count = open = overdue = soon = voided = 0
    exact = True

    def __init__(self, today: dt.date):
        self.today = today

    def window(self, offset: int, limit: int) -> list[Row]:
        return []

    def tone(self, row: Row) -> str | None:
        return None

    def finish(self) -> None:
        pass


class LedgerModel(QAbstractTableModel):
    TITLES = ["编号", "收到日期", "渠道", "申请人类型", "申请人", "申请内容", "状态", "期限", "剩余工作日",
              "答复日期", "办理结果"]
    COLUMNS = len(TITLES)
    REMAINING = 8
    counted = Signal()  # the listing's counts are exact (after a lazy query, when they arrive)

    def __init__(self, today: Callable[[], dt.date], parent=None):
        super().__init__(parent)
        self._today = today
        self.reveal = False
        self.filter = Filter()
        self._sort: tuple[int, bool] | None = None
        self.listing: Listing | _NotQueried = _NotQueried(today())  # rows from the first query()
        # per block: (row, the cells' texts, (foreground, background)), made once when the block is read
        self._blocks: OrderedDict[int, list[tuple[Row, tuple[str, ...], tuple]]] = OrderedDict()
        self._titles = [self.tr(t) for t in self.TITLES]
        self._overdue_days, self._due_today = self.tr("逾期{0}天"), self.tr("今日")
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_AFTER_MS)
        self._count_timer.timeout.connect(self.finish_count)

    # --- the listing
    def query(self, flt: Filter | None = None, *, lazy: bool = False) -> None:
        """Show the ledger through `flt` (default: the current filter, read again).

        The rows already shown are told they changed and only the difference in row count is inserted or
        removed, so the view repaints what it shows instead of resetting. `lazy`: a short search matching
        many rows shows its first rows now and its exact count after COUNT_AFTER_MS (see Listing).
        """
        self._count_timer.stop()
        self.filter = flt or self.filter
        self._swap(Listing(self._today(), self.filter, self._sort, lazy=lazy))
        if not self.listing.exact:
            self._count_timer.start()

    def finish_count(self) -> None:
        """Count a lazy listing exactly now (the timer does it after a pause)."""
        self._count_timer.stop()
        if self.listing.exact:
            return
        old = self.listing.count
        self.listing.finish()
        self._resize(old, self.listing.count)
        self.counted.emit()

    def _swap(self, new: Listing) -> None:
        old = self.listing.count
        self._blocks.clear()
        if new.count < old:
            self.beginRemoveRows(QModelIndex(), new.count, old - 1)
            self.listing = new
            self.endRemoveRows()
        elif new.count > old:
            self.beginInsertRows(QModelIndex(), old, new.count - 1)
            self.listing = new
            self.endInsertRows()
        else:
            self.listing = new
        if new.count and old:
            self.dataChanged.emit(self.index(0, 0), self.index(min(old, new.count) - 1, len(self.TITLES) - 1))
        if new.exact:
            self.counted.emit()

    def _resize(self, old: int, new: int) -> None:
        if new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            self.endRemoveRows()
        elif new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self.TITLES):
            return
        self.layoutAboutToBeChanged.emit()
        self._count_timer.stop()
        self._sort = (column, order == Qt.DescendingOrder)
        if not isinstance(self.listing, _NotQueried):  # before the first query there is nothing to sort
            self.listing = Listing(self._today(), self.filter, self._sort)  # same rows: the count stays
        self._blocks.clear()
        self.changePersistentIndexList(self.persistentIndexList(), [QModelIndex()] * len(self.persistentIndexList()))
        self.layoutChanged.emit()
        self.counted.emit()

    def set_reveal(self, on: bool) -> None:
        self.reveal = on
        self._blocks.clear()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 4), self.index(self.rowCount() - 1, 4), [Qt.DisplayRole])

    def _entry(self, r: int) -> tuple[Row, tuple[str, ...], tuple]:
        block, i = divmod(r, BLOCK)
        rows = self._blocks.get(block)
        if rows is None:
            listing = self.listing
            rows = self._blocks[block] = [(row, self._cells(row), _VOIDED if row.state == VOIDED
                                           else _TONE_BRUSHES.get(listing.tone(row), _PLAIN))
                                          for row in listing.window(block * BLOCK, BLOCK)]
            if len(self._blocks) > KEEP:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        return rows[i]

    def row_at(self, r: int) -> Row:
        return self._entry(r)[0]

    def tone(self, row: Row) -> str | None:
        return self.listing.tone(row)

    # --- Qt
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.listing.count

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.COLUMNS  # asked once per painted cell (QAbstractTableModel.index)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self._titles):
            return self._titles[section]
        return None

    def multiData(self, index, span):
        # the view's delegate asks all its roles of a cell in one call: one Python call per painted cell.
        # It reuses its span from cell to cell, so every role is set or cleared (a stale colour would stay)
        r = index.row()
        if not 0 <= r < self.listing.count:
            for rd in span:
                rd.clearData()
            return
        column = index.column()
        _, texts, (fg, bg) = self._entry(r)
        for rd in span:
            role = rd.role()
            if role == _DISPLAY:
                rd.setData(texts[column])
            elif role == _ALIGN:
                rd.setData(_RIGHT if column == self.REMAINING else _LEFT)
            elif role == _FG and fg is not None:
                rd.setData(fg)
            elif role == _BG and bg is not None:
                rd.setData(bg)
            else:
                rd.clearData()

    def data(self, index, role=Qt.DisplayRole):
        if role not in _ROLES or not index.isValid():
            return None
        r = index.row()
        if not 0 <= r < self.listing.count:
            return None
        if role == Qt.TextAlignmentRole:
            return _RIGHT if index.column() == self.REMAINING else _LEFT
        _, texts, brushes = self._entry(r)
        if role == Qt.DisplayRole:
            return texts[index.column()]
        return brushes[role == Qt.BackgroundRole]

    def _cells(self, r: Row) -> tuple[str, ...]:
        remaining = ""
        if r.due is not None and r.closed is None:
            n = wd.workdays_between(self.listing.today, dt.date.fromisoformat(r.due))
            remaining = self._overdue_days.format(-n) if n < 0 else (self._due_today if n == 0 else str(n))
        return (r.number or "", r.received or "", r.channel or "", r.applicant_type or "",
                applicant_display(r.applicant_name, r.applicant_type, self.reveal), r.content or "",
                r.state or "", r.due or "", remaining, r.closed or "", outcome_short(r.outcome))
