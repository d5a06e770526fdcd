"""任务完成情况报告 for a period, from core.tasks.summary.TaskReportData (DOCX and PDF from the same blocks).

Modelled on published 落实情况报告 of county offices, e.g. 昌宁县2018年政务公开工作要点落实情况报告
(https://yncn.gov.cn/info/24874/8686010.htm: "根据…要求…现将工作落实情况报告如下", then the 要点 item by item)
and the 乡镇政务公开工作情况报告 pattern (https://61taotao.com/office/249178.html: 当前进展情况, 存在问题,
下一步打算): 主送机关, 一、总体情况 with the counts, 二、分项落实情况 by the list's categories with what was done
and its 佐证, 三、存在的问题, 四、下一步工作, the 落款, and the item-by-item table as 附件.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

from gwdesk.core.tasks.summary import ReportTask, TaskReportData
from gwdesk.core.tasks.vocabulary import ADDRESSABLE_END_WORDS, alternation
from gwdesk.core.tasks.wording import END_PUNCT as _END_PUNCT
from gwdesk.core.tasks.wording import bare, evidence_text, note_text
from gwdesk.render.model import (Cell, Document, Heading, PageBreak, PageSetup, Para, Table, Title, cell_text, para_text,
                                 signature, text_width_chars)

CN_NUM = "一二三四五六七八九十"
STATUSES = ("已完成", "推进中", "未启动", "逾期")


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def cn_ordinal(i: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三 (categories and problems are few)."""
    if i <= 10:
        return CN_NUM[i - 1]
    tens, ones = divmod(i, 10)
    return (CN_NUM[tens - 1] if tens > 1 else "") + "十" + (CN_NUM[ones - 1] if ones else "")


def sentence(text: str) -> str:
    text = bare(text)
    return text + "。" if text else ""


def _clip(text: str, limit: int) -> str:
    text = re.split(r"[。；;]", bare(text))[0]
    text = re.sub(r"[（(]公开路径[:：].*?[)）]", "", text)
    return text if len(text) <= limit else text[:limit] + "……"


def task_name(t: ReportTask, limit: int = 40, twins: set[str] | frozenset = frozenset(), twin_limit: int = 24) -> str:
    """The task as the report names it; a name the list gives several tasks gets the start of its 举措."""
    name = _clip(t.task, limit)
    if not name:
        return _clip(t.measure, limit)
    if name in twins and bare(t.measure):
        return f"{name}（{_clip(t.measure, twin_limit)}）"
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


# ---- 二、分项落实情况 -----------------------------------------------------------------------------------

def _done_text(t: ReportTask, end: dt.date, notes: int | None) -> str:
    """What was done, from the period's 进展 notes (the last `notes` of them; None: all), in the report's words."""
    chosen = t.progress if notes is None else t.progress[-notes:]
    said = "；".join(note_text(d, text) for d, text in chosen if bare(text))
    if notes is not None and said:
        said = _clip_words(said, 60)
    if t.status == "已完成":
        when = f"已于{cn_date(t.done_on)}完成" if t.done_on and t.done_on <= end else "已完成"
        return f"{said}。{when}" if said else when
    if t.status == "不适用":
        return "经核实，该项不属于本单位职责"
    state = {"推进中": "正在推进", "未启动": "尚未启动", "逾期": f"已过清单时限（{t.deadline or '清单时限'}），正在推进"}
    return f"{said}。目前{state[t.status]}" if said else state[t.status]


def _clip_words(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip(_END_PUNCT) + "……"


def _names(tasks: list[ReportTask], twins: set[str], limit: int = 6, size: int = 18) -> str:
    """“A”“B”“C”等 (each name once, the first `limit`)."""
    seen: list[str] = []
    for t in tasks:
        n = task_name(t, size, twins, twin_limit=10)
        if n not in seen:
            seen.append(n)
    shown = "、".join(f"“{n}”" for n in seen[:limit])
    return shown + ("等" if len(seen) > limit else "")


def _idle(t: ReportTask) -> bool:
    """Nothing done yet and nothing to tell: never moved from 未启动, no note in the period."""
    return not t.begun and not t.progress and t.status in ("未启动", "逾期")


def _summary_line(tasks: list[ReportTask], twins: set[str]) -> str:
    """One paragraph for the tasks a category has nothing to report on: not started, without notes, not applicable."""
    idle = [t for t in tasks if _idle(t)]
    moving = [t for t in tasks if not _idle(t) and t.status in ("推进中", "逾期") and not t.progress]
    na = [t for t in tasks if t.status == "不适用"]
    parts = []
    if moving:  # one past the list's date is 逾期 in 表1 and in 一: said here too
        late = [t for t in moving if t.status == "逾期"]
        text = f"{_names(moving, twins)}{len(moving)}项正在推进"
        if late:
            text += (f"，已过清单时限" if len(late) == len(moving) else f"，其中{len(late)}项已过清单时限")
        parts.append(text)
    if idle:
        late = [t for t in idle if t.status == "逾期"]
        text = f"{_names(idle, twins)}{len(idle)}项尚未启动"
        if late:
            text += (f"，均已过清单时限" if len(late) == len(idle) else f"，其中{len(late)}项已过清单时限")
        parts.append(text)
    if na:
        parts.append(f"{_names(na, twins)}经核实不属于本单位职责")
    return "；".join(parts) + "。" if parts else ""


# how much 二 tells, from most to least: each reported task with all its notes; with its latest note, clipped;
# the category in one paragraph
DETAIL_LEVELS = ("full", "latest", "summary")


def _items(data: TaskReportData, level: str) -> list:
    out: list = []
    cats: dict[str, list[ReportTask]] = {}
    for t in data.tasks:
        cats.setdefault(bare(t.category) or "其他", []).append(t)
    twins = _twins(data.tasks)
    for i, (cat, tasks) in enumerate(cats.items(), 1):
        out.append(Heading(f"（{cn_ordinal(i)}）{cat}", 2))
        told = [t for t in tasks if t.status == "已完成" or t.progress]
        rest = [t for t in tasks if t not in told]
        if level == "summary":
            done = [t for t in told if t.status == "已完成"]
            going = [t for t in told if t.status != "已完成"]
            parts = []
            if done:
                parts.append(f"{_names(done, twins, 4)}{len(done)}项已完成")
            if going:
                parts.append(f"{_names(going, twins, 4)}{len(going)}项正在推进，已有阶段性进展")
            line = "；".join(parts)
            tail = _summary_line(rest, twins)
            text = (line + ("；" + tail if tail else "。")) if line else tail
            out.append(Para(text))
            continue
        for k, t in enumerate(told, 1):
            text = f"{k}．{task_name(t, 24 if level == 'latest' else 40, twins)}。" \
                   f"{_done_text(t, data.end, None if level == 'full' else 1)}"
            evidence = evidence_text(t.evidence)
            if evidence:
                text += f"，{evidence}"
            out.append(Para(text.rstrip(_END_PUNCT) + "。"))
        tail = _summary_line(rest, twins)
        if tail:
            out.append(Para(("此外，" if told else "") + tail))
    if not out:
        out.append(Para("本期清单中无涉及本单位的任务。"))
    return out


# ---- 三、存在的问题 and 四、下一步工作 ----------------------------------------------------------------------

def _problems(data: TaskReportData) -> list[Para]:
    lines: list[str] = []
    twins = _twins(data.tasks)
    late = [t for t in data.tasks if t.status == "逾期"]
    idle = [t for t in data.tasks if _idle(t)]
    bare_done = [t for t in data.tasks if t.status == "已完成" and not t.evidence]
    if late:
        lines.append(f"部分任务推进滞后。{_names(late, twins, 3, 12)}{len(late)}项任务未在清单时限内完成，"
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


_ADDRESSABLE = re.compile(rf"({alternation(ADDRESSABLE_END_WORDS)})$")  # an issuer the report can address by name
_STEADY = re.compile("持续|长期|常态|全年|每")


def _next_steps(data: TaskReportData, today: dt.date) -> list[Para]:
    """Once per category: what happens to its open tasks (late, dated, standing), not a line per task."""
    cats: dict[str, list[ReportTask]] = {}
    for t in data.tasks:
        if t.status in ("逾期", "未启动", "推进中"):
            cats.setdefault(bare(t.category) or "其他", []).append(t)
    out: list[Para] = []
    for k, (cat, tasks) in enumerate(cats.items(), 1):
        late = [t for t in tasks if t.status == "逾期" or (t.due and t.due < today)]
        dated = [t for t in tasks if t not in late and t.due and not _STEADY.search(bare(t.deadline))]
        steady = [t for t in tasks if t not in late and t not in dated]
        plans = []
        if late:
            plans.append(f"已超过清单时限的{len(late)}项明确专人、加快推进，尽快完成")
        if dated:
            last = max(t.due for t in dated)
            plans.append(f"{len(dated)}项按清单时限推进，{cn_date(last)}前全部完成" if len(dated) > 1
                         else f"{len(dated)}项按清单时限于{cn_date(last)}前完成")
        if steady:
            plans.append(f"{len(steady)}项常态化任务按要求持续做好公开和更新")
        out.append(Para(f"{k}．{cat}：" + "；".join(plans) + "。"))
    closing = ("对已完成的任务，持续做好信息的动态更新和常态化公开，及时留存佐证材料，"
               "确保各项任务落实到位。")
    out.append(Para(("同时，" if cats else "本单位承担的任务均已完成。下一步，") + closing))
    return out


# ---- 附件 -------------------------------------------------------------------------------------------------

def _annex(data: TaskReportData) -> list:
    """The item-by-item table; the columns the period left empty (落实情况, 佐证材料) stay narrow."""
    any_progress = any(t.progress for t in data.tasks)
    any_evidence = any(t.evidence for t in data.tasks)
    head = [Cell(h, align="center", bold=True, shade=True)
            for h in ("序号", "工作任务", "完成时限", "状态", "落实情况", "佐证材料")]
    rows = [head]
    for t in data.tasks:
        what = bare(t.task)
        measure = t.measure.strip()
        task_text = f"{what}：{measure}" if what and what not in measure else (measure or what)
        progress = "\n".join(note_text(d, text) + "。" for d, text in t.progress if bare(text)) or "—"
        rows.append([Cell(t.seq, align="center", valign="top"), Cell(task_text, valign="top"),
                     Cell(t.deadline or "—", valign="top"), Cell(t.status, align="center", valign="top"),
                     Cell(progress, valign="top", align="left" if t.progress else "center"),
                     Cell("\n".join(t.evidence) or "—", valign="top", align="left" if t.evidence else "center")])
    widths = [1.3, 9.0 - 2.6 * any_progress - 1.6 * any_evidence, 2.2, 1.7,
              5.0 if any_progress else 2.2, 3.4 if any_evidence else 2.2]
    return [PageBreak(), Para("附件", first_indent=False, align="left", font="hei"),
            Title(f"{data.list_title}落实情况明细表"),
            Table(rows, widths=widths, header_rows=1, font_size_pt=10.5)]


# ---- the whole ------------------------------------------------------------------------------------------

BODY_LINES = 63  # lines of 三号 text sections 一 to 四 may take with title and 落款: 3 pages of 22, less a margin
LINE_CHARS = 27.5  # full-width characters on a line of the 156 mm type area at 16 pt


def estimate_lines(blocks: list) -> float:
    """Lines of body text the blocks take (a table's row of 12 pt counts three quarters of a line)."""
    n = 0.0
    for b in blocks:
        if isinstance(b, Para):
            w = text_width_chars(para_text(b)) + (2 if b.first_indent else 0)
            n += max(1, math.ceil(w / LINE_CHARS))
        elif isinstance(b, (Heading, PageBreak)):
            n += 1
        elif isinstance(b, Title):
            n += 3 + (1 if b.subtitle else 0)
        elif isinstance(b, Table):
            n += 1.5 + sum(0.75 * max(1, math.ceil(text_width_chars(cell_text(r[0])) / 14)) for r in b.rows)
    return n


def build(data: TaskReportData, *, unit_name: str, today: dt.date) -> Document:
    """The report; 二 tells as much as sections 一 to 四 can hold in about three pages (DETAIL_LEVELS)."""
    title = f"{unit_name}关于{data.year}年政务公开工作任务完成情况的报告"
    for level in DETAIL_LEVELS:
        doc = Document(title=title, author=unit_name, page=PageSetup())
        doc.add(Title(title, subtitle=f"（{cn_date(data.start)}至{cn_date(data.end)}）"))
        if _ADDRESSABLE.search(data.issuer):  # an office one can address
            doc.add(Para(f"{data.issuer}：", first_indent=False, align="left"))
        doc.add(Para(f"根据《{data.list_title}》要求，本单位对照清单逐项梳理任务，建立工作台账，明确完成时限，"
                     f"跟踪推进落实。现将{cn_date(data.start)}至{cn_date(data.end)}任务完成情况报告如下。"))
        doc.add(Heading("一、总体情况", 1), *_overview(data))
        doc.add(Heading("二、分项落实情况", 1), *_items(data, level))
        doc.add(Heading("三、存在的问题", 1), *_problems(data))
        doc.add(Heading("四、下一步工作", 1), *_next_steps(data, today))
        if data.tasks:
            doc.add(Para(f"附件：{data.list_title}落实情况明细表", first_indent=True))
        doc.add(*signature(unit_name, cn_date(today)))
        if estimate_lines(doc.blocks) <= BODY_LINES:
            break
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
