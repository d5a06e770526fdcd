"""The 年度报告 screen's side panel: the checker's findings (click one to go to its cell) and where
each figure came from."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QPlainTextEdit, QTableView, QVBoxLayout, QWidget

from gwdesk.core.annual_report.findings import Finding, count
from gwdesk.ui.common.table_model import Column, RowsModel

SEVERITY = {"error": "错误", "warn": "提醒"}
SOURCE_NAMES = {
    "table3": "表三", "table4": "表四", "table2.normative_docs.issued": "行政规范性文件·本年制发件数",
    "table2.normative_docs.in_force": "行政规范性文件·现行有效件数", "text.other": "六、其他需要报告的事项",
    "import": "导入", "table2.business": "表二业务数据",
}


class FindingsPanel(QWidget):
    picked = Signal(object)  # the Finding clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        sl = QVBoxLayout(self)
        sl.setContentsMargins(0, 0, 0, 0)
        self.check_label = QLabel()
        sl.addWidget(self.check_label)
        self.model = RowsModel([
            Column(self.tr("级别"), lambda f: SEVERITY.get(f.severity, f.severity), width=44),
            Column(self.tr("规则"), lambda f: f.rule, width=54),
            Column(self.tr("问题"), lambda f: f"{f.message}", width=600),
        ], row_tone=lambda f: "overdue" if f.severity == "error" else "soon")
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setWordWrap(True)
        self.view.setColumnWidth(0, 44)
        self.view.setColumnWidth(1, 54)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.clicked.connect(lambda index: self.picked.emit(self.model.row_at(index.row())))
        sl.addWidget(self.view, 3)
        sl.addWidget(QLabel(self.tr("数据来源")))
        self.sources_view = QPlainTextEdit()
        self.sources_view.setReadOnly(True)
        sl.addWidget(self.sources_view, 2)

    def show_findings(self, findings: list[Finding]) -> None:
        self.model.set_rows(findings)
        self.view.resizeRowsToContents()
        e, w = count(findings, "error"), count(findings, "warn")
        self.check_label.setText(self.tr("校验：%1个错误，%2个提醒（点击问题可定位到单元格）")
                                 .replace("%1", str(e)).replace("%2", str(w)) if findings
                                 else self.tr("校验：未发现问题"))

    def show_sources(self, sources: dict[str, str], unavailable: list[str]) -> None:
        lines = [f"· {SOURCE_NAMES.get(k, k)}：{v}" for k, v in sources.items() if not k.endswith(".tasks")]
        if unavailable:
            lines.append(self.tr("未能取数："))
            lines.extend(f"· {u}" for u in unavailable)
        if not lines:
            lines = [self.tr("尚未从台账取数。行政许可、行政处罚、行政强制、收费等数字来自业务系统，请手工填写。")]
        self.sources_view.setPlainText("\n".join(lines))
