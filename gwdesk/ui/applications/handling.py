"""The 依申请公开 dialog's tabs after registration: 办理步骤, 答复 (every answer kept) and 复议诉讼 of one stored
application."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from gwdesk.core.applications import OUTCOMES, answers, ledger, outcome_label, outcome_short
from gwdesk.errors import GwdeskError
from gwdesk.ui.applications.cases import CasesPanel
from gwdesk.ui.applications.steps import StepDialog, iso_or_blank, step_detail
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
            Column(self.tr("日期"), lambda s: iso_or_blank(s.started)),
            Column(self.tr("结束"), lambda s: iso_or_blank(s.ended) or ("—" if s.kind == "延期" else self.tr("未结束"))),
            Column(self.tr("说明"), step_detail),
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
            ledger.finish_step(s, self.finish_date.value(), today=self.dialog.ctx.today())
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法保存"), e.message)
            return
        self.stored.emit()

    def delete_selected_step(self):
        s = self._selected_step()
        if s is None:
            return
        if alerts.ask(self, self.tr("删除步骤"), self.tr("删除“{0}”（{1}）？").format(s.kind, iso_or_blank(s.started))):
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
        self.re_reply_button = QPushButton(self.tr("记录重新答复"))
        self.re_reply_button.setToolTip(self.tr("例如复议决定纠正后重新作出的答复：原答复保留并照旧计入当年表三，"
                                                "重新答复另行记录，不重复计算"))
        self.re_reply_button.clicked.connect(self.save_re_reply)
        self.reopen_button = QPushButton(self.tr("撤销办结"))
        self.reopen_button.clicked.connect(self.reopen)
        row.addStretch(1)
        row.addWidget(self.reopen_button)
        row.addWidget(self.re_reply_button)
        row.addWidget(self.reply_button)
        form.addRow(row)
        self.replies = RowsModel([
            Column(self.tr("答复"), lambda r: r.kind),
            Column(self.tr("日期"), lambda r: iso_or_blank(r.date)),
            Column(self.tr("办理结果"), lambda r: outcome_short(r.outcome)),
            Column(self.tr("答复书编号"), lambda r: r.reply_number),
            Column(self.tr("计入"), lambda r: self.tr("{0}年表三").format(r.date.year) if r.kind == "答复"
                   else self.tr("不重复计算")),
        ], parent=self)
        self.replies_view = QTableView()
        self.replies_view.setModel(self.replies)
        self.replies_view.verticalHeader().setVisible(False)
        self.replies_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.replies_view.setMaximumHeight(120)
        outer.insertWidget(1, QLabel(self.tr("历次答复")))
        outer.insertWidget(2, self.replies_view)
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

    def refresh(self) -> None:
        """After the application was stored again: its answers and which buttons apply."""
        app = self.dialog.app
        self.replies.set_rows(answers.listed(app))
        live = not app.voided
        self.reply_button.setEnabled(live and app.closed is None)
        self.re_reply_button.setEnabled(live and app.closed is not None)
        self.reopen_button.setEnabled(live and app.closed is not None)

    def save_reply(self) -> bool:
        problem = self.reply_date.problem(self.tr("答复日期"))
        if problem:
            alerts.warn(self, self.tr("无法保存"), problem)
            return False
        if self.dialog.app.closed is not None:  # the draft prompt's 保存: answered already, never overwrite
            alerts.warn(self, self.tr("答复信息有误"), self.tr(
                "该申请已于{0}答复，原答复不能覆盖。重新作出的答复请点“记录重新答复”；答错了请先“撤销办结”。")
                .format(iso_or_blank(self.dialog.app.closed)))
            return False
        today = self.dialog.ctx.today()
        try:
            self.dialog.store_reply(lambda: ledger.reply(self.dialog.app, self.reply_date.value(),
                                                         self.outcome.currentData(), self.reply_number.text(),
                                                         self.reason.toPlainText(), today=today))
        except GwdeskError as e:
            alerts.warn(self, self.tr("答复信息有误"), e.message)
            return False
        self.stored.emit()
        return True

    def save_re_reply(self) -> bool:
        problem = self.reply_date.problem(self.tr("答复日期"))
        if problem:
            alerts.warn(self, self.tr("重新答复信息有误"), problem)
            return False
        today = self.dialog.ctx.today()
        try:
            self.dialog.store_reply(lambda: answers.re_reply(self.dialog.app, self.reply_date.value(),
                                                             self.outcome.currentData(), self.reply_number.text(),
                                                             self.reason.toPlainText(), today=today))
        except GwdeskError as e:
            alerts.warn(self, self.tr("重新答复信息有误"), e.message)
            return False
        self.stored.emit()
        return True

    def reopen(self):
        app = self.dialog.app
        if app.closed and alerts.ask(self, self.tr("撤销办结"), self.tr(
                "撤销该申请的办结状态，恢复为办理中？原答复不再计入表三，其内容记入历史记录。")):
            try:
                ledger.reopen(app)
            except GwdeskError as e:
                alerts.warn(self, self.tr("无法撤销办结"), e.message)
                return
            self.stored.emit()


class CasesTab(CasesPanel):
    """The 行政复议 and 行政诉讼 cases of the application (see cases.CasesPanel)."""

    def __init__(self, dialog, parent=None):
        super().__init__(lambda: dialog.app, dialog.ctx.today, parent)
        self.dialog = dialog
