"""密码: the password of a 单位共享数据库 login, asked when the server wants one (store/credentials.py).

The login is shown, not editable (it is part of this computer's database setting); 记住密码 keeps it in the
system's credential store when there is one, else in the clerk's pgpass file — never in database.json.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from gwdesk.store import credentials
from gwdesk.store.dburl import ServerUrl
from gwdesk.ui.common.dialog import Dialog


class PasswordDialog(Dialog):
    def __init__(self, url: ServerUrl, problem: str = credentials.NEEDED, said: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("连接单位共享数据库"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        head = QLabel(self.tr("<b>请输入密码</b>") if problem == credentials.NEEDED
                      else self.tr("<b>密码不正确，请重新输入</b>"))
        layout.addWidget(head)
        where = QLabel(self.tr("服务器：{0}:{1}　数据库：{2}").format(url.host, url.port, url.dbname))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(where)
        form = QFormLayout()
        self.user = QLineEdit(url.user)
        self.user.setReadOnly(True)
        form.addRow(self.tr("用户名"), self.user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("密码"), self.password)
        layout.addLayout(form)
        kept = (self.tr("保存到系统凭据管理器") if credentials.keyring_available()
                else self.tr("保存到本机的 pgpass 文件（{0}）").format(credentials.pgpass_path()))
        self.remember = QCheckBox(self.tr("记住密码（{0}）").format(kept))
        layout.addWidget(self.remember)
        self.error = QLabel(self.tr("服务器拒绝了这个密码。") if problem == credentials.WRONG else "")
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        if problem == credentials.WRONG and said:  # the server's own words, for whoever helps the clerk
            words = said.splitlines()[-1].strip()[:200]
            self.said = QLabel(self.tr("服务器的回答：{0}").format(words))
            self.said.setWordWrap(True)
            self.said.setStyleSheet("color:#777")
            self.said.setTextInteractionFlags(Qt.TextSelectableByMouse)
            layout.addWidget(self.said)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("连接"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def _accept(self) -> None:
        if not self.password.text():
            self.error.setText(self.tr("请输入密码。"))
            return
        self.accept()

    def answer(self) -> credentials.Answer:
        return credentials.Answer(self.password.text(), self.remember.isChecked())

    @classmethod
    def ask(cls, url: ServerUrl, problem: str, said: str = "", parent=None) -> credentials.Answer | None:
        """The password typed (and whether to remember it), or None when the clerk cancelled."""
        dlg = cls(url, problem, said, parent)
        return dlg.answer() if dlg.exec() == Dialog.Accepted else None
