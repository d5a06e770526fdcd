"""The task × unit matrix as a table model: rows are tasks, a column per unit (only visible cells are asked)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from gwdesk.core.office.rollup import OfficeRollup, Row, UnitReport
from gwdesk.io.office_xlsx import FILL, cell_text

FIXED = ["序号", "工作任务"]
# Qt's enum members are slow to look up; a view asks ~10 roles per visible cell on every repaint
DISPLAY, BACKGROUND, TOOLTIP, FONT, ALIGN = (int(r) for r in (Qt.DisplayRole, Qt.BackgroundRole, Qt.ToolTipRole,
                                                              Qt.FontRole, Qt.TextAlignmentRole))
_ROLES = frozenset({DISPLAY, BACKGROUND, TOOLTIP, FONT, ALIGN})
_CENTRE = int(Qt.AlignCenter)
_HEADER_ROLES = frozenset({DISPLAY, TOOLTIP})
_HORIZONTAL = Qt.Horizontal
BRUSH = {k: QBrush(QColor("#" + v)) for k, v in FILL.items()}
_BOLD = QFont()
_BOLD.setBold(True)


def header_name(name: str, per_line: int = 5) -> str:
    """A unit name broken into short lines so a narrow column can carry it."""
    return "\n".join(name[i:i + per_line] for i in range(0, len(name), per_line))


class MatrixModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rollup: OfficeRollup | None = None
        self.rows: list[Row] = []
        self.units: list[UnitReport] = []
        self._headers: list[str] = []

    def set_view(self, rollup: OfficeRollup | None, rows: list[Row], units: list[UnitReport]) -> None:
        self.beginResetModel()
        self.rollup, self.rows, self.units = rollup, rows, units
        self._headers = [header_name(u.name) for u in units]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(FIXED) + len(self.units) + 1

    def headerData(self, section, orientation, role=DISPLAY):
        if role not in _HEADER_ROLES or orientation != _HORIZONTAL:
            return None
        n = len(FIXED)
        if role == DISPLAY:
            if section < n:
                return FIXED[section]
            if section - n < len(self.units):
                return self._headers[section - n]
            return "完成/承担"
        if n <= section < n + len(self.units):
            u = self.units[section - n]
            rate = "—" if u.rate is None else f"{u.rate:.0%}"
            late = f"，逾期报送{u.days_late}天" if u.days_late else ""
            return f"{u.name}：承担{len(u.cells)}项，完成率{rate}，截至{u.as_of:%Y-%m-%d}{late}"
        return None

    def cell(self, index) -> tuple[Row, UnitReport | None]:
        row = self.rows[index.row()]
        j = index.column() - len(FIXED)
        return row, (self.units[j] if 0 <= j < len(self.units) else None)

    def data(self, index, role=DISPLAY):
        if role not in _ROLES or not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        j = col - 2
        if j < 0:
            if role == DISPLAY:
                return row.seq if col == 0 else row.label
            if role == TOOLTIP and col == 1:
                return f"{row.category}\n{row.task}\n{row.measure}".strip()
            return None
        if j >= len(self.units):
            if role == DISPLAY:
                taken = [u.cells[row.position] for u in self.units if row.position in u.cells]
                return f"{sum(1 for c in taken if c.status == '已完成')}/{len(taken)}"
            return _CENTRE if role == ALIGN else None
        c = self.units[j].cells.get(row.position)
        if c is None:
            return None
        if role == DISPLAY:
            return cell_text(c.status, c.role)
        if role == BACKGROUND:
            return BRUSH.get(c.status)
        if role == ALIGN:
            return _CENTRE
        if role == FONT:
            return _BOLD if c.role == "牵头" else None
        due = f"\n完成时限：{c.due:%Y-%m-%d}" if c.due else ""
        done = f"\n完成日期：{c.done_on:%Y-%m-%d}" if c.done_on else ""
        return (f"{self.units[j].name}（{c.role}）：{c.status}{due}{done}"
                + (f"\n最新进展：{c.latest}" if c.latest else "") + (f"\n佐证{c.evidence}项" if c.evidence else ""))
