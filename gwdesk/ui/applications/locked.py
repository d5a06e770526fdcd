"""A change that would move the 表三/表四 figures of a year marked complete (locked, or its report 定稿): the clerk is
told which cells and decides."""

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
        tail = []
        if "locked" in e.kinds.values():
            tail.append(parent.tr("已锁定的数字将按上述变化更新，并记入历史记录。"))
        if "final" in e.kinds.values():
            tail.append(parent.tr("已定稿的年度报告不会自动改变；需要时请取消定稿后重新“从台账取数”。"))
        if not alerts.ask(parent, parent.tr("已完成年度的数字将变化"),
                          e.message + "\n\n" + parent.tr("确认修改？") + "".join(tail)):
            return None
    return change(True)
