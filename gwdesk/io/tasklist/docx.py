"""Read the tables of a Word task list into grids (gridSpan / vMerge filled), with the text above each."""

from __future__ import annotations

from pathlib import Path

from gwdesk.core.tasks.parsed import squash
from gwdesk.io.tasklist.grid import Grid, build, clean
from gwdesk.io.tasklist.sniff import reject

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(el) -> str:
    paras = []
    for p in el.iter(W + "p"):
        parts = []
        for node in p.iter(W + "t", W + "br", W + "cr", W + "tab"):
            if node.tag == W + "t":
                parts.append(node.text or "")
            else:
                parts.append("\t" if node.tag == W + "tab" else "\n")
        paras.append("".join(parts))  # a line break (Shift+Enter) keeps the lines apart, as a paragraph does
    return "\n".join(paras)


MAX_SPAN = 63  # Word tables have at most 63 columns


class _Damaged(Exception):
    pass


def _span(raw: str) -> int:
    """A cell's gridSpan; anything but 1–63 means the file is damaged (a huge one would exhaust memory)."""
    try:
        span = int(raw)
    except (TypeError, ValueError):
        raise _Damaged(f"合并单元格的列数“{raw}”无效") from None
    if not 1 <= span <= MAX_SPAN:
        raise _Damaged(f"合并单元格的列数“{raw}”无效")
    return span


def _table_grid(tbl, lines_above: list[str], name: str) -> Grid:
    values: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []
    open_v: dict[int, list[int]] = {}  # column → [start row, end row, span] of a vertical merge
    for r, tr in enumerate(tbl.findall(W + "tr")):
        row: list[str] = []
        c = 0
        for tc in tr.findall(W + "tc"):
            pr = tc.find(W + "tcPr")
            span, vmerge = 1, None
            if pr is not None:
                gs = pr.find(W + "gridSpan")
                if gs is not None:
                    span = _span(gs.get(W + "val", "1"))
                vm = pr.find(W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(W + "val", "continue")
            text = "" if vmerge == "continue" else _text(tc)
            row.extend([text] + [""] * (span - 1))
            if vmerge == "continue" and c in open_v:
                open_v[c][1] = r
            else:
                if c in open_v:
                    s, e, sp = open_v.pop(c)
                    if e > s or sp > 1:
                        merges.append((s, c, e, c + sp - 1))
                if vmerge == "restart" or span > 1:
                    open_v[c] = [r, r, span]
            c += span
        values.append(row)
    for c, (s, e, sp) in open_v.items():
        if e > s or sp > 1:
            merges.append((s, c, e, c + sp - 1))
    return build(values, merges, list(range(1, len(values) + 1)), lines_above, name)


def _boxes(g: Grid, offset: int) -> list[tuple[int, int, int, int]]:
    boxes: dict[tuple[int, int], list[int]] = {}
    for r, line in enumerate(g.origins):
        for c, o in enumerate(line):
            b = boxes.setdefault(o, [r, c, r, c])
            b[2], b[3] = max(b[2], r), max(b[3], c)
    return [(b[0] + offset, b[1], b[2] + offset, b[3]) for b in boxes.values() if (b[0], b[1]) != (b[2], b[3])]


def _continues(first: Grid, g: Grid) -> bool:
    """A table that carries on the first one: same columns, and the same header (repeated on a new page or
    a table per category) or none at all."""
    from gwdesk.io.tasklist.header import find_header
    h0, h = find_header(first), find_header(g)
    if h0 is None:
        return False
    if h is None:  # as wide as drawn: its 完成情况/备注 column may be empty all the way down
        return g.width == first.width or g.ncols == first.ncols
    if g.ncols != first.ncols:
        return False
    return [squash(t) for t in g.rows[h]] == [squash(t) for t in first.rows[h0]]


def join_continued(grids: list[Grid]) -> list[Grid]:
    """Consecutive tables of one list become one grid; a short paragraph between them (“二、…”) becomes a
    section row across the table, so each table's rows get its category."""
    out: list[Grid] = []
    for g in grids:
        if out and _continues(out[-1], g):
            head = out[-1]
            values = [list(r) for r in head.rows]
            merges = _boxes(head, 0)
            numbers = list(head.row_numbers)
            between = head.between_tables
            for line in g.lines_above:
                if len(line) <= 60:
                    between += 1
                    values.append([line] + [""] * (head.ncols - 1))
                    merges.append((len(values) - 1, 0, len(values) - 1, head.ncols - 1))
                    numbers.append(numbers[-1])
            merges += _boxes(g, len(values))
            values += [list(r) for r in g.rows]
            numbers += g.row_numbers
            lines = dict(head.lines)
            lines.update({(r + len(values) - len(g.rows), c): v for (r, c), v in g.lines.items()})
            out[-1] = build(values, merges, numbers, head.lines_above, head.name)
            out[-1].lines = lines
            out[-1].width = max(head.width, g.width)
            out[-1].between_tables = between
        else:
            out.append(g)
    return out


def read_grids(path: Path) -> list[Grid]:
    """One grid per list: a table, or tables continued (per category, or split over pages with the header repeated);
    `lines_above` holds the paragraphs before it (title, 附件…)."""
    import docx
    try:
        document = docx.Document(str(path))
    except Exception as e:
        raise reject(path, f"文件已损坏或不是有效的 docx（{type(e).__name__}）") from None
    body = document.element.find(W + "body")
    if body is None:  # e.g. the main part's namespace is damaged: python-docx gives a bare element
        raise reject(path, "文件已损坏或不是有效的 docx（找不到正文）")
    grids, lines, every_line = [], [], []
    for child in body:
        if child.tag == W + "p":
            t = clean(_text(child))  # a title broken by Shift+Enter stays one line
            if t:
                lines.append(t)
                every_line.append(t)
        elif child.tag == W + "tbl":
            try:
                grids.append(_table_grid(child, lines[-6:], f"表格{len(grids) + 1}"))
            except _Damaged as e:
                raise reject(path, f"文件已损坏：表格{len(grids) + 1}中{e}") from None
            lines = []
    if not grids:  # a list written as paragraphs (“（一）…（牵头单位:…;责任单位:…）”)
        from gwdesk.io.tasklist.paragraphs import paragraph_grid
        g = paragraph_grid(every_line)
        return [g] if g else []
    return join_continued(grids)
