"""Fill back a Word list: every table, paragraph, merge, width and font is kept; the unit's progress goes into its
完成情况 column (the first cell of a vertically merged one), or a column added at the right of each of the list's
tables, drawn like the column left of it (the table narrowed in proportion only when it would run past the page's
margins)."""

from __future__ import annotations

import copy

from gwdesk.core.tasks.parsed import squash
from gwdesk.io.fillback.locate import Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
ADDED_SHARE = 6  # the added column takes at least a sixth of the text width


def body_tables(document) -> list:
    """The document's tables in order (those directly in the body, as the reader reads them)."""
    return [el for el in document.element.body if el.tag == W + "tbl"]


def _span(tc) -> int:
    pr = tc.find(W + "tcPr")
    gs = pr.find(W + "gridSpan") if pr is not None else None
    try:
        return max(1, int(gs.get(W + "val"))) if gs is not None else 1
    except (TypeError, ValueError):
        return 1


def vmerge(tc) -> str | None:
    pr = tc.find(W + "tcPr")
    vm = pr.find(W + "vMerge") if pr is not None else None
    return None if vm is None else (vm.get(W + "val") or "continue")


def grid_cells(tr) -> list:
    """The tc covering each grid column of a row (a cell spanning columns repeated)."""
    out = []
    for tc in tr.findall(W + "tc"):
        out.extend([tc] * _span(tc))
    return out


def cell_text(tc) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in tc.findall(W + "p"))


def table(tbl, index: int) -> Table:
    rows, spans = [], []
    above: dict[int, str] = {}  # grid column → text of the cell a vertical merge started with
    for tr in tbl.findall(W + "tr"):
        line, sp = [], []
        for c, tc in enumerate(grid_cells(tr)):
            if vmerge(tc) == "continue":
                text = above.get(c, "")
            else:
                text = squash(cell_text(tc))
                above[c] = text
            line.append(text)
            sp.append(_span(tc))
        rows.append(line)
        spans.append(sp)
    return Table(index, rows, list(range(1, len(rows) + 1)), spans)


def target_cell(tbl, ri: int, col: int):
    """The tc to write for row `ri`, grid column `col`: the first cell of a vertical merge."""
    trs = tbl.findall(W + "tr")
    cells = grid_cells(trs[ri])
    if col >= len(cells):
        return None
    tc = cells[col]
    while vmerge(tc) == "continue" and ri > 0:
        ri -= 1
        above = grid_cells(trs[ri])
        if col >= len(above):
            return None
        tc = above[col]
    return tc


def _run_pr(tc, like):
    """Run properties to write with: the cell's own first run, else its paragraph mark's, else `like`'s run."""
    for src in (tc, like):
        if src is None:
            continue
        rp = src.find(f".//{W}r/{W}rPr")
        if rp is not None:
            return rp
        mark = src.find(f"{W}p/{W}pPr/{W}rPr")
        if mark is not None:
            return mark
    return None


def set_text(tc, text: str, like=None) -> None:
    """The cell's text replaced by `text`, a paragraph a line, keeping the first paragraph's layout and the font
    the cell (or `like`, the cell beside it) already has."""
    from docx.oxml import OxmlElement
    paras = tc.findall(W + "p")
    first = paras[0] if paras else None
    ppr = first.find(W + "pPr") if first is not None else None
    rpr = _run_pr(tc, like)
    rpr = copy.deepcopy(rpr) if rpr is not None else None
    if rpr is not None:
        rpr.tag = W + "rPr"
    ppr = copy.deepcopy(ppr) if ppr is not None else None
    for p in paras:
        tc.remove(p)
    for line in text.split("\n"):
        p = OxmlElement("w:p")
        if ppr is not None:
            p.append(copy.deepcopy(ppr))
        r = OxmlElement("w:r")
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        t = OxmlElement("w:t")
        t.set(XML_SPACE, "preserve")
        t.text = line
        r.append(t)
        p.append(r)
        tc.append(p)


def _twips(el, attr: str = "w") -> int:
    try:
        return int(float(el.get(W + attr) or 0))
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
        pr.insert(1 if pr.find(W + "cnfStyle") is not None else 0, w)  # the schema's order: cnfStyle, tcW, …
    w.set(W + "w", str(width))
    w.set(W + "type", "dxa")


def _text_width(document) -> int:
    sect = document.sections[-1]
    try:
        return int((sect.page_width - sect.left_margin - sect.right_margin) / 635)  # EMU → twips
    except TypeError:
        return 9000


def _widen(document, tbl) -> int:
    """A grid column added at the right; when the table would then run past the margins, every column is narrowed
    in proportion. Returns the new column's width (twips)."""
    from docx.oxml import OxmlElement
    grid = tbl.find(W + "tblGrid")
    if grid is None:
        grid = OxmlElement("w:tblGrid")
        tbl.insert(1, grid)
    cols = grid.findall(W + "gridCol")
    text_width = _text_width(document)
    total = sum(_twips(c) for c in cols)
    width = max(_twips(cols[-1]) if cols else 0, text_width // ADDED_SHARE)
    new = OxmlElement("w:gridCol")
    new.set(W + "w", str(width))
    grid.append(new)
    if total and total + width > text_width:
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


def add_column(document, tbl, band: list[int], header: str, repeats: tuple[int, ...] = ()) -> int:
    """A column added at the table's right: each row gets a cell shaped like its last one; a row that is one cell
    across the table (a title or category line) is widened instead; the header cell spans the header rows.
    Returns the new grid column."""
    from docx.oxml import OxmlElement
    trs = tbl.findall(W + "tr")
    ncols = max((len(grid_cells(tr)) for tr in trs), default=0)
    width = _widen(document, tbl)
    for ri, tr in enumerate(trs):
        tcs = tr.findall(W + "tc")
        if not tcs:
            continue
        last = tcs[-1]
        if len(tcs) == 1 and _span(last) == ncols and ncols > 1 and ri not in band:
            pr = last.find(W + "tcPr")
            pr.find(W + "gridSpan").set(W + "val", str(ncols + 1))
            w = pr.find(W + "tcW")
            if w is not None and w.get(W + "type") in (None, "dxa"):
                w.set(W + "w", str(_twips(w) + width))
            continue
        tc = OxmlElement("w:tc")
        pr = last.find(W + "tcPr")
        if pr is not None:
            pr = copy.deepcopy(pr)
            for drop in (W + "gridSpan", W + "vMerge"):
                for el in pr.findall(drop):
                    pr.remove(el)
            tc.append(pr)
        _set_width(tc, width)
        p = OxmlElement("w:p")
        ppr = last.find(f"{W}p/{W}pPr")
        if ppr is not None:
            p.append(copy.deepcopy(ppr))
        tc.append(p)
        tr.append(tc)
        if band and ri in band and len(band) > 1:
            vm = OxmlElement("w:vMerge")
            if ri == band[0]:
                vm.set(W + "val", "restart")
            pr = tc.find(W + "tcPr")
            pr.insert(list(pr).index(pr.find(W + "tcW")) + 1, vm)  # the schema's order: tcW, gridSpan, vMerge…
        if (band and ri == band[0]) or ri in repeats:  # the header, and where a page repeats it
            set_text(tc, header, like=last)
    return ncols
