"""DOCX renderer: writes a model.Document with python-docx, with 公文 fonts set explicitly on every run."""

from __future__ import annotations

import os
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell

from gwdesk.render.fonts import DOCX_LATIN, docx_font
from gwdesk.render.model import (
    Blank,
    Check,
    Document,
    Heading,
    PageBreak,
    Para,
    SignBox,
    SignOff,
    Spacer,
    Table,
    Title,
    cell_text,
    closing_range,
    grid,
    printable,
    signbox_lines,
)

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
_VALIGN = {"top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "middle": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
           "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM}
BLACK = RGBColor(0, 0, 0)
SHADE_HEX = "E6E6E6"
BORDER_SZ = "4"  # eighths of a point: 0.5 pt, as in the PDF
TITLE_PT = 22.0
TABLE_LEADING = 1.4
AIR_PT = 6.0  # space around tables (pdf.AIR_PT)
# top, left/right, bottom: the PDF's 2 pt, 3 pt, 2 pt (pdf.CELL_PAD_PT) less a quarter point top and bottom: Word and
# LibreOffice add the 0.5 pt border to each row's height, the PDF draws it over the row, so rows come out the same
CELL_PAD_TWIPS = (35, 60, 35)
# Word rejects out-of-order children, so new elements go before their schema successors.
_PPR_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
                   "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                   "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                   "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                        "w:tblDescription", "w:tblPrChange")  # table text line height as a multiple of its size (PDF uses the same)


# ---- fonts on runs and styles -------------------------------------------------------------------

def _set_fonts(rpr_owner, role: str) -> None:
    """Explicit fonts on a run or style: East Asian 公文 font, no theme fonts, eastAsia hint."""
    rpr = rpr_owner.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme"):
            del rfonts.attrib[attr]
    name = docx_font(role)
    latin = DOCX_LATIN if role in ("song", "fangsong") else name
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), name)
    rfonts.set(qn("w:hint"), "eastAsia")  # “” and ☐ take the Chinese font, full width


def _add_run(par, text: str, role: str, size: float, bold: bool = False, underline: bool = False):
    run = par.add_run(printable(text))  # python-docx turns "\n" into a line break
    _set_fonts(run._r, role)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.underline = underline or None
    run.font.color.rgb = BLACK
    return run


def _clean_styles(d, role: str, size: float) -> None:
    """Drop theme fonts and colours everywhere in styles.xml; Normal gets the body font."""
    styles_el = d.styles.element
    for rfonts in styles_el.iter(qn("w:rFonts")):
        for attr in list(rfonts.attrib):
            if attr.endswith("Theme"):
                del rfonts.attrib[attr]
    for color in styles_el.iter(qn("w:color")):
        for attr in list(color.attrib):
            if attr.startswith(qn("w:theme")):
                del color.attrib[attr]
        color.set(qn("w:val"), "000000")
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            rfonts = rpr.find(qn("w:rFonts"))
            if rfonts is None:
                rfonts = OxmlElement("w:rFonts")
                rpr.insert(0, rfonts)
            rfonts.set(qn("w:eastAsia"), docx_font(role))
            rfonts.set(qn("w:ascii"), DOCX_LATIN)
            rfonts.set(qn("w:hAnsi"), DOCX_LATIN)
    for name in ("Header", "Footer"):  # the template's tab stops (3.25", 6.5") would fight ours
        ppr = d.styles[name].element.pPr
        tabs = ppr.find(qn("w:tabs")) if ppr is not None else None
        if tabs is not None:
            ppr.remove(tabs)
    normal = d.styles["Normal"]
    _set_fonts(normal.element, role)
    normal.font.size = Pt(size)
    normal.font.color.rgb = BLACK
    # every line of the 版心 is filled, as in the PDF: with widow/orphan control Word and LibreOffice move a
    # paragraph's last lines (and the headings kept with them) to the next page and leave a gap of up to 4 lines
    normal.paragraph_format.widow_control = False
    for name, hrole in (("Heading 1", "hei"), ("Heading 2", "kai")):
        st = d.styles[name]
        _set_fonts(st.element, hrole)
        st.font.color.rgb = BLACK
        st.font.bold = False
        st.font.italic = False
        st.font.size = Pt(size)
        pf = st.paragraph_format
        pf.space_before = pf.space_after = Pt(0)


# ---- paragraphs --------------------------------------------------------------------------------------

def _format(par, *, align: str, size: float, line_pt: float | None, indent: bool,
            before: float = 0, after: float = 0, keep_next: bool = False) -> None:
    pf = par.paragraph_format
    pf.alignment = _ALIGN[align]
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if line_pt:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_pt)
    if keep_next:
        pf.keep_with_next = True
    if indent:
        pf.first_line_indent = Pt(2 * size)
        ind = par._p.get_or_add_pPr().find(qn("w:ind"))
        ind.set(qn("w:firstLineChars"), "200")  # two characters, whatever the font size
    # no snapping to a document grid: the fixed line spacing is the grid
    ppr = par._p.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is None:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.insert_element_before(snap, *_PPR_AFTER_SNAP)


def _inlines(par, items, role: str, size: float, bold: bool) -> None:
    items = list(items)
    for n, item in enumerate(items, 1):
        if isinstance(item, str):
            if item:
                _add_run(par, item, role, size, bold)
        elif isinstance(item, Check):
            _add_run(par, item.text, role, size, bold)
        elif isinstance(item, Blank):
            if item.label:
                _add_run(par, item.label, role, size, bold)
            _add_run(par, "\u3000" * max(item.width_chars, 0), role, size, underline=True)
            if n == len(items):  # spaces ending a paragraph are not underlined (LibreOffice, right-aligned
                _add_run(par, "\u200b", role, size, bold)  # Word): a zero-width space after them keeps the line
        else:
            raise TypeError(f"not an inline: {item!r}")


class _Writer:
    def __init__(self, doc: Document):
        self.model = doc
        self.page = doc.page
        self.d = new_docx()
        self.body = self.page.body_size_pt
        self.leading = self.page.line_spacing_pt
        self.break_next = False
        self.frame_w_mm = self.page.frame_width_mm

    # paragraphs appended to the body; a pending page break goes on the first one
    def new_par(self, container=None):
        par = (container or self.d).add_paragraph()
        if container is None and self.break_next:
            par.paragraph_format.page_break_before = True
            self.break_next = False
        return par

    def para_role(self, p: Para) -> str:
        role = p.font or ("hei" if p.style == "caption" else self.page.body_font)
        if p.bold and role in ("song", "fangsong"):
            role = "hei"  # same convention as the PDF: 黑体 stands in for bold 宋/仿宋
        return role

    def para(self, p: Para, container=None, table_size: float | None = None, par=None, vertical=False):
        base = table_size or self.body
        size = p.size_pt or round({"small": base * 0.875, "note": base * 0.8}.get(p.style, base) * 2) / 2
        if table_size:
            line = size * TABLE_LEADING
        elif p.size_pt or p.style in ("small", "note"):
            line = max(self.leading * size / self.body, size * 1.2)
        else:
            line = self.leading
        align = {"right": "right", "caption": "center"}.get(p.style, p.align)
        par = par if par is not None else self.new_par(container)
        _format(par, align="center" if vertical else align, size=size, line_pt=line,
                indent=p.first_indent and align in ("justify", "left") and not vertical)
        if p.right_indent_chars:
            par.paragraph_format.right_indent = Pt(p.right_indent_chars * size)
        role = self.para_role(p)
        bold = p.bold and role == (p.font or self.page.body_font)  # no fake bold on top of 黑体
        if vertical:
            text = "".join(i if isinstance(i, str) else (i.text if isinstance(i, Check) else i.label)
                           for i in p.inlines())
            for k, ch in enumerate(text):
                run = _add_run(par, ch, role, size, bold)
                if k < len(text) - 1:
                    run.add_break()
        else:
            _inlines(par, p.inlines(), role, size, bold)
        return par

    def title(self, t: Title):
        par = self.new_par()  # not the template's "Title" style: it carries a blue bottom border
        line = max(TITLE_PT * 1.5, self.leading)
        _format(par, align="center", size=TITLE_PT, line_pt=line, indent=False,
                after=self.leading if not t.subtitle else TITLE_PT * 0.4, keep_next=True)
        _add_run(par, t.text, "xbs", TITLE_PT)
        if t.subtitle:
            sub = self.new_par()
            _format(sub, align="center", size=self.body, line_pt=self.leading, indent=False,
                    after=self.leading * 0.5)
            _add_run(sub, t.subtitle, self.page.body_font, self.body)

    def heading(self, h: Heading):
        role = "hei" if h.level <= 1 else "kai"
        par = self.new_par()
        par.style = self.d.styles["Heading 1" if h.level <= 1 else "Heading 2"]
        _format(par, align="left", size=self.body, line_pt=self.leading, indent=True, keep_next=True)
        _add_run(par, h.text, role, self.body)

    def caption(self, text: str, size: float):
        par = self.new_par()
        _format(par, align="center", size=size, line_pt=size * 1.5, indent=False, before=AIR_PT, after=3,
                keep_next=True)
        _add_run(par, text, "hei", size)

    def spacer(self, s: Spacer):
        par = self.new_par()
        _format(par, align="left", size=1, line_pt=max(s.height_mm * 72 / 25.4, 1), indent=False)

    def before_table(self, captioned: bool):
        # a table cannot carry pageBreakBefore: put it on a hairline paragraph; it also gives a little air
        if self.break_next or not captioned:
            par = self.new_par()
            _format(par, align="left", size=1, line_pt=AIR_PT, indent=False, keep_next=True)

    # ---- tables ----
    def table(self, t: Table):
        size = t.font_size_pt or min(self.body, 12.0)
        if t.caption:
            self.caption(t.caption, size + 2)
        self.before_table(bool(t.caption))
        placed = grid(t)
        nrows = len(t.rows)
        table = self.d.add_table(rows=nrows, cols=t.ncols)
        total = sum(t.widths)
        widths = [Mm(self.frame_w_mm * w / total) for w in t.widths]
        _table_frame(table, widths)
        tall = _tall_rows(t, placed, self.frame_w_mm, size, self.page) if t.split_in_rows else set()
        for r, row in enumerate(table.rows):
            trpr = row._tr.get_or_add_trPr()
            if r not in tall:  # a row that cannot split and is taller than the rest of a page leaves it blank
                _on(trpr, "w:cantSplit")
            if r < t.header_rows:
                _on(trpr, "w:tblHeader")
            if t.min_row_height_mm:
                row.height = Mm(t.min_row_height_mm)
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        # python-docx's table.cell() rebuilds the whole cell list on every call (quadratic on big
        # tables); take the unmerged cells once from the XML and keep each placed cell's object
        tcs = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
        targets = {}
        for r, c, cell in placed:
            target = tcs[r][c]
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(tcs[r + cell.rowspan - 1][c + cell.colspan - 1])
            targets[r, c] = target
            target.vertical_alignment = _VALIGN[cell.valign]
            if cell.shade:
                _shade(target)
            paras = cell.paras()
            first = target.paragraphs[0]
            for k, p in enumerate(paras):
                self.para(p, container=target, table_size=size, par=first if k == 0 else None,
                          vertical=cell.vertical_text)
        # keep the header rows with the first two body rows (Word: keep-with-next inside table rows)
        # (a tall row splits, and a chain that ends in one would push the heading off its page)
        keep = t.header_rows + 1 if not {t.header_rows, t.header_rows + 1} & tall else t.header_rows
        for r, c, cell in placed:
            if r < keep and r not in tall:
                for par in targets[r, c].paragraphs:
                    par.paragraph_format.keep_with_next = True
        # rows a page must not separate (pdf.first_split): a kept block, and a row span when the table
        # breaks only between whole rows; Word keeps a row with the next when its paragraphs say so
        held = {r for r0, r1 in t.keep_rows for r in range(r0, r1)}
        if not t.split_in_rows:
            held |= {r for r, _c, cell in placed for r in range(r, r + cell.rowspan - 1)}
        for r in sorted(held - tall):
            for tc in tcs[r]:
                for par in tc.paragraphs:
                    par.paragraph_format.keep_with_next = True
        # python-docx gives a merged cell the combined content of every cell; ours were empty, but
        # a merge leaves one empty paragraph per absorbed cell behind — drop the extras
        for r, c, cell in placed:
            if cell.rowspan > 1 or cell.colspan > 1:
                extra = targets[r, c].paragraphs[len(cell.paras()):]
                for p in extra:
                    if not p.text:
                        p._p.getparent().remove(p._p)
        self.after_table()

    def after_table(self):
        # Word needs a paragraph between consecutive tables; a hairline one keeps the layout tight
        par = self.d.add_paragraph()
        _format(par, align="left", size=1, line_pt=AIR_PT, indent=False)

    def signoff(self, s: SignOff):
        size = min(self.body, 12.0)
        cols = max(1, s.columns)
        if s.title:
            self.caption(s.title, size + 2)
        self.before_table(bool(s.title))
        nrows = (len(s.boxes) + cols - 1) // cols
        table = self.d.add_table(rows=nrows, cols=cols)
        _table_frame(table, [Mm(self.frame_w_mm / cols)] * cols)
        for row in table.rows:
            _on(row._tr.get_or_add_trPr(), "w:cantSplit")
        for i, box in enumerate(s.boxes):
            r, c = divmod(i, cols)
            cell = table.cell(r, c)
            if i == len(s.boxes) - 1 and c < cols - 1:
                cell = cell.merge(table.cell(r, cols - 1))
                for p in cell.paragraphs[1:]:
                    p._p.getparent().remove(p._p)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            self.signbox(cell, box, size)
        self.after_table()

    def signbox(self, cell, box: SignBox, size: float):
        lines = signbox_lines(box)
        role = self.page.body_font
        line = size * 1.6
        bold_role = "hei" if role in ("song", "fangsong") else role

        def add(text, align="left", indent=False, first=False, r=role, after=0.0):
            par = cell.paragraphs[0] if first else cell.add_paragraph()
            _format(par, align=align, size=size, line_pt=line, indent=indent, after=after)
            if text:
                _add_run(par, text, r, size)
            return par

        add(lines[0], first=True, r=bold_role)
        add(lines[1])
        for extra in lines[2:-2]:
            add(extra, indent=True)
        add("", after=size * 2.5 - line if size * 2.5 > line else 0)
        for tail in lines[-2:]:
            add(tail, align="right")

    # ---- page setup, footer, whole document ----
    def setup_section(self):
        page, sec = self.page, self.d.sections[0]
        w, h = Mm(page.width_mm), Mm(page.height_mm)
        if page.landscape:
            sec.orientation = WD_ORIENT.LANDSCAPE
            w, h = h, w
        sec.page_width, sec.page_height = w, h
        sec.top_margin, sec.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
        sec.left_margin, sec.right_margin = Mm(page.left_mm), Mm(page.right_mm)
        sec.header_distance = Mm(min(15, page.top_mm / 2))
        # GB/T 9704: the page number's dashes about 7 mm below the type area (a 4号 line is ~6 mm high)
        sec.footer_distance = Mm(max(page.bottom_mm - 7 - 6, 4))
        self.footer(sec)

    def footer(self, sec):
        page = self.page
        big = self.body >= 14
        num_size, small = (14.0, 10.5) if big else (10.5, 9.0)
        if page.page_numbers and not (page.footer_left or page.footer_right):
            # GB/T 9704 §7.5: odd pages' number on the right, even pages' on the left, one character in
            self.d.settings.odd_and_even_pages_header_footer = True
            for footer, align in ((sec.footer, "right"), (sec.even_page_footer, "left")):
                par = footer.paragraphs[0]
                _format(par, align=align, size=num_size, line_pt=None, indent=False)
                if align == "right":
                    par.paragraph_format.right_indent = Pt(num_size)
                else:
                    par.paragraph_format.left_indent = Pt(num_size)
                _add_run(par, "— ", "song", num_size)
                _page_field(par, num_size)
                _add_run(par, " —", "song", num_size)
            return
        par = sec.footer.paragraphs[0]
        _format(par, align="left", size=num_size, line_pt=None, indent=False)
        stops = par.paragraph_format.tab_stops
        stops.add_tab_stop(Mm(self.frame_w_mm / 2), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(Mm(self.frame_w_mm), WD_TAB_ALIGNMENT.RIGHT)
        if page.footer_left:
            _add_run(par, page.footer_left, page.body_font, small)
        _add_run(par, "\t", page.body_font, small)
        if page.page_numbers:
            _add_run(par, "— ", "song", num_size)
            _page_field(par, num_size)
            _add_run(par, " —", "song", num_size)
        if page.footer_right:
            _add_run(par, "\t" + page.footer_right, page.body_font, small)

    def write(self, path: Path) -> Path:
        _clean_styles(self.d, self.page.body_font, self.body)
        self.setup_section()
        # the default template starts with no paragraphs; blocks append in order
        blocks = self.model.blocks
        keep_from, keep_to = closing_range(self.model) or (len(blocks), len(blocks))
        for i, b in enumerate(blocks):
            if isinstance(b, Title):
                self.title(b)
            elif isinstance(b, Heading):
                self.heading(b)
            elif isinstance(b, Para):
                par = self.para(b)
                if keep_from <= i < keep_to - 1:  # the 落款 stays with the paragraph before it
                    par.paragraph_format.keep_with_next = True
                if i + 1 < len(blocks) and isinstance(blocks[i + 1], Title):  # "附件" goes with its title
                    par.paragraph_format.keep_with_next = True
            elif isinstance(b, Table):
                self.table(b)
            elif isinstance(b, SignOff):
                self.signoff(b)
            elif isinstance(b, Spacer):
                self.spacer(b)
            elif isinstance(b, PageBreak):
                self.break_next = True
            else:
                raise TypeError(f"unknown block {b!r}")
        props = self.d.core_properties
        # a document property holds at most 255 characters (python-docx refuses more; Word cuts them)
        props.title = printable(self.model.title)[:255]
        props.author = props.last_modified_by = printable(self.model.author)[:255]
        props.comments = "gwdesk"
        self.d.save(str(path))
        return path


def _text_width_chars(text: str) -> float:
    """Width in full-width characters: ASCII counts half."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def _tall_rows(t: Table, placed, frame_w_mm: float, size: float, page) -> set[int]:
    """Rows whose text, at an estimate, takes more than a quarter of the type area's height: they may split."""
    total = sum(t.widths)
    pad_pt = 2 * CELL_PAD_TWIPS[1] / 20
    limit = (page.height_mm - page.top_mm - page.bottom_mm) * 72 / 25.4 / 4
    tall = set()
    for r, c, cell in placed:
        if cell.rowspan > 1 or r in tall:
            continue
        width_pt = frame_w_mm * sum(t.widths[c:c + cell.colspan]) / total * 72 / 25.4 - pad_pt
        per_line = max(width_pt / size, 1)
        lines = sum(max(1, -(-int(_text_width_chars(line)) // int(per_line)))
                    for line in cell_text(cell).split("\n"))
        if lines * size * TABLE_LEADING > limit:
            tall.add(r)
    return tall


# ---- low-level XML helpers ------------------------------------------------------------------------

def _on(parent, tag: str) -> None:
    if parent.find(qn(tag)) is None:
        parent.append(OxmlElement(tag))


def _shade(cell) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), SHADE_HEX)
    tcpr.insert_element_before(shd, *_TCPR_AFTER_SHD)


def _table_frame(table, widths) -> None:
    """Centred fixed-layout table with single black borders and the given column widths."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/>
    tblpr = table._tbl.tblPr
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(int(sum(w.twips for w in widths))))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), BORDER_SZ)
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tblpr.insert_element_before(borders, *_TBLPR_AFTER_BORDERS)
    margins = OxmlElement("w:tblCellMar")  # the same cell padding as the PDF
    for side, twips in (("top", CELL_PAD_TWIPS[0]), ("left", CELL_PAD_TWIPS[1]),
                        ("bottom", CELL_PAD_TWIPS[2]), ("right", CELL_PAD_TWIPS[1])):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.insert_element_before(margins, *_TBLPR_AFTER_BORDERS[3:])
    for col, w in zip(table.columns, widths):
        col.width = w
    for gc, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        gc.set(qn("w:w"), str(int(w.twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w


def _page_field(par, size: float) -> None:
    """A PAGE field (complex field, with "1" as the cached result)."""
    def fld(kind):
        run = _add_run(par, "", "song", size)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    fld("begin")
    run = _add_run(par, "", "song", size)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    fld("separate")
    _add_run(par, "1", "song", size)
    fld("end")


def render_docx(doc: Document, path: str | os.PathLike) -> Path:
    """Write `doc` as a Word document at `path`; returns the path."""
    return _Writer(doc).write(Path(path))
