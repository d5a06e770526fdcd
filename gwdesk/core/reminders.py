"""Start-up reminders (到期、逾期) gathered from every domain into one list."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Callable, Literal

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)  # (thousands at start-up)
class Reminder:
    section: str  # sidebar key: tasks / applications / review
    severity: Literal["overdue", "today", "soon"]
    due: dt.date | None
    text: str  # one Chinese line, e.g. “【依申请公开】2026-013 张*三 今日到期”
    ref: str = ""  # record id the screen can open


_SECTIONS = {"applications": "依申请公开", "tasks": "任务台账", "review": "公开审查", "annual_report": "年度报告"}


def collect(ctx, providers: list[Callable]) -> list[Reminder]:
    """Every provider's reminders (each takes ctx), most urgent first; a domain whose records cannot be read
    gives one line saying so (and the log has the details) instead of emptying the whole list."""
    out: list[Reminder] = []
    for provide in providers:
        try:
            out.extend(provide(ctx))
        except Exception:  # one unreadable record must not hide every other reminder
            name = f"{provide.__module__}.{provide.__name__}"
            log.exception("reminders from %s failed", name)
            section = next((k for k in _SECTIONS if f".{k}." in f".{name}."), "tasks")
            out.append(Reminder(section=section, severity="today", due=None,
                                text=f"【{_SECTIONS[section]}】有记录无法读取，部分提醒未能列出（详见日志），请检查该栏目中的日期"))
    order = {"overdue": 0, "today": 1, "soon": 2}
    return sorted(out, key=lambda r: (order[r.severity], r.due or dt.date.max, r.text))
