"""GB/T 9704-2012 in both renderers, measured on the pages: every glyph inside the type area (156 × 225 mm at
28 mm from the left and 37 mm from the top), 3号 body, 4号 page numbers "— 1 —" right on odd pages and left on
even ones, the 落款 with its date four characters in from the right and the unit centred over it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from report_helpers import fixture

from gwdesk.render import fonts
from gwdesk.render.docx import render_docx
from gwdesk.render.layouts import annual_report, task_report
from gwdesk.render.pdf import render_pdf
from gwdesk.render.sample import sample_document

sys.path.insert(0, str(Path(__file__).parent))
from test_render_long_and_pasted import long_doc  # noqa: E402
from test_render_task_report import long_data  # noqa: E402

MM = 72 / 25.4
LEFT, RIGHT, TOP, BOTTOM = 28.0, 184.0, 37.0, 262.0
TODAY = dt.date(2021, 7, 1)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(autouse=True)
def _bundled(monkeypatch):
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")


def documents():
    return {
        "task_report": lambda: task_report.build(long_data(23, 700), unit_name="青川县民政局", today=TODAY),
        "annual_report": lambda: annual_report.build(fixture(), "青川县民政局"),
        "sample": sample_document,
        "long_cell": lambda: long_doc(5000),
    }


def chars(path):
    """(page number, char dict in mm from the page's top-left) for every drawn glyph."""
    with pdfplumber.open(str(path)) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            for ch in page.chars:
                if not ch["text"].isspace():
                    yield n, {k: ch[k] / MM for k in ("x0", "x1", "top", "bottom")} | {
                        "text": ch["text"], "size": ch["size"], "font": ch["fontname"]}


def outside_type_area(path) -> list:
    out = []
    for n, c in chars(path):
        if c["top"] > BOTTOM + 3:  # the page-number line, below the type area by design
            continue
        if c["x0"] < LEFT - 0.05 or c["x1"] > RIGHT + 0.05 or c["top"] < TOP - 0.05 or c["bottom"] > BOTTOM + 0.05:
            out.append((n, c["text"], round(c["x0"], 1), round(c["x1"], 1), round(c["top"], 1)))
    return out


@pytest.mark.parametrize("name", list(documents()))
def test_pdf_glyphs_stay_inside_the_type_area(name, tmp_path):
    doc = documents()[name]()
    path = render_pdf(doc, tmp_path / f"{name}.pdf")
    assert outside_type_area(path) == []
    # the measure is real: digits, Latin and Chinese all reach the right edge somewhere
    right = [c for _, c in chars(path) if c["x1"] > RIGHT - 6 and c["top"] < BOTTOM]
    assert right


def test_page_numbers_are_4hao_dashes_right_on_odd_pages_left_on_even(tmp_path):
    doc = task_report.build(long_data(23, 700), unit_name="青川县民政局", today=TODAY)
    path = render_pdf(doc, tmp_path / "r.pdf")
    lines: dict[int, list[dict]] = {}
    for n, c in chars(path):
        if c["top"] > BOTTOM + 3:
            lines.setdefault(n, []).append(c)
    assert len(lines) >= 3
    for n, cs in lines.items():
        text = "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"]))
        assert text == f"—{n}—"
        assert {round(c["size"]) for c in cs} == {14}
        dash_top = min(c["top"] for c in cs if c["text"] == "—")
        assert BOTTOM + 4 < dash_top < BOTTOM + 10  # the dashes about 7 mm under the type area
        if n % 2:
            assert RIGHT - 6 < max(c["x1"] for c in cs) < RIGHT - 4  # one 4号 character in from the right
        else:
            assert LEFT + 4 < min(c["x0"] for c in cs) < LEFT + 6


def test_body_heading_fonts_and_the_signature(tmp_path):
    doc = task_report.build(long_data(6, 50), unit_name="青川县民政局", today=TODAY)
    path = render_pdf(doc, tmp_path / "r.pdf")
    by_line: dict[tuple[int, float], list[dict]] = {}
    for n, c in chars(path):
        by_line.setdefault((n, round(c["top"], 0)), []).append(c)

    def line(starting: str, whole: bool = False) -> list[dict]:
        for cs in by_line.values():
            text = "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"]))
            if text == starting if whole else text.startswith(starting):
                return sorted(cs, key=lambda c: c["x0"])
        raise AssertionError(starting)

    fangsong, hei, kai = (fonts.pdf_font(r).name for r in ("fangsong", "hei", "kai"))
    body = line("根据《")
    assert {round(c["size"]) for c in body} == {16} and fangsong in body[0]["font"]
    assert hei in line("一、总体情况")[0]["font"]
    assert kai in line("（一）")[0]["font"]
    date, unit = line("2021年7月1日", whole=True), line("青川县民政局", whole=True)
    char_mm = 16 / MM
    assert date[-1]["x1"] == pytest.approx(RIGHT - 4 * char_mm, abs=0.6)  # 成文日期右空四字
    centre = (date[0]["x0"] + date[-1]["x1"]) / 2
    assert (unit[0]["x0"] + unit[-1]["x1"]) / 2 == pytest.approx(centre, abs=1.0)  # 署名以成文日期为准居中


def test_docx_says_the_same(tmp_path):
    doc = task_report.build(long_data(6, 50), unit_name="青川县民政局", today=TODAY)
    path = render_docx(doc, tmp_path / "r.docx")
    with zipfile.ZipFile(path) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
        body = etree.fromstring(z.read("word/document.xml"))
        footers = {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/footer")}
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    sect = body.find(f".//{W}sectPr")
    refs = {r.get(f"{W}type"): r for r in sect.findall(f"{W}footerReference")}
    assert set(refs) >= {"default", "even"}
    jc = sorted(f.find(f".//{W}jc").get(f"{W}val") for f in footers.values())
    assert jc == ["left", "right"]
    pgmar = sect.find(f"{W}pgMar")
    twips = {k: int(pgmar.get(f"{W}{k}")) / 56.7 for k in ("top", "left", "right", "bottom")}
    assert twips == pytest.approx({"top": 37, "left": 28, "right": 26, "bottom": 35}, abs=0.1)
    paras = body.findall(f".//{W}p")

    def text(p):
        return "".join(t.text or "" for t in p.iter(f"{W}t"))

    date = next(p for p in paras if text(p) == "2021年7月1日")
    assert date.find(f".//{W}jc").get(f"{W}val") == "right"
    assert int(date.find(f".//{W}ind").get(f"{W}right")) == 4 * 16 * 20  # four 3号 characters
    heading = next(p for p in paras if text(p) == "一、总体情况")
    assert heading.find(f".//{W}rFonts").get(f"{W}eastAsia") == "黑体"
    sub = next(p for p in paras if text(p).startswith("（一）"))
    assert sub.find(f".//{W}rFonts").get(f"{W}eastAsia") == "楷体_GB2312"
    run = next(p for p in paras if text(p).startswith("根据《")).find(f".//{W}r")
    assert run.find(f".//{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
    assert run.find(f".//{W}sz").get(f"{W}val") == "32"  # 16 pt, 3号


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice not installed")
@pytest.mark.parametrize("name", ["task_report", "annual_report"])
def test_docx_through_libreoffice_stays_inside_the_type_area(name, tmp_path):
    doc = documents()[name]()
    path = render_docx(doc, tmp_path / f"{name}.docx")
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / f"{name}.pdf"
    # LibreOffice lays out with its own substitutes for 仿宋_GB2312 and Times New Roman; glyph boxes of a
    # substitute may reach a hair past its advance, so allow 0.5 mm
    far = [c for c in outside_type_area(pdf) if c[3] > RIGHT + 0.5 or c[2] < LEFT - 0.5]
    assert far == []
    if name == "task_report":  # 23 tasks once made 14 nearly blank pages in Word and LibreOffice
        with pdfplumber.open(str(pdf)) as doc_pdf:
            sizes = [len((p.extract_text() or "").replace(" ", "").replace("\n", "")) for p in doc_pdf.pages]
        assert sum(1 for n in sizes if n < 150) <= 2, sizes
