"""年度报告 screen: year picker, the three official tables as grids, narratives beside last year's,
fill from records with sources, the checker (click a finding → its cell), export DOCX/PDF/JSON."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QApplication, QCheckBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from gwdesk.core.annual_report import checker, records, spec
from gwdesk.core.annual_report.fill import fill
from gwdesk.core.annual_report.findings import Finding, count
from gwdesk.core.annual_report.reminders import due_report
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.errors import ConflictError, GwdeskError
from gwdesk.ui.common import alerts, conflicts
from gwdesk.ui.common.autosave import FocusOut
from gwdesk.ui.report.files import ReportFiles
from gwdesk.ui.report.findings_panel import FindingsPanel
from gwdesk.ui.report.grid_model import ReportGridModel
from gwdesk.ui.report.grid_view import GridView
from gwdesk.ui.report.tabs import BusinessTableTab, NarrativeTab, YearOnYearTab
from gwdesk.ui.common.inputs import ComboBox

log = logging.getLogger(__name__)

TABLE_TABS = (("2", "表二 主动公开"), ("3", "表三 依申请公开"), ("4", "表四 复议诉讼"))
TEXT_TABS = (("overview", "一、总体情况"), ("problems", "五、问题及改进"), ("other", "六、其他事项"))


class Page(QWidget):
    """The report of one year: grids and narratives in tabs, the findings panel beside them, autosaved
    into the stored report 0.6 s after each edit and before anything that reads it."""

    # a colleague's change to one of these tables makes this screen read again (gwdesk.ui.common.live)
    WATCHES = frozenset({"annual_report"})
    SAVE_AFTER_MS = 600  # the autosave after a pause in typing
    CHECK_AFTER_MS = 500  # the findings re-checked while typing, not per key

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        prof = ctx.profile()
        self.unit = prof.name if prof else ""
        self.level = prof.level if prof else None
        self.data = ReportData(year=ctx.today().year - 1, unit=self.unit)
        self.previous: ReportData | None = None
        self.sources: dict[str, str] = {}
        self.unavailable: list[str] = []
        self.import_findings: list[Finding] = []
        self.findings: list[Finding] = []
        self.frozen = False
        self.version = 0  # the stored report's version this screen was read at (0: none stored)
        self._loading = False
        self.files = ReportFiles(self, self)
        self._save_timer = QTimer(self, singleShot=True, interval=self.SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save)
        self._check_timer = QTimer(self, singleShot=True, interval=self.CHECK_AFTER_MS)
        self._check_timer.timeout.connect(self.recheck)
        self.focus_out = FocusOut(self, self.save_now)  # leaving a text or a cell writes at once

        outer = QVBoxLayout(self)
        outer.addLayout(self._build_bar())
        fmt = QLabel(self.tr("格式：") + spec.FORMAT_NAME)
        fmt.setStyleSheet("color:#666")
        outer.addWidget(fmt)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self._build_tabs())
        self.panel = FindingsPanel()
        self.panel.picked.connect(self.go_to)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([780, 460])
        outer.addWidget(split, 1)
        self._fill_years()

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("报告年度")))
        self.year_box = ComboBox()
        bar.addWidget(self.year_box)
        self.status = QLabel()
        bar.addWidget(self.status)
        bar.addStretch(1)
        self.fill_btn = QPushButton(self.tr("从台账取数"))
        self.totals_btn = QPushButton(self.tr("填入计算的总计"))
        self.import_btn = QPushButton(self.tr("导入 JSON…"))
        self.frozen_box = QCheckBox(self.tr("定稿"))
        self.sent_btn = QPushButton(self.tr("标记已报送"))
        self.docx_btn = QPushButton(self.tr("导出 DOCX…"))
        self.pdf_btn = QPushButton(self.tr("导出 PDF…"))
        self.json_btn = QPushButton(self.tr("导出 JSON…"))
        self.rollup_btn = QPushButton(self.tr("汇总…"))
        self.rollup_btn.setToolTip(self.tr("主管部门用：汇总一个文件夹中各单位的年度报告数据（JSON），导出 xlsx"))
        for w in (self.fill_btn, self.totals_btn, self.import_btn, self.frozen_box, self.sent_btn, self.docx_btn,
                  self.pdf_btn, self.json_btn, self.rollup_btn):
            bar.addWidget(w)
        self.year_box.currentIndexChanged.connect(self._year_picked)
        self.fill_btn.clicked.connect(self.fill_from_records)
        self.totals_btn.clicked.connect(self.fill_totals)
        self.import_btn.clicked.connect(self.files.import_json)
        self.frozen_box.toggled.connect(self._set_frozen)
        self.docx_btn.clicked.connect(lambda: self.files.export("docx"))
        self.pdf_btn.clicked.connect(lambda: self.files.export("pdf"))
        self.json_btn.clicked.connect(lambda: self.files.export("json"))
        self.rollup_btn.clicked.connect(self.files.rollup)
        self.sent_btn.clicked.connect(self.mark_sent)
        return bar

    def _build_tabs(self) -> QTabWidget:
        self.tabs = QTabWidget()
        self.models: dict[str, ReportGridModel] = {}
        self.views: dict[str, GridView] = {}
        self.tab_pages: dict[str, QWidget] = {}
        for no, title in TABLE_TABS:
            m = ReportGridModel(no, lambda: self.data, self)
            m.on_edit = self._edited
            v = GridView(m)
            self.models[no], self.views[no] = m, v
            holder = v
            if no == "2":
                holder = self.business_tab = BusinessTableTab(v)
                holder.xlsx_btn.clicked.connect(self.files.import_business_xlsx)
                holder.template_btn.clicked.connect(self.files.save_business_template)
            self.tab_pages[no] = holder
            self.tabs.addTab(holder, self.tr(title))
        self.narratives: dict[str, NarrativeTab] = {}
        for key, title in TEXT_TABS:
            tab = NarrativeTab(key)
            tab.edited.connect(self._text_changed)
            self.narratives[key] = tab
            self.tabs.addTab(tab, self.tr(title))
        self.texts = {k: t.editor for k, t in self.narratives.items()}  # each narrative's editor
        self.yoy = YearOnYearTab()
        self.tabs.addTab(self.yoy, self.tr("同比"))
        return self.tabs

    # ---- loading ----
    def _fill_years(self, select: int | None = None) -> None:
        stored = records.years(self.unit) if self.unit else []
        this = self.ctx.today().year
        years = sorted(set(stored) | {this, this - 1}, reverse=True)
        if select is None:
            # from 1 December to 31 March the report due by 1月31日 is the one being written; otherwise the
            # latest one there is
            due = due_report(self.ctx.today())
            select = due[0] if due else (max(stored) if stored else this - 1)
        years = sorted(set(years) | {select}, reverse=True)
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in years:
            self.year_box.addItem(self.tr("%1年").replace("%1", str(y)), y)
        self.year_box.setCurrentIndex(years.index(select))
        self.year_box.blockSignals(False)
        self.load_year(select)

    def _year_picked(self, _i: int) -> None:
        y = self.year_box.currentData()
        if y is not None and y != self.data.year:
            self.save_now()
            self.load_year(int(y))

    def load_year(self, year: int) -> None:
        self._loading = True
        try:
            stored = records.load(self.unit, year) if self.unit else None
            self.version = stored.version if stored else 0
            if stored:
                self.data, self.sources, self.frozen = stored.data, stored.sources, stored.frozen
                sent = self.tr("，已报送（%1）").replace("%1", stored.sent_on) if stored.sent else ""
                self.status.setText(self.tr("已保存") + sent)
            else:
                self.data, self.sources, self.frozen = ReportData(year=year, unit=self.unit), {}, False
                self.status.setText(self.tr("新报告：可“从台账取数”，其余数字请填写"))
            self.previous = records.load_data(self.unit, year - 1) if self.unit else None
            self.unavailable, self.import_findings = [], []
            for key, tab in self.narratives.items():
                tab.set_text(self.data.text.get(key, ""))
                tab.show_previous(self.previous.text.get(key, "") if self.previous else "", year - 1)
            self.frozen_box.blockSignals(True)
            self.frozen_box.setChecked(self.frozen)
            self.frozen_box.blockSignals(False)
            self.sent_btn.setEnabled(not (stored and stored.sent))
            self._apply_read_only()
        finally:
            self._loading = False
        self.recheck()

    def _apply_read_only(self) -> None:
        for m in self.models.values():
            m.read_only = self.frozen
        for ed in self.texts.values():
            ed.setReadOnly(self.frozen)
        for b in (self.fill_btn, self.totals_btn, self.import_btn, self.business_tab.xlsx_btn):
            b.setEnabled(not self.frozen)

    # ---- editing ----
    def _edited(self, row, col, old, new) -> None:
        self.schedule_save()
        self.recheck()

    def _text_changed(self, key: str) -> None:
        if self._loading:
            return
        self.data.text[key] = self.narratives[key].text()
        self.schedule_save()
        self._check_timer.start()

    def schedule_save(self) -> None:
        if not self.frozen and self.unit:
            self._save_timer.start()

    def save_now(self) -> None:
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save()

    def can_close(self) -> bool:
        """The main window asks before closing: write a pending autosave first."""
        self.save_now()
        return True

    def save(self) -> bool:
        """Write the report (autosave, focus-out, before freezing) from the version this screen was read at: a
        colleague's save since asks 重新载入 / 以我的为准 with the cells that differ; 取消 keeps the typing on
        screen, unsaved (the next save asks again). True when the screen's report is the stored one."""
        if self.frozen or not self.unit or self.ctx.store.db.is_closed():
            return True  # a timer may fire after the store was closed (window gone); nothing to write to
        try:
            try:
                self.version = records.save(self.data, self.sources, seen_version=self.version)
            except ConflictError as e:
                self._save_timer.stop()
                choice = conflicts.ask(self, e)
                if choice == conflicts.RELOAD:
                    self.load_year(self.data.year)
                    self.status.setText(self.tr("已载入同事保存的内容"))
                    return False
                if choice != conflicts.MINE or e.version is None:
                    self.status.setText(self.tr("未保存：其他同事已修改本报告"))
                    return False
                self.version = records.save(self.data, self.sources, seen_version=e.version)
            self.status.setText(self.tr("已保存"))
            return True
        except GwdeskError as e:
            alerts.error(self, self.tr("保存失败"), e.message)
            return False

    def colleague_changed(self) -> None:
        """A colleague saved (or finalised) this report: shown as stored now, unless the clerk has typing not yet
        written or is in a text or a cell (then the next save meets the colleague's version and asks)."""
        if not self.unit or self._save_timer.isActive() or self._in_text():
            return
        stored = records.load(self.unit, self.data.year)
        if stored is None or stored.version == self.version:
            return
        tab = self.tabs.currentIndex()
        self.load_year(self.data.year)
        self.tabs.setCurrentIndex(tab)
        self.status.setText(self.tr("已载入同事保存的内容"))

    def _in_text(self) -> bool:
        w = QApplication.focusWidget()
        return w is not None and (any(t is w for t in self.texts.values())
                                  or any(v.isAncestorOf(w) for v in self.views.values()))  # a cell's editor

    # ---- what the file actions (ReportFiles) need ----
    def business_figures_changed(self, text: str) -> None:
        self.models["2"].refresh()
        self.schedule_save()
        self.recheck()
        self.status.setText(text)

    def show_year(self, year: int) -> None:
        self._fill_years(select=year)

    def fill_totals(self) -> None:
        n = sum(m.fill_missing_totals() for m in self.models.values())
        self.schedule_save()
        self.recheck()
        self.status.setText(self.tr("已填入%1个计算的总计（已填写的总计未改动）").replace("%1", str(n)))

    # ---- checker ----
    def recheck(self) -> None:
        self.findings = self.import_findings + checker.check(self.data, previous=self.previous, level=self.level)
        self.panel.show_findings(self.findings)
        for m in self.models.values():
            m.set_findings(self.findings)
        self.panel.show_sources(self.sources, self.unavailable)
        self.yoy.show_years(self.data, self.previous)

    def go_to(self, f: Finding) -> bool:
        if f.table in self.views:
            self.tabs.setCurrentWidget(self.tab_pages[f.table])
            return self.views[f.table].select_figure(f.row, f.col)
        if f.table == "text" and f.row in self.texts:
            self.tabs.setCurrentIndex(len(TABLE_TABS) + [k for k, _ in TEXT_TABS].index(f.row))
            self.texts[f.row].setFocus()
            return True
        return False

    # ---- actions ----
    def fill_from_records(self) -> None:
        try:
            res = fill(self.data, previous=self.previous, today=self.ctx.today(), previous_sources=self.sources)
        except GwdeskError as e:
            alerts.error(self, self.tr("取数失败"), e.message)
            return
        if res.changed and not alerts.ask(
                self, self.tr("从台账取数"),
                self.tr("以下已填写的数字将被台账数据替换：\n") + "\n".join(res.changed[:15])
                + ("\n……" if len(res.changed) > 15 else "") + self.tr("\n\n是否替换？")):
            return
        self.data = res.data
        self.sources = {**self.sources, **res.sources}
        self.unavailable = res.unavailable
        self.narratives["other"].set_text(self.data.text.get("other", ""))
        self.schedule_save()
        self.recheck()
        msg = self.tr("已取数：%1项。").replace("%1", str(len([k for k in res.sources if not k.endswith('.tasks')])))
        if res.warnings:
            msg += "\n" + "\n".join(res.warnings) + "\n"
        if res.unavailable:
            msg += self.tr("以下数字未能取得，请手工填写：\n") + "\n".join(res.unavailable)
        (alerts.warn if res.warnings else alerts.info)(self, self.tr("从台账取数"), msg)

    def _set_frozen(self, on: bool) -> None:
        if self._loading:
            return
        if on:
            self._save_timer.stop()
            if not self.save():  # the report must exist (and be current) before it is frozen
                self._show_frozen(self.frozen)
                return
        try:
            records.set_frozen(self.unit, self.data.year, on)
        except GwdeskError as e:
            alerts.error(self, self.tr("定稿"), e.message)
            self._show_frozen(self.frozen)
            return
        stored = records.load(self.unit, self.data.year)
        self.version = stored.version if stored else 0
        self.frozen = on
        self._apply_read_only()
        self.status.setText(self.tr("已定稿，不能再修改") if on else self.tr("已取消定稿"))

    def _show_frozen(self, on: bool) -> None:
        self.frozen_box.blockSignals(True)
        self.frozen_box.setChecked(on)
        self.frozen_box.blockSignals(False)

    def mark_sent(self) -> None:
        e = count(self.findings, "error")
        text = self.tr("标记%1年度报告已报送？报告将同时定稿，不能再修改。").replace("%1", str(self.data.year))
        if e:
            text = self.tr("校验仍有 %1 个错误。").replace("%1", str(e)) + text
        if not alerts.ask(self, self.tr("标记已报送"), text):
            return
        self._save_timer.stop()
        if not self.save():
            return
        try:
            records.mark_sent(self.unit, self.data.year, self.ctx.today())
        except GwdeskError as err:
            alerts.error(self, self.tr("标记已报送"), err.message)
            return
        self.load_year(self.data.year)

    # ---- 今日提醒 ----
    def show_record(self, ref: str) -> bool:
        """今日提醒 names the report due (its year): that year's report shown, what was typed in another year's
        saved first."""
        from gwdesk.ui.common import jump
        year = jump.ref_id(ref)
        if year is None:
            return False
        if year != self.data.year:
            self.save_now()
            self.show_year(year)
        return True
