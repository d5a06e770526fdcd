"""The task list's model and filter: RowsModel columns over Task rows, a proxy filtering by role/status/category/text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QSortFilterProxyModel

from gwdesk.core.tasks import tracking
from gwdesk.ui.common.table_model import Column, RowsModel, RowsProxy

MINE = "本单位全部"
EVERYTHING = "全部"
ROLE_FILTERS = [MINE, "牵头", "责任", "可能涉及", "不涉及", EVERYTHING]
STATUS_FILTERS = [EVERYTHING, "未完成", "逾期", "7天内到期", "未启动", "推进中", "已完成", "不适用"]


def _short(text: str, n: int = 60) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


def build_model(today: Callable[[], dt.date], parent: QObject | None = None) -> RowsModel:
    tr = (parent.tr if parent is not None else (lambda s: s))

    def due_text(t):
        d = tracking.effective_due(t, today())
        return d.isoformat() if d else ""

    columns = [
        Column(tr("序号"), lambda t: t.seq or str(t.position), sort_key=lambda t: t.position, width=48),
        Column(tr("类别"), lambda t: _short(t.category, 14), sort_key=lambda t: t.position, width=150),
        Column(tr("工作任务"), lambda t: _short(t.task, 24), width=150),
        Column(tr("主要内容"), lambda t: _short(t.measure), width=380),
        Column(tr("牵头单位"), lambda t: "、".join(t.lead_units), width=130),
        Column(tr("责任单位"), lambda t: "、".join(t.resp_units), width=170),
        Column(tr("完成时限"), lambda t: t.deadline_text, width=110),
        Column(tr("计划完成日期"), due_text, sort_key=lambda t: tracking.effective_due(t, today()) or dt.date.max,
               width=96),
        Column(tr("本单位角色"), lambda t: t.role + ("（已确认）" if t.role_override else ""), width=90),
        Column(tr("状态"), lambda t: tracking.display_status(t, today()), width=64),
    ]
    return RowsModel(columns, [], parent, row_tone=lambda t: tracking.tone(t, today()))


class TaskFilter(RowsProxy):
    """Role / status / category / free-text filter over the rows (no SQL per keystroke: the list is in memory)."""

    def __init__(self, today: Callable[[], dt.date], parent=None):
        super().__init__(parent)
        self.today = today
        self.role = MINE
        self.status = EVERYTHING
        self.category = ""
        self.text = ""
        self.setSortRole(RowsModel.SortRole)

    def set(self, *, role=None, status=None, category=None, text=None) -> None:
        modern = hasattr(self, "beginFilterChange")  # Qt ≥ 6.10 replaces invalidateFilter()
        if modern:
            self.beginFilterChange()
        if role is not None:
            self.role = role
        if status is not None:
            self.status = status
        if category is not None:
            self.category = category
        if text is not None:
            self.text = text.strip()
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def accepts(self, t) -> bool:
        if self.role == MINE and t.role == "不涉及":
            return False
        if self.role not in (MINE, EVERYTHING) and t.role != self.role:
            return False
        if self.category and t.category != self.category:
            return False
        if self.status != EVERYTHING:
            shown = tracking.display_status(t, self.today())
            if self.status == "未完成" and t.status not in tracking.OPEN:
                return False
            if self.status == "逾期" and shown != tracking.OVERDUE:
                return False
            if self.status == "7天内到期" and tracking.tone(t, self.today()) != "soon":
                return False
            if self.status in tracking.STATUSES and t.status != self.status:
                return False
        if self.text:
            hay = " ".join([t.seq, t.category, t.subcategory, t.task, t.measure, " ".join(t.lead_units),
                            " ".join(t.resp_units), t.deadline_text, t.note])
            if self.text not in hay:
                return False
        return True

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        model = self.sourceModel()
        return self.accepts(model.row_at(source_row))

    def lessThan(self, left, right) -> bool:
        a, b = left.data(RowsModel.SortRole), right.data(RowsModel.SortRole)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
