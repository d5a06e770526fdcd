"""Issue 26.9: long renders run off the GUI thread with progress: the window keeps answering, the dialog counts
pages, 取消 stops the work before anything is written, an error of the work reaches the GUI thread."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from gwdesk.ui.common import background


def _ticker():
    ticks = {"n": 0}
    t = QTimer()
    t.setInterval(20)
    t.timeout.connect(lambda: ticks.__setitem__("n", ticks["n"] + 1))
    t.start()
    return t, ticks


def test_the_window_answers_while_the_work_runs(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    timer, ticks = _ticker()

    def work(progress):  # runs until the GUI thread has ticked ten times (a blocking render would never see one)
        page, deadline = 0, time.monotonic() + 30
        while ticks["n"] < 10 and time.monotonic() < deadline:
            time.sleep(0.02)
            page += 1
            progress(page)
        return ticks["n"]
    assert background.run(parent, "导出", "正在生成 PDF…", work) >= 10  # the window answered during the work
    timer.stop()


def test_cancel_stops_the_work(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    seen = {}

    def press_cancel():
        dlg = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible())
        seen["label"] = dlg.labelText()
        QTest.mouseClick(dlg.findChild(QPushButton), Qt.LeftButton)
    QTimer.singleShot(background.SHOW_AFTER_MS + 400, press_cancel)

    def work(progress):
        for page in range(1, 200):
            time.sleep(0.02)
            progress(page)
        return "finished"
    with pytest.raises(background.Cancelled):
        background.run(parent, "导出", "正在生成 PDF…", work)
    assert "已生成" in seen["label"] and "页" in seen["label"]


def test_an_error_of_the_work_reaches_the_caller(qtbot):
    def work(progress):
        raise OSError(28, "No space left on device")
    with pytest.raises(OSError):
        background.run(None, "导出", "正在生成 PDF…", work)


def test_a_long_annual_report_exports_from_the_window(ctx, profile, alerts_log, qtbot, tmp_path, monkeypatch):
    from gwdesk.core import demo
    from gwdesk.ui.report.page import Page
    demo.load(ctx)
    page = Page(ctx)
    qtbot.addWidget(page)
    page.show()
    page.data.text["overview"] = "本机关全年主动公开政府信息一百二十条，办理依申请公开十二件。" * 1500  # ~45,000 characters
    out = tmp_path / "r.pdf"
    monkeypatch.setattr(page.files, "ask_path", lambda k, s, open_file=False: str(out))
    alerts_log.clear()
    timer, ticks = _ticker()
    assert page.files.export("pdf") == str(out)
    timer.stop()
    from pypdf import PdfReader
    assert len(PdfReader(str(out)).pages) > 40 and ticks["n"] > 0


def test_a_quick_work_leaves_no_progress_dialog_over_the_next_message(qtbot):
    """A render done before the dialog's 0.4 s delay, followed (as every export is) by a message the clerk answers:
    the progress dialog must not appear over the message, stuck at “已生成 1 页” with 取消 (QProgressDialog's own
    show-after timer kept running after hide(); seen under Xvfb after 导出 PDF… of one 意见单)."""
    from PySide6.QtCore import QEventLoop
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    seen, outcome = [], {}

    def work(progress):
        time.sleep(0.15)
        progress(1)
        return "done"

    def clicked():  # a button's slot, inside the application's event loop, as in the window
        outcome["result"] = background.run(parent, "导出", "正在生成 PDF…", work)
        message = QEventLoop()  # the 已保存 message's own loop (alerts → QMessageBox.exec)

        def look():
            seen.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible())
            message.quit()
        QTimer.singleShot(background.SHOW_AFTER_MS + 300, look)
        message.exec()
        app_loop.quit()
    app_loop = QEventLoop()
    QTimer.singleShot(0, clicked)
    app_loop.exec()
    assert outcome["result"] == "done"
    assert seen == []
