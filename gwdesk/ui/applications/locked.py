"""A change that would move a locked year's 表三/表四 figures: the clerk is told which cells and decides."""

from __future__ import annotations

from typing import Callable, TypeVar

from gwdesk.core.applications.aggregate import MovesLockedYear
from gwdesk.ui.common import alerts

T = TypeVar("T")


def run_guarded(parent, change: Callable[[bool], T]) -> T | None:
    """`change(confirm)`; when it would move a locked year, ask (naming the cells) and run it again confirmed.
    None when the clerk said no (nothing saved)."""
    try:
        return change(False)
    except MovesLockedYear as e:
        if not alerts.ask(parent, parent.tr("锁定年度的数字将变化"),
                          e.message + parent.tr("\n\n确认修改？锁定的数字将按上述变化更新，并记入历史记录。")):
            return None
    return change(True)
