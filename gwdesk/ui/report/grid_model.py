"""One official table (二, 三 or 四) as an editable grid model: same rows, columns and merged cells as print.

Labels and spans come from the print layout itself, so screen and paper cannot drift apart. A total
not entered shows its computed value in grey italics (a suggestion, never stored by itself); a typed
total that disagrees with its parts turns red. Cells with findings are tinted.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from gwdesk.core.annual_report import spec
from gwdesk.core.annual_report.findings import Finding
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.render.layouts import annual_report as layout
from gwdesk.render.model import cell_text, grid

LABEL_BG = QColor("#f2f4f7")
ERROR_BG = QColor("#fdecea")
WARN_BG = QColor("#fff4e0")
SUGGEST_FG = QColor("#8a8f98")
BAD_TOTAL_FG = QColor("#c62828")

RefRole = Qt.UserRole + 1  # (row key, column) of a figure cell, None for labels


class ReportGridModel(QAbstractTableModel):
    def __init__(self, table_no: str, get_data: Callable[[], ReportData], parent=None):
        super().__init__(parent)
        self.table_no = table_no
        self._get = get_data
        self.refs = layout.cell_refs(table_no)
        self.read_only = False
        self.findings: dict[tuple, list[Finding]] = {}
        self.on_edit: Callable[[str, str, object, object], None] | None = None  # (row, col, old, new)
        self.last_error = ""
        self._rebuild()

    # ---- structure ----
    def _rebuild(self) -> None:
        t = layout.table_for(self.table_no, self._get())
        self.ncols, self.nrows = t.ncols, len(t.rows)
        self.widths = list(t.widths)
        self.cells = {(r, c): cell for r, c, cell in grid(t)}
        self.spans = [(r, c, cell.rowspan, cell.colspan) for (r, c), cell in self.cells.items()
                      if cell.rowspan > 1 or cell.colspan > 1]
        self.position = {ref: pos for pos, ref in self.refs.items()}

    def refresh(self) -> None:
        """Figures or findings changed: redraw every cell (the structure never changes)."""
        self._rebuild()
        self.dataChanged.emit(self.index(0, 0), self.index(self.nrows - 1, self.ncols - 1))

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = {}
        for f in findings:
            if f.table == self.table_no and f.row is not None:
                self.findings.setdefault((f.row, f.col), []).append(f)
                if f.col is None:  # a whole row or block: tint each of its cells
                    for (row, col) in self.refs.values():
                        if row == f.row:
                            self.findings.setdefault((row, col), []).append(f)
        self.refresh()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.nrows

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.ncols

    # ---- figures ----
    def value(self, row: str, col) -> object:
        d = self._get()
        return {"2": d.t2, "3": d.t3, "4": d.t4}[self.table_no](row, col)

    def is_total(self, row: str, col) -> bool:
        if self.table_no == "3":
            return col == 6 or row == "3.7"
        return self.table_no == "4" and col == 4

    def computed(self, row: str, col) -> int | None:
        """The total its parts give, or None (not a total, or a part not entered)."""
        d = self._get()
        if self.table_no == "4" and col == 4 and row in d.table4:
            return spec.computed_t4_total(d.table4[row])
        if self.table_no != "3":
            return None
        if row == "3.7":
            r37 = spec.computed_t3_row37(d)
            if r37 is None:
                return None
            if col != 6:
                return r37[col]
            parts = [d.t3("3.7", c) if d.t3("3.7", c) is not None else r37[c] for c in range(6)]
            return spec.computed_t3_total(parts)
        if col == 6 and row in d.table3:
            return spec.computed_t3_total(d.table3[row])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        pos = (index.row(), index.column())
        ref = self.refs.get(pos)
        if role == RefRole:
            return ref
        cell = self.cells.get(pos)
        if cell is None:
            return None  # covered by a span
        if ref is None:
            text = cell_text(cell)
            if role == Qt.DisplayRole:
                return "\n".join(text) if cell.vertical_text else text
            if role == Qt.ToolTipRole:
                return text
            if role == Qt.BackgroundRole:
                return QBrush(LABEL_BG)
            if role == Qt.TextAlignmentRole:
                h = Qt.AlignLeft if cell.align == "left" else Qt.AlignHCenter
                return int(h | Qt.AlignVCenter)
            return None
        row, col = ref
        v = self.value(row, col)
        comp = self.computed(row, col) if self.is_total(row, col) else None
        found = self.findings.get((row, col), [])
        if role == Qt.DisplayRole:
            if v is None:
                return "" if comp is None else str(comp)
            return layout.fmt_number(v)
        if role == Qt.EditRole:
            return "" if v is None else layout.fmt_number(v)
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        if role == Qt.FontRole and v is None and comp is not None:
            f = QFont()
            f.setItalic(True)
            return f
        if role == Qt.ForegroundRole:
            if v is None and comp is not None:
                return QBrush(SUGGEST_FG)
            if comp is not None and v != comp:
                return QBrush(BAD_TOTAL_FG)
        if role == Qt.BackgroundRole and found:
            return QBrush(ERROR_BG if any(f.severity == "error" for f in found) else WARN_BG)
        if role == Qt.ToolTipRole:
            tips = [f.message for f in found]
            if v is None and comp is not None:
                tips.insert(0, f"未填写；按各项计算为 {comp}（“填入计算的总计”可填入）")
            elif comp is not None and v != comp:
                tips.insert(0, f"填写的总计 {v} 与各项之和 {comp} 不一致")
            elif v is None:
                tips.insert(0, "未填写（如本年确实为0，请填写0）")
            return "\n".join(tips) or None
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        pos = (index.row(), index.column())
        if pos not in self.cells:
            return Qt.NoItemFlags
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if pos in self.refs and not self.read_only:
            return base | Qt.ItemIsEditable
        return base

    def parse(self, row: str, col, text: str):
        """The figure a clerk typed: int (or Decimal for money), None for empty; ValueError with a message."""
        text = text.strip().replace(",", "").replace("，", "")
        if not text:
            return None
        if self.table_no == "2" and (row, col) in spec.MONEY_FIELDS:
            try:
                v = Decimal(text)
            except InvalidOperation:
                raise ValueError("金额应为数字（单位：万元）") from None
            if not v.is_finite() or v < 0 or v.as_tuple().exponent < -4:
                raise ValueError("金额应为非负数，最多4位小数（单位：万元）")
            return v
        if not text.isdigit():
            raise ValueError("应填写非负整数（没有请填0）")
        return int(text)

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.EditRole or self.read_only:
            return False
        ref = self.refs.get((index.row(), index.column()))
        if ref is None:
            return False
        row, col = ref
        try:
            new = self.parse(row, col, str(value))
        except ValueError as e:
            self.last_error = str(e)
            return False
        self.last_error = ""
        old = self.value(row, col)
        if new == old and (new is not None or old is None):
            return True
        self.store(row, col, new)
        if self.on_edit:
            self.on_edit(row, col, old, new)
        self.refresh()
        return True

    def store(self, row: str, col, new) -> None:
        d = self._get()
        if self.table_no == "2":
            d.table2.setdefault(row, {})[col] = new
        else:
            rows, width = (d.table3, 7) if self.table_no == "3" else (d.table4, 5)
            vals = rows.setdefault(row, [None] * width)
            vals[col] = new
            if all(v is None for v in vals):
                del rows[row]

    def fill_missing_totals(self) -> int:
        """Put each computed total into a total cell left empty; typed totals stay. Returns how many."""
        n = 0
        changed = True
        while changed:  # 3.7's 总计 can only be computed after 3.7's columns
            changed = False
            for (row, col) in self.refs.values():
                if self.is_total(row, col) and self.value(row, col) is None:
                    comp = self.computed(row, col)
                    if comp is not None:
                        self.store(row, col, comp)
                        n += 1
                        changed = True
        self.refresh()
        return n
