"""The rendered report: every label, span and number of the DOCX tables and of the PDF text against the spec."""

import re

import pytest
from report_helpers import fixture
from test_report_layout import expected_t2_cells, expected_t3_cells, expected_t4_cells

from gwdesk.core.annual_report import spec
from gwdesk.render.layouts import annual_report as ar
from gwdesk.render.model import Table, cell_text, grid


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _row_strings(table: Table) -> list[str]:
    rows: dict[int, list[str]] = {}
    for r, _, cell in grid(table):
        rows.setdefault(r, []).append(_squash(cell_text(cell)))
    return ["".join(rows[r]) for r in sorted(rows)]


@pytest.fixture(scope="module")
def report():
    data = fixture()
    return data, ar.build(data, "青川县民政局")


@pytest.fixture(scope="module")
def pdf_text(report, tmp_path_factory):
    from pypdf import PdfReader

    from gwdesk.render.pdf import render_pdf
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    render_pdf(report[1], path)
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 3
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 595 and round(float(box.height)) == 842  # A4 portrait
    text = _squash("".join(p.extract_text() for p in reader.pages))
    assert "—1—" in text  # page numbers
    return re.sub(r"—\d+—", "", text)  # so text running over a page break reads on


def test_pdf_title_sections_and_text(report, pdf_text):
    data, doc = report
    assert pdf_text.startswith("青川县民政局2025年政府信息公开工作年度报告")
    pos = [pdf_text.find(h) for h in spec.SECTIONS]
    assert all(p >= 0 for p in pos) and pos == sorted(pos)
    for key in ("overview", "problems", "other"):
        for line in data.text[key].splitlines():
            assert _squash(line) in pdf_text


def test_pdf_every_table_row_in_order(report, pdf_text):
    """Each table row's labels and numbers appear together, rows in official order."""
    _, doc = report
    at = 0
    for table in (b for b in doc.blocks if isinstance(b, Table)):
        for row in _row_strings(table):
            found = pdf_text.find(row, at)
            assert found >= 0, f"row not found after {at}: {row}"
            at = found + len(row)


def test_pdf_numbers_match_data(report, pdf_text):
    data, _ = report
    for rid in spec.T3_IDS:
        nums = "".join(str(v) for v in data.table3[rid])
        assert _squash(spec.T3_LABELS[rid]) + nums in pdf_text
    t4 = "".join(str(v) for g in spec.T4_GROUP_KEYS for v in data.table4[g])
    assert "总计" + t4 in pdf_text
    assert "行政规范性文件3118" in pdf_text and "行政许可42" in pdf_text


# ---- DOCX ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def docx_tables(report, tmp_path_factory):
    from gwdesk.render import docx as render
    import docx
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    render.render_docx(report[1], path)
    d = docx.Document(str(path))
    sec = d.sections[0]
    assert sec.page_width < sec.page_height  # portrait
    return d


def _docx_cells(table):
    """(row, col) → (text, rowspan, colspan) read back from the merged cells of a python-docx table."""
    nrows, ncols = len(table.rows), len(table.columns)
    grid = [row.cells for row in table.rows]  # what table.cell(r, c) gives, read a row at a time (table.cell lays
    assert all(len(cells) == ncols for cells in grid)  # out the whole table on each call)
    tcs = [[cell._tc for cell in cells] for cells in grid]
    out, seen = {}, set()
    for r in range(nrows):
        for c in range(ncols):
            tc = tcs[r][c]
            if id(tc) in seen:
                continue
            seen.add(id(tc))
            colspan = sum(1 for cc in range(c, ncols) if tcs[r][cc] is tc)
            rowspan = sum(1 for rr in range(r, nrows) if tcs[rr][c] is tc)
            text = grid[r][c].text
            out[(r, c)] = (text, rowspan, colspan)
    return out


def _norm(cells):
    return {k: (_squash(t), rs, cs) for k, (t, rs, cs) in cells.items()}


def test_docx_tables_labels_spans_numbers(report, docx_tables):
    data, _ = report
    tables = docx_tables.tables
    assert len(tables) == 3
    assert _norm(_docx_cells(tables[0])) == _norm(expected_t2_cells(data))
    assert _norm(_docx_cells(tables[1])) == _norm(expected_t3_cells(data))
    assert _norm(_docx_cells(tables[2])) == _norm(expected_t4_cells(data))


def test_docx_title_and_headings(report, docx_tables):
    texts = [_squash(p.text) for p in docx_tables.paragraphs if p.text.strip()]
    assert texts[0].startswith("青川县民政局")
    assert "".join(texts[:2]).startswith("青川县民政局2025年政府信息公开工作年度报告")
    for h in spec.SECTIONS:
        assert h in texts
