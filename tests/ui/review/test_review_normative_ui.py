"""是否行政规范性文件 not answered (schema 15): a new 意见单 starts with neither 是 nor 否, the list says 未填, 送审 asks
for the answer, the printout ticks neither box, and the annual report does not count it; a definition's `default`
answers it on a new form. Driven through the 公开审查 screen's own buttons."""

from __future__ import annotations

from locations import TESTS

import copy
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pypdf import PdfReader

from gwdesk import paths
from gwdesk.core.review import forms, registers, stats
from gwdesk.io import review_registers
from gwdesk.store.review_models import ReviewForm
from ui_support import type_text

SAMPLE = json.loads((TESTS / "fixtures/review/sample_form.json").read_text("utf-8"))


@pytest.fixture
def page(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.review.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    qtbot.waitExposed(p)
    return p


def _column(page, header: str) -> int:
    return next(i for i in range(page.model.columnCount()) if page.model.headerData(i, Qt.Horizontal) == header)


def _listed(page, form_id: int, header: str = "规范性文件") -> str:
    col = _column(page, header)
    row = next(r for r in range(page.model.rowCount()) if page.model.rows()[r].id == form_id)
    return page.model.index(row, col).data()


def _click(widget) -> None:
    QTest.mouseClick(widget, Qt.LeftButton, Qt.NoModifier, widget.rect().center())


def test_a_new_form_is_unanswered_listed_as_not_filled_and_submit_asks_for_it(page, qtbot, alerts_log):
    _click(page.buttons["新建意见单"])
    ed = page.editor
    yes_no = ed.widgets["normative"]
    assert (yes_no.yes.isChecked(), yes_no.no.isChecked()) == (False, False)
    line = ed.widgets["title"].findChild(QLineEdit)
    line.setFocus()
    type_text(line, "关于开展2026年度社会救助领域专项检查的通知")
    ed.refresh_checks()
    assert "✗ 缺少：是否行政规范性文件" in ed.missing_texts()
    assert not ed.action_btns["submit"].isEnabled()
    _click(ed.save_btn)
    form_id = ed.form.id
    assert form_id is not None
    assert ReviewForm.get_by_id(form_id).normative is None  # stored as not answered, not as 否
    _click(ed.back_btn)
    assert _listed(page, form_id) == "未填"

    # a form complete but for this answer: 送审 names exactly it
    v = dict(copy.deepcopy(SAMPLE["values"]))
    v.pop("normative")
    f = forms.create(page.ctx, v, copy.deepcopy(SAMPLE["signoffs"]))
    page.reload()
    assert _listed(page, f.id) == "未填"
    page.open_form(f.id)
    assert ed.missing_texts() == ["✗ 缺少：是否行政规范性文件"]
    assert not ed.action_btns["submit"].isEnabled()  # 送审 waits for the answer the side list names
    _click(ed.action_btns["submit"])
    assert forms.get(f.id).status == "草稿"
    _click(yes_no.yes)  # the clerk answers 是
    qtbot.waitUntil(lambda: ed.action_btns["submit"].isEnabled())  # after the pause the checks wait for
    assert ed.missing_title.text() == "可以送审：没有缺项"
    _click(ed.action_btns["submit"])
    assert forms.get(f.id).status == "待审核" and ReviewForm.get_by_id(f.id).normative is True
    _click(ed.back_btn)
    assert _listed(page, f.id) == "是"


def test_stored_answers_keep_their_yes_and_no(page, ctx):
    yes = forms.create(ctx, copy.deepcopy(SAMPLE["values"]))
    no = forms.create(ctx, dict(copy.deepcopy(SAMPLE["values"]), normative=False))
    none = forms.create(ctx, dict(copy.deepcopy(SAMPLE["values"]), normative=None))
    page.reload()
    assert [_listed(page, f.id) for f in (yes, no, none)] == ["是", "否", "未填"]
    page.open_form(no.id)
    w = page.editor.widgets["normative"]
    assert (w.yes.isChecked(), w.no.isChecked()) == (False, True)


def test_the_printed_form_ticks_neither_box_when_unanswered(page, ctx, tmp_path):
    v = dict(copy.deepcopy(SAMPLE["values"]), normative=None)
    f = forms.create(ctx, v, copy.deepcopy(SAMPLE["signoffs"]))
    out = page.render_to([forms.get(f.id)], tmp_path / "unanswered.pdf")
    text = "".join(PdfReader(str(out)).pages[0].extract_text().split())
    at = text.index("行政规范性文件")
    assert text[at:at + 20].startswith("行政规范性文件☐是☐否"), text[at:at + 20]
    answered = page.render_to([forms.get(forms.create(ctx, copy.deepcopy(SAMPLE["values"])).id)],
                              tmp_path / "answered.pdf")
    text = "".join(PdfReader(str(answered)).pages[0].extract_text().split())
    at = text.index("行政规范性文件")
    assert text[at:at + 20].startswith("行政规范性文件☑是☐否"), text[at:at + 20]


def test_the_annual_count_and_the_register_do_not_take_unanswered_for_yes(ctx):
    signed = dict(copy.deepcopy(SAMPLE["values"]), doc_date="2026-03-10")
    for normative in (True, None, False):
        f = forms.create(ctx, dict(signed, normative=normative), copy.deepcopy(SAMPLE["signoffs"]))
        ReviewForm.update(status="已审定").where(ReviewForm.id == f.id).execute()
    assert stats.normative_docs_issued(2026) == 1
    rows = review_registers.open_rows(registers.gather(2026))
    col = 12  # 规范性文件 (after 序号 … 网址或位置)
    assert [h for h, _ in review_registers.OPEN_COLUMNS][col] == "规范性文件"
    assert sorted(r[col] for r in rows) == ["否", "是", "未填"]


def test_a_definition_default_answers_a_new_form(qtbot, ctx, profile, alerts_log):
    text = paths.bundled_form("publication_review.toml").read_text("utf-8")
    key = 'key = "normative"\n  label = "是否行政规范性文件"\n'
    assert key in text
    (paths.user_forms_dir() / "publication_review.toml").write_text(
        text.replace(key, key + "  default = false\n"), "utf-8")
    from gwdesk.ui.review.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    _click(p.buttons["新建意见单"])
    w = p.editor.widgets["normative"]
    assert (w.yes.isChecked(), w.no.isChecked()) == (False, True)
    assert "✗ 缺少：是否行政规范性文件" not in p.editor.missing_texts()
