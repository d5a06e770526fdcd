"""The PDF renderer's fast paths give what reportlab's own Table and Paragraph give: same rows, same pages."""

from __future__ import annotations

from locations import TESTS

import copy
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from gwdesk.core import demo, formdef
from gwdesk.core.review.forms import Form
from gwdesk.render import pdf
from gwdesk.render.layouts import review_form
from gwdesk.render.model import (
    Blank,
    Cell,
    Check,
    Document,
    Heading,
    Para,
    SignBox,
    SignOff,
    Spacer,
    Table,
    Title,
)
from gwdesk.render.pdf import render_pdf, render_pdf_many
from gwdesk.render.pdf_grid import Grid
from gwdesk.render.sample import check_pdf, sample_document

FORM = TESTS / "fixtures/review/sample_form.json"


@pytest.fixture(autouse=True)
def _bundled(monkeypatch):
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")


def review_doc(**changes) -> Document:
    d = formdef.parse_file(formdef.paths.bundled_form("publication_review.toml"))
    f = Form.from_json(copy.deepcopy(json.loads(FORM.read_text("utf-8"))))
    f.values.update(changes)
    return review_form.build(f, d, demo.DEMO_PROFILE, dt.date(2026, 11, 22))


def spanning_doc() -> Document:
    """A long table whose row spans, shading and alignments cross page breaks, then a short one and a sign-off."""
    head = [[Cell("序号", rowspan=2, shade=True, bold=True), Cell("事项", colspan=2, shade=True, align="center"),
             Cell("备注", rowspan=2, valign="bottom")],
            [Cell("名称", shade=True), Cell("内容", shade=True, valign="top")]]
    body = []
    for i in range(1, 70):
        if i % 7 == 1:
            body.append([Cell(str(i), rowspan=3, vertical_text=True), Cell(f"第{i}项", valign="top"),
                         Cell("很长的内容" * (i % 5 + 1), align="right"), Cell("办公室", rowspan=2)])
        elif i % 7 == 2:
            body.append([Cell(f"第{i}项"), Cell([Para("一段", first_indent=False),
                                                 Para([Check("同意", True), Blank(4, "签字：")], first_indent=False)])])
        elif i % 7 == 3:
            body.append([Cell(f"第{i}项", colspan=2, shade=True), Cell("x")])
        else:
            body.append([Cell(str(i)), Cell(f"第{i}项", valign="bottom"), Cell("内容" * (i % 9), align="center"),
                         Cell("")])
    short = [[Cell("标签", shade=True), Cell("值", valign="top"), Cell("三", valign="bottom")],
             [Cell("甲"), Cell("乙" * 40, colspan=2)]]
    return Document(blocks=[
        Title("长表"), Heading("一、总体情况"),
        Table(head + body, widths=[1, 3, 5, 2], header_rows=2, caption="表一 测试"),
        Table(short, widths=[1, 2, 2], min_row_height_mm=12),
        SignOff([SignBox("科室负责人", chosen="同意", opinion="同意公开", signer="张三"), SignBox("分管领导"),
                 SignBox("主要领导", date="2026年11月22日")], columns=2, title="审核意见")])


def grids(doc: Document) -> tuple[list[Grid], float]:
    frame_w = (doc.page.width_mm - doc.page.left_mm - doc.page.right_mm) * mm
    out = []
    for f in pdf._flowables(doc, frame_w):
        inner = f._content if isinstance(f, KeepTogether) else [f]  # the sign-off is kept together
        out += [g for g in inner if isinstance(g, Grid)]
    return out, frame_w


@pytest.mark.parametrize("make", [sample_document, spanning_doc, review_doc], ids=["sample", "spans", "form"])
def test_grid_rows_are_as_tall_as_reportlab_would_make_them(make):
    found, frame_w = grids(make())
    assert found
    for g in found:
        g.wrap(frame_w, 1e6)
        t = g.fallback()
        t.wrap(frame_w, 1e6)
        assert g.row_heights == pytest.approx(t._rowHeights, abs=1e-6)
        assert g.height == pytest.approx(t._height, abs=1e-6)
        assert g.width == pytest.approx(t._width, abs=1e-6)


def _reportlab_tables(monkeypatch):
    """Render with reportlab's Table where Grid would be used (the reference the fast path must match)."""

    class Reference(pdf._SplittingTable):  # reportlab's Table, with gwdesk's in-row splitting
        @property
        def row_heights(self):
            return self._rowHeights

    def reference(*args, fallback, **kw):
        t = fallback()
        t.__class__ = Reference
        return t

    monkeypatch.setattr(pdf, "Grid", reference)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
# pixel comparisons of whole documents drawn both ways: the 意见单 every day, the two long ones in CI's slow stage
# (their row heights are compared every day, above)
@pytest.mark.parametrize("make", [pytest.param(sample_document, marks=pytest.mark.slow),
                                  pytest.param(spanning_doc, marks=pytest.mark.slow), review_doc],
                         ids=["sample", "spans", "form"])
def test_grid_pages_look_exactly_like_reportlab_tables(make, tmp_path, monkeypatch):
    from PIL import Image, ImageChops

    doc = make()
    fast = render_pdf(doc, tmp_path / "fast.pdf")
    with monkeypatch.context() as m:
        _reportlab_tables(m)
        ref = render_pdf(doc, tmp_path / "ref.pdf")
    assert fast.read_bytes() != ref.read_bytes()  # the two paths really differ in how they draw
    pages = []
    for name, path in (("fast", fast), ("ref", ref)):
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(path), str(tmp_path / name)], check=True)
        pages.append(sorted(tmp_path.glob(f"{name}-*.png")))
    assert len(pages[0]) == len(pages[1]) >= 1
    for a, b in zip(*pages):
        assert ImageChops.difference(Image.open(a), Image.open(b)).getbbox() is None, a.name
    assert check_pdf(fast, doc) == []


def test_a_batch_draws_every_copy_exactly_as_the_first(tmp_path):
    doc = review_doc()
    one = PdfReader(str(render_pdf(doc, tmp_path / "one.pdf"))).pages[0].get_contents().get_data()
    many = PdfReader(str(render_pdf_many([doc, review_doc(), doc], tmp_path / "many.pdf"))).pages
    assert len(many) == 3
    assert [p.get_contents().get_data() for p in many] == [one] * 3


def test_forms_that_differ_keep_their_own_text_in_a_batch(tmp_path):
    docs = [review_doc(title=f"关于第{i}批城乡低保资金发放情况的公示") for i in range(1, 4)]
    path = render_pdf_many(docs, tmp_path / "many.pdf")
    texts = [p.extract_text().replace("\n", "") for p in PdfReader(str(path)).pages]
    for i, text in enumerate(texts, start=1):
        assert f"关于第{i}批城乡低保资金发放情况的公示" in text
        assert all(f"第{j}批" not in text for j in range(1, 4) if j != i)


def test_a_paragraph_split_across_pages_leaves_its_twins_whole(tmp_path):
    """Splitting rewrites the lines it cuts; a copy of the same text later in the PDF must not see that."""
    text = ["本机关依照《中华人民共和国政府信息公开条例》的规定，对申请人提出的政府信息公开申请作出如下答复：" * 6,
            Blank(6, "经办人："), "，特此告知。" * 4]
    para = Para(text)
    doc = Document(blocks=[Spacer(height_mm=205), para, Para("另起一段。"), para, para])
    path = render_pdf(doc, tmp_path / "split.pdf")
    assert len(PdfReader(str(path)).pages) >= 2
    assert check_pdf(path, doc) == []


def test_splitting_a_paragraph_leaves_the_shared_lines_of_its_twins_alone():
    para = Para(["依照《中华人民共和国政府信息公开条例》的规定，对申请人提出的申请作出如下答复：" * 4,
                 Blank(6, "经办人："), "，特此告知。" * 4])
    styles = pdf._Styles(Document(blocks=[]).page)
    first, twin = pdf._para_flowable(para, styles), pdf._para_flowable(para, styles)
    first.wrap(400, 1e6)
    twin.wrap(400, 1e6)
    assert twin.blPara is first.blPara  # shared: the point of the fast path

    def words(p):
        return [[getattr(w, "text", w) for w in line.words] for line in p.blPara.lines]

    before = copy.deepcopy(words(twin))
    assert len(first.split(400, first.height / 2)) == 2
    later = pdf._para_flowable(para, styles)
    later.wrap(400, 1e6)
    assert words(twin) == before and words(later) == before
