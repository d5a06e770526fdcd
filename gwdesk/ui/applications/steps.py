"""The 依申请公开 dialog's small add dialog for one 办理步骤 (补正/征求意见/延期/收费); cases are in cases.py."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from gwdesk.ui.common.dialog import Dialog
from gwdesk.core import workdays as wd
from gwdesk.core.applications import FEE_METHODS, STEP_KINDS, ledger
from gwdesk.errors import GwdeskError
from gwdesk.store.applications_models import Application
from gwdesk.ui.applications.widgets import DateEdit
from gwdesk.ui.common import alerts
from gwdesk.ui.common.date_line import first_problem
from gwdesk.ui.common.inputs import ComboBox, SpinBox


def iso_or_blank(v) -> str:
    return v.isoformat() if v else ""


def step_detail(s) -> str:
    if s.kind == "补正":
        return f"补正期限 {iso_or_blank(s.deadline)}" if s.deadline else ""
    if s.kind == "征求第三方意见":
        return f"第三方应于{iso_or_blank(wd.add_workdays(s.started, 15))}前提出意见，期间不计入答复期限"
    if s.kind == "延期":
        return f"延期{s.days}个工作日，批准人：{s.approver}"
    if s.kind == "收费":
        qty = f"，{s.quantity}页" if s.fee_method == "按量" else ""
        pay = "" if s.ended else f"，应于{iso_or_blank(wd.add_workdays(s.started, 20))}前缴费"
        return f"{s.fee_method}{qty}，{s.amount}元{pay}"
    return ""


_ENDED = {"补正": "补正到达", "征求第三方意见": "第三方答复", "收费": "缴费", "延期": ""}


class StepDialog(Dialog):
    """Add one step: 补正 / 征求第三方意见 / 延期 / 收费, with the fields that kind needs."""

    def __init__(self, app: Application, today: dt.date, parent=None):
        super().__init__(parent)
        self.app, self.today = app, today
        self.setWindowTitle(self.tr("添加办理步骤"))
        form = QFormLayout(self)
        self.kind = ComboBox()
        self.kind.addItems(STEP_KINDS)
        self.started = DateEdit(today)
        # the calendar of an end or a deadline opens at the step's own date
        self.ended = DateEdit(None, optional=True, anchor=self.started.value)
        self.deadline = DateEdit(None, optional=True, anchor=self.started.value)
        self.days = SpinBox()
        self.days.setRange(1, 20)
        self.days.setValue(20)
        self.approver = QLineEdit()
        self.fee_method = ComboBox()
        self.fee_method.addItems(FEE_METHODS)
        self.pages = SpinBox()
        self.pages.setRange(0, 100000)
        self.note = QLineEdit()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setMinimumWidth(self.fontMetrics().horizontalAdvance("应") * 30)
        form.addRow(self.tr("步骤"), self.kind)
        form.addRow(self.tr("日期（发出通知/请求）"), self.started)
        self._rows = {
            "ended": (self.tr("结束日期"), self.ended),
            "deadline": (self.tr("补正期限"), self.deadline),
            "days": (self.tr("延期工作日数"), self.days),
            "approver": (self.tr("批准人"), self.approver),
            "fee_method": (self.tr("收费方式"), self.fee_method),
            "pages": (self.tr("页数（按量）"), self.pages),
        }
        self._labels = {}
        for key, (label, w) in self._rows.items():
            lab = QLabel(label)
            self._labels[key] = lab
            form.addRow(lab, w)
        form.addRow(self.tr("备注"), self.note)
        form.addRow(self.hint)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("添加"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentTextChanged.connect(self._kind_changed)
        self.fee_method.currentTextChanged.connect(self._kind_changed)
        self.pages.valueChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self, *_):
        kind = self.kind.currentText()
        show = {"补正": {"ended", "deadline"}, "征求第三方意见": {"ended"}, "延期": {"days", "approver"},
                "收费": {"ended", "fee_method"} | ({"pages"} if self.fee_method.currentText() == "按量" else set())}
        for key, (_, w) in self._rows.items():
            w.setVisible(key in show[kind])
            self._labels[key].setVisible(key in show[kind])
        if _ENDED.get(kind):
            self._labels["ended"].setText(self.tr("{0}日期").format(_ENDED[kind]))
        hints = {
            "补正": self.tr("应在收到申请后7个工作日内一次性告知（{0}前），写明补正事项和合理的补正期限"
                          "（尚未补正的须填补正期限）；补正到达后答复期限重新计算。"
                          "申请人逾期不补正的，可按表三（六）1终止。").format(
                iso_or_blank(wd.add_workdays(self.app.received, 7))),
            "征求第三方意见": self.tr("第三方应在15个工作日内提出意见；征求意见的时间不计入答复期限。"),
            "延期": self.tr("只能延期一次，最长20个工作日，须经政府信息公开工作机构负责人同意并告知申请人。"),
            "收费": "",
        }
        if kind == "收费":
            try:
                q = ledger.fee_quote(self.app, self.fee_method.currentText(), self.pages.value())
                hints["收费"] = self.tr("应收 {0} 元（{1}）。申请人应在20个工作日内缴费，逾期视为放弃；"
                                      "收费通知至缴费的时间不计入答复期限。").format(
                    q.amount, "；".join(q.lines()) or self.tr("免费"))
            except GwdeskError as e:
                hints["收费"] = e.message
        self.hint.setText(hints[kind])
        # the explanation's lines differ by kind: the dialog grows with them instead of cutting them off
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.layout().totalHeightForWidth(self.width())
                                       if self.layout().hasHeightForWidth() else self.sizeHint().height()))

    def save(self):
        shown = [(self.tr("日期"), self.started)] + [(self._labels[k].text(), w) for k, (_l, w) in self._rows.items()
                                                    if isinstance(w, DateEdit) and not w.isHidden()]
        problem = first_problem(shown)
        if problem:
            alerts.warn(self, self.tr("无法添加步骤"), problem)
            return
        try:
            ledger.add_step(self.app, self.kind.currentText(), self.started.value(), ended=self.ended.value(),
                            deadline=self.deadline.value(), days=self.days.value(),
                            approver=self.approver.text(), fee_method=self.fee_method.currentText(),
                            quantity=self.pages.value(), note=self.note.text(), today=self.today)
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法添加步骤"), e.message)
            return
        self.accept()
