"""Tracking the unit's tasks: status, dated progress notes, evidence (网址, 公开路径, files), overrides.

逾期 is never stored: it is derived from the effective due date and ctx.today().
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import shutil
from pathlib import Path

from gwdesk import paths
from gwdesk.core import inputs
from gwdesk.core.tasks import deadlines
from gwdesk.core.tasks.matching import ROLES
from gwdesk.errors import GwdeskError, ValidationFailed
from gwdesk.store import concurrency, files
from gwdesk.store.archive import name_max, shorten
from gwdesk.store.base import db
from gwdesk.store.dialect import run
from gwdesk.store.tasks_models import Task, TaskEvidence, TaskList, TaskNote

log = logging.getLogger(__name__)

STATUSES = ["未启动", "推进中", "已完成", "不适用"]
OPEN = ("未启动", "推进中")
OVERDUE = "逾期"
SOON_DAYS = 7


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def pick_list(list_id: int | None = None) -> TaskList:
    """The list with `list_id`, or the newest one (by year, then import time); GwdeskError when there is none."""
    if list_id:
        tl = TaskList.get_or_none(TaskList.id == list_id)
    else:
        tl = TaskList.select().order_by(TaskList.year.desc(), TaskList.imported_at.desc()).first()
    if tl is None:
        raise GwdeskError("还没有导入任务清单" if not list_id else f"没有编号为 {list_id} 的任务清单")
    return tl


def get(task_id: int) -> Task:
    t = Task.get_or_none(Task.id == task_id)
    if t is None:
        raise ValidationFailed(f"任务不存在（编号 {task_id}）")
    return t


def _fixed_due(t: Task) -> dt.date | None:
    """The clerk's date, else the parsed date; a stored value that is no date counts as none (logged)."""
    due = t.due_override or t.due_date
    if due is not None and not isinstance(due, dt.date):
        log.warning("任务 %s 的期限“%s”不是有效日期，按无期限处理", t.id, due)
        return None
    return due


def effective_due(t: Task, today: dt.date) -> dt.date | None:
    """The clerk's date, else the parsed date, else the next date a recurring task falls due."""
    fixed = _fixed_due(t)
    if fixed is not None:
        return fixed
    if t.recurrence:
        return deadlines.next_due(t.recurrence, today)
    return None


def milestones(t: Task) -> tuple[dt.date, ...]:
    """The earlier dates written in the task's 时限 cell (“2月公布预算，8月公布决算”): none once the clerk set a date.
    Kept with the task at import (schema 12); a row stored before that is read from its text."""
    if t.due_override is not None or t.deadline_kind != "date" or not t.deadline_text:
        return ()
    if t.milestones is not None:
        return deadlines.milestones_from_text(t.milestones)
    tl = t.list
    return deadlines.parse(t.deadline_text, year=tl.year, issued_on=tl.issued_on).milestones


ANY_MILESTONES_UNREAD = "SELECT 1 FROM task INDEXED BY ix_task_milestones_unread WHERE milestones IS NULL LIMIT 1"


def fill_milestones() -> int:
    """Keep the milestones of the tasks stored before schema 10 (NULL), read from their 时限 text as the import
    does, so later starts read them instead of parsing every text; returns how many rows were filled."""
    # through the partial index of just these rows (schema 14): SQLite's planner, without statistics, joins from
    # the task lists and reads every task (12 ms of each start for 10,000 tasks, every one filled long ago)
    if not run(ANY_MILESTONES_UNREAD).fetchall():
        return 0
    rows = (Task.select(Task.id, Task.deadline_text, Task.deadline_kind, TaskList.year, TaskList.issued_on)
            .join(TaskList).where(Task.milestones.is_null()).tuples())
    by_text: dict[str, list[int]] = {}
    parsed: dict[tuple, str] = {}
    for task_id, text, kind, year, issued_on in rows:
        key = (text, year, issued_on)
        if key not in parsed:
            d = deadlines.parse(text, year=year, issued_on=issued_on) if kind == "date" and text else None
            parsed[key] = deadlines.milestones_text(d.milestones) if d is not None else ""
        by_text.setdefault(parsed[key], []).append(task_id)
    if not by_text:  # every row has its milestones (each start after the first): no transaction
        return 0
    with db.atomic():
        for text, ids in by_text.items():
            for i in range(0, len(ids), 500):
                Task.update(milestones=text).where(Task.id.in_(ids[i:i + 500])).execute()
    return sum(len(ids) for ids in by_text.values())


def next_milestone(t: Task, today: dt.date) -> dt.date | None:
    """The first milestone on or after `today` (a passed one is not chased: the task's due date still is)."""
    return next((d for d in milestones(t) if d >= today), None)


def display_status(t: Task, today: dt.date) -> str:
    """Status shown to the clerk: 逾期 for an open task whose fixed date has passed."""
    due = _fixed_due(t)
    if t.status in OPEN and due is not None and due < today:
        return OVERDUE
    return t.status


def tone(t: Task, today: dt.date) -> str | None:
    """'overdue' / 'soon' for row colouring."""
    if t.status not in OPEN or t.removed_at:
        return None
    due = effective_due(t, today)
    if due is None:
        return None
    if due < today:
        return "overdue" if (t.due_override or t.due_date) else None
    if (due - today).days <= SOON_DAYS:
        return "soon"
    return None


def _status_done_on(status: str, done_on: dt.date | None, today: dt.date) -> dt.date | None:
    """The completion date stored with `status` (today when 已完成 gives none; none otherwise), checked."""
    if status not in STATUSES:
        raise ValidationFailed(f"状态只能是：{'、'.join(STATUSES)}")
    if status != "已完成":
        return None
    done_on = done_on or today
    if done_on > today:
        raise ValidationFailed("完成日期不能晚于今天")
    inputs.check_date(done_on, "完成日期")
    return done_on


def set_status(task_id: int, status: str, *, done_on: dt.date | None = None, today: dt.date,
               seen_version: int | None = None) -> Task:
    """`seen_version`: the version the clerk's screen shows; another clerk's change since raises ConflictError."""
    done_on = _status_done_on(status, done_on, today)
    concurrency.checked_update(Task, task_id, seen_version, "任务", status=status, done_on=done_on,
                               updated_at=_now())
    return get(task_id)


def set_role(task_id: int, role: str | None, *, seen_version: int | None = None) -> None:
    """The clerk's decision on whether the row is the unit's; None goes back to the automatic match.
    `seen_version` as for set_status."""
    if seen_version is None:
        set_roles([task_id], role)
        return
    if role is not None and role not in ROLES:
        raise ValidationFailed(f"角色只能是：{'、'.join(ROLES)}")
    concurrency.checked_update(Task, task_id, seen_version, "任务", role_override=role, updated_at=_now())


# what the task panel edits, as the clerk reads it (the conflict dialog lists the ones that differ)
EDITED = {"role_override": "本单位角色", "due_override": "计划完成日期", "status": "状态", "done_on": "完成日期"}


def screen(seen: Task, changes: dict) -> dict:
    """The edited fields as the clerk's panel shows them: the task as read, with the clerk's `changes`."""
    out = {key: changes[key] if key in changes else getattr(seen, key) for key in EDITED}
    if out["status"] != "已完成":
        out["done_on"] = None
    return out


def differences(mine: dict, theirs: Task) -> list[tuple[str, str, str]]:
    """(label, mine, theirs) for each edited field where the clerk's panel (`screen`) differs from the task a
    colleague saved."""
    def show(key, v) -> str:
        if v is None or v == "":
            return "按清单自动判断" if key == "role_override" else ("按清单时限" if key == "due_override" else "（空）")
        return v.isoformat() if isinstance(v, dt.date) else str(v)
    return [(label, show(key, mine[key]), show(key, getattr(theirs, key))) for key, label in EDITED.items()
            if (mine[key] or None) != (getattr(theirs, key) or None)]


def set_fields(task_id: int, fields: dict, *, today: dt.date, seen_version: int | None) -> None:
    """Write the panel's edited fields (`screen`) together: the clerk's 以我的为准 after a conflict was shown."""
    role, status = fields["role_override"], fields["status"]
    due, done_on = fields["due_override"], fields["done_on"]
    if role is not None and role not in ROLES:
        raise ValidationFailed(f"角色只能是：{'、'.join(ROLES)}")
    done_on = _status_done_on(status, done_on, today)
    inputs.check_date(due, "期限")
    concurrency.checked_update(Task, task_id, seen_version, "任务", role_override=role, status=status,
                               done_on=done_on, due_override=due, updated_at=_now())


def set_roles(task_ids: list[int], role: str | None) -> int:
    """The same decision for many rows at once (confirming a list's 可能涉及 rows), in one transaction.
    Returns how many rows changed."""
    if role is not None and role not in ROLES:
        raise ValidationFailed(f"角色只能是：{'、'.join(ROLES)}")
    ids = sorted(set(task_ids))
    changed = 0
    now = _now()
    with db.atomic():
        for i in range(0, len(ids), 500):  # SQLite's limit on bound parameters
            changed += (Task.update(role_override=role, updated_at=now, version=Task.version + 1)
                        .where(Task.id.in_(ids[i:i + 500])).execute())
    return changed


def set_due(task_id: int, due: dt.date | None, *, seen_version: int | None = None) -> None:
    inputs.check_date(due, "期限")
    concurrency.checked_update(Task, task_id, seen_version, "任务", due_override=due, updated_at=_now())


def add_note(task_id: int, text: str, *, noted_on: dt.date, today: dt.date) -> TaskNote:
    text = inputs.clean_text(text).strip()
    problems = []
    if not text:
        problems.append("推进落实情况不能为空")
    if not inputs.date_ok(noted_on):
        problems.append(inputs.date_problem(noted_on, "日期"))
    if noted_on > today:
        problems.append("日期不能晚于今天")
    if problems:
        raise ValidationFailed("无法保存进展：" + "；".join(problems), problems)
    get(task_id)
    with db.atomic():
        note = TaskNote.create(task=task_id, noted_on=noted_on, text=text, created_at=_now())
        Task.update(updated_at=_now()).where(Task.id == task_id).execute()
    return note


def add_progress(task_id: int, text: str, *, noted_on: dt.date, today: dt.date) -> TaskNote:
    """A 进展 note; a task still 未启动 moves to 推进中 in the same transaction."""
    with db.atomic():
        note = add_note(task_id, text, noted_on=noted_on, today=today)
        if get(task_id).status == "未启动":
            set_status(task_id, "推进中", today=today)
    return note


def delete_note(note_id: int) -> None:
    TaskNote.delete().where(TaskNote.id == note_id).execute()


def notes(task_id: int) -> list[TaskNote]:
    return list(TaskNote.select().where(TaskNote.task == task_id).order_by(TaskNote.noted_on, TaskNote.id))


_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


def add_url(task_id: int, url: str) -> TaskEvidence:
    url = (url or "").strip()
    if not _URL.match(url):
        raise ValidationFailed("公开网址应以 http:// 或 https:// 开头", ["公开网址格式不正确"])
    return TaskEvidence.create(task=get(task_id).id, kind="网址", value=url, added_at=_now())


def add_portal_path(task_id: int, path_text: str) -> TaskEvidence:
    path_text = (path_text or "").strip()
    if not path_text:
        raise ValidationFailed("公开路径不能为空")
    return TaskEvidence.create(task=get(task_id).id, kind="公开路径", value=path_text, added_at=_now())


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(name: str) -> str:
    """A file name safe on Windows and Linux, built from user text."""
    name = _UNSAFE.sub("_", name).strip(" .") or "文件"
    return name[:120]


def file_sha256(path: Path) -> str:
    """SHA-256 of a file read in 1 MB pieces (evidence can be a 400 MB scan; never held whole in memory)."""
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def add_file(task_id: int, source: Path) -> TaskEvidence:
    """Copy a file into the evidence dir (kept with its sha256) and attach it; on a 单位共享数据库 its bytes go
    into the database with the record (store/files.py), so colleagues open it too."""
    source = Path(source)
    if not source.is_file():
        raise ValidationFailed(f"找不到文件“{source.name}”")
    get(task_id)
    size = files.check_size(source, "佐证材料")
    digest = file_sha256(source)
    folder = paths.evidence_dir() / "tasks" / str(task_id)
    folder.mkdir(parents=True, exist_ok=True)
    # cut by what the file system counts (bytes on Linux: 255 is 85 Chinese characters), leaving room for
    # “.part”; the clerk's own name is kept whole in the database (original_name)
    target = folder / shorten(f"{digest[:12]}_{safe_name(source.name)}", name_max(folder) - len(".part"))
    if not target.exists():
        tmp = target.with_name(target.name + ".part")
        shutil.copyfile(source, tmp)
        tmp.replace(target)
    rel = target.relative_to(paths.evidence_dir()).as_posix()
    with db.atomic():
        files.put(f"evidence/{rel}", target, name=source.name)
        return TaskEvidence.create(task=task_id, kind="文件", value=rel, original_name=source.name, sha256=digest,
                                   size=size, added_at=_now())


def evidence(task_id: int) -> list[TaskEvidence]:
    return list(TaskEvidence.select().where(TaskEvidence.task == task_id).order_by(TaskEvidence.id))


def evidence_file(ev: TaskEvidence) -> Path:
    """The evidence file on this computer (on a server: read from the database into this computer's copy)."""
    if files.shared():
        found = files.local(f"evidence/{ev.value}", expect_sha256=ev.sha256 or "")
        if found is not None:
            return found
    return paths.evidence_dir() / ev.value


def verify_file(ev: TaskEvidence) -> bool:
    """True when the stored copy still has the hash recorded when it was attached."""
    p = evidence_file(ev)
    return p.is_file() and file_sha256(p) == ev.sha256


def file_problem(ev: TaskEvidence) -> str:
    """'' when the evidence file opens as it was attached; else why not, in Chinese."""
    p = evidence_file(ev)
    if p.is_file() and file_sha256(p) == ev.sha256:
        return ""
    name = ev.original_name or Path(ev.value).name
    if files.shared() and not p.is_file():
        return (f"共享数据库中没有佐证材料“{name}”：它是在佐证材料存入共享数据库之前添加的，只保存在当时添加它的电脑上。"
                "请在那台电脑上打开一次（会自动存入共享数据库），或重新添加该文件。")
    return f"该文件已被移动或改动（校验值不符）：{name}"


def remove_evidence(evidence_id: int) -> None:
    with db.atomic():
        ev = TaskEvidence.get_or_none(TaskEvidence.id == evidence_id)
        TaskEvidence.delete().where(TaskEvidence.id == evidence_id).execute()
        if ev is not None and ev.kind == "文件" and not TaskEvidence.select().where(
                TaskEvidence.kind == "文件", TaskEvidence.value == ev.value).exists():
            files.drop(f"evidence/{ev.value}")  # a server keeps no file nothing points at


def evidence_text(items: list[TaskEvidence]) -> str:
    """One line per item for the 台账's 佐证 column."""
    out = []
    for e in items:
        if e.kind == "文件":
            out.append(f"文件：{e.original_name}（SHA-256 {e.sha256[:12]}…）")
        else:
            out.append(f"{e.kind}：{e.value}")
    return "\n".join(out)


def lists() -> list[TaskList]:
    return list(TaskList.select().order_by(TaskList.year.desc(), TaskList.issuer))


def tasks(list_id: int | None = None, *, include_removed: bool = False) -> list[Task]:
    q = Task.select()
    if list_id is not None:
        q = q.where(Task.list == list_id)
    if not include_removed:
        q = q.where(Task.removed_at.is_null())
    return list(q.order_by(Task.list, Task.position))
