"""设置 → 数据备份与恢复: status, the second destination, the list of backups, back up / export / restore."""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableView, QVBoxLayout)

from gwdesk import paths
from gwdesk.errors import GwdeskError
from gwdesk.store import backup, offsite, snapshot
from gwdesk.ui.common import files
from gwdesk.ui.common import alerts
from gwdesk.ui.common.table_model import Column, RowsModel

log = logging.getLogger(__name__)

REASONS = {"manual": "手动", "daily": "每日自动", "before-restore": "恢复前", "before-migrate": "升级前",
           "export": "导出"}
ARCHIVE_FILTER = "gwdesk 备份 (*.zip *.db);;所有文件 (*)"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


@contextmanager
def _busy():
    """A wait cursor while a backup, export or restore of hundreds of MB runs."""
    QApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class BackupPanel(QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__(self.tr("数据备份与恢复"), parent)
        self.ctx = ctx
        bb = QVBoxLayout(self)
        info = QLabel(self.tr(
            "每天自动备份一次（程序开着时每小时检查一次，电脑从睡眠中唤醒后也会检查）；升级数据结构和恢复备份之前也会先备份。"
            "每份备份是一个文件，包含数据库、佐证材料和自定义表单。保留最近 30 份每日备份，以及每月一份。"
            "备份目录：{0}").format(paths.backup_dir()))
        info.setWordWrap(True)
        info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        bb.addWidget(info)
        self.status = QLabel()
        self.status.setWordWrap(True)
        bb.addWidget(self.status)

        dest_row = QHBoxLayout()
        dest_row.addWidget(QLabel(self.tr("第二备份位置：")))
        self.dest_label = QLabel()
        self.dest_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        dest_row.addWidget(self.dest_label, 1)
        self.choose_dest_button = QPushButton(self.tr("选择位置…"))
        self.choose_dest_button.clicked.connect(self.choose_destination)
        self.clear_dest_button = QPushButton(self.tr("不再复制"))
        self.clear_dest_button.clicked.connect(self.clear_destination)
        dest_row.addWidget(self.choose_dest_button)
        dest_row.addWidget(self.clear_dest_button)
        bb.addLayout(dest_row)
        self.dest_status = QLabel()
        self.dest_status.setWordWrap(True)
        bb.addWidget(self.dest_status)

        self.model = RowsModel([
            Column(self.tr("备份时间"), lambda b: b.when.strftime("%Y-%m-%d %H:%M:%S")),
            Column(self.tr("类型"), lambda b: REASONS.get(b.reason.split("-v")[0], b.reason)),
            Column(self.tr("内容"), lambda b: b.contents),
            Column(self.tr("大小"), lambda b: _size(b.size), sort_key=lambda b: b.size,
                   align=Qt.AlignRight | Qt.AlignVCenter),
            Column(self.tr("文件"), lambda b: b.path.name),
        ])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(170)
        bb.addWidget(self.table)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.backup_button.clicked.connect(self.backup_now)
        self.export_button = QPushButton(self.tr("导出全部数据…"))
        self.export_button.setToolTip(self.tr("把全部数据（含佐证材料）存为一个文件，用于换电脑：在新电脑上点“从文件恢复…”"))
        self.export_button.clicked.connect(self.export_all)
        self.restore_selected_button = QPushButton(self.tr("恢复所选备份…"))
        self.restore_selected_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(self.tr("从文件恢复…"))
        self.restore_file_button.clicked.connect(self.restore_from_file)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_selected_button)
        buttons.addWidget(self.restore_file_button)
        bb.addLayout(buttons)
        self.refresh()

    # ---- state shown ---------------------------------------------------------------------------
    def refresh(self) -> None:
        bdir = paths.backup_dir()
        self.model.set_rows(backup.list_backups(bdir))
        self.table.resizeColumnsToContents()
        failure = offsite.last_failure(bdir)
        last = backup.last_backup_time(bdir)
        if failure:
            self.status.setStyleSheet("color:#c62828")
            self.status.setText(self.tr("最近一次备份失败（{0}）：{1}").format(
                failure.get("at", "").replace("T", " "), failure.get("message", "")))
        else:
            self.status.setStyleSheet("")
            when = last.strftime("%Y-%m-%d %H:%M") if last else self.tr("无")
            self.status.setText(self.tr("最近备份：{0}").format(when))
        dest = offsite.destination(bdir)
        self.dest_label.setText(str(dest) if dest else self.tr("未设置（建议选择 U 盘或网络共享上的文件夹，电脑损坏时数据仍在）"))
        self.clear_dest_button.setEnabled(dest is not None)
        self.dest_status.setStyleSheet("")
        if dest is None:
            self.dest_status.setText("")
            return
        state = offsite.load_state(bdir)
        copied = offsite.last_copy_time(bdir)
        lines = [self.tr("最近一次复制到第二备份位置的备份：{0}").format(
            copied.strftime("%Y-%m-%d %H:%M") if copied else self.tr("还没有"))]
        if state.get("last_copy_problem"):
            lines.append(state["last_copy_problem"])
            self.dest_status.setStyleSheet("color:#8a5a00")
        elif not dest.is_dir():
            lines.append(offsite.absent_message(dest).split("，本次")[0] + "。")
            self.dest_status.setStyleSheet("color:#8a5a00")
        self.dest_status.setText("\n".join(lines))

    def _after_change(self) -> None:
        self.refresh()
        if hasattr(self.window(), "refresh_status"):
            self.window().refresh_status()

    # ---- second destination ----------------------------------------------------------------------
    def choose_destination(self) -> None:
        folder = files.open_folder(self, "backup_destination", self.tr("选择第二备份位置（U 盘或网络共享上的文件夹）"))
        if folder:
            self.set_destination(folder)

    def set_destination(self, folder) -> None:
        folder = Path(folder)
        if folder.resolve() == paths.backup_dir().resolve():
            alerts.warn(self, self.tr("第二备份位置"), self.tr("第二备份位置不能是本机的备份目录本身，请选择 U 盘或网络共享上的文件夹。"))
            return
        try:
            backup.refuse_inside_data(folder, paths.data_dir(), "第二备份位置")
        except GwdeskError as e:
            alerts.warn(self, self.tr("第二备份位置"), e.message)
            return
        offsite.set_destination(paths.backup_dir(), folder)
        self.refresh()
        if alerts.ask(self, self.tr("第二备份位置"), self.tr(
                "以后每次备份都会同时复制到：\n{0}\n\n现在就备份一次并复制过去吗？").format(folder)):
            self.backup_now()

    def clear_destination(self) -> None:
        offsite.set_destination(paths.backup_dir(), None)
        self.refresh()

    # ---- actions -------------------------------------------------------------------------------
    def backup_now(self) -> None:
        try:
            with _busy():
                outcome = snapshot.backup_any(self.ctx.store, self.ctx.data_dir, paths.backup_dir(), "manual",
                                              today=self.ctx.today())
        except GwdeskError as e:
            self._after_change()
            alerts.error(self, self.tr("备份失败"), e.message)
            return
        self._after_change()
        text = self.tr("数据已备份到：\n{0}").format(outcome.path)
        alerts.info(self, self.tr("备份完成"), text + ("\n\n" + outcome.note if outcome.note else ""))

    def export_all(self) -> None:
        suggested = f"gwdesk-全部数据-{dt.date.today():%Y%m%d}.zip"
        name = files.save_file(self, "backup_file", self.tr("导出全部数据"), suggested, self.tr("gwdesk 备份 (*.zip)"))
        if name:
            self.export_to(name)

    def export_to(self, file) -> None:
        try:
            with _busy():
                target = snapshot.backup_any(self.ctx.store, self.ctx.data_dir, paths.backup_dir(), out=Path(file))
        except GwdeskError as e:
            alerts.error(self, self.tr("导出失败"), e.message)
            return
        alerts.info(self, self.tr("导出完成"), self.tr(
            "全部数据（数据库、佐证材料和自定义表单）已导出到：\n{0}\n\n"
            "在另一台电脑上安装 gwdesk 后，打开“设置 → 数据备份与恢复 → 从文件恢复…”选择此文件即可。").format(target))

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            alerts.info(self, self.tr("恢复备份"), self.tr("请先在列表中选择一个备份。"))
            return
        self.restore(self.model.row_at(rows[0].row()).path)

    def restore_from_file(self) -> None:
        name = files.open_file(self, "backup_restore", self.tr("选择备份文件"), self.tr(ARCHIVE_FILTER),
                               default=paths.backup_dir())
        if name:
            self.restore(name)

    def restore(self, file) -> None:
        """Verify `file`, back up the current data, replace it, and reopen the store."""
        from gwdesk.store import restore
        from gwdesk.store.db import open_store
        scheduler = getattr(self.window(), "backup_scheduler", None)
        if scheduler is not None and scheduler.busy:  # it is reading the files a restore would swap
            alerts.info(self, self.tr("恢复备份"), self.tr("正在进行每日自动备份，请稍候几秒再恢复。"))
            return
        try:
            with _busy():
                backup.verify_backup(file)
        except GwdeskError as e:
            alerts.error(self, self.tr("无法恢复"), e.message)
            return
        if self.ctx.store.shared:  # into the EMPTY shared database only (never over colleagues' data)
            try:
                with _busy():
                    n = snapshot.restore_shared(self.ctx.store.db, Path(file), self.ctx.data_dir)
            except GwdeskError as e:
                alerts.error(self, self.tr("无法恢复"), e.message)
                return
            alerts.info(self, self.tr("恢复完成"), self.tr("已把 {0} 条记录导入共享数据库。").format(n))
            self._after_change()
            return
        if not alerts.ask(self, self.tr("恢复备份"), self.tr(
                "确定用以下备份替换当前全部数据（含佐证材料）吗？\n{0}\n\n当前数据会先自动备份，可随时再恢复回来。").format(file)):
            return
        db_path = self.ctx.store.path
        failure = None
        self.ctx.store.close()
        try:
            with _busy():
                restore.restore(db_path, file, paths.backup_dir())
        except GwdeskError as e:
            failure = e.message
        finally:  # whatever happened, the window gets its database back (an error no one foresaw still
            # goes to the crash dialog, but every later save and autosave has a store to write to)
            self.ctx.store = open_store(db_path, backup_dir=paths.backup_dir())
        if failure:
            alerts.error(self, self.tr("恢复失败"), failure)
            return
        win = self.window()
        if hasattr(win, "reload_all"):
            win.reload_all()
        else:
            self.refresh()
        alerts.info(None, self.tr("恢复备份"), self.tr("已恢复备份：\n{0}").format(file))
