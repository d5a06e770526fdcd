"""What the unit writes back into the office's own table (填回原表): each stored task with where it came from and
its 完成情况 as a clerk would type it — the status (and the day it was done), the 进展 notes dated once, and the
佐证 named by what it is (“相关信息已在网站公开，留存会议纪要、照片两张等佐证材料”), never a file code.

    items(list_id, today=…, all_rows=False)   # every live task, in list order; .write on the unit's rows
    (gwdesk.io.fillback writes them into the file; core.tasks.originals keeps the file)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gwdesk.core.tasks.export import LedgerRow, ledger_rows
from gwdesk.core.tasks.wording import END_PUNCT, bare, evidence_text, note_text


@dataclass
class FillItem:
    task_id: int
    source_row: int  # the row it was imported from (the sheet's row, or the row inside its Word table)
    seq: str
    task: str
    measure: str
    text: str  # what goes into the 完成情况 cell
    write: bool  # this row gets its text (the unit's rows, or every row when all are asked for)
    mine: bool


def _sentence(text: str) -> str:
    text = text.rstrip(END_PUNCT)
    return text + "。" if text else ""


def progress_text(row: LedgerRow) -> str:
    """The 完成情况 cell of one task: status line, what was done, the 佐证 (one line each)."""
    t = row.task
    if t.status == "已完成":
        head = f"已完成（{t.done_on.year}年{t.done_on.month}月{t.done_on.day}日）" if t.done_on else "已完成"
    else:
        head = t.status  # 推进中 / 未启动 / 不适用: what the unit says, not 逾期 (the office judges that)
    lines = [head]
    said = "；".join(note_text(n.noted_on, n.text) for n in row.notes if bare(n.text))
    if said:
        lines.append(_sentence(said))
    files = [e.original_name or e.value if e.kind == "文件" else e.value for e in row.evidence
             if e.kind in ("文件", "网址")]
    proof = evidence_text([f for f in files if f])
    paths = [e.value for e in row.evidence if e.kind == "公开路径"]
    if paths:
        proof = "，".join([p for p in [proof] if p] + ["公开路径：" + "；".join(paths)])
    if proof:
        lines.append(_sentence(proof))
    return "\n".join(lines)


def items(list_id: int, *, today: dt.date, all_rows: bool = False) -> list[FillItem]:
    """Every live task of the list in the list's order (all are needed to find the rows and to check a file is the
    list's own), each with its text; `write` on the unit's rows, or on all with `all_rows`."""
    out = []
    for r in ledger_rows(list_id, today=today, mine_only=False):
        t = r.task
        mine = r.role != "不涉及"
        out.append(FillItem(t.id, t.source_row, t.seq, t.task, t.measure, progress_text(r),
                            write=mine or all_rows, mine=mine))
    return out
