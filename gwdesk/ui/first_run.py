"""First-run dialog: who is this unit, and should demo data be loaded to look around."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout)

from gwdesk.core import demo
from gwdesk.core import units
from gwdesk.ui.profile_form import ProfileForm


class FirstRunDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("欢迎使用政务公开办公桌"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "<b>首次使用，请填写本单位信息。</b><br>"
            "单位名称会出现在打印的意见单和年度报告中；统称用于从上级下发的任务清单中找出本单位的任务。"
            "这些信息以后可在“设置”中修改。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = ProfileForm()
        layout.addWidget(self.form)
        self.demo = QCheckBox(self.tr("载入演示数据（虚构的示例单位“青川县民政局”，便于熟悉各项功能）"))
        self.demo.toggled.connect(self._demo_toggled)
        layout.addWidget(self.demo)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("开始使用"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _demo_toggled(self, on: bool) -> None:
        if on and not self.form.name.text().strip():
            self.form.set_profile(demo.DEMO_PROFILE)

    def _accept(self) -> None:
        problems = self.form.problems()
        if problems:
            self.error.setText("；".join(problems))
            return
        self.accept()

    @classmethod
    def ask(cls, parent=None) -> tuple[units.Profile | None, bool, bool]:
        """Returns (profile, load_demo, accepted)."""
        dlg = cls(parent)
        ok = dlg.exec() == QDialog.Accepted
        return (dlg.form.profile() if ok else None, dlg.demo.isChecked(), ok)
