"""任务落实情况汇总报告: the office's report on every unit's progress, in the same 公文 layout as a unit's own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gwdesk.core.office.rollup import OVERDUE, OfficeRollup
from gwdesk.render.model import Cell, Document, Heading, PageSetup, Para, Table, Title

CN_NUM = "一二三四五六七八九十"
STATES = ("已完成", "推进中", "未启动", OVERDUE, "不适用")


def _cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _pct(n: int, d: int) -> str:
    return f"{n / d:.0%}" if d else "—"


def _head(*names: str) -> list[Cell]:
    return [Cell(h, align="center", bold=True, shade=True) for h in names]


def _n(v) -> Cell:
    return Cell(str(v), align="center")


def build(r: OfficeRollup, *, office: str) -> Document:
    title = r.identity.title or f"{r.identity.issuer}{r.identity.year}年政务公开任务清单"
    cells = [(u, pos, c) for u in r.units for pos, c in u.cells.items()]
    counts = {s: sum(1 for _, _, c in cells if c.status == s) for s in STATES}
    applicable = len(cells) - counts["不适用"]
    doc = Document(title=f"{title}落实情况汇总报告", author=office)
    doc.add(Title(f"《{title}》落实情况汇总报告", subtitle=f"（截至{_cn(r.today)}）"))
    late = f"，其中逾期报送{len(r.late)}个" if r.late else ""
    refused = len(r.refused())
    doc.add(Para(f"《{title}》共{len(r.rows)}项任务。截至{_cn(r.today)}，收到{len(r.units)}个单位的落实情况报送{late}；"
                 + (f"清单中点名的单位有{len(r.missing)}个尚未报送；" if r.missing else "清单中点名的单位均已报送；")
                 + (f"另有{refused}个文件因清单不符或文件损坏未予汇总。" if refused else "")
                 + "现将落实情况汇总报告如下。"))

    doc.add(Heading("一、总体情况", 1))
    doc.add(Para(f"各单位报送承担任务共{len(cells)}项次，已完成{counts['已完成']}项次，推进中{counts['推进中']}项次，"
                 f"未启动{counts['未启动']}项次，逾期未完成{counts[OVERDUE]}项次，不适用{counts['不适用']}项次，"
                 f"完成率{_pct(counts['已完成'], applicable)}。"))
    by_cat: dict[str, list[str]] = {}
    cat_of = {row.position: row.category or "其他" for row in r.rows}
    for _, pos, c in cells:
        by_cat.setdefault(cat_of.get(pos, "其他"), []).append(c.status)
    body = [[Cell(cat)] + [_n(v) for v in (len(ss), ss.count("已完成"), ss.count("推进中"), ss.count("未启动"),
                                            ss.count(OVERDUE), _pct(ss.count("已完成"), len(ss) - ss.count("不适用")))]
            for cat, ss in by_cat.items()]
    if body:
        doc.add(Table([_head("类别", "项次", "已完成", "推进中", "未启动", "逾期", "完成率")] + body,
                      widths=[7, 1.5, 1.5, 1.5, 1.5, 1.5, 1.6], header_rows=1, font_size_pt=10.5))

    doc.add(Heading("二、各单位落实情况", 1))
    body = [[Cell(u.name), _n(len(u.cells)), _n(u.lead), _n(u.count("已完成")), _n(u.count("推进中") + u.count("未启动")),
             _n(u.count(OVERDUE)), _n("—" if u.rate is None else f"{u.rate:.0%}"),
             _n(f"逾期{u.days_late}天" if u.days_late else _cn(u.as_of))] for u in r.units]
    if body:
        doc.add(Table([_head("单位", "承担", "牵头", "已完成", "未完成", "逾期", "完成率", "报送")] + body,
                      widths=[4.6, 1.2, 1.2, 1.4, 1.4, 1.2, 1.4, 3.8], header_rows=1, font_size_pt=10.5))
    else:
        doc.add(Para("本次未收到可汇总的报送。"))

    doc.add(Heading("三、存在的问题", 1))
    problems = []
    overdue_rows = {}
    for u, pos, c in cells:
        if c.status == OVERDUE:
            overdue_rows.setdefault(pos, []).append(u.name)
    if overdue_rows:
        rows = {row.position: row for row in r.rows}
        items = "；".join(f"第{rows[p].seq}项“{rows[p].label}”（{'、'.join(names)}）"
                         for p, names in sorted(overdue_rows.items()) if p in rows)
        problems.append(f"部分任务超过完成时限仍未完成：{items}。")
    if r.missing:
        problems.append(f"{'、'.join(r.missing)}未按要求报送落实情况。")
    if r.late:
        problems.append(f"{'、'.join(u.name for u in r.late)}逾期报送。")
    if refused:
        problems.append(f"{refused}个报送文件因清单版本不符或文件损坏未能汇总，需相关单位重新报送。")
    for i, text in enumerate(problems or ["各单位均按时报送，未发现逾期未完成的任务。"]):
        doc.add(Para(f"（{CN_NUM[i]}）{text}" if problems else text))

    doc.add(Heading("四、下一步工作", 1))
    doc.add(Para("对逾期未完成的任务逐项督办，请责任单位说明原因、明确完成时间；对未报送和需重新报送的单位，"
                 "督促其尽快补报；将任务清单落实情况纳入政务公开年度考核，推动各项任务落地落实。"))
    doc.add(Para(office, style="right", align="right", first_indent=False))
    doc.add(Para(_cn(r.today), style="right", align="right", first_indent=False))
    doc.page = PageSetup(footer_left=f"{r.identity.issuer}{r.identity.year}年任务清单")
    return doc


def write(r: OfficeRollup, path: Path, *, office: str) -> Path:
    """Build and render by suffix (.docx / .pdf)."""
    doc = build(r, office=office)
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        from gwdesk.render.pdf import render_pdf
        return render_pdf(doc, path)
    from gwdesk.render.docx import render_docx
    return render_docx(doc, path)
