"""Events are recorded once they happened: an answer, a payment or a decision dated after today is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any


def future_problem(d: Any, label: str, today: dt.date | None) -> str | None:
    """“答复日期：2026-12-01晚于今天（2026-11-20），…” for an event dated after today, else None."""
    today = today or dt.date.today()
    if isinstance(d, dt.date) and d > today:
        return f"{label}：{d.isoformat()}晚于今天（{today.isoformat()}），尚未发生的事不能登记，请核对日期"
    return None
