"""依申请公开台账 screen: the ledger with due dates, filters, masked personal data, due list, import/export."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from gwdesk.core import workdays as wd
from gwdesk.core.applications import APPLICANT_TYPES, listing
from gwdesk.core.applications.reminders import collect as collect_reminders
from gwdesk.errors import GwdeskError, os_error_text
from gwdesk.io import ledger_xlsx
from gwdesk.io.xlsx_safe import safe_filename
from gwdesk.store.applications_models import Application
from gwdesk.ui.common import alerts, files, live
from gwdesk.ui.applications.ledger_model import LedgerModel
from gwdesk.ui.common.table_model import Column, RowsModel
from gwdesk.ui.common.inputs import ComboBox

log = logging.getLogger(__name__)

STATES = listing.STATES
SEVERITY = {"overdue": "已逾期", "today": "今日到期", "soon": "即将到期"}


class Page(QWidget):
    # a colleague's change to one of these tables makes this screen read again (gwdesk.ui.common.live)
    WATCHES = frozenset({"application", "application_step", "application_reply", "application_history",
                         "appeal_case", "application_frozen_year", "holiday"})

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.reveal = False
        self.open_dialog = None  # the 依申请公开 dialog open over the ledger
        outer = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.year = ComboBox()
        self.state = ComboBox()
        self.state.addItems([self.tr(s) for s in STATES])
        self.applicant_type = ComboBox()
        self.applicant_type.addItem(self.tr("全部类型"), "")
        for t in APPLICANT_TYPES:
            self.applicant_type.addItem(t, t)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索编号、申请人、内容、答复书编号"))
        self.search.setClearButtonEnabled(True)
        self.reveal_box = QCheckBox(self.tr("显示个人信息"))
        for label, w in ((self.tr("收到年度"), self.year), (self.tr("状态"), self.state),
                         (self.tr("申请人"), self.applicant_type)):
            bar.addWidget(QLabel(label))
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.reveal_box)
        outer.addLayout(bar)

        actions = QHBoxLayout()
        self.new_button = QPushButton(self.tr("登记申请…"))
        self.open_button = QPushButton(self.tr("打开所选…"))
        self.import_button = QPushButton(self.tr("导入台账…"))
        self.export_button = QPushButton(self.tr("导出台账…"))
        self.holiday_button = QPushButton(self.tr("节假日设置…"))
        self.figures_button = QPushButton(self.tr("年度统计…"))
        self.cases_button = QPushButton(self.tr("复议诉讼案件…"))
        for b in (self.new_button, self.open_button, self.cases_button):
            actions.addWidget(b)
        actions.addStretch(1)
        for b in (self.figures_button, self.import_button, self.export_button, self.holiday_button):
            actions.addWidget(b)
        outer.addLayout(actions)

        split = QSplitter(Qt.Vertical)
        self.model = LedgerModel(ctx.today, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)  # no row is measured
        header = self.table.horizontalHeader()
        for col, width in enumerate([76, 86, 42, 96, 150, 250, 74, 86, 76, 86, 150]):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(5, QHeaderView.Stretch)

        due_box = QGroupBox(self.tr("今日到期 / 即将到期 / 逾期"))
        dv = QVBoxLayout(due_box)
        self.due_model = RowsModel([
            Column(self.tr("情况"), lambda r: SEVERITY[r.severity]),
            Column(self.tr("事项"), lambda r: r.text.replace("【依申请公开】", "")),
        ], row_tone=lambda r: "overdue" if r.severity == "overdue" else "soon", parent=self)
        self.due_view = QTableView()
        self.due_view.setModel(self.due_model)
        self.due_view.verticalHeader().setVisible(False)
        self.due_view.setSelectionBehavior(QTableView.SelectRows)
        self.due_view.setWordWrap(False)
        self.due_view.verticalHeader().setDefaultSectionSize(24)
        self.due_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.due_view.setColumnWidth(0, 80)
        self.due_view.setMinimumHeight(24 * 4 + 6)
        dv.addWidget(self.due_view)
        self.due_empty = QLabel(self.tr("没有今日到期、即将到期或逾期的申请。"))
        self.due_empty.setWordWrap(True)
        dv.addWidget(self.due_empty)
        split.addWidget(due_box)
        split.addWidget(self.table)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 5)
        split.setSizes([150, 600])
        outer.addWidget(split, 1)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.RichText)
        self.summary.setWordWrap(True)  # the calendar warning is a long sentence: it must not widen the window
        outer.addWidget(self.summary)
        self._warning: tuple[dt.date, str | None] | None = None  # (today, the calendar warning on it)
        self.model.counted.connect(self.show_counts)

        self.year.currentIndexChanged.connect(self.refilter)
        self.state.currentIndexChanged.connect(self.refilter)
        self.applicant_type.currentIndexChanged.connect(self.refilter)
        self.search.textChanged.connect(self.refilter)
        self.reveal_box.toggled.connect(self.set_reveal)
        self.table.doubleClicked.connect(lambda idx: self.open_application(self.model.row_at(idx.row()).id))
        self.due_view.doubleClicked.connect(lambda idx: self.open_application(int(self.due_model.row_at(idx.row()).ref)))
        self.new_button.clicked.connect(self.new_application)
        self.open_button.clicked.connect(self.open_selected)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        self.holiday_button.clicked.connect(self.edit_holidays)
        self.figures_button.clicked.connect(self.show_figures)
        self.cases_button.clicked.connect(self.show_cases)
        self.fill_years()
        self.reload_rows()
        # the due list computes every overdue case's reminder: it follows the first paint of the ledger
        QTimer.singleShot(0, self, self.refresh_due)

    # --- data
    def fill_years(self):
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("全部"), 0)
        for y in listing.years():
            self.year.addItem(self.tr("{0}年").format(y), y)
        i = self.year.findData(current)
        self.year.setCurrentIndex(max(i, 0))
        self.year.blockSignals(False)

    def reload(self, *_):
        """Rows and the due list, from the database (after any change to the data)."""
        self.reload_rows()
        self.refresh_due()

    def refresh_due(self):
        order = {"overdue": 0, "today": 1, "soon": 2}
        reminders = sorted(collect_reminders(self.ctx), key=lambda r: (order[r.severity], r.due or dt.date.max))
        self.due_model.set_rows(reminders)
        self.due_view.setVisible(bool(reminders))
        self.due_empty.setVisible(not reminders)

    def reload_rows(self, *_):
        """Bring the stored due dates up to date, then show the ledger through the filters."""
        listing.refresh(self.ctx.today())
        self._warning = None  # the holidays may have changed
        self.refilter()

    def colleague_changed(self):
        """A colleague registered or changed an application: the ledger and the due list are read again, the
        selected application staying selected and the ledger where it was scrolled; an open 依申请公开 dialog
        shows the colleague's save unless the clerk has typed there (then its 保存 asks)."""
        self.fill_years()
        listing.refresh(self.ctx.today())
        self._warning = None
        with live.kept_view(self.table, lambda i: self.model.row_at(i.row()).id, near=50):
            self.model.query(self.filter(), lazy=True)
        if not self.model.listing.exact:
            self.show_counts()
        self.refresh_due()
        if self.open_dialog is not None:
            self.open_dialog.colleague_changed()

    def filter(self) -> listing.Filter:
        return listing.Filter(year=self.year.currentData() or None,
                              applicant_type=self.applicant_type.currentData() or None,
                              state=STATES[self.state.currentIndex()], search=self.search.text())

    def refilter(self, *_):
        # a short search matching many rows shows them at once and counts them when the typing pauses
        flt = self.filter()
        other = flt != self.model.filter
        self.model.query(flt, lazy=True)
        self.table.clearSelection()  # the rows are other rows now
        if other:  # a new filter starts at the top; a reload after an edit stays where the clerk was
            self.table.scrollToTop()
        if not self.model.listing.exact:
            self.show_counts()

    def show_counts(self):
        shown = self.model.listing
        if shown.exact:
            text = self.tr("共 {0} 件，未办结 {1} 件").format(shown.count, shown.open)
            if shown.overdue:
                text += self.tr("，<span style='color:#c62828'>逾期 {0} 件</span>").format(shown.overdue)
            if shown.soon:
                text += self.tr("，<span style='color:#b26a00'>3个工作日内到期 {0} 件</span>").format(shown.soon)
            if shown.voided:
                text += self.tr("，<span style='color:#777'>其中已作废 {0} 件（不计入统计）</span>").format(shown.voided)
        else:
            text = self.tr("共 {0} 件以上（正在统计）").format(shown.count - 1)
        today = self.ctx.today()
        if self._warning is None or self._warning[0] != today:
            self._warning = (today, wd.coverage_warning(wd.add_workdays(today, 30)))
        if self._warning[1]:
            text += f"<br><span style='color:#b26a00'>{self._warning[1]}</span>"
        if text != self.summary.text():  # a rich-text label lays itself out again on every setText
            self.summary.setText(text)

    def set_reveal(self, on: bool):
        if on and not alerts.ask(self, self.tr("显示个人信息"),
                                 self.tr("将显示申请人的姓名等个人信息。请确认周围无无关人员，用完后取消勾选。")):
            self.reveal_box.blockSignals(True)
            self.reveal_box.setChecked(False)
            self.reveal_box.blockSignals(False)
            return
        self.reveal = on
        self.model.set_reveal(on)

    # --- actions
    def selected_app_id(self) -> int | None:
        idx = self.table.selectionModel().selectedRows()
        return self.model.row_at(idx[0].row()).id if idx else None

    def open_selected(self):
        app_id = self.selected_app_id()
        if app_id is None:
            alerts.info(self, self.tr("请选择申请"), self.tr("请先在台账中选中一件申请。"))
            return
        self.open_application(app_id)

    def editor(self, app_id: int | None = None):
        from gwdesk.ui.applications.editor import ApplicationDialog
        app = Application.get_by_id(app_id) if app_id else None
        return ApplicationDialog(self.ctx, app, reveal=self.reveal, parent=self)

    def _run(self, dlg) -> int:
        """The dialog, followed by a colleague's change while it is open (colleague_changed)."""
        self.open_dialog = dlg
        try:
            return dlg.exec()
        finally:
            self.open_dialog = None

    def new_application(self):
        dlg = self.editor()
        if self._run(dlg) and dlg.app is not None:
            self.fill_years()
            self.reload()
            self.open_application(dlg.app.id)

    def open_application(self, app_id: int):
        dlg = self.editor(app_id)
        self._run(dlg)
        if dlg.changed:
            self.reload()

    def edit_holidays(self):
        from gwdesk.ui.applications.holidays import HolidayDialog
        HolidayDialog(self.ctx, parent=self).exec()
        self.reload()

    def show_cases(self):
        from gwdesk.ui.applications.cases import CasesWindow
        CasesWindow(self.ctx, parent=self).exec()

    def show_figures(self):
        from gwdesk.ui.applications.figures import FiguresDialog
        FiguresDialog(self.ctx, year=self.year.currentData() or None, parent=self).exec()

    def choose_import(self):
        path = files.open_file(self, "applications_import", self.tr("选择要导入的台账"), self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.import_from(path)

    def import_from(self, path: str | Path, run: bool = True):
        from gwdesk.ui.applications.import_dialog import ImportDialog
        try:
            dlg = ImportDialog(path, self, today=self.ctx.today())
        except GwdeskError as e:
            alerts.error(self, self.tr("无法导入"), e.message)
            return None
        if run and dlg.exec():
            self.fill_years()
            self.reload()
        return dlg

    def choose_export(self):
        year = self.year.currentData() or None
        name = safe_filename(f"依申请公开台账{f'_{year}年' if year else ''}_{self.ctx.today().isoformat()}") + ".xlsx"
        path = files.save_file(self, "applications_export", self.tr("导出台账"), name, self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        reveal = alerts.ask(self, self.tr("导出台账"), self.tr("导出文件默认去除个人身份信息（姓名、证件号码、联系方式打码）。\n"
                                                          "是否改为导出完整的个人信息？（仅供内部存档，请妥善保管）"))
        self.export_to(path, reveal=reveal)

    def export_to(self, path: str | Path, reveal: bool = False) -> int:
        try:
            n = ledger_xlsx.export_ledger(path, self.ctx.today(), year=self.year.currentData() or None,
                                          reveal=reveal)
        except OSError as e:
            alerts.error(self, self.tr("导出失败"), self.tr("无法写入“{0}”：{1}").format(path, os_error_text(e)))
            return 0
        alerts.info(self, self.tr("导出完成"), self.tr("已导出{0}件申请到“{1}”。").format(n, Path(path).name))
        return n

    # --- 今日提醒
    def show_record(self, ref: str) -> bool:
        """今日提醒 names an application (its id): its ledger row selected and scrolled to. A year, state or
        applicant filter or a search that leaves it out is cleared (the line under the ledger says so); an
        application no longer stored is said plainly; one the ledger cannot list opens in its own window."""
        from gwdesk.ui.common import jump
        app_id = jump.ref_id(ref)
        if app_id is None:
            return False
        app = Application.get_or_none(Application.id == app_id)
        if app is None:
            jump.gone(self, self.tr("提醒所指的申请（id={0}）已不存在，可能已被删除。").format(app_id))
            return False
        self.refilter()  # the ledger as stored now (a colleague may have registered it since)
        self.model.finish_count()  # a lazy search's rows all counted: the row may lie past the first ones
        row = self.model.listing.position(app_id)
        cleared = False
        if row is None and jump.reset_filters([self.year, self.state, self.applicant_type], [self.search]):
            self.refilter()
            self.model.finish_count()
            cleared = True
            row = self.model.listing.position(app_id)
        if row is None:  # not in the ledger's list at all: its window, where what keeps it out is put right
            self.open_application(app_id)
            return True
        jump.select_row(self.table, self.model.index(row, 0))
        if cleared:
            self.summary.setText(self.tr("已清除筛选和搜索，以显示申请 {0}。").format(app.number) + self.summary.text())
        return True
