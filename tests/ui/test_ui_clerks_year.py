"""A clerk's year, scripted through widgets only (issue 21, “How it must be proven”, second point).

Everything the clerk does is a QTest mouse click, key press or typed text (Chinese committed as an input method
does, tests/ui_support.py) on a real widget of the real window; dialogs are answered the same way when they
open (their `exec` shows them and hands them to the step that expects them). No page method is called. Each
step asserts what the clerk would see on screen.

The year: first start (unit profile) → one 意见单 of each 公开属性 through its whole chain, and printed → two task
lists imported (the second from the toolbar) → progress, evidence and every export → five applications, with
补正, 延期 and 收费 steps whose dates are typed → the annual report filled, checked and exported → backup and
restore.

A step that an open bug of the window still blocks is listed in BLOCKED with the reason: it must fail (the whole
test is then xfail, naming it) and the day it passes, the test fails until the entry goes (strict).
"""

from __future__ import annotations

from locations import TESTS

import copy
import json
import logging
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QCheckBox, QComboBox, QDialog,
                               QDialogButtonBox, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QRadioButton, QTabBar,
                               QTextEdit)
from shiboken6 import isValid

from test_ui_inputs import wheel
from ui_support import type_text

FIXTURES = TESTS / "fixtures"
SAMPLE = json.loads((FIXTURES / "review" / "sample_form.json").read_text("utf-8"))
UNIT = "梁平区民政局"

# step → why it cannot pass yet (an open bug of the window)
BLOCKED: dict[str, str] = {}  # none left: issue 21 item 7's typed dates (h21a) made the 依申请公开 step pass


SHOTS = os.environ.get("GWDESK_SHOTS")  # a folder: the whole screen is saved after each step and in each dialog


def shot(name: str) -> None:
    if not SHOTS:
        return
    from PySide6.QtGui import QGuiApplication
    settle(150)
    QGuiApplication.primaryScreen().grabWindow(0).save(str(Path(SHOTS) / f"{len(os.listdir(SHOTS)):02d}_{name}.png"))


# ---- the clerk's hands -------------------------------------------------------------------------------
def settle(ms: int = 0) -> None:
    QApplication.processEvents()
    if ms:
        QTest.qWait(ms)


def until(condition, timeout_ms: int = 5000) -> None:
    """Let the window work (timers, autosave, checks) until `condition()` holds; fail after `timeout_ms`."""
    import time
    end = time.monotonic() + timeout_ms / 1000
    QApplication.processEvents()
    while not condition():
        assert time.monotonic() < end, "the window did not get there in time"
        QTest.qWait(20)


def click(w) -> None:
    assert w.isVisible(), f"“{getattr(w, 'text', lambda: '')()}” is not on screen"
    assert w.isEnabled(), f"“{getattr(w, 'text', lambda: '')()}” is disabled"
    QTest.mouseClick(w, Qt.LeftButton, Qt.NoModifier, _spot(w))
    settle()


def _spot(w) -> QPoint:
    """Where a clerk clicks: the middle of a push button; on the box or the words of a check box or radio
    button (its right part is empty space that takes no click)."""
    if isinstance(w, (QCheckBox, QRadioButton)):
        y = w.height() // 2
        x = next((x for x in range(2, w.width()) if w.hitButton(QPoint(x, y))), 2)
        return QPoint(x + 2, y)
    return w.rect().center()


def button(root, text: str) -> QAbstractButton:
    """The visible button under `root` whose text (without its &-mnemonic) starts with `text`."""
    found = [b for b in root.findChildren(QAbstractButton)
             if b.isVisible() and b.text().replace("&", "").startswith(text)]
    assert found, f"no button “{text}” on screen: {[b.text() for b in root.findChildren(QAbstractButton) if b.isVisible()]}"
    return found[0]


def line_of(w):
    """The line edit the clerk types into: the widget itself, or the one inside a date field."""
    if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
        return w
    for attr in ("edit", "line"):
        inner = getattr(w, attr, None)
        if inner is not None and not callable(inner):
            return line_of(inner)
    found = w.findChild(QLineEdit)
    assert found is not None, f"nothing to type into in {type(w).__name__}"
    return found


def type_into(w, text: str, leave: bool = True) -> None:
    """Click into the field, select what is there, type `text`, and (by default) Tab out of it."""
    edit = line_of(w)
    QTest.mouseClick(edit if not isinstance(edit, (QPlainTextEdit, QTextEdit)) else edit.viewport(), Qt.LeftButton)
    QTest.keyClick(edit, Qt.Key_A, Qt.ControlModifier)
    QTest.keyClick(edit, Qt.Key_Delete)
    type_text(edit, text)
    if leave and isinstance(edit, QLineEdit):
        popup = edit.completer().popup() if edit.completer() else None
        if popup is not None and popup.isVisible():
            QTest.keyClick(popup, Qt.Key_Escape)
        QTest.keyClick(edit, Qt.Key_Tab)
    settle()


def choose(combo: QComboBox, data=None, text: str | None = None) -> None:
    """Pick an item with the keyboard, as a clerk tabbing through the form does."""
    combo.setFocus(Qt.TabFocusReason)
    QTest.keyClick(combo, Qt.Key_Home)
    for _ in range(combo.count()):
        if (data is not None and combo.currentData() == data) or (text is not None and combo.currentText() == text):
            settle()
            return
        QTest.keyClick(combo, Qt.Key_Down)
    raise AssertionError(f"{data or text!r} is not offered: {[combo.itemText(i) for i in range(combo.count())]}")


def select_row(view: QAbstractItemView, row: int = 0, column: int = 0) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.visualRect(index).center())
    settle()


def open_tab(root, title: str) -> None:
    for bar in root.findChildren(QTabBar):
        for i in range(bar.count()):
            if bar.isVisible() and bar.tabText(i).replace("&", "") == title:
                QTest.mouseClick(bar, Qt.LeftButton, Qt.NoModifier, bar.tabRect(i).center())
                settle()
                return
    raise AssertionError(f"no tab “{title}”")


def tick(root, label: str) -> None:
    """Tick a checkable item of a list (click it, then Space) or a check box."""
    for lst in root.findChildren(QListWidget):
        for i in range(lst.count()):
            item = lst.item(i)
            if item.text() == label and lst.isVisible():
                if item.checkState() != Qt.Checked:
                    lst.scrollToItem(item)
                    QTest.mouseClick(lst.viewport(), Qt.LeftButton, Qt.NoModifier, lst.visualItemRect(item).center())
                    QTest.keyClick(lst.viewport(), Qt.Key_Space)
                assert item.checkState() == Qt.Checked, label
                return
    boxes = [b for b in root.findChildren(QCheckBox) if b.text() == label and b.isVisible()]
    assert boxes, f"nothing to tick called “{label}”"
    if not boxes[0].isChecked():
        click(boxes[0])


# ---- the year ----------------------------------------------------------------------------------------
class Clerk:
    """The window, what the clerk answers when asked, and the dialogs the next steps expect."""

    def __init__(self, qtbot, tmp: Path, monkeypatch):
        from gwdesk.ui.common import alerts, files
        self.qtbot, self.tmp = qtbot, tmp
        self.window = None
        self.expect: list = []  # functions answering the next modal dialogs, in order
        self.answers: dict = {}  # alert title → the clerk's answer (else yes / the first choice)
        self.optional: dict = {}  # dialogs a version of the window may ask (class name → answer)
        self.told: list[tuple[str, str, str]] = []
        self.texts: list[str] = []  # answers to alerts.text (a URL, a reason)
        self.files: list[str] = []  # answers to file dialogs, in order
        self.printed: list[Path] = []
        monkeypatch.setattr(alerts, "responder", self._alert)
        monkeypatch.setattr(files, "responder", self._file)
        monkeypatch.setattr(QDialog, "exec", lambda dlg: self._exec(dlg))
        monkeypatch.setattr(QPrintDialog, "exec", lambda dlg: self._print(dlg))

    def _alert(self, kind, title, text):
        self.told.append((kind, title, text))
        if title in self.answers:
            return self.answers[title]
        if kind == "text":
            return self.texts.pop(0) if self.texts else False
        return True

    def _file(self, op, kind, title, start):
        assert self.files, f"an unexpected file dialog: {title} ({kind})"
        return self.files.pop(0)

    def _exec(self, dlg):
        dlg.show()
        settle()
        if not self.expect and type(dlg).__name__ in self.optional:
            answer = self.optional[type(dlg).__name__]
        else:
            assert self.expect, f"an unexpected dialog: {type(dlg).__name__} “{dlg.windowTitle()}”"
            answer = self.expect.pop(0)
        shot(type(dlg).__name__)
        answer(dlg)
        settle()
        if isValid(dlg) and dlg.isVisible():
            dlg.reject()
        return dlg.result()

    def _print(self, dlg):
        out = self.tmp / f"printed_{len(self.printed)}.pdf"
        dlg.printer().setOutputFormat(QPrinter.PdfFormat)
        dlg.printer().setOutputFileName(str(out))
        dlg.printer().setResolution(72)
        self.printed.append(out)
        return QDialog.Accepted

    def section(self, key: str):
        sb = self.window.sidebar
        item = next(sb.item(i) for i in range(sb.count()) if sb.item(i).data(Qt.UserRole) == key)
        QTest.mouseClick(sb.viewport(), Qt.LeftButton, Qt.NoModifier, sb.visualItemRect(item).center())
        settle()
        assert self.window.current_section() == key
        return self.window.pages[key]

    def last_told(self) -> str:
        return self.told[-1][2] if self.told else ""


def ok(dlg) -> None:
    for box in dlg.findChildren(QDialogButtonBox):
        for b in box.buttons():
            if box.buttonRole(b) in (QDialogButtonBox.AcceptRole, QDialogButtonBox.YesRole) and b.isVisible():
                click(b)
                return
    raise AssertionError(f"no OK button in {type(dlg).__name__}")


def first_run(clerk):
    from gwdesk.app import start_window

    def answer(dlg):
        type_into(dlg.form.name, UNIT)
        choose(dlg.form.level, data="县级部门")
        type_into(dlg.form.supervisor, "重庆市梁平区人民政府办公室")
        type_into(dlg.form.aliases, "区民政局")
        tick(dlg, "区政府各部门")
        click(dlg.buttons.button(QDialogButtonBox.Ok))
        assert not dlg.isVisible(), dlg.error.text()
    clerk.expect.append(answer)
    clerk.window = start_window(clerk.ctx)
    assert clerk.window is not None and clerk.window.isVisible()
    assert UNIT in clerk.window.windowTitle()
    page = clerk.section("review")
    assert page.model.rowCount() == 0


ATTRIBUTES = {
    "主动公开": {},
    "依申请公开": dict(attribute="依申请公开", request_reasons="first", reasons=[], channels=[], column=None,
                  planned_date=None, scope=None, time_limit=None),
    "不予公开": dict(attribute="不予公开", reasons="first", channels=[], column=None, planned_date=None, summary=None,
                 scope=None, time_limit=None, checks=[]),
    "删减后公开": dict(attribute="删减后公开", reasons="first", withheld_content="附件中申请人身份证号码、联系电话已删除"),
}
LAST = {"主动公开": ("登记公开", "已公开"), "依申请公开": ("登记依申请公开", "已登记"),
        "不予公开": ("登记不予公开", "已登记"), "删减后公开": ("登记公开", "已公开")}


def fill_field(ed, key, value) -> None:
    from gwdesk.ui.review import fields
    w = ed.widgets[key]
    if not (w.isVisible() and w.isEnabled()) or value is None:
        return
    ed.scroll.ensureWidgetVisible(w)
    if isinstance(w, fields.ChoiceWidget):
        choose(w.combo, data=value)
    elif isinstance(w, fields.BoolWidget):
        click(w.yes if value else w.no)
    elif isinstance(w, fields.MultiWidget):
        wanted = {w.boxes[0][0]} if value == "first" else set(value)
        for k, box in w.boxes:
            if box.isChecked() != (k in wanted):
                click(box)
    elif isinstance(w, fields.AutoWidget):
        return
    else:
        type_into(w, str(value))
    if not isinstance(w, fields.MultiWidget):
        assert w.value() not in (None, ""), f"{key}: typed {value!r}, the field holds {w.value()!r}"


def sign(ed, date: str) -> None:
    """Every sign-off box open at this stage gets 同意, a name and a typed date."""
    names = iter(["王建华", "赵德明", "陈静", "李晓梅", "刘志强", "张国平", "周敏"])
    for key, row in ed.signoff_rows.items():
        if row.isEnabled() and row.isVisible() and not row.choice.currentData():
            ed.scroll.ensureWidgetVisible(row)
            choose(row.choice, data=row.role.options[0])
            type_into(row.signer, next(names))
            type_into(row.date, date)


def review_chain(clerk, attribute: str, n: int) -> None:
    page = clerk.section("review")
    click(button(page, "新建意见单"))
    ed = page.editor
    assert ed.isVisible()
    values = copy.deepcopy(SAMPLE["values"])
    values.update(ATTRIBUTES[attribute])
    values["title"] = f"关于做好2026年第{n}批{attribute}事项的通知"
    values["summary"] = "明确本局2026年第%d批工作安排、责任分工和完成时限。" % n if values.get("summary", "") is not None else None
    values["interp_title"] = f"《{values['title']}》解读"
    values["doc_number"] = f"梁民发〔2026〕{n}号"
    values.pop("fill_date", None)
    order = ["attribute"] + [k for k in ed.widgets if k != "attribute"]
    for _ in range(2):  # a choice opens the fields it needs (reasons after 不予公开 …) once the form is re-checked
        for key in order:
            if key in values:
                fill_field(ed, key, values[key])
        until(lambda: not ed._check_timer.isActive())  # the re-check after the pause in typing has run
        settle()
    click(button(ed, "保存"))
    assert ed.form.id is not None, clerk.last_told()
    # reading the form back, the clerk scrolls with the wheel over the drop-downs: nothing changes but the view
    line_of(ed.widgets["title"]).setFocus(Qt.MouseFocusReason)
    ed.scroll.verticalScrollBar().setValue(0)
    for key in ("attribute", "scope", "time_limit"):
        if ed.widgets[key].isVisible():
            for _ in range(2):
                wheel(ed.widgets[key].combo)
    assert ed.widgets["attribute"].value() == values["attribute"]
    assert ed.scroll.verticalScrollBar().value() > 0
    for action in ("submit", "approve"):
        sign(ed, "2026-11-12")
        b = ed.action_btns[action]
        assert b.isEnabled(), (attribute, action, ed.missing_title.text(), ed.missing_texts())
        click(b)
    assert ed.form.status == "已审定", (attribute, ed.form.status)
    label, status = LAST[attribute]
    last = ed.action_btns["publish"]
    assert last.text() == label
    if status == "已公开":
        fill_field(ed, "published_date", "2026-11-20")
        fill_field(ed, "url", "http://www.cqlp.gov.cn/zwgk/art/2026/11/20/art_%d.html" % n)
        if "interp_published" in ed.widgets:
            fill_field(ed, "interp_published", True)
        sign(ed, "2026-11-20")
    clerk.qtbot.waitUntil(last.isEnabled, timeout=2000)
    click(last)
    assert ed.form.status == status
    printed = len(clerk.printed)
    click(button(ed, "打印…"))
    assert len(clerk.printed) == printed + 1 and clerk.printed[-1].stat().st_size > 1000
    from pypdf import PdfReader
    pages = PdfReader(clerk.printed[-1]).pages  # the printer gets each page as a picture
    assert 1 <= len(pages) <= 2 and pages[0].images, "the printout has the form on it"
    click(button(ed, "← 返回列表"))
    assert page.list_page.isVisible()


def review_year(clerk):
    for n, attribute in enumerate(ATTRIBUTES, start=1):
        review_chain(clerk, attribute, n)
    page = clerk.window.pages["review"]
    statuses = sorted(page.model.index(r, 9).data() for r in range(page.model.rowCount()))
    assert page.model.rowCount() == 4 and statuses.count("已公开") == 2 and statuses.count("已登记") == 2, statuses
    # the registers the unit sends (by month or for the year, whichever the window offers first)
    out = clerk.tmp / "登记表.xlsx"
    clerk.files.append(str(out))
    clerk.optional["RegistersDialog"] = ok  # 导出登记表… asks the month or the year (issue 21 item 6)
    click(button(page, "导出登记表"))
    assert out.stat().st_size > 2000 and "登记表" in clerk.last_told() and str(out) in clerk.last_told()
    import openpyxl
    sheets = openpyxl.load_workbook(out).sheetnames
    assert any("公开信息登记表" in n for n in sheets) and any("不予公开" in n for n in sheets), sheets


def import_answer(clerk, path):
    def answer(dlg):
        clerk.files.append(str(path))
        click(dlg.choose_button)
        assert dlg.file_label.text().endswith(Path(path).name), dlg.file_label.text()
        for _ in range(6):  # “区政府有关部门”…: is this unit among them? (each answer rebuilds the questions)
            asked = [b for b in dlg.findChildren(QAbstractButton) if b.isVisible() and b.text() == "包括本单位"]
            if not asked:
                break
            click(asked[0])
        click(dlg.ok_button)
        assert not dlg.isVisible(), (clerk.told[-3:], dlg.findChildren(QLabel)[-1].text())
    return answer


def tasks_year(clerk):
    import importlib.util
    page = clerk.section("tasks")
    clerk.expect.append(import_answer(clerk, FIXTURES / "tasks" / "lp2021.xlsx"))
    click(button(page, "导入任务清单"))  # the empty screen's own button
    assert page.list_combo.count() == 1
    mine = page.overview.buttons
    assert any("本单位任务" in b.text() and not b.text().endswith(" 0") for b in mine.values())
    spec = importlib.util.spec_from_file_location("corpus_build", FIXTURES / "tasklists" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    second = build.build(json.loads((FIXTURES / "tasklists" / "cq_gaoxin_2021.json").read_text("utf-8")), clerk.tmp)
    clerk.expect.append(import_answer(clerk, second))
    click(page.import_button)  # the toolbar's 导入任务清单…
    assert page.list_combo.count() == 2
    choose(page.list_combo, text=page.list_combo.itemText(1) if "梁平" in page.list_combo.itemText(1)
           else page.list_combo.itemText(0))
    assert "梁平" in page.list_combo.currentText()

    # progress and evidence on the first task
    select_row(page.view, 0, 1)
    d = page.detail
    assert d.isEnabled() and d.task is not None
    notes = d.notes.count()
    type_into(d.note_text, "已在区政府网站公开“十四五”规划全文及解读")
    click(d.add_note_button)
    assert d.notes.count() == notes + 1 and "十四五" in d.notes.item(d.notes.count() - 1).text()
    choose(d.status, text="推进中")  # stored at once (the task screen has no timer but the 1.5 s draft autosave)
    task = d.task.id
    select_row(page.view, 1, 1)  # another task, then back: what was chosen is what is stored
    select_row(page.view, 0, 1)
    assert d.task.id == task and d.status.currentText() == "推进中"
    evidence = d.evidence.count()
    clerk.texts.append("http://www.cqlp.gov.cn/zwgk/ghxx/2026/art_1.html")
    click(d.add_url_button)
    proof = clerk.tmp / "公开截图.pdf"
    proof.write_bytes(b"%PDF-1.4\n% screenshot of the published page\n")
    clerk.files.append(str(proof))
    click(d.add_file_button)
    assert d.evidence.count() == evidence + 2

    # every export
    out = clerk.tmp / "exports"
    out.mkdir()
    clerk.files.append(str(out / "台账.xlsx"))
    click(page.export_button)
    assert (out / "台账.xlsx").stat().st_size > 2000
    clerk.files.append(str(out / "完成情况报告.docx"))
    clerk.expect.append(ok)
    click(page.report_button)
    assert (out / "完成情况报告.docx").stat().st_size > 2000
    clerk.files.append(str(out / "进展报送.json"))
    click(button(page, "导出进展报送文件"))
    progress = json.loads((out / "进展报送.json").read_text("utf-8"))
    assert UNIT in json.dumps(progress, ensure_ascii=False)


APPLICATIONS = [("王建国", "自然人", "2026年城乡低保对象名单", "补正"),
                ("李秀英", "自然人", "2025年临时救助资金发放明细", "延期"),
                ("重庆某律师事务所", "法律服务机构", "区养老机构备案情况", "收费"),
                ("张三", "自然人", "殡葬服务收费标准", None),
                ("某社会组织", "社会公益组织", "2026年社会组织年检结果", None)]


def registration(clerk, name, kind, content, received):
    def answer(dlg):
        r = dlg.registration
        type_into(r.received, received)
        choose(r.applicant_type, text=kind)
        type_into(r.applicant_name, name)
        type_into(r.contact, "023-53221234")
        type_into(r.content, content, leave=False)
        ok(dlg)
        assert not dlg.isVisible(), clerk.last_told()
    return answer


def handling(clerk, step: str | None):
    """The application opens again after it is registered: its step (typed dates), then the reply."""
    def step_answer(sd):
        choose(sd.kind, text=step)
        type_into(sd.started, "2026-09-18")
        if step == "补正":
            type_into(sd.deadline, "2026-10-30")
            assert sd.deadline.value().isoformat() == "2026-10-30"
        elif step == "延期":
            type_into(sd.approver, "刘志强")
        elif step == "收费":
            choose(sd.fee_method, text="按量")
            type_into(sd.pages, "120")
            assert "元" in sd.hint.text() and sd.hint.isVisible()
        ok(sd)
        assert not sd.isVisible(), clerk.last_told()

    def answer(dlg):
        assert dlg.app is not None and dlg.tabs.count() > 1
        if step:
            open_tab(dlg, "办理步骤")
            steps = dlg.steps_model.rowCount()
            clerk.expect.insert(0, step_answer)
            click(button(dlg, "添加步骤"))
            assert dlg.steps_model.rowCount() == steps + 1
            if step in ("补正", "收费"):  # the 补正 arrives / the fee is paid, on a typed date
                select_row(dlg.steps_tab.view, dlg.steps_model.rowCount() - 1, 0)
                type_into(dlg.steps_tab.finish_date, "2026-09-25")
                click(button(dlg, "记为已结束"))
        open_tab(dlg, "答复")
        type_into(dlg.reply_date, "2026-10-20")
        type_into(dlg.reply_number, f"梁民依复〔2026〕{dlg.app.number[-3:]}号")
        choose(dlg.outcome, data=dlg.outcome.itemData(1))
        click(button(dlg, "保存答复并办结"))
    return answer


APPLICATIONS = [("王建国", "自然人", "2026年城乡低保对象名单", "补正"),
                ("李秀英", "自然人", "2025年临时救助资金发放明细", "延期"),
                ("重庆某律师事务所", "法律服务机构", "区养老机构备案情况", "收费"),
                ("张三", "自然人", "殡葬服务收费标准", None),
                ("某社会组织", "社会公益组织", "2026年社会组织年检结果", None)]


def applications_year(clerk):
    page = clerk.section("applications")
    for i, (name, kind, content, step) in enumerate(APPLICATIONS):
        before = page.model.rowCount()
        clerk.expect += [registration(clerk, name, kind, content, f"2026-09-{10 + i:02d}"), handling(clerk, step)]
        click(button(page, "登记申请"))
        assert not clerk.expect, "the registered application did not open for its handling"
        assert page.model.rowCount() == before + 1
        shown = [" ".join(str(page.model.index(r, c).data() or "") for c in range(3)) for r in range(before + 1)]
        assert any(f"2026-09-{10 + i:02d}" in r for r in shown), f"the typed 收到日期 is not what the ledger shows: {shown}"
    m = page.model
    headers = [m.headerData(c, Qt.Horizontal) for c in range(m.columnCount())]
    rows = [" ".join(str(m.index(r, c).data() or "") for c in range(m.columnCount())) for r in range(m.rowCount())]
    assert m.rowCount() == 5 and all("已办结" in r or "已答复" in r for r in rows), (clerk.told[-6:], rows)
    # the ledger exported, personal details masked (the clerk answers 否 to exporting them in full)
    out = clerk.tmp / "依申请公开台账.xlsx"
    clerk.files.append(str(out))
    clerk.answers["导出台账"] = False
    click(button(page, "导出台账"))
    import openpyxl
    cells = " ".join(str(c.value) for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row)
    assert "王*国" in cells and "王建国" not in cells and "重庆某律师事务所" in cells


def fill_empty_cells(grid, value: str = "0") -> int:
    """Type `value` into every editable cell still empty, as the clerk does: click it, type, Enter."""
    m = grid.model()
    filled = 0
    for r in range(m.rowCount()):
        for c in range(m.columnCount()):
            index = m.index(r, c)
            if not (m.flags(index) & Qt.ItemIsEditable) or str(index.data() or "").strip():
                continue
            grid.scrollTo(index)
            QTest.mouseClick(grid.viewport(), Qt.LeftButton, Qt.NoModifier, grid.visualRect(index).center())
            QTest.keyClicks(grid, value)  # typing starts the cell's editor with the first key
            editors = [e for e in grid.findChildren(QLineEdit) if e.isVisible()]
            if editors and value not in editors[0].text():
                QTest.keyClicks(editors[0], value)
            QTest.keyClick(editors[0] if editors else grid, Qt.Key_Return)
            settle()
            assert str(m.index(r, c).data()) == value, (r, c, m.index(r, c).data())
            filled += 1
    return filled


NARRATIVES = {
    "一、总体情况": "2026年，梁平区民政局认真贯彻《中华人民共和国政府信息公开条例》，主动公开政府信息2条，"
                 "全年新收政府信息公开申请5件，办结5件，结转下年度0件。",
    "五、问题及改进": "存在的主要问题是政策解读形式较为单一。下一步将丰富图解、音视频等解读形式，提升解读质量。",
    "六、其他事项": "本年度依申请提供政府信息收取信息处理费1件。人大代表建议和政协提案办理结果均已公开。",
}


def report_year(clerk):
    from gwdesk.ui.report.findings_panel import FindingsPanel
    from gwdesk.ui.report.grid_view import GridView
    page = clerk.section("report")
    choose(page.year_box, data=2026)  # the report written this winter
    assert page.data.year == 2026
    click(button(page, "从台账取数"))
    until(lambda: page.findChild(FindingsPanel) is not None and page.findChild(FindingsPanel).model.rowCount() > 0)
    panel = page.findChild(FindingsPanel)
    assert "个错误" in panel.check_label.text() and panel.model.rowCount() > 0  # 表二 and the texts not yet written
    select_row(panel.view, 0, 2)  # the clerk clicks the first problem: its tab comes up
    assert page.tabs.tabText(page.tabs.currentIndex()) == "表二 主动公开"
    for tab in ("表二 主动公开", "表三 依申请公开", "表四 复议诉讼"):
        open_tab(page, tab)
        grids = [g for g in page.tabs.currentWidget().findChildren(GridView) if g.isVisible()]
        for grid in grids:
            fill_empty_cells(grid)
    click(button(page, "填入计算的总计"))
    for tab, text in NARRATIVES.items():
        open_tab(page, tab)
        editor = page.tabs.currentWidget().editor
        type_into(editor, text, leave=False)
        assert editor.toPlainText() == text
    until(lambda: panel.check_label.text() == "校验：未发现问题")  # saved and checked again as the clerk types
    problems = [panel.model.index(r, 2).data() for r in range(panel.model.rowCount())]
    assert panel.check_label.isVisible() and panel.check_label.text() == "校验：未发现问题", problems
    out = clerk.tmp / "report"
    out.mkdir()
    for kind in ("DOCX", "PDF"):
        clerk.files.append(str(out / f"年度报告.{kind.lower()}"))
        click(button(page, f"导出 {kind}"))
        assert (out / f"年度报告.{kind.lower()}").stat().st_size > 2000
    from pypdf import PdfReader
    text = "".join(p.extract_text() for p in PdfReader(out / "年度报告.pdf").pages).replace("\n", "")
    assert "梁平区民政局" in text and "政府信息公开工作年度报告" in text


def backup_and_restore(clerk):
    page = clerk.section("settings")
    click(button(page, "立即备份"))
    assert clerk.told[-1][1] == "备份完成", clerk.told[-1]
    from PySide6.QtWidgets import QTableView
    panel_view = [v for v in page.findChildren(QTableView) if v.isVisible() and v.model().rowCount()][0]  # 备份列表
    select_row(panel_view, 0, 0)
    click(button(page, "恢复所选备份"))
    until(lambda: any(t[1] == "恢复备份" for t in clerk.told))
    assert [t for t in clerk.told if t[1] == "恢复备份" and t[2].startswith("已恢复备份")], clerk.told[-3:]
    review = clerk.section("review")
    assert review.model.rowCount() == 4  # everything is still there after the restore
    tasks = clerk.section("tasks")
    assert tasks.list_combo.count() == 2


STEPS = [("首次启动", first_run), ("公开审查：每种公开属性一份意见单，走完流程并打印", review_year),
         ("任务台账：两份清单、进展、佐证、导出", tasks_year), ("依申请公开：五件申请，补正、延期、收费", applications_year),
         ("年度报告：填写、校验、导出", report_year), ("备份与恢复", backup_and_restore)]


def _inside(raised) -> str:
    import traceback
    return "; ".join(f"{t.__name__}: {e} at " + " < ".join(f"{f.name}:{f.lineno}" for f in
                                                             reversed(traceback.extract_tb(tb)[-3:]))
                     for t, e, tb in raised)


@pytest.mark.allow_log_warnings
def test_a_clerks_year(qtbot, tmp_path, monkeypatch, data_dir, store, caplog):
    from gwdesk.context import AppContext
    from gwdesk.core import workdays
    from conftest import TODAY
    workdays.invalidate()
    clerk = Clerk(qtbot, tmp_path, monkeypatch)
    clerk.ctx = AppContext(store=store, data_dir=data_dir, today=lambda: TODAY)
    blocked_failed, problems = [], []
    try:
        for name, step in STEPS:
            raised = []
            try:
                with qtbot.capture_exceptions() as raised:
                    try:
                        step(clerk)
                        shot(step.__name__)
                    except Exception as e:  # what went wrong inside a slot first (it explains the rest)
                        if raised:
                            raise AssertionError(_inside(raised) + f"; then {type(e).__name__}: {e}") from e
                        raise
                if raised:
                    raise AssertionError(_inside(raised))
            except Exception as e:  # noqa: BLE001 - the report names the step
                if name in BLOCKED:
                    blocked_failed.append(f"{name}: {BLOCKED[name]} ({type(e).__name__}: {str(e)[:300]})")
                    continue  # the rest of the year goes on from where the clerk was left
                raise AssertionError(f"step “{name}”: {type(e).__name__}: {e}") from e
            else:
                if name in BLOCKED:
                    problems.append(f"step “{name}” passes now: remove it from BLOCKED")
        warnings = [f"{r.levelname} {r.name}: {r.getMessage()[:200]}" for r in caplog.records
                    if r.levelno >= logging.WARNING and not r.name.startswith("gwdesk.alerts")
                    and "backup rotation skipped" not in r.getMessage()]
        assert warnings == []
        assert problems == []
    finally:
        if clerk.window is not None and isValid(clerk.window):
            for t in clerk.window.findChildren(QTimer):
                t.stop()
            scheduler = getattr(clerk.window, "backup_scheduler", None)
            if scheduler is not None and hasattr(scheduler, "stop"):
                scheduler.stop()
            clerk.window.hide()
            clerk.window.deleteLater()
            settle()
        workdays.invalidate()
    if blocked_failed:
        pytest.xfail("; ".join(blocked_failed))



