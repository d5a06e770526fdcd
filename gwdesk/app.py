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
            alerts.history.append(("crash", "程序出错", dlg.text.toPlainText()))
            return
        dlg.exec()

    sys.excepthook = hook


def run_gui(demo: bool = False) -> int:
    from gwdesk.logs import setup_logging
    from gwdesk.session import open_session
    from gwdesk.ui.common import alerts

    log_path = setup_logging()
    app = make_application()
    install_excepthook()
    log.info("gwdesk %s 启动，数据目录 %s，日志 %s", __version__, paths.data_dir(), log_path)
    try:
        with open_session() as ctx:
            window = start_window(ctx, demo=demo)
            if window is None:
                return 0
            return app.exec()
    except GwdeskError as e:
        log.warning("无法打开数据：%s", e.message)
        alerts.error(None, "无法打开数据", e.message)
        return 1


def start_window(ctx, demo: bool = False):
    """First-run questions when needed, then the main window with the day's reminders."""
    from gwdesk.core import demo as demo_data
    from gwdesk.core import units
    from gwdesk.ui.first_run import FirstRunDialog
    from gwdesk.ui.main_window import MainWindow

    if ctx.profile() is None and not demo:
        profile, load_demo, ok = FirstRunDialog.ask()
        if not ok:
            return None
        if load_demo:
            units.save(profile)
            demo_data.load(ctx)
        else:
            units.save(profile)
    elif demo:
        demo_data.load(ctx)
    window = MainWindow(ctx)
    window.show()
    # 今日提醒 reads every ledger (0.3–0.5 s with years of records): let the window paint first
    from PySide6.QtCore import QTimer
    QTimer.singleShot(REMINDERS_AFTER_MS, window.show_reminders)
    return window


REMINDERS_AFTER_MS = 150
