"""QApplication bootstrap: logging, crash dialog, fonts, Chinese Qt strings, lock, store, main window."""

from __future__ import annotations

import logging
import sys

from gwdesk import APP_NAME, APP_TITLE, __version__, paths
from gwdesk.errors import GwdeskError

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None):
    """The QApplication with organisation names, Chinese standard buttons and the CJK font registered."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    from gwdesk.ui.common.files import chinese_file_dates
    from gwdesk.ui.common.settings import isolate_qt_settings

    if QApplication.instance() is None:
        chinese_file_dates()  # read by Qt's system locale when the application starts
    isolate_qt_settings()  # Qt's own settings (file dialog history) go to the data folder too
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(APP_TITLE)
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    translations = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        tr = QTranslator(app)
        if tr.load(name, translations) or tr.load(name, str(paths.resource("translations"))):
            app.installTranslator(tr)
            app._gwdesk_translator = tr  # keep a reference
            break
    else:
        log.warning("Qt 中文翻译文件未找到：%s", translations)
    set_app_font(app)
    return app


def set_app_font(app) -> None:
    from gwdesk.ui.fonts import register_qt_fonts
    family = register_qt_fonts()
    if family:
        from PySide6.QtGui import QFont
        font = QFont(app.font())
        font.setFamilies([app.font().family(), family])
        app.setFont(font)


def storage_message(exc: BaseException) -> str | None:
    """A plain Chinese message for a known storage failure, or None when it is a bug."""
    if isinstance(exc, GwdeskError):
        return exc.message
    from gwdesk.store.db import describe_storage_error
    known = describe_storage_error(exc)
    return known.message if known else None


def install_excepthook() -> None:
    """Known storage errors get a plain message; anything else opens the crash dialog."""
    from gwdesk.logs import LOG_NAME, crash_report

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("未处理的异常", exc_info=(exc_type, exc, tb))
        from gwdesk.ui.common import alerts
        known = storage_message(exc)
        if known:
            alerts.error(None, "无法完成操作", known)
            return
        from gwdesk.ui.crash_dialog import CrashDialog
        dlg = CrashDialog(crash_report(exc_type, exc, tb), str(paths.log_dir() / LOG_NAME))
        if alerts.responder is not None:  # tests: record instead of blocking
            alerts.record("crash", "程序出错", dlg.text.toPlainText())
            return
        dlg.exec()

    sys.excepthook = hook


def arm_fault_trace() -> tuple | None:
    """Take the trace a native crash of the last run left (text, archived path), then point faulthandler
    at a fresh fault file for this run."""
    from gwdesk import faults

    fault = faults.take_previous()
    faults.enable()
    if fault:
        log.warning("上次运行异常终止，记录已存为 %s：\n%s", fault[1], fault[0])
    return fault


def run_gui(demo: bool = False) -> int:
    from gwdesk.store import dburl, drivers
    try:
        on_sqlite = dburl.current() is None
    except GwdeskError:  # a bad setting: open_session says so
        on_sqlite = False
    if on_sqlite:
        drivers.sqlite_only()  # the window uses the data folder's SQLite file: peewee loads no server driver
    from gwdesk.logs import setup_logging
    from gwdesk.session import open_session
    from gwdesk.ui.common import alerts

    from gwdesk import faults

    try:
        log_path = setup_logging()
        fault = faults.take_previous()  # a native crash of the last run left its trace here
        faults.enable()
    except OSError as e:  # a read-only or full data folder: the window still says so plainly
        log_path, log_problem, fault = None, e, None
    else:
        log_problem = None
        if fault:
            log.warning("上次运行异常终止，记录已存为 %s：\n%s", fault[1], fault[0])
    app = make_application()
    install_excepthook()
    if not on_sqlite:  # a server that wants a password asks it in the 密码 dialog (never kept in database.json)
        from gwdesk.store import credentials
        from gwdesk.ui.password_dialog import PasswordDialog
        credentials.set_asker(PasswordDialog.ask)
    log.info("gwdesk %s 启动，数据目录 %s，日志 %s", __version__, paths.data_dir(), log_path)
    from gwdesk.store.backup import DataMissing
    try:
        if log_problem is not None:
            raise log_problem
        # the day's backup runs in the window's backup thread (start_backup_checks), not before the window
        # a wrong computer date is shown by the window (start_window), not printed
        with open_session(on_missing=offer_restore, daily_backup=False, on_clock=lambda problem: None) as ctx:
            window = start_window(ctx, demo=demo, fault=fault)
            if window is None:
                return 0
            window.backup_scheduler.start_check()  # the day's first backup, in its worker thread
            return app.exec()
    except DataMissing as e:  # the clerk saw the offer and chose 退出
        log.warning("数据库缺失，未恢复也未从空白开始：%s", e.message)
        return 1
    except GwdeskError as e:
        log.warning("无法打开数据：%s", e.message)
        alerts.error(None, "无法打开数据", e.message)
        return 1
    except OSError as e:
        message = storage_message(e) or data_dir_message(e)
        log.warning("无法打开数据：%s", message)
        alerts.error(None, "无法打开数据", message)
        return 1


def data_dir_message(exc: OSError) -> str:
    """The plain message for a data folder gwdesk cannot write (read-only, no permission, full)."""
    import errno

    from gwdesk.errors import os_error_text
    why = {errno.EROFS: "所在磁盘是只读的", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
           errno.ENOSPC: "磁盘空间已满"}.get(exc.errno) or os_error_text(exc)
    return (f"数据目录“{paths.data_dir()}”无法写入：{why}。gwdesk 没有改动任何数据。"
            "请换一个可写入的位置（启动时加 --data-dir 指定数据目录），或请管理员恢复该目录的写入权限。")


def start_window(ctx, demo: bool = False, fault: tuple | None = None):
    """First-run questions when needed, then the main window; a native crash's trace (`fault`: text,
    archived path) and the edits it left unsaved are offered back; a computer date that looks wrong is
    told (before any deadline is shown); then the day's reminders."""
    from gwdesk.ui.main_window import MainWindow

    if ctx.profile() is None and not demo:
        from gwdesk.core import demo as demo_data  # the first run's modules: not on every start (issue 25)
        from gwdesk.core import units
        from gwdesk.ui.first_run import FirstRunDialog
        profile, load_demo, ok, restore_file = FirstRunDialog.ask()
        if not ok:
            return None
        if restore_file:
            if not restore_at_first_run(ctx, restore_file) or ctx.profile() is None:
                return start_window(ctx, demo)  # said why (or the file had no unit in it): ask again
        elif load_demo:
            units.save(profile)
            demo_data.load(ctx)
        else:
            units.save(profile)
    elif demo:
        from gwdesk.core import demo as demo_data
        try:
            demo_data.load_into_empty(ctx)
        except demo_data.DemoRefused as e:  # a real unit's folder: the window opens without the demo
            from gwdesk.ui.common import alerts
            alerts.warn(None, "演示数据", e.message)
    window = MainWindow(ctx)
    window.show()
    if fault:
        from gwdesk.ui import recovery
        recovery.show_native_crash(*fault)
    from gwdesk.core import drafts
    if drafts.pending_all():  # the recovery dialog's module loads only when there is something to offer (issue 25)
        from gwdesk.ui import recovery
        recovery.open_restored(window, recovery.offer_lost_edits(window))
    from gwdesk.ui import clock_warning
    if clock_warning.warn_at_start(window, ctx.clock_problem, ctx.data_dir, ctx.db) == clock_warning.CONFIRM:
        window.refresh_status()  # the status bar's red date notice goes
    window.show_reminders_once_painted()  # 今日提醒 reads every ledger: the window paints first
    start_backup_checks(window, ctx)
    return window


def restore_at_first_run(ctx, file) -> bool:
    """移机: the first start on a new computer opens the file exported on the old one; False when it failed."""
    from gwdesk.store import restore
    from gwdesk.store.db import open_store
    from gwdesk.ui.common import alerts

    db_path = ctx.store.path
    ctx.store.close()
    try:
        restore.restore(db_path, file, paths.backup_dir())
        return True
    except GwdeskError as e:
        alerts.error(None, "无法恢复", e.message)
        return False
    finally:
        ctx.store = open_store(db_path, backup_dir=paths.backup_dir())
        ctx.forget_profile()  # the database file was replaced


def offer_restore(missing) -> str | None:
    """The database is missing or empty beside real backups: ask the clerk (restore / start empty / quit)."""
    from gwdesk.ui.first_run import RestoreOfferDialog
    return RestoreOfferDialog.ask(missing)


def start_backup_checks(window, ctx):
    """The daily backup while the window stays open (a failure is told when it happens, and shown in 设置)."""
    from gwdesk.ui.settings.backup_timer import BackupScheduler

    window.backup_scheduler = BackupScheduler(ctx, window)
    window.backup_scheduler.start()
    return window.backup_scheduler


