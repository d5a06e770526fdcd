"""The record of what happened to an application or a 复议/诉讼 case after it was entered: voided, corrected,
answered again, 办结 withdrawn. Entries are written in the same transaction as the change they describe."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gwdesk.store.applications_models import History


def now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def record(action: str, detail: str = "", *, app: Any = None, case: Any = None) -> History:
    return History.create(application=getattr(app, "id", app), case=getattr(case, "id", case), at=now(),
                          action=action, detail=detail)


def entries(*, app: Any = None, case: Any = None) -> list[History]:
    """Oldest first: an application's own entries and its cases' entries, or one case's."""
    q = History.select()
    if app is not None:
        q = q.where(History.application == getattr(app, "id", app))
    if case is not None:
        q = q.where(History.case == getattr(case, "id", case))
    return list(q.order_by(History.at, History.id))


def line(h: History) -> str:
    return f"{h.at.replace('T', ' ')[:16]}  {h.action}" + (f"：{h.detail}" if h.detail else "")
