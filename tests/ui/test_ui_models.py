"""Qt's own model tester (QAbstractItemModelTester, through pytest-qt's qtmodeltester) on every model the
screens show: the report grids, the 依申请公开 ledger (also while searching and sorting), the generic rows model
and its proxy. (The task list and the 汇总 matrix are checked beside their screens' tests.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gwdesk.core import demo


@pytest.fixture
def demo_ctx(ctx, profile):
    demo.load(ctx)
    return ctx


@pytest.mark.parametrize("table_no", ["2", "3", "4"])
def test_report_grid_models(qtmodeltester, demo_ctx, table_no):
    from gwdesk.core.annual_report import demo as report_demo
    from gwdesk.core.annual_report import records
    from gwdesk.ui.report.grid_model import ReportGridModel
    data = records.load_data(report_demo.UNIT, 2025)
    assert data is not None, "the demo stores a 2025 report"
    m = ReportGridModel(table_no, lambda: data)
    qtmodeltester.check(m)
    assert m.rowCount() > 3 and m.columnCount() > 2
    m.refresh()
    qtmodeltester.check(m)


def test_ledger_model_through_search_filter_and_sort(qtmodeltester, demo_ctx):
    from gwdesk.core.applications import listing
    from gwdesk.ui.applications.ledger_model import LedgerModel
    m = LedgerModel(demo_ctx.today)
    m.query(listing.Filter())
    assert m.rowCount() > 0
    qtmodeltester.check(m)
    m.query(listing.Filter(search="申请"))
    m.query(listing.Filter(state="逾期"))
    m.sort(1, Qt.DescendingOrder)
    m.query(listing.Filter(search="zzzz-nothing-matches"))
    assert m.rowCount() == 0
    m.query(listing.Filter())
    qtmodeltester.check(m)


def test_rows_model_and_its_proxy(qtmodeltester):
    from gwdesk.ui.common.table_model import Column, RowsModel, RowsProxy
    cols = [Column("序号", lambda r: r[0]), Column("名称", lambda r: r[1])]
    m = RowsModel(cols, [(i, f"第{i}项") for i in range(30)])
    qtmodeltester.check(m)
    proxy = RowsProxy()
    proxy.setSourceModel(m)
    qtmodeltester.check(proxy)
    m.set_rows([(1, "只剩一项")])
    assert proxy.rowCount() == 1


def test_rows_painted_in_one_call_per_cell_look_as_asked_role_by_role(qtbot):
    """RowsModel and RowsProxy answer a painted cell's roles in one multiData call (issue 25: the first screen
    paints its 2,000-form list at start-up); the cells look exactly as through data() role by role: texts,
    an empty value, alignment, the overdue and due-soon colours — and a subclass's own data() still counts."""
    from PySide6.QtCore import QSortFilterProxyModel
    from PySide6.QtWidgets import QTableView

    from gwdesk.ui.common.table_model import Column, RowsModel, RowsProxy

    class Marked(RowsModel):  # a subclass that answers a role of its own
        def data(self, index, role=Qt.DisplayRole):
            if role == Qt.ToolTipRole:
                return "提示"
            v = super().data(index, role)
            return f"〔{v}〕" if role == Qt.DisplayRole and index.column() == 1 and v else v

    rows = [(i, "材料" if i % 3 else None) for i in range(40)]
    cols = [Column("序号", lambda r: r[0], align=Qt.AlignRight | Qt.AlignVCenter), Column("名称", lambda r: r[1])]
    tone = {1: "overdue", 2: "soon"}

    def painted(model_type, proxy_type):
        model = model_type(cols, rows, row_tone=lambda r: tone.get(r[0] % 5))
        proxy = proxy_type()
        proxy.setSourceModel(model)
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(proxy)
        view.resize(360, 420)
        view.show()
        return view.grab().toImage()

    for model_type in (RowsModel, Marked):
        one_call = painted(model_type, RowsProxy)
        assert one_call == painted(model_type, QSortFilterProxyModel)  # Qt's own: data() once per role
    assert painted(RowsModel, RowsProxy) != painted(Marked, RowsProxy)  # the subclass's 〔…〕 was painted
