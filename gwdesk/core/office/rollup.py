"""汇总: many units' progress files on one task list → task × unit matrix, completion rates, who is missing.

Files are read by gwdesk.io.progress_json; here they are matched to the list by its identity (a file
for another list, year or version is refused and named), a unit that sent twice counts once — the
file with the later `as_of` — and every unit the list names one by one is checked off.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from gwdesk.core.office.progress import ListIdentity, Note, Progress, TaskProgress, named_units
from gwdesk.core.tasks.matching import variants
from gwdesk.errors import GwdeskError

USED, OLDER, OTHER_LIST, DAMAGED = "已汇总", "重复报送", "清单不符", "无法读取"
OVERDUE = "逾期"


@dataclass
class Received:
    """One file as read: its progress, or why it could not be read."""

    file: str
    progress: Progress | None = None
    problem: str = ""


@dataclass
class Row:
    """One task of the list: the matrix's row."""

    position: int
    seq: str
    task: str
    measure: str = ""
    category: str = ""
    lead_units: list[str] = field(default_factory=list)
    resp_units: list[str] = field(default_factory=list)
    deadline: str = ""

    @property
    def label(self) -> str:
        text = self.task or self.measure
        return text if len(text) <= 40 else text[:40] + "…"


@dataclass
class Cell:
    role: str
    status: str  # 未启动 / 推进中 / 已完成 / 不适用 / 逾期
    due: dt.date | None
    done_on: dt.date | None
    notes: list[Note]
    evidence: int

    @property
    def latest(self) -> str:
        """The newest progress note, dated ('' when none)."""
        n = max(self.notes, key=lambda n: n.on, default=None)
        return f"{n.on:%Y-%m-%d} {n.text}" if n else ""


@dataclass
class UnitReport:
    name: str
    level: str
    file: str
    as_of: dt.date
    cells: dict[int, Cell]  # position → cell
    aliases: list[str] = field(default_factory=list)
    days_late: int = 0  # its as_of after the office's 报送截止日期

    def count(self, status: str) -> int:
        return sum(1 for c in self.cells.values() if c.status == status)

    @property
    def lead(self) -> int:
        return sum(1 for c in self.cells.values() if c.role == "牵头")

    @property
    def rate(self) -> float | None:
        """Share of the unit's applicable tasks that are done (None when it has none)."""
        applicable = len(self.cells) - self.count("不适用")
        return self.count("已完成") / applicable if applicable else None


@dataclass
class FileEntry:
    file: str
    unit: str
    as_of: dt.date | None
    status: str  # 已汇总 / 重复报送 / 清单不符 / 无法读取
    problem: str = ""


@dataclass
class OfficeRollup:
    identity: ListIdentity
    today: dt.date
    rows: list[Row]
    units: list[UnitReport]
    files: list[FileEntry]
    missing: list[str]  # named in the list one by one, no file received
    deadline: dt.date | None = None  # the office's 报送截止日期

    @property
    def late(self) -> list[UnitReport]:
        return [u for u in self.units if u.days_late > 0]

    @property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(r.category for r in self.rows if r.category))

    def status_counts(self) -> Counter:
        return Counter(c.status for u in self.units for c in u.cells.values())

    def refused(self) -> list[FileEntry]:
        return [f for f in self.files if f.status in (OTHER_LIST, DAMAGED)]


def _cell(t: TaskProgress, today: dt.date) -> Cell:
    status = t.status
    if t.due is not None and t.due < today and status in ("未启动", "推进中"):
        status = OVERDUE
    return Cell(t.role, status, t.due, t.done_on, t.notes, len(t.evidence))


def _reference(got: list[Progress]) -> ListIdentity:
    """The list most files answer (the newest file's among equals)."""
    if not got:
        raise GwdeskError("没有可汇总的任务进展报送文件")
    counts = Counter(p.list for p in got)
    top = max(counts.values())
    return max((p for p in got if counts[p.list] == top), key=lambda p: p.as_of).list


def rows_from(got: list[Progress], identity: ListIdentity) -> list[Row]:
    """The list's rows as the files tell them (each file carries the rows its unit takes part in)."""
    by_pos: dict[int, Row] = {}
    for p in got:
        for t in p.tasks:
            if t.position not in by_pos:
                by_pos[t.position] = Row(t.position, t.seq, t.task, t.measure, t.category, t.lead_units,
                                         t.resp_units, t.deadline)
    return [by_pos.get(i) or Row(i, str(i), f"（第{i}项，暂无单位报送）") for i in range(1, identity.rows + 1)]


def missing_units(rows: list[Row], reporters: list[list[str]]) -> list[str]:
    """Units the rows name one by one that no reporter is (区民政局 = 青川县民政局; groups are not named)."""
    named: dict[str, list[str]] = {}
    for r in rows:
        for u in named_units(r.lead_units, r.resp_units):
            named.setdefault(u, [])
    by_variant: dict[str, list[str]] = {}
    for u in named:
        for v in variants(u):
            by_variant.setdefault(v, []).append(u)
    seen: set[str] = set()
    for names in reporters:  # a unit's name and aliases
        for name in names:
            for v in variants(name):
                seen.update(by_variant.get(v, ()))
    return [u for u in named if u not in seen]


def respell(expected: list[str], present: list[str]) -> list[str]:
    """Each expected name as a present unit spells it when they are the same unit (区民政局 → 青川县民政局)."""
    by_variant: dict[str, str] = {}
    for name in present:
        for v in variants(name):
            by_variant.setdefault(v, name)
    out = []
    for name in expected:
        hit = next((by_variant[v] for v in variants(name) if v in by_variant), name)
        if hit not in out:
            out.append(hit)
    return out


def collect(received: list[Received], *, today: dt.date, reference: ListIdentity | None = None,
            rows: list[Row] | None = None, deadline: dt.date | None = None) -> OfficeRollup:
    """Match every file to the list (the one given, else the one most files answer) and roll up."""
    files: list[FileEntry] = []
    good: list[tuple[Received, Progress]] = []
    for rc in received:
        if rc.progress is None:
            files.append(FileEntry(rc.file, "", None, DAMAGED, rc.problem))
        else:
            good.append((rc, rc.progress))
    ident = reference or _reference([p for _, p in good])
    newest: dict[str, tuple[Received, Progress]] = {}
    for rc, p in good:
        why = p.list.differs(ident)
        if why:
            files.append(FileEntry(rc.file, p.unit.name, p.as_of, OTHER_LIST, why))
            continue
        held = newest.get(p.unit.name)
        if held is None or p.as_of > held[1].as_of:
            newest[p.unit.name] = (rc, p)
    for rc, p in good:
        if p.list.differs(ident):
            continue
        keep_rc, keep = newest[p.unit.name]
        if keep_rc is rc:
            files.append(FileEntry(rc.file, p.unit.name, p.as_of, USED))
        else:
            files.append(FileEntry(rc.file, p.unit.name, p.as_of, OLDER,
                                   f"已使用该单位较新的报送（{keep_rc.file}，截至{keep.as_of:%Y-%m-%d}）"))
    used = [p for _, p in newest.values()]
    if rows is None:
        rows = rows_from(used, ident)
    units = sorted((UnitReport(p.unit.name, p.unit.level, rc.file, p.as_of,
                               {t.position: _cell(t, today) for t in p.tasks}, list(p.unit.aliases))
                    for rc, p in newest.values()),
                   key=lambda u: u.name)
    if deadline:
        for u in units:
            u.days_late = max(0, (u.as_of - deadline).days)
    return OfficeRollup(ident, today, rows, units, files, missing_units(rows, [[u.name, *u.aliases] for u in units]),
                        deadline)
