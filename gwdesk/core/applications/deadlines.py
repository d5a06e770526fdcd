"""Due-date engine: an application's statutory reply deadline from its receipt date and steps.

Rules (条例 第三十、三十二、三十三条; 国办函〔2020〕109号):
- reply within 20 working days, the day of receipt not counted;
- a 补正 notice is due within 7 working days of receipt; once the 补正 arrives the clock restarts
  from that day; while it is awaited there is no reply deadline, only the applicant's 补正期限;
- 征求第三方意见 pauses the clock from the request until the reply, at most 15 working days;
- a 收费 notice pauses the clock until payment; payment is due within 20 working days;
- one 延期 of at most 20 working days adds to the deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from gwdesk.core import inputs
from gwdesk.core import workdays as wd
from gwdesk.core.applications import (BUZHENG_NOTICE_DAYS, PAYMENT_DAYS, REPLY_DAYS,
                                      THIRD_PARTY_DAYS)

OPEN, WAIT_BUZHENG, WAIT_THIRD, WAIT_PAY, CLOSED = "办理中", "待补正", "征求意见中", "待缴费", "已办结"
VOIDED = "已作废"  # a voided application (a duplicate registration, a mistake): kept, never counted
BAD_DATE = "日期有误"  # a stored date outside 1990–2100 (or not a date): no deadline arithmetic, a marker instead


@dataclass
class DueInfo:
    state: str
    due: dt.date | None            # what the clerk must act by now (reply, or the awaited step's end)
    reply_due: dt.date | None      # the statutory reply deadline (None while 补正/payment is awaited)
    clock_start: dt.date
    paused: int = 0                # working days not counted (third party, fee)
    extension: int = 0
    notes: list[str] = field(default_factory=list)
    suggested_outcome: str | None = None  # 3.6.1 / 3.6.2 when the applicant let a period lapse
    warning: str | None = None     # beyond known holiday data


def _steps(app: Any, steps: Iterable[Any] | None) -> list[Any]:
    items = list(steps) if steps is not None else list(getattr(app, "steps", []))
    return sorted(items, key=lambda s: (s.started, getattr(s, "id", 0) or 0))


def date_problems(app: Any, steps: Iterable[Any] = ()) -> list[str]:
    """Dates of a stored application or its steps that no deadline can be computed from (Chinese)."""
    out = []
    for label, value, required in (("收到日期", app.received, True), ("答复日期", getattr(app, "closed", None), False)):
        if (value is not None or required) and not inputs.date_ok(value):
            out.append(f"{label}“{value}”")
    for s in steps:
        for label, value in (("开始日期", s.started), ("结束日期", getattr(s, "ended", None)),
                             ("期限", getattr(s, "deadline", None))):
            if (value is not None or label == "开始日期") and not inputs.date_ok(value):
                out.append(f"{s.kind}{label}“{value}”")
    return out


def compute(app: Any, today: dt.date, steps: Iterable[Any] | None = None) -> DueInfo:
    """Due information for one application (`app.received`, `app.closed`; steps with kind/started/ended/…).

    A date outside 1990–2100 gives state BAD_DATE with the problem in `notes` (never an exception)."""
    steps = list(steps) if steps is not None else list(getattr(app, "steps", []))
    bad = date_problems(app, steps)
    if bad:
        start = app.received if isinstance(app.received, dt.date) else dt.date.min
        return DueInfo(BAD_DATE, None, None, start,
                       notes=[f"{'、'.join(bad)}超出{inputs.RANGE_TEXT}或无法识别，无法计算期限，请核对后改正"])
    steps = _steps(app, steps)
    received = app.received
    start = received
    notes: list[str] = []
    suggested = None
    awaiting: tuple[str, dt.date | None] | None = None

    buzheng = [s for s in steps if s.kind == "补正"]
    if buzheng:
        b = buzheng[0]
        latest = wd.add_workdays(received, BUZHENG_NOTICE_DAYS)
        if b.started > latest:
            notes.append(f"补正通知应在收到申请后7个工作日内（{latest.isoformat()}前）发出，实际{b.started.isoformat()}发出")
        if b.ended:
            start = b.ended  # 第三十条: the reply period restarts when the 补正 arrives
        else:
            awaiting = (WAIT_BUZHENG, b.deadline)
            if b.deadline and today > b.deadline:
                suggested = "3.6.1"
            elif b.deadline is None:
                notes.append("补正通知没有记录补正期限：无从判断申请人是否逾期未补正（视为放弃申请），请补录期限")

    paused = 0
    extension = 0
    for s in steps:
        if s.kind == "征求第三方意见" and s.started >= start:
            cap = wd.add_workdays(s.started, THIRD_PARTY_DAYS)
            end = min(s.ended, cap) if s.ended else cap
            paused += max(0, wd.workdays_between(s.started, end))
            if not s.ended and today <= cap and awaiting is None:
                awaiting = (WAIT_THIRD, cap)
        elif s.kind == "收费" and s.started >= start:
            pay_due = wd.add_workdays(s.started, PAYMENT_DAYS)
            if s.ended:
                paused += max(0, wd.workdays_between(s.started, s.ended))
            elif awaiting is None:
                awaiting = (WAIT_PAY, pay_due)
                if today > pay_due:
                    suggested = "3.6.2"
        elif s.kind == "延期":
            extension = min(s.days or 0, 20) if not extension else extension

    closed = getattr(app, "closed", None)
    reply_due = None
    if not (awaiting and awaiting[0] in (WAIT_BUZHENG, WAIT_PAY)):
        reply_due = wd.add_workdays(start, REPLY_DAYS + extension + paused)
    warning = wd.range_warning(received, reply_due or (awaiting[1] if awaiting and awaiting[1] else received))

    if closed:
        if warning and reply_due and reply_due.year > closed.year and wd.covered(closed.year) \
                and wd.range_warning(received, closed) is None:
            # answered while every working day so far is known, before a deadline in a year without holiday
            # data: on time whatever that year's 调休 turn out to be, so nothing to warn about
            warning = None
        info = DueInfo(CLOSED, None, reply_due, start, paused, extension, notes, None, warning)
        if reply_due and closed > reply_due:
            info.notes.append(f"答复日期{closed.isoformat()}晚于法定期限{reply_due.isoformat()}")
        return info
    if awaiting:
        state, due = awaiting
        if state == WAIT_THIRD:
            due = reply_due  # the reply deadline already counts the pause
        return DueInfo(state, due, reply_due, start, paused, extension, notes, suggested, warning)
    return DueInfo(OPEN, reply_due, reply_due, start, paused, extension, notes, None, warning)


def tone(info: DueInfo, today: dt.date) -> str | None:
    """'overdue' (red), 'today' or 'soon' (amber: within 3 working days), else None."""
    if info.state in (CLOSED, BAD_DATE, VOIDED) or info.due is None:
        return None
    if today > info.due:
        return "overdue"
    if today == info.due:
        return "today"
    if wd.workdays_between(today, info.due) <= 3:
        return "soon"
    return None


def calc_due(received: dt.date, days: int = REPLY_DAYS, extension: int = 0, paused: int = 0) -> dt.date:
    """The plain arithmetic behind `gwdesk calc due`."""
    return wd.add_workdays(received, days + extension + paused)
