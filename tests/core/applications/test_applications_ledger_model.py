"""The ledger's table model: one multiData call per cell, refilters without a reset, a lazy count, the summary."""

import datetime as dt

import pytest
from applications_support import actx  # noqa: F401

from gwdesk.core.applications import demo, ledger, listing
from gwdesk.store.applications_models import Application

pytestmark = pytest.mark.both_engines("slow")  # SQLite every day; PostgreSQL in CI's slow stage

D = dt.date


@pytest.fixture
def page(actx, qtbot, alerts_log):
    from gwdesk.ui.applications.page import Page
    demo.load(actx)
    for i in range(40):  # enough rows that a short search can match "many" (FEW is lowered in the tests)
        ledger.create(dict(number=f"X{i:03d}", received=D(2026, 10, 1) + dt.timedelta(days=i % 30), channel="网络",
                           applicant_type="商业企业", applicant_name=f"某公司{i}", content="道路规划"))
    p = Page(actx)
    p.resize(1280, 800)
    qtbot.addWidget(p)
    return p


def _painted(model, r, c, delegate=None):
    """What the view's delegate shows in cell (r, c): it reads the cell through multiData."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem
    opt = QStyleOptionViewItem()
    (delegate or QStyledItemDelegate()).initStyleOption(opt, model.index(r, c))
    brush = opt.backgroundBrush
    return opt.text, brush.color().name() if brush.style() != Qt.NoBrush else None


def test_the_delegate_sees_through_multidata_what_data_gives(page):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyledItemDelegate
    m = page.model
    delegate = page.table.itemDelegate()
    assert isinstance(delegate, QStyledItemDelegate)
    tones = set()
    for r in range(m.rowCount()):  # one delegate, cell after cell, coloured rows before plain ones: as painted
        for c in range(m.columnCount()):
            text, bg = _painted(m, r, c, delegate)
            want_bg = m.index(r, c).data(Qt.BackgroundRole)
            assert text == m.index(r, c).data(), (r, c)
            assert bg == (want_bg.color().name() if want_bg is not None else None), (r, c)
        tones.add(m.tone(m.row_at(r)))
    assert {"overdue", None} <= tones  # coloured and plain rows were both compared
    assert any(m.tone(m.row_at(r)) and not m.tone(m.row_at(r + 1)) for r in range(m.rowCount() - 1))
    masked = next(r for r in range(m.rowCount()) if m.row_at(r).applicant_type == "自然人")
    assert "*" in _painted(m, masked, 4)[0]


def test_a_refilter_changes_rows_without_a_reset_and_clears_the_selection(page):
    from PySide6.QtCore import QItemSelectionModel
    m = page.model
    signals = []
    m.modelReset.connect(lambda: signals.append("reset"))
    m.rowsRemoved.connect(lambda _p, a, b: signals.append(("removed", a, b)))
    m.rowsInserted.connect(lambda _p, a, b: signals.append(("inserted", a, b)))
    total = m.rowCount()
    page.table.selectionModel().select(m.index(0, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    page.search.setText("道路规划")
    assert m.rowCount() == 40 and signals == [("removed", 40, total - 1)]
    assert not page.table.selectionModel().hasSelection()
    assert sorted(m.row_at(r).number for r in range(40)) == [f"X{i:03d}" for i in range(40)]
    page.search.setText("X039")
    assert [m.row_at(0).number] == ["X039"] and m.rowCount() == 1
    page.search.setText("")
    assert m.rowCount() == total and signals[-1] == ("inserted", 1, total - 1) and "reset" not in signals
    # an edit shows at once (the page reloads through the same path), where the clerk was in the list
    page.show()
    page.table.verticalScrollBar().setValue(5)
    a = Application.get(Application.number == "X005")
    Application.update(content="公交线路调整").where(Application.id == a.id).execute()
    page.reload_rows()
    assert page.table.verticalScrollBar().value() == 5
    page.search.setText("公交")
    assert [m.row_at(r).number for r in range(m.rowCount())] == ["X005"]
    assert "共 1 件" in page.summary.text()


@pytest.mark.sqlite_only("the lazy count is SQLite's short-needle path; PostgreSQL counts a search at once")
def test_a_short_search_matching_many_shows_rows_then_its_count_after_a_pause(page, monkeypatch):
    monkeypatch.setattr(listing, "TERMS", 0)  # the scan of the narrow rows, not the trigrams
    monkeypatch.setattr(listing, "FEW", 5)
    m = page.model
    counted = []
    m.counted.connect(lambda: counted.append(m.rowCount()))
    page.search.setText("X0")  # 40 matches: more than FEW
    assert not m.listing.exact and m.rowCount() == 6
    assert "正在统计" in page.summary.text() and "共 5 件以上" in page.summary.text()
    assert m.row_at(0).number.startswith("X0")
    assert m._count_timer.isActive() and not counted
    m._count_timer.timeout.emit()  # the typing paused
    assert counted == [40] and m.rowCount() == 40 and m.listing.exact
    assert "共 40 件，未办结 40 件" in page.summary.text()
    assert sorted(m.row_at(r).number for r in range(40)) == [f"X{i:03d}" for i in range(40)]
    # typing on before the pause: the count of the earlier text is never run
    page.search.setText("X")
    assert m._count_timer.isActive()
    page.search.setText("X00")  # 3 characters: the trigram index counts at once
    assert not m._count_timer.isActive() and m.listing.exact and m.rowCount() == 10


def test_the_calendar_warning_is_worked_out_once_per_reload(page, monkeypatch):
    from gwdesk.core import workdays as wd
    calls = []
    real = wd.coverage_warning
    monkeypatch.setattr(wd, "coverage_warning", lambda d: calls.append(d) or real(d))
    for text in ("X", "X0", "X00", "X003", ""):
        page.search.setText(text)
    assert calls == []
    page.reload_rows()  # after an edit or a holiday change
    assert len(calls) == 1
