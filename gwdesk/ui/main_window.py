"""Main window: sidebar of sections, lazily built screens, menus, status bar, kept geometry."""

from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QColor, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QListView, QListWidget,
                               QListWidgetItem, QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget)

from gwdesk import APP_TITLE, __version__, paths
from gwdesk.core import reminders as reminders_core
from gwdesk.ui.common import alerts, live
from gwdesk.ui.common.dialog import Dialog
from gwdesk.ui.common.screen import fit_to_screen, place_main_window
from gwdesk.ui.common.settings import settings
from gwdesk.ui.sections import SECTIONS, reminder_providers

log = logging.getLogger(__name__)

# what 今日提醒 is read from: a colleague's change to one of these reads an open 今日提醒 again
REMINDER_TABLES = frozenset({"application", "application_step", "application_reply", "appeal_case", "holiday",
                             "task", "task_list", "review_form", "annual_report"})


class ReminderModel(QAbstractListModel):
    """今日提醒 as a list model: thousands of lines (years of ledgers) cost nothing until they are scrolled to."""

    LABELS = {"overdue": "【已逾期】", "today": "【今日到期】", "soon": "【即将到期】"}
    COLORS = {"overdue": QColor(Qt.darkRed), "today": QColor(Qt.darkYellow), "soon": QColor(Qt.black)}
    RefRole = Qt.UserRole + 1  # the record the line names (Reminder.ref); Qt.UserRole is its section

    def __init__(self, items: list[reminders_core.Reminder], parent=None):
        super().__init__(parent)
        self.items = items

    def set_items(self, items: list[reminders_core.Reminder]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        r = self.items[index.row()]
        if role == Qt.DisplayRole:
            return self.LABELS[r.severity] + r.text
        if role == Qt.ForegroundRole:
            return self.COLORS[r.severity]
        if role == Qt.UserRole:
            return r.section
        if role == self.RefRole:
            return r.ref
        return None


class ReminderList(QListView):
    chosen = Signal(QModelIndex)  # Enter on the current line (a double-click is doubleClicked)

    def count(self) -> int:
        return self.model().rowCount()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.currentIndex().isValid():
            event.accept()  # the line's own action, not the dialog's default button
            self.chosen.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class RemindersDialog(Dialog):
    """今日提醒: overdue and due-soon items from every ledger, shown at start-up."""

    def __init__(self, items: list[reminders_core.Reminder], open_section, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("今日提醒"))
        self.resize(820, 380)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("以下事项已逾期或即将到期（双击跳转）：")))
        self.list = ReminderList()
        self.list.setUniformItemSizes(True)  # one line each: the view measures one row, not thousands
        self.list.setEditTriggers(QListView.NoEditTriggers)
        self.list.setModel(ReminderModel(items, self.list))
        if items:  # Enter opens the first (most urgent) line at once; arrows move on from it
            self.list.setCurrentIndex(self.list.model().index(0))
        self._open_section = open_section  # (section key, record ref): the section with that record shown
        self.list.doubleClicked.connect(self._go)
        self.list.chosen.connect(self._go)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _go(self, index: QModelIndex) -> None:
        """A line double-clicked or Entered: the dialog closes and the section opens on the record it names."""
        section, ref = index.data(Qt.UserRole), index.data(ReminderModel.RefRole) or ""
        self.accept()
        self._open_section(section, ref)

    def show_items(self, items: list[reminders_core.Reminder]) -> None:
        """The reminders read again (a colleague's change), the clerk's place in the list kept."""
        with live.kept_view(self.list, lambda i: i.data(Qt.DisplayRole)):
            self.list.model().set_items(items)


class MainWindow(QMainWindow):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        # a 单位共享数据库: back in gwdesk, the screen shows what colleagues saved meanwhile
        QApplication.instance().applicationStateChanged.connect(self._on_app_state)
        self.ctx = ctx
        self._stale: set[str] = set()  # screens built but hidden when a colleague changed what they show
        self._closed = False
        self.reminders_dialog: RemindersDialog | None = None
        self.watcher: live.ChangeWatcher | None = None
        if getattr(ctx.store, "shared", False):  # and while gwdesk stays in front, as colleagues save
            self.watcher = live.ChangeWatcher(ctx.store.url, self)
            self.watcher.changed.connect(self.colleagues_changed)
        self.setWindowTitle(self._title())
        self.pages: dict[str, QWidget] = {}

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(self.fontMetrics().horizontalAdvance("政务公开审查") + 48)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setStyleSheet(
            "#sidebar{background:#f3f5f8;border:none;border-right:1px solid #d8dde3;outline:0;font-size:11pt}"
            "#sidebar::item{padding:10px 12px}"
            "#sidebar::item:selected{background:#b71c1c;color:white}")
        for s in SECTIONS:
            item = QListWidgetItem(s.title)
            item.setData(Qt.UserRole, s.key)
            self.sidebar.addItem(item)
        self.stack = QStackedWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self._show_row)

        self.db_label = QLabel()
        self.backup_label = QLabel()
        self.clock_label = QLabel()  # the computer's date looks wrong (store/clock.py): stays until corrected
        self.clock_label.setStyleSheet("color:#b00020;font-weight:bold")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.clock_label)
        self.statusBar().addPermanentWidget(self.backup_label)
        self._build_menus()
        self.refresh_sections()
        self.refresh_status()
        self.restore_geometry()
        self.sidebar.setCurrentRow(0)

    # ---- structure -------------------------------------------------------------------------
    def _title(self) -> str:
        """“青川县民政局 — 政务公开办公桌”: ending in the application's display name, which Qt would otherwise
        append once more (“政务公开办公桌 — 青川县民政局 — 政务公开办公桌” in the title bar)."""
        p = self.ctx.profile()
        return f"{p.name} — {APP_TITLE}" if p else APP_TITLE

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.backup_action = QAction(self.tr("立即备份数据(&B)"), self)
        self.backup_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.backup_action.triggered.connect(self.backup_now)
        file_menu.addAction(self.backup_action)
        open_dir = QAction(self.tr("打开数据目录(&D)"), self)
        open_dir.triggered.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.data_dir))))
        file_menu.addAction(open_dir)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("退出(&X)"), self)
        quit_action.setShortcut(QKeySequence.Quit)
        quit_action.setShortcutContext(Qt.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        self.section_actions = []
        for i, s in enumerate(SECTIONS):
            act = QAction(s.title, self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _=False, key=s.key: self.open_section(key))
            view_menu.addAction(act)
            self.section_actions.append(act)
        view_menu.addSeparator()
        remind = QAction(self.tr("今日提醒(&R)"), self)
        remind.triggered.connect(lambda: self.show_reminders(always=True))
        view_menu.addAction(remind)

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于(&A)"), self)
        about.setShortcut(QKeySequence.HelpContents)
        about.triggered.connect(self.about)
        help_menu.addAction(about)
        logs = QAction(self.tr("打开日志目录(&L)"), self)
        logs.triggered.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir()))))
        help_menu.addAction(logs)

    def refresh_sections(self) -> None:
        """Hide the sections this unit does not need (汇总 for a unit that issues no task lists), after the
        profile says so; rows keep their place, so Ctrl+N and open_section stay the same."""
        for i, s in enumerate(SECTIONS):
            shown = s.is_shown(self.ctx)
            self.sidebar.setRowHidden(i, not shown)
            self.section_actions[i].setVisible(shown)
        if self.sidebar.currentRow() >= 0 and self.sidebar.isRowHidden(self.sidebar.currentRow()):
            self.sidebar.setCurrentRow(0)

    def page(self, key: str) -> QWidget:
        """The screen for `key`, built the first time it is asked for."""
        if key not in self.pages:
            section = next(s for s in SECTIONS if s.key == key)
            page = section.page()(self.ctx, self)
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = SECTIONS[row].key
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        if key in self._stale and hasattr(page, "colleague_changed"):
            page.colleague_changed()  # a colleague changed what it shows while it was hidden
        elif hasattr(page, "refresh"):
            page.refresh()
        self._stale.discard(key)

    def _on_app_state(self, state) -> None:
        if state != Qt.ApplicationActive or not getattr(self.ctx.store, "shared", False):
            return
        if self._closed:  # a window already closed (its store may be closed with it)
            return
        page = self.stack.currentWidget()
        again = (getattr(page, "colleague_changed", None) or getattr(page, "reload", None)
                 or getattr(page, "refresh", None))
        if again is not None:
            again()

    def colleagues_changed(self, tables: set[str]) -> None:
        """Colleagues changed `tables` (gwdesk.ui.common.live): the screen shown reads again what it shows,
        keeping the clerk's place and never touching unsaved typing; a hidden one does when it is shown; an
        open 今日提醒 is read again."""
        if live.touches(tables, {"unit_profile", "setting"}):  # the unit's name, and whether 汇总 shows
            self.ctx.forget_profile()
            self.setWindowTitle(self._title())
            self.refresh_sections()
        current = self.stack.currentWidget()
        for key, page in self.pages.items():
            if not live.touches(tables, getattr(page, "WATCHES", frozenset())):
                continue
            if page is current:
                page.colleague_changed()
            else:
                self._stale.add(key)
        dlg = self.reminders_dialog
        if dlg is not None and dlg.isVisible() and live.touches(tables, REMINDER_TABLES):
            dlg.show_items(self.collect_reminders())

    def open_section(self, key: str, ref: str = "") -> None:
        """Show the section `key`; with `ref` (a 今日提醒 line's record) the screen selects that record
        (its `show_record`), or says why it cannot."""
        row = next(i for i, s in enumerate(SECTIONS) if s.key == key)
        self.sidebar.setCurrentRow(row)
        show = getattr(self.page(key), "show_record", None) if ref else None
        if show is not None:
            show(ref)

    def current_section(self) -> str:
        return SECTIONS[self.sidebar.currentRow()].key

    def reload_all(self) -> None:
        """Rebuild every screen (after a restore or a profile change)."""
        current = self.current_section()
        self.ctx.forget_profile()
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.setWindowTitle(self._title())
        self.refresh_sections()
        self.refresh_status()
        self._show_row(self.sidebar.currentRow())
        self.open_section(current)

    # ---- status, backup, reminders ----------------------------------------------------------
    def refresh_status(self) -> None:
        from gwdesk.store import backup
        self.db_label.setText(self.tr("数据库：") + self.ctx.store.label())
        when = backup.last_backup_time(paths.backup_dir())
        self.backup_label.setText(self.tr("最近备份：") + (when.strftime("%Y-%m-%d %H:%M") if when else self.tr("无")))
        from gwdesk.store import clock
        problem = clock.check(self.ctx.today(), clock.read_mark(self.ctx.data_dir))
        self.clock_label.setVisible(problem is not None)
        if problem is not None:
            self.clock_label.setText(self.tr("系统日期 {0} 可能有误，期限按它计算").format(f"{problem.today:%Y-%m-%d}"))
            self.clock_label.setToolTip(problem.message)

    def backup_now(self) -> None:
        from gwdesk.store import snapshot
        outcome = snapshot.backup_any(self.ctx.store, self.ctx.data_dir, paths.backup_dir())  # and the 2nd place
        self.refresh_status()
        alerts.info(self, self.tr("备份完成"), self.tr("数据已备份到：\n{0}").format(outcome.path)
                    + ("\n\n" + outcome.note if outcome.note else ""))

    def collect_reminders(self) -> list[reminders_core.Reminder]:
        try:
            return reminders_core.collect(self.ctx, reminder_providers())
        except Exception:  # reminders must never stop the window from opening
            log.exception("collecting reminders failed")
            return []

    def show_reminders_once_painted(self, fallback_ms: int = 1000) -> None:
        """今日提醒 reads every ledger (0.2–0.3 s with years of records): it starts once the window has painted
        itself, so the clerk sees the window first, and not later than `fallback_ms` (a window never painted)."""
        self._reminders_pending = True
        QTimer.singleShot(fallback_ms, self, self._reminders_due)  # with the window as context: gone with it

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if getattr(self, "_reminders_pending", False):
            QTimer.singleShot(0, self, self._reminders_due)  # after this paint reaches the screen

    def _reminders_due(self) -> None:
        if getattr(self, "_reminders_pending", False) and self.isVisible():  # a window closed meanwhile: none
            self._reminders_pending = False
            self.show_reminders()

    def show_reminders(self, always: bool = False) -> RemindersDialog | None:
        items = self.collect_reminders()
        if not items and not always:
            return None
        if not items:
            alerts.info(self, self.tr("今日提醒"), self.tr("没有逾期或即将到期的事项。"))
            return None
        dlg = RemindersDialog(items, self.open_section, self)
        dlg.setModal(False)
        dlg.show()
        self.reminders_dialog = dlg
        return dlg

    def about(self) -> None:
        store = self.ctx.store
        if getattr(store, "shared", False):  # 单位共享数据库: the data is on the unit's server, not here
            where = self.tr("数据保存在{0}，与本单位同事共用（不在本机）；本机数据目录：{1}\n"
                            "本程序只连接该数据库服务器，不访问互联网。").format(store.label(), self.ctx.data_dir)
        else:
            where = self.tr("数据目录：{0}\n本程序不访问网络，所有数据保存在本机。").format(self.ctx.data_dir)
        alerts.info(self, self.tr("关于"), self.tr(
            "政务公开办公桌 gwdesk {0}\n公文公开发布意见单 · 任务台账 · 依申请公开台账 · 政府信息公开工作年度报告\n"
            ).format(__version__) + where)

    # ---- geometry ----------------------------------------------------------------------------
    def restore_geometry(self) -> None:
        """The geometry kept in the data folder's settings (same version), kept inside the screen; else
        maximised on a small screen, 1280×800 on a large one."""
        s = settings()
        if s.value("window/version") == __version__ and s.value("window/geometry") is not None:
            self.restoreGeometry(s.value("window/geometry"))
            if s.value("window/state") is not None:
                self.restoreState(s.value("window/state"))
            if not self.isMaximized():
                fit_to_screen(self)  # saved on a larger monitor: never beyond this screen
        else:
            place_main_window(self)

    def save_geometry(self) -> None:
        s = settings()
        s.setValue("window/version", __version__)
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.sync()

    def closeEvent(self, event) -> None:
        if not self.settle_unsaved_edits():
            event.ignore()
            return
        for page in self.pages.values():
            if hasattr(page, "can_close") and not page.can_close():
                event.ignore()
                return
        if self.watcher is not None:
            self.watcher.stop()
        self._closed = True
        self.save_geometry()
        super().closeEvent(event)

    def settle_unsaved_edits(self) -> bool:
        """Unsaved typing anywhere: 保存 / 放弃 / 取消 once for all of it; False keeps the window open."""
        from gwdesk.ui.common.autosave import CANCEL, SAVE, ask_unsaved, unsaved_editors
        dirty = [w for page in self.pages.values() for w in unsaved_editors(page)]
        if not dirty:
            return True
        answer = ask_unsaved(self, "、".join(w.unsaved_edits() for w in dirty))
        if answer == CANCEL:
            return False
        for w in dirty:
            if answer == SAVE:
                if not w.save_unsaved():  # it said why; the window stays open on that edit
                    return False
            else:
                w.discard_unsaved()
        return True
