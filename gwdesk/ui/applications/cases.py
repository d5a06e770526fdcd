"""复议/诉讼 cases on screen: the case dialog (add, or correct and record the result), the list with its
buttons (used in an application's dialog and, for every case, in the 复议诉讼案件 window), and voiding.

Sub-dialogs open with `open()` (window-modal, not a nested event loop), kept as attributes so a test can
fill them in and press their buttons. Combos are the shared wheel-safe ComboBox; dates the screens' DateEdit
(ui/applications/widgets.py), gwdesk's one date field with these screens' defaults."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from gwdesk.core.applications import CASE_KINDS, CASE_RESULTS, cases, history
from gwdesk.errors import GwdeskError
from gwdesk.store.applications_models import AppealCase, Application
from gwdesk.ui.applications.locked import run_guarded
from gwdesk.ui.applications.steps import iso_or_blank
from gwdesk.ui.applications.widgets import DateEdit
from gwdesk.ui.common import alerts
from gwdesk.ui.common.date_line import first_problem
from gwdesk.ui.common.dialog import Dialog
from gwdesk.ui.common.inputs import ComboBox
from gwdesk.ui.common.table_model import Column, RowsModel


class CaseDialog(Dialog):
    """Add a 行政复议 or 行政诉讼 case (to `app`, or on its own when `app` is None), or correct `case`."""

    def __init__(self, app: Application | None, today: dt.date, parent=None, case: AppealCase | None = None):
        super().__init__(parent)
        self.app, self.case, self.today = app, case, today
        self.setWindowTitle(self.tr("添加复议或诉讼") if case is None else self.tr("修改复议或诉讼案件"))
        form = QFormLayout(self)
        self.kind = ComboBox()
        self.kind.addItems(CASE_KINDS)
        self.filed = DateEdit(today)
        self.outcome = ComboBox()
        self.outcome.addItems(CASE_RESULTS)
        self.outcome.setCurrentText(cases.PENDING)
        self.decided = DateEdit(None, optional=True, anchor=self.filed.value)
        self.number = QLineEdit()
        self.note = QLineEdit()
        linked = app if app is not None else (case.application if case is not None and case.application_id else None)
        self.about = QLabel(self.tr("关于申请 {0}").format(linked.number) if linked is not None
                            else self.tr("不对应本台账中的申请（例如对主动公开或台账外申请提起的复议、诉讼）"))
        self.about.setWordWrap(True)
        form.addRow(self.tr("申请"), self.about)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("申请/起诉日期"), self.filed)
        form.addRow(self.tr("结果"), self.outcome)
        form.addRow(self.tr("审结日期"), self.decided)
        form.addRow(self.tr("案号/决定书编号"), self.number)
        form.addRow(self.tr("备注"), self.note)
        hint = QLabel(self.tr("审结后选择结果（结果维持/结果纠正/其他结果）并填写审结日期；尚未审结的不填审结日期。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555")
        form.addRow(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("添加") if case is None else self.tr("保存"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        if case is not None:
            self.kind.setCurrentText(case.kind)
            self.filed.set_value(case.filed)
            self.outcome.setCurrentText(case.result)
            self.decided.set_value(case.decided)
            self.number.setText(case.case_number)
            self.note.setText(case.note)

    def save(self) -> None:
        problem = first_problem([(self.tr("申请/起诉日期"), self.filed), (self.tr("审结日期"), self.decided)])
        if problem:
            alerts.warn(self, self.tr("无法保存") if self.case else self.tr("无法添加"), problem)
            return
        kind, filed, result, decided = (self.kind.currentText(), self.filed.value(), self.outcome.currentText(),
                                        self.decided.value())
        number, note = self.number.text(), self.note.text()
        try:
            if self.case is None:
                done = run_guarded(self, lambda confirm: cases.add(
                    self.app, kind, filed, result, decided, number, note, today=self.today, confirm=confirm))
            else:
                done = run_guarded(self, lambda confirm: cases.update(
                    self.case, today=self.today, confirm=confirm, kind=kind, filed=filed, result=result,
                    decided=decided, case_number=number, note=note))
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法保存") if self.case else self.tr("无法添加"), e.message)
            return
        if done is not None:
            self.accept()


class VoidDialog(Dialog):
    """Ask why a record is voided; `reason()` once accepted (the caller does the voiding)."""

    def __init__(self, what: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("作废"))
        form = QFormLayout(self)
        text = QLabel(self.tr("作废{0}：记录保留并标为“已作废”，不再计入年度报告；作废原因写入历史记录。").format(what))
        text.setWordWrap(True)
        form.addRow(text)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("例如：与2026-012重复登记"))
        form.addRow(self.tr("作废原因"), self.reason_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("作废"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _ok(self) -> None:
        if not self.reason().strip():
            alerts.warn(self, self.tr("作废"), self.tr("作废原因：不能为空（写明为何作废，例如重复登记）"))
            return
        self.accept()

    def reason(self) -> str:
        return self.reason_edit.text()


class CasesPanel(QWidget):
    """The cases of one application (`app`), or every case (`app` None: new ones are entered on their own);
    add, correct / record the result, void with a reason; the selected case's history below. `stored` after
    each change is written."""

    stored = Signal()

    def __init__(self, app_source, today_source, parent=None):
        """`app_source()`: the application (or None for every case); `today_source()`: today."""
        super().__init__(parent)
        self._app, self._today = app_source, today_source
        self.case_dialog: CaseDialog | None = None
        self.void_dialog: VoidDialog | None = None
        v = QVBoxLayout(self)
        columns = [
            Column(self.tr("类型"), lambda c: c.kind),
            Column(self.tr("申请/起诉日期"), lambda c: iso_or_blank(c.filed)),
            Column(self.tr("结果"), cases.state),
            Column(self.tr("审结日期"), lambda c: iso_or_blank(c.decided)),
            Column(self.tr("案号"), lambda c: c.case_number),
        ]
        if app_source() is None:
            columns.append(Column(self.tr("申请"), lambda c: c.application.number if c.application_id
                                  else self.tr("（单独登记）")))
        self.model = RowsModel(columns, row_tone=lambda c: None, parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        self.view.setSelectionMode(QTableView.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)
        for col, width in enumerate([130, 100, 150, 90]):
            self.view.setColumnWidth(col, width)
        v.addWidget(self.view, 1)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color:#555")
        v.addWidget(self.history)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加复议或诉讼…") if app_source() is not None
                                      else self.tr("登记复议或诉讼…"))
        self.edit_button = QPushButton(self.tr("修改所选/登记结果…"))
        self.void_button = QPushButton(self.tr("作废所选…"))
        self.add_button.clicked.connect(self.add_case)
        self.edit_button.clicked.connect(self.edit_selected)
        self.void_button.clicked.connect(self.void_selected)
        row.addWidget(self.add_button)
        row.addStretch(1)
        row.addWidget(self.edit_button)
        row.addWidget(self.void_button)
        v.addLayout(row)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(cases.listed(self._app()))
        self._selection_changed()

    def selected(self) -> AppealCase | None:
        idx = self.view.selectionModel().selectedRows()
        return self.model.row_at(idx[0].row()) if idx else None

    def _selection_changed(self, *_) -> None:
        c = self.selected()
        self.edit_button.setEnabled(c is not None and not c.voided)
        self.void_button.setEnabled(c is not None and not c.voided)
        self.history.setText("\n".join(history.line(h) for h in history.entries(case=c)) if c is not None else "")

    def _done(self) -> None:
        self.reload()
        self.stored.emit()

    def add_case(self) -> None:
        self.case_dialog = CaseDialog(self._app(), self._today(), self)
        self.case_dialog.accepted.connect(self._done)
        self.case_dialog.open()

    def edit_selected(self) -> None:
        c = self.selected()
        if c is None:
            alerts.info(self, self.tr("请选择案件"), self.tr("请先选中一个复议或诉讼案件。"))
            return
        self.case_dialog = CaseDialog(self._app(), self._today(), self, case=c)
        self.case_dialog.accepted.connect(self._done)
        self.case_dialog.open()

    def void_selected(self) -> None:
        c = self.selected()
        if c is None:
            alerts.info(self, self.tr("请选择案件"), self.tr("请先选中一个复议或诉讼案件。"))
            return
        self.void_dialog = VoidDialog(self.tr("{0}案件 {1}").format(c.kind, c.case_number or iso_or_blank(c.filed)), self)
        self.void_dialog.accepted.connect(lambda: self._void(c))
        self.void_dialog.open()

    def _void(self, c: AppealCase) -> None:
        reason = self.void_dialog.reason()
        try:
            done = run_guarded(self, lambda confirm: cases.void(c, reason, confirm=confirm) or True)
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法作废"), e.message)
            return
        if done is not None:
            self._done()


class CasesWindow(Dialog):
    """Every 复议/诉讼 case of the unit, those tied to an application and those entered on their own."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.changed = False
        self.setWindowTitle(self.tr("政府信息公开行政复议、行政诉讼案件"))
        self.resize(860, 520)
        v = QVBoxLayout(self)
        note = QLabel(self.tr("这里列出全部案件。对某件申请提起的复议、诉讼也可在该申请的“复议诉讼”页登记；"
                              "不对应本台账申请的案件在此单独登记。"))
        note.setWordWrap(True)
        v.addWidget(note)
        self.panel = CasesPanel(lambda: None, ctx.today, self)
        self.panel.stored.connect(self._stored)
        v.addWidget(self.panel, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)

    def _stored(self) -> None:
        self.changed = True
