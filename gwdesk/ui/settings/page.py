"""设置: the unit profile, and data backup and restore."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QTableView, QVBoxLayout, QWidget)

from gwdesk import paths
from gwdesk.errors import GwdeskError
from gwdesk.ui.common import alerts
from gwdesk.ui.common.table_model import Column, RowsModel
from gwdesk.ui.profile_form import ProfileForm

log = logging.getLogger(__name__)

REASONS = {"manual": "手动", "daily": "每日自动", "before-restore": "恢复前", "before-migrate": "升级前"}


class Page(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
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

        backup_box = QGroupBox(self.tr("数据备份与恢复"))
        bb = QVBoxLayout(backup_box)
        info = QLabel(self.tr("每天第一次打开时自动备份；升级数据结构和恢复备份之前也会先备份。"
                              "保留最近 30 天的每日备份，以及每月一份。备份目录：{0}").format(paths.backup_dir()))
        info.setWordWrap(True)
        info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        bb.addWidget(info)
        self.model = RowsModel([
            Column(self.tr("备份时间"), lambda b: b.when.strftime("%Y-%m-%d %H:%M:%S")),
            Column(self.tr("类型"), lambda b: REASONS.get(b.reason.split("-v")[0], b.reason)),
            Column(self.tr("大小"), lambda b: f"{b.size / 1024:.0f} KB", sort_key=lambda b: b.size,
                   align=Qt.AlignRight | Qt.AlignVCenter),
            Column(self.tr("文件"), lambda b: b.path.name),
        ])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(180)
        bb.addWidget(self.table)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_selected_button = QPushButton(self.tr("恢复所选备份…"))
        self.restore_selected_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(self.tr("从文件恢复…"))
        self.restore_file_button.clicked.connect(self.restore_from_file)
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_selected_button)
        buttons.addWidget(self.restore_file_button)
        bb.addLayout(buttons)
        layout.addWidget(backup_box)

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
        from gwdesk.store import backup
        self.model.set_rows(backup.list_backups(paths.backup_dir()))
        self.table.resizeColumnsToContents()

    def save_profile(self) -> None:
        if not self.form.save():
            return
        alerts.info(self, self.tr("单位信息"), self.tr("单位信息已保存。"))
        win = self.window()
        if hasattr(win, "setWindowTitle") and hasattr(win, "_title"):
            win.setWindowTitle(win._title())

    def backup_now(self) -> None:
        from gwdesk.store import backup
        try:
            target = backup.backup_now(self.ctx.store, paths.backup_dir(), reason="manual")
        except GwdeskError as e:
            alerts.error(self, self.tr("备份失败"), e.message)
            return
        self.refresh()
        if hasattr(self.window(), "refresh_status"):
            self.window().refresh_status()
        alerts.info(self, self.tr("备份完成"), self.tr("数据已备份到：\n{0}").format(target))

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            alerts.info(self, self.tr("恢复备份"), self.tr("请先在列表中选择一个备份。"))
            return
        self.restore(self.model.row_at(rows[0].row()).path)

    def restore_from_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), str(paths.backup_dir()),
                                              self.tr("gwdesk 数据库 (*.db);;所有文件 (*)"))
        if name:
            self.restore(name)

    def restore(self, file) -> None:
        """Verify `file`, back up the current data, replace it, and reopen the store."""
        from gwdesk.store import backup
        from gwdesk.store.db import open_store
        try:
            backup.verify_backup(file)
        except GwdeskError as e:
            alerts.error(self, self.tr("无法恢复"), e.message)
            return
        if not alerts.ask(self, self.tr("恢复备份"), self.tr(
                "确定用以下备份替换当前全部数据吗？\n{0}\n\n当前数据会先自动备份，可随时再恢复回来。").format(file)):
            return
        db_path = self.ctx.store.path
        self.ctx.store.close()
        try:
            backup.restore(db_path, file, paths.backup_dir())
            failure = None
        except GwdeskError as e:
            failure = e.message
        self.ctx.store = open_store(db_path, backup_dir=paths.backup_dir())
        if failure:
            alerts.error(self, self.tr("恢复失败"), failure + self.tr("\n当前数据未改动。"))
            return
        win = self.window()
        if hasattr(win, "reload_all"):
            win.reload_all()
        else:
            self.refresh()
        alerts.info(None, self.tr("恢复备份"), self.tr("已恢复备份：\n{0}").format(file))
