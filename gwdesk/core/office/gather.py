"""The unit's side: its progress on one stored task list, ready to be written as gwdesk.task-progress/1."""

from __future__ import annotations

import datetime as dt

from gwdesk import __version__
from gwdesk.core.office.progress import (
    Evidence,
    ListIdentity,
    Note,
    Progress,
    TaskProgress,
    UnitInfo,
    identity,
)
from gwdesk.core.office.rollup import Row
from gwdesk.core.tasks import tracking
from gwdesk.core.tasks.export import ledger_rows
from gwdesk.errors import GwdeskError
from gwdesk.store.tasks_models import TaskList


def progress(list_id: int, profile, *, as_of: dt.date) -> Progress:
    """Every task of the list the unit takes part in (牵头, 责任, 可能涉及), with notes up to `as_of`."""
    if profile is None or not profile.name:
        raise GwdeskError("请先在“设置”中填写单位信息（单位名称、层级），报送文件要写明是哪个单位")
    tl = TaskList.get_or_none(TaskList.id == list_id)
    if tl is None:
        raise GwdeskError(f"没有编号为 {list_id} 的任务清单")
    all_rows = tracking.tasks(list_id)
    ident = identity(tl.issuer, tl.year, tl.title, [(t.seq, t.task, t.measure) for t in all_rows])
    position = {t.id: i for i, t in enumerate(all_rows, start=1)}
    tasks = []
    for r in ledger_rows(list_id, today=as_of, notes_between=(dt.date.min, as_of)):
        t = r.task
        status = t.status if not (t.done_on and t.done_on > as_of) else "推进中"
        evidence = [Evidence(e.kind, e.original_name if e.kind == "文件" else e.value,
                             e.sha256 if e.kind == "文件" else "") for e in r.evidence]
        tasks.append(TaskProgress(
            position[t.id], t.seq or str(position[t.id]), t.task, t.measure, r.role, status, t.category,
            list(t.lead_units), list(t.resp_units), r.deadline, r.due if (t.due_override or t.due_date) else None,
            t.done_on if status == "已完成" else None, [Note(n.noted_on, n.text) for n in r.notes], evidence))
    return Progress(UnitInfo(profile.name, profile.level, profile.supervisor, list(profile.aliases)), ident, as_of, tasks,
                    f"gwdesk {__version__}")


def list_rows(list_id: int) -> tuple[ListIdentity, list[Row]]:
    """The identity and rows of a list stored here (the office imported the list it issued)."""
    tl = TaskList.get_or_none(TaskList.id == list_id)
    if tl is None:
        raise GwdeskError(f"没有编号为 {list_id} 的任务清单")
    tasks = tracking.tasks(list_id)
    rows = [Row(i, t.seq or str(i), t.task, t.measure, t.category, list(t.lead_units), list(t.resp_units),
                t.deadline_text) for i, t in enumerate(tasks, start=1)]
    return identity(tl.issuer, tl.year, tl.title, [(t.seq, t.task, t.measure) for t in tasks]), rows
