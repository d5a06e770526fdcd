"""PDF renderer: draws a model.Document with reportlab platypus, every font embedded as TrueType."""

from __future__ import annotations

import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether,
                                NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer, Table,
                                TableStyle)

from gwdesk.render import fonts
from gwdesk.render.model import (Blank, Check, Document, Heading, PageSetup, Para, SignBox, SignOff,
                                 Title, grid, signbox_lines)
from gwdesk.render.model import PageBreak as ModelPageBreak
from gwdesk.render.model import Spacer as ModelSpacer
from gwdesk.render.model import Table as ModelTable

# reportlab's kinsoku list lacks most full-width Chinese punctuation, so "，" could start a line.
_CANNOT_START = "，。、；：！？）》〉」』】〕”’％·…—"
for _mod in (_rl_paragraph, _rl_textsplit):
    _mod.ALL_CANNOT_START = _mod.ALL_CANNOT_START + "".join(
        ch for ch in _CANNOT_START if ch not in _mod.ALL_CANNOT_START)

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
_VALIGN = {"top": "TOP", "middle": "MIDDLE", "bottom": "BOTTOM"}
GRID_PT = 0.6
SHADE = colors.Color(0.9, 0.9, 0.9)
AIR_PT = 6.0  # space around tables (DOCX: a 6 pt paragraph or a caption's space before)
CELL_PAD_PT = (2.0, 3.0, 2.0)  # top, left/right, bottom (docx.CELL_PAD_TWIPS)
TABLE_LEADING = 1.4  # table text line height as a multiple of its size (docx.TABLE_LEADING)


def page_number_text(n: int) -> str:
    return f"— {n} —"


# ---- text → Paragraph markup ------------------------------------------------------------------------

def _markup(text: str, font_name: str) -> str:
    """Escape text; characters the font lacks (e.g. ☑ in a workstation 仿宋) switch to the bundled serif."""
    fb = fonts.fallback_font().name
    text = re.sub(r" {2,}", lambda m: "\u00a0" * len(m.group()), text)  # keep runs of spaces ("  年  月  日")
    if font_name == fb:
        return escape(text).replace("\n", "<br/>")
    out, run, run_missing = [], [], False

    def flush():
        if run:
            s = escape("".join(run)).replace("\n", "<br/>")
            out.append(f'<font name="{fb}">{s}</font>' if run_missing else s)
            run.clear()

    for ch in text:
        missing = ch != "\n" and not fonts.has_glyph(font_name, ch)
        if missing != run_missing:
            flush()
            run_missing = missing
        run.append(ch)
    flush()
    return "".join(out)


def _inline_markup(item, font_name: str) -> str:
    if isinstance(item, str):
        return _markup(item, font_name)
    if isinstance(item, Check):
        return _markup(item.text, font_name)
    if isinstance(item, Blank):
        # reportlab drops runs of ordinary/ideographic spaces, but keeps no-break spaces
        fb = fonts.fallback_font().name
        n = round(max(item.width_chars, 0) * 1000 / pdfmetrics.stringWidth("\u00a0", fb, 1000))
        return _markup(item.label, font_name) + f'<u><font name="{fb}">{"&nbsp;" * n}</font></u>'

    raise TypeError(f"not an inline: {item!r}")


class _Styles:
    """Paragraph styles for one page setup."""

    def __init__(self, page: PageSetup):
        self.page = page
        self.body = page.body_size_pt
        self.leading = page.line_spacing_pt

    def font(self, role: str, bold: bool = False) -> str:
        if bold and role in ("song", "fangsong"):
            role = "hei"  # Chinese bold convention: 黑体 stands in for bold 宋/仿宋
        return fonts.pdf_font(role).name

    def make(self, role: str, size: float, leading: float, align: str = "justify", indent: float = 0,
             bold: bool = False, space_after: float = 0, space_before: float = 0) -> ParagraphStyle:
        return ParagraphStyle(
            f"gw-{role}-{size}", fontName=self.font(role, bold), fontSize=size, leading=leading,
            alignment=_ALIGN[align], firstLineIndent=indent, wordWrap="CJK", spaceAfter=space_after,
            spaceBefore=space_before, allowWidows=1, allowOrphans=1)

    def para(self, p: Para, table_size: float | None = None) -> ParagraphStyle:
        base = table_size or self.body
        size = p.size_pt or round({"small": base * 0.875, "note": base * 0.8}.get(p.style, base) * 2) / 2
        if table_size:
            leading = size * TABLE_LEADING
        else:
            leading = self.leading * size / self.body if p.size_pt or p.style in ("small", "note") else self.leading
            leading = max(leading, size * 1.2)
        role = p.font or ("hei" if p.style == "caption" else self.page.body_font)
        align = {"right": "right", "caption": "center"}.get(p.style, p.align)
        indent = 2 * size if p.first_indent and align in ("justify", "left") else 0
        return self.make(role, size, leading, align, indent, bold=p.bold)

    def table_size(self, t: ModelTable) -> float:
        return t.font_size_pt or min(self.body, 12.0)


def _para_flowable(p: Para, styles: _Styles, table_size: float | None = None) -> Paragraph:
    style = styles.para(p, table_size)
    text = "".join(_inline_markup(i, style.fontName) for i in p.inlines())
    return Paragraph(text or "&nbsp;", style)  # an empty paragraph still takes a line, as in Word


# ---- tables -----------------------------------------------------------------------------------------

class _MinHeight(Flowable):
    """A cell's content kept at least `min_h` tall, aligned inside that height (rows with a minimum)."""

    def __init__(self, content: list[Flowable], min_h: float, valign: str):
        super().__init__()
        self.content, self.min_h, self.valign = content, min_h, valign
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, aw, ah):
        self._sizes = [f.wrap(aw, ah) for f in self.content]
        self._inner = sum(h for _, h in self._sizes)
        self.width = aw
        self.height = max(self._inner, self.min_h)
        return aw, self.height

    def draw(self):
        free = self.height - self._inner
        y = self.height - {"top": 0, "middle": free / 2, "bottom": free}[self.valign]
        for f, (_, h) in zip(self.content, self._sizes):
            y -= h
            f.drawOn(self.canv, 0, y)


def _TABLE_FONT():
    # plain-string cells (the empty ones under spans) would otherwise be set in unembedded Helvetica
    return ("FONTNAME", (0, 0), (-1, -1), fonts.fallback_font().name)


def _cell_flowables(cell, styles: _Styles, size: float) -> list[Flowable]:
    out = []
    for p in cell.paras():
        if cell.vertical_text:
            p = Para("\n".join(ch for ch in "".join(
                i if isinstance(i, str) else (i.text if isinstance(i, Check) else i.label)
                for i in p.inlines())), align="center", first_indent=False, bold=p.bold, font=p.font)
        out.append(_para_flowable(p, styles, size))
    return out


def _table(t: ModelTable, styles: _Styles, frame_w: float) -> list[Flowable]:
    size = styles.table_size(t)
    total = sum(t.widths)
    col_w = [frame_w * w / total for w in t.widths]
    nrows = len(t.rows)
    data: list[list] = [["" for _ in range(t.ncols)] for _ in range(nrows)]
    cmds = [("GRID", (0, 0), (-1, -1), GRID_PT, colors.black), _TABLE_FONT(),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_PT[1]), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_PT[1]),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_PT[0]), ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_PT[2])]
    min_h = (t.min_row_height_mm or 0) * mm
    for r, c, cell in grid(t):
        content = _cell_flowables(cell, styles, size)
        end = (c + cell.colspan - 1, r + cell.rowspan - 1)
        if min_h and cell.rowspan == 1:
            content = [_MinHeight(content, min_h - CELL_PAD_PT[0] - CELL_PAD_PT[2], cell.valign)]
        cmds.append(("VALIGN", (c, r), end, _VALIGN[cell.valign]))
        data[r][c] = content
        if cell.colspan > 1 or cell.rowspan > 1:
            cmds.append(("SPAN", (c, r), end))
        if cell.shade:
            cmds.append(("BACKGROUND", (c, r), end, SHADE))
    table = Table(data, colWidths=col_w, repeatRows=t.header_rows, hAlign="CENTER")
    table.setStyle(TableStyle(cmds))
    out: list[Flowable] = []
    # never leave a caption, the header rows and fewer than two body rows at the foot of a page
    keep = t.header_rows + 2
    if nrows > 1:
        _w, _h = table.wrap(frame_w, 1e6)
        need = sum(table._rowHeights[:keep]) + AIR_PT + ((size + 2) * 1.5 + 3 if t.caption else 0)
        out.append(CondPageBreak(need))
    if t.caption:
        out.append(Paragraph(_markup(t.caption, styles.font("hei")),
                             styles.make("hei", size + 2, (size + 2) * 1.5, "center", space_after=3,
                                         space_before=AIR_PT)))
    else:
        out.append(Spacer(0, AIR_PT))
    out.append(table)
    out.append(Spacer(0, AIR_PT))
    return out


def _signoff(s: SignOff, styles: _Styles, frame_w: float) -> list[Flowable]:
    size = min(styles.body, 12.0)
    cols = max(1, s.columns)
    rows: list[list] = []
    cmds = [("GRID", (0, 0), (-1, -1), GRID_PT, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"), _TABLE_FONT(),
            ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    for i in range(0, len(s.boxes), cols):
        chunk = s.boxes[i:i + cols]
        row = [_signbox(b, styles, size) for b in chunk] + [""] * (cols - len(chunk))
        if len(chunk) < cols:  # the last box takes the rest of the row
            r = len(rows)
            cmds.append(("SPAN", (len(chunk) - 1, r), (cols - 1, r)))
        rows.append(row)
    table = Table(rows, colWidths=[frame_w / cols] * cols, hAlign="CENTER")
    table.setStyle(TableStyle(cmds))
    out: list[Flowable] = []
    if s.title:
        out.append(Paragraph(_markup(s.title, styles.font("hei")),
                             styles.make("hei", size + 2, (size + 2) * 1.5, "center", space_after=3,
                                         space_before=AIR_PT)))
    else:
        out.append(Spacer(0, AIR_PT))
    out.append(table)
    return [KeepTogether(out), Spacer(0, AIR_PT)]


def _signbox(box: SignBox, styles: _Styles, size: float) -> list[Flowable]:
    lines = signbox_lines(box)
    role = styles.page.body_font
    lead = size * 1.6
    head = styles.make(role, size, lead, "left", bold=True)
    plain = styles.make(role, size, lead, "left")
    indent = styles.make(role, size, lead, "left", indent=2 * size)
    right = styles.make(role, size, lead, "right")
    out: list[Flowable] = [Paragraph(_markup(lines[0], head.fontName), head),
                           Paragraph(_markup(lines[1], plain.fontName), plain)]
    for extra in lines[2:-2]:
        out.append(Paragraph(_markup(extra, indent.fontName), indent))
    out.append(Spacer(0, size * 2.5))
    for tail in lines[-2:]:
        out.append(Paragraph(_markup(tail, right.fontName), right))
    return out


# ---- document ---------------------------------------------------------------------------------------

def _keep_headings_with(out: list[Flowable], cond: CondPageBreak, leading: float) -> None:
    """Put a table's page-break condition in front of the headings that introduce it."""
    at = len(out)
    while at >= 2 and getattr(out[at - 1], "_gw_heading", False):
        cond.height += leading
        at -= 2  # the heading and its own CondPageBreak
    out.insert(at, cond)


def _flowables(doc: Document, frame_w: float) -> list[Flowable]:
    st = _Styles(doc.page)
    out: list[Flowable] = []
    for b in doc.blocks:
        if isinstance(b, Title):
            size = 22.0
            after = st.leading if not b.subtitle else size * 0.4
            out.append(Paragraph(_markup(b.text, st.font("xbs")),
                                 st.make("xbs", size, max(size * 1.5, st.leading), "center", space_after=after)))
            if b.subtitle:
                sub = st.make(doc.page.body_font, st.body, st.leading, "center", space_after=st.leading * 0.5)
                out.append(Paragraph(_markup(b.subtitle, sub.fontName), sub))
        elif isinstance(b, Heading):
            role = "hei" if b.level <= 1 else "kai"
            hs = st.make(role, st.body, st.leading, "left", indent=2 * st.body)
            out.append(CondPageBreak(st.leading * 3))
            heading = Paragraph(_markup(b.text, hs.fontName), hs)
            heading._gw_heading = True
            out.append(heading)
        elif isinstance(b, Para):
            out.append(_para_flowable(b, st))
        elif isinstance(b, ModelTable):
            flow = _table(b, st, frame_w)
            if isinstance(flow[0], CondPageBreak):
                _keep_headings_with(out, flow.pop(0), st.leading)
            out.extend(flow)
        elif isinstance(b, SignOff):
            out.extend(_signoff(b, st, frame_w))
        elif isinstance(b, ModelSpacer):
            out.append(Spacer(0, b.height_mm * mm))
        elif isinstance(b, ModelPageBreak):
            out.append(PageBreak())
        else:
            raise TypeError(f"unknown block {b!r}")
    return out


def _pagesize(page: PageSetup) -> tuple[float, float]:
    w, h = page.width_mm * mm, page.height_mm * mm
    return (h, w) if page.landscape else (w, h)


def _page_template(doc: Document, tid: str, starts: dict[str, int]) -> PageTemplate:
    page = doc.page
    pw, ph = _pagesize(page)
    frame = Frame(page.left_mm * mm, page.bottom_mm * mm, pw - (page.left_mm + page.right_mm) * mm,
                  ph - (page.top_mm + page.bottom_mm) * mm, 0, 0, 0, 0, id=f"{tid}-body")

    def on_page(canv: Canvas, _doc) -> None:
        starts.setdefault(tid, canv.getPageNumber())

    def on_page_end(canv: Canvas, _doc) -> None:
        n = canv.getPageNumber() - starts.get(tid, 1) + 1
        big = page.body_size_pt >= 14
        num_size, small = (14.0, 10.5) if big else (10.5, 9.0)
        # GB/T 9704: page number about 7 mm below the type area
        y = max(page.bottom_mm * mm - 7 * mm - num_size, 6 * mm)
        canv.saveState()
        if page.page_numbers:
            name = fonts.pdf_font("song").name
            canv.setFont(name, num_size)
            canv.drawCentredString(pw / 2, y, page_number_text(n))
        for text, left in ((page.footer_left, True), (page.footer_right, False)):
            if text:
                name = fonts.pdf_font(page.body_font).name
                canv.setFont(name, small)
                if left:
                    canv.drawString(page.left_mm * mm, y, text)
                else:
                    canv.drawRightString(pw - page.right_mm * mm, y, text)
        canv.restoreState()

    return PageTemplate(id=tid, frames=[frame], onPage=on_page, onPageEnd=on_page_end, pagesize=(pw, ph))


def render_pdf_many(docs: list[Document], path: str | os.PathLike) -> Path:
    """Several documents in one PDF, each starting on a new page with its own page setup and numbering."""
    if not docs:
        raise ValueError("no documents to render")
    path = Path(path)
    starts: dict[str, int] = {}
    templates = [_page_template(d, f"doc{i}", starts) for i, d in enumerate(docs)]
    first = docs[0]
    story: list[Flowable] = []
    for i, d in enumerate(docs):
        if i:
            story += [NextPageTemplate(f"doc{i}"), PageBreak()]
        pw, _ = _pagesize(d.page)
        story += _flowables(d, pw - (d.page.left_mm + d.page.right_mm) * mm)
    template = BaseDocTemplate(
        str(path), pagesize=_pagesize(first.page), pageTemplates=templates, title=first.title,
        author=first.author, creator="gwdesk", producer="gwdesk (reportlab)", subject="",
        invariant=1, leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0,
        initialFontName=fonts.fallback_font().name)  # else the canvas preamble pulls in unembedded Helvetica
    template.build(story)
    return path


def render_pdf(doc: Document, path: str | os.PathLike) -> Path:
    """Draw `doc` into a PDF file at `path`; returns the path."""
    return render_pdf_many([doc], path)
