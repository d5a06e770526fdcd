"""Characters no PDF font can draw, named by the field they are in, so the clerk hears of them before printing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwdesk.render import fonts
from gwdesk.render.model import (
    Cell,
    Document,
    Heading,
    Para,
    SignOff,
    Table,
    Title,
    cell_text,
    grid,
    para_text,
    printable,
    signbox_lines,
)

_ROLE_ORDER = ("fangsong", "song", "hei", "kai", "xbs")


@dataclass(frozen=True)
class MissingGlyph:
    field: str  # where the character is, as the clerk knows it: 申请人, 表格第3行「贯彻举措」, 标题…
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"


def _short(text: str, n: int = 16) -> str:
    text = re.sub(r"\s+", "", text)
    return text if len(text) <= n else text[:n] + "…"


def _fields(doc: Document):
    """(field, text) for every piece of text in the document, in reading order."""
    section = ""
    para_no = 0
    for b in doc.blocks:
        if isinstance(b, Title):
            yield "标题", b.text + b.subtitle
        elif isinstance(b, Heading):
            section, para_no = _short(b.text), 0
            yield f"标题「{section}」", b.text
        elif isinstance(b, Para):
            para_no += 1
            yield (f"「{section}」下第{para_no}段" if section else f"正文第{para_no}段"), para_text(b)
        elif isinstance(b, Table):
            yield from _table_fields(b)
        elif isinstance(b, SignOff):
            for box in b.boxes:
                yield box.role, "".join(signbox_lines(box))


def _table_fields(t: Table):
    placed = grid(t)
    at: dict[tuple[int, int], Cell] = {}
    for r, c, cell in placed:
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                at[r + dr, c + dc] = cell
    for r, c, cell in placed:
        text = cell_text(cell)
        label = ""
        left = at.get((r, c - 1))
        if c > 0 and left is not None and left.shade:
            label = _short(cell_text(left))  # a form: the label cell to the left names the value
        elif t.header_rows and r >= t.header_rows:
            head = at.get((t.header_rows - 1, c))
            label = _short(cell_text(head)) if head is not None else ""
            label = f"第{r - t.header_rows + 1}行「{label}」" if label else f"第{r - t.header_rows + 1}行"
        if not label:
            label = f"第{r + 1}行第{c + 1}列"
        yield (f"{t.caption}{label}" if t.caption else label), text


def missing_glyphs(doc: Document) -> list[MissingGlyph]:
    """Each (field, character) that would print as an empty box in the PDF, first occurrence only."""
    names = [fonts.pdf_font(r).name for r in _ROLE_ORDER]
    seen: set[tuple[str, str]] = set()
    found: list[MissingGlyph] = []
    drawable: dict[str, bool] = {}
    for field, text in _fields(doc):
        for ch in printable(text):
            if ch.isspace() or ch == "\u00a0":
                continue
            ok = drawable.get(ch)
            if ok is None:
                ok = drawable[ch] = any(fonts.font_for(ch, n) for n in names[:1]) or \
                    any(fonts.has_glyph(n, ch) for n in names)
            if not ok and (field, ch) not in seen:
                seen.add((field, ch))
                found.append(MissingGlyph(field, ch))
    return found


def warning_text(found: list[MissingGlyph]) -> str:
    """The clerk's message: which field holds which character, and what to do about it."""
    if not found:
        return ""
    lines = [f"{m.field}：“{m.char}”（{m.code}）" for m in found[:12]]
    if len(found) > 12:
        lines.append(f"……另有{len(found) - 12}处")
    return ("以下字符在打印字体中没有字形，打印出来会是空白方框：\n" + "\n".join(lines) +
            "\n可在打印稿上手写补上，或安装含这些字的字体（如 Windows 的 SimSun-ExtB）后重新生成。")
