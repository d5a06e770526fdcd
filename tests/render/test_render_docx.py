"""Golden checks of the sample DOCX: tables, spans, header rows, East Asian fonts, page setup, footer."""

from __future__ import annotations

from locations import ROOT, TESTS

import json
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from gwdesk.render.docx import render_docx
from gwdesk.render.model import (Cell, Document, Heading, PageBreak, PageSetup, Para, Table, Title, cell_text,
                                 grid)
from gwdesk.render.sample import check_docx, sample_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GOLDEN = TESTS / "fixtures" / "render" / "sample_docx_summary.json"


@pytest.fixture(autouse=True)
def _bundled(monkeypatch):
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    doc = sample_document()
    path = tmp_path_factory.mktemp("docx") / "sample.docx"
    render_docx(doc, path)
    with zipfile.ZipFile(path) as z:
        xml = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
        footers = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/footer")]
    return doc, path, xml, styles, footers


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def tc_summary(tc) -> list:
    pr = tc.find(f"{W}tcPr")
    span = pr.find(f"{W}gridSpan") if pr is not None else None
    vm = pr.find(f"{W}vMerge") if pr is not None else None
    vmerge = None if vm is None else (vm.get(f"{W}val") or "continue")
    paras = tc.findall(f"{W}p")
    return ["\n".join(text_of(p) for p in paras), int(span.get(f"{W}val")) if span is not None else 1, vmerge]


def expected_rows(t: Table) -> list[list]:
    """What each <w:tr> must hold, from the model: starting cells, and vMerge continuations below them."""
    starts = {(r, c): cell for r, c, cell in grid(t)}
    below: dict[tuple[int, int], Cell] = {}
    for (r, c), cell in starts.items():
        for dr in range(1, cell.rowspan):
            below[(r + dr, c)] = cell
    rows = []
    for r in range(len(t.rows)):
        row, c = [], 0
        while c < t.ncols:
            if (r, c) in starts:
                cell = starts[(r, c)]
                row.append([cell_text(cell), cell.colspan, "restart" if cell.rowspan > 1 else None])
            else:
                cell = below[(r, c)]
                row.append(["", cell.colspan, "continue"])
            c += cell.colspan
        rows.append(row)
    return rows


def test_tables_have_spans_exactly_where_the_model_says(sample):
    doc, _path, xml, _styles, _f = sample
    model_tables = [b for b in doc.blocks if isinstance(b, Table)]
    tables = xml.findall(f"{W}body/{W}tbl")
    assert len(tables) == len(model_tables) + 1  # + the sign-off table
    for t, tbl in zip(model_tables, tables):
        got = [[tc_summary(tc) for tc in tr.findall(f"{W}tc")] for tr in tbl.findall(f"{W}tr")]
        assert got == expected_rows(t)
        grid_cols = tbl.findall(f"{W}tblGrid/{W}gridCol")
        assert len(grid_cols) == t.ncols
        widths = [int(g.get(f"{W}w")) for g in grid_cols]
        total = sum(t.widths)
        for w, rel in zip(widths, t.widths):  # column widths follow the relative widths
            assert abs(w / sum(widths) - rel / total) < 0.002


def test_header_rows_repeat_and_rows_do_not_split(sample):
    doc, _path, xml, _styles, _f = sample
    first = xml.findall(f"{W}body/{W}tbl")[0]
    flags = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in first.findall(f"{W}tr")]
    assert flags == [True, True, True] + [False] * (len(flags) - 3)
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in first.findall(f"{W}tr"))
    borders = first.find(f"{W}tblPr/{W}tblBorders")
    assert {b.tag.removeprefix(W): b.get(f"{W}val") for b in borders} == {
        s: "single" for s in ("top", "left", "bottom", "right", "insideH", "insideV")}


def test_every_run_has_an_east_asian_font_and_no_theme_fonts(sample):
    _doc, _path, xml, styles, footers = sample
    runs = [r for root in [xml, *footers] for r in root.iter(f"{W}r") if text_of(r)]
    assert runs
    allowed = {"方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"}
    for r in runs:
        fonts = r.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(f"{W}eastAsia") in allowed, text_of(r)
    for root in (xml, styles):
        for f in root.iter(f"{W}rFonts"):
            assert not [a for a in f.attrib if a.endswith("Theme")]
    for c in styles.iter(f"{W}color"):
        assert c.get(f"{W}val") == "000000" and c.get(f"{W}themeColor") is None


def test_fonts_by_role(sample):
    _doc, _path, xml, _styles, _f = sample
    by_text = {text_of(p): {r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for p in [p]
                            for r in p.iter(f"{W}r") if text_of(r)}
               for p in xml.iter(f"{W}p") if text_of(p)}
    assert by_text["青川县民政局2026年政务公开工作自查报告"] == {"方正小标宋简体"}
    assert by_text["一、主要工作开展情况"] == {"黑体"}
    assert by_text["（一）主动公开"] == {"楷体_GB2312"}
    assert by_text["注：数据统计截至2026年11月20日。"] == {"仿宋_GB2312"}
    title = next(p for p in xml.iter(f"{W}p") if text_of(p).startswith("青川县民政局2026"))
    assert title.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
    assert title.find(f"{W}r/{W}rPr/{W}sz").get(f"{W}val") == "44"  # 22 pt
    body = next(p for p in xml.iter(f"{W}p") if text_of(p).startswith("根据县政务公开"))
    spacing = body.find(f"{W}pPr/{W}spacing")
    assert spacing.get(f"{W}lineRule") == "exact" and spacing.get(f"{W}line") == "560"  # 28 pt
    assert body.find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "200"
    assert body.find(f"{W}r/{W}rPr/{W}sz").get(f"{W}val") == "32"  # 16 pt


def test_page_setup_footer_and_page_break(sample):
    doc, _path, xml, _styles, footers = sample
    sect = xml.find(f"{W}body/{W}sectPr")
    size, mar = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (11906, 16838)  # A4 in twips
    assert [round(int(mar.get(f"{W}{k}")) / 56.7) for k in ("top", "bottom", "left", "right")] == [37, 35, 28, 26]
    footer = footers[0]
    instr = "".join(i.text for i in footer.iter(f"{W}instrText"))
    assert instr.strip() == "PAGE"
    assert text_of(footer) == "编号 2026-007\t— 1 —\t打印日期 2026年11月20日".replace("\t", "")
    breaks = [p for p in xml.iter(f"{W}p") if p.find(f"{W}pPr/{W}pageBreakBefore") is not None]
    assert [text_of(p) for p in breaks] == ["二、存在的问题及下一步打算"]


def test_checks_blanks_and_signoff(sample):
    _doc, _path, xml, _styles, _f = sample
    allt = text_of(xml)
    assert "☑按期答复" in allt and "☐收取信息处理费" in allt
    underlined = [r for r in xml.iter(f"{W}r") if r.find(f"{W}rPr/{W}u") is not None]
    assert [text_of(r) for r in underlined] == ["\u3000" * 6, "\u3000" * 8]
    sign = xml.findall(f"{W}body/{W}tbl")[-1]
    cells = [tc_summary(tc) for tr in sign.findall(f"{W}tr") for tc in tr.findall(f"{W}tc")]
    assert cells[0][0].startswith("科室负责人审核\n意见：☑同意  ☐不同意\n内容属实，同意报送。")
    assert cells[2][1] == 2  # the odd last box spans the row


def test_check_docx_accepts_sample_and_reports_missing_text(sample, tmp_path):
    doc, path, *_ = sample
    assert check_docx(path, doc) == []
    other = Document(blocks=[Title("另一份文件"), Para("正文")])
    problems = check_docx(path, other)
    assert problems and "另一份文件" in problems[0]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    assert check_docx(bad, doc)


def test_landscape_and_form_setup(tmp_path):
    doc = Document(page=PageSetup.form(), blocks=[Heading("一、表"), PageBreak(),
                                                 Table([[Cell("甲"), Cell("乙")]], widths=[1, 1])])
    doc.page.landscape = True
    path = render_docx(doc, tmp_path / "l.docx")
    with zipfile.ZipFile(path) as z:
        xml = etree.fromstring(z.read("word/document.xml"))
    size = xml.find(f"{W}body/{W}sectPr/{W}pgSz")
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h")), size.get(f"{W}orient")) == (16838, 11906, "landscape")
    # a page break before a table lands on a hairline paragraph just before it
    body = list(xml.find(f"{W}body"))
    tbl_at = next(i for i, el in enumerate(body) if el.tag == f"{W}tbl")
    assert body[tbl_at - 1].find(f"{W}pPr/{W}pageBreakBefore") is not None


def summary(xml) -> list:
    """A reviewed picture of the body: paragraph texts with fonts and sizes, table cells with spans."""
    out = []
    for el in xml.find(f"{W}body"):
        if el.tag == f"{W}p":
            runs = [r for r in el.iter(f"{W}r") if text_of(r)]
            fonts = sorted({r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for r in runs})
            sizes = sorted({int(r.find(f"{W}rPr/{W}sz").get(f"{W}val")) / 2 for r in runs})
            out.append({"p": text_of(el), "fonts": fonts, "sizes": sizes})
        elif el.tag == f"{W}tbl":
            out.append({"tbl": [[tc_summary(tc) for tc in tr.findall(f"{W}tc")] for tr in el.findall(f"{W}tr")]})
    return out


def test_matches_reviewed_golden(sample):
    got = summary(sample[2])
    if os.environ.get("GWDESK_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


# Word refuses a file whose property elements are out of schema order (LibreOffice does not care).
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
           "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
           "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
           "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
           "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
           "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
            "hideMark headers cellIns cellDel cellMerge tcPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
             "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange",
}


def test_property_elements_follow_schema_order(sample):
    _doc, path, *_ = sample
    with zipfile.ZipFile(path) as z:
        roots = [etree.fromstring(z.read(n)) for n in z.namelist()
                 if n in ("word/document.xml", "word/styles.xml") or n.startswith("word/footer")]
    for root in roots:
        for tag, seq in SCHEMA_ORDER.items():
            order = seq.split()
            for el in root.iter(f"{W}{tag}"):
                kids = [k.tag.removeprefix(W) for k in el if isinstance(k.tag, str)]
                assert all(k in order for k in kids), kids
                idx = [order.index(k) for k in kids]
                assert idx == sorted(idx) and len(set(kids)) == len(kids), (tag, kids)


@pytest.mark.skipif(not __import__("shutil").which("libreoffice"), reason="LibreOffice not installed")
def test_libreoffice_opens_sample_and_lays_out_three_pages(sample, tmp_path):
    """An office suite reads the file: converted to PDF, it has the sample's pages, text and page numbers."""
    import subprocess

    from pypdf import PdfReader

    doc, path, *_ = sample
    env = dict(os.environ, HOME=str(tmp_path), FONTCONFIG_FILE=str(TESTS / "fixtures/render/fonts.conf"))
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   cwd=ROOT, env=env, capture_output=True, timeout=180, check=True)
    pages = PdfReader(str(tmp_path / "sample.pdf")).pages
    assert len(pages) == 3
    texts = ["".join(p.extract_text().split()) for p in pages]
    assert all(f"—{n}—" in t for n, t in enumerate(texts, start=1))
    assert texts[2].startswith("二、存在的问题及下一步打算")
    assert "☑按期答复" in texts[1] and "审核签批" in texts[2]


def test_footer_tab_stops_are_only_ours(sample):
    """Left text, centred page number, right text: the template's Footer tab stops must not interfere."""
    _doc, path, *_ = sample
    with zipfile.ZipFile(path) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
        footer = etree.fromstring(z.read("word/footer1.xml"))
    style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Footer")
    assert style.find(f"{W}pPr/{W}tabs") is None
    stops = [(t.get(f"{W}val"), int(t.get(f"{W}pos"))) for t in footer.iter(f"{W}tab") if t.get(f"{W}pos")]
    assert stops == [("center", round(156 / 2 / 25.4 * 1440)), ("right", round(156 / 25.4 * 1440))]


def test_the_closing_unit_and_date_keep_with_the_last_paragraph(tmp_path):
    import docx as python_docx

    doc = Document(blocks=[Title("报告"), Para("正文第一段。"), Para("（十）完成情况报送。"),
                           Para("青川县民政局", style="right", align="right", first_indent=False),
                           Para("2026年11月22日", style="right", align="right", first_indent=False)])
    paras = python_docx.Document(str(render_docx(doc, tmp_path / "e.docx"))).paragraphs
    keep = {p.text: bool(p.paragraph_format.keep_with_next) for p in paras}
    assert keep["（十）完成情况报送。"] and keep["青川县民政局"]
    assert not keep["正文第一段。"] and not keep["2026年11月22日"]
