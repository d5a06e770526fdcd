"""A task list as read from the issuer's file (ParsedList / ParsedTask), before deadlines and roles are worked out.

io/tasklist parses files into these types; core/tasks works on them and never reads files itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FIELDS = ["seq", "category", "subcategory", "task", "measure", "lead", "resp", "deadline", "path", "note"]
FIELD_LABELS = {"seq": "序号", "category": "一级类别", "subcategory": "二级类别", "task": "工作任务",
                "measure": "主要内容", "lead": "牵头单位", "resp": "责任单位", "deadline": "完成时限",
                "path": "公开路径", "note": "备注"}

_SPACES = re.compile(r"[ \t\r\n\u3000\xa0]+")


def squash(text: str) -> str:
    """Text with every space removed, for matching header words like “贯 彻 举 措”."""
    return _SPACES.sub("", text or "")


@dataclass
class ParsedTask:
    row: int  # the row number the clerk sees in the source
    position: int  # 1… in list order
    seq: str = ""
    category: str = ""
    subcategory: str = ""
    task: str = ""
    measure: str = ""
    lead_units: list[str] = field(default_factory=list)
    resp_units: list[str] = field(default_factory=list)
    deadline_text: str = ""
    deadline_in_text: bool = False  # found inside the measure, no 完成时限 column value
    publish_path: str = ""
    note: str = ""
    raw: dict[str, str] = field(default_factory=dict)  # field → cell text as in the source
    grid_row: int = -1  # the row's index in the reader's grid: what the clerk's row fixes are keyed by
    section_row: int = -1  # the grid row of the section row its category came from (-1: a column, or none)

    @property
    def sequence(self) -> str:
        return self.seq or str(self.position)


@dataclass
class ColumnGuess:
    """How sure the reader is of one column's field, and why (Chinese, shown to the clerk)."""
    column: int
    header: str
    field: str | None
    confidence: float  # 1.0 header word matched exactly … 0.0 nothing to go on
    why: str = ""

    @property
    def uncertain(self) -> bool:
        return self.confidence < 0.8


@dataclass
class ParsedList:
    file: str
    sheet: str
    title: str = ""
    issuer: str = ""
    addressee: str = ""  # the one unit a list is addressed to (no unit column): every row is its own
    year: int | None = None
    issued_on: object = None  # datetime.date
    header_row: int | None = None  # index into the grid; None when no header was found
    header_labels: dict[str, str] = field(default_factory=dict)  # field → the issuer's header text
    mapping: dict[int, str | None] = field(default_factory=dict)  # column → field (None: ignored)
    columns: list[str] = field(default_factory=list)  # header text of each grid column
    guesses: list[ColumnGuess] = field(default_factory=list)  # per column, with its confidence
    needs_mapping: bool = False
    reasons: list[str] = field(default_factory=list)  # why detection is unsure (Chinese)
    tasks: list[ParsedTask] = field(default_factory=list)
    preview_rows: list[list[str]] = field(default_factory=list)  # first rows under the header, for the dialog

    def uncertain_columns(self) -> list[ColumnGuess]:
        return [g for g in self.guesses if g.uncertain]
