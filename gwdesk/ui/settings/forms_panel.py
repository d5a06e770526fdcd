"""设置 → 意见单定义: the office's own 公文公开发布意见单 (core/custom_forms.py). In the data folder on SQLite; on a
单位共享数据库 in the database, the same for every clerk, changed by a 管理员 only. Takes effect when gwdesk next
opens (the 意见单 screen reads its definition once)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from gwdesk.errors import GwdeskError
from gwdesk.ui.common import alerts


class FormsPanel(QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__(self.tr("意见单定义"), parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.current)
        row = QHBoxLayout()
        row.addStretch(1)
        self.choose_button = QPushButton(self.tr("启用本单位的定义文件…"))
        self.choose_button.clicked.connect(lambda: self.choose())
        self.clear_button = QPushButton(self.tr("改回内置定义"))
        self.clear_button.clicked.connect(lambda: self.clear())
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        lay.addLayout(row)
        self.refresh()

    def _where(self) -> str:
        return self.tr("共享数据库") if getattr(self.ctx.store, "shared", False) else self.tr("本机数据目录")

    def refresh(self) -> None:
        from gwdesk.core import formdef
        try:
            d = formdef.load()
        except GwdeskError as e:
            self.current.setText(e.message)
            return
        if d.bundled:
            text = self.tr("在用：内置的“{0}”。").format(d.name)
        elif getattr(self.ctx.store, "shared", False):
            text = self.tr("在用：本单位自定义的“{0}”（保存在共享数据库中，全单位共用；由管理员更换）。").format(d.name)
        else:
            text = self.tr("在用：本单位自定义的“{0}”（保存在本机数据目录中）。").format(d.name)
        self.current.setText(text + (("\n" + d.notice) if d.notice else ""))
        self.clear_button.setEnabled(not d.bundled)

    def choose(self) -> bool:
        from gwdesk.core import custom_forms
        from gwdesk.ui.common import files
        chosen = files.open_file(self, "forms", self.tr("选择本单位的意见单定义文件"), self.tr("意见单定义 (*.toml)"))
        if not chosen:
            return False
        try:
            d = custom_forms.install(Path(chosen))
        except GwdeskError as e:
            alerts.error(self, self.tr("意见单定义"), e.message)
            return False
        except OSError as e:
            from gwdesk.errors import os_error_text
            alerts.error(self, self.tr("意见单定义"), self.tr("无法读取或保存该文件：{0}").format(os_error_text(e)))
            return False
        self.refresh()
        alerts.info(self, self.tr("意见单定义"), self.tr(
            "已启用“{0}”（保存在{1}中）。重新打开 gwdesk 后，意见单按它显示、校验和打印。").format(d.name, self._where()))
        return True

    def clear(self) -> bool:
        from gwdesk.core import custom_forms
        if not alerts.ask(self, self.tr("意见单定义"), self.tr("改回内置的意见单定义？本单位自定义的定义将不再使用。")):
            return False
        try:
            custom_forms.remove()
        except GwdeskError as e:
            alerts.error(self, self.tr("意见单定义"), e.message)
            return False
        self.refresh()
        alerts.info(self, self.tr("意见单定义"), self.tr("已改回内置定义，重新打开 gwdesk 后生效。"))
        return True
