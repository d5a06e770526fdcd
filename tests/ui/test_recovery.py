"""After a crash the next start offers each lost edit (restore / discard per item) and shows a native
crash's faulthandler trace once; closing the window with unsaved typing asks 保存/放弃/取消."""

from __future__ import annotations

from locations import ROOT

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gwdesk import faults, paths
from gwdesk.core import drafts
from gwdesk.core.review import drafts as review_drafts
from gwdesk.core.review import forms
from gwdesk.core.tasks import demo as tasks_demo
from gwdesk.core.tasks import tracking

ROOT = ROOT


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path, qapp):
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "qsettings"))
    yield
    QSettings().clear()


def _answer(**by_kind):
    from gwdesk.ui.common import alerts
    alerts.responder = lambda kind, title, text: by_kind.get(kind, True)


# ---- faulthandler --------------------------------------------------------------------------------
def test_native_abort_leaves_a_trace_the_next_start_takes_and_archives(data_dir):
    code = ("import os; from gwdesk import faults; faults.enable(); "
            "import ctypes; ctypes.string_at(0)")  # a segfault in native code, as a Qt abort would be
    env = dict(os.environ, PYTHONPATH=str(ROOT), GWDESK_DATA_DIR=str(data_dir))
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=60)
    assert r.returncode != 0
    assert faults.fault_path().stat().st_size > 0
    text, archived = faults.take_previous()
    assert "Segmentation fault" in text and "<string>" in text
    assert archived.parent == paths.log_dir() and archived.read_text("utf-8") == text
    assert not faults.fault_path().exists() and faults.take_previous() is None  # shown once


def test_clean_run_leaves_an_empty_fault_file_that_is_not_reported(data_dir):
    code = "from gwdesk import faults; faults.enable()"
    env = dict(os.environ, PYTHONPATH=str(ROOT), GWDESK_DATA_DIR=str(data_dir))
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert faults.fault_path().exists() and faults.fault_path().stat().st_size == 0
    assert faults.take_previous() is None


@pytest.mark.allow_log_warnings
def test_app_start_takes_the_last_trace_and_arms_faulthandler_on_a_fresh_file(data_dir, monkeypatch):
    import faulthandler

    from gwdesk.app import arm_fault_trace
    armed = []
    monkeypatch.setattr(faulthandler, "enable", lambda file, all_threads: armed.append(file.name))
    assert arm_fault_trace() is None and armed == [str(faults.fault_path())]  # nothing left last time
    faults.fault_path().write_text("Fatal Python error: Aborted\n", "utf-8")
    text, archived = arm_fault_trace()
    assert "Aborted" in text and archived.exists() and faults.fault_path().stat().st_size == 0
    assert len(armed) == 2
    faults._open[0].close()


def test_start_shows_the_last_native_crash_in_the_crash_dialog(qtbot, ctx, profile, alerts_log, monkeypatch):
    from gwdesk.app import start_window
    monkeypatch.setattr("gwdesk.ui.main_window.MainWindow.show_reminders_once_painted", lambda self: None)
    trace = "Fatal Python error: none_dealloc\n\nCurrent thread 0x7f (most recent call first):\n  File \"editor.py\""
    w = start_window(ctx, fault=(trace, paths.log_dir() / "fault-20261120-101500.log"))
    qtbot.addWidget(w)
    kind, title, text = alerts_log[-1]
    assert kind == "crash" and "上次运行异常终止" in text and "none_dealloc" in text and "gwdesk" in text


# ---- lost edits at start ---------------------------------------------------------------------------
def _start_with(qtbot, ctx, monkeypatch, choices: dict[str, str]):
    """start_window with the recovery dialog answered: draft key -> restore/discard."""
    from gwdesk.app import start_window
    from gwdesk.ui import recovery
    monkeypatch.setattr("gwdesk.ui.main_window.MainWindow.show_reminders_once_painted", lambda self: None)
    seen = {}

    def answer(dlg):
        for row, d in enumerate(dlg.items):
            seen[d.key] = (dlg.table.item(row, 0).text(), dlg.table.item(row, 1).text())
            dlg.set_choice(row, choices.get(d.key, recovery.RESTORE))
        return 1
    monkeypatch.setattr(recovery.RecoveryDialog, "exec", answer)
    w = start_window(ctx)
    qtbot.addWidget(w)
    return w, seen


def test_start_offers_each_lost_edit_and_restores_or_discards_it(qtbot, ctx, profile, alerts_log, monkeypatch):
    tasks_demo.load(ctx)
    task = next(t for t in tracking.tasks() if t.role != "不涉及")
    f = forms.create(ctx, {"title": "原标题"})
    review_drafts.autosave(review_drafts.key_for(f.id), {"title": "崩溃前改的标题"}, {}, form_id=f.id)
    drafts.save("task_note", task.id, {"text": "已在政府网站公开"})
    drafts.save("application", None, {"registration": {"applicant_name": "王建国", "content": "低保标准"}})
    w, seen = _start_with(qtbot, ctx, monkeypatch, {"application:new": "discard"})
    assert seen == {f"form:{f.id}": ("意见单", "“崩溃前改的标题”"),
                    f"task_note:{task.id}": ("任务进展", "“已在政府网站公开”"),
                    "application:new": ("依申请公开申请", "王建国：低保标准")}
    assert drafts.get("application", None) is None  # discarded
    # the first restored one is on screen with its typing, not yet saved
    assert w.current_section() == "review"
    editor = w.pages["review"].editor
    assert w.pages["review"].stack.currentWidget() is editor
    assert editor.values()["title"] == "崩溃前改的标题" and editor.is_dirty()
    assert forms.get(f.id).title == "原标题"
    # the others come back where they belong
    w.open_section("tasks")
    page = w.pages["tasks"]
    assert page.select_task(task.id) and page.detail.note_text.text() == "已在政府网站公开"
    _answer(choose="discard")


def test_a_restored_application_opens_its_dialog_with_the_typing(qtbot, ctx, profile, alerts_log, monkeypatch):
    import datetime as dt

    from gwdesk.core.applications import ledger
    from gwdesk.ui import recovery
    from gwdesk.ui.applications.editor import ApplicationDialog
    a = ledger.create(dict(number="2026-050", received=dt.date(2026, 11, 2), channel="邮寄", applicant_type="自然人",
                           applicant_name="张三", content="本镇低保名单"))
    drafts.save("application", a.id, {"registration": {"contact": "13800000000"}})
    drafts.save("application", 999, {"registration": {"contact": "已删除的申请"}})
    opened = []
    monkeypatch.setattr(ApplicationDialog, "exec", lambda self: opened.append(self.registration.contact.text()) or 0)
    w, seen = _start_with(qtbot, ctx, monkeypatch, {"application:999": "restore", f"application:{a.id}": "discard"})
    assert set(seen) == {f"application:{a.id}", "application:999"}
    assert opened == [] and drafts.pending_all() == []  # 999 was deleted since: its draft goes, nothing opens
    drafts.save("application", a.id, {"registration": {"contact": "13800000000"}})
    recovery.open_restored(w, [drafts.get("application", a.id)])
    assert opened == ["13800000000"] and w.current_section() == "applications"
    assert drafts.get("application", a.id) is not None  # still unsaved until the clerk saves it


def test_nothing_to_recover_asks_nothing(qtbot, ctx, profile, alerts_log, monkeypatch):
    from gwdesk.ui import recovery
    monkeypatch.setattr(recovery.RecoveryDialog, "exec", lambda self: pytest.fail("asked with nothing lost"))
    w, seen = _start_with(qtbot, ctx, monkeypatch, {})
    assert seen == {} and alerts_log == []


# ---- closing the main window ---------------------------------------------------------------------
def _window_with_typing(qtbot, ctx):
    from gwdesk.ui.main_window import MainWindow
    tasks_demo.load(ctx)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.open_section("review")
    w.pages["review"].new_form()
    w.pages["review"].editor.widgets["title"].set_value("关于做好冬季救助工作的通知")
    w.open_section("tasks")
    t = next(t for t in tracking.tasks() if t.status == "未启动" and t.role != "不涉及")
    assert w.pages["tasks"].select_task(t.id)
    w.pages["tasks"].detail.note_text.setText("已召开专题会议")
    return w, t


def test_closing_with_unsaved_typing_asks_and_cancel_keeps_the_window(qtbot, ctx, profile, alerts_log):
    w, t = _window_with_typing(qtbot, ctx)
    w.show()
    _answer(choose="cancel")
    assert not w.close()
    kind, title, text = alerts_log[-1]
    assert kind == "choose" and "意见单 （新建）" in text and "已召开专题会议" not in text and "任务“" in text
    assert w.isVisible()
    _answer(choose="discard")
    assert w.close()
    assert drafts.pending_all() == [] and forms.list_forms() == [] and tracking.notes(t.id) == []


def test_closing_and_saving_stores_every_edit(qtbot, ctx, profile, alerts_log):
    w, t = _window_with_typing(qtbot, ctx)
    w.show()
    _answer(choose="save")
    assert w.close()
    assert [r.title for r in forms.list_forms()] == ["关于做好冬季救助工作的通知"]
    assert [n.text for n in tracking.notes(t.id)] == ["已召开专题会议"]
    assert drafts.pending_all() == []


def test_a_save_that_is_refused_keeps_the_window_open(qtbot, ctx, profile, alerts_log):
    w, t = _window_with_typing(qtbot, ctx)
    w.open_section("settings")
    w.pages["settings"].form.name.setText("")  # 单位名称 cannot be empty
    w.show()
    _answer(choose="save")
    assert not w.close() and w.isVisible()
    assert any(k == "warn" and "单位名称不能为空" in text for k, _t, text in alerts_log)
    _answer(choose="discard")
    assert w.close()


def test_every_restored_item_opens_or_is_listed_and_none_is_overwritten(qtbot, ctx, profile, alerts_log,
                                                                       monkeypatch):
    """Issue 21 item 4: an unsaved new 意见单, a second one and an unsaved 依申请公开 registration, all set to 恢复:
    the application's dialog opens with its typing, the first 意见单 opens in the editor, the second is in the list
    as 未保存 and opens from there; a new form typed meanwhile has a draft of its own."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from gwdesk.ui.applications.editor import ApplicationDialog
    from gwdesk.ui.common import alerts
    from ui_support import type_text
    review_drafts.autosave("new:a1", {"title": "崩溃前的第一份"})
    review_drafts.autosave("new:b2", {"title": "崩溃前的第二份"})
    drafts.save("application", None, {"registration": {"applicant_name": "王建国", "content": "低保标准"}})
    opened = []
    monkeypatch.setattr(ApplicationDialog, "exec",
                        lambda self: opened.append(self.registration.applicant_name.text()) or 0)
    w, seen = _start_with(qtbot, ctx, monkeypatch, {})
    assert set(seen) == {"new:a1", "new:b2", "application:new"}
    assert opened == ["王建国"]  # the application's dialog opened with the typing
    told = next(text for kind, title, text in alerts_log if title == "已恢复的内容")
    assert "王建国" in told and "已打开" in told and "未保存" in told
    page = w.pages["review"]
    assert w.current_section() == "review" and page.stack.currentWidget() is page.editor
    first = page.editor.values()["title"]
    other = ({"崩溃前的第一份", "崩溃前的第二份"} - {first}).pop()
    assert page.editor.is_dirty()
    w.show()
    alerts.responder = lambda kind, title, text: "save" if kind == "choose" else True
    QTest.mouseClick(page.editor.back_btn, Qt.LeftButton)  # 保存为草稿
    assert [f.title for f in forms.list_forms()] == [first]
    listed = {r.title: r.status for r in page.model.rows()}
    assert listed[other].startswith("未保存") and listed[first] == "草稿"
    # a new form meanwhile: its own draft, the recovered one untouched
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    QTest.mouseClick(page.buttons["新建意见单"], Qt.LeftButton)
    type_text(page.editor.widgets["title"].edit, "新的一份")
    page.editor.autosaver.flush()
    assert sorted(d.values["title"] for d in review_drafts.pending_all()) == sorted([other, "新的一份"])
    alerts.responder = lambda kind, title, text: "discard" if kind == "choose" else True
    QTest.mouseClick(page.editor.back_btn, Qt.LeftButton)
    row = next(i for i, r in enumerate(page.model.rows()) if r.title == other)
    page.table.selectRow(page.proxy.mapFromSource(page.model.index(row, 0)).row())
    QTest.mouseClick(page.buttons["打开"], Qt.LeftButton)
    assert page.editor.values()["title"] == other and page.editor.is_dirty()
    assert drafts.get("application", None) is not None  # still waiting for the clerk's 登记 or 放弃
