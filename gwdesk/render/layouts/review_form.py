"""Print layout of the 公文公开发布意见单, built from its definition into the render model.

One bordered grid: a narrow section column (text read top to bottom), then label/value pairs as the
definition's `print_rows` say; the sign-off chain follows the section named in [print]
signoffs_after. Fields not named in any print_rows get a full-width row of their own, so a field
added to a custom definition is printed with no code change.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from gwdesk.core.formdef import REASON_SOURCES, Field, FormDef, Section
from gwdesk.core.review.validate import normalise, parse_date
from gwdesk.render.model import (Blank, Cell, Check, Document, PageSetup, Para, Table, Title, cell_text,
                                 grid, inline_text)

LONG_CHOICE = 6  # choices with more options print the chosen word instead of a row of boxes
BLANK_DATE = "______年____月____日"  # room for four handwritten digits, then two and two
SHORT_BLANK_DATE = "____年___月___日"  # inside a half-width sign-off box
PT_MM = 25.4 / 72
LEADING = 1.4  # table line height as a multiple of the size (render.pdf/docx TABLE_LEADING)
MAX_WRITE_FACTOR = 2.5  # free page space never makes a sign-off box more than this times its minimum
DETAIL_KEYS = ("other_basis", "other_channel", "request_basis")  # printed only when filled in


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


def _space(mm: float) -> list[Para]:
    """Empty paragraphs together `mm` tall (a paragraph in a table is its size × LEADING high)."""
    out = []
    left = mm
    while left > 1.0:
        size = min(left / PT_MM / LEADING, 28.0)
        out.append(Para("\u00a0", first_indent=False, align="left", size_pt=round(size, 1)))
        left -= size * LEADING * PT_MM
    return out


def _lines(n: int, width_chars: int) -> list[Para]:
    """`n` underlined writing lines across a cell, for the blank form."""
    return [Para([Blank(max(4, width_chars))], first_indent=False, align="left") for _ in range(n)]


def _value_content(definition: FormDef, f: Field, values: dict[str, Any] | None, size: float,
                   width_chars: int = 30):
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
    if f.type == "multichoice" and f.options_from in REASON_SOURCES:
        return _reasons_content(definition, f, values, size)
    if f.type == "multichoice":
        return _checks(definition.option_labels(f), v or [])
    if f.type == "date":
        return _cn_date(v) or (BLANK_DATE if values is None or not v else str(v))
    if values is None and (f.write_lines or f.type == "textarea"):
        return _lines(f.write_lines or 2, width_chars)
    return "" if v is None else str(v)


def _reasons_content(definition: FormDef, f: Field, values: dict[str, Any] | None, size: float):
    """Chosen reasons with article and plain sentence; the blank form lists every reason to tick."""
    small = size * 0.9
    kind = REASON_SOURCES[f.options_from]
    if values is None:
        line: list = []
        for r in definition.reasons_of(kind):
            line.append(Check(f"{r.article} {r.label}" if r.article != "其他" else r.label))
            line.append("\u2002")
        return [Para(line[:-1], first_indent=False, align="left", size_pt=small)]
    chosen = [definition.reason(k) for k in values.get(f.key) or []]
    chosen = [r for r in chosen if r is not None and r.kind == kind]
    if not chosen:
        return ""
    basis = values.get("request_basis" if kind == "on_request" else "other_basis") or ""
    paras = []
    for r in chosen:
        text = f"{r.sentence}{basis}" if r.needs_basis else r.sentence
        head = f"条例{r.article}（{r.label}）：" if r.article != "其他" else f"{r.label}："
        paras.append(Para([Check(head, True), text], first_indent=False, align="left", size_pt=small))
    return paras


def _section_rows(definition: FormDef, sec: Section) -> list[list[Field]]:
    listed = [k for row in sec.print_rows for k in row]
    rows = [[definition.field(k) for k in row] for row in sec.print_rows]
    rows += [[f] for f in sec.fields if f.key not in listed]
    return rows


def _skip(definition: FormDef, f: Field, values: dict[str, Any] | None) -> bool:
    """Rows the filled form leaves out when empty: 其他 details not chosen, fields the rules forbid or do not
    ask for in this case (理由 of a 主动公开 document, 解读 of a non-policy one). The blank form keeps all."""
    if values is None or values.get(f.key) not in (None, "", []):
        return False
    if f.key in DETAIL_KEYS or not f.print_empty or f.is_forbidden(values):
        return True
    return f.required_when is not None and not f.is_required(values)


def _col_mm(definition: FormDef, frame_mm: float) -> list[float]:
    p = definition.print
    widths = [p.section_width, p.label_width, p.value_width, p.label_width, p.value_width]
    return [frame_mm * w / sum(widths) for w in widths]


def _chars(width_mm: float, size: float) -> int:
    return int((width_mm - 2.5) / (size * PT_MM))


def _block_head(title: str, nrows: int) -> Cell:
    """A section's title cell spanning its rows."""
    if nrows <= 2 and len(title) > 2:  # too few rows to read it top to bottom: two characters a line
        return Cell([Para(title[i:i + 2], align="center", first_indent=False, bold=True)
                     for i in range(0, len(title), 2)], rowspan=nrows, align="center", shade=True)
    return Cell(title, rowspan=nrows, align="center", shade=True, bold=True, vertical_text=True)


def _grid(definition: FormDef, values: dict[str, Any] | None, signoffs: dict[str, dict] | None,
          number: str, size: float, frame_mm: float, extra_mm: dict[str, float] | None = None,
          header: bool = False, min_row_mm: float = 6.5) -> Table:
    rows: list[list[Cell]] = []
    cols = _col_mm(definition, frame_mm)

    def label(text: str) -> Cell:
        return Cell(text, align="center", shade=True)

    def add_block(title: str, block: list[list[Cell]]):
        if not block:
            return
        block[0].insert(0, _block_head(title, len(block)))
        rows.extend(block)

    if header:  # repeated at the top of every page when the form must run onto a second one
        title = "" if values is None else str(values.get("title") or "")
        if len(title) > HEADER_TITLE_CHARS:  # the page's header only names the form; the whole title is below
            title = title[:HEADER_TITLE_CHARS] + "…"
        rows.append([Cell(f"编号：{number or chr(0x3000) * 6}\u3000\u3000文件标题：{title}", colspan=5,
                          align="left", shade=True)])
    signoffs_placed, sign = False, (0, 0)
    for sec in definition.sections:
        block = []
        for row in _section_rows(definition, sec):
            row = [f for f in row if not _skip(definition, f, values)]
            if not row:
                continue
            cells: list[Cell] = []
            for f in row:
                wide = len(row) == 1
                width = cols[2] + (cols[3] + cols[4] if wide else 0)
                if f.type == "auto":
                    content = number if f.key == "number" else (
                        "" if values is None else str(values.get(f.key) or ""))
                else:
                    content = _value_content(definition, f, values, size, _chars(width, size))
                cells += [label(f.print_label or f.label), Cell(content, colspan=3 if wide else 1, align="left")]
            block.append(cells)
        add_block(sec.title, block)
        if sec.key == definition.print.signoffs_after:
            sign_at = len(rows)
            add_block(definition.print.signoff_title,
                      _signoff_rows(definition, values, signoffs, size, cols, extra_mm or {}))
            sign = (sign_at, len(rows) - sign_at)
            signoffs_placed = True
    if not signoffs_placed:
        sign_at = len(rows)
        add_block(definition.print.signoff_title,
                  _signoff_rows(definition, values, signoffs, size, cols, extra_mm or {}))
        sign = (sign_at, len(rows) - sign_at)
    p = definition.print
    table = Table(rows, widths=[p.section_width, p.label_width, p.value_width, p.label_width, p.value_width],
                  font_size_pt=size, min_row_height_mm=min_row_mm, header_rows=1 if header else 0)
    table._gw_sign = sign  # where the sign-off rows are, for _with_room
    return table


def _with_room(table: Table, definition: FormDef, values, signoffs, frame_mm: float,
               extra_mm: dict[str, float]) -> Table:
    """`table` with its sign-off rows remade with `extra_mm` of writing room: the same as building the grid
    again with it (only those rows depend on the room), without redoing every other row."""
    at, n = table._gw_sign
    block = _signoff_rows(definition, values, signoffs, table.font_size_pt, _col_mm(definition, frame_mm),
                          extra_mm)
    if block:
        block[0].insert(0, _block_head(definition.print.signoff_title, len(block)))
    return Table(table.rows[:at] + block + table.rows[at + n:], widths=table.widths, header_rows=table.header_rows,
                 font_size_pt=table.font_size_pt, min_row_height_mm=table.min_row_height_mm)


def _needs_box(role, values: dict[str, Any] | None, box: dict) -> bool:
    """A role this document does not need (e.g. 主要负责人 for an ordinary one) gets no writing room."""
    return values is None or role.is_required(values) or bool(box.get("choice"))


def _box(role, values, box: dict, size: float, width_mm: float, target_mm: float) -> Cell:
    """One role's opinion box: 同意/不同意 and the written opinion at the top, writing room, then
    签字 and 日期 at the bottom right; `target_mm` is the whole box's height."""
    key = (tuple(role.options), repr(box.get("choice")), repr(box.get("opinion")), repr(box.get("date")), size,
           width_mm, target_mm, _needs_box(role, values, box))
    paras = _BOXES.get(key)
    if paras is None:  # a batch of forms asks for the same few boxes again and again (and each form 3-5 times)
        if len(_BOXES) > 4096:
            _BOXES.clear()
        paras = _BOXES[key] = _box_paras(role, box, size, width_mm, target_mm, key[-1])
    return Cell(list(paras), align="left", valign="top")


_BOXES: dict[tuple, tuple[Para, ...]] = {}


def _box_paras(role, box: dict, size: float, width_mm: float, target_mm: float, needs: bool) -> tuple[Para, ...]:
    narrow = _chars(width_mm, size) < 24
    opinion: list = _checks([(o, o) for o in role.options], box.get("choice"))
    if box.get("opinion"):
        opinion += ["\u2002", str(box["opinion"])]
    date = _cn_date(box.get("date")) or (SHORT_BLANK_DATE if narrow else BLANK_DATE)
    sign: list = [Blank(5 if narrow else 7, "签字：")]  # signed by hand, also when the signer is recorded
    tail = ([Para(sign, first_indent=False, align="right"), Para(["日期：", date], first_indent=False, align="right")]
            if narrow else [Para(sign + ["\u2003日期：", date], first_indent=False, align="right")])
    head = [Para(opinion, first_indent=False, align="left")]
    used_mm = _used_mm(tuple("".join(_inline_len(i) for i in p.inlines()) for p in head + tail), width_mm, size)
    # half a millimetre over: the ruled lines and rounding may take that much from the box
    room = _space(target_mm + 0.5 - used_mm) if needs else []
    return tuple(head + room + tail)


@functools.lru_cache(maxsize=4096)  # the same opinion, signature and date lines in box after box
def _used_mm(texts: tuple[str, ...], width_mm: float, size: float) -> float:
    return sum(_para_lines(t, width_mm, size) for t in texts) * size * LEADING * PT_MM + CELL_PADS_MM


def _inline_len(item) -> str:
    return "\u3000" * (item.width_chars + len(item.label)) if isinstance(item, Blank) else inline_text(item)


def _role_label(role, values: dict[str, Any] | None, box: dict, size: float) -> Cell:
    name = role.role
    if values is not None and not role.is_required(values) and not box.get("choice"):
        name += "（本件不需）"
    elif values is None and role.required_when is not None:
        name += "（需要时）"
    paras = [Para(name, first_indent=False, align="center")]
    if role.note:
        paras.append(Para(f"（{role.note}）", first_indent=False, align="center", size_pt=round(size * 0.8 * 2) / 2))
    return Cell(paras, align="center", shade=True)


def _signoff_rows(definition: FormDef, values: dict[str, Any] | None, signoffs: dict[str, dict] | None,
                  size: float, cols: list[float], extra_mm: dict[str, float]):
    """Roles needing no more than the least writing room sit two to a row; the others (分管领导,
    主要负责人) get the full width."""
    least = min((r.write_mm for r in definition.signoffs), default=12.0)
    out, pending = [], []

    def cells(role, width):
        box = (signoffs or {}).get(role.key) or {}
        target = role.write_mm + extra_mm.get(role.key, 0.0)
        return [_role_label(role, values, box, size), _box(role, values, box, size, width, target)]

    def flush():
        if len(pending) == 2:
            out.append(cells(pending[0], cols[2]) + cells(pending[1], cols[4]))
        elif pending:
            row = cells(pending[0], cols[2] + cols[3] + cols[4])
            row[1].colspan = 3
            out.append(row)
        pending.clear()

    for role in definition.signoffs:
        if role.write_mm <= least:
            pending.append(role)
            if len(pending) == 2:
                flush()
        else:
            flush()
            pending.append(role)
            flush()
    flush()
    return out


TITLE_AND_NOTE_MM = 24.0  # title with its space after, and the note line (measured 21.3)
ESTIMATE_MARGIN = 1.02  # the estimate is within about 1 % of what reportlab sets (measured 2026-11)
CELL_PADS_MM = 1.45  # a cell's top and bottom padding (render.pdf CELL_PAD_PT 2 + 2 pt)


_NARROW = re.compile("[\x00-\u2000]")


# the 文件标题 in the header repeated on every page, at most (a 4,000-character title made the header taller
# than a page: nothing could be laid out)
HEADER_TITLE_CHARS = 80


@functools.lru_cache(maxsize=8192)  # labels and option rows repeat across sizes and across a batch of forms
def _para_lines(text: str, width_mm: float, size: float) -> int:
    per_line = max(1, int((width_mm - 2.2) / (size * PT_MM)))
    narrow = len(_NARROW.findall(text))
    units = len(text) - narrow + 0.55 * narrow
    return max(1, -(-int(units + 0.999) // per_line))


def estimate_height_mm(table: Table, frame_width_mm: float) -> float:
    """A close upper estimate of the grid's printed height, to pick a font size that fits one page."""
    size = table.font_size_pt or 10.0
    total = sum(table.widths)
    col_mm = [frame_width_mm * w / total for w in table.widths]
    heights = [table.min_row_height_mm or 0.0 for _ in table.rows]
    vertical = []
    for r, c, cell in grid(table):
        if cell.vertical_text:  # a section title read top to bottom: one line per character
            vertical.append((r, cell.rowspan, len(cell_text(cell).replace("\n", ""))))
            continue
        if cell.rowspan > 1:
            continue
        width = sum(col_mm[c:c + cell.colspan])
        if isinstance(cell.content, str):  # a label: one paragraph of the table's size, its text as it stands
            heights[r] = max(heights[r], _para_lines(cell.content, width, size) * size * LEADING * PT_MM
                             + CELL_PADS_MM)
            continue
        pt = 0.0
        for para in cell.paras():
            psize = para.size_pt or size
            text = para.__dict__.get("_gw_len")
            if text is None:  # the sign-off boxes' paragraphs are shared by the forms of a batch (_BOXES)
                text = para._gw_len = "".join(_inline_len(i) for i in para.inlines())
            n = _para_lines(text, width, psize)
            pt += n * psize * LEADING
        heights[r] = max(heights[r], pt * PT_MM + CELL_PADS_MM)
    for r, span, chars in vertical:
        need = chars * size * LEADING * PT_MM + CELL_PADS_MM
        have = sum(heights[r:r + span])
        if need > have:
            heights[r + span - 1] += need - have
    return sum(heights)


def _unit_name(profile) -> str:
    return (getattr(profile, "name", "") or "").strip()


def build(form, definition: FormDef, profile, today: dt.date | None = None) -> Document:
    """The printed form for `form` (gwdesk.core.review.forms.Form or anything with number/values/signoffs)."""
    values = normalise(definition, dict(form.values))
    number = form.number or str(values.get("number") or "")
    return _document(definition, profile, values, form.signoffs or {}, number, today)


def build_blank(definition: FormDef, profile, today: dt.date | None = None) -> Document:
    """The empty form for handwriting: every option as ☐, writing lines, blanks for dates and signatures."""
    return _document(definition, profile, None, None, "", today)


def _writing_room(definition: FormDef, values, signoffs, free_mm: float) -> dict[str, float]:
    """Share the page's free height among the sign-off boxes that need writing, by their minimum."""
    rows: dict[str, float] = {}
    for role in definition.signoffs:
        box = (signoffs or {}).get(role.key) or {}
        if _needs_box(role, values, box):
            rows[role.key] = role.write_mm
    if not rows or free_mm <= 0:
        return {}
    # a paired row is as tall as its taller box: growing both halves costs one row's height
    least = min(r.write_mm for r in definition.signoffs)
    cost = sum(w * (0.5 if w <= least else 1.0) for w in rows.values())
    factor = min(free_mm / cost, MAX_WRITE_FACTOR - 1)
    return {k: w * factor for k, w in rows.items()}


def _layout(definition: FormDef, values, signoffs, number: str, room_mm: float, frame_mm: float,
            base_size: float) -> Table:
    """The grid on one page at the largest size that fits (never below base − 1 pt), the sign-off boxes
    grown into the free space; when even that does not fit, full size over two pages, header repeated."""
    for size, min_row in ((base_size, 6.5), (base_size - 0.5, 6.0), (base_size - 1, 5.5)):
        table = _grid(definition, values, signoffs, number, size, frame_mm, min_row_mm=min_row)
        height = estimate_height_mm(table, frame_mm) * ESTIMATE_MARGIN
        if height <= room_mm:
            break
    else:
        # two pages: the sign-off block moves whole to the second one (its section column spans it), so
        # the boxes may take that page's room; a page break wastes up to one section, hence the half
        table = _grid(definition, values, signoffs, number, base_size, frame_mm, header=True)
        height = estimate_height_mm(table, frame_mm) * ESTIMATE_MARGIN
        extra = _writing_room(definition, values, signoffs, min(2 * room_mm - height, room_mm / 2))
        return _with_room(table, definition, values, signoffs, frame_mm, extra)
    free = room_mm - height
    # only the sign-off rows change as they grow: weigh those alone (a batch of 100 forms stays quick)
    cols = _col_mm(definition, frame_mm)
    signing = sum(frame_mm * w / sum(table.widths) for w in table.widths[1:])

    def sign_height(extra: dict[str, float]) -> float:
        rows = _signoff_rows(definition, values, signoffs, size, cols, extra)
        return estimate_height_mm(Table(rows, table.widths[1:], font_size_pt=size, min_row_height_mm=min_row),
                                  signing)

    least = sign_height({})
    for share in (1.0, 0.8, 0.6, 0.4, 0.2):
        extra = _writing_room(definition, values, signoffs, free * share)
        if (height / ESTIMATE_MARGIN - least + sign_height(extra)) * ESTIMATE_MARGIN <= room_mm:
            return _with_room(table, definition, values, signoffs, frame_mm, extra)
    return table


def _document(definition: FormDef, profile, values, signoffs, number: str, today: dt.date | None) -> Document:
    p = definition.print
    today = today or dt.date.today()
    unit = _unit_name(profile)
    title = p.title.format(unit=unit, name=definition.name).strip()
    subs = {"number": number or "\u3000" * 6, "print_date": f"{today.year}年{today.month}月{today.day}日",
            "unit": unit}
    page = PageSetup.form()
    page.top_mm, page.bottom_mm = 13, 14
    page.footer_left = p.footer_left.format(**subs)
    page.footer_right = p.footer_right.format(**subs)
    doc = Document(page=page, title=f"{title} {number}".strip(), author=unit)
    doc.add(Title(title))
    room = page.height_mm - page.top_mm - page.bottom_mm - TITLE_AND_NOTE_MM
    doc.add(_layout(definition, values, signoffs, number, room, page.frame_width_mm, p.font_size_pt))
    if p.note:
        doc.add(Para(p.note, style="note", first_indent=False, align="left"))
    return doc
