"""The app shell: first run, main window navigation, menus, geometry, crash dialog, settings page."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from gwdesk import __version__
from gwdesk.core import demo, units
from gwdesk.ui import sections


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path, qapp):
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "qsettings"))
    qapp.setOrganizationName("gwdesk-test")
    qapp.setApplicationName("gwdesk-test")
    yield
    QSettings().clear()


def make_window(qtbot, ctx):
    from gwdesk.ui.main_window import MainWindow
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    return w


def test_first_run_requires_name_and_level(qtbot, ctx):
    from gwdesk.ui.first_run import FirstRunDialog
    dlg = FirstRunDialog()
    qtbot.addWidget(dlg)
    dlg.buttons.button(QDialogButtonBox.Ok).click()
    assert dlg.result() == 0
    assert "单位名称不能为空" in dlg.error.text()
    assert "请选择单位层级" in dlg.error.text()


def test_first_run_fills_profile_and_offers_groups(qtbot, ctx):
    from gwdesk.ui.first_run import FirstRunDialog
    dlg = FirstRunDialog()
    qtbot.addWidget(dlg)
    dlg.form.name.setText("平安镇人民政府")  # QTest.keyClicks handles ASCII only
    dlg.form.level.setCurrentIndex(dlg.form.level.findData("乡镇"))
    offered = [dlg.form.groups.item(i).text() for i in range(dlg.form.groups.count())]
    assert "各乡镇（街道）" in offered
    dlg.form.groups.item(offered.index("各乡镇（街道）")).setCheckState(Qt.Checked)
    dlg.form.departments.setPlainText("党政办公室\n社会事务办\n\n")
    dlg.buttons.button(QDialogButtonBox.Ok).click()
    assert dlg.result() == 1
    p = dlg.form.profile()
    assert (p.name, p.level, p.groups, p.departments) == (
        "平安镇人民政府", "乡镇", ["各乡镇（街道）"], ["党政办公室", "社会事务办"])


def test_first_run_demo_prefills_demo_unit(qtbot, ctx):
    from gwdesk.ui.first_run import FirstRunDialog
    dlg = FirstRunDialog()
    qtbot.addWidget(dlg)
    dlg.demo.setChecked(True)
    assert dlg.form.profile().name == demo.DEMO_PROFILE.name
    assert dlg.form.profile().groups == demo.DEMO_PROFILE.groups


def test_profile_saved_and_loaded(ctx):
    units.save(units.Profile("青川县民政局", "县级部门", departments=["办公室", " 办公室", ""],
                             groups=["县直各单位"]))
    p = units.load()
    assert p.departments == ["办公室"] and p.groups == ["县直各单位"]
    with pytest.raises(Exception) as e:
        units.save(units.Profile("", "县级部门"))
    assert "单位名称不能为空" in str(e.value)


def test_navigation_builds_every_section(qtbot, ctx, profile):
    w = make_window(qtbot, ctx)
    for i, s in enumerate(sections.SECTIONS):
        w.open_section(s.key)
        assert w.current_section() == s.key
        assert w.stack.currentWidget() is w.pages[s.key]
        assert w.pages[s.key].objectName() == f"page_{s.key}"
    assert [a.shortcut().toString() for a in w.section_actions] == [f"Ctrl+{i}" for i in range(1, 7)]
    assert [a.text() for a in w.section_actions] == ["公开审查", "任务台账", "依申请公开", "年度报告", "汇总", "设置"]
    assert w.windowTitle() == f"{profile.name} — 政务公开办公桌"  # Qt adds nothing more to a title ending so


def test_a_broken_screen_fails_loudly(qtbot, ctx, profile, monkeypatch):
    def broken():
        raise ImportError("cannot import name 'aggregate'")
    fake = sections.Section("tasks", "任务台账", broken)
    monkeypatch.setattr("gwdesk.ui.main_window.SECTIONS", [sections.SECTIONS[0], fake] + sections.SECTIONS[2:])
    w = make_window(qtbot, ctx)
    with pytest.raises(ImportError, match="aggregate"):  # no “正在建设中” page hides the bug
        w.page("tasks")


def test_every_section_and_reminder_provider_is_real():
    for s in sections.SECTIONS:
        page = s.page()
        assert page.__name__ == "Page" and page.__module__ == f"gwdesk.ui.{s.key}.page"
    assert [p.__module__ for p in sections.reminder_providers()] == [
        "gwdesk.core.tasks.reminders", "gwdesk.core.applications.reminders", "gwdesk.core.review.reminders",
        "gwdesk.core.annual_report.reminders", "gwdesk.core.backup_reminders"]


def test_status_bar_shows_database_and_last_backup(qtbot, ctx, profile):
    from gwdesk import paths
    from gwdesk.store import backup
    w = make_window(qtbot, ctx)
    assert str(ctx.store.path) in w.db_label.text()
    backup.backup_now(ctx.store, paths.backup_dir(), reason="manual")
    w.refresh_status()
    assert "最近备份：" in w.backup_label.text() and "无" not in w.backup_label.text()


def test_geometry_kept_and_discarded_on_new_version(qtbot, ctx, profile):
    """Kept in the data folder's gwdesk.ini (common/settings.py), never in the user's own Qt settings."""
    from gwdesk.ui.common.settings import settings, settings_path
    w = make_window(qtbot, ctx)
    w.showNormal()
    w.resize(784, 500)  # inside the offscreen screen (800×600, 8-px borders)
    w.close()
    assert settings_path().parent == ctx.data_dir and settings_path().is_file()
    w2 = make_window(qtbot, ctx)
    assert (w2.width(), w2.height()) == (784, 500)
    settings().setValue("window/version", "0.0.1-old")
    w3 = make_window(qtbot, ctx)
    assert w3.windowState() & Qt.WindowMaximized  # the offscreen 800×600 screen is a small one
    assert settings().value("window/version") == "0.0.1-old"
    w3.close()
    assert settings().value("window/version") == __version__
    assert QSettings().allKeys() == []


@pytest.mark.allow_log_warnings
def test_crash_hook_opens_report_with_traceback_and_log_path(qtbot, ctx, alerts_log):
    from gwdesk.app import install_excepthook
    old = sys.excepthook
    install_excepthook()
    try:
        try:
            raise ZeroDivisionError("boom in a slot")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    kind, title, text = alerts_log[-1]
    assert kind == "crash" and title == "程序出错"
    assert "ZeroDivisionError: boom in a slot" in text
    assert "gwdesk.log" in text and f"gwdesk: {__version__}" in text


def test_crash_dialog_copies_report(qtbot):
    from PySide6.QtGui import QGuiApplication
    from gwdesk.ui.crash_dialog import CrashDialog
    dlg = CrashDialog("报告内容 Traceback ...", "/tmp/gwdesk.log")
    qtbot.addWidget(dlg)
    dlg.copy_button.click()
    assert QGuiApplication.clipboard().text() == "报告内容 Traceback ..."
    assert dlg.copy_button.text() == "已复制"


def _coded(text, code):
    e = sqlite3.OperationalError(text)
    e.sqlite_errorcode = code  # as SQLite itself sets it
    return e


@pytest.mark.allow_log_warnings
@pytest.mark.parametrize("exc, words", [
    (_coded("database or disk is full", 13), "磁盘"),
    (_coded("attempt to write a readonly database", 8), "只读"),
    (_coded("database is locked", 5), "占用"),
])
def test_known_storage_errors_get_plain_message_not_crash(qtbot, ctx, alerts_log, exc, words):
    from gwdesk.app import install_excepthook
    old = sys.excepthook
    install_excepthook()
    try:
        sys.excepthook(type(exc), exc, None)
    finally:
        sys.excepthook = old
    kind, title, text = alerts_log[-1]
    assert kind == "error" and words in text


def test_start_window_with_demo_flag_loads_demo_once(qtbot, ctx):
    from gwdesk.app import start_window
    w = start_window(ctx, demo=True)
    qtbot.addWidget(w)
    assert units.load().name == demo.DEMO_PROFILE.name
    assert demo.load(ctx) == []  # a second load adds nothing
    w.close()


def test_settings_page_backup_and_restore(qtbot, ctx, profile, alerts_log):
    from gwdesk.store.models import Setting
    w = make_window(qtbot, ctx)
    w.open_section("settings")
    page = w.pages["settings"]
    Setting.set_value("marker", "before")
    page.backup_now()
    assert page.model.rowCount() >= 1
    Setting.set_value("marker", "after")
    newest = max(page.model.rows(), key=lambda b: b.when)
    page.restore(newest.path)
    assert Setting.get_value("marker") == "before"
    assert alerts_log[-1][2].startswith("已恢复备份")


def test_settings_page_refuses_a_file_that_is_not_a_backup(qtbot, ctx, profile, alerts_log, tmp_path):
    from gwdesk.store.models import Setting
    w = make_window(qtbot, ctx)
    w.open_section("settings")
    Setting.set_value("marker", "kept")
    bogus = tmp_path / "not-a-db.db"
    bogus.write_bytes(b"hello, this is not sqlite" * 40)
    w.pages["settings"].restore(bogus)
    assert alerts_log[-1][0] == "error"
    assert Setting.get_value("marker") == "kept"


def test_settings_page_saves_profile(qtbot, ctx, profile, alerts_log):
    w = make_window(qtbot, ctx)
    w.open_section("settings")
    page = w.pages["settings"]
    page.form.phone.setText("0839-1234567")
    page.save_profile()
    assert units.load().phone == "0839-1234567"
    page.form.name.clear()
    page.save_profile()
    assert alerts_log[-1][0] == "warn" and units.load().name == profile.name


def test_cli_help_lists_subcommands(capsys):
    from gwdesk.cli import main
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for cmd in ("selftest", "backup", "restore"):
        assert cmd in out


def test_logging_writes_to_log_dir(data_dir):
    import logging
    from gwdesk.logs import setup_logging
    path = setup_logging()
    logging.getLogger("gwdesk.test").info("日志测试行")
    for h in logging.getLogger().handlers:
        h.flush()
    assert "日志测试行" in path.read_text(encoding="utf-8")
    assert path.parent == data_dir / "logs"


@pytest.mark.allow_log_warnings
def test_cli_bug_prints_one_line_and_logs_traceback(data_dir, capsys, monkeypatch):
    from gwdesk import cli
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GWDESK_DEBUG", raising=False)

    def broken(args):
        raise KeyError("内部错误示例")
    monkeypatch.setattr("gwdesk.commands.selftest.run", broken)
    assert cli.main(["selftest"]) == 3
    err = capsys.readouterr().err
    assert "程序错误：KeyError" in err and "Traceback" not in err
    log_text = (data_dir / "logs" / "gwdesk.log").read_text(encoding="utf-8")
    assert "Traceback" in log_text and "内部错误示例" in log_text


def test_every_screen_fits_1366_by_768_with_demo_data(qtbot, ctx, profile):
    """A clerk's 1366×768 screen: no section (with real, long content such as the calendar warning) may ask for
    a wider or taller window."""
    demo.load(ctx)
    w = make_window(qtbot, ctx)
    w.resize(1366, 768)
    w.show()
    for s in sections.SECTIONS:
        w.open_section(s.key)
        qtbot.wait(1)  # let the layouts settle
        hint = w.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 740, (s.key, hint)


def test_start_window_with_demo_flag_leaves_a_real_units_data_alone(qtbot, ctx, alerts_log):
    from gwdesk.app import start_window
    from gwdesk.store.models import Setting
    units.save(units.Profile(name="某某镇人民政府", level="乡镇"))
    w = start_window(ctx, demo=True)
    qtbot.addWidget(w)
    assert units.load().name == "某某镇人民政府" and not Setting.get_value("demo_loaded")
    assert any(kind == "warn" and "演示数据只载入到空的数据目录" in text for kind, title, text in alerts_log)
    w.close()


def test_reminders_list_thousands_of_lines_and_a_double_click_opens_the_section(qtbot, ctx, profile):
    """今日提醒 is a list view over a model (issue 25: 4,862 lines with years of ledgers cost 0.1 s as list items):
    every line is there, coloured by urgency, and a double-click on one opens its section."""
    from PySide6.QtTest import QTest

    from gwdesk.core.reminders import Reminder
    from gwdesk.ui.main_window import RemindersDialog
    w = make_window(qtbot, ctx)
    items = [Reminder("applications" if i % 2 else "tasks", ("overdue", "today", "soon")[i % 3], None,
                      f"第{i}条") for i in range(3000)]
    dlg = RemindersDialog(items, w.open_section, w)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.list.count() == 3000
    model = dlg.list.model()
    assert model.index(0).data() == "【已逾期】第0条" and model.index(2999).data() == "【即将到期】第2999条"
    assert model.index(1).data(Qt.ForegroundRole) == Qt.darkYellow
    index = model.index(1)  # an application's line
    rect = dlg.list.visualRect(index)
    got = []
    dlg.list.doubleClicked.connect(lambda i: got.append(i.row()))
    # a real double-click: the first click's press and release, then the second press as a double-click
    QTest.mouseClick(dlg.list.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    QTest.mouseDClick(dlg.list.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    assert got == [1]
    assert w.current_section() == "applications" and not dlg.isVisible()


def _about_text(qtbot, ctx, alerts_log) -> str:
    from PySide6.QtTest import QTest
    w = make_window(qtbot, ctx)
    w.show()
    # 帮助 → 关于, clicked with the mouse in the menu bar and its menu
    bar = w.menuBar()
    help_action = next(a for a in bar.actions() if a.text().startswith("帮助"))
    QTest.mouseClick(bar, Qt.LeftButton, pos=bar.actionGeometry(help_action).center())
    menu = help_action.menu()
    qtbot.waitUntil(menu.isVisible)
    about = next(a for a in menu.actions() if a.text().startswith("关于"))
    QTest.mouseClick(menu, Qt.LeftButton, pos=menu.actionGeometry(about).center())
    said = [t for kind, title, t in alerts_log if title == "关于"]
    assert said, alerts_log
    return said[-1]


def test_about_names_where_the_data_is_on_this_computer(qtbot, ctx, alerts_log):
    text = _about_text(qtbot, ctx, alerts_log)
    assert str(ctx.data_dir) in text and "保存在本机" in text


def test_about_on_a_shared_database_does_not_say_the_data_is_on_this_computer(qtbot, ctx, alerts_log,
                                                                            monkeypatch):
    # QA walk: 关于 said 所有数据保存在本机 on a 单位共享数据库 too
    from gwdesk.store.dburl import ServerUrl
    monkeypatch.setattr(ctx.store, "url", ServerUrl("gw", "10.0.0.5", 5432, "gwdesk"))
    text = _about_text(qtbot, ctx, alerts_log)
    assert "所有数据保存在本机" not in text
    assert "单位共享数据库 gwdesk（gw@10.0.0.5:5432）" in text
