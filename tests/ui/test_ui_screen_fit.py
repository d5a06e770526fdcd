"""Every top-level window and dialog opens inside the screen's available geometry (issue 21 item 8).

A 1366×768 Windows laptop with a 40-px taskbar leaves 1366×728: `available_geometry` (the one place
common/screen.py looks the screen up) is made to say so, every dialog class in ui/ is built with demo data
in its largest ordinary state, shown, and its frame (title bar and borders included) must lie inside.
The classes are found by reading ui/'s source, so a new dialog without a case here fails the test."""

from __future__ import annotations

from locations import TESTS

import ast
import datetime as dt
import functools
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt

import gwdesk
from gwdesk.ui.common import screen

UI = Path(gwdesk.__file__).parent / "ui"
AVAIL = QRect(0, 0, 1366, 728)
FIXTURES = TESTS / "fixtures"


@functools.cache  # read once per process: the collection and three tests ask
def _ui_classes() -> tuple[tuple[Path, str, ast.ClassDef], ...]:
    """(file, module, class node) for every class in ui/'s source."""
    out = []
    for f in sorted(UI.rglob("*.py")):
        module = ".".join(f.relative_to(UI.parent.parent).with_suffix("").parts)
        out += [(f, module, node) for node in ast.walk(ast.parse(f.read_text(encoding="utf-8")))
                if isinstance(node, ast.ClassDef)]
    return tuple(out)


def _classes_with_base(*bases: str) -> dict[str, str]:
    """{'module.Class': base} for every class in ui/ whose direct base is one of `bases`."""
    found = {}
    for _, module, node in _ui_classes():
        for b in node.bases:
            name = b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else ""
            if name in bases:
                found[f"{module}.{node.name}"] = name
    return found


def test_every_dialog_derives_from_the_fitting_base():
    raw = _classes_with_base("QDialog", "QMainWindow", "QMessageBox", "QFileDialog", "QInputDialog")
    assert raw == {"gwdesk.ui.common.dialog.Dialog": "QDialog",
                   "gwdesk.ui.main_window.MainWindow": "QMainWindow"}


def test_no_dialog_is_built_around_the_helpers():
    """Qt's ready-made dialogs are opened only by common/ (alerts, files), which fit and translate them;
    clock_warning's one QMessageBox is a plain two-button question."""
    offenders = []
    for f in sorted(UI.rglob("*.py")):
        rel = f.relative_to(UI).as_posix()
        if rel.startswith("common/"):
            continue
        text = f.read_text(encoding="utf-8")
        for name in ("QFileDialog", "QInputDialog", "QDialog(", "QMessageBox."):
            if name in text and not (rel == "clock_warning.py" and name == "QMessageBox."):
                offenders.append(f"{rel}: {name}")
    assert offenders == []


@pytest.fixture
def small_screen(monkeypatch):
    monkeypatch.setattr(screen, "available_geometry", lambda widget=None: QRect(AVAIL))
    return AVAIL


@pytest.fixture
def demo_ctx(ctx, profile):
    from gwdesk.core import demo
    from gwdesk.core import workdays
    workdays.invalidate()
    demo.load(ctx)
    yield ctx
    workdays.invalidate()


def _application():
    from gwdesk.store.applications_models import Application, Step
    return (Application.select().join(Step).group_by(Application.id).order_by(Application.id).first()
            or Application.select().first())


def _pdf(tmp_path) -> Path:
    from gwdesk.render.pdf import render_pdf
    from gwdesk.render.sample import sample_document
    out = tmp_path / "sample.pdf"
    render_pdf(sample_document(), out)
    return out


def _ledger_xlsx(tmp_path) -> Path:
    import openpyxl
    out = tmp_path / "ledger.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["收件编号", "收到日期", "申请人", "申请人类型", "申请内容", "答复日期", "处理结果"])
    for i in range(40):
        ws.append([f"Q-{i}", "2026-03-02", "王建国", "自然人", "低保名单" * 8, "2026-03-20", "予以公开"])
    wb.save(out)
    return out


def _missing():
    candidate = types.SimpleNamespace(when=dt.datetime(2026, 11, 20, 8, 45), label="每日备份", contents="数据库和佐证材料，已检查完好")
    return types.SimpleNamespace(candidate=candidate, message="数据库“gwdesk.db”不存在，但备份目录里有备份。" * 3)


def _drafts(n=12):
    from gwdesk.core.drafts import Draft
    return [Draft("form", "new", {"values": {"title": f"关于第{i}项工作的通知" * 3}}, "2026-11-20T08:0%d" % (i % 10))
            for i in range(n)]


def _reminders(n=40):
    from gwdesk.core.reminders import Reminder
    return [Reminder("tasks", "overdue", dt.date(2026, 11, 1), f"【任务台账】第{i}项任务 已逾期 {i} 天，" + "内容" * 30)
            for i in range(n)]


def _build(name: str, ctx, tmp_path):
    """The dialog `name` in its largest ordinary state."""
    from gwdesk.ui.applications.editor import ApplicationDialog
    from gwdesk.ui.applications.figures import FiguresDialog
    from gwdesk.ui.applications.holidays import HolidayDialog
    from gwdesk.ui.applications.import_dialog import ImportDialog as LedgerImport
    from gwdesk.ui.applications.cases import CaseDialog, CasesWindow, VoidDialog
    from gwdesk.ui.applications.steps import StepDialog
    from gwdesk.ui.crash_dialog import CrashDialog
    from gwdesk.ui.first_run import FirstRunDialog, RestoreOfferDialog
    from gwdesk.ui.main_window import MainWindow, RemindersDialog
    from gwdesk.ui.recovery import RecoveryDialog
    from gwdesk.ui.review.preview import PreviewDialog
    from gwdesk.ui.review.registers_dialog import RegistersDialog
    from gwdesk.ui.tasks.import_dialog import ImportDialog as TaskImport
    from gwdesk.ui.tasks.page import ReportDialog
    from gwdesk.store import credentials, dburl
    from gwdesk.ui.password_dialog import PasswordDialog

    today = ctx.today()
    builders = {
        "gwdesk.ui.main_window.MainWindow": lambda: MainWindow(ctx),
        "gwdesk.ui.first_run.FirstRunDialog": lambda: FirstRunDialog(),
        "gwdesk.ui.first_run.RestoreOfferDialog": lambda: RestoreOfferDialog(_missing()),
        "gwdesk.ui.tasks.page.ReportDialog": lambda: ReportDialog(today),
        "gwdesk.ui.tasks.import_dialog.ImportDialog": lambda: TaskImport(ctx, path=FIXTURES / "tasks" / "lp2021.xlsx"),
        "gwdesk.ui.crash_dialog.CrashDialog": lambda: CrashDialog("Traceback (most recent call last):\n" * 80,
                                                                  str(tmp_path / "gwdesk.log")),
        "gwdesk.ui.main_window.RemindersDialog": lambda: RemindersDialog(_reminders(), lambda key: None),
        "gwdesk.ui.review.registers_dialog.RegistersDialog": lambda: RegistersDialog(today),
        "gwdesk.ui.review.preview.PreviewDialog": lambda: PreviewDialog(_pdf(tmp_path), "打印预览", save_as=lambda: None),
        "gwdesk.ui.recovery.RecoveryDialog": lambda: RecoveryDialog(_drafts()),
        "gwdesk.ui.applications.holidays.HolidayDialog": lambda: HolidayDialog(ctx),
        "gwdesk.ui.applications.steps.StepDialog": lambda: StepDialog(_application(), today),
        "gwdesk.ui.applications.cases.CaseDialog": lambda: CaseDialog(_application(), today),
        "gwdesk.ui.applications.cases.VoidDialog": lambda: VoidDialog("申请 " + "重复登记" * 20),
        "gwdesk.ui.applications.cases.CasesWindow": lambda: CasesWindow(ctx),
        "gwdesk.ui.applications.import_dialog.ImportDialog": lambda: LedgerImport(_ledger_xlsx(tmp_path)),
        "gwdesk.ui.applications.figures.FiguresDialog": lambda: FiguresDialog(ctx, year=2025),
        "gwdesk.ui.applications.editor.ApplicationDialog": lambda: ApplicationDialog(ctx, _application()),
        "gwdesk.ui.password_dialog.PasswordDialog": lambda: PasswordDialog(
            dburl.parse("postgresql://zhangsan@192.168.10.20/gwdesk"), credentials.WRONG),
    }
    return builders, builders[name]() if name else None


def _all_windows() -> list[str]:
    """Every Dialog subclass in ui/ (read from the source) and the main window."""
    names = [n for n, base in _classes_with_base("Dialog").items()]
    return sorted(names) + ["gwdesk.ui.main_window.MainWindow"]


def test_every_window_has_a_case_here(demo_ctx, tmp_path):
    builders, _ = _build("", demo_ctx, tmp_path)
    assert sorted(builders) == sorted(_all_windows())


@pytest.mark.parametrize("name", _all_windows())
def test_window_fits_a_1366x768_screen(name, demo_ctx, small_screen, qtbot, tmp_path, alerts_log):
    _, w = _build(name, demo_ctx, tmp_path)
    qtbot.addWidget(w)
    if name.endswith("MainWindow"):  # no saved geometry on a small screen: maximised, and a normal size that fits
        assert w.windowState() & Qt.WindowMaximized
        w.setWindowState(Qt.WindowNoState)
        screen.fit_to_screen(w)
    w.show()
    qtbot.waitExposed(w)
    frame = screen.frame_rect(w)
    assert AVAIL.contains(frame), f"{name}: {frame.getRect()} is outside the available {AVAIL.getRect()}"
    hint = w.minimumSizeHint()
    left, top, right, bottom = screen.margins(w)
    assert hint.width() + left + right <= AVAIL.width() and hint.height() + top + bottom <= AVAIL.height(), \
        f"{name}: its layout needs {hint.width()}×{hint.height()}"


def test_a_parent_near_the_edge_keeps_its_dialog_inside(demo_ctx, small_screen, qtbot):
    from gwdesk.ui.main_window import MainWindow
    from gwdesk.ui.applications.editor import ApplicationDialog
    w = MainWindow(demo_ctx)
    qtbot.addWidget(w)
    w.setWindowState(Qt.WindowNoState)
    w.resize(600, 400)
    w.move(1000, 500)
    w.show()
    dlg = ApplicationDialog(demo_ctx, None, parent=w)
    qtbot.addWidget(dlg)
    dlg.show()
    assert AVAIL.contains(screen.frame_rect(dlg))


def test_saved_geometry_from_a_larger_monitor_is_brought_inside(demo_ctx, small_screen, qtbot):
    from gwdesk import __version__
    from gwdesk.ui.common.settings import settings
    from gwdesk.ui.main_window import MainWindow
    big = MainWindow(demo_ctx)
    qtbot.addWidget(big)
    big.setWindowState(Qt.WindowNoState)
    big.setGeometry(100, 100, 1900, 1100)  # the office's 1920×1200 monitor
    s = settings()
    s.setValue("window/version", __version__)
    s.setValue("window/geometry", big.saveGeometry())
    s.remove("window/state")
    s.sync()
    w = MainWindow(demo_ctx)
    qtbot.addWidget(w)
    assert not w.isMaximized()
    assert AVAIL.contains(screen.frame_rect(w))


def test_a_large_screen_gets_1280x800_centred(ctx, profile, monkeypatch, qtbot):
    from gwdesk.ui.main_window import MainWindow
    big = QRect(0, 0, 1920, 1040)
    monkeypatch.setattr(screen, "available_geometry", lambda widget=None: QRect(big))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    assert not w.isMaximized() and (w.width(), w.height()) == (1280, 800)
    assert big.contains(screen.frame_rect(w))


def test_no_dialog_hides_a_qt_method_behind_an_attribute():
    """`self.result = QComboBox()` in a dialog made `dialog.result()` a TypeError: a dialog's attributes never
    take the name of a method of its Qt class (QWidget.scroll behind a page's `self.scroll` is left alone:
    nothing calls it)."""
    from PySide6 import QtWidgets

    from gwdesk.ui.common.dialog import Dialog
    bases = {name: getattr(QtWidgets, name) for name in dir(QtWidgets) if name.startswith("Q")}
    bases["Dialog"] = Dialog
    clashes = []
    for f, _, cls in _ui_classes():
        qt = [bases[b.id] for b in cls.bases if isinstance(b, ast.Name) and b.id in ("Dialog", "QDialog")]
        if not qt:
            continue
        methods = {n for n in dir(qt[0]) if callable(getattr(qt[0], n, None))}
        for node in ast.walk(cls):
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if (isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
                            and t.attr in methods):
                        clashes.append(f"{f.relative_to(UI)}:{node.lineno} {cls.name}.{t.attr}")
    assert clashes == []


def test_a_long_message_stays_on_the_screen(qtbot):
    """A message listing many rows (an import's refusals) shows its first lines; the whole list is in the
    box's own scrolling 详细信息."""
    from gwdesk.ui.common import alerts
    text = "以下各行无法导入：\n" + "\n".join(f"第{i}行：收到日期“2026-13-{i:02d}”不是有效日期" for i in range(1, 81))
    box = alerts.message_box("warn", None, "导入台账", text)
    qtbot.addWidget(box)
    box.show()
    assert box.height() + screen.TITLE_BAR + screen.BORDER <= AVAIL.height()
    assert "第80行" in box.detailedText() and "共 81 行" in box.text()
    short = alerts.message_box("info", None, "导出", "已导出：D:/文档/台账.xlsx")
    qtbot.addWidget(short)
    assert short.text() == "已导出：D:/文档/台账.xlsx" and not short.detailedText()


def test_the_form_editor_needs_no_sideways_scrolling_at_1366(demo_ctx, qtbot, alerts_log):
    """Seen under Xvfb, maximised at 1366×768: choosing 依申请公开 marks “未主动公开的理由（条例第二十一条）” required,
    its label grows by the ＊, and the form became wider than its pane: every field ran under the right edge and a
    sideways scroll bar appeared. Whatever the 公开属性, the form fits its pane."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from gwdesk.ui.review.page import Page
    page = Page(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1366 - 120, 660)  # the 公开审查 page of the maximised window (a 120-px side bar)
    page.show()
    QTest.mouseClick(page.buttons["新建意见单"], Qt.LeftButton)
    ed = page.editor
    assert ed.width() >= 1200
    combo = ed.widgets["attribute"].combo
    combo.setFocus(Qt.TabFocusReason)
    wide = {}
    for _ in range(combo.count()):
        QTest.keyClick(combo, Qt.Key_Down)
        qtbot.waitUntil(lambda: not ed._check_timer.isActive(), timeout=3000)  # the checks after a pause in typing
        QApplication.processEvents()
        if ed.scroll.horizontalScrollBar().maximum() > 0:
            wide[combo.currentText()] = ed.scroll.widget().minimumSizeHint().width() - ed.scroll.viewport().width()
    assert not wide, f"the form is wider than its pane by (px): {wide}"
