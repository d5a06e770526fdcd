"""Settings live in the data folder only; file dialogs are Chinese and start where the clerk expects
(issue 21 items 9 and 10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

import gwdesk
from gwdesk.ui.common import files

ROOT = Path(gwdesk.__file__).parent.parent
SOURCES = sorted((ROOT / "gwdesk").rglob("*.py"))


# ---- item 9: every setting under the data folder ----------------------------------------------------
def test_qsettings_is_opened_only_by_the_settings_module():
    users = [f.relative_to(ROOT).as_posix() for f in SOURCES if "QSettings" in f.read_text(encoding="utf-8")]
    assert users == ["gwdesk/ui/common/settings.py"]


def _empty_home(tmp_path) -> dict:
    home = tmp_path / "home"
    env = dict(os.environ)
    for var, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                     ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state"), ("APPDATA", "AppData")):
        env[var] = str(home / sub) if sub else str(home)
    home.mkdir()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env.update(TMPDIR=str(tmp), GWDESK_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    env.pop("CI", None)
    return env


def test_selftest_writes_nothing_outside_its_temporary_folder(tmp_path):
    env = _empty_home(tmp_path)
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "selftest"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "自检通过" in done.stdout
    left = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()]
    assert left == []  # no geometry in ~/.config, no data folder, nothing left in TMPDIR
    assert not (tmp_path / "data").exists()


def test_window_geometry_is_read_and_written_only_in_the_data_folder(ctx, profile, qtbot, tmp_path):
    from PySide6.QtCore import QSettings
    from gwdesk.ui.common.settings import settings_path
    from gwdesk.ui.main_window import MainWindow
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.close()
    assert settings_path() == ctx.data_dir / "gwdesk.ini"
    assert "window/geometry" in QSettings(str(settings_path()), QSettings.IniFormat).allKeys()
    home = Path(os.environ["HOME"])
    assert [p for p in home.rglob("*") if p.is_file()] == []


def test_another_data_folder_has_its_own_window(ctx, profile, qtbot, tmp_path):
    """--data-dir isolates the geometry: a second data folder does not open the first one's window."""
    from gwdesk import paths
    from gwdesk.ui.common.settings import settings
    from gwdesk.ui.main_window import MainWindow
    settings().setValue("window/geometry", b"first folder's")
    other = tmp_path / "other"
    paths.set_data_dir(other)
    assert settings().value("window/geometry") is None
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.close()
    assert (other / "gwdesk.ini").is_file()


def test_qt_own_settings_go_to_the_data_folder(ctx, qtbot):
    """Qt's file dialog keeps its history in QSettings(UserScope, "QtProject"): redirected."""
    from PySide6.QtCore import QSettings
    from gwdesk.ui.common.settings import isolate_qt_settings
    isolate_qt_settings()
    s = QSettings(QSettings.UserScope, "QtProject")
    s.setValue("probe", 1)
    s.sync()
    assert Path(s.fileName()).is_relative_to(ctx.data_dir)
    assert [p for p in Path(os.environ["HOME"]).rglob("*") if p.is_file()] == []


# ---- item 10: Chinese file dialogs, starting in 文档 or the kind's last folder ----------------------
def test_every_file_dialog_goes_through_the_helper():
    """No module but common/files.py opens a QFileDialog (and none builds one around it)."""
    users = [f.relative_to(ROOT).as_posix() for f in SOURCES if "QFileDialog" in f.read_text(encoding="utf-8")]
    assert users == ["gwdesk/ui/common/files.py"]
    calls = [f.relative_to(ROOT).as_posix() for f in SOURCES if "files.open_" in f.read_text(encoding="utf-8")
             or "files.save_file" in f.read_text(encoding="utf-8")]
    assert len(calls) >= 9  # review, tasks (×3), report, office (×2), settings, applications, first run


def test_starts_in_documents_then_in_the_last_folder_of_that_kind(ctx, tmp_path, monkeypatch):
    docs = Path(os.environ["HOME"]) / "Documents"
    docs.mkdir()
    monkeypatch.setattr(files, "documents_dir", lambda: docs)
    seen = []
    exports = tmp_path / "报表"
    exports.mkdir()
    answers = iter([str(exports / "登记表.xlsx"), ""])
    monkeypatch.setattr(files, "responder", lambda op, kind, title, start: (seen.append(start), next(answers))[1])
    assert files.save_file(None, "review_export", "导出登记表", "登记表.xlsx") == str(exports / "登记表.xlsx")
    assert seen[-1] == str(docs / "登记表.xlsx")
    assert files.save_file(None, "review_export", "导出登记表", "公开登记.xlsx") == ""  # cancelled: nothing kept
    assert seen[-1] == str(exports / "公开登记.xlsx")
    monkeypatch.setattr(files, "responder", lambda op, kind, title, start: (seen.append(start), "")[1])
    files.open_file(None, "tasklist", "选择任务清单")
    assert seen[-1] == str(docs)  # another kind keeps its own folder
    from gwdesk.ui.common.settings import settings_path
    assert str(exports) in settings_path().read_text(encoding="utf-8")
    exports.rmdir()
    files.save_file(None, "review_export", "导出登记表", "a.xlsx")
    assert seen[-1] == str(docs / "a.xlsx")  # the remembered folder is gone: 文档 again


def test_qt_own_dialog_is_chinese(qapp, tmp_path, monkeypatch):
    """The labels qtbase_zh_CN misses in Qt 6 (“Look in:”, “Files of type:”) are set; buttons translated; the
    dialog fits a 1366×768 screen."""
    from PySide6.QtCore import QRect

    from gwdesk.app import make_application
    from gwdesk.ui.common import screen
    make_application()
    shown = {}
    avail = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(screen, "available_geometry", lambda widget=None: QRect(avail))

    def fake_exec(dlg):
        dlg.setOption(QFileDialog.DontUseNativeDialog, True)
        dlg.show()
        shown["fits"] = screen.fits(dlg, avail)
        shown["labels"] = [lbl.text() for lbl in dlg.findChildren(QLabel) if lbl.isVisible()]
        shown["buttons"] = [b.text() for b in dlg.findChildren(QPushButton) if b.isVisible()]
        dlg.reject()
        return 0

    monkeypatch.setattr(QFileDialog, "exec", fake_exec)
    assert files._run_dialog(None, files.OPEN, "选择任务清单", str(tmp_path), "任务清单 (*.xlsx)") == ""
    text = " ".join(shown["labels"] + shown["buttons"])
    assert "查找范围" in text and "文件类型" in text and "取消" in text
    assert shown["fits"]
    import re
    assert not re.search(r"[A-Za-z]", re.sub(r"\(&\w\)|xlsx", "", text)), text  # no English left


@pytest.mark.parametrize("env, expect", [
    ({"LANG": "C.UTF-8"}, {"LANG": "C.UTF-8", "LC_TIME": "zh_CN.UTF-8"}),
    ({"LC_ALL": "en_US.UTF-8"}, {"LANG": "en_US.UTF-8", "LC_TIME": "zh_CN.UTF-8"}),
    ({"LANG": "zh_CN.UTF-8"}, {"LANG": "zh_CN.UTF-8"}),
])
def test_file_dialog_dates_are_chinese_under_any_locale(env, expect, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    env = dict(env)
    files.chinese_file_dates(env)
    assert env == expect


def test_qt_system_dates_follow(tmp_path):
    """Under LANG=C Qt's own dialog showed “7 12 2026”; with the application started by gwdesk it is 2026/12/7."""
    code = ("from gwdesk.app import make_application; make_application();"
            "from PySide6.QtCore import QLocale, QDate;"
            "print(QLocale.system().toString(QDate(2026, 12, 7), QLocale.ShortFormat))")
    env = _empty_home(tmp_path)
    env.update(LANG="C.UTF-8")
    env.pop("LC_ALL", None)
    env.pop("LC_TIME", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "2026/12/7", out.stderr


@pytest.mark.parametrize("typed, saved", [
    ("2026.11意见单", "2026.11意见单.pdf"),  # a dot in a date is no file type: Qt added nothing
    ("登记表.xlsx", "登记表.xlsx.pdf"),       # a PDF is never written under an Excel name
    ("合并", "合并.pdf"),
    ("合并.PDF", "合并.PDF"),
])
def test_a_saved_file_gets_the_type_it_is_written_as(typed, saved, qapp, tmp_path, monkeypatch, alerts_log):
    """Seen under Xvfb: “所选合并为 PDF…” with “reg.xlsx” typed wrote 10 pages of PDF into reg.xlsx. The name the
    clerk types into Qt's own save dialog ends as the filter's type whatever dots it holds."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    def typing_exec(dlg):
        dlg.setOption(QFileDialog.DontUseNativeDialog, True)
        dlg.show()
        name = next(e for e in dlg.findChildren(QLineEdit) if e.isVisible())
        name.clear()
        QTest.keyClicks(name, "x")  # a key press first, as a clerk's typing starts
        name.setText(typed)
        QTest.keyClick(name, Qt.Key_Return)
        return dlg.result()

    monkeypatch.setattr(QFileDialog, "exec", typing_exec)
    got = files._run_dialog(None, files.SAVE, "合并为 PDF", str(tmp_path / "意见单.pdf"), "PDF 文件 (*.pdf)")
    assert got == str(tmp_path / saved)


def test_a_fitted_name_that_exists_is_not_replaced_unasked(qapp, tmp_path, monkeypatch, alerts_log):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit
    (tmp_path / "表.xlsx.pdf").write_bytes(b"%PDF-1.4 earlier")

    def typing_exec(dlg):
        dlg.setOption(QFileDialog.DontUseNativeDialog, True)
        dlg.show()
        name = next(e for e in dlg.findChildren(QLineEdit) if e.isVisible())
        name.setText("表.xlsx")
        QTest.keyClick(name, Qt.Key_Return)
        return dlg.result()

    monkeypatch.setattr(QFileDialog, "exec", typing_exec)
    from gwdesk.ui.common import alerts
    monkeypatch.setattr(alerts, "responder", lambda kind, title, text: False)  # 否: keep the earlier file
    alerts_log.clear()
    assert files._run_dialog(None, files.SAVE, "合并为 PDF", str(tmp_path / "a.pdf"), "PDF 文件 (*.pdf)") == ""
    assert alerts_log and alerts_log[-1][0] == "ask" and "表.xlsx.pdf" in alerts_log[-1][2] and "已存在" in alerts_log[-1][2]
    assert (tmp_path / "表.xlsx.pdf").read_bytes() == b"%PDF-1.4 earlier"
