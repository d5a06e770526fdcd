"""Any length and pasted text print: rows taller than a page split across pages (PDF and DOCX), and control
characters pasted from Word (U+000B …) never stop a writer."""

from __future__ import annotations

from locations import TESTS

import shutil
import subprocess
from collections import Counter

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from gwdesk.render.docx import render_docx
from gwdesk.render.model import Cell, Document, Heading, Para, Table, Title, printable
from gwdesk.render.pdf import render_pdf
from gwdesk.render.sample import check_pdf, pdf_body_text

MEASURE = "依托政府网站集中发布2026年度第12号文件要求的ABC事项，"  # CJK, digits and Latin


@pytest.fixture(autouse=True)
def _bundled(monkeypatch):
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")


def long_doc(chars: int) -> Document:
    text = (MEASURE * (chars // len(MEASURE) + 1))[:chars]
    head = [Cell(h, shade=True, align="center") for h in ("序号", "贯彻举措", "完成情况", "佐证材料")]
    rows = [head]
    for i in range(1, 4):
        rows.append([Cell(str(i)), Cell(text if i == 2 else "短举措"), Cell([Para(text, first_indent=False),
                     Para("第二段", first_indent=False)] if i == 2 else "已完成"), Cell("网页链接")])
    return Document(blocks=[Title("长单元格"), Heading("一、总体情况"), Para("正文。" * 30),
                            Table(rows, widths=[1, 5, 5, 2], header_rows=1, font_size_pt=10.5)])


def page_texts(path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(str(path)).pages]


@pytest.mark.parametrize("chars", [700, 2600, 5000])
def test_a_cell_of_any_length_prints_in_pdf(chars, tmp_path):
    doc = long_doc(chars)
    out = render_pdf(doc, tmp_path / "long.pdf")
    assert check_pdf(out, doc) == []  # every character of the model is on the pages
    pages = page_texts(out)
    assert len(pages) >= (2 if chars > 2000 else 1)
    # no near-blank page: the row is split where the page ends instead of moved whole to the next one
    for text in pages[:-1]:
        assert len(text.replace("\n", "")) > 300, text[:80]


@pytest.mark.parametrize("chars", [700, 5000])
def test_a_cell_of_any_length_prints_in_docx(chars, tmp_path):
    doc = long_doc(chars)
    out = render_docx(doc, tmp_path / "long.docx")
    d = read_docx(str(out))
    rows = d.tables[0].rows
    assert (MEASURE * 3) in rows[2].cells[1].text
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    can_split = [tr._tr.find(f"{W}trPr").find(f"{W}cantSplit") is None for tr in rows]
    # the short rows stay whole; the long one may break across pages
    assert can_split == [False, False, True, False]


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice not installed")
def test_a_long_docx_lays_out_without_blank_pages(tmp_path):
    out = render_docx(long_doc(5000), tmp_path / "long.docx")
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=120)
    pages = page_texts(tmp_path / "long.pdf")
    assert len(pages) >= 3
    for text in pages[:-1]:
        assert len(text.replace("\n", "").replace(" ", "")) > 300, text[:80]


PASTED = "第一行\u000b第二行\r\n第三行\u000c分页\x00\x01\x07\x1b\x7f\x85后缀\ufffe"


def test_printable_turns_breaks_into_newlines_and_drops_other_controls():
    assert printable(PASTED) == "第一行\n第二行\n第三行\n分页\n后缀"
    assert printable("普通文字\t制表") == "普通文字\t制表"
    assert printable("无控制字符") == "无控制字符"


def pasted_doc() -> Document:
    return Document(title="标题\u000b", author="单位\x07", blocks=[
        Title("关于\u000b报告"), Heading("一、\x0c总体"), Para(PASTED),
        Table([[Cell("标签\u000b"), Cell([Para(PASTED, first_indent=False)])]], widths=[1, 3])])


def test_pasted_control_characters_do_not_stop_the_docx_writer(tmp_path):
    out = render_docx(pasted_doc(), tmp_path / "p.docx")
    d = read_docx(str(out))
    body = "\n".join(p.text for p in d.paragraphs)
    assert "第一行\n第二行\n第三行\n分页\n后缀" in body
    assert d.core_properties.title == "标题\n"


def test_pasted_control_characters_do_not_stop_the_pdf_writer(tmp_path):
    doc = pasted_doc()
    out = render_pdf(doc, tmp_path / "p.pdf")
    text = pdf_body_text(out, doc)
    assert Counter("第一行第二行第三行分页后缀") <= Counter(text)
    assert not any(ord(ch) < 0x20 for ch in text)


def test_a_review_form_with_fields_of_any_length_prints(tmp_path):
    """A row inside a row span (the form's vertical section labels) splits too: the tallest row gives its top
    to the page instead of the short row at the page's end, which cannot split."""
    import copy
    import datetime as dt
    import json
    from pathlib import Path

    from gwdesk.core import demo, formdef
    from gwdesk.core.review.forms import Form
    from gwdesk.render.layouts import review_form

    d = formdef.parse_file(formdef.paths.bundled_form("publication_review.toml"))
    raw = json.loads((TESTS / "fixtures/review/sample_form.json").read_text("utf-8"))
    f = Form.from_json(copy.deepcopy(raw))
    for key in ("summary", "other_basis", "drafter"):
        f.values[key] = ((MEASURE + "\u000b") * 200)[:5000]
    doc = review_form.build(f, d, demo.DEMO_PROFILE, dt.date(2026, 11, 22))
    out = render_pdf(doc, tmp_path / "form.pdf")
    assert check_pdf(out, doc) == []
    assert len(page_texts(out)) > 3
    render_docx(doc, tmp_path / "form.docx")
