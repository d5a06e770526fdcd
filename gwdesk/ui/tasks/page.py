"""任务台账 screen: overview, the unit's tasks (filters, search), the selected task's panel, import and exports."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gwdesk.ui.common import files
from gwdesk.ui.common.dialog import Dialog
from gwdesk.core.tasks import export, overview, tracking
from gwdesk.errors import GwdeskError
from gwdesk.io.tasklist.ledger import write_ledger
from gwdesk.io.xlsx_safe import safe_filename
from gwdesk.store.tasks_models import TaskList
from gwdesk.ui.common import alerts, live
from gwdesk.ui.office import progress_action
from gwdesk.ui.tasks.detail import DetailPanel
from gwdesk.ui.tasks.import_dialog import ImportDialog
from gwdesk.ui.tasks.list_model import EVERYTHING, ROLE_FILTERS, STATUS_FILTERS, TaskFilter, build_model
from gwdesk.ui.common.date_line import DateField, first_problem
from gwdesk.ui.common.inputs import ComboBox

log = logging.getLogger(__name__)


class OverviewBar(QFrame):
    """Counts of the unit's tasks; each figure is a button that filters the list."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        self.buttons: dict[str, QPushButton] = {}
        for key in ["本单位任务", "未启动", "推进中", "已完成", "不适用", "逾期", "7天内到期"]:
            b = QPushButton()
            b.setFlat(True)
            b.setCursor(Qt.PointingHandCursor)
            self.buttons[key] = b
            lay.addWidget(b)
        lay.addStretch(1)
        self.categories = QLabel()
        self.categories.setStyleSheet("color: #555;")
        self.categories.setWordWrap(True)

    def show_counts(self, o: overview.Overview) -> None:
        figures = {"本单位任务": o.total, **o.by_status, "逾期": o.overdue, "7天内到期": o.due_soon}
        colours = {"逾期": "#c62828", "7天内到期": "#b26a00", "已完成": "#2e7d32"}
        for key, b in self.buttons.items():
            n = figures.get(key, 0)
            colour = colours.get(key, "#222") if n else "#888"
            b.setText(f"{key} {n}")
            b.setStyleSheet(f"QPushButton {{ color: {colour}; font-size: 14px; padding: 2px 10px; "
                            f"{'font-weight: bold;' if key in ('本单位任务', '逾期') else ''} }}")
        parts = [f"{c.split('、')[0] if '、' in c[:4] else c[:6]}部分 {done}/{n}" for c, n, done in o.by_category]
        self.categories.setText(self.tr("各部分完成（已完成/本单位任务）：") + "　".join(parts) if parts else "")


class ReportDialog(Dialog):
    """Choose the period of the 任务完成情况报告."""

    def __init__(self, today: dt.date, parent=None, list_year: int | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("任务完成情况报告"))
        form = QFormLayout(self)
        from gwdesk.core.tasks.summary import default_period
        first, last = default_period(list_year or today.year, today)  # the list's own year
        self.start = DateField(first, optional=False, today=lambda: today)
        self.end = DateField(last, optional=False, today=lambda: today)
        self.fmt = ComboBox()
        self.fmt.addItem("Word（.docx）", ".docx")
        self.fmt.addItem("PDF（.pdf）", ".pdf")
        form.addRow(self.tr("统计期间自"), self.start)
        form.addRow(self.tr("至"), self.end)
        form.addRow(self.tr("格式"), self.fmt)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        problem = first_problem([(self.tr("统计期间的开始日期"), self.start), (self.tr("统计期间的结束日期"), self.end)])
        if problem:
            alerts.warn(self, self.tr("完成情况报告"), problem)
            return
        super().accept()

    def period(self) -> tuple[dt.date, dt.date]:
        return self.start.value(), self.end.value()


class Page(QWidget):
    # a colleague's change to one of these tables makes this screen read again (gwdesk.ui.common.live)
    WATCHES = frozenset({"task", "task_list", "task_note", "task_evidence"})

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._following = False  # reading a colleague's change: the selection put back is not the clerk's click
        outer = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.list_combo = ComboBox()
        self.list_combo.setMinimumWidth(320)
        self.import_button = QPushButton(self.tr("导入任务清单…"))
        self.export_button = QPushButton(self.tr("导出台账…"))
        self.report_button = QPushButton(self.tr("完成情况报告…"))
        self.fill_back_button = QPushButton(self.tr("填回原表…"))
        self.fill_back_button.setToolTip(self.tr("在下发单位原表的副本中填写本单位各项任务的完成情况（原表的标题、列、"
                                                 "合并单元格、列宽和字体不变），另存后报送"))
        bar.addWidget(QLabel(self.tr("任务清单")))
        bar.addWidget(self.list_combo, 1)
        for b in (self.import_button, self.export_button, self.report_button, self.fill_back_button):
            bar.addWidget(b)
        progress_action.install(self, bar)  # 导出进展报送文件 (gwdesk.ui.office)
        outer.addLayout(bar)

        self.overview = OverviewBar()
        outer.addWidget(self.overview)
        outer.addWidget(self.overview.categories)

        self.filter_bar = QWidget()
        filters = QHBoxLayout(self.filter_bar)
        filters.setContentsMargins(0, 0, 0, 0)
        self.role_filter = ComboBox()
        self.role_filter.addItems([self.tr(r) for r in ROLE_FILTERS])
        self.status_filter = ComboBox()
        self.status_filter.addItems([self.tr(s) for s in STATUS_FILTERS])
        self.category_filter = ComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索任务、措施、单位、时限"))
        self.search.setClearButtonEnabled(True)
        for label, w in ((self.tr("角色"), self.role_filter), (self.tr("状态"), self.status_filter),
                         (self.tr("类别"), self.category_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        self.count_label = QLabel()
        filters.addWidget(self.count_label)
        # confirming the 可能涉及 rows of a long list one by one is tedious: select several, set once
        self.role_button = QToolButton()
        self.role_button.setText(self.tr("设置所选角色 ▾"))
        self.role_button.setStyleSheet("QToolButton { padding: 3px 8px; } QToolButton::menu-indicator { image: none; }")
        self.role_button.setToolTip(self.tr("按住 Ctrl 或 Shift 多选任务，一次确认本单位的角色"))
        self.role_button.setPopupMode(QToolButton.InstantPopup)
        role_menu = QMenu(self.role_button)
        for label, role in ((self.tr("牵头"), "牵头"), (self.tr("责任"), "责任"), (self.tr("不涉及"), "不涉及"),
                            (self.tr("恢复自动判断"), None)):
            role_menu.addAction(label, lambda r=role: self.set_selected_roles(r))
        self.role_button.setMenu(role_menu)
        self.role_button.setEnabled(False)
        filters.addWidget(self.role_button)
        outer.addWidget(self.filter_bar)

        split = QSplitter(Qt.Horizontal)
        self.model = build_model(ctx.today, self)
        self.proxy = TaskFilter(ctx.today, self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        self.view.setSelectionMode(QTableView.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for i, col in enumerate(self.model.columns):
            if col.width:
                self.view.setColumnWidth(i, col.width)
            header.setSectionResizeMode(i, QHeaderView.Stretch if i == 1 else QHeaderView.Interactive)
        self.detail = DetailPanel(ctx)
        self.detail.setMinimumWidth(360)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([740, 480])
        self.empty = self._empty_state()
        self.body = QStackedWidget()
        self.body.addWidget(split)
        self.body.addWidget(self.empty)
        outer.addWidget(self.body, 1)

        self.list_combo.currentIndexChanged.connect(self._list_changed)
        self.import_button.clicked.connect(lambda: self.open_import())
        self.export_button.clicked.connect(self._ask_export)
        self.report_button.clicked.connect(self._ask_report)
        self.fill_back_button.clicked.connect(self._ask_fill_back)
        self.role_filter.currentTextChanged.connect(lambda s: self._filter(role=s))
        self.status_filter.currentTextChanged.connect(lambda s: self._filter(status=s))
        self.category_filter.currentIndexChanged.connect(
            lambda _i: self._filter(category=self.category_filter.currentData() or ""))
        self.search.textChanged.connect(lambda s: self._filter(text=s))
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.role_button.setEnabled(bool(self.selected_task_ids())))
        self.detail.changed.connect(self._task_changed)
        for key, b in self.overview.buttons.items():
            b.clicked.connect(lambda _=False, k=key: self._overview_clicked(k))
        self.refresh()

    def _empty_state(self) -> QWidget:
        """What an empty 台账 shows: where to start, with the button."""
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addStretch(2)
        title = QLabel(self.tr("先导入任务清单"))
        title.setAlignment(Qt.AlignCenter)
        title.setStyleSheet("font-size: 20px; font-weight: bold; color: #333;")
        hint = QLabel(self.tr("把上级下发的任务清单或任务分解表（Excel .xlsx 或 Word .docx）导入，"
                              "这里就会列出涉及本单位的任务、完成时限和办理状态。"))
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignCenter)
        hint.setStyleSheet("color: #555;")
        self.empty_import_button = QPushButton(self.tr("导入任务清单…"))
        self.empty_import_button.setStyleSheet("font-size: 15px; padding: 8px 28px;")
        self.empty_import_button.clicked.connect(lambda: self.open_import())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.empty_import_button)
        row.addStretch(1)
        lay.addWidget(title)
        lay.addWidget(hint)
        lay.addSpacing(12)
        lay.addLayout(row)
        lay.addStretch(3)
        return w

    # ---- data ----------------------------------------------------------------------------------
    def current_list_id(self) -> int | None:
        return self.list_combo.currentData()

    def refresh(self) -> None:
        """Reload lists, tasks and counts (keeps the chosen list and selection)."""
        self._fill_lists()
        self._load_tasks()

    def colleague_changed(self) -> None:
        """A colleague changed a task or a list: read again with the clerk's selection and scroll kept. The task
        panel shows the task as stored now (the 进展 being typed stays), unless the clerk is typing a date there."""
        typing = self.detail.is_typing()
        self._following = True
        try:
            with live.kept_view(self.view, lambda i: self.proxy.data(i, self.model.RowRole).id):
                self._fill_lists()
                self._load_tasks(select=False)
        finally:
            self._following = False
        if not typing:
            self.detail.show_task(self.selected_task_id())

    def _fill_lists(self) -> None:
        keep = self.current_list_id()
        self.list_combo.blockSignals(True)
        self.list_combo.clear()
        for tl in tracking.lists():
            self.list_combo.addItem(f"{tl.title or tl.issuer}（{tl.year}年，第{tl.revision}版，{tl.file_name}）", tl.id)
        idx = self.list_combo.findData(keep)
        self.list_combo.setCurrentIndex(max(idx, 0))
        self.list_combo.blockSignals(False)

    def _list_changed(self) -> None:
        self._load_tasks()

    def _load_tasks(self, select: bool = True) -> None:
        lid = self.current_list_id()
        selected = self.selected_task_id()
        rows = tracking.tasks(lid) if lid is not None else []
        self.model.set_rows(rows)
        cats = sorted({t.category for t in rows if t.category}, key=lambda c: min(t.position for t in rows
                                                                                  if t.category == c))
        self.category_filter.blockSignals(True)
        current = self.category_filter.currentData()
        self.category_filter.clear()
        self.category_filter.addItem(self.tr("全部"), "")
        for c in cats:
            self.category_filter.addItem(c if len(c) <= 18 else c[:18] + "…", c)
        i = self.category_filter.findData(current)
        self.category_filter.setCurrentIndex(max(i, 0))
        self.category_filter.blockSignals(False)
        self.proxy.set(category=self.category_filter.currentData() or "")
        self.overview.show_counts(overview.counts(self.ctx.today(), lid))
        self._update_count()
        has = lid is not None
        self.body.setCurrentWidget(self.body.widget(0) if has else self.empty)
        for w in (self.overview, self.overview.categories, self.filter_bar):
            w.setVisible(has)
        self.export_button.setEnabled(has)
        self.report_button.setEnabled(has)
        self.fill_back_button.setEnabled(has)
        self.progress_button.setEnabled(has)
        if not select:
            return
        if selected is not None:
            self.select_task(selected)
        else:
            self.detail.show_task(None)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr(f"显示 {self.proxy.rowCount()} / {self.model.rowCount()} 项"))

    def _filter(self, **kw) -> None:
        self.proxy.set(**kw)
        self._update_count()

    def _overview_clicked(self, key: str) -> None:
        self.role_filter.setCurrentText(ROLE_FILTERS[0])
        self.status_filter.setCurrentText({"本单位任务": EVERYTHING}.get(key, key))

    def selected_task_id(self) -> int | None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            return None
        return self.proxy.data(idx, self.model.RowRole).id

    def selected_task_ids(self) -> list[int]:
        return [self.proxy.data(i, self.model.RowRole).id for i in self.view.selectionModel().selectedRows()]

    def set_selected_roles(self, role: str | None) -> int:
        ids = self.selected_task_ids()
        if not ids:
            return 0
        try:
            n = tracking.set_roles(ids, role)
        except GwdeskError as e:
            alerts.error(self, self.tr("设置角色"), e.message)
            return 0
        current = self.selected_task_id()
        self._task_changed(current if current is not None else ids[0])
        self.detail.show_task(current if current is not None else ids[0])
        what = role or self.tr("自动判断")
        self.count_label.setText(self.count_label.text() + self.tr(f"　已将 {n} 项设为“{what}”"))
        return n

    def select_task(self, task_id: int) -> bool:
        for r in range(self.proxy.rowCount()):
            idx = self.proxy.index(r, 0)
            if self.proxy.data(idx, self.model.RowRole).id == task_id:
                self.view.setCurrentIndex(idx)
                self.view.scrollTo(idx)
                self.detail.show_task(task_id)
                return True
        self.detail.show_task(None)
        return False

    def _row_changed(self, current, _previous) -> None:
        if self._following:
            return
        self.detail.show_task(self.proxy.data(current, self.model.RowRole).id if current.isValid() else None)

    def _task_changed(self, task_id: int) -> None:
        lid = self.current_list_id()
        rows = tracking.tasks(lid) if lid is not None else []
        self.model.set_rows(rows)
        self.overview.show_counts(overview.counts(self.ctx.today(), lid))
        self._update_count()
        self.view.blockSignals(True)
        found = False
        for r in range(self.proxy.rowCount()):
            idx = self.proxy.index(r, 0)
            if self.proxy.data(idx, self.model.RowRole).id == task_id:
                self.view.setCurrentIndex(idx)
                found = True
                break
        self.view.blockSignals(False)
        if not found:
            self.detail.show_task(task_id)

    # ---- import / export -----------------------------------------------------------------------
    def open_import(self, path: Path | None = None) -> ImportDialog:
        dlg = ImportDialog(self.ctx, self, path=path)
        if path is None and dlg.exec() == QDialog.Accepted:
            self.after_import(dlg)
        return dlg

    def after_import(self, dlg: ImportDialog) -> None:
        r = dlg.import_result
        if r is None:
            return
        self.refresh()
        self.list_combo.setCurrentIndex(self.list_combo.findData(r.list_id))
        detail = "\n".join([*(f"新增：{x}" for x in (r.new if not r.created else [])),
                            *(f"修改：{x}" for x in r.changed), *(f"删除：{x}" for x in r.gone)])
        alerts.info(self, self.tr("导入完成"), r.summary(), detail)

    def _ask_export(self) -> None:
        lid = self.current_list_id()
        if lid is None:
            return
        tl = TaskList.get_by_id(lid)
        name = safe_filename(f"{tl.title or tl.issuer}落实台账.xlsx")
        path = files.save_file(self, "tasks_export", self.tr("导出台账"), name, self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_ledger(Path(path))

    def export_ledger(self, path: Path) -> Path | None:
        try:
            out = write_ledger(path, export.ledger_data(self.current_list_id(), today=self.ctx.today()))
        except (GwdeskError, OSError) as e:
            alerts.error(self, self.tr("导出失败"), getattr(e, "message", None) or self.tr("无法写入文件：") + str(path))
            return None
        alerts.info(self, self.tr("导出台账"), self.tr("已导出：") + str(out))
        return out

    def report_dialog(self) -> ReportDialog:
        year = next((tl.year for tl in tracking.lists() if tl.id == self.current_list_id()), None)
        return ReportDialog(self.ctx.today(), self, list_year=year)

    def _ask_report(self) -> None:
        dlg = self.report_dialog()
        if dlg.exec() != QDialog.Accepted:
            return
        start, end = dlg.period()
        suffix = dlg.fmt.currentData()
        profile = self.ctx.profile()
        name = safe_filename(f"{profile.name if profile else ''}政务公开任务完成情况报告{suffix}")
        # the chosen 格式 decides the file's type: a name typed with another ending gets the format's added
        # (报告.docx as PDF → 报告.docx.pdf), as every save dialog here does (files.with_filter_suffix)
        kind = self.tr("PDF 文件 (*.pdf)") if suffix == ".pdf" else self.tr("Word 文档 (*.docx)")
        path = files.with_filter_suffix(files.save_file(self, "tasks_export", self.tr("保存报告"), name, kind), kind)
        if path:
            self.export_report(Path(path), start, end)

    def export_report(self, path: Path, start: dt.date, end: dt.date) -> Path | None:
        if end < start:
            alerts.warn(self, self.tr("完成情况报告"), self.tr("统计期间的结束日期不能早于开始日期"))
            return None
        from gwdesk.core.tasks import summary
        from gwdesk.render import glyphs
        from gwdesk.render.layouts import task_report
        profile = self.ctx.profile()
        data = summary.report_data(self.current_list_id(), start, end, today=self.ctx.today())
        doc = task_report.build(data, unit_name=profile.name if profile else "", today=self.ctx.today())
        warning = glyphs.warning_text(glyphs.missing_glyphs(doc))
        if warning and not alerts.ask(self, self.tr("完成情况报告"), warning + self.tr("\n\n仍要生成吗？")):
            return None
        try:
            if Path(path).suffix.lower() == ".pdf":  # a long report: off the GUI thread, with pages done and 取消
                from gwdesk.render.pdf import render_pdf
                from gwdesk.ui.common import background
                try:
                    out = background.run(self, self.tr("完成情况报告"), self.tr("正在生成 PDF…"),
                                         lambda progress: render_pdf(doc, Path(path), progress))
                except background.Cancelled:
                    return None
            else:
                out = task_report.render(doc, path)
        except (GwdeskError, OSError) as e:
            alerts.error(self, self.tr("生成失败"), getattr(e, "message", None) or self.tr("无法写入文件：") + str(path))
            return None
        alerts.info(self, self.tr("完成情况报告"), self.tr("已生成：") + str(out))
        return out

    # ---- 填回原表 ---------------------------------------------------------------------------------------
    def _ask_fill_back(self) -> None:
        """填回原表…: the office's file (kept at import, else asked for and checked), then where to save the copy."""
        lid = self.current_list_id()
        if lid is None:
            return
        from gwdesk.core.tasks import fill_back, originals
        from gwdesk.io import fillback
        tl = TaskList.get_by_id(lid)
        items = fill_back.items(lid, today=self.ctx.today())
        source = originals.stored(lid)
        title = self.tr("填回原表")
        if source is None:
            alerts.info(self, title, self.tr(f"这份清单导入时没有保存下发单位的原表。请选择原文件“{tl.file_name}”，"
                                             "核对是同一份清单后即保存，以后不必再选。"))
            chosen = files.open_file(self, "tasklist", self.tr("选择下发单位发来的原表"),
                                     self.tr("任务清单 (*.xlsx *.docx)"))
            if not chosen:
                return
            try:
                fillback.same_list(Path(chosen), items, sheet=tl.sheet)
                source = originals.keep(lid, Path(chosen))
            except GwdeskError as e:
                alerts.warn(self, title, e.message)
                return
            except OSError as e:
                alerts.error(self, title, self.tr("无法保存原表的副本：") + str(e))
                return
        profile = self.ctx.profile()
        unit = profile.name if profile else ""
        name = safe_filename(f"{Path(tl.file_name or source.name).stem}（{unit}填报）{source.suffix}")
        kind = "Excel 工作簿 (*.xlsx)" if source.suffix.lower() == ".xlsx" else "Word 文档 (*.docx)"
        path = files.save_file(self, "tasks_export", self.tr("填好的原表另存为"), name, self.tr(kind))
        if path:
            self.fill_back(Path(path), source, items, tl.sheet)

    def fill_back(self, path: Path, source: Path, items, sheet: str):
        from gwdesk.io import fillback
        title = self.tr("填回原表")
        try:
            report = fillback.write(source, path, items, sheet=sheet)
        except GwdeskError as e:
            alerts.error(self, title, e.message)
            return None
        where = f"新增的最后一列“{report.column}”" if report.added else f"原表的“{report.column}”列"
        text = self.tr(f"已在{where}填写本单位{report.filled}处完成情况：\n{report.out}")
        if report.missing or report.notes:
            more = "".join("\n\n" + n for n in report.notes)
            if report.missing:
                more += self.tr(f"\n\n原表中找不到{len(report.missing)}项，未填写：")
            alerts.warn(self, title, text + more, "\n".join(report.missing))
        else:
            alerts.info(self, title, text)
        return report

    # ---- 今日提醒 ------------------------------------------------------------------------------------
    def show_record(self, ref: str) -> bool:
        """今日提醒 names a task (its id): its list chosen, its row selected and scrolled to, its panel shown. A
        状态/类别/角色 filter or a search that hides it is reset (the count line says so); a task no longer in
        any list is said plainly."""
        from gwdesk.ui.common import jump
        task_id = jump.ref_id(ref)
        if task_id is None:
            return False
        try:
            task = tracking.get(task_id)
        except GwdeskError:
            task = None
        if task is None or task.removed_at:
            jump.gone(self, self.tr("提醒所指的任务已不在任务清单中（可能已随清单更新删去，或清单已删除）。"))
            return False
        list_id = task.list_id
        if self.current_list_id() != list_id:
            if self.list_combo.findData(list_id) < 0:
                self._fill_lists()  # a list a colleague imported meanwhile
            self.list_combo.setCurrentIndex(max(self.list_combo.findData(list_id), 0))  # loads its tasks
        if self.select_task(task_id):
            jump.select_row(self.view, self.view.currentIndex())
            return True
        # hidden by the filters: first back to the clerk's usual view (本单位, 全部 …), then every role if need be
        self.status_filter.setCurrentText(EVERYTHING)
        self.category_filter.setCurrentIndex(0)
        self.search.clear()
        self.role_filter.setCurrentText(ROLE_FILTERS[0])
        if not self.select_task(task_id):
            self.role_filter.setCurrentText(EVERYTHING)
            if not self.select_task(task_id):
                return False
        jump.select_row(self.view, self.view.currentIndex())
        self.count_label.setText(self.count_label.text() + self.tr("（已清除筛选）"))  # short: the bar is full
        return True
