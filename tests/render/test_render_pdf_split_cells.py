"""A table whose page break falls at a cell that cannot split (a section title set two characters a line):
its row is set over the two pages and every line is drawn. It once failed with “'_SharedParagraph' object has no
attribute 'blPara'” (reportlab drops the lines of a paragraph it could not split; the cell then drew it
without wrapping it again) — the blank 意见单 hit it."""

from __future__ import annotations

from pypdf import PdfReader

from gwdesk.render.model import Cell, Document, PageSetup, Para, Table
from gwdesk.render.pdf import render_pdf


def _head(title: str) -> Cell:
    return Cell([Para(title[i:i + 2], align="center", first_indent=False, bold=True) for i in range(0, len(title), 2)],
                align="center", shade=True)


def test_a_cell_that_cannot_split_at_the_page_break_moves_whole_and_draws(tmp_path):
    # these row counts put the page break inside the last row's title cell (found by trying 15–45 rows)
    for lead, min_mm in ((28, 9.0), (38, 6.5), (39, 6.5)):
        rows = [[Cell("x"), Cell("甲"), Cell(f"第{i}行")] for i in range(lead)]
        rows.append([_head("公开审查"), Cell("乙"), Cell("末行")])
        doc = Document(page=PageSetup.form())
        doc.add(Table(rows, widths=[1, 1, 3], font_size_pt=10, min_row_height_mm=min_mm))
        out = render_pdf(doc, tmp_path / f"t{lead}.pdf")
        pages = PdfReader(str(out)).pages
        assert len(pages) == 2
        text = "".join("".join(p.extract_text() for p in pages).split())
        assert "公开" in text and "审查" in text and "末行" in text and "第0行" in text
