"""Gather a task list with the unit's progress for the 台账 export and the completion report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gwdesk.core.tasks import tracking
from gwdesk.core.tasks.deadlines import recurrence_label
from gwdesk.store.tasks_models import Task, TaskEvidence, TaskList, TaskNote


@dataclass
class LedgerRow:
    task: Task
    role: str
    due: dt.date | None
    deadline: str  # the issuer's wording, or the clerk's date
    status: str  # with 逾期 derived
    notes: list[TaskNote]
    evidence: list[TaskEvidence]

    @property
    def progress_text(self) -> str:
        return "\n".join(f"{n.noted_on:%Y-%m-%d} {n.text}" for n in self.notes)

    @property
    def evidence_text(self) -> str:
        return tracking.evidence_text(self.evidence)


def ledger_rows(list_id: int, *, today: dt.date, mine_only: bool = True,
                notes_between: tuple[dt.date, dt.date] | None = None) -> list[LedgerRow]:
    """Rows of a list in the issuer's order with notes and evidence (two queries, not one per row)."""
    tasks = [t for t in tracking.tasks(list_id) if not mine_only or t.role != "不涉及"]
    ids = [t.id for t in tasks]
    notes: dict[int, list[TaskNote]] = {}
    evid: dict[int, list[TaskEvidence]] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        q = TaskNote.select().where(TaskNote.task.in_(chunk))
        if notes_between:
            q = q.where(TaskNote.noted_on.between(*notes_between))
        for n in q.order_by(TaskNote.noted_on, TaskNote.id):
            notes.setdefault(n.task_id, []).append(n)
        for e in TaskEvidence.select().where(TaskEvidence.task.in_(chunk)).order_by(TaskEvidence.id):
            evid.setdefault(e.task_id, []).append(e)
    out = []
    for t in tasks:
        due = tracking.effective_due(t, today)
        if t.due_override:
            deadline = f"{t.due_override:%Y-%m-%d}（{t.deadline_text or '本单位确定'}）"
        elif t.deadline_text:
            deadline = t.deadline_text
        else:
            deadline = recurrence_label(t.recurrence) if t.recurrence else ""
        out.append(LedgerRow(t, t.role, due, deadline, tracking.display_status(t, today),
                             notes.get(t.id, []), evid.get(t.id, [])))
    return out


@dataclass
class LedgerData:
    """Everything the 台账 xlsx shows (gwdesk.io.tasklist.ledger writes it)."""

    title: str
    issuer: str
    year: int
    file_name: str
    labels: dict[str, str]
    rows: list[LedgerRow]
    unit_name: str
    today: dt.date


def ledger_data(list_id: int, *, today: dt.date, mine_only: bool = True, unit_name: str = "") -> LedgerData:
    """The 台账 of a list: the issuer's columns + 本单位角色, 完成情况, 佐证, 状态, 完成日期."""
    from gwdesk.core import units
    tl = TaskList.get_by_id(list_id)
    if not unit_name:
        p = units.load()
        unit_name = p.name if p else ""
    return LedgerData(tl.title, tl.issuer, tl.year, tl.file_name, dict(tl.labels or {}),
                      ledger_rows(list_id, today=today, mine_only=mine_only), unit_name, today)
