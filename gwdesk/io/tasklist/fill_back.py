"""Report back in the office's own table: a copy of the list exactly as the office sent it (xlsx or docx: its title,
columns, merges, widths and fonts untouched) with this unit's progress written into its 完成情况 column — the
office's own one where it has it (完成情况 / 落实情况 / 进展情况 …), otherwise a column added as the last one.

    report = fill_back(source, out, items)      # items: core.tasks.export.fill_back_items(list_id, …)

Rows are found by their own text (the 工作任务 / 主要内容 the list was imported with), so a list whose rows were moved
or retyped since is never written into the wrong row: a row not found is named in `report.missing`.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from gwdesk.core.tasks.parsed import squash
from gwdesk.core.tasks.vocabulary import PROGRESS_HEADERS
from gwdesk.errors import GwdeskError, os_error_text
from gwdesk.io import tasklist
from gwdesk.io.tasklist import paragraphs, sniff

ADDED_HEADER = "完成情况"


@dataclass
class FillReport:
    out: Path
    column: str  # the header of the column written into
    added: bool  # the column was added as the last one
    filled: int = 0
    missing: list[str] = field(default_factory=list)  # rows of the unit's list not found in the file


def _key(task: str, measure: str) -> tuple[str, str]:
    return squash(task), squash(measure)


def _progress_column(parsed) -> tuple[int | None, str]:
    for g in parsed.guesses:
        h = squash(g.header)
        if h and any(w in h for w in PROGRESS_HEADERS):
            return g.column, g.header
    return None, ADDED_HEADER


def _targets(parsed, items) -> tuple[dict[int, list[str]], list]:
    """source row → the texts to write there (tasks sharing a row are joined), and the items not found."""
    by_key: dict[tuple[str, str], list] = {}
    for t in parsed.tasks:
        by_key.setdefault(_key(t.task, t.measure), []).append(t)
    rows: dict[int, list[str]] = {}
    missing = []
    for it in items:
        found = by_key.get(_key(it.task, it.measure))
        if not found:
            missing.append(it)
            continue
        t = next((x for x in found if x.row == it.source_row), found[0])
        rows.setdefault(t.row, []).append(it.text)
    return rows, missing


def fill_back(source: Path, out: Path, items, *, sheet: str | None = None) -> FillReport:
    """Write `items` (FillBackItem: task, measure, source_row, text) into a copy of `source` at `out`."""
    source, out = Path(source), Path(out)
    if out.resolve() == source.resolve():
        raise GwdeskError("请另存为一个新文件，不要覆盖下发单位的原表")
    kind = sniff.kind(source)
    if out.suffix.lower() != f".{kind}":
        raise GwdeskError(f"原表是 .{kind} 文件，填报后的文件也应保存为 .{kind}")
    parsed = tasklist.read(source, sheet)
    if parsed.sheet == paragraphs.NAME:
        raise sniff.reject(source, "这份清单是正文段落，没有表格可以填写完成情况")
    if parsed.header_row is None:
        raise sniff.reject(source, "找不到表头，无法确定在哪一列填写完成情况", sheet=parsed.sheet)
    column, header = _progress_column(parsed)
    rows, missing = _targets(parsed, items)
    tmp = out.with_name(f".{out.stem}.part{out.suffix}")  # the copy is written whole, then put in place
    try:
        shutil.copyfile(source, tmp)
        if kind == "xlsx":
            filled = _fill_xlsx(tmp, parsed, column, rows)
        else:
            filled = _fill_docx(tmp, parsed, column, rows)
        tmp.replace(out)
    except GwdeskError:
        raise
    except OSError as e:
        raise GwdeskError(f"无法保存“{out}”：{os_error_text(e)}") from None
    except Exception as e:  # openpyxl / python-docx on a file they read but cannot write back
        raise sniff.reject(source, f"无法在原表上填写（{type(e).__name__}）") from None
    finally:
        tmp.unlink(missing_ok=True)
    labels = [(it.task or it.measure)[:24] for it in missing]
    return FillReport(out, header, column is None, filled, labels)


# ---- xlsx ----------------------------------------------------------------------------------------------------
def _fill_xlsx(path: Path, parsed, column: int | None, rows: dict[int, list[str]]) -> int:
    import openpyxl
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    wb = openpyxl.load_workbook(path)
    ws = wb[parsed.sheet]
    head = parsed.header_row + 1  # grid rows are sheet rows from 1
    if column is None:
        col = len(parsed.columns) + 1
        left = col - 1
        depth = 2 if parsed.tasks and parsed.tasks[0].row > head + 1 and _two_row_header(ws, head, left) else 1
        last = max(max(rows, default=head), max((t.row for t in parsed.tasks), default=head))
        for r in range(head, last + 1):  # the new column drawn like the one left of it, top to bottom
            _copy_style(ws.cell(r, left), ws.cell(r, col))
        ws.cell(head, col).value = ADDED_HEADER
        if depth == 2:
            ws.merge_cells(start_row=head, start_column=col, end_row=head + 1, end_column=col)
        width = ws.column_dimensions[get_column_letter(left)].width
        ws.column_dimensions[get_column_letter(col)].width = max(width or 0, 30)
    else:
        col = column + 1
    filled = 0
    chars = max(4, int((ws.column_dimensions[get_column_letter(col)].width or 8.43) / 2))  # 汉字 a line holds
    for r, texts in rows.items():
        cell = _top_left(ws, r, col)
        cell.value = "\n".join(texts)
        al = copy.copy(cell.alignment) if cell.has_style else Alignment()
        cell.alignment = Alignment(horizontal=al.horizontal, vertical=al.vertical or "center", wrap_text=True)
        if cell.row == r and not _merged_down(ws, r, col):
            # the row grows to show what was written (prints whole); a taller row is left as it is
            lines = sum(max(1, -(-len(line) // chars)) for line in cell.value.split("\n"))
            height = ws.row_dimensions[r].height
            if height is None or height < lines * 14.5:
                ws.row_dimensions[r].height = lines * 14.5
        filled += 1
    wb.save(path)
    return filled


def _two_row_header(ws, head: int, col: int) -> bool:
    return any(rng.min_row == head and rng.max_row >= head + 1 for rng in ws.merged_cells.ranges
               if rng.min_col <= col <= rng.max_col)


def _merged_down(ws, r: int, c: int) -> bool:
    return any(rng.min_row <= r <= rng.max_row and rng.min_col <= c <= rng.max_col and rng.max_row > rng.min_row
               for rng in ws.merged_cells.ranges)


def _top_left(ws, r: int, c: int):
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= r <= rng.max_row and rng.min_col <= c <= rng.max_col:
            return ws.cell(rng.min_row, rng.min_col)
    return ws.cell(r, c)


def _copy_style(src, dst) -> None:
    if src.has_style:
        dst.font = copy.copy(src.font)
        dst.border = copy.copy(src.border)
        dst.fill = copy.copy(src.fill)
        dst.alignment = copy.copy(src.alignment)
        dst.number_format = src.number_format


# ---- docx ----------------------------------------------------------------------------------------------------
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _grid_cells(tr) -> list:
    """The tc covering each grid column of a row (a cell spanning columns repeated)."""
    out = []
    for tc in tr.findall(W + "tc"):
        pr = tc.find(W + "tcPr")
        span = 1
        if pr is not None and pr.find(W + "gridSpan") is not None:
            span = int(pr.find(W + "gridSpan").get(W + "val", "1") or 1)
        out.extend([tc] * span)
    return out


def _tc_text(tc) -> str:
    return squash("".join(t.text or "" for t in tc.iter(W + "t")))


def _vmerge(tc) -> str | None:
    pr = tc.find(W + "tcPr")
    vm = pr.find(W + "vMerge") if pr is not None else None
    return None if vm is None else vm.get(W + "val", "continue")


def _set_text(tc, text: str, like=None) -> None:
    """The cell's text replaced by `text` (lines as line breaks), in the font of `like`'s first run if any."""
    from docx.oxml import OxmlElement
    paras = tc.findall(W + "p")
    p = paras[0] if paras else OxmlElement("w:p")
    if not paras:
        tc.append(p)
    for extra in paras[1:]:
        tc.remove(extra)
    for child in list(p):
        if child.tag != W + "pPr":
            p.remove(child)
    run_pr = None
    for src in ([like] if like is not None else []) + [tc]:
        rp = src.find(f".//{W}r/{W}rPr")
        if rp is not None:
            run_pr = rp
            break
    r = OxmlElement("w:r")
    if run_pr is not None:
        r.append(copy.deepcopy(run_pr))
    for i, line in enumerate(text.split("\n")):
        if i:
            r.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line
        r.append(t)
    p.append(r)


def _fill_docx(path: Path, parsed, column: int | None, rows: dict[int, list[str]]) -> int:
    import docx
    from docx.oxml import OxmlElement

    wanted = {}  # squashed task text of a parsed row → its texts
    for t in parsed.tasks:
        if t.row in rows:
            wanted.setdefault(_key(t.task, t.measure), rows[t.row])
    document = docx.Document(str(path))
    header_texts = {squash(h) for h in parsed.columns if h}
    filled = 0
    for tbl in document.element.body.iter(W + "tbl"):
        trs = tbl.findall(W + "tr")
        is_list = False
        for tr in trs:
            cells = {_tc_text(tc) for tc in _grid_cells(tr)}
            if len(cells & header_texts) >= 2 or any(_row_matches(cells, k) for k in wanted):
                is_list = True
                break
        if not is_list:
            continue
        if column is None:
            width = _widen(document, tbl)
            for tr in trs:
                last = tr.findall(W + "tc")[-1]
                tc = OxmlElement("w:tc")
                pr = last.find(W + "tcPr")
                if pr is not None:
                    pr = copy.deepcopy(pr)
                    for drop in (W + "gridSpan", W + "vMerge"):
                        for el in pr.findall(drop):
                            pr.remove(el)
                    tc.append(pr)
                _set_width(tc, width)
                tc.append(OxmlElement("w:p"))
                tr.append(tc)
            col = len(_grid_cells(trs[0])) - 1
        else:
            col = column
        header_done = column is not None
        for i, tr in enumerate(trs):
            cells = _grid_cells(tr)
            if col >= len(cells):
                continue
            texts = {_tc_text(tc) for tc in cells}
            if not header_done and len(texts & header_texts) >= 2:
                _set_text(cells[col], ADDED_HEADER, like=cells[col - 1] if col else None)
                header_done = True
                continue
            key = next((k for k in wanted if _row_matches(texts, k)), None)
            if key is None:
                continue
            target = cells[col]
            j = i
            while _vmerge(target) == "continue" and j > 0:  # a cell merged down: write into its first row
                j -= 1
                target = _grid_cells(trs[j])[col]
            _set_text(target, "\n".join(wanted.pop(key)), like=cells[col - 1] if col else None)
            filled += 1
    document.save(str(path))
    return filled


def _twips(el, attr: str = "w") -> int:
    try:
        return int(el.get(W + attr) or 0)
    except (TypeError, ValueError):
        return 0


def _set_width(tc, width: int) -> None:
    from docx.oxml import OxmlElement
    pr = tc.find(W + "tcPr")
    if pr is None:
        pr = OxmlElement("w:tcPr")
        tc.insert(0, pr)
    w = pr.find(W + "tcW")
    if w is None:
        w = OxmlElement("w:tcW")
        pr.insert(0, w)
    w.set(W + "w", str(width))
    w.set(W + "type", "dxa")


def _widen(document, tbl) -> int:
    """A grid column added for 完成情况 (a fifth of the text width at least); when the table would then run past the
    page's margins, every column is narrowed in proportion so the table still prints within the page. Returns the
    new column's width (twips)."""
    from docx.oxml import OxmlElement
    grid = tbl.find(W + "tblGrid")
    if grid is None:
        grid = OxmlElement("w:tblGrid")
        tbl.insert(1, grid)
    cols = grid.findall(W + "gridCol")
    sect = document.sections[-1]
    text_width = int((sect.page_width - sect.left_margin - sect.right_margin) / 635) if sect.page_width else 9000
    total = sum(_twips(c) for c in cols)
    width = max(_twips(cols[-1]) if cols else 0, text_width // 5)
    new = OxmlElement("w:gridCol")
    new.set(W + "w", str(width))
    grid.append(new)
    if total + width > text_width and total:
        scale = text_width / (total + width)
        for c in grid.findall(W + "gridCol"):
            c.set(W + "w", str(int(_twips(c) * scale)))
        for w in tbl.iter(W + "tcW"):
            if w.get(W + "type") in (None, "dxa"):
                w.set(W + "w", str(int(_twips(w) * scale)))
        width = int(width * scale)
        tbl_w = tbl.find(f"{W}tblPr/{W}tblW")
        if tbl_w is not None and tbl_w.get(W + "type") == "dxa":
            tbl_w.set(W + "w", str(text_width))
    return width


def _row_matches(cells: set[str], key: tuple[str, str]) -> bool:
    """A table row is the task's when a cell holds its text (“1.” or “（一）” before it stays in the cell)."""
    task, measure = key
    text = measure or task
    return bool(text) and any(c.endswith(text) for c in cells) and (
        not task or not measure or any(task in c for c in cells))
