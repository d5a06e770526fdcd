"""First-run dialog (who is this unit, demo data?), and the offer to restore when the data went missing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                               QPushButton, QVBoxLayout)

from gwdesk.ui.common import files
from gwdesk.ui.common.dialog import Dialog
from gwdesk.core import demo
from gwdesk.core import units
from gwdesk.errors import GwdeskError
from gwdesk.store import backup
from gwdesk.ui.profile_form import ProfileForm


class FirstRunDialog(Dialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("欢迎使用政务公开办公桌"))
        self.setMinimumWidth(560)
        self.restore_file: str | None = None
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
        self.restore_button = QPushButton(self.tr("换电脑？从导出的数据文件恢复…"))
        self.restore_button.setToolTip(self.tr("选择在原电脑上“设置 → 导出全部数据”得到的文件，全部数据和佐证材料一并恢复"))
        self.restore_button.clicked.connect(self._choose_restore_file)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)

    def _demo_toggled(self, on: bool) -> None:
        if on and not self.form.name.text().strip():
            self.form.set_profile(demo.DEMO_PROFILE)

    def _accept(self) -> None:
        problems = self.form.problems()
        if problems:
            self.error.setText("；".join(problems))
            return
        self.accept()

    def _choose_restore_file(self) -> None:
        name = files.open_file(self, "backup_file", self.tr("选择从原电脑导出的数据文件"),
                               self.tr("gwdesk 备份 (*.zip *.db);;所有文件 (*)"))
        if name:
            self.use_restore_file(name)

    def use_restore_file(self, name) -> bool:
        """Check the file whole (every hash, the database) before closing; a bad one is said here."""
        try:
            backup.verify_backup(name)
        except GwdeskError as e:
            self.error.setText(e.message)
            return False
        self.restore_file = str(name)
        self.accept()
        return True

    @classmethod
    def ask(cls, parent=None) -> tuple[units.Profile | None, bool, bool, str | None]:
        """Returns (profile, load_demo, accepted, file to restore instead — 移机)."""
        dlg = cls(parent)
        ok = dlg.exec() == QDialog.Accepted
        if ok and dlg.restore_file:
            return None, False, True, dlg.restore_file
        return (dlg.form.profile() if ok else None, dlg.demo.isChecked(), ok, None)


class RestoreOfferDialog(Dialog):
    """The database is missing or empty but a backup holds data: restore it, or start empty on purpose."""

    def __init__(self, missing, parent=None):
        super().__init__(parent)
        self.choice: str | None = None
        b = missing.candidate
        self.setWindowTitle(self.tr("数据库不见了——请从备份恢复"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        head = QLabel(self.tr("<b>没有找到本单位的数据，但有备份。</b>"))
        layout.addWidget(head)
        text = QLabel(missing.message.split("为免")[0])
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(text)
        what = self.tr("最新的完好备份：{0}（{1}，{2}）").format(
            b.when.strftime("%Y-%m-%d %H:%M"), b.label, b.contents)
        self.offer = QLabel(f"<b>{what}</b>")
        self.offer.setWordWrap(True)
        layout.addWidget(self.offer)
        hint = QLabel(self.tr("通常应恢复这份备份。恢复后一切照旧，佐证材料也一并恢复。"
                              "只有确实要让本电脑作为一个新单位从头开始时，才选“从空白开始”。"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("恢复这份备份"))
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(lambda: self._choose("restore"))
        self.empty_button = QPushButton(self.tr("从空白开始…"))
        self.empty_button.clicked.connect(self._confirm_empty)
        self.quit_button = QPushButton(self.tr("退出"))
        self.quit_button.clicked.connect(self.reject)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(self.empty_button)
        row.addWidget(self.quit_button)
        layout.addLayout(row)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def _confirm_empty(self) -> None:
        from gwdesk.ui.common import alerts
        if alerts.ask(self, self.tr("从空白开始"), self.tr(
                "确定不恢复备份，以一个空白的新单位开始吗？\n\n备份不会被删除，以后仍可在“设置 → 数据备份与恢复”中恢复。")):
            self._choose("empty")

    @classmethod
    def ask(cls, missing, parent=None) -> str | None:
        """"restore", "empty" (confirmed) or None (quit)."""
        dlg = cls(missing, parent)
        dlg.exec()
        return dlg.choice
