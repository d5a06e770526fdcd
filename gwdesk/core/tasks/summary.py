"""Completion figures, the annual report's section 六 paragraph, and the data of a 任务完成情况报告.

    completion_counts(2021) -> {"lists": 1, "total": 14, "done": 9, …}
    completion_text(2021)   -> "2021年，本单位承担……完成率64.3%。" ("" without a list of that year)
    report_data(list_id, start, end, today) -> TaskReportData (what render.layouts.task_report prints)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import fn

from gwdesk.core.tasks.export import ledger_rows
from gwdesk.core.tasks.overview import DUE, ROLE, mine
from gwdesk.core.tasks.tracking import OPEN
from gwdesk.store.tasks_models import Task, TaskList


def completion_counts(year: int, today: dt.date | None = None) -> dict:
    """Counts over every list of `year`, for the unit's rows; overdue is judged at min(today, 12月31日)."""
    today = today or dt.date.today()
    cutoff = min(today, dt.date(year, 12, 31))
    lists = list(TaskList.select().where(TaskList.year == year).order_by(TaskList.id))
    base = mine() & Task.list.in_([tl.id for tl in lists]) if lists else None
    out = {"year": year, "lists": len(lists), "titles": [tl.title or f"{tl.issuer}{tl.year}年任务清单" for tl in lists],
           "total": 0, "done": 0, "in_progress": 0, "not_started": 0, "not_applicable": 0, "overdue": 0,
           "lead": 0, "responsible": 0, "maybe": 0, "completion_rate": 0.0}
    if base is None:
        return out
    keys = {"已完成": "done", "推进中": "in_progress", "未启动": "not_started", "不适用": "not_applicable"}
    for status, n in Task.select(Task.status, fn.COUNT(Task.id)).where(base).group_by(Task.status).tuples():
        out[keys[status]] = n
        out["total"] += n
    roles = {"牵头": "lead", "责任": "responsible", "可能涉及": "maybe"}
    for role, n in Task.select(ROLE, fn.COUNT(Task.id)).where(base).group_by(ROLE).tuples():
        out[roles[role]] = n
    out["overdue"] = Task.select().where(base & Task.status.in_(OPEN) & (DUE < cutoff.isoformat())).count()
    applicable = out["total"] - out["not_applicable"]
    out["completion_rate"] = round(100.0 * out["done"] / applicable, 1) if applicable else 0.0
    return out


def completion_text(year: int, today: dt.date | None = None) -> str:
    """A Chinese paragraph with the counts, for section 六 of the annual report; "" when no list of `year` is
    stored (gwdesk cannot know whether the unit received none: it writes nothing rather than something untrue)."""
    c = completion_counts(year, today)
    if not c["lists"]:
        return ""
    titles = "、".join(f"《{t}》" for t in c["titles"])
    if not c["total"]:
        return f"{year}年，对照{titles}，经梳理本单位无承担的任务。"
    # the report speaks the office's words: 牵头 and 参与落实 (the app's 责任/可能涉及 are both the latter)
    others = c["responsible"] + c["maybe"]
    roles = [f"{label}{n}项" for label, n in (("牵头", c["lead"]), ("参与落实", others)) if n]
    parts = [f"已完成{c['done']}项"]
    if c["in_progress"]:
        parts.append(f"推进中{c['in_progress']}项")
    if c["not_started"]:
        parts.append(f"未启动{c['not_started']}项")
    if c["not_applicable"]:
        parts.append(f"经确认不适用{c['not_applicable']}项")
    text = (f"{year}年，本单位对照{titles}，承担政务公开任务{c['total']}项"
            f"（其中{'、'.join(roles)}），逐项建立台账、明确时限、跟踪落实。目前{'，'.join(parts)}，"
            f"完成率{c['completion_rate']:g}%。")
    if c["overdue"]:
        text += f"另有{c['overdue']}项未按期完成，已明确整改措施，持续推进。"
    else:
        text += "各项任务均在时限内推进，无逾期未完成事项。"
    return text


# ---- 任务完成情况报告 --------------------------------------------------------------------------------

@dataclass
class ReportTask:
    """One task as the report tells it: status as of the period's end, what was done in the period."""

    seq: str
    category: str
    task: str  # the issuer's 工作任务 (may be empty)
    measure: str  # the issuer's 贯彻举措 / 具体要求
    lead: bool  # the unit leads it (牵头) rather than takes part
    deadline: str  # the issuer's wording or the clerk's date
    due: dt.date | None
    status: str  # 已完成 / 推进中 / 未启动 / 不适用 / 逾期
    done_on: dt.date | None = None
    progress: list[tuple[dt.date, str]] = field(default_factory=list)  # notes within the period
    evidence: list[str] = field(default_factory=list)  # file names and web addresses
    begun: bool = True  # False: the clerk never moved it from 未启动 (逾期 may be either)


@dataclass
class TaskReportData:
    issuer: str
    list_title: str
    year: int
    start: dt.date
    end: dt.date
    tasks: list[ReportTask]

    def count(self, status: str) -> int:
        return sum(1 for t in self.tasks if t.status == status)


def status_at(status: str, due: dt.date | None, done_on: dt.date | None, end: dt.date) -> str:
    """Status as of the period's end: a task finished later was still 推进中 then; an open one past its date is 逾期."""
    if status == "已完成" and done_on and done_on > end:
        status = "推进中"
    if status in OPEN and due and due < end:
        return "逾期"
    return status


def default_period(list_year: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """The report's period when the clerk names none: the list's own year, up to today if it is not over."""
    start, end = dt.date(list_year, 1, 1), dt.date(list_year, 12, 31)
    return start, max(start, min(end, today))


def report_data(list_id: int, start: dt.date, end: dt.date, *, today: dt.date) -> TaskReportData:
    """Everything the 任务完成情况报告 prints, read from the store once."""
    tl = TaskList.get_by_id(list_id)
    tasks = []
    for r in ledger_rows(list_id, today=today, notes_between=(start, end)):
        t = r.task
        due = t.due_override or t.due_date
        evidence = [e.original_name or e.value if e.kind == "文件" else e.value for e in r.evidence]
        tasks.append(ReportTask(
            seq=t.seq or str(t.position), category=t.category, task=t.task, measure=t.measure,
            lead=r.role == "牵头", deadline=r.deadline, due=due or r.due,
            status=status_at(t.status, due, t.done_on, end), done_on=t.done_on,
            progress=[(n.noted_on, n.text) for n in r.notes], evidence=[e for e in evidence if e],
            begun=t.status != "未启动"))
    return TaskReportData(issuer=tl.issuer, list_title=tl.title or f"{tl.issuer}{tl.year}年政务公开任务清单",
                          year=tl.year, start=start, end=end, tasks=tasks)
