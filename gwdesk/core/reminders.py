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
    ref: str = ""  # the record the line names, as the section's show_record(ref) takes it: an id (意见单, task,
    # application), the report's year, "backup" (设置's 数据备份与恢复); "" names none


_SECTIONS = {"applications": "依申请公开", "tasks": "任务台账", "review": "公开审查", "report": "年度报告",
             "settings": "数据备份"}
# a provider's module (gwdesk.core.<package>.reminders, gwdesk.core.backup_reminders) → the sidebar key it reminds of
_MODULE_SECTIONS = {"applications": "applications", "tasks": "tasks", "review": "review", "annual_report": "report",
                    "backup_reminders": "settings"}


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
            section = next((v for k, v in _MODULE_SECTIONS.items() if f".{k}." in f".{name}."), "tasks")
            out.append(Reminder(section=section, severity="today", due=None,
                                text=f"【{_SECTIONS[section]}】有记录无法读取，部分提醒未能列出（详见日志），请检查该栏目中的日期"))
    order = {"overdue": 0, "today": 1, "soon": 2}
    return sorted(out, key=lambda r: (order[r.severity], r.due or dt.date.max, r.text))
