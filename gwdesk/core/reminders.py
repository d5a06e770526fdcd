"""Start-up reminders (到期、逾期) gathered from every domain into one list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Literal


@dataclass(frozen=True)
class Reminder:
    section: str  # sidebar key: tasks / applications / review
    severity: Literal["overdue", "today", "soon"]
    due: dt.date | None
    text: str  # one Chinese line, e.g. “【依申请公开】2026-013 张*三 今日到期”
    ref: str = ""  # record id the screen can open


def collect(ctx, providers: list[Callable]) -> list[Reminder]:
    """Every provider's reminders (each takes ctx), most urgent first."""
    out: list[Reminder] = []
    for provide in providers:
        out.extend(provide(ctx))
    order = {"overdue": 0, "today": 1, "soon": 2}
    return sorted(out, key=lambda r: (order[r.severity], r.due or dt.date.max, r.text))
