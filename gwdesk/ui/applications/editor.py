"""申请登记与办理: one dialog for an application's registration, steps, reply and 复议/诉讼 cases."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox,
                               QTableView, QTabWidget, QVBoxLayout, QWidget)

from gwdesk.core import workdays as wd
from gwdesk.core.applications import (APPLICANT_TYPES, CASE_KINDS, CASE_RESULTS, CHANNELS, DELIVERY,
                                      FEE_METHODS, OUTCOMES, RECEIPT_RULES, STEP_KINDS, aggregate, deadlines, ids,
                                      ledger, outcome_label)
from gwdesk.errors import GwdeskError
from gwdesk.store.applications_models import Application
from gwdesk.ui.applications.widgets import DateEdit
from gwdesk.ui.common import alerts
from gwdesk.ui.common.table_model import Column, RowsModel


def _d(v) -> str:
    return v.isoformat() if v else ""


def _step_detail(s) -> str:
    if s.kind == "补正":
        return f"补正期限 {_d(s.deadline)}" if s.deadline else ""
    if s.kind == "征求第三方意见":
        return f"第三方应于{_d(wd.add_workdays(s.started, 15))}前提出意见，期间不计入答复期限"
    if s.kind == "延期":
        return f"延期{s.days}个工作日，批准人：{s.approver}"
    if s.kind == "收费":
        qty = f"，{s.quantity}页" if s.fee_method == "按量" else ""
        pay = "" if s.ended else f"，应于{_d(wd.add_workdays(s.started, 20))}前缴费"
        return f"{s.fee_method}{qty}，{s.amount}元{pay}"
    return ""


_ENDED = {"补正": "补正到达", "征求第三方意见": "第三方答复", "收费": "缴费", "延期": ""}


class StepDialog(QDialog):
    """Add one step: 补正 / 征求第三方意见 / 延期 / 收费, with the fields that kind needs."""

    def __init__(self, app: Application, today: dt.date, parent=None):
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(self.tr("添加办理步骤"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.addItems(STEP_KINDS)
        self.started = DateEdit(today)
        self.ended = DateEdit(None, optional=True)
        self.deadline = DateEdit(None, optional=True)
        self.days = QSpinBox()
        self.days.setRange(1, 20)
        self.days.setValue(20)
        self.approver = QLineEdit()
        self.fee_method = QComboBox()
        self.fee_method.addItems(FEE_METHODS)
        self.pages = QSpinBox()
        self.pages.setRange(0, 100000)
        self.note = QLineEdit()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
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
                _d(wd.add_workdays(self.app.received, 7))),
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

    def save(self):
        try:
            ledger.add_step(self.app, self.kind.currentText(), self.started.value(), ended=self.ended.value(),
                            deadline=self.deadline.value(), days=self.days.value(),
                            approver=self.approver.text(), fee_method=self.fee_method.currentText(),
                            quantity=self.pages.value(), note=self.note.text())
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法添加步骤"), e.message)
            return
        self.accept()


class CaseDialog(QDialog):
    """Add a 行政复议 or 行政诉讼 case linked to the application."""

    def __init__(self, app: Application, today: dt.date, parent=None):
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(self.tr("添加复议或诉讼"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.addItems(CASE_KINDS)
        self.filed = DateEdit(today)
        self.result = QComboBox()
        self.result.addItems(CASE_RESULTS)
        self.result.setCurrentText("尚未审结")
        self.decided = DateEdit(None, optional=True)
        self.number = QLineEdit()
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("申请/起诉日期"), self.filed)
        form.addRow(self.tr("结果"), self.result)
        form.addRow(self.tr("审结日期"), self.decided)
        form.addRow(self.tr("案号/决定书编号"), self.number)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("添加"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self):
        try:
            ledger.add_case(self.app, self.kind.currentText(), self.filed.value(), self.result.currentText(),
                            self.decided.value(), self.number.text())
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法添加"), e.message)
            return
        self.accept()


class ApplicationDialog(QDialog):
    """Register a new application, or open an existing one with its steps, reply and cases."""

    def __init__(self, ctx, app: Application | None = None, reveal: bool = False, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.app = app
        self.changed = False
        today = ctx.today()
        self.setWindowTitle(self.tr("登记依申请公开申请") if app is None else
                            self.tr("申请 {0}").format(app.number))
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.RichText)
        layout.addWidget(self.status)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)

        # --- 登记信息
        reg = QWidget()
        form = QFormLayout(reg)
        self.number = QLineEdit(app.number if app else ledger.next_number(today.year))
        self.received = DateEdit(app.received if app else today)
        self.channel = QComboBox()
        self.channel.addItems(CHANNELS)
        self.channel_rule = QLabel()
        self.channel_rule.setStyleSheet("color:#555")
        self.applicant_type = QComboBox()
        self.applicant_type.addItems(APPLICANT_TYPES)
        self.applicant_name = QLineEdit()
        self.id_kind = QComboBox()
        self.id_kind.addItems(["居民身份证", "统一社会信用代码", "其他证件", "（无）"])
        self.id_number = QLineEdit()
        self.id_check = QLabel()
        self.contact = QLineEdit()
        self.content = QPlainTextEdit()
        self.content.setMinimumHeight(90)
        self.delivery = QComboBox()
        self.delivery.setEditable(True)
        self.delivery.addItems(DELIVERY)
        self.note = QLineEdit()
        form.addRow(self.tr("编号"), self.number)
        form.addRow(self.tr("收到日期"), self.received)
        ch = QHBoxLayout()
        ch.addWidget(self.channel)
        ch.addWidget(self.channel_rule, 1)
        form.addRow(self.tr("渠道"), ch)
        form.addRow(self.tr("申请人类型"), self.applicant_type)
        form.addRow(self.tr("申请人姓名或名称"), self.applicant_name)
        form.addRow(self.tr("证件类型"), self.id_kind)
        idrow = QHBoxLayout()
        idrow.addWidget(self.id_number, 1)
        idrow.addWidget(self.id_check)
        form.addRow(self.tr("证件号码"), idrow)
        form.addRow(self.tr("联系方式"), self.contact)
        form.addRow(self.tr("申请内容"), self.content)
        form.addRow(self.tr("获取方式"), self.delivery)
        form.addRow(self.tr("备注"), self.note)
        self.tabs.addTab(reg, self.tr("登记信息"))
        self.channel.currentTextChanged.connect(lambda c: self.channel_rule.setText(RECEIPT_RULES.get(c, "")))
        self.applicant_type.currentTextChanged.connect(self._type_changed)
        self.id_number.textChanged.connect(self._check_id)
        self.id_kind.currentTextChanged.connect(self._check_id)
        if app is not None:
            self.channel.setCurrentText(app.channel)
            self.applicant_type.setCurrentText(app.applicant_type)
            self.applicant_name.setText(app.applicant_name)
            self.id_kind.setCurrentText(app.id_kind or "（无）")
            self.id_number.setText(app.id_number)
            self.contact.setText(app.contact)
            self.content.setPlainText(app.content)
            self.delivery.setCurrentText(app.delivery)
            self.note.setText(app.note)
        else:
            self.channel.setCurrentText("网络")
        self.channel_rule.setText(RECEIPT_RULES.get(self.channel.currentText(), ""))
        self._check_id()

        if app is not None:
            self._build_steps_tab(today)
            self._build_reply_tab(today)
            self._build_cases_tab(today)

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Save).setText(self.tr("保存登记信息") if app else self.tr("登记"))
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.accepted.connect(self.save_registration)
        buttons.rejected.connect(self.close_dialog)
        layout.addWidget(buttons)
        self.refresh_status()

    # --- registration
    def _type_changed(self, t: str):
        if not self.id_number.text().strip():
            self.id_kind.setCurrentText("居民身份证" if t == "自然人" else "统一社会信用代码")

    def _check_id(self, *_):
        kind = self.id_kind.currentText()
        problem = ids.check(kind, self.id_number.text())
        if not self.id_number.text().strip() or kind not in ("居民身份证", "统一社会信用代码"):
            self.id_check.setText("")
        elif problem:
            self.id_check.setText(f"<span style='color:#c62828'>✗ {problem}</span>")
        else:
            self.id_check.setText(f"<span style='color:#2e7d32'>✓ {self.tr('校验通过')}</span>")

    def fields(self) -> dict:
        kind = self.id_kind.currentText()
        return dict(number=self.number.text(), received=self.received.value(), channel=self.channel.currentText(),
                    applicant_type=self.applicant_type.currentText(), applicant_name=self.applicant_name.text(),
                    id_kind="" if kind == "（无）" else kind, id_number=self.id_number.text(),
                    contact=self.contact.text(), content=self.content.toPlainText(),
                    delivery=self.delivery.currentText(), note=self.note.text())

    def save_registration(self) -> bool:
        try:
            if self.app is None:
                self.app = ledger.create(self.fields())
                self.changed = True
                self.accept()
                return True
            ledger.update(self.app, self.fields())
        except GwdeskError as e:
            alerts.warn(self, self.tr("登记信息有误"), e.message)
            return False
        self.changed = True
        self.refresh_status()
        alerts.info(self, self.tr("已保存"), self.tr("登记信息已保存。"))
        return True

    def close_dialog(self):
        if self.changed:
            self.accept()
        else:
            self.reject()

    # --- steps
    def _build_steps_tab(self, today):
        w = QWidget()
        v = QVBoxLayout(w)
        self.steps_model = RowsModel([
            Column(self.tr("步骤"), lambda s: s.kind),
            Column(self.tr("日期"), lambda s: _d(s.started)),
            Column(self.tr("结束"), lambda s: _d(s.ended) or ("—" if s.kind == "延期" else self.tr("未结束"))),
            Column(self.tr("说明"), _step_detail),
            Column(self.tr("备注"), lambda s: s.note),
        ])
        self.steps_view = QTableView()
        self.steps_view.setModel(self.steps_model)
        self.steps_view.setSelectionBehavior(QTableView.SelectRows)
        self.steps_view.setSelectionMode(QTableView.SingleSelection)
        self.steps_view.verticalHeader().setVisible(False)
        self.steps_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        for col, width in enumerate([110, 90, 90, 300, 160]):
            self.steps_view.setColumnWidth(col, width)
        v.addWidget(self.steps_view)
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
        self.tabs.addTab(w, self.tr("办理步骤"))

    def _selected_step(self):
        idx = self.steps_view.selectionModel().selectedRows()
        return self.steps_model.row_at(idx[0].row()) if idx else None

    def add_step(self):
        if StepDialog(self.app, self.ctx.today(), self).exec():
            self.changed = True
            self.refresh_status()

    def finish_selected_step(self):
        s = self._selected_step()
        if s is None or s.kind == "延期":
            alerts.info(self, self.tr("请选择步骤"), self.tr("请先选中一个补正、征求第三方意见或收费步骤。"))
            return
        try:
            ledger.finish_step(s, self.finish_date.value())
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法保存"), e.message)
            return
        self.changed = True
        self.refresh_status()

    def delete_selected_step(self):
        s = self._selected_step()
        if s is None:
            return
        if alerts.ask(self, self.tr("删除步骤"), self.tr("删除“{0}”（{1}）？").format(s.kind, _d(s.started))):
            ledger.delete_step(s)
            self.changed = True
            self.refresh_status()

    # --- reply
    def _build_reply_tab(self, today):
        w = QWidget()
        outer = QVBoxLayout(w)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        self.reply_date = DateEdit(self.app.closed or today)
        self.outcome = QComboBox()
        for code in OUTCOMES:
            self.outcome.addItem(f"{code}  {outcome_label(code)}", code)
        self.reply_number = QLineEdit(self.app.reply_number)
        self.reason = QPlainTextEdit(self.app.reason)
        self.reason.setMaximumHeight(90)
        if self.app.outcome:
            self.outcome.setCurrentIndex(list(OUTCOMES).index(self.app.outcome))
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
        self.tabs.addTab(w, self.tr("答复"))

    def save_reply(self) -> bool:
        try:
            ledger.reply(self.app, self.reply_date.value(), self.outcome.currentData(),
                         self.reply_number.text(), self.reason.toPlainText())
        except GwdeskError as e:
            alerts.warn(self, self.tr("答复信息有误"), e.message)
            return False
        self.changed = True
        self.refresh_status()
        return True

    def reopen(self):
        if self.app.closed and alerts.ask(self, self.tr("撤销办结"), self.tr("撤销该申请的办结状态，恢复为办理中？")):
            ledger.reopen(self.app)
            self.changed = True
            self.refresh_status()

    # --- cases
    def _build_cases_tab(self, today):
        w = QWidget()
        v = QVBoxLayout(w)
        self.cases_model = RowsModel([
            Column(self.tr("类型"), lambda c: c.kind),
            Column(self.tr("申请/起诉日期"), lambda c: _d(c.filed)),
            Column(self.tr("结果"), lambda c: c.result),
            Column(self.tr("审结日期"), lambda c: _d(c.decided)),
            Column(self.tr("案号"), lambda c: c.case_number),
        ])
        view = QTableView()
        view.setModel(self.cases_model)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)
        v.addWidget(view)
        row = QHBoxLayout()
        add = QPushButton(self.tr("添加复议或诉讼…"))
        add.clicked.connect(self.add_case)
        row.addWidget(add)
        row.addStretch(1)
        v.addLayout(row)
        self.tabs.addTab(w, self.tr("复议诉讼"))

    def add_case(self):
        if CaseDialog(self.app, self.ctx.today(), self).exec():
            self.changed = True
            self.refresh_status()

    # --- status line
    def refresh_status(self):
        if self.app is None:
            self.status.setText(self.tr("填写后点“登记”。答复期限为收到申请之日起20个工作日（收到当日不计）。"))
            return
        self.app = Application.get_by_id(self.app.id)
        steps = list(self.app.steps)
        self.steps_model.set_rows(steps)
        self.cases_model.set_rows(list(self.app.cases))
        today = self.ctx.today()
        info = deadlines.compute(self.app, today, steps)
        tone = deadlines.tone(info, today)
        color = {"overdue": "#c62828", "today": "#b26a00", "soon": "#b26a00"}.get(tone, "#222")
        if info.state == deadlines.CLOSED:
            text = self.tr("已办结：{0} 答复，结果 {1}").format(_d(self.app.closed),
                                                          outcome_label(self.app.outcome, short=True))
        else:
            text = self.tr("{0}，期限 <b style='color:{1}'>{2}</b>").format(info.state, color, _d(info.due) or "—")
            if info.reply_due and info.reply_due != info.due:
                text += self.tr("（答复期限 {0}）").format(_d(info.reply_due))
            if info.suggested_outcome:
                text += self.tr("；可按表三 {0} 终止处理").format(info.suggested_outcome)
        extra = [f"<span style='color:#b26a00'>{n}</span>" for n in info.notes]
        if info.warning:
            extra.append(f"<span style='color:#b26a00'>{info.warning}</span>")
        years = sorted({d.year for d in (self.app.received, self.app.closed) if d})
        locked = [y for y in years if aggregate.is_frozen(y)]
        if locked:
            extra.append(self.tr("<span style='color:#555'>{0}年统计数据已锁定：此处修改不会改变已报送的年度报告数字。</span>")
                         .format("、".join(map(str, locked))))
        self.status.setText("<br>".join([text, *extra]))
        self.reopen_button.setEnabled(self.app.closed is not None)
