"""The printed 公文公开发布意见单 measured on paper: the bundled form is one A4 page blank and filled for each
公开属性 (PDF, and the DOCX through LibreOffice), every sign-off box has 12 mm free above a signature line at
least 35 mm long, a filled form's long text goes on to a 续页 (“续页：第N页，共M页” with 编号 and 文件标题), and the
sign-off chain is never split across pages."""

from __future__ import annotations

from locations import TESTS

import copy
import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from gwdesk.core import demo, formdef, units
from gwdesk.core.review.forms import Form
from gwdesk.render.docx import render_docx
from gwdesk.render.layouts import review_form
from gwdesk.render.model import plain_text
from gwdesk.render.pdf import render_pdf

FIXTURE = TESTS / "fixtures/review/sample_form.json"
SAMPLE = json.loads(FIXTURE.read_text("utf-8"))
DAY = dt.date(2026, 11, 22)
MM = 72 / 25.4
NOT_ACTIVE = dict(channels=[], column=None, planned_date=None, scope=None, time_limit=None)
# a filled form of each 公开属性 (the sample is a 县民政局's 低保 notice: 第二十一条 applies to the last two)
CASES = {
    "主动公开": {},
    "依申请公开": dict(NOT_ACTIVE, attribute="依申请公开", request_reasons=["req_specific", "req_other"],
                  request_basis="仅为个别机构办理", art21_reason="仅涉及一家养老机构的变更登记"),
    "不予公开": dict(NOT_ACTIVE, attribute="不予公开", reasons=["art14_law", "art15_third"], summary=None,
                 other_basis="《中华人民共和国统计法》第三十九条", art21_reason="名单含个人隐私，另行公开汇总数据"),
    "删减后公开": dict(attribute="删减后公开", reasons=["art15_third"],
                  withheld_content="附件2中低保对象的身份证号码、家庭住址和联系电话"),
}
LONG = "附件2中低保对象的身份证号码、家庭住址、联系电话和银行账号，以及各乡镇上报的入户调查记录。"


@pytest.fixture(scope="module")
def d():
    return formdef.parse_file(formdef.paths.bundled_form("publication_review.toml"))


def filled(**changes) -> Form:
    f = Form.from_json(copy.deepcopy(SAMPLE))
    f.values.update(changes)
    return f


TOWN = units.Profile("青川县乔庄镇人民政府", "乡镇")  # 第二十一条 names eight topics for a 乡镇


def docs(d) -> dict:
    out = {"空白": review_form.build_blank(d, demo.DEMO_PROFILE, DAY),
           "空白乡镇": review_form.build_blank(d, TOWN, DAY)}
    for name, changes in CASES.items():
        out[name] = review_form.build(filled(**changes), d, demo.DEMO_PROFILE, DAY)
    return out


def signature_boxes(page) -> list[dict]:
    """Each “签字” on the page with the underline after it and the free height above it in its box."""
    chars = page.chars
    out = []
    for i, c in enumerate(chars[:-1]):
        if c["text"] != "签" or chars[i + 1]["text"] != "字":
            continue
        under = [ln for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 1 and c["x1"] < ln["x0"] < c["x1"] + 60
                 and c["top"] < ln["top"] < c["bottom"] + 4]
        width = max((ln["x1"] - ln["x0"] for ln in under), default=0)
        left, right = c["x0"] - 5, (max(ln["x1"] for ln in under) if under else c["x1"])
        # the nearest text above, inside the box's own width: the 同意/不同意 line at the box's top
        above = [o["bottom"] for o in chars if o["bottom"] < c["top"] - 0.5 and left <= o["x0"] <= right
                 and o["text"].strip()]
        rules = [ln["top"] for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 1 and ln["top"] < c["top"] - 0.5
                 and ln["x0"] <= c["x0"] <= ln["x1"] and ln["x1"] - ln["x0"] > 60]
        top = max(above + rules)
        out.append({"line_mm": width / MM, "free_mm": (c["top"] - top) / MM, "y": c["top"]})
    return out


def test_the_bundled_form_is_one_page_blank_and_filled_with_room_to_sign(d, tmp_path):
    for name, doc in docs(d).items():
        out = render_pdf(doc, tmp_path / f"{name}.pdf")
        with pdfplumber.open(str(out)) as pdf:
            assert len(pdf.pages) == 1, name
            boxes = signature_boxes(pdf.pages[0])
        # every role of the chain; a document never published (依申请公开, 不予公开) has no 发布登记 to sign
        wanted = 6 if name in ("依申请公开", "不予公开") else 7  # (the blanks: every step)
        assert len(boxes) == wanted, (name, len(boxes))
        for b in boxes:
            assert b["line_mm"] >= 35, (name, b)  # a handwritten signature: at least 35 mm × 10 mm …
            assert b["free_mm"] >= 12, (name, b)  # … with 12 mm free to sign in every sign-off row


@pytest.mark.parametrize("level", units.LEVELS)
def test_blank_is_one_page_for_every_unit_level(d, tmp_path, level):
    doc = review_form.build_blank(d, units.Profile("某单位", level), DAY)
    assert len(PdfReader(str(render_pdf(doc, tmp_path / "b.pdf"))).pages) == 1


def test_blank_form_pairs_the_chain_at_nine_points_at_least(d):
    doc = review_form.build_blank(d, demo.DEMO_PROFILE, DAY)
    table = next(b for b in doc.blocks if isinstance(b, review_form.Table))
    assert table.font_size_pt >= 9 and table.header_rows == 0  # one sheet: no 编号 header repeated
    assert all(not isinstance(b, review_form.PageBreak) for b in doc.blocks)


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice not installed")
def test_docx_is_one_page_in_libreoffice_blank_and_filled(d, tmp_path):
    paths = [render_docx(doc, tmp_path / f"{name}.docx") for name, doc in docs(d).items()]
    env = dict(os.environ, HOME=str(tmp_path))
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
                    *map(str, paths)], check=True, capture_output=True, env=env, timeout=300)
    for p in paths:
        pdf = tmp_path / "lo" / (p.stem + ".pdf")
        pages = PdfReader(str(pdf)).pages
        assert len(pages) == 1, p.stem
        with pdfplumber.open(str(pdf)) as lo:
            boxes = signature_boxes(lo.pages[0])
        assert len(boxes) >= 6 and [b for b in boxes if b["line_mm"] < 35] == [], p.stem  # the line survives
        assert [b for b in boxes if b["free_mm"] < 11.5] == [], p.stem


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("repeat, pages", [(12, 2), (60, 3)])
def test_long_text_continues_on_a_continuation_page_chain_whole_on_the_first(d, tmp_path, repeat, pages):
    text = LONG * repeat
    f = filled(attribute="删减后公开", reasons=["art15_third"], withheld_content=text)
    doc = review_form.build(f, d, demo.DEMO_PROFILE, DAY)
    out = render_pdf(doc, tmp_path / "long.pdf")
    with pdfplumber.open(str(out)) as pdf:
        texts = [p.extract_text() for p in pdf.pages]
        assert len(pdf.pages) == pages
        first = squash(texts[0])
        # the whole chain on the first sheet, with its room to sign
        for role in (r.role[:4] for r in d.signoffs):  # a long role wraps inside its label cell
            assert role in first and not any(role in squash(t) for t in texts[1:]), role
        assert all(b["free_mm"] >= 12 and b["line_mm"] >= 35 for b in signature_boxes(pdf.pages[0]))
    assert "见续页）" in first or "全文见续页" in first
    assert f"本单第1页，共{pages}页，续页附后" in first
    for n, page_text in enumerate(texts[1:], start=2):
        flat = squash(page_text)
        assert f"续页：第{n}页，共{pages}页" in flat
        assert "编号：2026-007文件标题：青川县民政局关于进一步做好2026年度城乡最低生活保障工作的通知" in flat
    continued = squash("".join(texts[1:]))
    for noise in ["删减内容（续）", "删减内容", "编号：2026-007", "打印日期：2026年11月22日",
                  "文件标题：青川县民政局关于进一步做好2026年度城乡最低生活保障工作的通知"] + [
                  f"续页：第{n}页，共{pages}页" for n in range(2, pages + 1)]:
        continued = continued.replace(noise, "")
    assert squash(text) in continued  # the whole text, in order, on the 续页


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice not installed")
def test_continuation_pages_match_in_docx(d, tmp_path):
    f = filled(attribute="删减后公开", reasons=["art15_third"], withheld_content=LONG * 12)
    src = render_docx(review_form.build(f, d, demo.DEMO_PROFILE, DAY), tmp_path / "long.docx")
    env = dict(os.environ, HOME=str(tmp_path))
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, env=env, timeout=120)
    pages = PdfReader(str(tmp_path / "long.pdf")).pages
    assert len(pages) == 2
    assert "续页：第2页，共2页" in squash(pages[1].extract_text())
    assert all(r.role[:4] in squash(pages[0].extract_text()) for r in d.signoffs)


def test_a_definition_too_big_for_one_sheet_keeps_its_chain_whole(d, tmp_path):
    """A county's copy with many more rows: the fields run over, the sign-off chain starts a page of its own."""
    text = formdef.paths.bundled_form("publication_review.toml").read_text("utf-8")
    extra = "".join(f'''
  [[sections.fields]]
  key = "extra{i}"
  label = "补充事项{i}"
  type = "textarea"
  write_lines = 3
''' for i in range(12))
    text = text.replace('[[sections]]\nkey = "after"', extra + '\n[[sections]]\nkey = "after"')
    big = formdef.parse(text, "big.toml")
    out = render_pdf(review_form.build_blank(big, demo.DEMO_PROFILE, DAY), tmp_path / "big.pdf")
    with pdfplumber.open(str(out)) as pdf:
        texts = [squash(p.extract_text()) for p in pdf.pages]
        assert len(texts) >= 2
        holding = [i for i, t in enumerate(texts) if "科室负责人" in t]
        assert len(holding) == 1 and all(r.role[:4] in texts[holding[0]] for r in big.signoffs)
        assert all("编号：" in t and "文件标题：" in t for t in texts)
        assert all(b["free_mm"] >= 12 for b in signature_boxes(pdf.pages[holding[0]]))


def test_typed_opinions_in_every_box_keep_the_chain_whole(d, tmp_path):
    """Sign-off boxes carrying typed opinions cannot go to a 续页: the chain then takes a page of its own, whole."""
    f = filled(attribute="删减后公开", reasons=["art14_safety", "art15_third", "art16_process"],
               withheld_content=LONG * 3, summary="经" * 100)
    for box in f.signoffs.values():
        box["opinion"] = "同意，请按程序办理，并做好个人信息去标识化处理。"
    doc = review_form.build(f, d, demo.DEMO_PROFILE, DAY)
    out = render_pdf(doc, tmp_path / "heavy.pdf")
    with pdfplumber.open(str(out)) as pdf:
        texts = [squash(p.extract_text()) for p in pdf.pages]
        assert len(texts) == 2
        holding = [i for i, t in enumerate(texts) if "科室负责人" in t]
        assert len(holding) == 1 and all(r.role[:4] in texts[holding[0]] for r in d.signoffs)
        assert all(b["free_mm"] >= 12 and b["line_mm"] >= 35 for b in signature_boxes(pdf.pages[holding[0]]))
    assert squash(LONG * 3) in squash(plain_text(doc))  # nothing cut: the text is printed whole
