"""任务完成情况报告 for a chosen period, built into the render model (DOCX and PDF from the same blocks)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gwdesk.core.tasks.export import LedgerRow, ledger_rows
from gwdesk.render.model import Cell, Document, Heading, PageSetup, Para, Table, Title
from gwdesk.store.tasks_models import TaskList

CN_NUM = "一二三四五六七八九十"


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _status_at(row: LedgerRow, end: dt.date) -> str:
    """Status as of the period's end: a task finished later was still 推进中 then."""
    t = row.task
    if t.status == "已完成" and t.done_on and t.done_on > end:
        return "推进中"
    if t.status in ("未启动", "推进中") and (t.due_override or t.due_date) and (t.due_override or t.due_date) < end:
        return "逾期"
    return t.status


def build(list_id: int, start: dt.date, end: dt.date, *, unit_name: str, today: dt.date) -> Document:
    tl = TaskList.get_by_id(list_id)
    rows = ledger_rows(list_id, today=today, notes_between=(start, end))
    statuses = [_status_at(r, end) for r in rows]
    n = len(rows)
    count = {s: statuses.count(s) for s in ("已完成", "推进中", "未启动", "不适用", "逾期")}
    roles = {r: sum(1 for x in rows if x.role == r) for r in ("牵头", "责任", "可能涉及")}
    list_title = tl.title or f"{tl.issuer}{tl.year}年政务公开任务清单"

    doc = Document(title=f"{unit_name}政务公开任务完成情况报告", author=unit_name)
    doc.add(Title(f"{unit_name}政务公开任务完成情况报告", subtitle=f"（{_cn_date(start)}至{_cn_date(end)}）"))
    role_text = "、".join(f"{k}{v}项" for k, v in roles.items() if v) or "无"
    doc.add(Para(f"根据{tl.issuer}印发的《{list_title}》，本单位对照清单逐项梳理，承担任务{n}项（{role_text}）。"
                 f"截至{_cn_date(end)}，已完成{count['已完成']}项，推进中{count['推进中']}项，"
                 f"未启动{count['未启动']}项，不适用{count['不适用']}项，逾期未完成{count['逾期']}项。"
                 f"现将有关情况报告如下。"))

    doc.add(Heading("一、总体完成情况", 1))
    cats: dict[str, list[str]] = {}
    for r, s in zip(rows, statuses):
        cats.setdefault(r.task.category or "（未分类）", []).append(s)
    head = [Cell(h, align="center", bold=True, shade=True) for h in ("类别", "任务数", "已完成", "推进中", "未启动", "逾期")]
    body = [[Cell(c, align="left")] + [Cell(str(v), align="center") for v in
             (len(ss), ss.count("已完成"), ss.count("推进中"), ss.count("未启动"), ss.count("逾期"))]
            for c, ss in cats.items()]
    body.append([Cell("合计", align="center", bold=True)] + [Cell(str(v), align="center", bold=True) for v in
                 (n, count["已完成"], count["推进中"], count["未启动"], count["逾期"])])
    doc.add(Table([head] + body, widths=[8, 1.6, 1.6, 1.6, 1.6, 1.6], header_rows=1, font_size_pt=10.5))

    doc.add(Heading("二、逐项推进落实情况", 1))
    head = [Cell(h, align="center", bold=True, shade=True)
            for h in ("序号", "工作任务", "完成时限", "状态", "推进落实情况", "佐证材料")]
    body = []
    for r, s in zip(rows, statuses):
        t = r.task
        what = t.task if t.task and t.task not in (t.measure or "") else ""
        task_text = (what + "：" if what else "") + (t.measure or "")
        progress = r.progress_text or ("—" if s != "已完成" else f"已于{_cn_date(t.done_on)}完成" if t.done_on else "已完成")
        if s == "已完成" and t.done_on and t.done_on <= end and r.progress_text:
            progress += f"\n（{_cn_date(t.done_on)}完成）"
        body.append([Cell(t.seq or str(t.position), align="center"), Cell(task_text), Cell(r.deadline or "—"),
                     Cell(s, align="center"), Cell(progress), Cell(r.evidence_text or "—")])
    if not body:
        body.append([Cell("本期无涉及本单位的任务", colspan=6, align="center")])
    doc.add(Table([head] + body, widths=[1.1, 5.6, 2.2, 1.9, 5, 3.4], header_rows=1, font_size_pt=9))

    doc.add(Heading("三、下一步工作", 1))
    open_rows = [(r, s) for r, s in zip(rows, statuses) if s in ("未启动", "推进中", "逾期")]
    if not open_rows:
        doc.add(Para("本单位承担的任务均已完成。下一步将按照清单要求做好信息的动态更新和常态化公开。"))
    for i, (r, s) in enumerate(open_rows[:10]):
        t = r.task
        due = f"，计划于{_cn_date(r.due)}前完成" if r.due else ""
        lead = "（逾期，需加快推进）" if s == "逾期" else ""
        doc.add(Para(f"（{CN_NUM[i] if i < 10 else i + 1}）{t.task or t.measure[:30]}{lead}{due}。"))
    if len(open_rows) > 10:
        doc.add(Para(f"其余{len(open_rows) - 10}项按清单时限持续推进。"))
    doc.add(Para(unit_name, style="right", align="right", first_indent=False))
    doc.add(Para(_cn_date(today), style="right", align="right", first_indent=False))
    doc.page = PageSetup(footer_left=f"{tl.issuer}{tl.year}年任务清单")
    return doc


def write(ctx, list_id: int, start: dt.date, end: dt.date, path: Path) -> Path:
    """Build and render by suffix (.docx / .pdf)."""
    profile = ctx.profile()
    doc = build(list_id, start, end, unit_name=profile.name if profile else "", today=ctx.today())
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        from gwdesk.render.pdf import render_pdf
        return render_pdf(doc, path)
    from gwdesk.render.docx import render_docx
    return render_docx(doc, path)
