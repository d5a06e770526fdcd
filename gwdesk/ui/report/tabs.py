"""The 年度报告 screen's tabs besides the grids: 表二 with its business-figure buttons, each narrative
beside last year's, and the year-on-year comparison."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from gwdesk.core.annual_report.spec import ReportData
from gwdesk.ui.common.table_model import Column, RowsModel
from gwdesk.ui.report.grid_view import GridView
from gwdesk.ui.report.yoy import yoy_rows


class BusinessTableTab(QWidget):
    """表二's grid under a note: 行政许可、处罚、强制、收费 come from business systems, typed or from xlsx."""

    def __init__(self, view: GridView, parent=None):
        super().__init__(parent)
        hl = QVBoxLayout(self)
        hl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        note = QLabel(self.tr("行政许可、行政处罚、行政强制、收费来自业务系统：请填写，或从 xlsx 导入。"))
        note.setStyleSheet("color:#666")
        row.addWidget(note, 1)
        self.xlsx_btn = QPushButton(self.tr("从 xlsx 导入…"))
        self.template_btn = QPushButton(self.tr("保存 xlsx 模板…"))
        row.addWidget(self.xlsx_btn)
        row.addWidget(self.template_btn)
        hl.addLayout(row)
        hl.addWidget(view, 1)


class NarrativeTab(QWidget):
    """One narrative: this year's text (with its length) beside last year's, read-only, for reference."""

    edited = Signal(str)  # the narrative's key

    def __init__(self, key: str, parent=None):
        super().__init__(parent)
        self.key = key
        self._loading = False
        lay = QHBoxLayout(self)
        left, right = QVBoxLayout(), QVBoxLayout()
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("本年")))
        self.count_label = QLabel()
        head.addStretch(1)
        head.addWidget(self.count_label)
        left.addLayout(head)
        self.editor = QPlainTextEdit()
        self.editor.textChanged.connect(self._changed)
        left.addWidget(self.editor)
        self.last_label = QLabel()
        right.addWidget(self.last_label)
        self.last = QPlainTextEdit()
        self.last.setReadOnly(True)
        self.last.setStyleSheet("QPlainTextEdit{background:#f7f7f7;color:#444}")
        right.addWidget(self.last)
        lay.addLayout(left, 3)
        lay.addLayout(right, 2)

    def _changed(self) -> None:
        text = self.editor.toPlainText()
        self.count_label.setText(self.tr("%1字").replace("%1", str(len(text.replace("\n", "")))))
        if not self._loading:
            self.edited.emit(self.key)

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        """Put text in without it counting as the clerk's edit."""
        self._loading = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._loading = False

    def show_previous(self, text: str, year: int) -> None:
        self.last.setPlainText(text or self.tr("（没有上年度报告）"))
        self.last_label.setText(self.tr("上年（%1年）供参考").replace("%1", str(year)))


class YearOnYearTab(QWidget):
    """同比: every figure beside last year's, optionally only those that changed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._data: ReportData | None = None
        self._previous: ReportData | None = None
        yl = QVBoxLayout(self)
        self.changed_only = QCheckBox(self.tr("只显示有变化的"))
        yl.addWidget(self.changed_only)
        self.model = RowsModel([
            Column(self.tr("表"), lambda r: r.table, width=50),
            Column(self.tr("项目"), lambda r: r.label, width=420),
            Column(self.tr("上年"), lambda r: r.before, align=Qt.AlignRight | Qt.AlignVCenter, width=70),
            Column(self.tr("本年"), lambda r: r.now, align=Qt.AlignRight | Qt.AlignVCenter, width=70),
            Column(self.tr("增减"), lambda r: r.delta, align=Qt.AlignRight | Qt.AlignVCenter, width=70),
        ])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setStretchLastSection(True)
        for i, c in enumerate(self.model.columns):
            self.view.setColumnWidth(i, c.width or 80)
        yl.addWidget(self.view)
        self.changed_only.toggled.connect(self._refresh)

    def show_years(self, data: ReportData, previous: ReportData | None) -> None:
        self._data, self._previous = data, previous
        self._refresh()

    def _refresh(self, *_a) -> None:
        if self._data is None:
            return
        rows = yoy_rows(self._data, self._previous)
        if self.changed_only.isChecked():
            rows = [r for r in rows if r.delta not in ("", "0")]
        self.model.set_rows(rows)
