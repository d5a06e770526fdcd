"""The view of one official table: merged cells as printed, column widths in the print proportions."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from gwdesk.ui.report.grid_model import ReportGridModel


class GridView(QTableView):
    """A QTableView showing a ReportGridModel with the official merged cells."""

    def __init__(self, model: ReportGridModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.ElideNone)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.AnyKeyPressed)
        for r, c, rs, cs in model.spans:
            self.setSpan(r, c, rs, cs)
        self._widths = model.widths
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Fixed)

    def resizeEvent(self, e):
        super().resizeEvent(e)
        avail = max(self.viewport().width() - 2, 400)
        total = sum(self._widths)
        for i, w in enumerate(self._widths):
            self.setColumnWidth(i, int(avail * w / total))
        self.fit_rows()

    def fit_rows(self) -> None:
        """Row heights from the cells that sit in one row only: a tall merged label must not stretch its first row."""
        m: ReportGridModel = self.model()
        fm = self.fontMetrics()
        heights = [fm.height() + 10] * m.nrows
        for (r, c), cell in m.cells.items():
            if cell.rowspan != 1 or cell.vertical_text:
                continue
            w = sum(self.columnWidth(c + k) for k in range(cell.colspan)) - 8
            text = str(m.data(m.index(r, c)) or "")
            rect = fm.boundingRect(QRect(0, 0, max(w, 20), 10000), int(Qt.TextWordWrap), text)
            heights[r] = max(heights[r], rect.height() + 10)
        for (r, c), cell in m.cells.items():  # a vertical label needs its characters' height over its rows
            if cell.vertical_text:
                need = (fm.lineSpacing() + 3) * len(str(m.data(m.index(r, c)) or "").split("\n")) + 16
                have = sum(heights[r:r + cell.rowspan])
                if need > have:
                    extra = (need - have) // cell.rowspan + 1
                    for k in range(r, r + cell.rowspan):
                        heights[k] += extra
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)

    def select_figure(self, row: str, col) -> bool:
        m: ReportGridModel = self.model()
        pos = m.position.get((row, col))
        if pos is None:  # a whole row/block: its first figure
            pos = next((p for p, ref in sorted(m.refs.items()) if ref[0] == row), None)
        if pos is None:
            return False
        idx = m.index(*pos)
        self.setCurrentIndex(idx)
        self.selectionModel().select(idx, QItemSelectionModel.ClearAndSelect)
        self.scrollTo(idx)
        self.setFocus()
        return True
