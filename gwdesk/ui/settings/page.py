"""设置: the unit profile, data backup and restore, where the data is kept (数据存放), the 意见单's definition."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from gwdesk import paths
from gwdesk.core import units
from gwdesk.ui.common import alerts
from gwdesk.ui.profile_form import ProfileForm
from gwdesk.ui.settings.backup_panel import BackupPanel
from gwdesk.ui.settings.forms_panel import FormsPanel
from gwdesk.ui.settings.storage_panel import StoragePanel

log = logging.getLogger(__name__)


class Page(QWidget):
    # a colleague's change to one of these tables makes this screen read again (gwdesk.ui.common.live)
    WATCHES = frozenset({"unit_profile"})

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        body.setMaximumWidth(900)
        layout = QVBoxLayout(body)

        unit_box = QGroupBox(self.tr("本单位信息"))
        ub = QVBoxLayout(unit_box)
        self.form = ProfileForm()
        ub.addWidget(self.form)
        self.save_button = QPushButton(self.tr("保存单位信息"))
        self.save_button.clicked.connect(self.save_profile)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        ub.addLayout(row)
        layout.addWidget(unit_box)

        self.backup_panel = BackupPanel(self.ctx)
        layout.addWidget(self.backup_panel)
        # the panel's actions, under the names other screens and tests use
        self.model = self.backup_panel.model
        self.backup_now = self.backup_panel.backup_now
        self.restore = self.backup_panel.restore

        self.storage_panel = StoragePanel(self.ctx)
        layout.addWidget(self.storage_panel)
        self.forms_panel = FormsPanel(self.ctx)  # the office's own 意见单 (on a server: in the database)
        layout.addWidget(self.forms_panel)

        where = QLabel(self.tr("数据目录：{0}\n日志目录：{1}").format(self.ctx.data_dir, paths.log_dir()))
        where.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(where)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self.form.set_profile(self.ctx.profile())
        self.form.keep_drafts()
        self.refresh()

    def refresh(self) -> None:
        self.backup_panel.refresh()

    def colleague_changed(self) -> None:
        """A colleague saved the unit profile: shown here unless the clerk is changing it (then 保存 asks)."""
        self.refresh()
        if not self.form.is_dirty() and units.version() != self.form.stored_version():
            self.form.reload(units.load(), units.version())

    def save_profile(self) -> None:
        if not self.form.save():
            return
        alerts.info(self, self.tr("单位信息"), self.tr("单位信息已保存。"))
        win = self.window()
        if hasattr(win, "setWindowTitle") and hasattr(win, "_title"):
            win.setWindowTitle(win._title())
        if hasattr(win, "refresh_sections"):  # 本单位下发任务清单 shows or hides 汇总
            win.refresh_sections()

    def show_record(self, ref: str) -> bool:
        """今日提醒 about backups (ref "backup"): the 数据备份与恢复 part scrolled into view, its 立即备份 focused."""
        if ref != "backup":
            return False
        self.refresh()
        self.scroll_area.ensureWidgetVisible(self.backup_panel, 0, 0)
        return True
