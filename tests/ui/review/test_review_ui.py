"""公开审查 screen offscreen: list filters and counts, editor from a custom definition, autosave recovery, printing."""

from __future__ import annotations

from locations import ROOT, TESTS

import copy
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from gwdesk import paths
from gwdesk.core import demo as core_demo
from gwdesk.core.review import drafts, forms
from gwdesk.render.model import plain_text
from ui_support import type_text

SAMPLE = json.loads((TESTS / "fixtures/review/sample_form.json").read_text("utf-8"))


@pytest.fixture
def page(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.review.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    return p


def test_list_shows_demo_with_counts_filters_and_overdue(qtbot, ctx, profile, alerts_log):
    core_demo.load(ctx)
    from gwdesk.ui.review.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    assert p.model.rowCount() == 25
    assert "草稿 4" in p.counts.text() and "逾期未公开 2 份" in p.counts.text()
    p.status.setCurrentIndex(p.status.findData("已审定"))
    assert p.model.rowCount() == 5  # 依申请公开 and 不予公开 ones are 已登记
    tones = [p._tone(r, ctx.today()) for r in p.model.rows()]
    assert tones.count("overdue") == 2
    p.status.setCurrentIndex(0)
    p.search.setText("低保")
    assert {r.title for r in p.model.rows()} >= {"关于上报低保对象抽查复核情况的函"}
    assert all("低保" in r.title or "低保" in r.doc_number for r in p.model.rows())
    p.search.clear()
    p.attribute.setCurrentIndex(p.attribute.findData("不予公开"))
    assert {r.attribute for r in p.model.rows()} == {"不予公开"}


def test_submit_refused_lists_missing_and_panel_shows_them(page, qtbot, alerts_log):
    page.new_form()
    ed = page.editor
    ed.widgets["title"].set_value("关于做好冬季困难群众救助工作的通知")
    ed.widgets["attribute"].set_value("不予公开")
    ed.refresh_checks()
    missing = ed.missing_texts()
    assert "✗ 缺少：不予公开（删减）理由" in missing and "✗ 缺少：文种" in missing
    assert "✗ 缺少：文件标题" not in missing
    assert ed.save()
    ed.do_action("submit")
    kind, title, text = alerts_log[-1]
    assert kind == "error" and title == "不能送审" and "缺少：不予公开（删减）理由" in text
    assert forms.get(ed.form.id).status == "草稿"
    # 主动公开 disables the withheld-reason picker live
    ed.widgets["attribute"].set_value("主动公开")
    ed.refresh_checks()
    assert not ed.widgets["reasons"].isEnabled()


def test_full_flow_in_editor_with_return_reason(page, ctx):
    f = forms.create(ctx, copy.deepcopy(SAMPLE["values"]), copy.deepcopy(SAMPLE["signoffs"]))
    page.open_form(f.id)
    ed = page.editor
    assert ed.missing_title.text() == "可以送审：没有缺项"
    ed.do_action("submit")
    assert forms.get(f.id).status == "待审核"
    ed.ask_reason = lambda title, prompt: ("解读材料不完整", True)
    ed.do_action("return")
    assert forms.get(f.id).status == "草稿"
    assert ed.banner.text() == "已退回修改：解读材料不完整"


def test_autosave_recovery_after_crash(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.review.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    p.new_form()
    p.editor.widgets["title"].set_value("没来得及保存的标题")
    p.editor.widgets["summary"].set_value("正在写的概述")
    assert p.editor.is_dirty()
    key = p.editor.draft_key
    assert p.editor.autosaver.timer.isActive() and drafts.pending(key) is None
    p.editor.autosaver.timer.timeout.emit()  # the pause in typing has passed
    assert drafts.pending(key) is not None
    # the window dies here without saving; the next start offers the draft back (gwdesk.ui.recovery),
    # which asks the page to restore it
    p2 = Page(ctx)
    qtbot.addWidget(p2)
    assert p2.restore_draft(key)
    assert p2.stack.currentWidget() is p2.editor
    assert p2.editor.values()["title"] == "没来得及保存的标题"
    assert p2.editor.values()["summary"] == "正在写的概述"
    assert p2.editor.save()
    assert drafts.pending_all() == []
    assert forms.get(p2.editor.form.id).title == "没来得及保存的标题"


def test_unsaved_edit_of_stored_form_recovered_on_reopen(page, ctx, alerts_log):
    f = forms.create(ctx, {"title": "原标题"})
    page.open_form(f.id)
    page.editor.widgets["title"].set_value("改过的标题")
    page.editor.autosaver.timer.timeout.emit()  # autosaved after a pause; then the program dies
    assert drafts.pending(drafts.key_for(f.id)).values["title"] == "改过的标题"
    page.open_form(f.id)
    assert page.editor.values()["title"] == "改过的标题"
    assert forms.get(f.id).title == "原标题"


CUSTOM_FIELD = '''  [[sections.fields]]
  key = "legal_review"
  label = "合法性审核意见"
  type = "textarea"
  required_when = "normative == true"
  help = "司法所出具的合法性审核意见"

[[sections]]
key = "after"'''


def test_field_added_in_custom_toml_appears_in_editor_check_and_print(qtbot, ctx, profile, alerts_log, tmp_path):
    text = paths.bundled_form("publication_review.toml").read_text("utf-8")
    custom = text.replace('[[sections]]\nkey = "after"', CUSTOM_FIELD)
    (paths.user_forms_dir() / "publication_review.toml").write_text(custom, "utf-8")
    from gwdesk.ui.review.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    f = forms.create(ctx, copy.deepcopy(SAMPLE["values"]), copy.deepcopy(SAMPLE["signoffs"]),
                     definition=p.definition)
    p.open_form(f.id)
    ed = p.editor
    assert "legal_review" in ed.widgets and ed.labels["legal_review"].text().endswith("合法性审核意见")
    assert "✗ 缺少：合法性审核意见" in ed.missing_texts()
    ed.widgets["legal_review"].set_value("经审核，符合法律法规规定。")
    assert ed.save()
    ed.refresh_checks()
    assert ed.missing_title.text() == "可以送审：没有缺项"
    doc = p._docs([forms.get(f.id)])[0]
    assert "合法性审核意见" in plain_text(doc) and "经审核，符合法律法规规定。" in plain_text(doc)
    out = p.render_to([forms.get(f.id)], tmp_path / "custom.pdf")
    assert "合法性审核意见" in "".join(PdfReader(str(out)).pages[0].extract_text().split())


@pytest.mark.allow_log_warnings
def test_broken_custom_toml_warns_and_uses_bundled(qtbot, ctx, profile, alerts_log):
    (paths.user_forms_dir() / "publication_review.toml").write_text("name = \n", "utf-8")
    from gwdesk.ui.review.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    assert p.definition.bundled
    assert alerts_log[0][0] == "warn" and "第1行" in alerts_log[0][2]


def test_merge_selected_into_one_pdf_and_preview(page, ctx, tmp_path, qtbot):
    a = forms.create(ctx, copy.deepcopy(SAMPLE["values"]), copy.deepcopy(SAMPLE["signoffs"]))
    b = forms.create(ctx, dict(copy.deepcopy(SAMPLE["values"]), title="第二份"))
    page.reload()
    page.table.selectAll()
    assert set(page.selected_ids()) == {a.id, b.id}
    out = tmp_path / "two.pdf"
    page.choose_save_path = lambda *args: str(out)
    page.merge_selected()
    assert len(PdfReader(str(out)).pages) == 2
    dlg = page.preview([forms.get(a.id)])
    qtbot.addWidget(dlg)
    assert dlg.page_count == 1
    dlg.show()
    qtbot.waitExposed(dlg)
    # the page is drawn: a white sheet with dark text on it, fitted to the dialog's width
    image = dlg.labels[0].pixmap().toImage()
    assert image.width() > 300
    colours = {image.pixelColor(x, y).lightness() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert max(colours) > 240 and min(colours) < 80
    dlg.resize(1000, 700)
    assert dlg.width() <= 1366 and dlg.height() <= 768


def test_paint_pdf_to_printer_writes_every_page(qtbot, tmp_path, ctx):
    from PySide6.QtPrintSupport import QPrinter
    from gwdesk.render.layouts import review_form
    from gwdesk.render.pdf import render_pdf_many
    from gwdesk.core import formdef
    from gwdesk.ui.review.preview import paint_pdf
    d = formdef.load()
    one_page = review_form.build(forms.Form.from_json(copy.deepcopy(SAMPLE)), d, core_demo.DEMO_PROFILE)
    src = render_pdf_many([one_page] * 2, tmp_path / "src.pdf")
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint_pdf(src, printer) == 2
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == 2


def test_dates_can_be_picked_from_a_calendar_or_typed(page, ctx, qtbot):
    from PySide6.QtCore import QDate

    f = forms.create(ctx, copy.deepcopy(SAMPLE["values"]), copy.deepcopy(SAMPLE["signoffs"]))
    page.open_form(f.id)
    ed = page.editor
    field = ed.widgets["doc_date"]
    field.set_value("2026年11月3日")
    field.line.open_calendar()  # opens on the typed day
    assert field.line.calendar.selectedDate() == QDate(2026, 11, 3)
    assert field.line.menu.isVisible()
    field.line.calendar.clicked.emit(QDate(2026, 11, 18))
    assert field.value() == "2026-11-18" and not field.line.menu.isVisible()
    field.set_value("")
    field.line.open_calendar()  # empty: opens on today
    assert field.line.calendar.selectedDate() == QDate.currentDate()
    field.line.menu.close()
    assert field.value() is None  # opening and closing the calendar leaves an empty date empty
    sign = next(iter(ed.signoff_rows.values()))
    sign.date.open_calendar()
    sign.date.calendar.activated.emit(QDate(2026, 11, 20))
    assert sign.value()["date"] == "2026-11-20"
    ed.save()
    saved = forms.get(f.id)
    assert saved.values["doc_date"] is None or saved.values["doc_date"] == ""  # cleared above
    assert next(iter(saved.signoffs.values()))["date"] == "2026-11-20"


# ---- a new form is never lost (issue 21, item 3) ----------------------------------------------------------
def _type_title(qtbot, page, text):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    QTest.mouseClick(page.buttons["新建意见单"], Qt.LeftButton)
    edit = page.editor.widgets["title"].focusProxy() or page.editor.widgets["title"].edit
    assert edit.hasFocus(), "a new form puts the cursor in 文件标题"
    type_text(edit, text)
    return edit


def test_back_to_the_list_from_an_unsaved_new_form_asks(page, qtbot, alerts_log):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from gwdesk.ui.common import alerts
    page.show()
    _type_title(qtbot, page, "关于开展冬季送温暖活动的通知")
    answers = iter(["cancel", "save"])
    alerts.responder = lambda kind, title, text: next(answers) if kind == "choose" else True
    QTest.mouseClick(page.editor.back_btn, Qt.LeftButton)
    assert alerts_log[-1][0] == "choose" and "还没有保存" in alerts_log[-1][2]
    assert page.stack.currentWidget() is page.editor  # 取消: still typing
    QTest.mouseClick(page.editor.back_btn, Qt.LeftButton)  # 保存为草稿
    assert page.stack.currentWidget() is page.list_page
    rows = page.model.rows()
    assert [(r.title, r.status) for r in rows] == [("关于开展冬季送温暖活动的通知", "草稿")]
    assert drafts.pending_all() == []


def test_back_and_discard_leaves_nothing(page, qtbot, alerts_log):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from gwdesk.ui.common import alerts
    page.show()
    _type_title(qtbot, page, "不要了")
    page.editor.autosaver.flush()
    alerts.responder = lambda kind, title, text: "discard"
    QTest.mouseClick(page.editor.back_btn, Qt.LeftButton)
    assert page.stack.currentWidget() is page.list_page
    assert forms.list_forms() == [] and drafts.pending_all() == [] and page.model.rowCount() == 0


def test_every_new_form_keeps_its_own_draft_and_is_listed(qtbot, ctx, profile, alerts_log):
    """Two new forms typed (the program dying after each): two drafts, both in the list, each opens with its own
    typing; 新建意见单 is blank and never overwrites an earlier one."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from gwdesk.ui.review.page import Page
    first = Page(ctx)
    qtbot.addWidget(first)
    first.show()
    _type_title(qtbot, first, "第一份没保存的")
    first.editor.autosaver.flush()
    second = Page(ctx)  # the next start
    qtbot.addWidget(second)
    second.show()
    assert [(r.title, r.status[:3]) for r in second.model.rows()] == [("第一份没保存的", "未保存")]
    _type_title(qtbot, second, "第二份")
    assert second.editor.values()["title"] == "第二份"  # blank before typing: nothing of the first
    second.editor.autosaver.flush()
    assert sorted(d.values["title"] for d in drafts.pending_all()) == ["第一份没保存的", "第二份"]
    third = Page(ctx)
    qtbot.addWidget(third)
    third.show()
    assert sorted(r.title for r in third.model.rows()) == ["第一份没保存的", "第二份"]
    row = next(i for i, r in enumerate(third.model.rows()) if r.title == "第一份没保存的")
    third.table.selectRow(third.proxy.mapFromSource(third.model.index(row, 0)).row())
    QTest.mouseClick(third.buttons["打开"], Qt.LeftButton)
    assert third.stack.currentWidget() is third.editor
    assert third.editor.values()["title"] == "第一份没保存的" and third.editor.is_dirty()
    assert third.editor.save()
    assert [f.title for f in forms.list_forms()] == ["第一份没保存的"]
    assert [d.values["title"] for d in drafts.pending_all()] == ["第二份"]


def test_a_new_form_opens_at_the_top_on_the_title(page, qtbot, ctx, alerts_log):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    page.resize(1100, 600)
    page.show()
    f = forms.create(ctx, {"title": "已有的"})
    page.open_form(f.id)
    bar = page.editor.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    QTest.mouseClick(page.editor.back_btn, Qt.LeftButton)
    edit = _type_title(qtbot, page, "新")
    assert bar.value() == 0 and edit.hasFocus()


# ---- each 公开属性 to its own end through the editor's buttons (issue 21, item 5) ----------------------------
NEUTRAL = dict(title="关于局机关办公用房维修项目验收情况的报告", summary="局机关办公用房维修项目的验收结论和结算情况。",
               normative=False, policy_doc=False)  # nothing 条例第二十一条 asks to publish
ATTRIBUTE_CHANGES = {
    "主动公开": {},
    "依申请公开": dict(NEUTRAL, attribute="依申请公开", request_reasons=["req_scope"], reasons=[], channels=[], column=None,
                   planned_date=None, scope=None, time_limit=None),
    "删减后公开": dict(NEUTRAL, attribute="删减后公开", reasons=["art15_third"],
                  withheld_content="附件中的个人姓名和住址"),
    "不予公开": dict(NEUTRAL, attribute="不予公开", reasons=["art16_internal"], channels=[], column=None, planned_date=None,
                 summary="", scope=None, time_limit=None, checks=[]),
}
LAST = {"主动公开": ("登记公开", "已公开", "open_rows"), "依申请公开": ("登记依申请公开", "已登记", "open_rows"),
        "删减后公开": ("登记公开", "已公开", "open_rows"),
        "不予公开": ("登记不予公开", "已登记", "withheld_rows")}


def _cli_check_publish(data_dir, tmp_path, form) -> dict:
    import subprocess
    import sys
    f = tmp_path / "form.json"
    f.write_text(json.dumps({"values": form.values, "signoffs": form.signoffs}, ensure_ascii=False), "utf-8")
    r = subprocess.run([sys.executable, "-m", "gwdesk.cli", "--data-dir", str(data_dir), "review", "check",
                        "--data", str(f), "--stage", "publish", "--json"], capture_output=True, text=True,
                       cwd=str(ROOT))
    return json.loads(r.stdout)


@pytest.mark.parametrize("attribute", list(ATTRIBUTE_CHANGES))
def test_each_attribute_reaches_its_own_last_step_through_the_buttons(attribute, page, qtbot, ctx, data_dir,
                                                                     tmp_path, alerts_log):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from gwdesk.core.review import registers
    values = copy.deepcopy(SAMPLE["values"])
    values.update({k: v for k, v in ATTRIBUTE_CHANGES[attribute].items()})
    values = {k: v for k, v in values.items() if v is not None}
    f = forms.create(ctx, values, copy.deepcopy(SAMPLE["signoffs"]))
    page.reload()
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.selectRow(0)
    QTest.mouseClick(page.buttons["打开"], Qt.LeftButton)
    ed = page.editor
    for key in ("submit", "approve"):
        assert ed.action_btns[key].isEnabled(), (key, ed.missing_title.text(), ed.missing_texts())
        QTest.mouseClick(ed.action_btns[key], Qt.LeftButton)
    assert ed.form.status == "已审定"
    label, status, register = LAST[attribute]
    button = ed.action_btns["publish"]
    assert button.text() == label
    cli = _cli_check_publish(data_dir, tmp_path, ed.current_form())
    # the side list, the button and the command line say the same
    assert cli["ok"] == button.isEnabled() == ed.missing_title.text().startswith(f"可以{label}")
    if status == "已公开":
        assert ed.missing_title.text().startswith("登记公开前还缺")
        assert {p["text"] for p in cli["problems"]} >= {"缺少：实际公开日期", "缺少：网址或位置"}
        type_text(ed.widgets["published_date"].line.edit, "2026-11-20")
        type_text(ed.widgets["url"].edit, "http://www.cnqc.gov.cn/art/2026/11/20/art_1.html")
        yes = ed.widgets["interp_published"].yes
        ed.scroll.ensureWidgetVisible(yes)
        QTest.mouseClick(yes, Qt.LeftButton)
        assert ed.widgets["interp_published"].value() is True
        row = ed.signoff_rows["publisher"]
        row.choice.setFocus()
        QTest.keyClick(row.choice, Qt.Key_Down)
        type_text(row.signer, "李晓梅")
        type_text(row.date.edit, "2026-11-20")
        qtbot.waitUntil(button.isEnabled, timeout=2000)
        cli = _cli_check_publish(data_dir, tmp_path, ed.current_form())
        assert cli["ok"] and ed.missing_title.text() == "可以登记公开：没有缺项"
    else:  # nothing about publication is asked of a document that is not published
        assert not any("实际公开日期" in t or "网址" in t for t in ed.missing_texts())
    QTest.mouseClick(button, Qt.LeftButton)
    assert forms.get(f.id).status == status and ed.form.status == status
    assert ed.missing_title.text() == ("本意见单已公开" if status == "已公开" else
                                       "本意见单已登记，列入" + ("不予公开政府信息登记表" if attribute == "不予公开"
                                                           else "公开信息登记表，标为依申请公开"))
    enabled = {k for k, b in ed.action_btns.items() if b.isEnabled()}
    assert enabled == ({"revise", "withdraw"} & set(ed.action_btns) if status == "已公开" else set())  # the end
    # what the clerk is told under the buttons names the step taken (a 依申请公开 item was “已登记公开”)
    assert ed.save_state.text() == f"✓ 已{label}，状态：{status}"
    regs = registers.gather(2026)
    assert [r.number for r in getattr(regs, register)] == [f.number]
    if attribute == "删减后公开":  # published, and what was cut is in the 不予公开 register too
        assert [r.number for r in regs.withheld_rows] == [f.number]


def test_export_registers_offers_month_or_year(page, qtbot, ctx, tmp_path, alerts_log, monkeypatch):
    """Issue 21 item 6: 导出登记表… asks for the period; last month is offered (sent by the 8th); a month writes that
    month only, 全年 the year, as `gwdesk review registers --month` does."""
    import openpyxl
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from gwdesk.core.review import registers, workflow
    from gwdesk.ui.review.registers_dialog import RegistersDialog
    for doc_date in ("2026-10-12", "2026-10-30", "2026-11-03"):
        v = dict(copy.deepcopy(SAMPLE["values"]), doc_date=doc_date, fill_date=doc_date, planned_date=doc_date)
        f = forms.create(ctx, v, copy.deepcopy(SAMPLE["signoffs"]))
        workflow.transition(f.id, "submit")
        workflow.transition(f.id, "approve")
    seen = {}

    def clerk(keys):
        def run(dlg):
            dlg.show()
            seen.setdefault("offered", (dlg.year.value(), dlg.period.currentText()))
            dlg.period.setFocus()
            for k in keys:
                QTest.keyClick(dlg.period, k)
            QTest.mouseClick(dlg.ok_button, Qt.LeftButton)
            return dlg.result()
        return run
    saved = []
    monkeypatch.setattr(page, "choose_save_path", lambda title, name, filt: saved.append(name) or
                        str(tmp_path / name))
    monkeypatch.setattr(RegistersDialog, "exec", clerk([]))  # as offered: 2026年10月 (today 2026-11-20)
    page.show()
    QTest.mouseClick(page.buttons["导出登记表…"], Qt.LeftButton)
    assert seen["offered"] == (2026, "10月")
    assert saved[-1].endswith("2026年10月公开登记表.xlsx")
    ws = openpyxl.load_workbook(tmp_path / saved[-1])["公开信息登记表"]
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "2026-10-12" in cells and "2026-10-30" in cells and "2026-11-03" not in cells
    assert "（2条）" in alerts_log[-1][2]
    monkeypatch.setattr(RegistersDialog, "exec", clerk([Qt.Key_Home]))  # 全年
    QTest.mouseClick(page.buttons["导出登记表…"], Qt.LeftButton)
    assert saved[-1].endswith("2026年度公开登记表.xlsx") and "（3条）" in alerts_log[-1][2]
    assert len(registers.gather(2026).open_rows) == 3
    monkeypatch.setattr(RegistersDialog, "exec", lambda dlg: 0)  # 取消: nothing asked, nothing written
    n = len(saved)
    QTest.mouseClick(page.buttons["导出登记表…"], Qt.LeftButton)
    assert len(saved) == n


# ---- the smaller points of issue 21, item 12 ----------------------------------------------------------
def test_a_pdf_saved_from_the_preview_is_confirmed(page, qtbot, ctx, tmp_path, alerts_log, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton
    f = forms.create(ctx, copy.deepcopy(SAMPLE["values"]), copy.deepcopy(SAMPLE["signoffs"]))
    dlg = page.preview([f])
    qtbot.addWidget(dlg)
    target = tmp_path / "意见单.pdf"
    monkeypatch.setattr(page, "choose_save_path", lambda *a: str(target))
    save = next(b for b in dlg.findChildren(QPushButton) if b.text() == "另存为…")
    QTest.mouseClick(save, Qt.LeftButton)
    assert target.read_bytes()[:5] == b"%PDF-"
    assert alerts_log[-1][:2] == ("info", "已保存") and str(target) in alerts_log[-1][2]


def test_the_list_says_no_for_a_form_that_is_not_normative(page, ctx):
    forms.create(ctx, dict(copy.deepcopy(SAMPLE["values"]), normative=False))
    forms.create(ctx, copy.deepcopy(SAMPLE["values"]))
    page.reload()
    from PySide6.QtCore import Qt
    col = next(i for i in range(page.model.columnCount()) if page.model.headerData(i, Qt.Horizontal) == "规范性文件")
    assert sorted(page.model.index(r, col).data() for r in range(page.model.rowCount())) == ["否", "是"]


def test_interpretation_published_needs_its_form_and_on_request_to_society_is_warned(page, qtbot, alerts_log):
    from gwdesk.core import formdef
    from gwdesk.core.review import validate
    d = formdef.load()
    v = dict(copy.deepcopy(SAMPLE["values"]), normative=False, policy_doc=False, interp_forms=[],
             interp_published=True)
    assert "解读同步发布为“是”，请填写解读形式（发布了哪种解读）" in validate.check(d, v).problem_texts()
    assert validate.check(d, dict(v, interp_forms=["文字"])).problem_texts() == []
    page.new_form()
    ed = page.editor
    ed.widgets["title"].set_value("关于局机关办公用房维修项目验收情况的报告")
    ed.widgets["attribute"].set_value("依申请公开")
    ed.widgets["scope"].set_value("面向社会")
    ed.refresh_checks()
    assert any(t.startswith("⚠ 依申请公开的信息只向申请人提供") for t in ed.missing_texts())
    ed.widgets["scope"].set_value("面向特定对象")
    ed.refresh_checks()
    assert not any("只向申请人提供" in t for t in ed.missing_texts())


# ---- suggestions never take a click meant for another field (issue 21, item 11) -----------------------------
def _click_through_window(widget):
    """A click at the widget's place, delivered to its window as the mouse's is (a popup on top would get it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    win = widget.window()
    QTest.mouseClick(win.windowHandle(), Qt.LeftButton, Qt.NoModifier, widget.mapTo(win, widget.rect().center()))


def test_typed_department_and_signer_stay_and_the_next_click_reaches_its_field(qtbot, ctx, profile, alerts_log):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from gwdesk.ui.review.page import Page
    core_demo.load(ctx)
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    QTest.mouseClick(page.buttons["新建意见单"], Qt.LeftButton)
    ed = page.editor
    dept, drafter = ed.widgets["dept"], ed.widgets["drafter"]
    ed.scroll.ensureWidgetVisible(drafter)
    _click_through_window(dept.edit)
    assert dept.edit.hasFocus()
    type_text(dept.edit, "社会")
    assert QApplication.activePopupWidget() is None  # typing pops nothing up over the next field
    _click_through_window(drafter.edit)  # the field just below
    assert drafter.edit.hasFocus(), "the click meant for 拟稿人 did not reach it"
    type_text(drafter.edit, "王建华")
    assert (dept.value(), drafter.value()) == ("社会", "王建华")
    # the 科室 are behind the ▾
    assert "社会救助股" in [dept.box.itemText(i) for i in range(dept.box.count())]
    # a sign-off row: the typed name stays; the names signed before are offered behind the ▾
    row = ed.signoff_rows["leader"]
    ed.scroll.ensureWidgetVisible(row)
    _click_through_window(row.signer)
    type_text(row.signer, "刘志")
    _click_through_window(row.date.edit)
    assert row.date.edit.hasFocus() and row.signer.text() == "刘志"
    assert row.signer_box.itemText(0) == "刘志强"  # who signed 分管领导 on the demo's forms
    row.signer_box.setFocus()
    QTest.keyClick(row.signer_box, Qt.Key_Down, Qt.AltModifier)  # open the list
    qtbot.waitUntil(lambda: row.signer_box.view().isVisible())
    QTest.keyClick(row.signer_box.view(), Qt.Key_Return)
    assert row.value()["signer"] == "刘志强"


def test_a_date_calendar_opens_at_the_date_it_relates_to(page, qtbot, ctx):
    """Issue 21 item 7: 实际公开日期's calendar opens at the 拟发文日期 while it is empty, at today without one."""
    from PySide6.QtCore import QDate
    from ui_support import type_text
    page.new_form()
    ed = page.editor
    published = ed.widgets["published_date"].line
    published.open_calendar()
    assert published.calendar.selectedDate() == QDate.currentDate()
    published.menu.close()
    type_text(ed.widgets["doc_date"].line.edit, "20261030")
    published.open_calendar()
    assert published.calendar.selectedDate() == QDate(2026, 10, 30)
    published.menu.close()
    ed.signoff_rows["leader"].date.open_calendar()
    assert ed.signoff_rows["leader"].date.calendar.selectedDate() == QDate(2026, 10, 30)
    ed.signoff_rows["leader"].date.menu.close()
