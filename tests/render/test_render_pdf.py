"""Golden checks of the sample PDF (A4, every font embedded, text equals the model) and PDF renderer details."""

from __future__ import annotations

from locations import TESTS

import re
import subprocess

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from gwdesk.render import fonts
from gwdesk.render.model import (Blank, Cell, Check, Document, Heading, PageBreak, PageSetup, Para, SignBox,
                                 SignOff, Table, Title, plain_text)
from gwdesk.render.pdf import render_pdf, render_pdf_many
from gwdesk.render.sample import check_pdf, is_a4, pdf_body_text, pdf_fonts, sample_document


@pytest.fixture(autouse=True)
def _bundled(monkeypatch):
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    doc = sample_document()
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")
        render_pdf(doc, path)
    return doc, path


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_sample_is_a4_with_every_font_embedded(sample):
    doc, path = sample
    reader = PdfReader(str(path))
    assert len(reader.pages) == 3
    assert all(round(float(p.mediabox.width), 1) == 595.3 and round(float(p.mediabox.height), 1) == 841.9
               for p in reader.pages)
    used = pdf_fonts(reader)
    assert used and all(used.values()), used
    assert {re.sub(r"^[A-Z]{6}\+", "", n.lstrip("/")) for n in used} == {"GwSerifSC-Regular", "GwSansSC-Regular"}
    assert check_pdf(path, doc) == []
    # poppler agrees: every font embedded
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), out


def test_sample_text_equals_model_text_exactly(sample):
    doc, path = sample
    assert pdf_body_text(path, doc) == squash(plain_text(doc))


def test_page_numbers_footers_and_metadata(sample):
    doc, path = sample
    reader = PdfReader(str(path))
    for n, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"— {n} —" in text
        assert "编号 2026-007" in text and "打印日期 2026年11月20日" in text
    assert reader.metadata.title == doc.title and reader.metadata.author == doc.author
    # the page break: part two starts page 3
    assert squash(reader.pages[2].extract_text()).startswith("二、存在的问题及下一步打算")


def test_check_pdf_reports_unembedded_fonts_wrong_size_and_wrong_text(tmp_path):
    doc = Document(blocks=[Para("正文")])
    bad = tmp_path / "bad.pdf"
    c = Canvas(str(bad), pagesize=(612, 792))  # US Letter, Helvetica
    c.drawString(72, 700, "hello")
    c.save()
    problems = check_pdf(bad, doc)
    assert any("尺寸" in p for p in problems)
    assert any("字体未嵌入" in p and "Helvetica" in p for p in problems)
    assert any("文字" in p for p in problems)


def test_table_split_across_pages_repeats_header_and_still_checks(tmp_path):
    header = [Cell("序号", bold=True), Cell("事项名称", bold=True), Cell("责任科室", bold=True)]
    rows = [header] + [[Cell(str(i)), Cell(f"第{i}项公开事项的具体内容"), Cell("办公室")] for i in range(1, 81)]
    doc = Document(blocks=[Title("任务台账"), Table(rows, widths=[1, 5, 2], header_rows=1)])
    path = render_pdf(doc, tmp_path / "long.pdf")
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 2
    assert "事项名称" in reader.pages[1].extract_text()  # repeated header row
    assert check_pdf(path, doc) == []


def test_render_many_starts_each_document_on_a_new_page_with_own_numbers(tmp_path):
    a = Document(blocks=[Title("公开发布意见单（一）"), Para("甲"), PageBreak(), Para("乙")], title="意见单")
    b = Document(blocks=[Title("公开发布意见单（二）"), Para("丙")], page=PageSetup(landscape=True))
    path = render_pdf_many([a, b], tmp_path / "many.pdf")
    pages = PdfReader(str(path)).pages
    assert len(pages) == 3
    texts = [p.extract_text() for p in pages]
    assert "— 1 —" in texts[0] and "— 2 —" in texts[1] and "— 1 —" in texts[2]
    assert squash(texts[2]).startswith("公开发布意见单（二）")
    assert float(pages[2].mediabox.width) > float(pages[2].mediabox.height)  # landscape kept per document
    with pytest.raises(ValueError):
        render_pdf_many([], tmp_path / "none.pdf")


def test_form_setup_without_page_numbers(tmp_path):
    doc = Document(page=PageSetup.form(), blocks=[
        Title("政府信息公开申请表"),
        Table([[Cell("申请人", shade=True), Cell([Check("公民", True), "  ", Check("法人或者其他组织")])],
               [Cell("签名", shade=True), Cell([Blank(8, "签字：")])]], widths=[1, 4], min_row_height_mm=12),
        SignOff([SignBox("办公室意见")], columns=1),
    ])
    path = render_pdf(doc, tmp_path / "form.pdf")
    assert is_a4(path) and check_pdf(path, doc) == []
    text = PdfReader(str(path)).pages[0].extract_text()
    assert "—" not in text and "☑公民" in squash(text) and "☐法人或者其他组织" in squash(text)


def test_characters_missing_from_a_workstation_font_fall_back(tmp_path, monkeypatch):
    """A workstation 仿宋 without ☑ (or any other glyph): those characters come from the bundled serif."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    fontdir = tmp_path / "fonts"
    fontdir.mkdir()
    small = TTFont(str(fonts.bundled_path(fonts.SANS)))
    sub = subset.Subsetter(subset.Options())
    sub.populate(text="本年度共收到申请件 0123456789")
    sub.subset(small)
    small.save(str(fontdir / "simfang.ttf"))
    monkeypatch.delenv("GWDESK_BUNDLED_FONTS_ONLY")
    monkeypatch.setattr(fonts, "_font_dirs", lambda: [fontdir])
    monkeypatch.setattr(fonts, "_fc_list", lambda: [])
    fonts.reset_cache()
    try:
        doc = Document(blocks=[Para(["本年度共收到申请19件，", Check("按期答复", True)])])
        path = render_pdf(doc, tmp_path / "ws.pdf")
        used = pdf_fonts(PdfReader(str(path)))
        names = {re.sub(r"^/[A-Z]{6}\+", "", n) for n in used}
        assert fonts.pdf_font("fangsong").path.name == "simfang.ttf"
        # the stand-in 仿宋 is a GwSans subset (its PostScript name); ☑ and “，” came from the bundled serif
        assert names == {"GwSansSC-Regular", "GwSerifSC-Regular"}
        assert check_pdf(path, doc) == []
    finally:
        fonts.reset_cache()


def test_headings_keep_with_following_text(tmp_path):
    filler = [Para("政务公开工作要坚持以公开为常态、不公开为例外。" * 3) for _ in range(9)]
    doc = Document(blocks=[*filler, Heading("三、其他需要报告的事项"), Para("无。")])
    path = render_pdf(doc, tmp_path / "h.pdf")
    pages = PdfReader(str(path)).pages
    for page in pages:  # a heading never ends a page
        lines = [ln for ln in page.extract_text().splitlines() if ln.strip() and "—" not in ln]
        assert lines[-1].strip() != "三、其他需要报告的事项"
    assert check_pdf(path, doc) == []


PAGES_GOLDEN = TESTS / "fixtures" / "render" / "sample_pdf_pages.json"


def test_sample_pages_match_reviewed_golden(sample):
    """Which text lands on which page (reviewed as PNGs when this golden was written)."""
    import json
    import os

    doc, path = sample
    pages = [squash(p.extract_text()) for p in PdfReader(str(path)).pages]
    if os.environ.get("GWDESK_UPDATE_GOLDEN"):
        PAGES_GOLDEN.write_text(json.dumps(pages, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert pages == json.loads(PAGES_GOLDEN.read_text(encoding="utf-8"))


def test_empty_paragraph_takes_a_line_like_word(tmp_path):
    from pypdf import PdfReader as R

    def y_of_last(blocks):
        path = render_pdf(Document(blocks=blocks), tmp_path / "e.pdf")
        ys = []
        R(str(path)).pages[0].extract_text(visitor_text=lambda t, cm, tm, fd, fs: ys.append((t, cm[5] + tm[5])) if "乙" in t else None)
        return ys[0][1]

    assert abs(y_of_last([Para("甲"), Para(""), Para("乙")]) - y_of_last([Para("甲"), Para("乙")]) + 28) < 0.5


def test_no_line_ends_with_an_opening_bracket(sample, tmp_path):
    """“（” and “《” go down with what they open, as Word does (the sample's 表 cell “…补贴（按季度公开）”)."""
    from reportlab.lib.textsplit import wordSplit

    from gwdesk.render import pdf  # noqa: F401  (installs the rule)
    name = fonts.fallback_font().name
    lines = wordSplit("一二三四五六七八九（十）后面的文字还有很多很多很多", [100], name, 10)
    assert [t for _, t in lines] == ["一二三四五六七八九", "（十）后面的文字还有", "很多很多很多"]
    assert lines[0][0] == pytest.approx(10.0)  # the space the bracket left is the line's to spread
    lines = wordSplit("一二三四五六七八《（九）》后面", [100], name, 10)  # two openers go down together
    assert [t for _, t in lines][:2] == ["一二三四五六七八", "《（九）》后面"]
    _doc, path = sample
    ends = [ln.rstrip()[-1] for p in PdfReader(str(path)).pages for ln in p.extract_text().split("\n")
            if ln.strip()]
    assert not set(ends) & set("（《〈「『【〔“‘")


def test_the_closing_unit_and_date_never_stand_alone_on_a_page(tmp_path):
    """The 落款 (right-aligned unit and date ending a document) goes over with the last paragraph."""
    from gwdesk.render.model import Spacer, closing_lines

    ending = [Para("（十）完成情况报送，计划于2027年1月5日前完成。"),
              Para("青川县民政局", style="right", align="right", first_indent=False),
              Para("2026年11月22日", style="right", align="right", first_indent=False)]
    assert closing_lines(Document(blocks=[Title("报告"), *ending])) == 2
    assert closing_lines(Document(blocks=ending[1:])) == 0  # nothing to keep them with
    pages_seen = set()
    for height in range(180, 224, 2):  # the page break lands before, inside and after the 落款
        doc = Document(blocks=[Spacer(height_mm=height), *ending])
        pages = [squash(p.extract_text()) for p in PdfReader(str(render_pdf(doc, tmp_path / "e.pdf"))).pages]
        pages_seen.add(len(pages))
        unit_page = next(p for p in pages if "青川县民政局" in p)
        assert "完成情况报送" in unit_page and "2026年11月22日" in unit_page, height
    assert pages_seen == {1, 2}
