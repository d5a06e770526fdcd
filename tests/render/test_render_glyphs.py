"""Characters no print font has are named with their field before printing (render.glyphs)."""

from __future__ import annotations

from locations import TESTS

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from gwdesk.core import demo, formdef
from gwdesk.core.review.forms import Form
from gwdesk.render import fonts, glyphs
from gwdesk.render.layouts import review_form
from gwdesk.render.model import Cell, Document, Heading, Para, SignBox, SignOff, Table, Title

FORM = TESTS / "fixtures/review/sample_form.json"
EXT_B = "𠀀"  # U+20000, beyond the bundled fonts


@pytest.fixture(autouse=True)
def _bundled(monkeypatch):
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")
    fonts.reset_cache()
    yield
    fonts.reset_cache()


def found(doc) -> list[tuple[str, str]]:
    return [(m.field, m.char) for m in glyphs.missing_glyphs(doc)]


def test_each_place_is_named_as_the_clerk_knows_it():
    doc = Document(blocks=[
        Title(f"关于{EXT_B}的报告"), Heading("一、总体情况"), Para("正文"), Para(f"第二段{EXT_B}"),
        Table([[Cell("申请人", shade=True), Cell(f"张{EXT_B}"), Cell("电话", shade=True), Cell("123")]],
              widths=[1, 2, 1, 2]),
        Table([[Cell("序号"), Cell("工作任务")], [Cell("1"), Cell(f"任务{EXT_B}{EXT_B}")]], widths=[1, 5],
              header_rows=1),
        SignOff([SignBox("分管领导", opinion=f"同意{EXT_B}")])])
    assert found(doc) == [("标题", EXT_B), ("「一、总体情况」下第2段", EXT_B), ("申请人", EXT_B),
                          ("第1行「工作任务」", EXT_B), ("分管领导", EXT_B)]
    text = glyphs.warning_text(glyphs.missing_glyphs(doc))
    assert "申请人：“𠀀”（U+20000）" in text and "空白方框" in text


def test_names_outside_gb2312_are_not_missing():
    doc = Document(blocks=[Para("张喆、李堃、王珺、赵昇、钱镕、孙祎、周赟、吴玥")])
    assert found(doc) == []
    assert glyphs.warning_text([]) == ""


def test_a_review_form_names_the_field():
    d = formdef.parse_file(formdef.paths.bundled_form("publication_review.toml"))
    f = Form.from_json(copy.deepcopy(json.loads(FORM.read_text("utf-8"))))
    f.values["drafter"] = f"王{EXT_B}"
    doc = review_form.build(f, d, demo.DEMO_PROFILE, dt.date(2026, 11, 22))
    hits = found(doc)
    assert len(hits) == 1 and hits[0][1] == EXT_B
    assert "拟稿" in hits[0][0], hits
