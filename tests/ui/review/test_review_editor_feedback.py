"""The editor's feedback: 已保存, 送审 enabled exactly when the side list allows it, dates checked on the field,
11月20日 read as this year, empty screens, 不同意 returns the form, duplicate 发文字号, the preview on 1366×768."""

from __future__ import annotations

from locations import TESTS

import copy
import json
from pathlib import Path

import pytest

from gwdesk.core.review import forms, workflow

SAMPLE = json.loads((TESTS / "fixtures/review/sample_form.json").read_text("utf-8"))


@pytest.fixture
def page(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.review.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 720)
    return p


def stored(ctx, status="草稿", **changes):
    v = copy.deepcopy(SAMPLE["values"])
    v.update(changes)
    f = forms.create(ctx, v, copy.deepcopy(SAMPLE["signoffs"]))
    for action in {"草稿": [], "待审核": ["submit"], "已审定": ["submit", "approve"]}[status]:
        f = workflow.transition(f.id, action)
    return f


def test_empty_screen_says_what_to_do_first(page):
    assert page.empty_hint.isVisibleTo(page) and not page.table.isVisibleTo(page)
    assert "新建意见单" in page.empty_hint.text()


def test_empty_search_says_how_to_get_rows_back(page, ctx):
    stored(ctx)
    page.reload()
    assert not page.empty_hint.isVisibleTo(page) and page.table.isVisibleTo(page)
    page.search.setText("没有这样的标题")
    assert page.empty_hint.isVisibleTo(page) and "清除搜索" in page.empty_hint.text()


def test_saved_feedback_and_unsaved_changes(page):
    page.new_form()
    ed = page.editor
    assert ed.save_state.text() == "新建，尚未保存"
    assert ed.widgets["fill_date"].value() == "2026-11-20"  # 填表日期 defaults to today
    assert ed.widgets["carrier"].value() == "公文类" and ed.widgets["source"].value() == "本机关制发"
    ed.widgets["title"].set_value("关于做好冬季困难群众救助工作的通知")
    assert ed.save_state.text() == "有未保存的修改"
    assert ed.save()
    assert ed.save_state.text().startswith("✓ 已保存")
    ed.widgets["title"].set_value("关于做好冬季救助工作的通知")
    assert ed.save_state.text() == "有未保存的修改"


def test_submit_enabled_exactly_when_the_side_list_says_so(page, ctx):
    page.new_form()
    ed = page.editor
    submit = ed.action_btns["submit"]

    def agree():
        ed.refresh_checks()
        assert submit.isEnabled() == ed.missing_title.text().startswith("可以送审"), ed.missing_title.text()
        return submit.isEnabled()

    assert not agree()  # empty new form
    for key, value in SAMPLE["values"].items():
        if key in ed.widgets:
            ed.widgets[key].set_value(value)
    assert agree()  # complete, not yet saved: 送审 saves first
    ed.widgets["summary"].set_value("")
    assert not agree()
    ed.widgets["summary"].set_value("明确低保标准调整要求。")
    assert agree()
    ed.do_action("submit")
    assert forms.get(ed.form.id).status == "待审核"
    assert not submit.isEnabled()
    # 审定 follows the same rule on a submitted form
    assert ed.action_btns["approve"].isEnabled() == ed.missing_title.text().startswith("可以审定")


def test_bad_date_marked_on_the_field_and_month_day_read_as_this_year(page, qtbot):
    page.new_form()
    ed = page.editor
    w = ed.widgets["doc_date"]
    w.edit.setText("2026-13-40")
    assert w.error.isVisibleTo(w) and w.error.text() == "日期无效"
    assert "c62828" in w.edit.styleSheet()
    w.edit.setText("11月20日")
    w.edit.editingFinished.emit()
    import datetime as dt
    assert w.edit.text() == f"{dt.date.today().year}-11-20"
    assert not w.error.isVisibleTo(w) and w.edit.styleSheet() == ""
    row = ed.signoff_rows["leader"]
    row.date.setText("明天")
    assert row.date_error.text() == "日期无效"


def test_decline_with_reason_returns_the_form_to_the_drafter(page, ctx):
    f = stored(ctx, "待审核")
    page.open_form(f.id)
    ed = page.editor
    row = ed.signoff_rows["secrecy"]
    row.choice.setCurrentIndex(row.choice.findData("不同意"))
    row.opinion.setText("附件含低保对象身份证号码，须去标识化")
    ed.refresh_checks()
    assert ed.missing_title.text().startswith("有不同意意见")
    assert not ed.action_btns["approve"].isEnabled() and ed.action_btns["return"].isEnabled()

    def no_dialog(*_a):
        raise AssertionError("the 不同意 reason is the 退回 reason; nothing is asked")
    ed.ask_reason = no_dialog
    ed.do_action("return")
    back = forms.get(f.id)
    assert back.status == "草稿" and "secrecy" not in back.signoffs
    assert ed.banner.text() == "已退回修改：保密审查不同意：附件含低保对象身份证号码，须去标识化"


def test_duplicate_doc_number_warned_at_once_and_confirmed_at_publication(page, ctx, alerts_log):
    first = stored(ctx)
    second = stored(ctx, "已审定", published_date="2026-11-20", url="http://www.cnqc.gov.cn/x",
                    interp_published=True)
    second.signoffs["publisher"] = {"choice": "已发布", "signer": "李晓梅", "date": "2026-11-20"}
    forms.save(ctx, second)
    page.open_form(second.id)
    ed = page.editor
    assert f"⚠ 发文字号“青民发〔2026〕12号”已用于意见单 {first.number}" in ed.missing_texts()
    alerts_log.clear()
    from gwdesk.ui.common import alerts
    alerts.responder = lambda kind, title, text: False
    ed.do_action("publish")
    assert forms.get(second.id).status == "已审定"
    assert alerts_log[-1][0] == "ask" and "已用于本单位的意见单" in alerts_log[-1][2]
    alerts.responder = lambda kind, title, text: True
    ed.do_action("publish")
    assert forms.get(second.id).status == "已公开"


def test_preview_fits_1366x768_with_buttons_visible(page, ctx, qtbot, monkeypatch):
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QDialogButtonBox
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1366, 728))  # taskbar 40 px
    f = stored(ctx)
    dlg = page.preview([forms.get(f.id)])
    qtbot.addWidget(dlg)
    assert dlg.width() <= 1366 and dlg.height() <= 728
    box = dlg.findChild(QDialogButtonBox)
    bottom = box.mapTo(dlg, QPoint(0, box.height()))
    assert box.isVisible() and bottom.y() <= dlg.height() and box.height() > 10
    dlg.close()
