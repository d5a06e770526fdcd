"""The 依申请公开 dialog's tabs after registration: 办理步骤, 答复 and 复议诉讼 of one stored application."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from gwdesk.core.applications import OUTCOMES, ledger, outcome_label
from gwdesk.errors import GwdeskError
from gwdesk.ui.applications.steps import CaseDialog, StepDialog, _d, _step_detail
from gwdesk.ui.applications.widgets import DateEdit
from gwdesk.ui.common import alerts
from gwdesk.ui.common.table_model import Column, RowsModel
from gwdesk.ui.common.inputs import ComboBox


class StepsTab(QWidget):
    """The steps taken (补正, 征求意见, 延期, 收费); `stored` after each change is written."""

    stored = Signal()

    def __init__(self, dialog, today: dt.date, parent=None):
        super().__init__(parent)
        self.dialog = dialog  # gives `app` (the stored Application) and `ctx`
        v = QVBoxLayout(self)
        self.model = RowsModel([
            Column(self.tr("步骤"), lambda s: s.kind),
            Column(self.tr("日期"), lambda s: _d(s.started)),
            Column(self.tr("结束"), lambda s: _d(s.ended) or ("—" if s.kind == "延期" else self.tr("未结束"))),
            Column(self.tr("说明"), _step_detail),
            Column(self.tr("备注"), lambda s: s.note),
        ])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        self.view.setSelectionMode(QTableView.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        for col, width in enumerate([110, 90, 90, 300, 160]):
            self.view.setColumnWidth(col, width)
        v.addWidget(self.view)
        row = QHBoxLayout()
        add = QPushButton(self.tr("添加步骤…"))
        add.clicked.connect(self.add_step)
        self.finish_date = DateEdit(today)
        finish = QPushButton(self.tr("记为已结束（补正到达/答复/缴费）"))
        finish.clicked.connect(self.finish_selected_step)
        delete = QPushButton(self.tr("删除所选步骤"))
        delete.clicked.connect(self.delete_selected_step)
        row.addWidget(add)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("结束日期")))
        row.addWidget(self.finish_date)
        row.addWidget(finish)
        row.addWidget(delete)
        v.addLayout(row)

    def _selected_step(self):
        idx = self.view.selectionModel().selectedRows()
        return self.model.row_at(idx[0].row()) if idx else None

    def add_step(self):
        if StepDialog(self.dialog.app, self.dialog.ctx.today(), self).exec():
            self.stored.emit()

    def finish_selected_step(self):
        s = self._selected_step()
        if s is None or s.kind == "延期":
            alerts.info(self, self.tr("请选择步骤"), self.tr("请先选中一个补正、征求第三方意见或收费步骤。"))
            return
        problem = self.finish_date.problem(self.tr("结束日期"))
        if problem:
            alerts.warn(self, self.tr("无法保存"), problem)
            return
        try:
            ledger.finish_step(s, self.finish_date.value())
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法保存"), e.message)
            return
        self.stored.emit()

    def delete_selected_step(self):
        s = self._selected_step()
        if s is None:
            return
        if alerts.ask(self, self.tr("删除步骤"), self.tr("删除“{0}”（{1}）？").format(s.kind, _d(s.started))):
            ledger.delete_step(s)
            self.stored.emit()


class ReplyTab(QWidget):
    """The reply: date, 表三 outcome, number and reasons; typing is `edited`, a saved reply is `stored`."""

    edited = Signal()
    stored = Signal()

    def __init__(self, dialog, today: dt.date, parent=None):
        super().__init__(parent)
        self.dialog = dialog
        app = dialog.app
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        self.reply_date = DateEdit(app.closed or today)
        self.outcome = ComboBox()
        for code in OUTCOMES:
            self.outcome.addItem(f"{code}  {outcome_label(code)}", code)
        self.reply_number = QLineEdit(app.reply_number)
        self.reason = QPlainTextEdit(app.reason)
        self.reason.setMaximumHeight(90)
        if app.outcome:
            self.outcome.setCurrentIndex(list(OUTCOMES).index(app.outcome))
        form.addRow(self.tr("答复日期"), self.reply_date)
        form.addRow(self.tr("办理结果（表三）"), self.outcome)
        form.addRow(self.tr("答复书编号"), self.reply_number)
        form.addRow(self.tr("理由和依据"), self.reason)
        row = QHBoxLayout()
        self.reply_button = QPushButton(self.tr("保存答复并办结"))
        self.reply_button.clicked.connect(self.save_reply)
        self.reopen_button = QPushButton(self.tr("撤销办结"))
        self.reopen_button.clicked.connect(self.reopen)
        row.addStretch(1)
        row.addWidget(self.reopen_button)
        row.addWidget(self.reply_button)
        form.addRow(row)
        self.reply_date.dateChanged.connect(self.edited)
        self.outcome.currentIndexChanged.connect(self.edited)
        self.reply_number.textChanged.connect(self.edited)
        self.reason.textChanged.connect(self.edited)

    def snapshot(self) -> dict:
        d = self.reply_date.value()
        return {"date": d.isoformat() if d else "", "outcome": self.outcome.currentData() or "",
                "number": self.reply_number.text(), "reason": self.reason.toPlainText()}

    def restore(self, snap: dict) -> None:
        if snap.get("date"):
            self.reply_date.set_value(dt.date.fromisoformat(snap["date"]))
        i = self.outcome.findData(snap.get("outcome"))
        if i >= 0:
            self.outcome.setCurrentIndex(i)
        self.reply_number.setText(snap.get("number", ""))
        self.reason.setPlainText(snap.get("reason", ""))

    def save_reply(self) -> bool:
        problem = self.reply_date.problem(self.tr("答复日期"))
        if problem:
            alerts.warn(self, self.tr("无法保存"), problem)
            return False
        try:
            self.dialog.store_reply(lambda: ledger.reply(self.dialog.app, self.reply_date.value(),
                                                         self.outcome.currentData(), self.reply_number.text(),
                                                         self.reason.toPlainText()))
        except GwdeskError as e:
            alerts.warn(self, self.tr("答复信息有误"), e.message)
            return False
        self.stored.emit()
        return True

    def reopen(self):
        app = self.dialog.app
        if app.closed and alerts.ask(self, self.tr("撤销办结"), self.tr("撤销该申请的办结状态，恢复为办理中？")):
            ledger.reopen(app)
            self.stored.emit()


class CasesTab(QWidget):
    """The 行政复议 and 行政诉讼 cases linked to the application."""

    stored = Signal()

    def __init__(self, dialog, parent=None):
        super().__init__(parent)
        self.dialog = dialog
        v = QVBoxLayout(self)
        self.model = RowsModel([
            Column(self.tr("类型"), lambda c: c.kind),
            Column(self.tr("申请/起诉日期"), lambda c: _d(c.filed)),
            Column(self.tr("结果"), lambda c: c.result),
            Column(self.tr("审结日期"), lambda c: _d(c.decided)),
            Column(self.tr("案号"), lambda c: c.case_number),
        ])
        view = QTableView()
        view.setModel(self.model)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)
        v.addWidget(view)
        row = QHBoxLayout()
        add = QPushButton(self.tr("添加复议或诉讼…"))
        add.clicked.connect(self.add_case)
        row.addWidget(add)
        row.addStretch(1)
        v.addLayout(row)

    def add_case(self):
        if CaseDialog(self.dialog.app, self.dialog.ctx.today(), self).exec():
            self.stored.emit()
