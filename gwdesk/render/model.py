"""The one document model that layouts build and both renderers (DOCX, PDF) draw.

A layout (annual report, review form, task report…) builds a `Document` once; `render.docx`
and `render.pdf` turn the same blocks into files. Nothing here knows about either format.

Tables are written like HTML: each row lists only the cells that *start* in it, left to right;
positions covered by a rowspan/colspan from above or from the left are skipped. `grid()` places
the cells and is shared by both renderers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Union

Align = Literal["left", "center", "right", "justify"]
# Font roles; render.fonts maps each to a 公文 font name (DOCX) and an embeddable file (PDF).
FontRole = Literal["song", "fangsong", "hei", "kai", "xbs"]


@dataclass
class Check:
    """A checkbox mark with its label: ☑ label when checked, ☐ label when not."""

    label: str
    checked: bool = False

    @property
    def text(self) -> str:
        return ("☑" if self.checked else "☐") + self.label


@dataclass
class Blank:
    """A line left empty for handwriting (signature, date); `width_chars` in character widths."""

    width_chars: int = 6
    label: str = ""  # printed before the line, e.g. "签字："


Inline = Union[str, Check, Blank]


@dataclass
class Para:
    content: list[Inline] | str
    style: Literal["body", "small", "note", "right", "caption"] = "body"
    align: Align = "justify"
    first_indent: bool = True  # two-character first-line indent (公文 body)
    bold: bool = False
    font: FontRole | None = None  # None: the style's default
    size_pt: float | None = None
    right_indent_chars: float = 0.0  # space kept free at the right, in characters of the paragraph's size

    def inlines(self) -> list[Inline]:
        return [self.content] if isinstance(self.content, str) else list(self.content)


@dataclass
class Title:
    text: str
    subtitle: str = ""  # e.g. 编号 line under the title


@dataclass
class Heading:
    text: str
    level: int = 1  # 1: 黑体 “一、”; 2: 楷体 “（一）”


@dataclass
class Cell:
    content: list[Inline] | str | list[Para] = ""
    colspan: int = 1
    rowspan: int = 1
    align: Align = "left"
    valign: Literal["top", "middle", "bottom"] = "middle"
    bold: bool = False
    shade: bool = False  # light grey background for label cells
    vertical_text: bool = False  # narrow label cells whose text reads top-to-bottom

    def paras(self) -> list[Para]:
        c = self.content
        if isinstance(c, list) and c and all(isinstance(x, Para) for x in c):
            return list(c)  # type: ignore[arg-type]
        return [Para(c, align=self.align, first_indent=False, bold=self.bold)]  # type: ignore[arg-type]


@dataclass
class Table:
    rows: list[list[Cell]]
    widths: list[float]  # relative column widths; len == number of grid columns
    header_rows: int = 0  # repeated at the top of each page
    font_size_pt: float | None = None
    min_row_height_mm: float | None = None
    caption: str = ""
    # rows (first, last; 0-based, inclusive) a page never separates, e.g. a block's caption row and its rows
    keep_rows: list[tuple[int, int]] = field(default_factory=list)
    # a body row may split inside itself across pages (long text); False: pages break only between whole rows
    split_in_rows: bool = True

    @property
    def ncols(self) -> int:
        return len(self.widths)


@dataclass
class SignBox:
    """One sign-off box: 意见 (同意/不同意 + text), a blank for the signature, 日期."""

    role: str
    options: tuple[str, ...] = ("同意", "不同意")
    chosen: str | None = None
    opinion: str = ""
    signer: str = ""  # printed name if known; the signature itself stays handwritten
    date: str = ""  # empty → a blank for the date


@dataclass
class SignOff:
    boxes: list[SignBox]
    columns: int = 2
    title: str = ""


@dataclass
class Spacer:
    height_mm: float = 4.0


@dataclass
class PageBreak:
    pass


Block = Union[Title, Heading, Para, Table, SignOff, Spacer, PageBreak]


@dataclass
class PageSetup:
    """A4 with the GB/T 9704-2012 公文 margins (版心 156 mm × 225 mm) by default."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    top_mm: float = 37.0
    bottom_mm: float = 35.0
    left_mm: float = 28.0
    right_mm: float = 26.0
    landscape: bool = False
    page_numbers: bool = True  # centred “— 1 —”
    footer_left: str = ""  # e.g. 编号 2026-007
    footer_right: str = ""  # e.g. 打印日期 2026年11月22日
    body_font: FontRole = "fangsong"
    body_size_pt: float = 16.0  # 三号
    line_spacing_pt: float = 28.0  # 公文 fixed line spacing

    @classmethod
    def form(cls) -> "PageSetup":
        """A denser setup for printed forms that must fit one A4 page."""
        return cls(top_mm=20, bottom_mm=18, left_mm=20, right_mm=20, page_numbers=False,
                   body_font="song", body_size_pt=10.5, line_spacing_pt=15)

    @property
    def frame_width_mm(self) -> float:
        w = self.height_mm if self.landscape else self.width_mm
        return w - self.left_mm - self.right_mm


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    page: PageSetup = field(default_factory=PageSetup)
    title: str = ""  # document metadata (PDF title, DOCX core properties)
    author: str = ""

    def add(self, *blocks: Block) -> "Document":
        self.blocks.extend(blocks)
        return self


_LINE_BREAKS = str.maketrans({"\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """Text as both renderers can write it: Word's line and page breaks (U+000B, U+000C) and CR become line
    breaks, other control characters go (python-docx refuses them; in a PDF they are empty boxes)."""
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    return _UNPRINTABLE.sub("", text)


def inline_text(item: Inline) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, Check):
        return item.text
    return item.label + "\u3000" * max(item.width_chars, 0) if item.label else ""


def para_text(p: Para) -> str:
    return "".join(inline_text(i) for i in p.inlines())


def cell_text(c: Cell) -> str:
    return "\n".join(para_text(p) for p in c.paras())


def grid(table: Table) -> list[tuple[int, int, Cell]]:
    """Place each cell: (row, column, cell) in reading order. Raises ValueError on a bad layout."""
    occupied: set[tuple[int, int]] = set()
    placed = []
    nrows = len(table.rows)
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            if c + cell.colspan > table.ncols:
                raise ValueError(f"表格第{r + 1}行超出{table.ncols}列")
            if r + cell.rowspan > nrows:
                raise ValueError(f"表格第{r + 1}行的单元格跨行超出表格")
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if (r + dr, c + dc) in occupied:
                        raise ValueError(f"表格第{r + dr + 1}行第{c + dc + 1}列被两个单元格占用")
                    occupied.add((r + dr, c + dc))
            placed.append((r, c, cell))
            c += cell.colspan
    return placed


def signbox_lines(box: SignBox) -> list[str]:
    """The text lines of a sign-off box, shared by both renderers."""
    marks = "  ".join(Check(o, box.chosen == o).text for o in box.options)
    lines = [box.role, f"意见：{marks}"]
    if box.opinion:
        lines.append(box.opinion)
    lines.append("签字：" + (box.signer or ""))
    lines.append("日期：" + (box.date or "    年  月  日"))
    return lines


def text_width_chars(text: str) -> float:
    """Width in full-width characters: digits and Latin count half, as in 公文 fonts."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def signature(unit: str, date: str) -> list[Para]:
    """The 落款 of GB/T 9704-2012 §7.3.5: the 成文日期 right-aligned with four characters free at the right, the
    unit's name centred over the date (it moves left when longer than the date)."""
    date_w, unit_w = text_width_chars(date), text_width_chars(unit)
    unit_right = max(4 + (date_w - unit_w) / 2, 0)
    return [Para("", first_indent=False),  # 正文（或附件说明）下空一行
            Para(unit, style="right", align="right", first_indent=False, right_indent_chars=unit_right),
            Para(date, style="right", align="right", first_indent=False, right_indent_chars=4)]


def closing_range(doc: Document) -> tuple[int, int] | None:
    """The 落款 (right-aligned paragraphs: unit, date) that ends the body, as (first, past-last) block indexes,
    with the block before it: they stay on one page, as a signature must. The body ends at the document's end
    or at the page break before an 附件."""
    blocks = doc.blocks
    end = len(blocks)
    for i, b in enumerate(blocks):
        if isinstance(b, PageBreak) and i and isinstance(blocks[i - 1], Para) and blocks[i - 1].style == "right":
            end = i
            break
    first = end
    while first > 0 and isinstance(blocks[first - 1], Para) and blocks[first - 1].style == "right":
        first -= 1
    if first == end or first == 0:
        return None
    # a paragraph goes over with it (and the empty line between them); a table would drag itself along
    start = first
    while start > 0 and isinstance(blocks[start - 1], Para) and not para_text(blocks[start - 1]).strip():
        start -= 1
    if start > 0 and isinstance(blocks[start - 1], Para):
        start -= 1
        # the 附件说明 is no 正文 of its own: the page of the 落款 carries the end of the body's last paragraph too
        if start > 0 and para_text(blocks[start]).startswith("附件") and isinstance(blocks[start - 1], Para) \
                and para_text(blocks[start - 1]).strip():
            start -= 1
    return start, end


def closing_lines(doc: Document) -> int:
    """How many right-aligned paragraphs end the body: the 落款 (unit, date)."""
    span = closing_range(doc)
    if not span:
        return 0
    return sum(1 for b in doc.blocks[span[0]:span[1]] if isinstance(b, Para) and b.style == "right")


def plain_text(doc: Document) -> str:
    """The document's text in reading order, one line per paragraph or cell; for golden checks."""
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Title):
            out.append(b.text)
            if b.subtitle:
                out.append(b.subtitle)
        elif isinstance(b, Heading):
            out.append(b.text)
        elif isinstance(b, Para):
            out.append(para_text(b))
        elif isinstance(b, Table):
            if b.caption:
                out.append(b.caption)
            out.extend(cell_text(cell) for _, _, cell in grid(b))
        elif isinstance(b, SignOff):
            if b.title:
                out.append(b.title)
            for box in b.boxes:
                out.extend(signbox_lines(box))
    return "\n".join(out)
