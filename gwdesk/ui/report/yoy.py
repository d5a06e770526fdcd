"""Year-over-year rows (every figure, last year beside this year) for the screen only."""

from __future__ import annotations

from dataclasses import dataclass

from gwdesk.core.annual_report import spec
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.render.layouts.annual_report import fmt_number


@dataclass
class YoyRow:
    table: str
    label: str
    before: str
    now: str
    delta: str


def _delta(a, b) -> str:
    if a is None or b is None:
        return ""
    d = b - a
    s = fmt_number(d) if d >= 0 else "-" + fmt_number(-d)
    return ("+" + s) if d > 0 else s


def yoy_rows(cur: ReportData, prev: ReportData | None) -> list[YoyRow]:
    def get(d, kind, row, col):
        if d is None:
            return None
        return {"2": d.t2, "3": d.t3, "4": d.t4}[kind](row, col)

    out = []
    for block in spec.TABLE2:
        for item in block.items:
            for f, lab in block.fields:
                a, b = get(prev, "2", item.key, f), get(cur, "2", item.key, f)
                out.append(YoyRow("表二", f"{item.label}·{lab}", fmt_number(a), fmt_number(b), _delta(a, b)))
    for r in spec.T3_ROWS:
        for c, col in enumerate(spec.T3_COLUMNS):
            a, b = get(prev, "3", r.id, c), get(cur, "3", r.id, c)
            lab = (f"{r.group}" if r.group else "") + f"{r.label}·{col}"
            out.append(YoyRow("表三", lab, fmt_number(a), fmt_number(b), _delta(a, b)))
    for g, glab in spec.T4_GROUPS:
        for c, leaf in enumerate(spec.T4_LEAVES):
            a, b = get(prev, "4", g, c), get(cur, "4", g, c)
            out.append(YoyRow("表四", f"{glab}·{leaf}", fmt_number(a), fmt_number(b), _delta(a, b)))
    return out
