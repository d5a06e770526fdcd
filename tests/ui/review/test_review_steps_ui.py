"""The review steps through the window: choosing 需报审 in the 保密审查 row opens the referral's record, and the
side list asks for it (the same rules as `review check`); a county unit sees 第二十一条 named."""

from __future__ import annotations

from locations import TESTS

import copy
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gwdesk.core.review import forms

SAMPLE = json.loads((TESTS / "fixtures/review/sample_form.json").read_text("utf-8"))


@pytest.fixture
def page(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.review.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    return p


def test_refer_the_secrecy_question_then_record_the_answer(page, ctx, qtbot):
    f = forms.create(ctx, copy.deepcopy(SAMPLE["values"]), copy.deepcopy(SAMPLE["signoffs"]))
    page.open_form(f.id)
    ed = page.editor
    to = ed.widgets["secrecy_referred_to"]
    assert not to.isEnabled()  # no referral: nothing to record
    combo = ed.signoff_rows["secrecy"].choice
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key_End)  # the last option: 需报审
    assert combo.currentText() == "需报审"
    qtbot.waitUntil(lambda: "✗ 缺少：保密审查报送机关" in ed.missing_texts(), timeout=3000)
    assert to.isEnabled()
    to.edit.setFocus()
    ime = QInputMethodEvent()  # Chinese arrives from the input method as a committed string
    ime.setCommitString("青川县保密局")
    QApplication.sendEvent(to.edit, ime)
    assert to.edit.text() == "青川县保密局"
    qtbot.waitUntil(lambda: ed.missing_title.text() == "可以送审：没有缺项", timeout=3000)


def test_a_county_unit_is_told_of_article_21(page, ctx, qtbot):
    values = dict(copy.deepcopy(SAMPLE["values"]), attribute="依申请公开", request_reasons=["req_specific"],
                  channels=[], column=None, planned_date=None, scope=None, time_limit=None)
    f = forms.create(ctx, values, copy.deepcopy(SAMPLE["signoffs"]))
    page.open_form(f.id)  # the profile is the demo 青川县民政局, a 县级部门; the title names 低保
    ed = page.editor
    ed.refresh_checks()
    texts = ed.missing_texts()
    assert "✗ 缺少：未主动公开的理由（条例第二十一条）" in texts
    assert any(t.startswith("⚠ 本件涉及社会救助（标题或概述含“低保”），属条例第二十一条") for t in texts)
    assert ed.widgets["art21_reason"].isEnabled()


def test_revise_a_published_item_from_its_form(page, ctx, qtbot):
    from test_review_steps import published
    original = published(ctx)
    page.open_form(original.id)
    ed = page.editor
    button = ed.action_btns["revise"]
    assert button.isEnabled() and not ed.action_btns["submit"].isEnabled()
    ed.ask_reason = lambda title, prompt: ("附件1中低保标准数额有误", True)
    QTest.mouseClick(button, Qt.LeftButton)
    assert ed.form.id != original.id and ed.form.status == "草稿"
    assert ed.widgets["revision_kind"].value() == "修改" and ed.widgets["revision_of"].value() == original.number
    assert forms.get(original.id).status == "已公开"
    # seen under Xvfb: the new form was warned that its 发文字号 is the original's (登记公开 does not refuse it), and
    # the line under the buttons said “✓ 已修改已公开信息” while nothing was changed yet
    assert ed.widgets["doc_number"].value() == original.values["doc_number"]
    assert not any("发文字号" in t for t in ed.missing_texts()), ed.missing_texts()
    assert ed.save_state.text() == f"✓ 已新建修改意见单 {ed.form.number}（原意见单 {original.number} 仍为已公开）"


def test_attach_the_post_itself_in_the_editor(page, ctx, qtbot, tmp_path):
    values = dict(copy.deepcopy(SAMPLE["values"]), carrier="非公文类", doc_type=None, doc_number=None)
    f = forms.create(ctx, values, copy.deepcopy(SAMPLE["signoffs"]))
    page.open_form(f.id)
    ed = page.editor
    ed.refresh_checks()
    assert "✗ 非公文类信息须随单附上拟发布的原文：添加“信息原文（附件）”或填写“信息原文（文字）”" in ed.missing_texts()
    src = tmp_path / "政策问答.pdf"
    src.write_bytes(b"%PDF-1.4 post")
    files = ed.widgets["item_files"]
    files.choose_files = lambda: [str(src)]
    QTest.mouseClick(files.add_btn, Qt.LeftButton)
    assert files.list.count() == 1 and files.list.item(0).text().startswith("政策问答.pdf")
    qtbot.waitUntil(lambda: ed.missing_title.text() == "可以送审：没有缺项", timeout=3000)
    assert ed.save()
    assert forms.get(f.id).values["item_files"][0]["name"] == "政策问答.pdf"
