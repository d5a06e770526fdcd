"""Base list model: rows of plain objects shown through column definitions (QTableView, no per-row widgets)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

OVERDUE = QColor("#c62828")
SOON = QColor("#b26a00")
OVERDUE_BG = QColor("#fdecea")
SOON_BG = QColor("#fff4e0")


@dataclass
class Column:
    title: str
    value: Callable[[Any], Any]  # display value
    sort_key: Callable[[Any], Any] | None = None
    align: Qt.AlignmentFlag = Qt.AlignLeft | Qt.AlignVCenter
    width: int | None = None


class RowsModel(QAbstractTableModel):
    """Rows are arbitrary objects; `row_tone(row)` may return 'overdue' / 'soon' to colour a row."""

    SortRole = Qt.UserRole + 1
    RowRole = Qt.UserRole + 2
    _ROLES = frozenset({Qt.DisplayRole, SortRole, RowRole, Qt.TextAlignmentRole, Qt.ForegroundRole,
                        Qt.BackgroundRole})

    def __init__(self, columns: Sequence[Column], rows: Sequence[Any] = (), parent=None,
                 row_tone: Callable[[Any], str | None] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self._rows = list(rows)
        self._row_tone = row_tone
        self._sort: tuple[int, Qt.SortOrder] | None = None  # kept across set_rows

    def set_rows(self, rows: Sequence[Any], *, presorted: bool = False) -> None:
        """Replace the rows; they are put in the current sort order unless `presorted` says they are in it."""
        self.beginResetModel()
        rows = list(rows)
        self._rows = [rows[i] for i in self._order(rows)] if self._sort and not presorted else rows
        self.endResetModel()

    def _order(self, rows: list[Any]) -> list[int]:
        """Positions of `rows` in the current sort order (stable)."""
        column, order = self._sort
        col = self.columns[column]
        key = col.sort_key or col.value
        keys = [key(r) for r in rows]
        keys = ["" if k is None else k for k in keys]  # as data(SortRole) gives them
        try:
            idx = sorted(range(len(rows)), key=keys.__getitem__, reverse=order == Qt.DescendingOrder)
        except TypeError:  # mixed types in one column: compare as text
            texts = [str(k) for k in keys]
            idx = sorted(range(len(rows)), key=texts.__getitem__, reverse=order == Qt.DescendingOrder)
        return idx

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Sort the rows in Python, one key per row (a proxy sorting 100,000 rows asks data() ~3 million times)."""
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        idx = self._order(self._rows)
        self._rows = [self._rows[i] for i in idx]
        after = {old: new for new, old in enumerate(idx)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(after[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def row_at(self, r: int) -> Any:
        return self._rows[r]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return section + 1
        return None

    def data(self, index, role=Qt.DisplayRole):
        # a view asks ~10 roles per visible cell on every repaint; answer the ones we never set at once
        if role not in self._ROLES or not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.DisplayRole:
            v = col.value(row)
            return "" if v is None else str(v)
        if role == self.SortRole:
            key = col.sort_key or col.value
            v = key(row)
            return "" if v is None else v
        if role == self.RowRole:
            return row
        if role == Qt.TextAlignmentRole:
            return int(col.align)
        if role in (Qt.ForegroundRole, Qt.BackgroundRole) and self._row_tone:
            tone = self._row_tone(row)
            if tone == "overdue":
                return QBrush(OVERDUE if role == Qt.ForegroundRole else OVERDUE_BG)
            if tone == "soon":
                return QBrush(SOON if role == Qt.ForegroundRole else SOON_BG)
        return None


    def multiData(self, index, span) -> None:
        """Every role the view's delegate asks of a cell in one Python call (a painted cell asks about ten; the
        first screen paints some 250 cells twice at start-up, issue 25). Each role is set or cleared: the
        delegate reuses its span from cell to cell. A subclass with its own data() is asked through it."""
        if type(self).data is not RowsModel.data:
            for rd in span:
                v = self.data(index, rd.role())
                if v is None:
                    rd.clearData()
                else:
                    rd.setData(v)
            return
        r = index.row()
        if not index.isValid() or not 0 <= r < len(self._rows):
            for rd in span:
                rd.clearData()
            return
        row, col = self._rows[r], self.columns[index.column()]
        tone = self._row_tone(row) if self._row_tone else None
        for rd in span:
            role = rd.role()
            if role == _DISPLAY:
                v = col.value(row)
                rd.setData("" if v is None else str(v))
            elif role == _ALIGN:
                rd.setData(int(col.align))
            elif role == _FG and tone in _TONES:
                rd.setData(_TONES[tone][0])
            elif role == _BG and tone in _TONES:
                rd.setData(_TONES[tone][1])
            elif role == _SORT:
                v = (col.sort_key or col.value)(row)
                rd.setData("" if v is None else v)
            elif role == _ROW:
                rd.setData(row)
            else:
                rd.clearData()


_DISPLAY, _ALIGN, _FG, _BG = (int(r) for r in (Qt.DisplayRole, Qt.TextAlignmentRole, Qt.ForegroundRole,
                                                Qt.BackgroundRole))
_SORT, _ROW = int(RowsModel.SortRole), int(RowsModel.RowRole)
_TONES = {"overdue": (QBrush(OVERDUE), QBrush(OVERDUE_BG)), "soon": (QBrush(SOON), QBrush(SOON_BG))}


class RowsProxy(QSortFilterProxyModel):
    """A filter proxy over a RowsModel that hands sorting to the source model (fast for long lists)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def multiData(self, index, span) -> None:
        """A painted cell's roles from the source model in one call (QSortFilterProxyModel would ask data() of
        both models once per role). A subclass with its own data() is asked through it."""
        source = self.sourceModel()
        if type(self).data is not QSortFilterProxyModel.data or source is None or not index.isValid():
            for rd in span:
                v = self.data(index, rd.role()) if source is not None and index.isValid() else None
                if v is None:
                    rd.clearData()
                else:
                    rd.setData(v)
            return
        source.multiData(self.mapToSource(index), span)
