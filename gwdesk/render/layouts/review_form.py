"""Print layout of the 公文公开发布意见单, built from its definition into the render model.

One bordered grid: a narrow section column (text read top to bottom), then label/value pairs as the
definition's `print_rows` say; the sign-off chain follows the section named in [print]
signoffs_after. Fields not named in any print_rows get a full-width row of their own, so a field
added to a custom definition is printed with no code change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gwdesk.core.formdef import Field, FormDef, Section
from gwdesk.core.review.validate import normalise, parse_date
from gwdesk.render.model import (Blank, Cell, Check, Document, PageSetup, Para, Table, Title, grid,
                                 inline_text)

LONG_CHOICE = 6  # choices with more options print the chosen word instead of a row of boxes
BLANK_DATE = "\u3000\u3000年\u3000月\u3000日"


def _cn_date(value: Any) -> str:
    d = parse_date(value)
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _checks(pairs: list[tuple[str, str]], chosen: list[str] | str | None) -> list:
    chosen = chosen if isinstance(chosen, list) else ([chosen] if chosen else [])
    out: list = []
    for i, (key, label) in enumerate(pairs):
        if i:
            out.append("\u2002")
        out.append(Check(label, key in chosen))
    return out


def _bool_marks(value: Any) -> list:
    return [Check("是", value is True), "\u2002", Check("否", value is False)]


def _value_content(definition: FormDef, f: Field, values: dict[str, Any] | None, size: float):
    """The printed content of a field's value cell; values None → the blank form for handwriting."""
    v = None if values is None else values.get(f.key)
    if f.type == "bool":
        return _bool_marks(v)
    if f.type == "choice" and len(f.options) > LONG_CHOICE:
        return "" if v is None else str(v)  # e.g. 文种: the name itself, written in on the blank form
    if f.type == "choice":
        return _checks(definition.option_labels(f), v)
    if f.type == "checklist":
        return _checks([(i, i) for i in f.items], v or [])
    if f.type == "multichoice" and f.options_from == "reasons":
        return _reasons_content(definition, values, size)
    if f.type == "multichoice":
        return _checks(definition.option_labels(f), v or [])
    if f.type == "date":
        return _cn_date(v) or (BLANK_DATE if values is None or not v else str(v))
    if values is None and f.type == "textarea":
        return [Para("\u3000", first_indent=False), Para("\u3000", first_indent=False)]
    return "" if v is None else str(v)


def _reasons_content(definition: FormDef, values: dict[str, Any] | None, size: float):
    """Chosen reasons with article and plain sentence; the blank form lists every reason to tick."""
    small = size * 0.9
    if values is None:
        paras, line = [], []
        for r in definition.reasons:
            line.append(Check(f"{r.article} {r.label}" if r.article != "其他" else r.label))
            line.append("\u2002")
        paras.append(Para(line[:-1], first_indent=False, align="left", size_pt=small))
        return paras
    chosen = [definition.reason(k) for k in values.get("reasons") or []]
    chosen = [r for r in chosen if r is not None]
    if not chosen:
        attr = values.get("attribute") or ""
        return "不适用（主动公开）" if attr == "主动公开" else ""
    paras = []
    for r in chosen:
        text = f"{r.sentence}{values.get('other_basis') or ''}" if r.needs_basis else r.sentence
        head = f"条例{r.article}（{r.label}）：" if r.article != "其他" else f"{r.label}："
        paras.append(Para([Check(head, True), text], first_indent=False, align="left", size_pt=small))
    return paras


def _section_rows(definition: FormDef, sec: Section) -> list[list[Field]]:
    listed = [k for row in sec.print_rows for k in row]
    rows = [[definition.field(k) for k in row] for row in sec.print_rows]
    rows += [[f] for f in sec.fields if f.key not in listed]
    return rows


def _skip(definition: FormDef, f: Field, values: dict[str, Any] | None) -> bool:
    """Rows the filled form leaves out: 其他 text when 其他 is not chosen, and the like (empty, optional)."""
    if values is None or values.get(f.key) not in (None, "", []):
        return False
    return f.key in ("other_basis", "other_channel") or (f.is_forbidden(values))


def _grid(definition: FormDef, values: dict[str, Any] | None, signoffs: dict[str, dict] | None,
          number: str, size: float, min_row_mm: float = 6.5) -> Table:
    rows: list[list[Cell]] = []

    def label(text: str) -> Cell:
        return Cell(text, align="center", shade=True)

    def add_block(title: str, block: list[list[Cell]]):
        if not block:
            return
        block[0].insert(0, Cell(title, rowspan=len(block), align="center", shade=True, bold=True,
                                vertical_text=True))
        rows.extend(block)

    for sec in definition.sections:
        block = []
        for row in _section_rows(definition, sec):
            row = [f for f in row if not _skip(definition, f, values)]
            if not row:
                continue
            cells: list[Cell] = []
            for f in row:
                content = number if f.type == "auto" and f.key == "number" else _value_content(
                    definition, f, values, size)
                if f.type == "auto" and f.key != "number":
                    content = "" if values is None else str(values.get(f.key) or "")
                cells += [label(f.label), Cell(content, colspan=3 if len(row) == 1 else 1, align="left")]
            block.append(cells)
        add_block(sec.title, block)
        if sec.key == definition.print.signoffs_after:
            add_block(definition.print.signoff_title, _signoff_rows(definition, values, signoffs))
    if not any(s.key == definition.print.signoffs_after for s in definition.sections):
        add_block(definition.print.signoff_title, _signoff_rows(definition, values, signoffs))
    p = definition.print
    return Table(rows, widths=[p.section_width, p.label_width, p.value_width, p.label_width, p.value_width],
                 font_size_pt=size, min_row_height_mm=min_row_mm)


def _signoff_rows(definition: FormDef, values: dict[str, Any] | None, signoffs: dict[str, dict] | None):
    out = []
    for role in definition.signoffs:
        box = (signoffs or {}).get(role.key) or {}
        opinion: list = _checks([(o, o) for o in role.options], box.get("choice"))
        if box.get("opinion"):
            opinion += ["\u2002", str(box["opinion"])]
        date = _cn_date(box.get("date")) or BLANK_DATE
        name = role.role
        if values is not None and not role.is_required(values) and not box.get("choice"):
            name += "（本件不需）"
        elif values is None and role.required_when is not None:
            name += "（需要时）"
        out.append([Cell(name, align="center", shade=True), Cell(opinion, align="left"),
                    Cell([Blank(6, "签字："), "\u2002日期：", date], colspan=2, align="left")])
    return out


TITLE_AND_NOTE_MM = 24.0  # title with its space after, and the note line (measured 21.3)
ESTIMATE_MARGIN = 1.07  # the estimate runs a few per cent short of what reportlab sets (measured)
PT_MM = 25.4 / 72


def _para_lines(text: str, width_mm: float, size: float) -> int:
    per_line = max(1, int((width_mm - 2.2) / (size * PT_MM)))
    units = sum(1.0 if ord(ch) > 0x2000 else 0.55 for ch in text)
    return max(1, -(-int(units + 0.999) // per_line))


def estimate_height_mm(table: Table, frame_width_mm: float) -> float:
    """A close upper estimate of the grid's printed height, to pick a font size that fits one page."""
    size = table.font_size_pt or 10.0
    total = sum(table.widths)
    col_mm = [frame_width_mm * w / total for w in table.widths]
    heights = [table.min_row_height_mm or 0.0 for _ in table.rows]
    for r, c, cell in grid(table):
        if cell.rowspan > 1 or cell.vertical_text:
            continue
        width = sum(col_mm[c:c + cell.colspan])
        lines = 0.0
        for para in cell.paras():
            psize = para.size_pt or size
            n = _para_lines("".join(inline_text(i) if not isinstance(i, Blank) else "\u3000" * (i.width_chars + 3)
                                    for i in para.inlines()), width, psize)
            lines += n * psize / size
        heights[r] = max(heights[r], lines * size * 1.35 * PT_MM + 2.2)
    return sum(heights)


def _unit_name(profile) -> str:
    return (getattr(profile, "name", "") or "").strip()


def build(form, definition: FormDef, profile, today: dt.date | None = None) -> Document:
    """The printed form for `form` (gwdesk.core.review.forms.Form or anything with number/values/signoffs)."""
    values = normalise(definition, dict(form.values))
    number = form.number or str(values.get("number") or "")
    return _document(definition, profile, values, form.signoffs or {}, number, today)


def build_blank(definition: FormDef, profile, today: dt.date | None = None) -> Document:
    """The empty form for handwriting: every option as ☐, blanks for dates and signatures."""
    return _document(definition, profile, None, None, "", today)


def _document(definition: FormDef, profile, values, signoffs, number: str, today: dt.date | None) -> Document:
    p = definition.print
    today = today or dt.date.today()
    unit = _unit_name(profile)
    title = p.title.format(unit=unit, name=definition.name).strip()
    subs = {"number": number or "\u3000" * 6, "print_date": f"{today.year}年{today.month}月{today.day}日",
            "unit": unit}
    page = PageSetup.form()
    page.top_mm, page.bottom_mm = 15, 16
    page.footer_left = p.footer_left.format(**subs)
    page.footer_right = p.footer_right.format(**subs)
    doc = Document(page=page, title=f"{title} {number}".strip(), author=unit)
    doc.add(Title(title))
    # A heavy form (many reasons, long texts) is set smaller rather than spilling onto a second page.
    room = page.height_mm - page.top_mm - page.bottom_mm - TITLE_AND_NOTE_MM
    for size, min_row in ((p.font_size_pt, 6.5), (p.font_size_pt - 0.5, 6.0), (p.font_size_pt - 1, 5.5),
                          (p.font_size_pt - 1.5, 5.0), (p.font_size_pt - 2, 5.0)):
        table = _grid(definition, values, signoffs, number, size, min_row)
        if estimate_height_mm(table, page.frame_width_mm) * ESTIMATE_MARGIN <= room:
            break
    doc.add(table)
    if p.note:
        doc.add(Para(p.note, style="note", first_indent=False, align="left"))
    return doc
