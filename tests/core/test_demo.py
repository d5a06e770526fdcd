"""`gwdesk --demo` loads on any day of the year: no demo progress is dated after the day it is loaded."""

from __future__ import annotations

import datetime as dt

import pytest

from gwdesk.core import demo
from gwdesk.store.tasks_models import Task, TaskNote


@pytest.mark.parametrize("day", [dt.date(2026, 1, 5), dt.date(2026, 6, 17), dt.date(2026, 12, 31)])
def test_the_demo_loads_on_any_day_and_dates_nothing_after_it(ctx, day):
    ctx.today = lambda: day
    demo.load.real(ctx) if hasattr(demo.load, "real") else demo.load(ctx)
    notes = list(TaskNote.select())
    assert notes, "the demo tracks progress on some tasks"
    assert max(n.noted_on for n in notes) <= day
    assert all(t.done_on <= day for t in Task.select().where(Task.done_on.is_null(False)))
