"""The dialog a clerk sees when gwdesk hits a bug: what happened, a copyable report, the log file."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout)

from gwdesk.ui.common.dialog import Dialog


class CrashDialog(Dialog):
    def __init__(self, report: str, log_path: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序出错"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        msg = QLabel(self.tr(
            "很抱歉，政务公开办公桌遇到了一个程序错误。您已保存的数据不受影响，草稿会自动保存。\n"
            "请复制下面的错误报告发给技术支持人员。详细日志位于：\n{0}").format(log_path))
        msg.setWordWrap(True)
        msg.setTextInteractionFlags(msg.textInteractionFlags() | msg.textInteractionFlags().TextSelectableByMouse)
        layout.addWidget(msg)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.copy_button = QPushButton(self.tr("复制错误报告"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText(self.tr("已复制"))
