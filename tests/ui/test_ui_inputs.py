"""The wheel over drop-downs, spin boxes and date fields (issue 21, item 2): it scrolls the page unless the clerk
is in the field. Every such widget of every section (demo data, editors and dialogs open) is tried, and the
source is scanned so no plain QComboBox/QSpinBox/QDateEdit comes back."""

from __future__ import annotations

from locations import TESTS

import ast
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QScrollArea, QWidget

import gwdesk
from gwdesk.core import demo

UI = Path(gwdesk.__file__).parent / "ui"
PLAIN = {"QComboBox", "QFontComboBox", "QSpinBox", "QDoubleSpinBox", "QDateEdit", "QDateTimeEdit", "QTimeEdit"}


def test_no_plain_qt_drop_down_spin_or_date_box_in_ui():
    """New code cannot bring the wheel problem back: only gwdesk/ui/common/inputs.py may use Qt's own classes."""
    found = []
    for f in UI.rglob("*.py"):
        if f.relative_to(UI).as_posix() == "common/inputs.py":
            continue
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Call):
                names = [node.func]
            elif isinstance(node, ast.ClassDef):
                names = list(node.bases)
            for n in names:
                name = n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else ""
                if name in PLAIN:
                    found.append(f"{f.relative_to(UI)}:{node.lineno} {name}")
    assert not found, "use gwdesk.ui.common.inputs instead: " + ", ".join(found)


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path, qapp):
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "qsettings"))
    yield
    QSettings().clear()


def _value(w):
    if isinstance(w, QComboBox):
        return w.currentIndex()
    if hasattr(w, "dateTime"):
        return w.dateTime()
    return w.value()


def _changeable(w) -> bool:
    if not (w.isEnabled() and w.isVisible()):
        return False
    if isinstance(w, QComboBox):
        return w.count() > 1
    return not (isinstance(w, QAbstractSpinBox) and w.isReadOnly())


def wheel(w: QWidget, down: bool = True) -> None:
    """A wheel notch over the widget's centre, delivered as Qt delivers the mouse's own: to the child under the
    cursor, then, while ignored, to each parent in turn. (An event sent from code is not spontaneous, and Qt then
    stops at the first receiver; a real one travels up to the scroll area, which is what the clerk sees.)"""
    centre = w.rect().center()
    target = w.childAt(centre) or w
    pos = target.mapFrom(w, centre)
    while target is not None:
        ev = QWheelEvent(QPointF(pos), QPointF(target.mapToGlobal(pos)), QPoint(0, 0),
                         QPoint(0, -120 if down else 120), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
        QApplication.sendEvent(target, ev)
        if ev.isAccepted() or target.isWindow():
            return
        pos = target.mapToParent(pos)
        target = target.parentWidget()


def _inputs(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, (QComboBox, QAbstractSpinBox))]


def check_wheel(qtbot, root: QWidget, where: str) -> int:
    """Unfocused: a notch changes nothing. Focused: it changes the value. Returns how many were tried."""
    root.activateWindow()
    qtbot.waitUntil(lambda: root.isActiveWindow(), timeout=2000)
    widgets = [w for w in _inputs(root) if _changeable(w)]
    parked = QWidget(root)  # somewhere for the focus to be
    parked.setFocusPolicy(Qt.StrongFocus)
    parked.setGeometry(0, 0, 1, 1)
    parked.show()
    parked.setFocus()
    assert parked.hasFocus()
    for w in widgets:
        if not shiboken6.isValid(w) or not w.isVisible():
            continue
        before = _value(w)
        wheel(w, down=True)
        wheel(w, down=False)
        wheel(w, down=False)
        assert _value(w) == before, f"{where}: the wheel changed unfocused {type(w).__name__} {w.objectName()!r}"
        assert not w.hasFocus(), f"{where}: the wheel gave {type(w).__name__} the focus"
    tried = 0
    for w in widgets:
        if not shiboken6.isValid(w) or not _changeable(w):
            continue
        w.setFocus(Qt.TabFocusReason)
        if not w.hasFocus():
            continue
        before = _value(w)
        wheel(w, down=True)
        if _value(w) == before:
            wheel(w, down=False)
        assert not shiboken6.isValid(w) or _value(w) != before, \
            f"{where}: focused {type(w).__name__} did not take the wheel"
        tried += 1
        if shiboken6.isValid(parked):
            parked.setFocus()
    return tried


def test_wheel_over_the_whole_app_changes_nothing_unless_focused(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.main_window import MainWindow
    from gwdesk.ui.sections import SECTIONS
    demo.load(ctx)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    tried = {}
    for s in SECTIONS:
        win.open_section(s.key)
        page = win.pages[s.key]
        if s.key == "review":
            page.table.selectRow(0)
            QTest.mouseClick(page.buttons["打开"], Qt.LeftButton)
            assert page.stack.currentWidget() is page.editor
        if s.key == "tasks":
            page.view.selectRow(0)
        tried[s.key] = check_wheel(qtbot, win, s.key)
    assert tried["review"] >= 5 and tried["tasks"] >= 3 and tried["settings"] >= 1, tried


def test_wheel_scrolls_the_form_not_the_drop_down(qtbot, ctx, profile, alerts_log):
    """Over 公开属性 in a long 意见单 the wheel moves the form and the attribute stays 主动公开."""
    from gwdesk.ui.review.page import Page
    demo.load(ctx)
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    QTest.mouseClick(page.buttons["新建意见单"], Qt.LeftButton)
    combo = page.editor.widgets["attribute"].combo
    scroll = next(a for a in page.editor.findChildren(QScrollArea) if a.isAncestorOf(combo))
    scroll.ensureWidgetVisible(combo)
    bar = scroll.verticalScrollBar()
    bar.setValue(max(0, bar.value() - 10))
    scroll.ensureWidgetVisible(combo)
    before_text, before_pos = combo.currentText(), bar.value()
    wheel(combo, down=(before_pos < bar.maximum()))
    assert combo.currentText() == before_text
    assert bar.value() != before_pos


def test_wheel_in_the_applications_dialogs(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.applications.editor import ApplicationDialog
    from gwdesk.ui.applications.figures import FiguresDialog
    from gwdesk.ui.applications.holidays import HolidayDialog
    from gwdesk.ui.applications.cases import CaseDialog
    from gwdesk.ui.applications.steps import StepDialog
    from gwdesk.ui.tasks.import_dialog import ImportDialog
    from gwdesk.ui.tasks.page import ReportDialog
    demo.load(ctx)
    from gwdesk.store.applications_models import Application
    app = Application.select().first()
    dialogs = [ApplicationDialog(ctx, app), StepDialog(app, ctx.today()), CaseDialog(app, ctx.today()),
               HolidayDialog(ctx), FiguresDialog(ctx), ReportDialog(ctx.today()),
               ImportDialog(ctx, path=TESTS / "fixtures" / "tasks" / "lp2021.xlsx")]
    total = 0
    for d in dialogs:
        qtbot.addWidget(d)
        d.show()
        total += check_wheel(qtbot, d, type(d).__name__)
    assert total >= 10


def test_every_drop_down_shows_its_longest_item_whole(qtbot, ctx, profile, alerts_log):
    """Seen at 1366×768: a new 意见单's 修改/撤销 and 公开时限 drop-downs read “（请选择” — Qt sizes a drop-down by
    its items' ink, which leaves out the blank half of a full-width bracket. Each drop-down of the editor and of
    every section is wide enough for the whole of its longest item."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox
    from gwdesk.ui.main_window import MainWindow
    from gwdesk.ui.sections import SECTIONS
    demo.load(ctx)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 728)
    win.show()
    cut, seen = [], 0
    for s in SECTIONS:
        win.open_section(s.key)
        if s.key == "review":
            QTest.mouseClick(win.pages["review"].buttons["新建意见单"], Qt.LeftButton)
        QApplication.processEvents()
        for combo in win.pages[s.key].findChildren(QComboBox):
            if not combo.isVisible() or combo.isEditable() or combo.width() < combo.sizeHint().width():
                continue  # (a list's long title in a drop-down the row squeezes is elided on purpose)
            opt = QStyleOptionComboBox()
            combo.initStyleOption(opt)
            field = combo.style().subControlRect(QStyle.CC_ComboBox, opt, QStyle.SC_ComboBoxEditField, combo)
            seen += 1
            widest = max((combo.itemText(i) for i in range(combo.count())), key=combo.fontMetrics().horizontalAdvance,
                         default="")
            if combo.fontMetrics().horizontalAdvance(widest) > field.width():
                cut.append(f"{s.key}: “{widest}” in {field.width()} px")
    assert seen >= 10
    assert not cut, cut
