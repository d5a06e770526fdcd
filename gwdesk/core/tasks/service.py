"""Importing a parsed task list: deadlines and roles worked out, saved all-or-nothing; re-import in place.

    parsed = tasklist.read(path, sheet)                 # gwdesk.io.tasklist, by the caller (ui / commands)
    rows = analyse(parsed, profile)                     # preview: deadline + role per row
    result = import_parsed(parsed, profile=...)    # ImportResult(new, changed, gone…)

A revised list updates the stored one: matched rows keep their status, notes, evidence and the clerk's
overrides; rows no longer in the list are marked gone, not deleted. Which stored list a file revises is
decided by `plan` (the list's identity is its title without version words, core/tasks/identity.py): a file
that could be a new version of a stored list or another list of the same issuer and year, or a revision that
would remove a task with progress or evidence, is never imported until the clerk says which
(`as_new` / `revision_of`); `ListChoiceNeeded` carries the question with the tasks that would be removed.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

import peewee

from gwdesk.core.tasks import deadlines, identity
from gwdesk.core.tasks import groups as grp
from gwdesk.core.tasks.matching import MAYBE, NONE, RESP, Match, Matcher
from gwdesk.core.tasks.parsed import ParsedList, ParsedTask, squash
from gwdesk.errors import ImportRejected
from gwdesk.store import concurrency, dialect
from gwdesk.store.base import db
from gwdesk.store.tasks_models import Task, TaskEvidence, TaskList, TaskNote

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


@dataclass
class Removal:
    """A stored task a revision would mark removed, with the clerk's work on it ('' when none)."""
    label: str
    progress: str = ""

    def as_dict(self) -> dict:
        return {"task": self.label, "progress": self.progress or None}


@dataclass
class StoredList:
    """A stored list the file might revise, with what importing the file as its new version would remove."""
    id: int
    title: str
    revision: int
    file_name: str
    tasks: int
    same_title: bool  # the same title once version words are gone
    removals: list[Removal] = field(default_factory=list)

    @property
    def with_progress(self) -> list[Removal]:
        return [r for r in self.removals if r.progress]

    def describe(self) -> str:
        head = f"编号{self.id}“{self.title or self.file_name}”（第{self.revision}版，{self.tasks}项）"
        if not self.removals:
            return head + "：作为其新版本导入不会删除任务"
        n = len(self.with_progress)
        items = "；".join(r.label + (f"（{r.progress}）" if r.progress else "") for r in self.removals[:8])
        more = f"等{len(self.removals)}项" if len(self.removals) > 8 else ""
        return (head + f"：作为其新版本导入将删除{len(self.removals)}项"
                + (f"，其中{n}项已有进展或佐证" if n else "") + f"：{items}{more}")

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "revision": self.revision, "file_name": self.file_name,
                "tasks": self.tasks, "same_title": self.same_title,
                "would_remove": [r.as_dict() for r in self.removals]}


NEW, REVISION, ASK = "new", "revision", "ask"


@dataclass
class Target:
    """Where a file would go: a new list, a new version of list `list_id`, or ASK the clerk (`why`)."""
    kind: str
    list_id: int | None = None
    why: str = ""
    candidates: list[StoredList] = field(default_factory=list)

    def candidate(self, list_id: int | None) -> StoredList | None:
        return next((c for c in self.candidates if c.id == list_id), None)

    def as_dict(self) -> dict:
        return {"decision": self.kind, "list_id": self.list_id, "why": self.why,
                "candidates": [c.as_dict() for c in self.candidates]}


class ListChoiceNeeded(ImportRejected):
    """The file could be a new version of a stored list or a list of its own: the clerk must say which."""

    def __init__(self, message: str, target: Target, **kw):
        super().__init__(message, **kw)
        self.target = target


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
        elif m and match.role == NONE and all(map(grp.is_division, t.lead_units + t.resp_units)):
            # a row naming nobody, or only divisions (办公室, 各科室) of a unit the list does not name, is never
            # silently not the unit's: the list's addressee, or the clerk, decides
            units = t.lead_units + t.resp_units
            if parsed.addressee:
                match = Match(NONE, f"清单下发给“{parsed.addressee}”，不是本单位")
            elif units:
                match = Match(MAYBE, f"本行只写了内设科室（{'、'.join(units)}），清单没有写明是哪个单位的，请确认是否涉及本单位")
            else:
                match = Match(MAYBE, "本行没有写明牵头或责任单位，请确认是否涉及本单位")
        out.append(Analysed(t, d, match))
    return out


def groups_to_ask(rows: list[Analysed], profile) -> list[tuple[str, int]]:
    """The collective addressees (各…, 有关单位…) that made rows 可能涉及, with how many rows each: the clerk
    answers once whether each includes the unit (core.units.answer_group)."""
    m = matcher_for(profile)
    if m is None:
        return []
    count: dict[str, int] = {}
    for a in rows:
        if a.match.role == MAYBE:
            for u in m.groups_to_ask(a.parsed.lead_units, a.parsed.resp_units):
                count[u] = count.get(u, 0) + 1
    seen, out = set(), []
    for u, n in count.items():  # one entry per group however it is written (各区直部门 = 区直各部门)
        key = grp.group_key(u)
        if key not in seen:
            seen.add(key)
            out.append((u, sum(c for v, c in count.items() if grp.group_key(v) == key)))
    return out


def groups_answered(rows: list[Analysed], profile) -> list[tuple[str, int, bool]]:
    """The collective addressees of these rows the clerk has answered about: (as written, rows, includes the unit),
    so the answer can be seen and changed where it is used."""
    m = matcher_for(profile)
    if m is None:
        return []
    count: dict[str, list] = {}
    for a in rows:
        for u in {*a.parsed.lead_units, *a.parsed.resp_units}:
            said = m.answer(u)
            if said is not None:
                key = grp.group_key(u)
                entry = count.setdefault(key, [u, 0, said])
                entry[1] += 1
    return [tuple(v) for v in count.values()]


def rematch(profile) -> int:
    """Work out again which stored rows are the unit's (after the profile or an answer about a group changed);
    rows of a list addressed to the unit itself keep their role. Returns the number of rows whose role changed."""
    m = matcher_for(profile)
    if m is None:
        return 0
    changed = 0
    seen: dict[tuple, Match] = {}
    with db.atomic():
        for t in Task.select(Task.id, Task.lead_units, Task.resp_units, Task.auto_role, Task.role_reason):
            if t.role_reason.startswith("清单下发给"):  # the list's addressee decided these rows
                continue
            key = (tuple(t.lead_units), tuple(t.resp_units))
            match = seen.get(key)
            if match is None:
                match = seen[key] = m.match(t.lead_units, t.resp_units)
                if match.role == NONE and not key[0] and not key[1] and not match.reason:
                    match = seen[key] = Match(MAYBE, "本行没有写明牵头或责任单位，请确认是否涉及本单位")
            if (match.role, match.reason) != (t.auto_role, t.role_reason):
                Task.update(auto_role=match.role, role_reason=match.reason).where(Task.id == t.id).execute()
                changed += 1
    return changed


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


# each Task column an imported row fills, and how it comes from the analysed row (_values and _insert both)
_FROM_ROW = {
    "source_row": attrgetter("parsed.row"), "seq": attrgetter("parsed.seq"),
    "category": attrgetter("parsed.category"), "subcategory": attrgetter("parsed.subcategory"),
    "task": attrgetter("parsed.task"), "measure": attrgetter("parsed.measure"),
    "lead_units": attrgetter("parsed.lead_units"), "resp_units": attrgetter("parsed.resp_units"),
    "deadline_text": attrgetter("deadline.text"), "deadline_kind": attrgetter("deadline.kind"),
    "due_date": attrgetter("deadline.due"),
    "milestones": lambda a: deadlines.milestones_text(a.deadline.milestones),
    "recurrence": attrgetter("deadline.recurrence"), "publish_path": attrgetter("parsed.publish_path"),
    "note": attrgetter("parsed.note"), "auto_role": attrgetter("match.role"), "role_reason": attrgetter("match.reason"),
}


def _values(a: Analysed, position: int) -> dict:
    return dict(position=position, **{name: get(a) for name, get in _FROM_ROW.items()})


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


def _progress(tasks: list[Task]) -> dict[int, str]:
    """What the clerk did on each task: status, 进展 notes, evidence, own role or date ('' when nothing)."""
    ids = [t.id for t in tasks]
    notes: dict[int, int] = {}
    evidence: dict[int, int] = {}
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        for tid in TaskNote.select(TaskNote.task).where(TaskNote.task.in_(part)).tuples():
            notes[tid[0]] = notes.get(tid[0], 0) + 1
        for tid in TaskEvidence.select(TaskEvidence.task).where(TaskEvidence.task.in_(part)).tuples():
            evidence[tid[0]] = evidence.get(tid[0], 0) + 1
    out = {}
    for t in tasks:
        bits = []
        if t.status and t.status != "未启动":
            bits.append(t.status)
        if notes.get(t.id):
            bits.append(f"{notes[t.id]}条进展")
        if evidence.get(t.id):
            bits.append(f"{evidence[t.id]}项佐证")
        if t.role_override:
            bits.append("角色已确认")
        if t.due_override:
            bits.append("期限已调整")
        out[t.id] = "，".join(bits)
    return out


def _stored(tl: TaskList, rows: list[Analysed], title: str) -> StoredList:
    old = list(Task.select().where(Task.list == tl.id).order_by(Task.position))
    _, _, gone = _pair(old, rows)
    gone = [t for t in gone if t.removed_at is None]
    progress = _progress(gone)
    live = sum(1 for t in old if t.removed_at is None)
    return StoredList(tl.id, tl.title, tl.revision, tl.file_name, live, identity.same_list(tl.title, title),
                      [Removal(_label(t.seq, t.task, t.measure), progress[t.id]) for t in gone])


def plan(parsed: ParsedList, *, profile=None, issuer: str | None = None, year: int | None = None,
         title: str | None = None, issued_on: dt.date | None = None,
         rows: list[Analysed] | None = None) -> Target:
    """Which stored list the file would revise, or that it is new, or that the clerk must be asked (nothing saved).

    Only lists of the same issuer and year are candidates. One with the same title (version words aside)
    is revised, unless that would remove a task with progress or evidence; another list whose title could be
    this one renamed, or a title unknown on either side, asks; lists about other things leave the file new.
    """
    issuer = (issuer or parsed.issuer or "").strip()
    year = year or parsed.year
    title = title or parsed.title
    if rows is None:
        rows = analyse(parsed, profile, year=year, issued_on=issued_on or parsed.issued_on)
    stored = list(TaskList.select().where((TaskList.issuer == issuer) & (TaskList.year == year))
                  .order_by(TaskList.id))
    if not stored:
        return Target(NEW, why="没有同一下发单位、同一年度的清单")
    candidates = [_stored(tl, rows, title) for tl in stored]
    same = [c for c in candidates if c.same_title]
    maybe = [c for c in candidates if not c.same_title and identity.could_be_same(c.title, title, issuer)]
    name = f"“{title}”" if title else "这份文件（标题未识别）"
    if len(same) == 1 and not maybe:
        c = same[0]
        if c.with_progress:
            return Target(ASK, c.id, f"{name}与已导入的清单同名，但作为其新版本导入将删除"
                                     f"{len(c.with_progress)}项已有进展或佐证的任务", candidates)
        return Target(REVISION, c.id, f"与已导入的清单“{c.title}”同名（版本字样除外）", candidates)
    if same or maybe:
        return Target(ASK, None, f"{name}可能是已导入清单的新版本，也可能是另一份清单", candidates)
    return Target(NEW, why=f"{issuer}{year}年已导入的清单标题不同，这是另一份清单", candidates=candidates)


def import_parsed(parsed: ParsedList, *, profile=None, issuer: str | None = None, year: int | None = None,
                  title: str | None = None, issued_on: dt.date | None = None,
                  accept_unsure: bool = False, as_new: bool = False,
                  revision_of: int | None = None) -> ImportResult:
    """Save a parsed list in one transaction (nothing saved on any problem).

    `as_new` / `revision_of` are the clerk's answer to `plan`'s question; without them a file whose plan is
    ASK is refused with ListChoiceNeeded.
    """
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
        return _save_list(parsed, rows, issuer, year, title, issued_on, name, as_new, revision_of)


def _save_list(parsed, rows, issuer, year, title, issued_on, name, as_new, revision_of) -> ImportResult:
    now = dt.datetime.now().isoformat(timespec="seconds")
    if as_new and revision_of:
        raise ImportRejected("“导入为新清单”和“作为已有清单的新版本”只能选一个", file=parsed.file)
    with db.atomic():
        target = None
        if revision_of:
            existing = TaskList.get_or_none(TaskList.id == revision_of)
            if existing is None:
                raise ImportRejected(f"没有编号为 {revision_of} 的任务清单", file=parsed.file)
        elif as_new:
            existing = None
        else:
            target = plan(parsed, issuer=issuer, year=year, title=title, rows=rows)
            if target.kind == ASK:
                raise ListChoiceNeeded(
                    f"无法导入“{name}”：{target.why}，请选择：\n"
                    + "\n".join("  " + c.describe() for c in target.candidates)
                    + "\n  或者导入为一份新的任务清单（不影响已导入的清单）", target, file=parsed.file,
                    sheet=parsed.sheet)
            existing = TaskList.get_by_id(target.list_id) if target.kind == REVISION else None
        meta = dict(title=title or parsed.title, file_name=name, sheet=parsed.sheet, issued_on=issued_on,
                    labels=parsed.header_labels, imported_at=now)
        if existing is None:
            tl = TaskList.create(issuer=issuer, year=year, revision=1, **meta)
            _insert(tl.id, [(i + 1, a) for i, a in enumerate(rows)], now)
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
        _insert(existing.id, [(i + 1, rows[i]) for i in fresh], now)
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


# the Python types a column's values already have in the database's form (its field's db_value returns them as
# they are); a column holding anything else goes through db_value value by value
_AS_STORED = {peewee.TextField: (str, type(None)), peewee.IntegerField: (int, type(None))}


def _column(field: peewee.Field, values: list) -> list:
    """`values` of one column as `field.db_value` gives them, converting once per distinct value where it costs
    (the unit lists repeat row after row) and not at all where they are already in stored form."""
    if type(field) in _AS_STORED and set(map(type, values)) <= set(_AS_STORED[type(field)]):
        return values
    seen: dict[tuple, object] = {}
    out = []
    for v in values:
        try:
            key = (list, tuple(v)) if type(v) is list else (type(v), v)
            out.append(seen[key])
        except KeyError:
            out.append(seen.setdefault(key, field.db_value(v)))
        except TypeError:  # a value that cannot be a key (a list holding lists): converted on its own
            out.append(field.db_value(v))
    return out


def _insert(list_id: int, rows: list[tuple[int, Analysed]], now: str) -> None:
    """Insert (position, analysed row) pairs as tasks of list `list_id`: one prepared INSERT executed for every row
    (peewee's insert_many builds the SQL text of each batch value by value, which cost more than reading the xlsx),
    the values converted column by column into what each field's db_value gives."""
    if not rows:
        return
    names = ["position", *_FROM_ROW]
    fields = [getattr(Task, n) for n in names] + [Task.list, Task.created_at, Task.updated_at]
    sql = (f'INSERT INTO "{Task._meta.table_name}" ({", ".join(f.column_name for f in fields)}) '
           f'VALUES ({", ".join("?" * len(fields))})')
    analysed = [a for _, a in rows]
    columns = [[p for p, _ in rows]] + [list(map(get, analysed)) for get in _FROM_ROW.values()] \
        + [[list_id] * len(rows), [now] * len(rows), [now] * len(rows)]
    dialect.executemany(sql, list(zip(*(_column(f, c) for f, c in zip(fields, columns)))))
