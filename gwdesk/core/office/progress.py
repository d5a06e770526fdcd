"""A unit's progress on one task list, as it travels to the office (`gwdesk.task-progress/1`).

The list is identified by issuer, year, title and a fingerprint of its rows (序号 and text), so the
office can tell which list — and which version of it — a file answers. No applicant data exists here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

SCHEMA = "gwdesk.task-progress/1"
ROLES = ("牵头", "责任", "可能涉及")  # a task the unit does not take part in is not sent
STATUSES = ("未启动", "推进中", "已完成", "不适用")
EVIDENCE_KINDS = ("网址", "公开路径", "文件")
_SPACES = re.compile(r"[ \t\r\n\u3000\xa0]+")


@dataclass
class UnitInfo:
    name: str
    level: str = ""
    supervisor: str = ""
    aliases: list[str] = field(default_factory=list)  # other names the unit goes by (区教委 for 区教育委员会)


@dataclass(frozen=True)
class ListIdentity:
    issuer: str
    year: int
    title: str
    rows: int
    fingerprint: str

    def differs(self, other: ListIdentity) -> str:
        """Why `self` (a file's list) is not `other` (the office's), in Chinese; '' when it is the same.

        The rows decide: the same rows in the same year are the same list whatever a clerk typed as its title.
        """
        if self.year != other.year:
            return f"报送的是{self.year}年的清单，本次汇总{other.year}年"
        if self.fingerprint == other.fingerprint:
            return ""
        if (self.issuer, self.title) == (other.issuer, other.title):
            return (f"清单版本不同（报送文件按{self.rows}项任务的版本填报，本次汇总的清单{other.rows}项、"
                    f"内容有改动），请该单位导入最新清单后重新报送")
        return f"报送的是《{self.title or self.issuer}》，不是本次汇总的《{other.title or other.issuer}》"


@dataclass
class Note:
    on: dt.date
    text: str


@dataclass
class Evidence:
    kind: str  # 网址 / 公开路径 / 文件 (a file travels as its name and SHA-256 only)
    value: str
    sha256: str = ""


@dataclass
class TaskProgress:
    position: int  # 1… in the list's order: the row the office's matrix puts it on
    seq: str
    task: str
    measure: str
    role: str
    status: str
    category: str = ""
    lead_units: list[str] = field(default_factory=list)
    resp_units: list[str] = field(default_factory=list)
    deadline: str = ""  # the issuer's wording
    due: dt.date | None = None
    done_on: dt.date | None = None
    notes: list[Note] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def overdue(self, on: dt.date) -> bool:
        return self.status in ("未启动", "推进中") and self.due is not None and self.due < on


@dataclass
class Progress:
    unit: UnitInfo
    list: ListIdentity
    as_of: dt.date
    tasks: list[TaskProgress] = field(default_factory=list)
    generator: str = ""


def _squash(text: str) -> str:
    return _SPACES.sub("", text or "")


def fingerprint(rows: Iterable[tuple[str, str, str]]) -> str:
    """SHA-256 over each row's (序号, 工作任务, 主要内容) with spaces removed, in list order."""
    h = hashlib.sha256()
    for seq, task, measure in rows:
        h.update(f"{_squash(seq)}\t{_squash(task)}\t{_squash(measure)}\n".encode())
    return h.hexdigest()


def identity(issuer: str, year: int, title: str, rows: list[tuple[str, str, str]]) -> ListIdentity:
    return ListIdentity(issuer, year, title, len(rows), fingerprint(rows))


def named_units(lead: list[str], resp: list[str]) -> list[str]:
    """Units a row names one by one (区民政局), not groups (区政府各部门, 各乡镇(街道), 有关单位)."""
    out = []
    for u in [*lead, *resp]:
        u = u.strip()
        if u and "各" not in u and "有关" not in u and "相关" not in u and "其他" not in u and u not in out:
            out.append(u)
    return out
