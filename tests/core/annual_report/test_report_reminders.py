"""The annual report's start-up reminder: December to 31 March, until the report is marked sent."""

import datetime as dt

import pytest

from gwdesk.core.annual_report import records, reminders
from gwdesk.core.annual_report.spec import ReportData

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL


def _at(ctx, day):
    ctx.today = lambda: day
    return reminders.collect(ctx)


def test_season(ctx, profile):
    assert _at(ctx, dt.date(2026, 11, 20)) == []
    r = _at(ctx, dt.date(2026, 12, 1))
    assert len(r) == 1 and r[0].severity == "soon" and r[0].due == dt.date(2027, 1, 31)
    assert "2026年度报告" in r[0].text and "尚未开始" in r[0].text
    assert _at(ctx, dt.date(2027, 1, 31))[0].severity == "today"
    late = _at(ctx, dt.date(2027, 2, 3))
    assert late[0].severity == "overdue" and "已逾期3天" in late[0].text
    assert _at(ctx, dt.date(2027, 4, 1)) == []


def test_sent_report_is_quiet(ctx, profile):
    records.save(ReportData.zeros(2026, profile.name))
    assert "正在填写" in _at(ctx, dt.date(2027, 1, 10))[0].text
    records.mark_sent(profile.name, 2026, dt.date(2027, 1, 12))
    assert _at(ctx, dt.date(2027, 1, 20)) == []
