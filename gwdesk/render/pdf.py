"""PDF renderer: draws a model.Document with reportlab platypus, every font embedded as TrueType."""

from __future__ import annotations

import dataclasses

import gc
import os
import re
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.platypus.paragraph import FragLine
from reportlab.platypus.tables import CellStyle

from gwdesk.render import fonts
from gwdesk.render.model import (
    Blank,
    Check,
    Document,
    Heading,
    PageSetup,
    Para,
    SignBox,
    SignOff,
    Title,
    closing_range,
    grid,
    printable,
    signbox_lines,
)
from gwdesk.render.model import PageBreak as ModelPageBreak
from gwdesk.render.model import Spacer as ModelSpacer
from gwdesk.render.model import Table as ModelTable
from gwdesk.render.pdf_grid import Grid, Span

# reportlab's kinsoku list lacks most full-width Chinese punctuation, so "，" could start a line.
_CANNOT_START = "，。、；：！？）》〉」』】〕”’％·…—"
for _mod in (_rl_paragraph, _rl_textsplit):
    _mod.ALL_CANNOT_START = _mod.ALL_CANNOT_START + "".join(
        ch for ch in _CANNOT_START if ch not in _mod.ALL_CANNOT_START)

# ...and has no rule for the other end: "（" or "《" could be left at the end of a line, away from what it
# opens (依据《条例》（以下简称…）). Word never does that; single-font paragraphs here don't either.
_CANNOT_END = "（《〈「『【〔“‘(["
_rl_dumb_split = _rl_textsplit.dumbSplit


def _split_keeping_openers_recursive(word, widths, maxWidths):
    """The rule below as first written: re-splits the whole rest of the paragraph at every fix, so its time
    grew with the square of the text's length (kept for the test that the linear one breaks lines alike)."""
    lines = _rl_dumb_split(word, widths, maxWidths)
    max_widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    pos = 0
    for n, (extra, text) in enumerate(lines):
        start = word.find(text, pos)  # lines are stripped of spaces at their ends
        if start < 0:
            return lines
        end = start + len(text)
        keep = _keep(text, extra, last=n == len(lines) - 1)
        if 0 < keep < len(text):
            cut = start + keep
            width = max_widths[min(n, len(max_widths) - 1)]
            head = [width - sum(widths[start:cut]), word[start:cut]]
            rest = _split_keeping_openers_recursive(word[cut:], widths[cut:], max_widths[n + 1:] or max_widths[-1:])
            return lines[:n] + [head] + rest
        pos = end
    return lines


def _keep(text: str, extra: float, *, last: bool) -> int:
    """How many characters of a line (stripped) stay on it: opening brackets at its end go to the next line
    (not on the last line), and a line overhanging the margin with punctuation that may not start a line
    gives the character before that punctuation to the next line too."""
    keep = len(text.rstrip(_CANNOT_END)) if not last else len(text)
    if extra < -0.01 and len(text) > 2 and text[-1] in _rl_textsplit.ALL_CANNOT_START:
        k = len(text) - 1
        while k > 1 and text[k - 1] in _rl_textsplit.ALL_CANNOT_START:
            k -= 1
        keep = len(text[:k - 1].rstrip(_CANNOT_END))
    return keep


def _split_keeping_openers(word, widths, maxWidths):
    """reportlab's dumbSplit (greedy, cutting between characters; punctuation that may not start a line hangs
    in the margin), in one pass with the rules of _keep applied to each line as it is made and the breaking
    continued from where the line now ends. Time linear in the text's length: the first version re-split the
    rest of the paragraph at every fix (a 50,000-character 总体情况 took 24 s)."""
    if not isinstance(maxWidths, (list, tuple)):
        maxWidths = [maxWidths]
    fuzz = _rl_textsplit._FUZZ
    cannot_start = _rl_textsplit.ALL_CANNOT_START
    lines = []
    i = width_used = line_start = 0
    max_width = maxWidths[0]
    n_w = len(word)
    while i < n_w:
        w = widths[i]
        c = word[i]
        width_used += w
        i += 1
        if width_used > max_width + fuzz and width_used > 0:
            extra = max_width - width_used
            if ord(c) < 0x3000:  # inside a non-Asian run: break at a space or where the Chinese resumes
                limit = (line_start + i) >> 1
                for j in range(i - 1, limit, -1):
                    cj = word[j]
                    if _rl_textsplit.category(cj) == "Zs" or ord(cj) >= 0x3000:
                        k = j + 1
                        if k < i:
                            j = k + 1
                            extra += sum(widths[j:i])
                            w = widths[k]
                            c = word[k]
                            i = j
                            break
            if c not in cannot_start and i > line_start + 1:  # push the character back to the next line
                i -= 1
                extra += w
            raw = word[line_start:i]
            text = raw.strip()
            keep = _keep(text, extra, last=i >= n_w)
            if 0 < keep < len(text):
                s = line_start + (len(raw) - len(raw.lstrip()))
                i = s + keep
                lines.append([max_width - sum(widths[s:i]), word[s:i]])
            else:
                lines.append([extra, text])
            max_width = maxWidths[len(lines)] if len(lines) < len(maxWidths) else maxWidths[-1]
            line_start = i
            width_used = 0
    if width_used > 0:
        lines.append([max_width - width_used, word[line_start:]])
    return lines


_rl_textsplit.dumbSplit = _split_keeping_openers

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

_MARKUP: dict[tuple[str, str, str], str] = {}


def _markup(text: str, font_name: str) -> str:
    """Escape text; characters the font lacks (e.g. ☑ in a workstation 仿宋) switch to the bundled serif."""
    key = (text, font_name, fonts.fallback_font().name)
    out = _MARKUP.get(key)
    if out is None:
        if len(_MARKUP) > 20_000:  # labels repeat; free text would only grow the table
            _MARKUP.clear()
        out = _MARKUP[key] = _markup_uncached(text, font_name)
    return out


def _markup_uncached(text: str, font_name: str) -> str:
    text = printable(text)
    text = re.sub(r" {2,}", lambda m: "\u00a0" * len(m.group()), text)  # keep runs of spaces ("  年  月  日")
    out, run, run_font = [], [], font_name

    def flush():
        if run:
            s = escape("".join(run)).replace("\n", "<br/>")
            out.append(s if run_font == font_name else f'<font name="{run_font}">{s}</font>')
            run.clear()

    for ch in text:
        # a character no font has stays in the paragraph's font (an empty box); render.glyphs warns of it
        face = font_name if ch == "\n" else fonts.font_for(ch, font_name) or font_name
        if face != run_font:
            flush()
            run_font = face
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


class _Shared:
    """What the paragraphs of one PDF share: their styles, parsed markup and line breaks.

    A batch of forms repeats most labels word for word, and a table wraps each cell three times (sizing,
    the page-fit check, drawing); breaking each distinct text once per width is what makes 100 forms fast.
    """

    def __init__(self):
        self.styles: dict[tuple, ParagraphStyle] = {}
        self.parsed: dict[tuple, tuple] = {}
        self.wraps: dict[tuple, tuple] = {}
        self.drawn: dict[tuple, list[str]] = {}
        self.fonts: dict[tuple[str, bool], str] = {}
        self.para_styles: dict[tuple, ParagraphStyle] = {}
        self.cells: dict[tuple, list[tuple[str, ParagraphStyle]]] = {}  # a text cell's paragraphs' sources
        self.state: tuple = (None, -1, None)  # the canvas code list, its length and state after the last copy


# what a paragraph's drawing code depends on besides its own lines (the position is outside, in a "cm")
_DRAW_STATE = ("_fontname", "_fontsize", "_leading", "_charSpace", "_wordSpace", "_horizScale",
               "_textRenderMode", "_rise", "_lineCap", "_lineJoin", "_lineWidth", "_mitreLimit")


# Why not reportlab's public API alone: it has no way to reuse one paragraph's parse, line breaks or drawn
# operators for another with the same text, so this subclass keeps Paragraph's own results (frags, blPara,
# the canvas's operator list) and replays them; tests/render/test_render_pdf_fast_paths.py proves the pages pixel-equal.
SPLIT_KEEPS_LINES = True  # off: reportlab's own way (tests compare the two)


class _SharedParagraph(Paragraph):
    """A Paragraph that takes its parse, line breaks and drawing code from the _Shared of its style: the
    same output as Paragraph, worked out once per distinct text, width and canvas state.

    `min_box` gives it a minimum height (a table row's), with the text aligned inside that height.
    """

    _gw_min_h = 0.0
    _gw_lift = 0.0  # of the free height in the minimum box, the part below the text (1 top, ½ middle, 0 bottom)

    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1, encoding="utf8"):
        shared: _Shared | None = getattr(style, "_gw_shared", None)
        self._gw_key = None
        if shared is None or frags is not None or bulletText is not None or text is None:
            # split halves (reportlab makes some with text=None and sets their lines): plain Paragraphs
            super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
            return
        parsed = shared.parsed.get((text, style._gw_key))
        if parsed is None:
            super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
            # a small number names this text in this style in the wrap and drawing tables
            parsed = (self.text, self.frags, self.style, self.bulletText, len(shared.parsed))
            shared.parsed[(text, style._gw_key)] = parsed
        else:
            self.caseSensitive, self.encoding, self.debug = caseSensitive, encoding, 0
            self.text, self.frags, self.style, self.bulletText, _ = parsed
        self._gw_key = parsed[4]
        self._gw_shared = shared

    def wrap(self, availWidth, availHeight):
        if self._gw_key is None:
            return super().wrap(availWidth, availHeight)
        if getattr(self, "width", None) != availWidth:  # a table asks each cell again before drawing it
            key = (self._gw_key, availWidth)
            hit = self._gw_shared.wraps.get(key)
            if hit is None:
                super().wrap(availWidth, availHeight)
                self._gw_shared.wraps[key] = (self.blPara, self.height, self._wrapWidths)
            else:
                self.width = availWidth
                self.blPara, self.height, self._wrapWidths = hit
        return self.width, max(self.height, self._gw_min_h)

    def min_box(self, min_h: float, valign: str) -> _SharedParagraph:
        self._gw_min_h, self._gw_lift = min_h, {"top": 1.0, "middle": 0.5, "bottom": 0.0}[valign]
        return self

    def _draw_key(self, canv) -> tuple:
        code = canv._code
        seen = self._gw_shared.state
        if seen[0] is code and seen[1] == len(code):
            state = seen[2]  # nothing was written since the last copy: every state change writes an operator
        else:
            d = canv.__dict__
            fill, stroke, dash = canv._fillColorObj, canv._strokeColorObj, canv._lineDash
            state = (tuple([d[n] for n in _DRAW_STATE]), type(fill), fill, type(stroke), stroke,
                     dash if dash is None else repr(dash))
        return self._gw_key, self.width, self.height, state

    def drawOn(self, canvas, x, y, _sW=0):
        if self._gw_min_h:
            y += max(self._gw_min_h - self.height, 0) * self._gw_lift
        key = None if self._gw_key is None or _sW else self._draw_key(canvas)
        code = None if key is None else self._gw_shared.drawn.get(key)
        if code is None:
            return super().drawOn(canvas, x, y, _sW)
        # what Flowable.drawOn writes around draw(): q, the move, the drawing, Q
        canvas._code.append("q")
        canvas._code.append(f"{fp_str(1, 0, 0, 1, x, y)} cm")
        canvas._code.extend(code)
        canvas._code.append("Q")
        self._gw_shared.state = (canvas._code, len(canvas._code), key[3])

    def draw(self):
        if self._gw_key is None:
            return super().draw()
        canv = self.canv
        key = self._draw_key(canv)
        start = len(canv._code)
        super().draw()  # the first drawing registers the glyphs and fonts in this PDF; copies reuse them
        self._gw_shared.drawn[key] = canv._code[start:]

    _gw_rest = None  # (line width, the lines) a split's second half already has from the whole paragraph

    def breakLinesCJK(self, maxWidths):
        rest = self._gw_rest
        self._gw_widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        if rest is not None and all(abs(w - rest[0]) < 1e-6 for w in self._gw_widths):
            return rest[1]  # the same lines as breaking the rest again would give, without the work
        lines = super().breakLinesCJK(maxWidths)
        if getattr(self, "_splitpara", 0) and lines.kind == 0 and lines.lines and \
                isinstance(lines.lines[0], FragLine):
            # reportlab relabels the first half of a split one-font paragraph as plain lines when it is
            # wrapped again (as a table cell is); its lines are still fragment lines and draw as such
            return self.blPara
        return lines

    def split(self, availWidth, availHeight):
        if self._gw_key is not None:
            # splitting edits the lines it cuts, so a paragraph that splits breaks its own copy
            self._gw_key = None
            Paragraph.wrap(self, availWidth, availHeight)
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and SPLIT_KEEPS_LINES:
            self._gw_first = parts[0]
            self._hand_on_lines(parts[1])
            self._gw_first = None
        return parts

    def _hand_on_lines(self, second: Paragraph) -> None:
        """Give the second half of a split the lines already broken for it: reportlab breaks the rest of the
        paragraph again on every page, so a paragraph of N pages was broken N times (time grew with the square
        of its length). Greedy breaking makes the rest's lines those from where the first half ends, at the
        width every line after the first had; used only when the second half is wrapped at that width."""
        bl = getattr(self, "blPara", None)
        widths = getattr(self, "_gw_widths", None)
        first = getattr(getattr(self, "_gw_first", None), "blPara", None)
        if bl is None or bl.kind not in (0, 1) or not widths or not isinstance(second, _SharedParagraph):
            return
        kept = len(first.lines) if first is not None else None
        if not kept or kept >= len(bl.lines):
            return
        rest = bl.clone()
        rest.lines = bl.lines[kept:]
        second._gw_rest = (widths[-1], rest)


class _Styles:
    """Paragraph styles for one page setup."""

    def __init__(self, page: PageSetup, shared: _Shared | None = None):
        self.page = page
        self.body = page.body_size_pt
        self.leading = page.line_spacing_pt
        self.shared = shared or _Shared()

    def font(self, role: str, bold: bool = False) -> str:
        name = self.shared.fonts.get((role, bold))
        if name is None:
            face = "hei" if bold and role in ("song", "fangsong") else role  # 黑体 stands in for bold 宋/仿宋
            name = self.shared.fonts[(role, bold)] = fonts.pdf_font(face).name
        return name

    def make(self, role: str, size: float, leading: float, align: str = "justify", indent: float = 0,
             bold: bool = False, space_after: float = 0, space_before: float = 0,
             right_indent: float = 0) -> ParagraphStyle:
        font = self.font(role, bold)
        key = (font, size, leading, align, indent, space_after, space_before, right_indent)
        style = self.shared.styles.get(key)
        if style is None:
            style = ParagraphStyle(
                f"gw-{role}-{size}", fontName=font, fontSize=size, leading=leading,
                alignment=_ALIGN[align], firstLineIndent=indent, wordWrap="CJK", spaceAfter=space_after,
                spaceBefore=space_before, allowWidows=1, allowOrphans=1, rightIndent=right_indent)
            style._gw_key, style._gw_shared = len(self.shared.styles), self.shared  # a small number hashes fast
            self.shared.styles[key] = style
        return style

    def para(self, p: Para, table_size: float | None = None) -> ParagraphStyle:
        key = (p.size_pt, p.style, p.font, p.align, p.first_indent, p.bold, p.right_indent_chars, table_size,
               self.body, self.leading, self.page.body_font)
        style = self.shared.para_styles.get(key)
        if style is None:
            style = self.shared.para_styles[key] = self._para(p, table_size)
        return style

    def _para(self, p: Para, table_size: float | None) -> ParagraphStyle:
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
        return self.make(role, size, leading, align, indent, bold=p.bold, right_indent=p.right_indent_chars * size)

    def table_size(self, t: ModelTable) -> float:
        return t.font_size_pt or min(self.body, 12.0)


def _para_source(p: Para, styles: _Styles, table_size: float | None = None) -> tuple[str, ParagraphStyle]:
    style = styles.para(p, table_size)
    text = "".join(_inline_markup(i, style.fontName) for i in p.inlines())
    return text or "&nbsp;", style  # an empty paragraph still takes a line, as in Word


def _para_flowable(p: Para, styles: _Styles, table_size: float | None = None) -> Paragraph:
    return _SharedParagraph(*_para_source(p, styles, table_size))


# ---- tables -----------------------------------------------------------------------------------------

class _MinHeight(Flowable):
    """A cell's content kept at least `min_h` tall, aligned inside that height (rows with a minimum).

    Its flowables' sizes are kept per width: reportlab measures a spanned cell at its first column's width and
    at the span's, turn about, and a cell of thousands of lines measured again line by line at every page
    made the time grow with the square of its length. A split hands the sizes on to the rest.
    """

    def __init__(self, content: list[Flowable], min_h: float, valign: str):
        super().__init__()
        self.content, self.min_h, self.valign = content, min_h, valign
        self._sizes: list[tuple[float, float]] = []
        self._by_width: dict[float, list[tuple[float, float]]] = {}

    def wrap(self, aw, ah):
        key = round(aw, 6)
        sizes = self._by_width.get(key)
        if sizes is None or len(sizes) != len(self.content):
            sizes = self._by_width[key] = [f.wrap(aw, ah) for f in self.content]
        self._sizes = sizes
        self._inner = sum(h for _, h in sizes)
        self.width = aw
        self.height = max(self._inner, self.min_h)
        return aw, self.height

    def split(self, aw, ah):
        """Its paragraphs split where the page ends; the minimum height stays with the first part."""
        top: list[Flowable] = []
        room = ah
        for i, f in enumerate(self.content):
            h = f.wrap(aw, room)[1]
            if h <= room:
                top.append(f)
                room -= h
                continue
            parts = f.split(aw, room) if room > 0 else []
            rest = [*parts[1:], *self.content[i + 1:]] if len(parts) == 2 else list(self.content[i:])
            if len(parts) == 2:
                top.append(parts[0])
            if not top:
                # a paragraph that could not split dropped its lines (reportlab deletes blPara): wrap it again
                # before it is drawn whole on the next page, or drawing it fails
                self._sizes = []
                self._by_width.clear()
                return []
            second = _MinHeight(rest, 0, "top")
            for width, sizes in self._by_width.items():
                if len(sizes) == len(self.content):
                    known = sizes[i + 1:]
                    second._by_width[width] = [f.wrap(width, 72000) for f in rest[:len(rest) - len(known)]] + known
            return [_MinHeight(top, 0, "top"), second]
        return [self]

    def draw(self):
        free = self.height - self._inner
        y = self.height - {"top": 0, "middle": free / 2, "bottom": free}[self.valign]
        for f, (_, h) in zip(self.content, self._sizes):
            f.wrap(self.width, h)  # each drawn at this width, whatever width it was measured at last
            y -= h
            f.drawOn(self.canv, 0, y)


def _cell_flowables(cell, styles: _Styles, size: float) -> list[Flowable]:
    if isinstance(cell.content, str):  # labels: the same few texts in every form of a batch
        key = (cell.content, cell.align, cell.bold, cell.vertical_text, size, styles.page.body_font)
        sources = styles.shared.cells.get(key)
        if sources is None:
            sources = styles.shared.cells[key] = _cell_sources(cell, styles, size)
    else:
        sources = _cell_sources(cell, styles, size)
    return [_SharedParagraph(text, style) for text, style in sources]


# a cell's text of more lines than this is set as one paragraph a line: the same lines on the page, but a cell
# running over many pages splits between paragraphs instead of breaking the whole rest again on every page
LINES_AS_PARAGRAPHS = 20


def _lines_apart(p: Para) -> list[Para]:
    """A one-string paragraph of many lines as one paragraph a line (see LINES_AS_PARAGRAPHS)."""
    if not isinstance(p.content, str) or p.content.count("\n") < LINES_AS_PARAGRAPHS or p.first_indent:
        return [p]
    return [dataclasses.replace(p, content=line) for line in p.content.split("\n")]


def _cell_sources(cell, styles: _Styles, size: float) -> list[tuple[str, ParagraphStyle]]:
    out = []
    for p in (q for para in cell.paras() for q in (_lines_apart(para) if not cell.vertical_text else [para])):
        if cell.vertical_text:
            p = Para("\n".join(ch for ch in "".join(
                i if isinstance(i, str) else (i.text if isinstance(i, Check) else i.label)
                for i in p.inlines())), align="center", first_indent=False, bold=p.bold, font=p.font)
        out.append(_para_source(p, styles, size))
    return out


_CELL_STYLES: dict[tuple, type] = {}


def _cell_styles(nrows: int, ncols: int, valign: str, pads: tuple[float, float, float, float]) -> list[list]:
    """Cell styles born with gwdesk's font, padding and alignment (reportlab applies a whole-table style
    command cell by cell)."""
    key = (fonts.fallback_font().name, valign, pads)
    cls = _CELL_STYLES.get(key)
    if cls is None:
        top, left, right, bottom = pads
        cls = _CELL_STYLES[key] = type("GwCellStyle", (CellStyle,), {
            "fontname": key[0], "leftPadding": left, "rightPadding": right, "topPadding": top,
            "bottomPadding": bottom, "valign": valign})
    return [[cls("") for _ in range(ncols)] for _ in range(nrows)]


class _SplittingTable(Table):
    """reportlab's Table, whose rows also split inside when a row is taller than the page, or when moving
    it whole would leave more than a third of the page empty; a cell's paragraphs split at the line."""

    WASTE = 1 / 3

    @property
    def in_rows(self) -> bool:
        """False: split only between whole rows (Table.split_in_rows); reportlab hands splitInRow to the parts."""
        return bool(getattr(self, "splitInRow", 1))

    MIN_TOP_PT = 30.0  # a row split across pages leaves at least two lines of it under the repeated header

    _gw_after = None  # the room left on the page when the part before this one was placed

    def split(self, availWidth, availHeight):
        if self._gw_after is not None and abs(availHeight - self._gw_after) < 0.5:
            # reportlab offers the rest of a table the room its first part left on the same page: splitting
            # it there would put a second header row, over a fragment of a row, at the page's foot
            return []
        self._calc(availWidth, availHeight)
        by_row = self._splitRows(availHeight, doInRowSplit=False)
        if not self.in_rows:
            return self._after(by_row, availWidth, availHeight)
        if by_row and by_row[0] is not self and len(by_row) == 2:
            used = by_row[0].wrap(availWidth, availHeight)[1]
            if availHeight - used <= availHeight * self.WASTE:
                return self._after(by_row, availWidth, availHeight)
        elif by_row:
            return by_row
        self._calc(availWidth, availHeight)
        n = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)
        in_row = self._split_in(n, availHeight)
        if len(in_row) != 2:
            # the row at the page's end may be too short to split (inside a row span that must not break
            # between rows): split the tallest row above it instead, its top filling the page
            head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
            tall = [k for k in range(head, min(n, len(self._rowHeights))) if self._rowHeights[k] > 36]
            for k in sorted(tall, key=lambda k: -self._rowHeights[k])[:1]:
                self._calc(availWidth, availHeight)
                in_row = self._split_in(k, availHeight)
        if len(in_row) != 2 or in_row[0]._rowHeights[-1] < self.MIN_TOP_PT:
            return self._after(by_row, availWidth, availHeight)
        # reportlab keeps the split row's old height less what the top half drew: the rest of the text is
        # shorter than that, and after a few pages the row would be taller than its text, and than the page
        rest = in_row[1]
        first = rest.repeatRows if isinstance(rest.repeatRows, int) else len(rest.repeatRows)
        heights = list(rest._argH)
        heights[first] = None
        rest._argH = rest._rowHeights = heights
        return in_row

    @staticmethod
    def _after(parts: list, availWidth, availHeight) -> list:
        """Mark the rest of a table split between rows with the room its first part leaves on the page."""
        if len(parts) == 2 and isinstance(parts[1], _SplittingTable):
            parts[1]._gw_after = availHeight - parts[0].wrap(availWidth, availHeight)[1]
        return parts

    _gw_row = None  # the row reportlab is told to split (see _getFirstPossibleSplitRowPosition)

    def _split_in(self, n: int, availHeight: float) -> list:
        if n < len(self._cellStyles):
            # a row that runs over pages reads from the top; reportlab's centring of split cells pads them
            # with half the old row's height, page after page
            for k, st in enumerate(self._cellStyles[n]):
                if st.valign != "TOP":
                    self._cellStyles[n][k] = st = st.copy()
                    st.valign = "TOP"
        self._gw_row = n
        try:
            return self._splitRows(availHeight, doInRowSplit=True)
        finally:
            self._gw_row = None

    def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):
        if ignoreSpans and self._gw_row is not None:
            return self._gw_row
        return super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)

    def _splitCell(self, value, style, oldHeight, newHeight, width):
        if not isinstance(value, (list, tuple)):
            return super()._splitCell(value, style, oldHeight, newHeight, width)
        # reportlab splits a cell's flowables at the column's width; they were laid out inside the padding
        inner_w = width - style.leftPadding - style.rightPadding
        room = newHeight - style.topPadding - style.bottomPadding
        top: list = []
        rest: list = []
        for i, f in enumerate(value):
            h = f.wrap(inner_w, room)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            if h <= room:
                top.append(f)
                room -= h
                continue
            parts = f.split(inner_w, room) if room > 0 else []
            if len(parts) == 2:
                top.append(parts[0])
                rest = [parts[1], *value[i + 1:]]
            else:
                rest = list(value[i:])
            break
        return tuple(top), tuple(rest)


def _ruled(data: list[list], col_w: list[float], spans: list[Span], shades: list[Span],
           valigns: list[list[str]], pads: tuple[float, float, float, float], header_rows: int = 0,
           keep_rows: list[tuple[int, int]] = (), in_rows: bool = True) -> Grid:
    """A gridded table: drawn by Grid, split across pages by the equivalent reportlab Table."""
    usual = CellStyle.valign if not data else max(sorted({v for row in valigns for v in row}),
                                                   key=lambda v: sum(row.count(v) for row in valigns))

    def table() -> Table:
        cmds = [("GRID", (0, 0), (-1, -1), GRID_PT, colors.black)]
        cmds += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in spans]
        cmds += [("BACKGROUND", (c0, r0), (c1, r1), SHADE) for c0, r0, c1, r1 in shades]
        cmds += [("VALIGN", (c, r), (c, r), v) for r, row in enumerate(valigns) for c, v in enumerate(row)
                 if v != usual]
        cmds += [("NOSPLIT", (0, r0), (-1, r1)) for r0, r1 in keep_rows if r1 > r0]
        t = _SplittingTable(data, colWidths=col_w, repeatRows=header_rows, hAlign="CENTER",
                            splitInRow=1 if in_rows else 0, cellStyles=_cell_styles(len(data), len(col_w), usual, pads))
        t.setStyle(TableStyle(cmds))
        return t

    font = fonts.fallback_font().name
    return Grid(data, col_w, spans, [(sh, SHADE) for sh in shades], valigns, pads, GRID_PT, fallback=table,
                font=(font, CellStyle.fontsize, CellStyle.leading))


def _caption(text: str, styles: _Styles, size: float) -> Flowable:
    """A table's 黑体 caption, centred a little above it; without one, the usual space before a table."""
    if not text:
        return Spacer(0, AIR_PT)
    return _SharedParagraph(_markup(text, styles.font("hei")),
                            styles.make("hei", size + 2, (size + 2) * 1.5, "center", space_after=3,
                                        space_before=AIR_PT))


def first_split(t: ModelTable, at_least: int) -> int:
    """The first row (from `at_least` on) a page may break before: not inside a kept block, nor inside a row
    span when the table splits only between whole rows (docx.py keeps the same rows together)."""
    ranges = list(t.keep_rows)
    if not t.split_in_rows:
        ranges += [(r, r + cell.rowspan - 1) for r, _c, cell in grid(t) if cell.rowspan > 1]
    k = min(at_least, len(t.rows))
    while True:
        over = [r1 + 1 for r0, r1 in ranges if r0 < k <= r1]
        if not over:
            return min(k, len(t.rows))
        k = max(over)


def _table(t: ModelTable, styles: _Styles, frame_w: float) -> list[Flowable]:
    size = styles.table_size(t)
    total = sum(t.widths)
    col_w = [frame_w * w / total for w in t.widths]
    nrows = len(t.rows)
    data: list[list] = [["" for _ in range(t.ncols)] for _ in range(nrows)]
    valigns = [["TOP"] * t.ncols for _ in range(nrows)]
    spans: list[Span] = []
    shades: list[Span] = []
    min_h = (t.min_row_height_mm or 0) * mm
    for r, c, cell in grid(t):
        content = _cell_flowables(cell, styles, size)
        c1, r1 = c + cell.colspan - 1, r + cell.rowspan - 1
        if min_h and cell.rowspan == 1:
            inner_min = min_h - CELL_PAD_PT[0] - CELL_PAD_PT[2]
            if len(content) == 1 and isinstance(content[0], _SharedParagraph):
                content[0].min_box(inner_min, cell.valign)
            else:
                content = [_MinHeight(content, inner_min, cell.valign)]
        for rr in range(r, r1 + 1):
            for cc in range(c, c1 + 1):
                valigns[rr][cc] = _VALIGN[cell.valign]
        data[r][c] = content
        if cell.colspan > 1 or cell.rowspan > 1:
            spans.append((c, r, c1, r1))
        if cell.shade:
            shades.append((c, r, c1, r1))
    pads = (CELL_PAD_PT[0], CELL_PAD_PT[1], CELL_PAD_PT[1], CELL_PAD_PT[2])
    table = _ruled(data, col_w, spans, shades, valigns, pads, t.header_rows, t.keep_rows, t.split_in_rows)
    out: list[Flowable] = []
    # never leave a caption, the header rows and fewer than two body rows at the foot of a page (nor rows
    # that must stay with them: a kept block, a row span, when the table splits only between whole rows)
    keep = first_split(t, t.header_rows + 2)
    if nrows > 1:
        table.wrap(frame_w, 1e6)
        # a body row taller than a few lines splits inside itself: a few of its lines are enough here
        cap = 4 * size * TABLE_LEADING if t.split_in_rows else 1e9
        body = sum(min(h, cap) for h in table.row_heights[t.header_rows:keep])
        need = (sum(table.row_heights[:t.header_rows]) + body + AIR_PT
                + ((size + 2) * 1.5 + 3 if t.caption else 0))
        out.append(CondPageBreak(need))
    out.append(_caption(t.caption, styles, size))
    out.append(table)
    out.append(Spacer(0, AIR_PT))
    return out


def _signoff(s: SignOff, styles: _Styles, frame_w: float) -> list[Flowable]:
    size = min(styles.body, 12.0)
    cols = max(1, s.columns)
    rows: list[list] = []
    spans: list[Span] = []
    for i in range(0, len(s.boxes), cols):
        chunk = s.boxes[i:i + cols]
        row = [_signbox(b, styles, size) for b in chunk] + [""] * (cols - len(chunk))
        if len(chunk) < cols:  # the last box takes the rest of the row
            spans.append((len(chunk) - 1, len(rows), cols - 1, len(rows)))
        rows.append(row)
    table = _ruled(rows, [frame_w / cols] * cols, spans, [], [["TOP"] * cols for _ in rows], (4, 5, 5, 6))
    out: list[Flowable] = []
    out.append(_caption(s.title, styles, size))
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
    out: list[Flowable] = [_SharedParagraph(_markup(lines[0], head.fontName), head),
                           _SharedParagraph(_markup(lines[1], plain.fontName), plain)]
    for extra in lines[2:-2]:
        out.append(_SharedParagraph(_markup(extra, indent.fontName), indent))
    out.append(Spacer(0, size * 2.5))
    for tail in lines[-2:]:
        out.append(_SharedParagraph(_markup(tail, right.fontName), right))
    return out


# ---- document ---------------------------------------------------------------------------------------

def _keep_headings_with(out: list[Flowable], cond: CondPageBreak, leading: float) -> None:
    """Put a table's page-break condition in front of the headings that introduce it."""
    at = len(out)
    while at >= 2 and getattr(out[at - 1], "_gw_heading", False):
        cond.height += leading
        at -= 2  # the heading and its own CondPageBreak
    out.insert(at, cond)


def _flowables(doc: Document, frame_w: float, shared: _Shared | None = None) -> list[Flowable]:
    st = _Styles(doc.page, shared)
    out: list[Flowable] = []
    starts: list[int] = []  # each block's first flowable
    for i, b in enumerate(doc.blocks):
        starts.append(len(out))
        if isinstance(b, Title):
            size = 22.0
            after = st.leading if not b.subtitle else size * 0.4
            out.append(_SharedParagraph(_markup(b.text, st.font("xbs")),
                                 st.make("xbs", size, max(size * 1.5, st.leading), "center", space_after=after)))
            if b.subtitle:
                sub = st.make(doc.page.body_font, st.body, st.leading, "center", space_after=st.leading * 0.5)
                out.append(_SharedParagraph(_markup(b.subtitle, sub.fontName), sub))
        elif isinstance(b, Heading):
            role = "hei" if b.level <= 1 else "kai"
            hs = st.make(role, st.body, st.leading, "left", indent=2 * st.body)
            # room for the heading, a heading right under it, and two lines of what they introduce
            nested = i + 1 < len(doc.blocks) and isinstance(doc.blocks[i + 1], Heading)
            out.append(CondPageBreak(st.leading * (4 if nested else 3)))
            heading = _SharedParagraph(_markup(b.text, hs.fontName), hs)
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
    span = closing_range(doc)
    if span:
        starts.append(len(out))
        a, b = starts[span[0]], starts[span[1]]
        stays, goes = _last_lines(out[a], frame_w)
        out[a:b] = [*stays, KeepTogether(goes + out[a + 1:b])]
    return out


def _last_lines(f: Flowable, frame_w: float, keep: int = 1) -> tuple[list[Flowable], list[Flowable]]:
    """The paragraph that goes over to the 落款's page split so that only its last `keep` lines must (one, as Word keeps with next): the rest
    may stay on the page before (as Word does with keep-with-next), so no page ends half empty for it."""
    if not isinstance(f, Paragraph):
        return [], [f]
    f.wrap(frame_w, 1e6)
    lines = len(getattr(f.blPara, "lines", ()))
    if lines <= keep:
        return [], [f]
    parts = f.split(frame_w, (lines - keep) * f.style.leading + 0.01)
    return ([parts[0]], [parts[1]]) if len(parts) == 2 else ([], [f])


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
        # GB/T 9704 §7.5: the dashes 7 mm below the type area (a dash sits ~0.3 em above the baseline)
        y = max(page.bottom_mm * mm - 7 * mm - 0.6 * num_size, 6 * mm)
        canv.saveState()
        if page.page_numbers:
            name = fonts.pdf_font("song").name
            canv.setFont(name, num_size)
            text = page_number_text(n)
            if page.footer_left or page.footer_right:  # a form's own footer lines keep the number centred
                canv.drawCentredString(pw / 2, y, text)
            elif n % 2:  # 单页码居右空一字
                canv.drawRightString(pw - page.right_mm * mm - num_size, y, text)
            else:  # 双页码居左空一字
                canv.drawString(page.left_mm * mm + num_size, y, text)
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


@contextmanager
def _collector_paused():
    """Laying out a batch makes tens of thousands of objects that all live to the end: the cyclic collector
    would walk them again and again for nothing (a fifth of the time of 100 forms). Refcounting still frees."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def render_pdf_many(docs: list[Document], path: str | os.PathLike,
                    progress: Callable[[int], None] | None = None) -> Path:
    """Several documents in one PDF, each starting on a new page with its own page setup and numbering.

    `progress(pages)` is called after each page is laid out (from the rendering thread); an exception it raises
    stops the rendering before the file is written.
    """
    if not docs:
        raise ValueError("no documents to render")
    with _collector_paused():
        return _render_many(docs, Path(path), progress)


def _render_many(docs: list[Document], path: Path, progress: Callable[[int], None] | None = None) -> Path:
    starts: dict[str, int] = {}
    templates = [_page_template(d, f"doc{i}", starts) for i, d in enumerate(docs)]
    first = docs[0]
    story: list[Flowable] = []
    shared = _Shared()
    for i, d in enumerate(docs):
        if i:
            story += [NextPageTemplate(f"doc{i}"), PageBreak()]
        pw, _ = _pagesize(d.page)
        story += _flowables(d, pw - (d.page.left_mm + d.page.right_mm) * mm, shared)
    template = BaseDocTemplate(
        str(path), pagesize=_pagesize(first.page), pageTemplates=templates, title=first.title,
        author=first.author, creator="gwdesk", producer="gwdesk (reportlab)", subject="",
        invariant=1, leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0,
        initialFontName=fonts.fallback_font().name)  # else the canvas preamble pulls in unembedded Helvetica
    if progress is not None:
        template.afterPage = lambda: progress(template.page)
    template.build(story)
    return path


def render_pdf(doc: Document, path: str | os.PathLike, progress: Callable[[int], None] | None = None) -> Path:
    """Draw `doc` into a PDF file at `path`; returns the path (`progress`: see render_pdf_many)."""
    return render_pdf_many([doc], path, progress)
