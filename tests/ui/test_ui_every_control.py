"""Every control through its real signal (issue 21, “How it must be proven”, first point).

With the demo loaded, each section is selected by clicking the sidebar, then every visible enabled button,
tool button, check box and radio button is clicked with QTest (so Qt passes its own arguments: clicked(bool),
toggled(bool)…), every tool-button menu action and every menu-bar action is triggered. Each control is used
twice: once with every dialog it opens answered 取消 (alerts → no, file dialogs → cancelled, dialogs
rejected), once answered 确定 (alerts → yes, file dialogs → a path in a temporary folder, dialogs → their
OK button clicked with QTest). An exception in a slot, a crash dialog or a Qt warning fails the section, and
the failure names the control.

Rows are selected (clicked) in every visible list first, so the buttons that need a selection are enabled.
"""

from __future__ import annotations

from locations import TESTS

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog, QDialogButtonBox,
                               QPushButton, QTableView, QToolButton, QTreeView, QWidgetAction)
from shiboken6 import isValid

FIXTURES = TESTS / "fixtures"
CANCEL, OK = "cancel", "ok"
MAX_CLICKS = 160  # per section: a screen that keeps making new buttons is a bug of its own


@dataclass
class Answers:
    """How every dialog is answered right now, and what was opened."""
    tmp: Path
    mode: str = CANCEL
    opened: list[str] = field(default_factory=list)
    saved: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    stack: list = field(default_factory=list)  # the modal dialogs open now, innermost last
    explored: set = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    qtbot: object = None
    window: object = None

    def alert(self, kind, title, text):
        if self.mode == CANCEL:
            return False
        return "测试填写的理由" if kind == "text" else True

    def file(self, op, kind, title, start):
        self.opened.append(f"file:{op}:{kind}")
        if self.mode == CANCEL:
            return ""
        if op == "save":
            out = self.tmp / "out" / f"{len(self.saved)}_{Path(start).name or 'file'}"
            out.parent.mkdir(exist_ok=True)
            self.saved.append(str(out))
            return str(out)
        if op == "folder":
            d = self.tmp / f"folder_{kind}"
            d.mkdir(exist_ok=True)
            return str(d)
        return str(self.open_file(kind))

    def open_file(self, kind) -> Path:
        from gwdesk import paths
        if kind == "tasklist":
            return FIXTURES / "tasks" / "lp2021.xlsx"
        if kind in ("backup_file", "backup_restore"):
            made = sorted(paths.backup_dir().glob("*.zip")) if paths.backup_dir().is_dir() else []
            return made[-1] if made else self.junk("备份.zip")
        if kind == "report_data":
            made = [s for s in self.saved if s.endswith(".json")]
            return Path(made[-1]) if made and Path(made[-1]).exists() else self.junk("年报.json")
        if kind == "applications_import":
            return self.ledger()
        return self.junk("佐证材料.pdf", b"%PDF-1.4 evidence\n")

    def junk(self, name, data=b"not what it claims to be"):
        p = self.tmp / "in" / name
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(data)
        return p

    def ledger(self) -> Path:
        import openpyxl
        p = self.tmp / "in" / "台账.xlsx"
        p.parent.mkdir(exist_ok=True)
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["收件编号", "收到日期", "申请人", "申请人类型", "申请内容"])
        ws.append(["外-1", "2026-03-02", "王建国", "自然人", "低保名单"])
        wb.save(p)
        return p

    def dialog(self, dlg) -> int:
        """A modal dialog: shown, then answered with its 取消 or its OK button (clicked with QTest)."""
        name = type(dlg).__name__
        self.opened.append(f"dialog:{name}")
        self.stack.append(dlg)
        try:
            dlg.show()
            self.qtbot.waitExposed(dlg)
            if QApplication.platformName() == "xcb":  # a real display: the window manager places it meanwhile
                QTest.qWait(250)
            QApplication.processEvents()
            from gwdesk.ui.common import screen
            if not screen.fits(dlg):
                self.problems.append(f"{name} “{dlg.windowTitle()}” opens outside the screen: "
                                     f"{screen.frame_rect(dlg).getRect()} in {screen.available_geometry(dlg).getRect()}")
            kind = name + "".join(c for c in dlg.windowTitle() if not c.isdigit())
            if self.mode == OK and kind not in self.explored and len(self.stack) <= 2:
                self.explored.add(kind)  # its own controls, once per kind of dialog (new or existing record)
                self.explore(dlg, name)
            return self.answer(dlg)
        finally:
            self.stack.remove(dlg)

    def explore(self, dlg, name) -> None:
        done: set[str] = set()
        for _ in range(80):
            if not isValid(dlg) or not dlg.isVisible():
                return
            _select_rows(dlg)
            pending = sorted([(k, b) for k, b in _keyed(_controls(dlg)) if k not in done],
                             key=_last_the_ones_that_leave)
            if not pending:
                if _next_tab(dlg, done):
                    continue
                return
            k, b = pending[0]
            done.add(k)
            actions = _tool_menu_actions(b)
            for control in actions or [b]:
                _use(control, self.qtbot, self.problems, f"{name}: “{_label(control)}”", self.window)

    def answer(self, dlg) -> int:
        if not isValid(dlg) or not dlg.isVisible():
            return dlg.result() if isValid(dlg) else QDialog.Rejected
        role = QDialogButtonBox.RejectRole if self.mode == CANCEL else QDialogButtonBox.AcceptRole
        button = _box_button(dlg, role)
        if button is not None:
            QTest.mouseClick(button, Qt.LeftButton)
        if dlg.isVisible():  # no such button, or OK refused what is (not) filled in: the clerk gives up
            dlg.reject()
        QApplication.processEvents()
        return dlg.result()

    def print_dialog(self, dlg) -> int:
        self.opened.append("dialog:QPrintDialog")
        if self.mode == CANCEL:
            return QDialog.Rejected
        dlg.printer().setOutputFormat(QPrinter.PdfFormat)
        dlg.printer().setOutputFileName(str(self.tmp / "printed.pdf"))
        dlg.printer().setResolution(72)  # a draft-quality printer: the pages are painted all the same
        return QDialog.Accepted


def _box_button(dlg, role):
    yes = {QDialogButtonBox.AcceptRole, QDialogButtonBox.YesRole} if role == QDialogButtonBox.AcceptRole \
        else {QDialogButtonBox.RejectRole, QDialogButtonBox.NoRole}
    for box in dlg.findChildren(QDialogButtonBox):
        for b in box.buttons():
            if box.buttonRole(b) in yes and b.isVisible() and b.isEnabled():
                return b
    return None


@pytest.fixture
def window(ctx, qtbot, tmp_path, monkeypatch):
    """The demo unit's main window, shown, with every dialog answered by `window.answers`."""
    from gwdesk.core import demo
    demo.load(ctx)
    yield from _window(ctx, qtbot, tmp_path, monkeypatch)


@pytest.fixture
def new_unit_window(ctx, qtbot, tmp_path, monkeypatch):
    """A unit's first day: its profile and nothing else (every screen's empty state)."""
    from gwdesk.core import units
    units.save(units.Profile(name="某某镇人民政府", level="乡镇", groups=["各乡镇人民政府"]))
    yield from _window(ctx, qtbot, tmp_path, monkeypatch)


def _window(ctx, qtbot, tmp_path, monkeypatch):
    from gwdesk.core import units, workdays
    from gwdesk.ui.common import alerts, files
    from gwdesk.ui.main_window import MainWindow
    workdays.invalidate()
    p = units.load()
    p.issues_lists = True  # 汇总 shown too
    units.save(p)
    answers = Answers(tmp_path)
    monkeypatch.setattr(alerts, "responder", answers.alert)
    monkeypatch.setattr(files, "responder", answers.file)
    monkeypatch.setattr(QDialog, "exec", lambda dlg: answers.dialog(dlg))
    monkeypatch.setattr(QPrintDialog, "exec", lambda dlg: answers.print_dialog(dlg))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: answers.urls.append(url.toString()) or True)
    alerts.history.clear()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.answers = answers
    answers.qtbot, answers.window = qtbot, w
    yield w
    # this window's timers (autosave, …) must not fire into the next test's database (the store is global)
    if isValid(w):
        for timer in w.findChildren(QTimer):
            timer.stop()
        w.hide()
        w.deleteLater()
        QApplication.processEvents()
    alerts.history.clear()
    workdays.invalidate()


def _label(w) -> str:
    text = w.text() if isinstance(w, QAbstractButton) else ""
    return text or w.toolTip() or w.accessibleName() or w.objectName() or type(w).__name__


def _select_rows(root) -> None:
    """Click the first row of every visible list that has rows and no selection."""
    for view in root.findChildren(QAbstractItemView):
        if not view.isVisible() or view.model() is None or view.model().rowCount() == 0:
            continue
        if view.selectionModel() is not None and view.selectionModel().hasSelection():
            continue
        col = 0
        if isinstance(view, (QTableView, QTreeView)):
            col = next((c for c in range(view.model().columnCount()) if not view.isColumnHidden(c)), 0)
        rect = view.visualRect(view.model().index(0, col))
        if rect.isValid():
            QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())


def _controls(root) -> list:
    out = []
    for b in root.findChildren(QAbstractButton):
        if not (b.isVisible() and b.isEnabled()) or b.objectName().startswith("qt_"):
            continue
        if isinstance(b.parentWidget(), QDialogButtonBox):
            continue
        out.append(b)
    return out


def _close_strays(window, answers) -> None:
    """Popups (a calendar) and non-modal windows (print preview, 今日提醒) a click opened: use the
    preview's own buttons, then close them."""
    popup = QApplication.activePopupWidget()
    while popup is not None:
        popup.close()
        QApplication.processEvents()
        nxt = QApplication.activePopupWidget()
        popup = None if nxt is popup else nxt
    for top in QApplication.topLevelWidgets():
        if top is window or top in answers.stack or not top.isVisible() or not isinstance(top, QDialog):
            continue
        answers.opened.append(f"window:{type(top).__name__}")
        for b in [b for b in top.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]:
            if not isinstance(b.parentWidget(), QDialogButtonBox) or b.text() not in ("关闭", "Close"):
                QTest.mouseClick(b, Qt.LeftButton)
                QApplication.processEvents()
        if isValid(top) and top.isVisible():
            top.close()
    QApplication.processEvents()


def _use(control, qtbot, problems, where, window) -> None:
    """Click (or trigger) `control` once in the current answer mode; record any exception or crash."""
    from gwdesk.ui.common import alerts
    before = len(alerts.history)
    with qtbot.capture_exceptions() as raised:
        if isinstance(control, QAction):
            control.trigger()
        else:
            QTest.mouseClick(control, Qt.LeftButton, Qt.NoModifier, QPoint(4, control.height() // 2)
                             if isinstance(control, QAbstractButton) and control.width() > 8 else QPoint())
        QApplication.processEvents()
        _close_strays(window, window.answers)
    for exc_type, exc, _tb in raised:
        problems.append(f"{where} [{window.answers.mode}]: {exc_type.__name__}: {exc}")
    for kind, title, text in alerts.history[before:]:
        if kind == "crash":
            problems.append(f"{where} [{window.answers.mode}]: 程序出错 {text[:200]}")


def _tool_menu_actions(b) -> list[QAction]:
    menu = b.menu() if isinstance(b, QToolButton) else None
    return [a for a in (menu.actions() if menu else []) if a.isEnabled() and a.isVisible()
            and not a.isSeparator() and not isinstance(a, QWidgetAction)]


def _scope(b) -> str:
    """Which page of which stacked screen the control is on (a list and its editor both have 打印预览)."""
    from PySide6.QtWidgets import QStackedWidget, QTabWidget
    parts = []
    w = b
    while w is not None and not w.isWindow():
        parent = w.parentWidget()
        if isinstance(parent, QStackedWidget) and not isinstance(parent.parentWidget(), QTabWidget):
            parts.append(f"{type(w).__name__}{parent.indexOf(w)}")
        w = parent
    return "/".join(reversed(parts[:-1])) + ":" if len(parts) > 1 else ""


def _keyed(controls) -> list[tuple[str, object]]:
    """(label#n, control): a control keeps its key when its screen is rebuilt (after a restore, a profile
    change), so it is not clicked again as if it were new."""
    seen: dict[str, int] = {}
    out = []
    for b in controls:
        label = _scope(b) + _label(b)
        seen[label] = seen.get(label, 0) + 1
        out.append((f"{label}#{seen[label]}", b))
    return out


def _next_tab(root, done: set[str]) -> bool:
    """Click (QTest) the first tab not yet visited of a visible tab bar under `root`; False when none is left."""
    from PySide6.QtWidgets import QTabBar
    for bar in root.findChildren(QTabBar):
        if not bar.isVisible():
            continue
        for i in range(bar.count()):
            key = f"tab:{bar.tabText(i)}"
            if key not in done and bar.isTabEnabled(i) and bar.isTabVisible(i):
                done.add(key)
                QTest.mouseClick(bar, Qt.LeftButton, Qt.NoModifier, bar.tabRect(i).center())
                QApplication.processEvents()
                return True
    return False


def _last_the_ones_that_leave(keyed) -> tuple:
    """Controls that change what is shown (返回列表, a filter or tab-like toggle, a menu of bulk changes) after
    the others, so the buttons of the row or form on screen are reached first."""
    key, b = keyed
    return ("返回" in key, isinstance(b, QPushButton) and b.isCheckable(), isinstance(b, QToolButton) and
            b.menu() is not None)


def _click_through(window, key, qtbot) -> list[str]:
    problems: list[str] = []
    answers = window.answers
    done: set[str] = set()
    clicks = 0
    sidebar_item = next(window.sidebar.item(i) for i in range(window.sidebar.count())
                        if window.sidebar.item(i).data(Qt.UserRole) == key)
    QTest.mouseClick(window.sidebar.viewport(), Qt.LeftButton, Qt.NoModifier,
                     window.sidebar.visualItemRect(sidebar_item).center())
    assert window.current_section() == key
    went_back = False
    while clicks < MAX_CLICKS:
        page = window.pages.get(key)
        if page is None or not isValid(page):
            break
        _select_rows(page)
        controls = _keyed(_controls(page))
        pending = sorted([(k, b) for k, b in controls if k not in done], key=_last_the_ones_that_leave)
        if not pending:
            back = [b for k, b in controls if "返回" in k]
            if back and not went_back:  # an editor over a list: back to the list's own buttons
                went_back = True
                _use(back[0], qtbot, problems, f"{key}: “{_label(back[0])}”", window)
                continue
            if _next_tab(page, done):
                continue
            break
        went_back = False
        k, b = pending[0]
        done.add(k)
        where = f"{key}: “{_label(b)}”"
        actions = _tool_menu_actions(b)
        for mode in (CANCEL, OK):
            answers.mode = mode
            if actions:
                for a in actions:
                    _use(a, qtbot, problems, f"{where} → “{a.text()}”", window)
            elif isValid(b) and b.isVisible() and b.isEnabled():
                _use(b, qtbot, problems, where, window)
            clicks += 1
            if window.current_section() != key:  # a control that opens another section: come back
                window.open_section(key)
    answers.mode = CANCEL
    assert clicks < MAX_CLICKS, f"{key}: more than {MAX_CLICKS} controls"
    window.clicked = sorted(done)
    return problems


# Sections where a known bug of the window still shows (issue 21 items fixed on another branch): strict, so
# the mark goes the day the bug does.
KNOWN: dict[str, str] = {}


# Logged on purpose: 立即备份 while the test's pinned date (2026-11-20) is behind the computer's own.
EXPECTED_LOG = ("backup rotation skipped: the system date",)


def _logged_problems(caplog) -> list[str]:
    return [f"log {r.levelname} {r.name}: {r.getMessage()[:300]}" for r in caplog.records
            if r.levelno >= logging.WARNING and not r.name.startswith("gwdesk.alerts")
            and not r.getMessage().startswith(EXPECTED_LOG)]


@pytest.mark.allow_log_warnings  # every warning but the expected ones fails below, naming the control
@pytest.mark.parametrize("key", ["review", "tasks", "applications", "report", "office", "settings"])
def test_every_control_of_a_section(window, key, qtbot, request, caplog):
    if key in KNOWN:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[key], strict=True))
    problems = _click_through(window, key, qtbot) + window.answers.problems + _logged_problems(caplog)
    assert problems == [], "\n".join(problems)
    assert any(o.startswith(("dialog:", "file:", "window:")) for o in window.answers.opened) or key == "report"


@pytest.mark.allow_log_warnings
def test_every_control_of_a_new_units_empty_screens(new_unit_window, qtbot, caplog):
    """The same on the first day, before anything is stored: the empty states' own buttons (导入任务清单… in the
    middle of an empty 任务台账 …)."""
    problems = []
    for key in ["review", "tasks", "applications", "report", "office", "settings"]:
        problems += _click_through(new_unit_window, key, qtbot)
    problems += new_unit_window.answers.problems + _logged_problems(caplog)
    assert problems == [], "\n".join(problems)
    opened = set(new_unit_window.answers.opened)
    assert {"file:open:tasklist", "dialog:ImportDialog"} <= opened, opened


@pytest.mark.allow_log_warnings
def test_every_menu_action(window, qtbot, caplog):
    problems: list[str] = []
    actions = [a for menu_action in window.menuBar().actions() for a in menu_action.menu().actions()
               if not a.isSeparator() and a.isVisible() and a.isEnabled()]
    quit_action = next(a for a in actions if a.text().startswith("退出"))
    for a in actions:
        if a is quit_action:
            continue
        for mode in (CANCEL, OK):
            window.answers.mode = mode
            _use(a, qtbot, problems, f"菜单 “{a.text()}”", window)
    assert problems == [], "\n".join(problems)
    assert "window:RemindersDialog" in window.answers.opened  # 今日提醒 (the demo has overdue items)
    assert len(window.answers.urls) == 2 * 2  # 打开数据目录, 打开日志目录: each twice
    window.answers.mode = CANCEL
    _use(quit_action, qtbot, problems, "菜单 “退出”", window)
    assert problems == [] and not window.isVisible()
    assert _logged_problems(caplog) == []


