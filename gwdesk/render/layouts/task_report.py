"""任务完成情况报告 for a period, from core.tasks.summary.TaskReportData (DOCX and PDF from the same blocks).

Modelled on published 落实情况报告 of county offices, e.g. 昌宁县2018年政务公开工作要点落实情况报告
(https://yncn.gov.cn/info/24874/8686010.htm: "根据…要求…现将工作落实情况报告如下", then the 要点 item by item)
and the 乡镇政务公开工作情况报告 pattern (https://61taotao.com/office/249178.html: 当前进展情况, 存在问题,
下一步打算): 主送机关, 一、总体情况 with the counts, 二、分项落实情况 by the list's categories with what was done
and its 佐证, 三、存在的问题, 四、下一步工作, the 落款, and the item-by-item table as 附件.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from gwdesk.core.tasks.summary import ReportTask, TaskReportData
from gwdesk.render.model import Cell, Document, Heading, PageBreak, PageSetup, Para, Table, Title, signature

CN_NUM = "一二三四五六七八九十"
STATUSES = ("已完成", "推进中", "未启动", "逾期")
# numbering the issuer's sheet may already carry: "一、" "（二）" "3." "(4)"
_NUMBERING = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|"
                        r"\d+\s*[、.．)）](?!\d))\s*")
_END_PUNCT = "。；;，,、：: \u3000\n"


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def cn_ordinal(i: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三 (categories and problems are few)."""
    if i <= 10:
        return CN_NUM[i - 1]
    tens, ones = divmod(i, 10)
    return (CN_NUM[tens - 1] if tens > 1 else "") + "十" + (CN_NUM[ones - 1] if ones else "")


def bare(text: str) -> str:
    """Text without the numbering it came with and without closing punctuation, ready to be numbered and
    punctuated once (no "（一）(一)…。。")."""
    text = _NUMBERING.sub("", text.strip())
    return text.rstrip(_END_PUNCT)


def sentence(text: str) -> str:
    text = bare(text)
    return text + "。" if text else ""


def _clip(text: str, limit: int) -> str:
    text = re.split(r"[。；;]", bare(text))[0]
    text = re.sub(r"[（(]公开路径[:：].*?[)）]", "", text)
    return text if len(text) <= limit else text[:limit] + "……"


def task_name(t: ReportTask, limit: int = 40, twins: set[str] | frozenset = frozenset()) -> str:
    """The task as the report names it; a name the list gives several tasks gets the start of its 举措."""
    name = _clip(t.task, limit)
    if not name:
        return _clip(t.measure, limit)
    if name in twins and bare(t.measure):
        return f"{name}（{_clip(t.measure, 24)}）"
    return name


def _twins(tasks: list[ReportTask]) -> set[str]:
    names = [_clip(t.task, 40) for t in tasks]
    return {n for n in names if n and names.count(n) > 1}


def _pct(done: int, base: int) -> str:
    return f"{100.0 * done / base:.1f}".rstrip("0").rstrip(".") + "%"


def _overview(data: TaskReportData) -> list:
    n = len(data.tasks)
    lead = sum(1 for t in data.tasks if t.lead)
    na = data.count("不适用")
    parts = [f"已完成{data.count('已完成')}项"]
    for status, words in (("推进中", "正在推进"), ("未启动", "尚未启动"), ("逾期", "逾期未完成")):
        if data.count(status):
            parts.append(f"{words}{data.count(status)}项")
    roles = f"其中牵头{lead}项、参与落实{n - lead}项" if lead and n - lead else (
        "均为牵头任务" if lead else "均为参与落实的任务")
    text = f"清单涉及本单位的任务共{n}项（{roles}）。截至{cn_date(data.end)}，{'，'.join(parts)}"
    if na:
        text += f"；另有{na}项经核实不属于本单位职责，未计入完成率"
    applicable = n - na
    if applicable:
        text += f"，完成率{_pct(data.count('已完成'), applicable)}"
    out: list = [Para(text + "。")]
    cats: dict[str, list[str]] = {}
    for t in data.tasks:
        if t.status != "不适用":
            cats.setdefault(bare(t.category) or "其他", []).append(t.status)
    if len(cats) > 1:
        head = [Cell(h, align="center", bold=True, shade=True) for h in ("类别", "任务数", *STATUSES)]
        body = [[Cell(c)] + [Cell(str(v), align="center") for v in (len(ss), *(ss.count(s) for s in STATUSES))]
                for c, ss in cats.items()]
        total = [Cell("合计", align="center", bold=True)] + [
            Cell(str(v), align="center", bold=True)
            for v in (n - na, *(data.count(s) for s in STATUSES))]
        out.append(Table([head, *body, total], widths=[7, 1.6, 1.6, 1.6, 1.6, 1.6], header_rows=1,
                         font_size_pt=12, caption="表1 任务完成情况统计"))
    return out


def _done_text(t: ReportTask, end: dt.date) -> str:
    """What was done, from the period's 进展 notes, in the report's words."""
    notes = [f"{d.month}月{d.day}日，{bare(text)}" for d, text in t.progress if bare(text)]
    said = "；".join(notes)
    if t.status == "已完成":
        when = f"已于{cn_date(t.done_on)}完成" if t.done_on and t.done_on <= end else "已完成"
        return f"{said}。{when}" if said else f"{when}"
    if t.status == "不适用":
        return "经核实，该项不属于本单位职责"
    state = {"推进中": "正在推进", "未启动": "尚未启动", "逾期": f"未在时限（{t.deadline or '清单时限'}）内完成，正在推进"}
    return f"{said}。目前{state[t.status]}" if said else state[t.status]


def _evidence_text(t: ReportTask) -> str:
    if not t.evidence:
        return ""
    links = [e for e in t.evidence if re.match(r"https?://", e)]
    files = [f"《{Path(e).stem}》" for e in t.evidence if e not in links]
    parts = []
    if links:
        parts.append("相关信息已在网上公开（" + "、".join(links) + "）")
    if files:
        parts.append("留存佐证材料" + "、".join(files))
    return "，".join(parts)


def _items(data: TaskReportData) -> list:
    out: list = []
    cats: dict[str, list[ReportTask]] = {}
    for t in data.tasks:
        cats.setdefault(bare(t.category) or "其他", []).append(t)
    twins = _twins(data.tasks)
    for i, (cat, tasks) in enumerate(cats.items(), 1):
        out.append(Heading(f"（{cn_ordinal(i)}）{cat}", 2))
        for k, t in enumerate(tasks, 1):
            text = f"{k}．{task_name(t, twins=twins)}。{_done_text(t, data.end)}"
            evidence = _evidence_text(t)
            if evidence:
                text += f"，{evidence}"
            out.append(Para(text.rstrip(_END_PUNCT) + "。"))
    if not out:
        out.append(Para("本期清单中无涉及本单位的任务。"))
    return out


def _problems(data: TaskReportData) -> list[Para]:
    lines: list[str] = []
    late = [t for t in data.tasks if t.status == "逾期"]
    idle = [t for t in data.tasks if t.status == "未启动"]
    bare_done = [t for t in data.tasks if t.status == "已完成" and not t.evidence]
    if late:
        names = "、".join(f"“{task_name(t, 20)}”" for t in late[:3]) + ("等" if len(late) > 3 else "")
        lines.append(f"部分任务推进滞后。{names}{len(late)}项任务未在清单时限内完成，"
                     "工作统筹和进度管控有待加强")
    if idle:
        lines.append(f"部分任务尚未启动。{len(idle)}项任务尚未开展实质性工作，需提前谋划、明确责任人")
    if bare_done:
        lines.append(f"佐证材料留存不够完整。{len(bare_done)}项已完成任务未留存网页链接或文件等佐证材料")
    if not lines:
        lines.append("对照清单要求，本单位任务推进总体有序，但政策解读的形式还不够丰富，"
                     "信息发布的及时性和规范性仍有提升空间")
    order = "一二三四五"
    if len(lines) == 1:
        return [Para(sentence(lines[0]))]
    return [Para(f"{order[i]}是{sentence(line)}") for i, line in enumerate(lines)]


def _next_steps(data: TaskReportData, today: dt.date) -> list[Para]:
    open_tasks = [t for t in data.tasks if t.status in ("逾期", "未启动", "推进中")]
    twins = _twins(data.tasks)
    out: list[Para] = []
    for k, t in enumerate(open_tasks, 1):
        deadline = bare(t.deadline)
        if t.status == "逾期" or (t.due and t.due < today):
            plan = "已超过清单时限，将明确专人、加快推进，尽快完成"
        elif t.due:
            plan = f"按清单时限于{cn_date(t.due)}前完成"
        elif re.search("持续|长期|常态|全年", deadline):
            plan = "作为常态化工作持续推进"
        elif deadline.startswith("每"):
            plan = f"按{deadline}一次的频次做好更新公开"
        else:
            plan = "持续推进，按要求做好公开"
        out.append(Para(f"{k}．{task_name(t, twins=twins)}：{plan}。"))
    closing = ("对已完成的任务，持续做好信息的动态更新和常态化公开，及时留存佐证材料，"
               "确保各项任务落实到位。")
    out.append(Para(("同时，" if open_tasks else "本单位承担的任务均已完成。下一步，") + closing))
    return out


def _annex(data: TaskReportData) -> list:
    head = [Cell(h, align="center", bold=True, shade=True)
            for h in ("序号", "工作任务", "完成时限", "状态", "落实情况", "佐证材料")]
    rows = [head]
    for t in data.tasks:
        what = bare(t.task)
        measure = t.measure.strip()
        task_text = f"{what}：{measure}" if what and what not in measure else (measure or what)
        progress = "\n".join(f"{d:%Y-%m-%d} {text.strip()}" for d, text in t.progress) or "—"
        rows.append([Cell(t.seq, align="center", valign="top"), Cell(task_text, valign="top"),
                     Cell(t.deadline or "—", valign="top"), Cell(t.status, align="center", valign="top"),
                     Cell(progress, valign="top"), Cell("\n".join(t.evidence) or "—", valign="top")])
    return [PageBreak(), Para("附件", first_indent=False, align="left", font="hei"),
            Title(f"{data.list_title}落实情况明细表"),
            Table(rows, widths=[1.4, 5.6, 2.2, 1.7, 5, 3.4], header_rows=1, font_size_pt=10.5)]


def build(data: TaskReportData, *, unit_name: str, today: dt.date) -> Document:
    title = f"{unit_name}关于{data.year}年政务公开工作任务完成情况的报告"
    doc = Document(title=title, author=unit_name, page=PageSetup())
    doc.add(Title(title, subtitle=f"（{cn_date(data.start)}至{cn_date(data.end)}）"))
    if re.search(r"(办公室|政府|办|局|委员会|委|中心|小组)$", data.issuer):  # an office one can address
        doc.add(Para(f"{data.issuer}：", first_indent=False, align="left"))
    doc.add(Para(f"根据《{data.list_title}》要求，本单位对照清单逐项梳理任务，建立工作台账，明确完成时限，"
                 f"跟踪推进落实。现将{cn_date(data.start)}至{cn_date(data.end)}任务完成情况报告如下。"))
    doc.add(Heading("一、总体情况", 1), *_overview(data))
    doc.add(Heading("二、分项落实情况", 1), *_items(data))
    doc.add(Heading("三、存在的问题", 1), *_problems(data))
    doc.add(Heading("四、下一步工作", 1), *_next_steps(data, today))
    if data.tasks:
        doc.add(Para(f"附件：{data.list_title}落实情况明细表", first_indent=True))
    doc.add(*signature(unit_name, cn_date(today)))
    if data.tasks:
        doc.add(*_annex(data))
    return doc


def write(data: TaskReportData, path: Path, *, unit_name: str, today: dt.date) -> Path:
    """Build and render by suffix (.docx / .pdf)."""
    doc = build(data, unit_name=unit_name, today=today)
    return render(doc, path)


def render(doc: Document, path: Path) -> Path:
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        from gwdesk.render.pdf import render_pdf
        return render_pdf(doc, path)
    from gwdesk.render.docx import render_docx
    return render_docx(doc, path)
