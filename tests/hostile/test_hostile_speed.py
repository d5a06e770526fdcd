"""Speed fixes found by bench/run.py keep their answers: working days by running totals, not day by day."""

from __future__ import annotations

from locations import TESTS

import datetime as dt
import random

from gwdesk.core import workdays as wd


def _naive_between(a: dt.date, b: dt.date) -> int:
    if b < a:
        return -_naive_between(b, a)
    n, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        n += wd.is_workday(d)
    return n


def test_workdays_between_matches_day_by_day_count(store):
    wd.set_holiday(dt.date(2025, 10, 11), wd.OFF, "本单位调整")  # a user 休 on a 调休 Saturday
    wd.set_holiday(dt.date(2031, 3, 3), wd.OFF)  # a year chinese-calendar does not know
    wd.set_holiday(dt.date(2031, 3, 8), wd.ON)
    rng = random.Random(7)
    pairs = [(dt.date(2024, 12, 31), dt.date(2025, 1, 2)), (dt.date(2025, 10, 10), dt.date(2025, 10, 12)),
             (dt.date(2030, 12, 30), dt.date(2031, 3, 9)), (dt.date(2026, 1, 1), dt.date(2026, 1, 1))]
    base = dt.date(2019, 1, 1)
    pairs += [(base + dt.timedelta(days=rng.randrange(4500)), base + dt.timedelta(days=rng.randrange(4500)))
              for _ in range(300)]
    for a, b in pairs:
        assert wd.workdays_between(a, b) == _naive_between(a, b), (a, b)
    # an edit of the holiday table is seen at once
    before = wd.workdays_between(dt.date(2031, 3, 1), dt.date(2031, 3, 31))
    wd.set_holiday(dt.date(2031, 3, 10), wd.OFF)
    assert wd.workdays_between(dt.date(2031, 3, 1), dt.date(2031, 3, 31)) == before - 1


def test_workdays_between_years_apart_builds_each_year_once(store, monkeypatch):
    """Start-up reminders over a ledger with ~2,000 long-overdue cases: each year's table is built once and
    every later count is running totals, not a walk over the days (its speed is in bench/run.py --only workdays)."""
    import chinese_calendar
    a, b = dt.date(2019, 1, 2), dt.date(2026, 11, 20)
    wd.invalidate()
    asked = []
    real = chinese_calendar.is_workday
    monkeypatch.setattr(chinese_calendar, "is_workday", lambda d: asked.append(d) or real(d))
    first = wd.workdays_between(a, b)
    # each year of 2019–2026 asked once whether the calendar has its data; its days are then read from the
    # calendar's tables (equal to is_workday day by day: tests/core/test_workdays.py)
    years = [d.year for d in asked]
    assert len(years) == len(set(years)) and set(years) <= set(range(2019, 2027))
    for _ in range(2000):
        assert wd.workdays_between(a, b) == first
    assert len(asked) == len(years)


def _naive_add(start: dt.date, n: int) -> dt.date:
    d = start
    while n > 0:
        d += dt.timedelta(days=1)
        n -= wd.is_workday(d)
    return d


def test_add_workdays_matches_day_by_day_walk(store):
    wd.set_holiday(dt.date(2025, 10, 11), wd.OFF)
    wd.set_holiday(dt.date(2031, 1, 2), wd.ON)
    rng = random.Random(11)
    cases = [(dt.date(2025, 9, 26), 20), (dt.date(2025, 12, 24), 20), (dt.date(2030, 12, 20), 15),
             (dt.date(2026, 2, 13), 0), (dt.date(2026, 2, 14), 1), (dt.date(2026, 12, 31), 400)]
    cases += [(dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(4500)), rng.randrange(0, 70))
              for _ in range(300)]
    for start, n in cases:
        assert wd.add_workdays(start, n) == _naive_add(start, n), (start, n)


def test_ledger_screen_finds_what_the_ledger_rows_find(ctx, qtbot, alerts_log):
    from gwdesk.core.applications import demo, ledger
    from gwdesk.store.applications_models import Application
    from gwdesk.ui.applications.page import STATES, Page

    demo.load(ctx)
    Application.update(reply_number="青民依复〔2026〕7号").where(Application.id == 1).execute()
    page = Page(ctx)
    qtbot.addWidget(page)
    apps = list(Application.select())
    needles = ["", "2026", apps[0].number, apps[-1].applicant_name[:1], apps[2].content[2:6], "依复〔2026〕7",
               "  2025 ", "zzz-nothing"]
    def sql(state, needle, year=None, applicant_type=None):
        rows = ledger.rows(ctx.today(), search=needle, open_only=state in ("未办结", "逾期", "即将到期"), year=year,
                           applicant_type=applicant_type)
        if state == "逾期":
            rows = [r for r in rows if r.tone == "overdue"]
        elif state == "即将到期":
            rows = [r for r in rows if r.tone in ("today", "soon")]
        elif state not in ("全部", "未办结"):
            rows = [r for r in rows if r.due.state == state]
        return sorted(r.app.id for r in rows)

    def shown():
        return sorted(page.model.row_at(r).id for r in range(page.model.rowCount()))

    for state in STATES:
        page.state.setCurrentIndex(STATES.index(state))
        for needle in needles:
            page.search.setText(needle)
            want = sql(state, needle)
            assert shown() == want, (state, needle)
            assert f"共 {len(want)} 件" in page.summary.text()
    page.search.setText("")
    for y in range(1, page.year.count()):
        page.year.setCurrentIndex(y)
        for t in range(page.applicant_type.count()):
            page.applicant_type.setCurrentIndex(t)
            for state in ("全部", "未办结", "逾期"):
                page.state.setCurrentIndex(STATES.index(state))
                assert shown() == sql(state, "", page.year.currentData(), page.applicant_type.currentData() or None)
    page.year.setCurrentIndex(0)
    page.applicant_type.setCurrentIndex(0)
    # a header click sorts; typing afterwards keeps that order
    from PySide6.QtCore import Qt
    page.state.setCurrentIndex(STATES.index("全部"))
    page.table.sortByColumn(0, Qt.AscendingOrder)
    page.search.setText("20")
    numbers = [page.model.row_at(r).number for r in range(page.model.rowCount())]
    assert numbers == sorted(numbers) and len(numbers) > 1
    page.table.sortByColumn(0, Qt.DescendingOrder)
    page.search.setText("2")
    numbers = [page.model.row_at(r).number for r in range(page.model.rowCount())]
    assert numbers == sorted(numbers, reverse=True)


def test_sorting_is_done_by_the_model_and_keeps_the_selection(ctx, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    from gwdesk.ui.common.table_model import Column, RowsModel, RowsProxy

    rows = [{"n": n, "name": name} for n, name in [(3, "丙"), (1, "甲"), (2, None), (1, "乙")]]
    model = RowsModel([Column("n", lambda r: r["n"]), Column("name", lambda r: r["name"])])
    model.set_rows(rows)
    proxy = RowsProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.AscendingOrder)
    assert [model.row_at(r)["name"] for r in range(4)] == ["甲", "乙", None, "丙"]  # stable for equal keys
    view.selectRow(3)
    view.sortByColumn(0, Qt.DescendingOrder)
    assert [model.row_at(r)["n"] for r in range(4)] == [3, 2, 1, 1]
    selected = view.selectionModel().selectedRows()
    assert [proxy.mapToSource(i).row() for i in selected] == [0]  # 丙 moved to the top, still selected
    view.sortByColumn(1, Qt.AscendingOrder)  # None sorts as "" (first)
    assert model.row_at(0)["name"] is None
    model.set_rows(list(reversed(rows)))  # new rows keep the chosen order
    assert model.row_at(0)["name"] is None and proxy.sortColumn() == -1


def test_task_reminders_read_only_rows_that_can_be_due_and_find_the_same(ctx, profile):
    import importlib.util
    from pathlib import Path

    from gwdesk.core.tasks import reminders, service, tracking
    from gwdesk.core.tasks.overview import mine
    from gwdesk.io import tasklist
    from gwdesk.store.tasks_models import Task

    spec = importlib.util.spec_from_file_location(
        "make_fixtures", TESTS / "fixtures/tasks/make_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for f in ("lp2021.xlsx", "lp2021_revised.xlsx"):
        service.import_parsed(tasklist.read(TESTS / "fixtures/tasks" / f), profile=profile,
                              issuer=f"办公室{f}", year=2026)
    rng = random.Random(3)
    today = ctx.today()
    for t in Task.select():
        r = rng.random()
        due = today + dt.timedelta(days=rng.randrange(-30, 30)) if r < 0.6 else None
        Task.update(due_date=due, due_override=due if r < 0.1 else None,
                    recurrence=rng.choice(["", "", "monthly:end", "monthly:25", "quarterly", "yearly"]) if due is None else "",
                    status=rng.choice(["未启动", "推进中", "已完成"])).where(Task.id == t.id).execute()

    def old_collect():  # the loop over every open task of the unit, as before
        out = []
        for t in Task.select().where(mine() & Task.status.in_(tracking.OPEN)):
            due = tracking.effective_due(t, today)
            if due is None:
                continue
            days = (due - today).days
            fixed = (t.due_override or t.due_date) is not None
            if (days < 0 and fixed) or 0 <= days <= tracking.SOON_DAYS:
                out.append(t.id)
        return sorted(out)

    got = sorted(int(r.ref) for r in reminders.collect(ctx))
    assert got == old_collect() and got


def test_reminders_follow_the_window_instead_of_holding_it_back(ctx, profile, qtbot, alerts_log):
    from gwdesk.app import start_window
    from gwdesk.core.applications import demo
    demo.load(ctx)  # has overdue and due-soon applications
    window = start_window(ctx)
    qtbot.addWidget(window)
    assert window.isVisible() and getattr(window, "reminders_dialog", None) is None
    qtbot.waitUntil(lambda: getattr(window, "reminders_dialog", None) is not None, timeout=5000)
    assert window.reminders_dialog.list.count() > 0 and window.reminders_dialog.isVisible()
