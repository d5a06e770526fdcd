"""A ruled table laid out and drawn directly, as reportlab's Table would; reportlab's own takes over to split it.

reportlab's Table spends most of a batch of forms in generic bookkeeping (list lookups per cell, every
cell measured three times). gwdesk's tables are simpler: fixed column widths, cells that are lists of
flowables (or "" under a span), one padding, a full grid. Grid measures each cell once with the same
rules as reportlab (spans, span heights spread over their rows, the empty-string height) and draws the
same backgrounds, cells and lines. When a table does not fit where it is put, `split` hands over to the
equivalent reportlab Table, so page breaks and repeated header rows stay reportlab's.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table
from reportlab.platypus.tables import spanFixDim

Span = tuple[int, int, int, int]  # first column, first row, last column, last row


class Grid(Flowable):
    def __init__(self, data: list[list], col_widths: list[float], spans: list[Span],
                 backgrounds: list[tuple[Span, object]], valigns: list[list[str]],
                 pads: tuple[float, float, float, float], grid_pt: float, fallback: Callable[[], Table],
                 font: tuple[str, float, float]):
        super().__init__()
        self.data, self.col_widths, self.spans, self.backgrounds = data, col_widths, spans, backgrounds
        self.valigns, self.pads, self.grid_pt = valigns, pads, grid_pt
        self.fallback, self.font = fallback, font  # font: the cells' (name, size, leading)
        self.hAlign = "CENTER"
        self.nrows, self.ncols = len(data), len(col_widths)
        self.colpos = [0.0]
        for w in col_widths:
            self.colpos.append(self.colpos[-1] + w)
        self.width = self.colpos[-1]
        self.top_left: dict[tuple[int, int], Span] = {}
        self.hidden: set[tuple[int, int]] = set()
        self.row_spanned: set[tuple[int, int]] = set()
        self.owner: dict[tuple[int, int], tuple[int, int]] = {}  # covered cell → its span's first cell
        for span in spans:
            c0, r0, c1, r1 = span
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self.hidden.add((r, c))
                    self.owner[(r, c)] = (r0, c0)
                    if r1 != r0:
                        self.row_spanned.add((r, c))
            self.hidden.discard((r0, c0))
            self.top_left[(r0, c0)] = span
        self.row_heights: list[float] | None = None
        # each cell's flowable sizes and content height; gwdesk's flowables size by width alone, so drawing
        # reuses them where reportlab would measure every cell again with its row's height
        self.measured: dict[tuple[int, int], tuple[list[tuple[float, float]], float]] = {}

    # ---- measuring --------------------------------------------------------------------------------

    def _cell_content(self, cell: list, width: float, avail_h: float) -> tuple[list[tuple[float, float]], float]:
        """Each flowable's size and the cell content's height (reportlab's _listCellGeom)."""
        top, left, right, bottom = self.pads
        aw, ah = width - left - right, avail_h - top - bottom
        sizes, total, first_before, after = [], 0.0, None, 0.0
        canv = getattr(self, "canv", None)
        for f in cell:
            w, h = f.wrapOn(canv, aw, ah)
            before, after = f.getSpaceBefore(), f.getSpaceAfter()
            sizes.append((w, h))
            total += h + after + before
            if first_before is None:
                first_before = before
        return sizes, (total - first_before - after) if cell else 0.0

    def _cell_width(self, r: int, c: int) -> float:
        span = self.top_left.get((r, c))
        c1 = span[2] if span else c
        return self.colpos[c1 + 1] - self.colpos[c]

    def _measure(self) -> list[float]:
        top, _, _, bottom = self.pads
        heights: list[float] = []
        tall_spans: dict[tuple[int, int], float] = {}
        for r, row in enumerate(self.data):
            h = 0.0
            for c, cell in enumerate(row):
                if (r, c) in self.hidden and ((r, c) in self.row_spanned or not isinstance(cell, str)):
                    continue
                if isinstance(cell, str):  # reportlab sizes a plain string cell, even one under a span
                    t = self.font[2] * len(cell.split("\n"))
                else:
                    self.measured[(r, c)] = _sizes, t = self._cell_content(cell, self._cell_width(r, c), 72000)
                t += top + bottom
                span = self.top_left.get((r, c))
                if span and span[1] != span[3]:
                    key = (span[1], span[3])
                    tall_spans[key] = max(tall_spans.get(key, t), t)
                    t = 0.0
                h = max(h, t)
            heights.append(h)
        if tall_spans:
            spanFixDim([None] * len(heights), heights, tall_spans)
        return heights

    def wrap(self, availWidth, availHeight):
        if self.row_heights is None:
            self.row_heights = self._measure()
            # row tops measured from the table's bottom, summed as reportlab does (compensated)
            pos, height, comp = [], 0.0, 0.0
            for h in reversed(self.row_heights):
                pos.append(height)
                y = h - comp
                t = height + y
                comp = (t - height) - y
                height = t
            pos.append(height)
            pos.reverse()
            self.rowpos, self.height = pos, height
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return self.fallback().split(availWidth, availHeight)

    # ---- drawing ----------------------------------------------------------------------------------

    def _rect(self, c0: int, r0: int, c1: int, r1: int) -> tuple[float, float, float, float]:
        x, y = self.colpos[c0], self.rowpos[r1 + 1]
        return x, y, self.colpos[c1 + 1] - x, self.rowpos[r0] - y

    def draw(self):
        canv = self.canv
        canv.saveState()
        for (c0, r0, c1, r1), color in self.backgrounds:
            canv.setFillColor(color)
            canv.rect(*self._rect(c0, r0, c1, r1), stroke=0, fill=1)
        canv.setFillColor("black")
        canv.setFont(*self.font)
        top, left, _, bottom = self.pads
        for r, row in enumerate(self.data):
            for c, cell in enumerate(row):
                if (r, c) in self.hidden or isinstance(cell, str):
                    continue  # gwdesk never puts text in a plain string cell: those are the covered ones
                c0, r0, c1, r1 = self.top_left.get((r, c), (c, r, c, r))
                x, y0, _w, h = self._rect(c0, r0, c1, r1)
                sizes, inner = self.measured.get((r, c)) or self._cell_content(cell, self._cell_width(r, c), h)
                valign = self.valigns[r][c]
                if valign == "TOP":
                    y = y0 + h - top
                elif valign == "BOTTOM":
                    y = y0 + bottom + inner
                else:
                    y = y0 + (h + bottom - top + inner) / 2.0
                if cell:
                    y += cell[0].getSpaceBefore()
                for f, (_fw, fh) in zip(cell, sizes):
                    y -= f.getSpaceBefore() + fh
                    f.drawOn(canv, x + left, y)
                    y -= f.getSpaceAfter()
        self._draw_lines()
        canv.restoreState()

    def _draw_lines(self) -> None:
        """The full grid: every row and column boundary, broken where a span covers it."""
        canv = self.canv
        canv.saveState()
        canv.setLineCap(1)
        canv.setLineJoin(1)
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(self.grid_pt)
        # a boundary between rows r-1 and r at column c is covered when one span holds both cells
        for r in range(self.nrows + 1):
            inner = 0 < r < self.nrows
            covered = [inner and self._joined((r - 1, c), (r, c)) for c in range(self.ncols)]
            for x0, x1 in self._runs(covered):
                canv.line(self.colpos[x0], self.rowpos[r], self.colpos[x1], self.rowpos[r])
        for c in range(self.ncols + 1):
            inner = 0 < c < self.ncols
            covered = [inner and self._joined((r, c - 1), (r, c)) for r in range(self.nrows)]
            for y0, y1 in self._runs(covered):
                canv.line(self.colpos[c], self.rowpos[y0], self.colpos[c], self.rowpos[y1])
        canv.restoreState()

    @staticmethod
    def _runs(covered: list[bool]) -> list[tuple[int, int]]:
        """The stretches of a boundary that no span covers, as (first, past-last) indexes."""
        n = len(covered)
        out, start = [], None
        for i in range(n):
            if covered[i]:
                if start is not None:
                    out.append((start, i))
                    start = None
            elif start is None:
                start = i
        if start is not None:
            out.append((start, n))
        return out

    def _joined(self, a: tuple[int, int], b: tuple[int, int]) -> bool:
        return self.owner.get(a, a) == self.owner.get(b, b)
