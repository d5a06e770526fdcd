"""设置 → 数据存放: this computer's data folder (SQLite, the default) or the office's 单位共享数据库 (PostgreSQL),
with 测试连接. The choice is kept in this computer's settings file (store/dburl.py), never in a database, and
takes effect the next time gwdesk opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QVBoxLayout)

from gwdesk.errors import GwdeskError
from gwdesk.store import dburl
from gwdesk.ui.common import alerts

PLACEHOLDER = "postgresql://用户名@服务器[:端口]/数据库名"


class StoragePanel(QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__(self.tr("数据存放"), parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.current)

        self.local = QRadioButton(self.tr("本机数据（默认）：数据保存在本机的数据目录中"))
        self.shared = QRadioButton(self.tr("单位共享数据库：本单位几位同事共用一个 PostgreSQL 数据库"))
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.shared)
        lay.addWidget(self.local)
        lay.addWidget(self.shared)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("连接地址：")))
        self.url = QLineEdit()
        self.url.setPlaceholderText(PLACEHOLDER)
        row.addWidget(self.url, 1)
        self.test_button = QPushButton(self.tr("测试连接"))
        self.test_button.clicked.connect(lambda: self.test_connection())
        row.addWidget(self.test_button)
        lay.addLayout(row)
        note = QLabel(self.tr(
            "地址中不写密码：需要密码时 gwdesk 会询问，可选择记住（保存在系统凭据管理器或本机的 pgpass 文件中）。"
            "数据库由本单位的管理员建好并开通账号；gwdesk 第一次连接一个空数据库时会自动建表。"))
        note.setWordWrap(True)
        note.setStyleSheet("color:#555")
        lay.addWidget(note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(self.tr("保存设置"))
        self.save_button.clicked.connect(lambda: self.save())
        buttons.addWidget(self.save_button)
        lay.addLayout(buttons)
        self.local.toggled.connect(lambda on: self._enable())
        self.refresh()

    def _enable(self) -> None:
        on = self.shared.isChecked()
        self.url.setEnabled(on)
        self.test_button.setEnabled(on)

    def refresh(self) -> None:
        store = self.ctx.store
        self.current.setText(self.tr("当前使用：{0}").format(
            store.label() if getattr(store, "shared", False) else self.tr("本机数据（{0}）").format(store.label())))
        try:
            saved = dburl.saved()
        except GwdeskError:
            saved = None
        (self.shared if saved else self.local).setChecked(True)
        self.url.setText(saved or "")
        self._enable()

    def _chosen(self) -> dburl.ServerUrl | None:
        """The address typed, checked (BadUrl names what is wrong); None when 本机数据 is chosen."""
        if not self.shared.isChecked():
            return None
        return dburl.parse(self.url.text())

    def test_connection(self) -> bool:
        from gwdesk.store.server import check_login
        try:
            url = self._chosen()
        except GwdeskError as e:
            alerts.error(self, self.tr("测试连接"), e.message)
            return False
        if url is None:
            return False
        from gwdesk.store import credentials, drivers
        from gwdesk.ui.password_dialog import PasswordDialog
        password, answer = None, None
        for _ in range(5):
            # a window on the SQLite file loaded peewee without the server drivers (start-up, issue 25): test apart
            problems, checked, auth = (drivers.check_server(url.url(), password=password) if drivers.blocked()
                                       else check_login(url, password))
            if not auth:
                break
            answer = PasswordDialog.ask(url, auth, parent=self)  # the server wants a password, or refused it
            if answer is None:
                return False
            password = answer.password
        if not problems and answer is not None and answer.remember:
            try:
                where = credentials.remember(url, password)
            except GwdeskError as e:
                alerts.warn(self, self.tr("测试连接"), e.message)
            else:
                alerts.info(self, self.tr("测试连接"), self.tr("密码已保存到{0}。").format(where))
        if problems:
            alerts.error(self, self.tr("测试连接"), self.tr("连接失败：") + "；".join(problems))
            return False
        alerts.info(self, self.tr("测试连接"), self.tr("连接成功：{0}，可以读写。").format(checked))
        return True

    def save(self) -> bool:
        try:
            url = self._chosen()
        except GwdeskError as e:
            alerts.error(self, self.tr("数据存放"), e.message)
            return False
        if url is not None and not self.test_connection():
            return False
        try:
            dburl.save(url.url() if url else None)
        except OSError as e:
            alerts.error(self, self.tr("数据存放"), self.tr("无法保存本机设置：{0}").format(e))
            return False
        where = url.label() if url else self.tr("本机数据")
        alerts.info(self, self.tr("数据存放"), self.tr("已保存：下次打开 gwdesk 时使用{0}。").format(where))
        return True
