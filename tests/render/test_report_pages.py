"""The annual report's pages: tables break only between whole rows, a table's first rows stay with its heading, no
block of table 二 is cut from its caption row, and the PDF and the DOCX (through LibreOffice) break pages alike."""

import re
import subprocess

import pytest
from report_helpers import fixture
from xlsx_print import needs_libreoffice, to_pdf

from gwdesk.core.annual_report import spec
from gwdesk.render.docx import render_docx
from gwdesk.render.layouts import annual_report as ar
from gwdesk.render.model import Table, cell_text, grid
from gwdesk.render.pdf import render_pdf

# longer and longer 总体情况 move the tables down the pages: each variant puts a break somewhere else
EXTRA = ("（六）平台建设。持续维护政府信息公开专栏，按照“谁发布、谁维护、谁负责”原则及时更新办事指南，"
         "做好政策文件的集中展示和历史文件的归集整理工作。")
VARIANTS = [0, 2, 4, 6, 9]


@pytest.fixture(autouse=True)
def _bundled(monkeypatch):
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")


def _doc(extra: int):
    data = fixture()
    data.text["overview"] = data.text["overview"] + "\n" + "\n".join([EXTRA] * extra)
    return ar.build(data, "青川县民政局")


def _pages(pdf) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    return [re.sub(r"\s+", "", p) for p in out.decode("utf-8").split("\f")][:-1]


def _page_of(pages: list[str], text: str) -> int:
    return next(i for i, p in enumerate(pages, 1) if text in p)


FIRST_T3, LAST_T3 = "一、本年新收政府信息公开申请数量", "四、结转下年度继续办理"
RESULTS_T3 = "（一）予以公开"


def _blocks(doc) -> list[tuple[str, list[str]]]:
    """Table 二's blocks as printed rows (caption, then each item's label with its figures run together)."""
    t2 = next(b for b in doc.blocks if isinstance(b, Table) and b.keep_rows and len(b.keep_rows) > 1)
    rows: dict[int, str] = {}
    for r, _c, cell in grid(t2):
        rows[r] = rows.get(r, "") + re.sub(r"\s+", "", cell_text(cell))
    return [(rows[r0], [rows[r] for r in range(r0 + 2, r1 + 1)]) for r0, r1 in t2.keep_rows]


def _layout(doc, pages: list[str]) -> dict:
    """Where the report's parts fall: each heading's page, each table-二 block's caption and rows, table 三."""
    out = {h: _page_of(pages, re.sub(r"\s+", "", h)) for h in spec.SECTIONS}
    for caption, rows in _blocks(doc):
        out[caption] = {_page_of(pages, caption)} | {_page_of(pages, row) for row in rows}
    out["表三"] = {out[spec.SECTIONS[2]], _page_of(pages, FIRST_T3)}  # the heading with the first rows
    out["表三办理结果"] = {_page_of(pages, RESULTS_T3), _page_of(pages, LAST_T3)}  # 办理结果 to 结转, together
    return out


@pytest.mark.parametrize("extra", VARIANTS)
def test_pdf_tables_break_between_whole_blocks(extra, tmp_path):
    doc = _doc(extra)
    pages = _pages(render_pdf(doc, tmp_path / "r.pdf"))
    got = _layout(doc, pages)
    for caption, _rows in _blocks(doc):
        assert len(got[caption]) == 1, (caption, got[caption])  # a block and its caption row on one page
    assert len(got["表三"]) == 1, got["表三"]  # heading 三 with the table's first rows
    assert len(got["表三办理结果"]) == 1, got["表三办理结果"]  # the 办理结果 block whole
    t4 = [b for b in doc.blocks if isinstance(b, Table)][2]
    figures = "".join(cell_text(c) for c in t4.rows[-1])
    assert got[spec.SECTIONS[3]] == _page_of(pages, figures)  # 表四's figures with its heading


@needs_libreoffice
@pytest.mark.parametrize("extra", VARIANTS)
def test_pdf_and_docx_break_pages_alike(extra, tmp_path):
    doc = _doc(extra)
    pdf = _pages(render_pdf(doc, tmp_path / "r.pdf"))
    docx = _pages(to_pdf(render_docx(doc, tmp_path / "r.docx")))
    assert len(pdf) == len(docx)
    assert _layout(doc, pdf) == _layout(doc, docx)
