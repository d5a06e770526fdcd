"""Start-up reminders (到期、逾期) gathered from every domain into one list."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Reminder:
    section: str  # sidebar key: tasks / applications / review
    severity: Literal["overdue", "today", "soon"]
    due: dt.date | None
    text: str  # one Chinese line, e.g. “【依申请公开】2026-013 张*三 今日到期”
    ref: str = ""  # record id the screen can open


def collect(ctx, providers: list[str]) -> list[Reminder]:
    out: list[Reminder] = []
    for spec in providers:
        mod_name, func = spec.split(":")
        if importlib.util.find_spec(mod_name.rsplit(".", 1)[0]) is None:
            continue
        try:
            if importlib.util.find_spec(mod_name) is None:
                continue
        except ModuleNotFoundError:
            continue
        out.extend(getattr(importlib.import_module(mod_name), func)(ctx))
    order = {"overdue": 0, "today": 1, "soon": 2}
    return sorted(out, key=lambda r: (order[r.severity], r.due or dt.date.max, r.text))
