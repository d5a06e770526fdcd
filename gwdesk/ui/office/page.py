"""汇总 screen: a folder of units' progress files → task × unit matrix, completion rates, who is missing or late;
and the annual reports units sent, with who is missing or late (by the date inside each file)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwdesk.core.office import gather, rollup
from gwdesk.core.tasks import tracking
from gwdesk.errors import GwdeskError
from gwdesk.io import office_xlsx, progress_json, report_rollup
from gwdesk.io.xlsx_safe import safe_filename
from gwdesk.ui.common import files
from gwdesk.ui.common import alerts
from gwdesk.ui.common.table_model import Column, RowsModel
from gwdesk.ui.office.matrix_model import MatrixModel
from gwdesk.ui.common.date_line import DateField
from gwdesk.ui.common.inputs import ComboBox

log = logging.getLogger(__name__)
CENTRE = Qt.AlignCenter
AUTO = "auto"


def _table(model, stretch: int | None = None) -> QTableView:
    v = QTableView()
    v.setModel(model)
    v.setSelectionBehavior(QAbstractItemView.SelectRows)
    v.setEditTriggers(QAbstractItemView.NoEditTriggers)
    v.verticalHeader().setVisible(False)
    v.verticalHeader().setDefaultSectionSize(24)
    if stretch is not None:
        v.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        v.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.Stretch)
    return v


def _rate(u) -> str:
    return "—" if u.rate is None else f"{u.rate:.0%}"


UNIT_COLUMNS = [
    Column("单位", lambda u: u.name),
    Column("承担", lambda u: len(u.cells), align=CENTRE),
    Column("牵头", lambda u: u.lead, align=CENTRE),
    Column("已完成", lambda u: u.count("已完成"), align=CENTRE),
    Column("逾期", lambda u: u.count("逾期"), align=CENTRE),
    Column("完成率", _rate, sort_key=lambda u: -1 if u.rate is None else u.rate, align=CENTRE),
    Column("截至", lambda u: u.as_of.isoformat(), align=CENTRE),
    Column("报送", lambda u: f"逾期{u.days_late}天" if u.days_late else "按时", sort_key=lambda u: u.days_late,
           align=CENTRE),
]
FILE_COLUMNS = [
    Column("单位", lambda f: f.unit),
    Column("状态", lambda f: f.status, align=CENTRE),
    Column("文件", lambda f: f.file),
    Column("说明", lambda f: f.problem),
]
REPORT_COLUMNS = [
    Column("单位", lambda e: e.unit),
    Column("状态", lambda e: e.status, align=CENTRE),
    Column("报送日期", lambda e: e.received.isoformat() if e.received else "", align=CENTRE),
    Column("逾期天数", lambda e: e.days_late or "", sort_key=lambda e: e.days_late, align=CENTRE),
    Column("错误", lambda e: e.errors if e.data else "", align=CENTRE),
    Column("提醒", lambda e: e.warnings if e.data else "", align=CENTRE),
    Column("文件", lambda e: e.file),
    Column("说明", lambda e: e.problem),
]


def _file_tone(f) -> str | None:
    return "overdue" if f.status in (rollup.OTHER_LIST, rollup.DAMAGED, "未报送") else None


class Page(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.inputs: list[Path] = []
        self.result: rollup.OfficeRollup | None = None
        self.reports = None  # the annual-report roll-up
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self.tabs.addTab(self._progress_tab(), self.tr("任务落实情况"))
        self.tabs.addTab(self._reports_tab(), self.tr("年度报告报送"))

        self.add_button.clicked.connect(self._ask_add)
        self.clear_button.clicked.connect(self.clear)
        self.list_combo.currentIndexChanged.connect(lambda _i: self.recompute())
        self.deadline_check.toggled.connect(self._deadline_toggled)
        self.deadline.committed.connect(lambda _d: self.recompute())
        self.category.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.unit_filter.textChanged.connect(lambda _t: self.apply_filters())
        self.matrix_button.clicked.connect(self._ask_matrix)
        self.report_button.clicked.connect(self._ask_report)
        self.reports_button.clicked.connect(self._ask_reports)
        self.reports_export.clicked.connect(self._ask_reports_export)
        self.refresh()

    # ---- layout ---------------------------------------------------------------------------------
    def _list_bar(self) -> QHBoxLayout:
        today = self.ctx.today()
        bar = QHBoxLayout()
        self.list_combo = ComboBox()
        self.list_combo.setMinimumWidth(300)
        self.list_combo.setToolTip(self.tr("本单位下发的任务清单（在“任务台账”中导入）；或按多数报送文件所对应的清单"))
        self.deadline_check = QCheckBox(self.tr("报送截止"))
        self.deadline = DateField(today, optional=False, today=self.ctx.today)
        self.deadline.setEnabled(False)
        self.add_button = QPushButton(self.tr("添加报送文件夹…"))
        self.add_button.setToolTip(self.tr("各单位用“导出进展报送文件”生成的 JSON 文件所在的文件夹（U盘、共享文件夹）"))
        self.clear_button = QPushButton(self.tr("清空"))
        bar.addWidget(QLabel(self.tr("任务清单")))
        bar.addWidget(self.list_combo, 1)
        bar.addWidget(self.deadline_check)
        bar.addWidget(self.deadline)
        bar.addWidget(self.add_button)
        bar.addWidget(self.clear_button)
        return bar

    def _progress_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(self._list_bar())
        self.summary = QLabel(self.tr("添加各单位报送的进展文件（可一次选择整个文件夹）后，在此查看汇总。"))
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        filters = QHBoxLayout()
        self.category = ComboBox()
        self.category.setMinimumWidth(260)
        self.unit_filter = QLineEdit()
        self.unit_filter.setPlaceholderText(self.tr("筛选单位（名称中的字）"))
        self.unit_filter.setClearButtonEnabled(True)
        self.matrix_button = QPushButton(self.tr("导出汇总表…"))
        self.report_button = QPushButton(self.tr("汇总报告…"))
        filters.addWidget(QLabel(self.tr("类别")))
        filters.addWidget(self.category, 1)
        filters.addWidget(QLabel(self.tr("单位")))
        filters.addWidget(self.unit_filter, 1)
        filters.addWidget(self.matrix_button)
        filters.addWidget(self.report_button)
        lay.addLayout(filters)

        self.matrix = MatrixModel(self)
        self.matrix_view = _table(self.matrix)
        self.matrix_view.setSelectionBehavior(QAbstractItemView.SelectItems)
        h = self.matrix_view.horizontalHeader()
        h.setDefaultSectionSize(64)
        h.setMinimumSectionSize(40)
        h.setDefaultAlignment(Qt.AlignCenter)
        self.matrix_view.setWordWrap(False)
        self.units_model = RowsModel(UNIT_COLUMNS, parent=self, row_tone=lambda u: "overdue" if u.days_late else None)
        self.units_view = _table(self.units_model, 0)
        self.units_view.setSortingEnabled(True)
        self.units_view.sortByColumn(5, Qt.AscendingOrder)  # lowest completion first
        self.files_model = RowsModel(FILE_COLUMNS, parent=self, row_tone=_file_tone)
        self.files_view = _table(self.files_model, 3)
        bottom = QSplitter(Qt.Horizontal)
        bottom.addWidget(self.units_view)
        bottom.addWidget(self.files_view)
        bottom.setSizes([640, 640])
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.matrix_view)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        return w

    def _reports_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.reports_button = QPushButton(self.tr("选择年度报告文件夹…"))
        self.reports_export = QPushButton(self.tr("导出汇总表…"))
        self.reports_export.setEnabled(False)
        self.reports_summary = QLabel(self.tr("各单位报送的年度报告数据（JSON）；是否逾期按文件内的报送日期判断，不看文件的修改时间。"))
        self.reports_summary.setWordWrap(True)
        row.addWidget(self.reports_button)
        row.addWidget(self.reports_export)
        row.addWidget(self.reports_summary, 1)
        lay.addLayout(row)
        self.reports_model = RowsModel(REPORT_COLUMNS, parent=self,
                                       row_tone=lambda e: "overdue" if e.days_late or e.status != "已报送" else None)
        self.reports_view = _table(self.reports_model, 7)
        self.reports_view.setSortingEnabled(True)
        lay.addWidget(self.reports_view, 1)
        return w

    # ---- data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Offer the lists stored now; the files are read again only when the chosen list changed
        (adding a folder again re-reads it)."""
        keep = self.list_combo.currentData()
        self.list_combo.blockSignals(True)
        self.list_combo.clear()
        self.list_combo.addItem(self.tr("按报送文件识别清单"), AUTO)
        for tl in tracking.lists():
            self.list_combo.addItem(f"{tl.title or tl.issuer}（{tl.year}年，第{tl.revision}版）", tl.id)
        self.list_combo.setCurrentIndex(max(self.list_combo.findData(keep), 0))
        self.list_combo.blockSignals(False)
        if self.list_combo.currentData() != keep or (self.inputs and self.result is None):
            self.recompute()

    def _deadline_toggled(self, on: bool) -> None:
        self.deadline.setEnabled(on)
        self.recompute()

    def add_inputs(self, *paths: str | Path) -> None:
        for p in paths:
            if Path(p) not in self.inputs:
                self.inputs.append(Path(p))
        self.recompute()

    def clear(self) -> None:
        self.inputs.clear()
        self.recompute()

    def ask_folder(self, title: str) -> str:
        """A folder chosen by the clerk; tests replace this."""
        return files.open_folder(self, "office_inputs", title)

    def ask_save(self, title: str, suggested: str, pattern: str) -> str:
        """A path to save to; tests replace this."""
        return files.save_file(self, "office_export", title, suggested, pattern)

    def _ask_add(self) -> None:
        folder = self.ask_folder(self.tr("选择存放各单位进展报送文件（JSON）的文件夹"))
        if folder:
            self.add_inputs(folder)

    def recompute(self) -> None:
        """Read every input again and roll up (a folder of 500 units takes about a second)."""
        if not self.inputs:
            self.result = None
            self._show()
            return
        lid = self.list_combo.currentData()
        reference = rows = None
        try:
            if lid not in (None, AUTO):
                reference, rows = gather.list_rows(lid)
            received = progress_json.read_many(self.inputs)
            deadline = self.deadline.value() if self.deadline_check.isChecked() else None
            self.result = rollup.collect(received, today=self.ctx.today(), reference=reference, rows=rows,
                                         deadline=deadline)
        except GwdeskError as e:
            self.result = None
            self._show()
            self.summary.setText(e.message)
            return
        self._show()

    def _show(self) -> None:
        r = self.result
        self.category.blockSignals(True)
        keep = self.category.currentData()
        self.category.clear()
        self.category.addItem(self.tr("全部类别"), "")
        for c in (r.categories if r else []):
            self.category.addItem(c, c)
        self.category.setCurrentIndex(max(self.category.findData(keep), 0))
        self.category.blockSignals(False)
        for b in (self.matrix_button, self.report_button):
            b.setEnabled(r is not None)
        if r is None:
            self.matrix.set_view(None, [], [])
            self.units_model.set_rows([])
            self.files_model.set_rows([])
            self.summary.setText(self.tr("添加各单位报送的进展文件（可一次选择整个文件夹）后，在此查看汇总。"))
            return
        t = r.identity
        counts = r.status_counts()
        done, total = counts.get("已完成", 0), sum(counts.values()) - counts.get("不适用", 0)
        rate = f"{done / total:.0%}" if total else "—"
        refused = len(r.refused())
        self.summary.setText(
            f"《{t.title or t.issuer}》{t.year}年，{t.rows}项任务。收到 {len(r.units)} 个单位的报送，"
            f"总体完成率 {rate}，逾期未完成 {counts.get('逾期', 0)} 项次；"
            f"逾期报送 {len(r.late)} 个单位；清单中点名而未报送 {len(r.missing)} 个单位"
            + (f"；{refused} 个文件未汇总（见右下）" if refused else "") + "。")
        missing = [rollup.FileEntry("", name, None, "未报送", "清单中点名的单位，未收到报送文件") for name in r.missing]
        self.files_model.set_rows(r.refused() + missing + [f for f in r.files if f.status == rollup.OLDER])
        self.apply_filters()

    def filtered(self):
        """(rows, units) the filters leave."""
        r = self.result
        if r is None:
            return [], []
        cat = self.category.currentData() or ""
        rows = [row for row in r.rows if not cat or row.category == cat]
        text = self.unit_filter.text().strip()
        units = [u for u in r.units if not text or text in u.name]
        return rows, units

    def apply_filters(self) -> None:
        rows, units = self.filtered()
        self.matrix.set_view(self.result, rows, units)
        self.units_model.set_rows(units)
        h = self.matrix_view.horizontalHeader()
        self.matrix_view.setColumnWidth(0, 44)
        self.matrix_view.setColumnWidth(1, 300)
        h.setSectionResizeMode(QHeaderView.Interactive)
        h.setFixedHeight(64)

    # ---- exports --------------------------------------------------------------------------------
    def _title(self) -> str:
        t = self.result.identity
        return t.title or f"{t.issuer}{t.year}年任务清单"

    def _ask_matrix(self) -> None:
        if self.result is None:
            return
        path = self.ask_save(self.tr("导出汇总表"), safe_filename(f"{self._title()}落实情况汇总.xlsx"),
                             self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_matrix(path)

    def export_matrix(self, path: str | Path) -> Path | None:
        rows, units = self.filtered()
        try:
            out = office_xlsx.write(self.result, path, rows=rows, units=units)
        except GwdeskError as e:
            alerts.error(self, self.tr("导出汇总表"), e.message)
            return None
        alerts.info(self, self.tr("导出汇总表"), self.tr("已导出：") + str(out))
        return out

    def _ask_report(self) -> None:
        if self.result is None:
            return
        path = self.ask_save(self.tr("任务落实情况汇总报告"), safe_filename(f"{self._title()}落实情况汇总报告.docx"),
                             self.tr("Word 文档 (*.docx);;PDF 文件 (*.pdf)"))
        if path:
            self.export_report(path)

    def export_report(self, path: str | Path) -> Path | None:
        from gwdesk.render.layouts import office_report
        profile = self.ctx.profile()
        try:
            out = office_report.write(self.result, Path(path), office=profile.name if profile else "")
        except (GwdeskError, OSError) as e:
            alerts.error(self, self.tr("汇总报告"), getattr(e, "message", None) or self.tr("无法写入文件：") + str(path))
            return None
        alerts.info(self, self.tr("汇总报告"), self.tr("已导出：") + str(out))
        return out

    # ---- annual reports -------------------------------------------------------------------------
    def _ask_reports(self) -> None:
        folder = self.ask_folder(self.tr("选择存放各单位年度报告数据（JSON）的文件夹"))
        if folder:
            self.load_reports(folder)

    def expected_units(self, present: list[str]) -> dict[str, str]:
        """Who should send an annual report: the units in the progress roll-up and those the list names."""
        r = self.result
        if r is None:
            return {}
        levels = {u.name: u.level for u in r.units}
        names = rollup.respell([u.name for u in r.units] + r.missing, present)
        return {n: levels.get(n, "") for n in names}

    def load_reports(self, folder: str | Path) -> None:
        from gwdesk.core.annual_report import rollup as annual
        try:
            received = report_rollup.read_reports([folder])
            present = [rc.data.unit for rc in received if rc.data is not None]
            self.reports = annual.collect(received, expected=self.expected_units(present))
        except GwdeskError as e:
            self.reports = None
            self.reports_model.set_rows([])
            self.reports_export.setEnabled(False)
            self.reports_summary.setText(e.message)
            return
        r = self.reports
        used = [e for e in r.entries if e.used]
        undated = sum(1 for e in used if e.received is None)
        self.reports_model.set_rows(sorted(r.entries, key=lambda e: (e.status != "已报送", -e.days_late, e.unit)))
        self.reports_export.setEnabled(True)
        self.reports_summary.setText(
            f"{r.year}年度报告（截止{r.deadline:%Y-%m-%d}）：收到{len(used)}个单位，逾期{len(r.late)}个，"
            f"有错误的{sum(1 for e in used if e.errors)}个，未报送{len(r.missing)}个"
            + (f"，{undated}个文件未注明报送日期" if undated else "") + "。")

    def _ask_reports_export(self) -> None:
        if self.reports is None:
            return
        path = self.ask_save(self.tr("导出年度报告汇总表"), f"{self.reports.year}年度报告汇总.xlsx",
                             self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            try:
                out = report_rollup.export_xlsx(self.reports, path)
            except GwdeskError as e:
                alerts.error(self, self.tr("导出"), e.message)
                return
            alerts.info(self, self.tr("导出"), self.tr("已导出：") + str(out))
