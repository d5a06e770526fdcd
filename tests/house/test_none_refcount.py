"""PySide6 6.12.0 on Python 3.11 took one reference from `None` on every void Qt call; ~850 keystrokes into
the 意见单 editor then aborted the process (`Fatal Python error: none_dealloc`). Thousands of void calls
through the real editors must leave `sys.getrefcount(None)` where it was (None is immortal from 3.12 on).
"""

from __future__ import annotations

import ctypes
import gc
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from applications_support import actx  # noqa: F401 - fixture

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")

ROUNDS = 400  # each round makes 15-100 void Qt calls: several thousand in all


def none_drift(work, rounds: int = ROUNDS) -> int:
    """How far `work()` repeated moves None's reference count, after a warm-up round (caches filled)."""
    work(-1)
    gc.collect()
    before = sys.getrefcount(None)
    for i in range(rounds):
        work(i)
    gc.collect()
    return sys.getrefcount(None) - before


def _review_editor(qtbot, ctx):
    from gwdesk.ui.review.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    p.new_form()
    return p.editor


def test_void_calls_on_the_review_editors_widgets_keep_none_exactly(qtbot, ctx, profile, alerts_log):
    ed = _review_editor(qtbot, ctx)
    row = next(iter(ed.signoff_rows.values()))
    labels = list(ed.labels.values())

    def work(i):
        ed.widgets["title"].set_value(f"关于做好第{i}批困难群众救助工作的通知")  # QLineEdit.setText
        ed.widgets["attribute"].set_value("不予公开" if i % 2 else "主动公开")  # QComboBox.setCurrentIndex
        row.set_value({"choice": "同意" if i % 2 else "", "opinion": f"意见{i}", "signer": "张三"})
        for label in labels:
            label.setText(f"＊{i}")
            label.setEnabled(bool(i % 2))
        ed.heading.setText(f"第{i}次")
    assert none_drift(work) == 0


def test_typing_with_the_live_check_never_takes_a_reference_from_none(qtbot, ctx, profile, alerts_log):
    """The live check also fills the 缺项 list. PySide6 6.11 *adds* one reference to None per
    QListWidgetItem.setText/setForeground (its virtual setData dispatch): a slow leak in the harmless
    direction, since only a loss can bring None to zero and abort. So here: nothing lost."""
    ed = _review_editor(qtbot, ctx)
    line = ed.widgets["title"].findChild(QLineEdit)

    def work(i):
        line.setFocus()
        QTest.keyClicks(line, "ab")  # real key events through the editor's signals
        QTest.keyClick(line, Qt.Key_Backspace)
        ed.refresh_checks()  # what the 250 ms check timer runs
        ed.autosaver.cancel()
    assert none_drift(work) >= 0


def test_application_dialog_calls_keep_none(qtbot, actx, alerts_log):
    from gwdesk.ui.applications.editor import ApplicationDialog
    dlg = ApplicationDialog(actx)
    qtbot.addWidget(dlg)

    def work(i):
        dlg.applicant_name.setText(f"王建国{i}")
        dlg.id_number.setText("11010519491231002X" if i % 2 else "110105194912310021")  # live ID check
        dlg.registration.channel.setCurrentIndex(i % 3)
        dlg.content.setPlainText(f"第{i}次申请的内容")
        dlg.refresh_status()
    assert none_drift(work) == 0


def test_the_measure_sees_a_leak_of_one_reference_per_call(qtbot, ctx, profile, alerts_log):
    """The bad build's behaviour, simulated: each void call also drops one reference to None."""
    ed = _review_editor(qtbot, ctx)
    dropped = [0]

    def leaky(i):
        ed.heading.setText(f"第{i}次")
        ctypes.pythonapi.Py_DecRef(ctypes.py_object(None))
        dropped[0] += 1
    try:
        drift = none_drift(leaky)
    finally:
        for _ in range(dropped[0]):  # give them back
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    assert drift == -ROUNDS
