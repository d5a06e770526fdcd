"""The task list's model and filter: RowsModel columns over Task rows, a proxy filtering by role/status/category/text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt

from gwdesk.core.tasks import tracking
from gwdesk.ui.common.table_model import Column, RowsModel, RowsProxy

MINE = "本单位全部"
EVERYTHING = "全部"
ROLE_FILTERS = [MINE, "牵头", "责任", "可能涉及", "不涉及", EVERYTHING]
STATUS_FILTERS = [EVERYTHING, "未完成", "逾期", "7天内到期", "未启动", "推进中", "已完成", "不适用"]


def _short(text: str, n: int = 60) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


def _what(t) -> str:
    """工作任务 with its 主要内容: the one wide column, elided by the view (the detail panel has it all)."""
    task, measure = (t.task or "").strip(), (t.measure or "").replace("\n", " ").strip()
    if task and measure:
        return f"{task}：{measure}"
    return task or measure


def build_model(today: Callable[[], dt.date], parent: QObject | None = None) -> RowsModel:
    tr = (parent.tr if parent is not None else (lambda s: s))

    def due_text(t):
        d = tracking.effective_due(t, today())
        if d:
            return d.isoformat()
        return "长期" if t.deadline_kind == "ongoing" else _short(t.deadline_text, 10)

    # 工作任务, 完成时限, 本单位角色 and 状态 first, so they fit 1366×768 beside the detail panel; the
    # category is a filter above the list, not a column repeated on every row
    columns = [
        Column(tr("序号"), lambda t: t.seq or str(t.position), sort_key=lambda t: t.position, width=40),
        Column(tr("工作任务"), _what, sort_key=lambda t: t.position, width=330),
        Column(tr("完成时限"), due_text, sort_key=lambda t: tracking.effective_due(t, today()) or dt.date.max,
               width=86),
        Column(tr("本单位角色"), lambda t: t.role + ("✓" if t.role_override else ""), width=76),
        Column(tr("状态"), lambda t: tracking.display_status(t, today()), width=56),
    ]
    return _TaskModel(columns, [], parent, row_tone=lambda t: tracking.tone(t, today()))


class _TaskModel(RowsModel):
    """Rows with the whole task (category, text, 完成时限 as written) as their tooltip."""

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.ToolTipRole and index.isValid():
            return _tip(self.row_at(index.row()))
        return super().data(index, role)


def _tip(t) -> str:
    parts = [x for x in (t.category, t.subcategory) if x]
    parts.append(_what(t))
    units = [f"牵头：{'、'.join(t.lead_units)}" if t.lead_units else "",
             f"责任：{'、'.join(t.resp_units)}" if t.resp_units else ""]
    parts += [u for u in units if u]
    if t.deadline_text:
        parts.append(f"完成时限：{t.deadline_text}")
    return "\n".join(parts)


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
