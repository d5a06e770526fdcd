"""Print layout of the 公文公开发布意见单, built from its definition into the render model.

One bordered grid: a narrow section column (text read top to bottom), then label/value pairs as the
definition's `print_rows` say; the sign-off chain follows the section named in [print]
signoffs_after. Fields not named in any print_rows get a full-width row of their own, so a field
added to a custom definition is printed with no code change.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import Any

from gwdesk.core.formdef import REASON_SOURCES, Field, FormDef, Section
from gwdesk.core.review.last_step import needs_publication_fields
from gwdesk.core.review.validate import facts, normalise, parse_date, unit_context
from gwdesk.render.model import (Blank, Cell, Check, Document, PageBreak, PageSetup, Para, Spacer, Table,
                                 cell_text, grid, inline_text)

LONG_CHOICE = 6  # choices with more options print the chosen word instead of a row of boxes
BLANK_DATE = "______年____月____日"  # room for four handwritten digits, then two and two
SHORT_BLANK_DATE = "____年__月__日"  # inside a half-width sign-off box, beside 同意/不同意
PT_MM = 25.4 / 72
LEADING = 1.4  # table line height as a multiple of the size (render.pdf/docx TABLE_LEADING)
MAX_WRITE_FACTOR = 2.5  # free page space never makes a sign-off box more than this times its minimum
DETAIL_KEYS = ("other_basis", "other_channel", "request_basis")  # printed only when filled in


def _cn_date(value: Any) -> str:
    d = parse_date(value)
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _checks(pairs: list[tuple[str, str]], chosen: list[str] | str | None,
            details: dict[str, list] | None = None) -> list:
    """☐/☑ per option; `details` adds the inline fields printed after an option (“☐其他（____）”)."""
    chosen = chosen if isinstance(chosen, list) else ([chosen] if chosen else [])
    out: list = []
    for i, (key, label) in enumerate(pairs):
        if i:
            out.append("\u2002")
        out.append(Check(label, key in chosen))
        out.extend((details or {}).get(key, []))
    return out


INLINE_BLANK_CHARS = 8  # a handwriting line inside an option's line


def _inline_details(definition: FormDef, host: Field, values: dict[str, Any] | None) -> dict[str, list]:
    """For each option of `host`, the fields printed inside its line (inline_after): a blank to write on in the
    blank form or when the option is chosen but the field is empty, the value when filled in."""
    chosen = None if values is None else values.get(host.key)
    return _details(definition, host.key, dict(definition.option_labels(host)), values,
                    chosen if isinstance(chosen, list) else [chosen])


def _details(definition: FormDef, host: str, labels: dict[str, str], values: dict[str, Any] | None,
             chosen: list) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in definition.fields:
        key, _, option = f.inline_after.rpartition(":") if ":" in f.inline_after else (f.inline_after, "", "")
        if not f.inline_after or key != host:
            continue
        if f.print_when is not None and not f.print_when(values or {}):
            continue
        label = f.print_label or f.label
        head = "（" if label in labels.get(option, "") else f"（{label}："  # “☐其他理由（____）”
        v = None if values is None else values.get(f.key)
        if v not in (None, "", []):
            shown = "；".join(f"{i}. {e.get('name') or ''}" for i, e in enumerate(v, 1)) if f.type == "files" \
                else (_cn_date(v) or v)
            out.setdefault(option, []).append(f"（{label}：{shown}）")
        elif values is None and f.type == "choice" and len(f.options) <= 3:  # a few answers to tick
            out.setdefault(option, []).extend([head, *_checks(definition.option_labels(f), None), "）"])
        elif values is None or not option or option in chosen:  # no option: after a value that is there
            width = INLINE_BLANK_CHARS + (2 if f.type == "textarea" else 0)
            out.setdefault(option, []).extend([Blank(width, head), "）"])
    return out


def _common_head(items: list[str]) -> str:
    """The words every item starts with (“解读材料与文件同步”), printed once before the boxes; "" when short."""
    if len(items) < 2:
        return ""
    head = items[0]
    for it in items[1:]:
        while not it.startswith(head):
            head = head[:-1]
    return head if len(head) >= 4 and all(len(it) > len(head) for it in items) else ""


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
                   width_chars: int = 30, level: str = ""):
    """The printed content of a field's value cell; values None → the blank form for handwriting; then the
    fields printed after it (inline_after = its key)."""
    content = _own_content(definition, f, values, size, width_chars, level)
    v = None if values is None else values.get(f.key)
    after = _details(definition, f.key, {}, values, [""]).get("", []) if values is None or v not in (None, "", []) \
        else []
    if not after:
        return content
    if isinstance(content, str):
        return [content, *after] if content else after
    if content and isinstance(content[0], Para):
        return content + [Para(after, first_indent=False, align="left")]
    return [*content, *after]


def _own_content(definition: FormDef, f: Field, values: dict[str, Any] | None, size: float,
                 width_chars: int = 30, level: str = ""):
    v = None if values is None else values.get(f.key)
    if f.type == "files":  # the files kept with the form, by name; on paper they are 附后
        return ("附后" if values is None else "；".join(f"{i}. {e.get('name') or ''}" for i, e in enumerate(v or [], 1)))
    if f.options_from == "topics" and level:  # the topics the unit's own level must publish, a little smaller
        pairs = [(t.key, t.label) for t in definition.topics if level in t.levels or t.key in (v or [])]
        return [Para(_checks(pairs, v or []), first_indent=False, align="left", size_pt=size * 0.9)]
    if f.type == "bool":
        return _bool_marks(v)
    if f.type == "choice" and len(f.options) > LONG_CHOICE:
        return "" if v is None else str(v)  # e.g. 文种: the name itself, written in on the blank form
    if f.type == "choice":
        return _checks(definition.option_labels(f), v, _inline_details(definition, f, values))
    if f.type == "checklist":
        shown = f.print_items or f.items
        head = _common_head(shown)
        boxes = _checks([(i, p[len(head):]) for i, p in zip(f.items, shown)], v or [])
        return [f"{head}：", *boxes] if head else boxes
    if f.type == "multichoice" and f.options_from in REASON_SOURCES:
        return _reasons_content(definition, f, values, size)
    if f.type == "multichoice":
        return _checks(definition.option_labels(f), v or [], _inline_details(definition, f, values))
    if f.type == "date":
        return _cn_date(v) or (BLANK_DATE if values is None or not v else str(v))
    if values is None and (f.write_lines or f.type == "textarea"):
        return _lines(f.write_lines or 2, width_chars)
    return "" if v is None else str(v)


def _reasons_content(definition: FormDef, f: Field, values: dict[str, Any] | None, size: float):
    """Chosen reasons with article and plain sentence; the blank form lists every reason to tick."""
    small = size * 0.9
    kind = REASON_SOURCES[f.options_from]
    if values is None:  # the article once before its grounds: 第十四条：☐国家秘密 ☐…
        details = _inline_details(definition, f, None)
        line: list = []
        article = None
        for r in definition.reasons_of(kind):
            if r.article != article and r.article != "其他":
                line.append(f"{r.article}：")
            article = r.article
            line.append(Check(r.label))
            line.extend(details.get(r.key, []))
            line.append("\u2002")
        return [Para(line[:-1], first_indent=False, align="left", size_pt=small)]
    chosen = _chosen_reasons(definition, f, values)
    if not chosen:
        return ""
    if values.get(BRIEF_REASONS):  # the sentences are on the 续页: the article, the ground and its law here
        line: list = []
        for r, head, basis, _text in chosen:
            line += [Check(head.rstrip("：") + (f"：{basis}" if r.needs_basis and basis else ""), True), "\u2002"]
        return [Para(line[:-1] + ["（条文见续页）"], first_indent=False, align="left", size_pt=small)]
    return [Para([Check(head, True), text], first_indent=False, align="left", size_pt=small)
            for _r, head, _basis, text in chosen]


BRIEF_REASONS = "\x00brief_reasons"  # a key no field can have: print the chosen reasons without their sentences


def _chosen_reasons(definition: FormDef, f: Field, values: dict[str, Any]) -> list[tuple]:
    """(reason, printed head, its law or other basis, the sentence with the basis) for each chosen reason."""
    kind = REASON_SOURCES[f.options_from]
    chosen = [definition.reason(k) for k in values.get(f.key) or []]
    out = []
    for r in (r for r in chosen if r is not None and r.kind == kind):
        named = [g.key for g in definition.fields if g.inline_after == f"{f.key}:{r.key}"]
        key = named[0] if named else ("request_basis" if kind == "on_request" else "other_basis")
        basis = str(values.get(key) or "")
        head = f"条例{r.article}（{r.label}）：" if r.article != "其他" else f"{r.label}："
        out.append((r, head, basis, f"{r.sentence}{basis}" if r.needs_basis else r.sentence))
    return out


def _section_rows(definition: FormDef, sec: Section) -> list[list[Field]]:
    listed = [k for row in sec.print_rows for k in row]
    rows = [[definition.field(k) for k in row if not definition.field(k).inline_after] for row in sec.print_rows]
    rows += [[f] for f in sec.fields if f.key not in listed and not f.inline_after]
    return [r for r in rows if r]


def _skip(definition: FormDef, f: Field, values: dict[str, Any] | None, known: dict[str, Any]) -> bool:
    """Rows left out: a print_when that does not hold (第二十一条 for a level it does not bind); on the filled
    form, empty rows of 其他 details not chosen and fields the rules forbid or do not ask for in this case
    (理由 of a 主动公开 document, 解读 of a non-policy one). The blank form keeps the rest."""
    if f.print_when is not None and not f.print_when({**(values or {}), **known}):
        return True
    if values is None or values.get(f.key) not in (None, "", []):
        return False
    values = {**values, **known}  # rules may name the unit's level and what follows (条例第二十一条)
    if f.key in DETAIL_KEYS or not f.print_empty or f.is_forbidden(values):
        return True
    return f.required_when is not None and not f.is_required(values)


NOT_FILLED = "（本件不需填写）"


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
          header: bool = False, min_row_mm: float = 6.5, known: dict[str, Any] | None = None) -> Table:
    rows: list[list[Cell]] = []
    cols = _col_mm(definition, frame_mm)
    known = known if known is not None else {}

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
    # a document that is not published (不予公开, 依申请公开: core.review.last_step) fills no 公开情况 field: its
    # rows say so, as its 发布登记 row says 本件不需, instead of blanks to fill
    unpublished = values is not None and not needs_publication_fields(definition, values)
    for sec in definition.sections:
        block = []
        for row in _section_rows(definition, sec):
            row = [f for f in row if not _skip(definition, f, values, known)]
            if not row:
                continue
            cells: list[Cell] = []
            for f in row:
                wide = len(row) == 1
                width = cols[2] + (cols[3] + cols[4] if wide else 0)
                if unpublished and f.stage == "publish" and values.get(f.key) in (None, "", []):
                    content = NOT_FILLED
                elif f.type == "auto":
                    content = number if f.key == "number" else (
                        "" if values is None else str(values.get(f.key) or ""))
                else:
                    content = _value_content(definition, f, values, size, _chars(width, size),
                                             str(known.get("unit_level") or ""))
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


def _box(definition: FormDef, role, values, box: dict, size: float, width_mm: float, target_mm: float) -> Cell:
    """One role's opinion box: 同意/不同意 and the written opinion at the top, `target_mm` of free room, then
    签字 and 日期; a role this document does not need (its label says 本件不需) gets an empty box."""
    short = bool(values and values.get(SHORT_DATES))
    # fields printed inside the box after one of its options (保密审查 需报审: 报送机关, 答复)
    details = _details(definition, f"signoff:{role.key}", {o: o for o in role.options}, values, [box.get("choice")])
    key = (tuple(role.options), role.seal, repr(box.get("choice")), repr(box.get("opinion")), repr(box.get("date")), size,
           width_mm, target_mm, short, _needs_box(role, values, box), repr(details))
    paras = _BOXES.get(key)
    if paras is None:  # a batch of forms asks for the same few boxes again and again (and each form 3-5 times)
        if len(_BOXES) > 4096:
            _BOXES.clear()
        paras = _BOXES[key] = _box_paras(role, box, size, width_mm, target_mm, key[-2], short, details)
    return Cell(list(paras), align="left", valign="top")


_BOXES: dict[tuple, tuple[Para, ...]] = {}


SIGN_LINE_MM = 36.0  # a handwritten signature's line: at least 35 mm wide …
SIGN_ROOM_MM = 12.0  # … with at least this much free height above it (write_mm, the least a definition may ask)


def sign_chars(size: float) -> int:
    """Character widths of the signature line at `size` pt: at least SIGN_LINE_MM."""
    return math.ceil(SIGN_LINE_MM / (size * PT_MM))


SHORT_DATES = "\x00short_dates"  # a key no field can have: half boxes may write a typed date 2026.11.10


def _box_paras(role, box: dict, size: float, width_mm: float, target_mm: float, needs: bool,
               short: bool = False, details: dict[str, list] | None = None) -> tuple[Para, ...]:
    """Top: 同意/不同意 (and the typed opinion); then `target_mm` of free room; then 签字 on a line at least
    SIGN_LINE_MM long, and 日期 — beside it in a wide box, on the top line (or its own) in a half box."""
    if not needs:
        return (Para("", first_indent=False, align="left"),)
    narrow = _chars(width_mm, size) < 24
    opinion: list = _checks([(o, o) for o in role.options], box.get("choice"), details)
    if box.get("opinion"):
        opinion += ["\u2002", str(box["opinion"])]
    date = _cn_date(box.get("date")) or (SHORT_BLANK_DATE if narrow else BLANK_DATE)
    label = "签字（公章）：" if role.seal else "签字："  # where the unit's seal goes, when the definition says so
    sign: list = [Blank(sign_chars(size), label)]  # signed by hand, also when the signer is recorded
    if not narrow:
        head = [Para(opinion, first_indent=False, align="left")]
        tail = [Para(sign + ["\u2003日期：", date], first_indent=False, align="right")]
    else:
        # the date on the top line when it fits there: as written (2026年11月10日), else the short form (2026.11.10);
        # a typed date only with room to spare: Word's and LibreOffice's fonts may set digits a little wider
        spare = 0.92 if box.get("date") else 1.0
        typed = parse_date(box.get("date"))
        dates = [date] + ([f"{typed.year}.{typed.month}.{typed.day}"] if typed and short else [])
        fits = [x for x in dates if not box.get("opinion") and _para_lines(
            "".join(_inline_len(i) for i in opinion + ["\u2002", x]), width_mm * spare, size) == 1]
        if fits:
            head = [Para(opinion + ["\u2002", fits[0]], first_indent=False, align="left")]
            tail = [Para(sign, first_indent=False, align="right")]
        else:
            head = [Para(opinion, first_indent=False, align="left")]
            tail = [Para(sign, first_indent=False, align="right"),
                    Para(["日期：", date], first_indent=False, align="right")]
    return tuple(head + _space(target_mm) + tail)


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
        return [_role_label(role, values, box, size), _box(definition, role, values, box, size, width, target)]

    def flush():
        if len(pending) == 2:
            out.append(cells(pending[0], cols[2]) + cells(pending[1], cols[4]))
        elif pending:
            row = cells(pending[0], cols[2] + cols[3] + cols[4])
            row[1].colspan = 3
            out.append(row)
        pending.clear()

    for role in definition.signoffs:
        if role.write_mm <= least and not role.wide and not role.seal:  # 签字（公章） wants the whole width
            pending.append(role)
            if len(pending) == 2:
                flush()
        else:
            flush()
            pending.append(role)
            flush()
    flush()
    return out


TITLE_PT = 18.0  # 小二 小标宋: a form's title, smaller than a 公文's 二号
TITLE_GAP_MM = 1.0
TITLE_AND_NOTE_MM = 17.0  # title with its space after, and the note line
NOTE_LINE_MM = 4.5  # the note's second line when it says 第1页，共M页
TOP_MM, BOTTOM_MM = 8.0, 10.0  # the sheet's margins: the footer line sits in the bottom one, 6 mm from the edge
ESTIMATE_MARGIN = 1.005  # the estimate (with ROW_RULE_MM) is a little above what reportlab and LibreOffice set
CELL_PADS_MM = 1.45  # a cell's top and bottom padding (render.pdf CELL_PAD_PT 2 + 2 pt)
# Word and LibreOffice add each row's rule to its height (reportlab draws it on the line): 0.5 pt, measured as
# 0.15–0.2 mm a row through LibreOffice (2026-12)
ROW_RULE_MM = 0.2


_NARROW = re.compile("[\x00-\u2000\u2002\u2009]")  # half a character wide or less (en space, thin space)


# the 文件标题 in the header repeated on every page, at most (a 4,000-character title made the header taller
# than a page: nothing could be laid out)
HEADER_TITLE_CHARS = 80


@functools.lru_cache(maxsize=8192)  # labels and option rows repeat across sizes and across a batch of forms
def _para_lines(text: str, width_mm: float, size: float) -> int:
    per_line = max(1.0, (width_mm - 2.2) / (size * PT_MM))
    narrow = len(_NARROW.findall(text))
    units = len(text) - narrow + 0.55 * narrow
    return max(1, math.ceil(units / per_line - 1e-9))


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
    return sum(heights) + ROW_RULE_MM * len(heights)


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


SIZES = ((0.0, 6.5), (-0.5, 6.0), (-1.0, 5.5))  # font size below [print] font_size_pt, least row height (mm)
CONTINUED = "（续见续页）"
KEEP_CHARS = 60  # of a text moved to the 续页, what stays in its cell on the first page


def _fit(definition: FormDef, values, signoffs, number: str, room_mm: float, frame_mm: float,
         base_size: float, known: dict[str, Any]) -> Table | None:
    """The grid on one page at the largest size that fits (never below base − 1 pt), the sign-off boxes
    grown into the free space; None when it does not fit."""
    # the largest size first; at each size the dates as written, then (2026.11.10) beside 同意 in a half box
    tries = [(down, min_row, short) for down, min_row in SIZES for short in ((False, True) if values else (False,))]
    given = values
    for down, min_row, short in tries:
        size = base_size + down
        values = {**given, SHORT_DATES: True} if short else given
        table = _grid(definition, values, signoffs, number, size, frame_mm, min_row_mm=min_row, known=known)
        height = estimate_height_mm(table, frame_mm) * ESTIMATE_MARGIN
        if height <= room_mm:
            break
    else:
        return None
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


def _long_texts(definition: FormDef, values: dict[str, Any]) -> list[Field]:
    """The filled form's free texts, longest first: what moves to the 续页 when the sheet does not hold it."""
    texts = [f for f in definition.fields if f.type in ("text", "textarea")
             and isinstance(values.get(f.key), str) and len(values[f.key]) > KEEP_CHARS]
    return sorted(texts, key=lambda f: -len(values[f.key]))


def _cut(text: str, keep: int = KEEP_CHARS) -> str:
    return (text[:keep].rstrip() + "……" + CONTINUED) if keep else "全文见续页"


def _split_sheet(definition: FormDef, values, signoffs, number: str, room_mm: float, frame_mm: float,
                 base_size: float, known: dict[str, Any]) -> list:
    """When even base − 1 pt does not hold it: without continuation, the fields on the first page(s) and the
    whole sign-off chain on a page of its own, 编号 and 文件标题 heading each part."""
    head = _grid(definition, values, signoffs, number, base_size, frame_mm, header=True, known=known)
    at, n = head._gw_sign
    p = definition.print
    widths = [p.section_width, p.label_width, p.value_width, p.label_width, p.value_width]
    first = Table(head.rows[:at], widths, header_rows=1, font_size_pt=base_size, min_row_height_mm=6.5)
    second = Table([head.rows[0]] + head.rows[at:], widths, header_rows=1, font_size_pt=base_size,
                   min_row_height_mm=6.5)
    second._gw_sign = (1, n)
    second = _with_room(second, definition, values, signoffs, frame_mm,
                        _writing_room(definition, values, signoffs, room_mm / 3))
    return [first, PageBreak(), second]


def _continuation(definition: FormDef, moved: list[tuple[Field, str]], number: str, title: str,
                  size: float, frame_mm: float, page_room_mm: float) -> list[list]:
    """The 续页: the moved texts in full, as many pages as they need, each page's blocks in a list."""
    label_w, text_w = 1.6, 8.3
    text_mm = frame_mm * text_w / (label_w + text_w)
    per_line = max(1, int((text_mm - 2.2) / (size * PT_MM)))
    lines_per_page = max(4, int((page_room_mm - 16) / (size * LEADING * PT_MM)) - 2)
    pieces: list[tuple[str, str]] = []  # (label, text) in page-sized pieces
    for f, text in moved:
        label = f.print_label or f.label
        chunk = lines_per_page * per_line
        for i in range(0, len(text), chunk):
            pieces.append((label if i == 0 else f"{label}（续）", text[i:i + chunk]))
    pages: list[list] = []
    used = lines_per_page  # start a new page at once
    for label, text in pieces:
        need = _para_lines(text, text_mm, size) + 1
        if used + need > lines_per_page:
            pages.append([])
            used = 0
        pages[-1].append([Cell(label, align="center", shade=True), Cell(text, align="left")])
        used += need
    out = []
    for rows in pages:
        out.append([Table(rows, widths=[label_w, text_w], font_size_pt=size, min_row_height_mm=8)])
    return out


def _document(definition: FormDef, profile, values, signoffs, number: str, today: dt.date | None) -> Document:
    p = definition.print
    today = today or dt.date.today()
    unit = _unit_name(profile)
    title = p.title.format(unit=unit, name=definition.name).strip()
    subs = {"number": number or "\u3000" * 6, "print_date": f"{today.year}年{today.month}月{today.day}日",
            "unit": unit}
    page = PageSetup.form()
    page.top_mm, page.bottom_mm = TOP_MM, BOTTOM_MM
    page.footer_left = p.footer_left.format(**subs)
    page.footer_right = p.footer_right.format(**subs)
    doc = Document(page=page, title=f"{title} {number}".strip(), author=unit)
    doc.add(Para(title, first_indent=False, align="center", font="xbs", size_pt=TITLE_PT), Spacer(TITLE_GAP_MM))
    page_mm = page.height_mm - page.top_mm - page.bottom_mm
    room = page_mm - TITLE_AND_NOTE_MM
    known = facts(definition, values or {}, unit_context(profile))
    frame = page.frame_width_mm
    base = p.font_size_pt
    table = _fit(definition, values, signoffs, number, room, frame, base, known)
    continuation: list[list] = []
    if table is None and values is not None:
        # the form's own texts go on to a 续页; the sheet keeps the start of each and the whole sign-off chain
        short = dict(values)
        moved: list[tuple[Field, str]] = []
        for f in _long_texts(definition, values):
            moved.append((f, values[f.key]))
            for keep in (KEEP_CHARS, KEEP_CHARS // 3, 0):  # the start of the text stays while there is room
                short[f.key] = _cut(values[f.key], keep)
                table = _fit(definition, short, signoffs, number, room - NOTE_LINE_MM, frame, base, known)
                if table is not None:
                    break
            if table is not None:
                break
        if table is None:  # then the reasons' 条例 sentences: the sheet keeps which grounds and which law
            short[BRIEF_REASONS] = True
            for f in definition.fields:
                if f.options_from in REASON_SOURCES and not _skip(definition, f, values, known):
                    chosen = _chosen_reasons(definition, f, values)
                    if chosen:
                        moved.append((f, "".join(f"{head}{text}" for _r, head, _b, text in chosen)))
            table = _fit(definition, short, signoffs, number, room - NOTE_LINE_MM, frame, base, known)
        if table is not None:
            heading = str(values.get("title") or "")
            continuation = _continuation(definition, moved, number, heading, base - 1, frame, page_mm)
    if table is None:
        doc.add(*_split_sheet(definition, values, signoffs, number, room, frame, base, known))
    else:
        doc.add(table)
    total = 1 + len(continuation)
    note = p.note
    if continuation:
        note = f"{note}（本单第1页，共{total}页，续页附后）" if note else f"本单第1页，共{total}页，续页附后。"
    if note:
        doc.add(Para(note, style="note", first_indent=False, align="left"))
    heading = "" if values is None else str(values.get("title") or "")
    for i, blocks in enumerate(continuation, start=2):
        doc.add(PageBreak())
        doc.add(Para(f"续页：第{i}页，共{total}页", first_indent=False, align="center", bold=True))
        doc.add(Para(f"编号：{number or chr(0x3000) * 6}\u3000\u3000文件标题：{heading}", first_indent=False,
                     align="left"))
        doc.add(*blocks)
    return doc
