"""Importing a parsed task list: deadlines and roles worked out, saved all-or-nothing; re-import in place.

    parsed = tasklist.read(path, sheet)                 # gwdesk.io.tasklist, by the caller (ui / commands)
    rows = analyse(parsed, profile)                     # preview: deadline + role per row
    result = import_parsed(parsed, profile=...)    # ImportResult(new, changed, gone…)

A revised list of the same issuer and year updates the stored one: matched rows keep their status,
notes, evidence and the clerk's overrides; rows no longer in the list are marked gone, not deleted.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from gwdesk.core.tasks import deadlines
from gwdesk.core.tasks.matching import MAYBE, NONE, RESP, Match, Matcher
from gwdesk.core.tasks.parsed import ParsedList, ParsedTask, squash
from gwdesk.errors import ImportRejected
from gwdesk.store import concurrency, dialect
from gwdesk.store.base import db
from gwdesk.store.tasks_models import Task, TaskList

_COMPARED = ("seq", "category", "subcategory", "task", "measure", "lead_units", "resp_units",
             "deadline_text", "publish_path", "note")


@dataclass
class Analysed:
    parsed: ParsedTask
    deadline: deadlines.Deadline
    match: Match

    def as_dict(self) -> dict:
        p, d = self.parsed, self.deadline
        return {
            "row": p.row, "sequence": p.sequence, "category": p.category, "subcategory": p.subcategory,
            "task": p.task, "measure": p.measure, "lead_units": p.lead_units, "responsible_units": p.resp_units,
            "deadline_text": d.text, "deadline_kind": d.kind, "deadline_flag": d.flag or None,
            "deadline_note": d.note or None, "milestones": [m.isoformat() for m in d.milestones],
            "due_date": d.due.isoformat() if d.due else None, "recurrence": d.recurrence or None,
            "recurrence_label": deadlines.recurrence_label(d.recurrence) if d.recurrence else None,
            "publish_path": p.publish_path, "role": self.match.role, "role_reason": self.match.reason,
        }


@dataclass
class ImportResult:
    list_id: int
    created: bool  # a new list (False: a revision of a stored one)
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    unchanged: int = 0
    total: int = 0

    def summary(self) -> str:
        if self.created:
            return f"已导入{self.total}项任务。"
        return (f"已更新任务清单：新增{len(self.new)}项，修改{len(self.changed)}项，"
                f"删除{len(self.gone)}项，未变{self.unchanged}项。")


def matcher_for(profile) -> Matcher | None:
    return Matcher.for_profile(profile) if profile is not None else None


def analyse(parsed: ParsedList, profile=None, *, year: int | None = None,
            issued_on: dt.date | None = None) -> list[Analysed]:
    """Deadline and role of every parsed row (nothing saved)."""
    year = year or parsed.year
    issued_on = issued_on or parsed.issued_on
    m = matcher_for(profile)
    # a list addressed to the unit itself (no unit column, or only its 科室): every row is the unit's
    own_list = bool(m and parsed.addressee and m.is_me(parsed.addressee))
    out = []
    # lists repeat their 完成时限 and unit cells row after row: each distinct one is worked out once
    seen_d: dict[str, deadlines.Deadline] = {}
    seen_m: dict[tuple, Match] = {}
    for t in parsed.tasks:
        d = seen_d.get(t.deadline_text)
        if d is None:
            d = seen_d[t.deadline_text] = deadlines.parse(t.deadline_text, year=year, issued_on=issued_on)
        key = (tuple(t.lead_units), tuple(t.resp_units))
        match = seen_m.get(key)
        if match is None:
            match = seen_m[key] = m.match(t.lead_units, t.resp_units) if m else Match(NONE, "")
        if own_list and match.role in (NONE, MAYBE):
            match = Match(RESP, _own_reason(parsed.addressee, t.lead_units + t.resp_units))
        out.append(Analysed(t, d, match))
    return out


def _own_reason(addressee: str, units: list[str]) -> str:
    reason = f"清单下发给本单位（{addressee}）"
    if units:
        groups = [u for u in units if u.startswith(("各", "相关", "有关"))]
        reason += "，责任科室：" + "、".join(units) + ("（含本科室）" if groups else "")
    return reason


def _key(task: str, measure: str) -> str:
    return squash(task) + "|" + squash(measure)


def _label(seq: str, task: str, measure: str) -> str:
    text = task or measure
    text = text if len(text) <= 24 else text[:24] + "…"
    return f"{seq} {text}".strip()


def _values(a: Analysed, position: int) -> dict:
    p, d = a.parsed, a.deadline
    return dict(position=position, source_row=p.row, seq=p.seq, category=p.category,
                subcategory=p.subcategory, task=p.task, measure=p.measure, lead_units=p.lead_units,
                resp_units=p.resp_units, deadline_text=d.text, deadline_kind=d.kind, due_date=d.due,
                recurrence=d.recurrence, publish_path=p.publish_path, note=p.note,
                auto_role=a.match.role, role_reason=a.match.reason)


def _pair(old: list[Task], new: list[Analysed]) -> tuple[dict[int, Task], list[int], list[Task]]:
    """Match revised rows to stored ones: same text, then same 序号 in the same section, then similar text."""
    by_key: dict[str, list[Task]] = {}
    for t in old:
        by_key.setdefault(_key(t.task, t.measure), []).append(t)
    paired: dict[int, Task] = {}
    for i, a in enumerate(new):
        bucket = by_key.get(_key(a.parsed.task, a.parsed.measure))
        if bucket:
            paired[i] = bucket.pop(0)
    left = [t for t in old if t.id not in {p.id for p in paired.values()}]
    by_seq = {(t.category, t.seq): t for t in left if t.seq}
    for i, a in enumerate(new):
        if i in paired or not a.parsed.seq:
            continue
        t = by_seq.pop((a.parsed.category, a.parsed.seq), None)
        if t is not None and difflib.SequenceMatcher(None, t.measure, a.parsed.measure).quick_ratio() > 0.5:
            paired[i] = t
    left = [t for t in old if t.id not in {p.id for p in paired.values()}]
    unpaired = [i for i in range(len(new)) if i not in paired]
    if left and unpaired and len(left) * len(unpaired) <= 90_000:
        for i in unpaired:
            text = new[i].parsed.task + new[i].parsed.measure
            best, score = None, 0.6
            for t in left:
                s = difflib.SequenceMatcher(None, t.task + t.measure, text)
                if s.quick_ratio() > score and s.ratio() > score:
                    best, score = t, s.ratio()
            if best is not None:
                paired[i] = best
                left.remove(best)
    left = [t for t in old if t.id not in {p.id for p in paired.values()}]
    return paired, [i for i in range(len(new)) if i not in paired], left


def import_parsed(parsed: ParsedList, *, profile=None, issuer: str | None = None, year: int | None = None,
                  title: str | None = None, issued_on: dt.date | None = None,
                  accept_unsure: bool = False) -> ImportResult:
    """Save a parsed list in one transaction (nothing saved on any problem)."""
    name = Path(parsed.file).name
    if parsed.needs_mapping and not accept_unsure:
        raise ImportRejected(f"无法导入“{name}”：列的对应关系不确定（{'；'.join(parsed.reasons)}），"
                             "请在导入对话框中确认列对应关系", file=parsed.file, sheet=parsed.sheet,
                             problems=list(parsed.reasons))
    issuer = (issuer or parsed.issuer or "").strip()
    year = year or parsed.year
    problems = []
    if not issuer:
        problems.append("无法确定下发单位，请填写")
    if not year:
        problems.append("无法确定清单年度，请填写")
    if not parsed.tasks:
        problems.append("没有任务行")
    if problems:
        raise ImportRejected(f"无法导入“{name}”：" + "；".join(problems), file=parsed.file, sheet=parsed.sheet,
                             problems=problems)
    issued_on = issued_on or parsed.issued_on
    rows = analyse(parsed, profile, year=year, issued_on=issued_on)
    with concurrency.held(f"tasks.import:{issuer}:{year}", f"{year}年“{issuer}”任务清单的导入"):
        return _save_list(parsed, rows, issuer, year, title, issued_on, name)


def _save_list(parsed, rows, issuer, year, title, issued_on, name) -> ImportResult:
    now = dt.datetime.now().isoformat(timespec="seconds")
    with db.atomic():
        existing = TaskList.get_or_none((TaskList.issuer == issuer) & (TaskList.year == year))
        meta = dict(title=title or parsed.title, file_name=name, sheet=parsed.sheet, issued_on=issued_on,
                    labels=parsed.header_labels, imported_at=now)
        if existing is None:
            tl = TaskList.create(issuer=issuer, year=year, revision=1, **meta)
            _insert(tl.id, [(_values(a, i + 1)) for i, a in enumerate(rows)], now)
            return ImportResult(tl.id, True, new=[_label(a.parsed.seq, a.parsed.task, a.parsed.measure)
                                                  for a in rows], total=len(rows))
        TaskList.update(revision=TaskList.revision + 1, **meta).where(TaskList.id == existing.id).execute()
        old = list(Task.select().where(Task.list == existing.id).order_by(Task.position))
        paired, fresh, gone = _pair(old, rows)
        result = ImportResult(existing.id, False, total=len(rows))
        for i, t in paired.items():
            vals = _values(rows[i], i + 1)
            differs = any(getattr(t, f) != vals[f] for f in _COMPARED) or t.removed_at is not None
            upd = dict(vals, removed_at=None)
            if differs:
                upd["updated_at"] = now
                result.changed.append(_label(vals["seq"], vals["task"], vals["measure"]))
            else:
                result.unchanged += 1
            Task.update(**upd).where(Task.id == t.id).execute()
        _insert(existing.id, [_values(rows[i], i + 1) for i in fresh], now)
        result.new = [_label(rows[i].parsed.seq, rows[i].parsed.task, rows[i].parsed.measure) for i in fresh]
        really_gone = [t for t in gone if t.removed_at is None]
        if really_gone:
            Task.update(removed_at=now, updated_at=now).where(Task.id.in_([t.id for t in really_gone])).execute()
        result.gone = [_label(t.seq, t.task, t.measure) for t in really_gone]
        return result


class _DryRun(Exception):
    pass


def diff(ctx, parsed: ParsedList, **kw) -> ImportResult:
    """What importing would do (new / changed / gone), computed in a transaction that is rolled back."""
    holder: list[ImportResult] = []
    try:
        with db.atomic():
            holder.append(import_parsed(parsed, **kw))
            raise _DryRun
    except _DryRun:
        pass
    return holder[0]


def _insert(list_id: int, values: list[dict], now: str) -> None:
    if not values:
        return
    names = list(values[0])
    fields = [getattr(Task, n) for n in names] + [Task.list, Task.created_at, Task.updated_at]
    # One prepared INSERT for every row, each value through its field's db_value as peewee's insert_many does:
    # peewee builds the SQL text of a 500-row batch value by value, which cost more than reading the xlsx.
    sql = (f'INSERT INTO "{Task._meta.table_name}" ({", ".join(f.column_name for f in fields)}) '
           f'VALUES ({", ".join("?" * len(fields))})')
    convert = [f.db_value for f in fields]
    rows = [tuple(c(x) for c, x in zip(convert, tuple(v[n] for n in names) + (list_id, now, now)))
            for v in values]
    dialect.executemany(sql, rows)


