"""The 登记信息 tab of the 依申请公开 dialog: who asked for what, when and how, with the live ID check."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from gwdesk.core.applications import APPLICANT_TYPES, CHANNELS, DELIVERY, RECEIPT_RULES, ids
from gwdesk.store.applications_models import Application
from gwdesk.ui.applications.widgets import DateEdit
from gwdesk.ui.common.inputs import ComboBox

NO_ID = "（无）"


class RegistrationForm(QWidget):
    """`fields()` for the ledger; `snapshot()`/`restore()` a JSON-able copy for drafts; `edited` on any change."""

    edited = Signal()

    def __init__(self, app: Application | None, number: str, today: dt.date, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.suggested = "" if app else number  # the 编号 offered to a new registration
        self.number = QLineEdit(app.number if app else number)
        self.received = DateEdit(app.received if app else today)
        self.channel = ComboBox()
        self.channel.addItems(CHANNELS)
        self.channel_rule = QLabel()
        self.channel_rule.setStyleSheet("color:#555")
        self.applicant_type = ComboBox()
        self.applicant_type.addItems(APPLICANT_TYPES)
        self.applicant_name = QLineEdit()
        self.id_kind = ComboBox()
        self.id_kind.addItems(["居民身份证", "统一社会信用代码", "其他证件", NO_ID])
        self.id_number = QLineEdit()
        self.id_check = QLabel()
        self.contact = QLineEdit()
        self.content = QPlainTextEdit()
        self.content.setMinimumHeight(90)
        self.delivery = ComboBox()
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
        self.channel.currentTextChanged.connect(lambda c: self.channel_rule.setText(RECEIPT_RULES.get(c, "")))
        self.applicant_type.currentTextChanged.connect(self._type_changed)
        self.id_number.textChanged.connect(self._check_id)
        self.id_kind.currentTextChanged.connect(self._check_id)
        if app is not None:
            self.channel.setCurrentText(app.channel)
            self.applicant_type.setCurrentText(app.applicant_type)
            self.applicant_name.setText(app.applicant_name)
            self.id_kind.setCurrentText(app.id_kind or NO_ID)
            self.id_number.setText(app.id_number)
            self.contact.setText(app.contact)
            self.content.setPlainText(app.content)
            self.delivery.setCurrentText(app.delivery)
            self.note.setText(app.note)
        else:
            self.channel.setCurrentText("网络")
        self.channel_rule.setText(RECEIPT_RULES.get(self.channel.currentText(), ""))
        self._check_id()
        for w in (self.number, self.applicant_name, self.id_number, self.contact, self.note):
            w.textChanged.connect(self.edited)
        for c in (self.channel, self.applicant_type, self.id_kind, self.delivery):
            c.currentTextChanged.connect(self.edited)
        self.content.textChanged.connect(self.edited)
        self.received.dateChanged.connect(self.edited)

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
                    id_kind="" if kind == NO_ID else kind, id_number=self.id_number.text(),
                    contact=self.contact.text(), content=self.content.toPlainText(),
                    delivery=self.delivery.currentText(), note=self.note.text())

    def snapshot(self) -> dict:
        out = self.fields()
        out["received"] = out["received"].isoformat() if out["received"] else ""
        out["id_kind"] = self.id_kind.currentText()
        return out

    def restore(self, snap: dict) -> None:
        for key in ("number", "applicant_name", "id_number", "contact", "note"):
            if key in snap:
                getattr(self, key).setText(snap[key])
        for key in ("channel", "applicant_type", "id_kind", "delivery"):
            if key in snap:
                getattr(self, key).setCurrentText(snap[key])
        if "content" in snap:
            self.content.setPlainText(snap["content"])
        if snap.get("received"):
            self.received.set_value(dt.date.fromisoformat(snap["received"]))
