"""Focus leaving any field of an autosaving editor writes its draft at once (no waiting for the 1.5 s
pause), for multi-line boxes too: the 意见单 editor, the 依申请公开 dialog, the 进展 box, the unit profile
and the annual report's texts. Focus is moved for real (setFocus in an active window); no timer fires.
And the focus watcher survives thousands of focus changes, focused fields deleted under it included."""

from __future__ import annotations

import gc
import sys

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPlainTextEdit, QVBoxLayout

from gwdesk.core import drafts
from gwdesk.core.review import drafts as review_drafts
from gwdesk.core.tasks import demo as tasks_demo
from gwdesk.ui.common.autosave import Autosaver, FocusOut

from applications_support import actx  # noqa: F401 - fixture


def _activate(qtbot, w):
    w.show()
    w.activateWindow()
    assert QTest.qWaitForWindowActive(w)


def _focus(qtbot, w):
    w.setFocus()
    qtbot.waitUntil(w.hasFocus)


def _type(w, text):
    """Typing as the clerk does, into a line or a multi-line box (its signals fire as on key presses)."""
    if isinstance(w, QPlainTextEdit):
        w.insertPlainText(text)
    else:
        w.insert(text)


def test_review_editor_multiline_field_flushes_on_focus_out(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.review.page import Page
    page = Page(ctx)
    qtbot.addWidget(page)
    page.new_form()
    _activate(qtbot, page)
    ed = page.editor
    summary = ed.widgets["summary"].findChild(QPlainTextEdit)
    title = ed.widgets["title"].findChild(QLineEdit)
    _focus(qtbot, summary)
    _type(summary, "本通知明确了冬春救助的对象、标准和时限")
    assert ed.autosaver.pending and ed.autosaver.timer.isActive()
    assert review_drafts.pending(ed.draft_key) is None
    _focus(qtbot, title)  # Tab to the next field: written now, the timer is stopped
    assert not ed.autosaver.timer.isActive() and not ed.autosaver.pending
    assert "冬春救助" in review_drafts.pending(ed.draft_key).values["summary"]


def test_application_dialog_content_box_flushes_when_focus_leaves(actx, qtbot, alerts_log):
    from gwdesk.ui.applications.editor import ApplicationDialog
    dlg = ApplicationDialog(actx)
    qtbot.addWidget(dlg)
    _activate(qtbot, dlg)
    _focus(qtbot, dlg.content)
    _type(dlg.content, "2026年城乡低保标准及调整依据")
    assert drafts.get("application", None) is None
    _focus(qtbot, dlg.applicant_name)
    assert "低保标准" in drafts.get("application", None).data["registration"]["content"]


def test_application_dialog_flushes_when_its_window_loses_focus(actx, qtbot, alerts_log):
    """Switching to another window (or program): Qt moves focus away from the dialog's field."""
    from gwdesk.ui.applications.editor import ApplicationDialog
    dlg = ApplicationDialog(actx)
    qtbot.addWidget(dlg)
    _activate(qtbot, dlg)
    _focus(qtbot, dlg.content)
    _type(dlg.content, "本县2025年财政预算执行情况")
    other = QDialog()
    qtbot.addWidget(other)
    _activate(qtbot, other)
    assert "财政预算" in drafts.get("application", None).data["registration"]["content"]


def test_task_progress_box_flushes_on_focus_out(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.tasks.page import Page
    tasks_demo.load(ctx)
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    _activate(qtbot, page)
    tid = page.proxy.data(page.proxy.index(0, 0), page.model.RowRole).id
    assert page.select_task(tid)
    d = page.detail
    _focus(qtbot, d.note_text)
    _type(d.note_text, "已在政府网站公开")
    assert drafts.get("task_note", tid) is None
    _focus(qtbot, d.note_date)
    assert drafts.get("task_note", tid).data["text"] == "已在政府网站公开"


def test_unit_profile_departments_box_flushes_on_focus_out(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.settings.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    _activate(qtbot, p)
    form = p.form
    _focus(qtbot, form.departments)
    _type(form.departments, "\n养老服务股")
    assert drafts.get("profile", "unit") is None
    _focus(qtbot, form.phone)
    assert "养老服务股" in drafts.get("profile", "unit").data["departments"]


def test_report_text_is_stored_when_focus_leaves(qtbot, ctx, profile, alerts_log):
    from gwdesk.core import demo
    from gwdesk.core.annual_report import records
    from gwdesk.ui.report.page import Page
    demo.load(ctx)
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    _activate(qtbot, page)
    key = next(iter(page.texts))
    page.tabs.setCurrentWidget(page.narratives[key])
    box = page.texts[key]
    _focus(qtbot, box)
    box.moveCursor(box.textCursor().MoveOperation.End)
    _type(box, "（焦点离开即保存）")
    assert page._save_timer.isActive()
    assert "焦点离开即保存" not in records.load_data(page.unit, page.data.year).text.get(key, "")
    _focus(qtbot, page.year_box if hasattr(page, "year_box") else page.tabs)
    assert not page._save_timer.isActive()
    assert "焦点离开即保存" in records.load_data(page.unit, page.data.year).text[key]


def test_focus_moving_elsewhere_does_not_flush_an_editor_it_never_left(qtbot, store, alerts_log):
    writes = []
    a, b = QDialog(), QDialog()
    for d in (a, b):
        qtbot.addWidget(d)
        QVBoxLayout(d).addWidget(QPlainTextEdit(d))
        d.layout().addWidget(QLineEdit(d))
    saver = Autosaver(a, lambda: writes.append("a"))
    _activate(qtbot, b)
    _focus(qtbot, b.findChild(QPlainTextEdit))
    saver.touch()  # pending, but the focus was never in `a`
    _focus(qtbot, b.findChild(QLineEdit))
    assert writes == [] and saver.pending
    saver.cancel()


def _stress_round(i: int, counts: list[int]) -> None:
    """One dialog with line and multi-line fields (plain and Python-subclassed), focus moved through all
    of them, then a focused field deleted (now or later) and the dialog deleted with focus inside."""
    class Line(QLineEdit):
        pass

    dlg = QDialog()
    lay = QVBoxLayout(dlg)
    fields = [Line(dlg), QPlainTextEdit(dlg), QLineEdit(dlg), QPlainTextEdit(dlg)]
    for w in fields:
        lay.addWidget(w)
    saver = Autosaver(dlg, lambda: counts.append(i))
    FocusOut(dlg, lambda: None)
    dlg.show()
    dlg.activateWindow()
    QApplication.processEvents()
    for w in fields:
        w.setFocus()
        saver.touch()
        _type(w, "字")
    victim = fields[i % 4]
    victim.setFocus()
    saver.touch()
    if i % 3 == 0:
        victim.deleteLater()
    elif i % 3 == 1:
        import shiboken6
        shiboken6.delete(victim)  # destroyed while focused: focusChanged fires inside its destructor
    QApplication.processEvents()
    if i % 2:
        import shiboken6
        shiboken6.delete(dlg)
    else:
        dlg.close()
        dlg.deleteLater()
    QApplication.processEvents()


def test_thousands_of_focus_changes_through_dying_widgets_neither_crash_nor_leak_none(qtbot, store):
    """~4,000 focus changes; fields deleted while focused. A crash here would abort the test run."""
    counts: list[int] = []
    _stress_round(-1, counts)
    gc.collect()
    before = sys.getrefcount(None)
    for i in range(400):
        _stress_round(i, counts)
    gc.collect()
    drift = sys.getrefcount(None) - before
    assert len(counts) >= 400 * 3  # the focus moves inside each dialog did write
    if sys.version_info < (3, 12):
        assert drift >= 0  # nothing taken from None (a loss is what aborted 6.12)


def test_focus_cycling_through_the_real_editors_writes_each_time(actx, qtbot, alerts_log):
    """Tab through every field of the 依申请公开 dialog 200 times, typing in each: a draft write per leave,
    the typing all kept, None's reference count not lowered."""
    from gwdesk.ui.applications.editor import ApplicationDialog
    dlg = ApplicationDialog(actx)
    qtbot.addWidget(dlg)
    _activate(qtbot, dlg)
    fields = [dlg.applicant_name, dlg.content, dlg.registration.contact]
    writes = []
    real = dlg.autosaver._write
    dlg.autosaver._write = lambda: (writes.append(1), real())
    gc.collect()
    before = sys.getrefcount(None)
    for i in range(200):
        for w in fields:
            w.setFocus()
            _type(w, "字")
    gc.collect()
    assert len(writes) >= 200 * 3 - 1
    assert drafts.get("application", None).data["registration"]["applicant_name"] == "字" * 200
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) - before >= 0


def test_a_focus_change_after_the_store_closed_writes_nothing(qtbot, data_dir, alerts_log, caplog):
    """Widgets torn down after the session ended: the pending draft is not written to a closed store
    (and no 'autosave failed' is logged for it)."""
    writes = []
    dlg = QDialog()
    qtbot.addWidget(dlg)
    QVBoxLayout(dlg).addWidget(QPlainTextEdit(dlg))
    saver = Autosaver(dlg, lambda: writes.append(1))
    _activate(qtbot, dlg)
    _focus(qtbot, dlg.findChild(QPlainTextEdit))
    saver.touch()
    dlg.hide()  # focus leaves; no store is open in this test
    assert writes == [] and saver.pending and "autosave failed" not in caplog.text
