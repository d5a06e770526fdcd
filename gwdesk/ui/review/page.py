"""公开审查 screen: the list of 公文公开发布意见单 (search, filters, counts, overdue) and the editor."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from gwdesk import paths
from gwdesk.core import formdef
from gwdesk.core.review import drafts, forms, workflow
from gwdesk.core.review.forms import ListRow
from gwdesk.core.review.validate import parse_date
from gwdesk.errors import GwdeskError, os_error_text
from gwdesk.ui.common import alerts, background, files, live
from gwdesk.ui.common.table_model import Column, RowsModel, RowsProxy
from gwdesk.ui.common.inputs import ComboBox

if TYPE_CHECKING:  # the editor and the preview load when first opened (issue 25: the list is the first screen)
    from gwdesk.ui.review.editor import FormEditor
    from gwdesk.ui.review.preview import PreviewDialog

log = logging.getLogger(__name__)
ATTRIBUTES = ["主动公开", "依申请公开", "不予公开", "删减后公开"]


def print_pdf(pdf: Path, parent) -> bool:
    """preview.print_pdf, its module loaded at the first print."""
    from gwdesk.ui.review import preview
    return preview.print_pdf(pdf, parent)


def safe_filename(name: str) -> str:
    from gwdesk.io import xlsx_safe
    return xlsx_safe.safe_filename(name)


class Page(QWidget):
    # a colleague's change to one of these tables makes this screen read again (gwdesk.ui.common.live)
    WATCHES = frozenset({"review_form", "review_status_log"})

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.definition = formdef.load()
        self._tmp = paths.private_temp_dir()  # private, removed at exit and swept at the next start
        self.stack = QStackedWidget()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self.list_page = self._build_list()
        self.stack.addWidget(self.list_page)
        self._editor: FormEditor | None = None  # built when a form is first opened (the list is the first screen)
        self.reload()
        if self.definition.notice:
            alerts.warn(self, self.tr("意见单定义"), self.definition.notice)

    @property
    def editor(self) -> FormEditor:
        """The form editor, built the first time a form is opened or created (issue 25: start-up builds the list)."""
        if self._editor is None:
            from gwdesk.ui.review.editor import FormEditor
            profile = self.ctx.profile()
            depts = list(profile.departments) if profile else []
            self._editor = FormEditor(self.ctx, self.definition, sorted(set(depts) | set(forms.departments())))
            self._editor.back.connect(self.show_list)
            self._editor.saved.connect(lambda _id: self.reload())
            self._editor.print_requested.connect(self._print_from_editor)
            self.stack.addWidget(self._editor)
        return self._editor

    # ---- list ---------------------------------------------------------------------------------
    def _build_list(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索标题、文号、拟稿人、编号"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.reload)
        self.year = ComboBox()
        self.status = ComboBox()
        self.attribute = ComboBox()
        self.dept = ComboBox()
        for combo, label in ((self.year, "全部年度"), (self.status, "全部状态"), (self.attribute, "全部属性"),
                             (self.dept, "全部科室")):
            combo.addItem(self.tr(label), None)
        for s in forms.STATUSES:
            self.status.addItem(s, s)
        attr = self.definition.field("attribute")
        for a, label in (self.definition.option_labels(attr) if attr.options else [(x, x) for x in ATTRIBUTES]):
            self.attribute.addItem(label, a)
        bar.addWidget(self.search, 2)
        for combo in (self.year, self.status, self.attribute, self.dept):
            combo.currentIndexChanged.connect(self.reload)
            bar.addWidget(combo)
        lay.addLayout(bar)

        tools = QHBoxLayout()
        buttons = [("新建意见单", self.new_form), ("打开", self.open_selected), ("打印预览", self.preview_selected),
                   ("打印所选…", self.print_selected), ("所选合并为 PDF…", self.merge_selected),
                   ("空白意见单…", self.blank_form), ("导出登记表…", self.export_registers),
                   ("删除草稿", self.delete_selected)]
        self.buttons = {}
        for text, slot in buttons:
            b = QPushButton(self.tr(text))
            b.clicked.connect(slot)
            tools.addWidget(b)
            self.buttons[text] = b
        tools.addStretch(1)
        lay.addLayout(tools)

        today = self.ctx.today()
        cols = [Column(self.tr("编号"), lambda r: r.number, width=80),
                Column(self.tr("文件标题"), lambda r: r.title, width=360),
                Column(self.tr("发文字号"), lambda r: r.doc_number, width=140),
                Column(self.tr("拟稿科室"), lambda r: r.dept, width=90),
                Column(self.tr("拟稿人"), lambda r: r.drafter, width=64),
                Column(self.tr("公开属性"), lambda r: r.attribute, width=80),
                Column(self.tr("规范性文件"), lambda r: {True: "是", False: "否"}.get(r.normative, "未填"), width=70,
                       align=Qt.AlignCenter),
                Column(self.tr("拟发文日期"), lambda r: r.doc_date or "", width=90),
                Column(self.tr("拟公开日期"), lambda r: r.planned_date or "", width=90),
                Column(self.tr("状态"), lambda r: self._status_text(r, today), width=140)]
        self.model = RowsModel(cols, row_tone=lambda r: self._tone(r, today))
        self.proxy = RowsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(RowsModel.SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        for i, c in enumerate(cols):
            if c.width and i != 1:
                self.table.setColumnWidth(i, c.width)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("empty_hint")
        self.empty_hint.setAlignment(Qt.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color:#555;font-size:12pt;padding:24px")
        lay.addWidget(self.empty_hint, 1)
        lay.addWidget(self.table, 1)
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        lay.addWidget(self.counts)
        return w

    @staticmethod
    def _status_text(r: ListRow, today: dt.date) -> str:
        if r.draft_key:
            return f"未保存（{r.updated_at[5:16].replace('T', ' ')}）"
        if workflow.overdue_to_publish(r.status, r.attribute, r.planned_date, today) and r.status == forms.APPROVED:
            return f"{r.status}（逾期未公开）"
        return r.status

    @staticmethod
    def _tone(r: ListRow, today: dt.date) -> str | None:
        if r.status != forms.APPROVED or r.attribute not in ("主动公开", "删减后公开"):
            return None
        d = parse_date(r.planned_date)
        if d is None:
            return None
        if d < today:
            return "overdue"
        return "soon" if d <= today + dt.timedelta(days=3) else None

    def _refill(self, combo: QComboBox, items: list) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for it in items:
            combo.addItem(str(it), it)
        i = combo.findData(current)
        combo.setCurrentIndex(i if i >= 0 else 0)
        combo.blockSignals(False)

    def reload(self) -> None:
        self._refill(self.year, forms.years())
        self._refill(self.dept, forms.departments())
        rows = forms.list_forms(year=self.year.currentData(), status=self.status.currentData(),
                                attribute=self.attribute.currentData(), dept=self.dept.currentData(),
                                search=self.search.text())
        unsaved = drafts.form_ids_with_drafts()
        rows = [dataclasses.replace(r, status=r.status + "（有未保存的修改）") if r.id in unsaved else r for r in rows]
        if not (self.status.currentData() or self.attribute.currentData() or self.dept.currentData()):
            # new forms that exist only as their autosaved draft (after a crash): listed, so each can be opened
            rows = drafts.unsaved_new_rows(self.search.text()) + rows
        self.model.set_rows(rows)
        counts = forms.counts_by_status(self.year.currentData())
        if not sum(counts.values()):
            self.empty_hint.setText(self.tr("还没有意见单。请先点击上方“新建意见单”填写第一份；"
                                            "需要手写时，点击“空白意见单…”打印空白表。"))
        elif not rows:
            self.empty_hint.setText(self.tr("没有符合条件的意见单。请清除搜索文字，或把筛选改回“全部”。"))
        self.empty_hint.setVisible(not rows)
        self.table.setVisible(bool(rows))
        today = self.ctx.today()
        overdue = sum(1 for p in forms.planned_dates_to_publish(self.year.currentData())
                      if (d := parse_date(p)) is not None and d < today)  # as _tone's "overdue"
        text = "　".join(f"{s} {n}" for s, n in counts.items())
        unsaved = sum(1 for r in rows if r.draft_key)
        self.counts.setText(self.tr("共 {n} 份（当前显示 {m} 份）：").format(n=sum(counts.values()), m=len(rows))
                            + text + (self.tr("　　逾期未公开 {o} 份").format(o=overdue) if overdue else "")
                            + (self.tr("　　另有未保存的新意见单 {u} 份（状态“未保存”，打开后保存）").format(u=unsaved)
                               if unsaved else ""))

    def colleague_changed(self) -> None:
        """A colleague saved or moved a 意见单: the list is read again with the clerk's selection and scroll kept;
        the form open in the editor is shown as stored now unless the clerk has unsaved typing in it (then
        保存 meets the colleague's version and asks)."""
        ed = self._editor
        if ed is not None and self.stack.currentWidget() is ed:
            if ed.is_dirty() or ed.form.id is None:
                return
            try:
                stored = forms.get(ed.form.id)
            except GwdeskError:
                return  # deleted meanwhile: 保存 says so
            if stored.version != ed.form.version or stored.status != ed.form.status:
                ed.load(stored)
                ed.show_saved(self.tr("已载入同事保存的内容"))
            return  # the list is read again when the clerk goes back to it
        with live.kept_view(self.table, lambda i: (lambda r: r.id or r.draft_key)(
                self.model.row_at(self.proxy.mapToSource(i).row()))):
            self.reload()

    def selected_rows(self) -> list[ListRow]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def selected_ids(self) -> list[int]:
        """The saved forms selected (a never-saved draft row has no id)."""
        return [r.id for r in self.selected_rows() if r.id is not None]

    # ---- opening, recovering -------------------------------------------------------------------
    def show_list(self) -> None:
        self.reload()
        self.stack.setCurrentWidget(self.list_page)

    def new_form(self) -> None:
        self.editor.new()
        self.stack.setCurrentWidget(self.editor)
        self.editor.focus_first()

    def open_form(self, form_id: int) -> None:
        try:
            form = forms.get(form_id)
        except GwdeskError as e:
            alerts.error(self, self.tr("打开失败"), e.message)
            return
        self.editor.load(form)
        draft = drafts.pending(drafts.key_for(form_id))
        if draft is not None:
            if alerts.ask(self, self.tr("恢复未保存的内容"),
                          self.tr("意见单 {n} 有 {t} 自动保存但未正式保存的修改，是否恢复？").format(
                              n=form.number, t=draft.saved_at.replace("T", " "))):
                self.editor.apply_draft(draft)
            else:
                drafts.discard(draft.key)
        self.stack.setCurrentWidget(self.editor)

    def open_selected(self) -> None:
        rows = self.selected_rows()
        if rows and rows[0].draft_key:
            self.restore_draft(rows[0].draft_key)
            return
        ids = self.selected_ids()
        if not ids:
            alerts.info(self, self.tr("打开"), self.tr("请先在列表中选择一份意见单。"))
            return
        self.open_form(ids[0])

    def restore_draft(self, key: str) -> bool:
        """Open the form a recovered draft belongs to (or a new one) with the draft's typing in it."""
        draft = drafts.pending(key)
        if draft is None:
            return False
        if draft.form_id is not None:
            try:
                self.editor.load(forms.get(draft.form_id))
            except GwdeskError as e:
                alerts.error(self, self.tr("打开失败"), e.message)
                return False
        else:
            self.editor.new(key.split(":", 1)[1])
        self.editor.apply_draft(draft)
        self.stack.setCurrentWidget(self.editor)
        return True

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        keys = [r.draft_key for r in self.selected_rows() if r.draft_key]
        if not ids and not keys:
            return
        if not alerts.ask(self, self.tr("删除草稿"),
                          self.tr("删除所选的 {n} 份草稿？此操作不能撤销。").format(n=len(ids) + len(keys))):
            return
        for k in keys:
            drafts.discard(k)
        try:
            for i in ids:
                forms.delete(i)
        except GwdeskError as e:
            alerts.error(self, self.tr("删除失败"), e.message)
        self.reload()

    # ---- printing -----------------------------------------------------------------------------
    def choose_save_path(self, title: str, default_name: str, filt: str) -> str:
        """Where to save; tests replace this to answer without a dialog."""
        return files.save_file(self, "review_export", title, default_name, filt)

    def _docs(self, items) -> list:
        from gwdesk.render.layouts import review_form
        profile = self.ctx.profile()
        return [review_form.build(f, self.definition, profile, self.ctx.today()) for f in items]

    def render_to(self, items, path: Path, fmt: str = "pdf") -> Path:
        docs = self._docs(items)
        if fmt == "docx":
            from gwdesk.render.docx import render_docx
            return render_docx(docs[0], path)
        from gwdesk.render.pdf import render_pdf_many
        # a batch of forms takes seconds: off the GUI thread, with the pages done and 取消 (background.Cancelled)
        return background.run(self, self.tr("生成 PDF"), self.tr("正在生成 {n} 份意见单…").format(n=len(docs)),
                              lambda progress: render_pdf_many(docs, path, progress))

    def _temp_pdf(self, items, name: str) -> Path | None:
        try:
            return self.render_to(items, self._tmp / name)
        except background.Cancelled:
            return None
        except OSError as e:
            alerts.error(self, self.tr("生成失败"), os_error_text(e))
            return None
        except GwdeskError as e:
            alerts.error(self, self.tr("生成失败"), e.message)
            return None

    def _forms(self, ids: list[int]):
        return [forms.get(i) for i in ids]

    def preview(self, items, name: str = "preview.pdf") -> PreviewDialog | None:
        pdf = self._temp_pdf(items, name)
        if pdf is None:
            return None
        from gwdesk.ui.review.preview import PreviewDialog
        dlg = PreviewDialog(pdf, self.tr("打印预览"), save_as=lambda: self._save_copy(pdf), parent=self)
        dlg.show()
        return dlg

    def _save_copy(self, pdf: Path) -> None:
        path = self.choose_save_path(self.tr("另存为 PDF"), pdf.name, "PDF (*.pdf)")
        if not path:
            return
        try:
            shutil.copyfile(pdf, path)
        except OSError as e:
            alerts.error(self, self.tr("保存失败"), self.tr("无法写入 {p}：{e}").format(p=path, e=os_error_text(e)))
            return
        alerts.info(self, self.tr("已保存"), self.tr("已保存到 {p}").format(p=path))

    def preview_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.preview(self._forms(ids))

    def glyphs_ok(self, items) -> bool:
        """Tell the clerk which field holds a character no print font has; True to go on."""
        from gwdesk.render import glyphs
        warning = glyphs.warning_text([m for d in self._docs(items) for m in glyphs.missing_glyphs(d)])
        return not warning or alerts.ask(self, self.tr("缺少字形"), warning + self.tr("\n\n仍要继续吗？"))

    def print_selected(self) -> None:
        ids = self.selected_ids()
        if ids and self.glyphs_ok(self._forms(ids)):
            pdf = self._temp_pdf(self._forms(ids), "print.pdf")
            if pdf:
                print_pdf(pdf, self)

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            alerts.info(self, self.tr("合并打印"), self.tr("请先选择要打印的意见单（可按 Ctrl 或 Shift 多选）。"))
            return
        items = self._forms(ids)
        path = self.choose_save_path(self.tr("合并为 PDF"), safe_filename(f"意见单{len(items)}份.pdf"), "PDF (*.pdf)")
        if path:
            self._write(items, Path(path), "pdf")

    def _write(self, items, path: Path, fmt: str) -> None:
        if not self.glyphs_ok(items):
            return
        try:
            self.render_to(items, path, fmt)
        except PermissionError:
            alerts.error(self, self.tr("保存失败"), self.tr("无法写入 {p}：文件可能正在被其他程序打开。").format(p=path))
            return
        except background.Cancelled:
            return
        except OSError as e:
            alerts.error(self, self.tr("保存失败"), self.tr("无法写入 {p}：{e}").format(p=path, e=os_error_text(e)))
            return
        except GwdeskError as e:
            alerts.error(self, self.tr("保存失败"), e.message)
            return
        alerts.info(self, self.tr("已保存"), self.tr("已保存到 {p}").format(p=path))

    def blank_form(self) -> None:
        from gwdesk.render.layouts import review_form
        doc = review_form.build_blank(self.definition, self.ctx.profile(), self.ctx.today())
        from gwdesk.render.pdf import render_pdf
        pdf = render_pdf(doc, self._tmp / "blank.pdf")
        from gwdesk.ui.review.preview import PreviewDialog
        dlg = PreviewDialog(pdf, self.tr("空白意见单"), save_as=lambda: self._save_copy(pdf), parent=self)
        dlg.show()
        self._blank_dialog = dlg

    def _print_from_editor(self, what: str) -> None:
        form = self.editor.current_form()
        name = safe_filename(f"意见单{form.number or '新建'}")
        if what == "preview":
            self._editor_preview = self.preview([form], f"{name}.pdf")
        elif what == "print":
            pdf = self._temp_pdf([form], f"{name}.pdf")
            if pdf:
                print_pdf(pdf, self)
        else:
            path = self.choose_save_path(self.tr("导出"), f"{name}.{what}", f"{what.upper()} (*.{what})")
            if path:
                self._write([form], Path(path), what)

    def export_registers(self) -> None:
        """导出登记表…: a month (by the 8th of the next, the default is last month) or the whole year."""
        from gwdesk.ui.review.registers_dialog import RegistersDialog
        dlg = RegistersDialog(self.ctx.today(), self.year.currentData(), self)
        if dlg.exec() != QDialog.Accepted:
            return
        year, month = dlg.chosen()
        period = f"{year}年{month}月" if month else f"{year}年度"
        profile = self.ctx.profile()
        unit = profile.name if profile else ""
        path = self.choose_save_path(self.tr("导出登记表"), safe_filename(f"{unit}{period}公开登记表.xlsx"),
                                     "Excel (*.xlsx)")
        if not path:
            return
        from gwdesk.core.review import registers
        from gwdesk.io.review_registers import write_registers
        try:
            regs = registers.gather(year, month, unit, self.definition)
            write_registers(regs, path)
        except GwdeskError as e:
            alerts.error(self, self.tr("导出失败"), e.message)
            return
        alerts.info(self, self.tr("已导出"), self.tr(
            "{y}公开信息登记表（{a}条）和不予公开政府信息登记表（{b}条）已导出到 {p}").format(
            y=period, a=len(regs.open_rows), b=len(regs.withheld_rows), p=path))

    # ---- 今日提醒 ------------------------------------------------------------------------------------
    def show_record(self, ref: str) -> bool:
        """今日提醒 names a 意见单 (its id): the list with that form's row selected and scrolled to. A search or a
        filter that hides it is cleared, and the counts line says so; a form no longer stored is said plainly."""
        from gwdesk.ui.common import jump
        form_id = jump.ref_id(ref)
        if form_id is None:
            return False
        if self._editor is not None and self.stack.currentWidget() is self._editor and not self._editor.leave():
            return False  # unsaved typing in the editor: the clerk chose to stay with it
        try:
            form = forms.get(form_id)
        except GwdeskError:
            jump.gone(self, self.tr("提醒所指的意见单（id={i}）已不存在，可能已被删除。").format(i=form_id))
            return False
        self.stack.setCurrentWidget(self.list_page)
        cleared = False
        row = self._row_of(form_id)
        if row is None:  # saved since the list was read (by a colleague, or before a restart's draft)
            self.reload()
            row = self._row_of(form_id)
        if row is None and jump.reset_filters([self.year, self.status, self.attribute, self.dept], [self.search]):
            self.reload()
            cleared = True
            row = self._row_of(form_id)
        if row is None:  # stored but not listed (cannot happen with every filter at 全部): open it instead
            self.open_form(form_id)
            return True
        jump.select_row(self.table, self.proxy.index(row, 0))
        if cleared:
            self.counts.setText(self.tr("已清除搜索和筛选，以显示意见单 {n}。").format(n=form.number)
                                + self.counts.text())
        return True

    def _row_of(self, form_id: int) -> int | None:
        """The list row (as sorted) of a saved form, None when the search or filters leave it out."""
        for r in range(self.proxy.rowCount()):
            if self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row()).id == form_id:
                return r
        return None
