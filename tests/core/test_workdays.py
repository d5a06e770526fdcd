"""Working days: National Day and Spring Festival with 调休 weekends, the user's table, 2027 fallback."""

import datetime as dt

import pytest

from applications_support import actx  # noqa: F401
from gwdesk.core import workdays as wd
from gwdesk.errors import ValidationFailed

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL

D = dt.date


@pytest.fixture(autouse=True)
def _fresh_cache():
    wd.invalidate()
    yield
    wd.invalidate()


def test_spec_example_national_day_2025():
    # received Fri 2025-09-26; Sun 09-28 and Sat 10-11 are 调休 working days; 10-01..08 off
    assert wd.add_workdays(D(2025, 9, 26), 20) == D(2025, 10, 30)


def test_tiaoxiu_weekends_and_holidays():
    assert wd.is_workday(D(2025, 9, 28))  # Sunday, 调休
    assert wd.is_workday(D(2025, 10, 11))  # Saturday, 调休
    assert not wd.is_workday(D(2025, 10, 8))  # weekday inside the holiday
    assert not wd.is_workday(D(2025, 9, 27))  # ordinary Saturday
    assert wd.is_workday(D(2025, 9, 29))


def test_day_of_receipt_not_counted():
    assert wd.add_workdays(D(2025, 9, 26), 1) == D(2025, 9, 28)  # the 调休 Sunday is next
    assert wd.add_workdays(D(2025, 9, 26), 0) == D(2025, 9, 26)
    assert wd.workdays_between(D(2025, 9, 26), D(2025, 10, 30)) == 20
    assert wd.workdays_between(D(2025, 10, 30), D(2025, 9, 26)) == -20


def test_spring_festival_2026():
    # 2026 春节: 02-15..02-23 off; Sat 02-14 and Sat 02-28 are working days
    assert wd.is_workday(D(2026, 2, 14)) and wd.is_workday(D(2026, 2, 28))
    assert not wd.is_workday(D(2026, 2, 16)) and not wd.is_workday(D(2026, 2, 23))
    # received Fri 2026-02-13: 1st working day is Sat 02-14, then 02-24 (Tue) …
    assert wd.add_workdays(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert wd.add_workdays(D(2026, 2, 13), 2) == D(2026, 2, 24)
    # 20 working days: 02-14, 24,25,26,27,28(Sat), 03-02..06 (5) =11, 03-09..13 =16, 03-16..19 =20
    assert wd.add_workdays(D(2026, 2, 13), 20) == D(2026, 3, 19)
    assert wd.add_workdays(D(2026, 2, 13), 7) == D(2026, 3, 2)


def test_2027_fallback_skips_the_holidays_the_law_fixes_and_warns():
    assert wd.coverage_warning(D(2026, 12, 31)) is None
    w = wd.coverage_warning(D(2027, 1, 4))
    assert w and "2027" in w and "周一至周五" in w and "调休" in w and "只到2026年" in w
    # 2026-12-18 (Fri) + 20 working days: 12-21..25, 28..31 (9), 2027-01-01 元旦 (Fri, off by law) …
    assert not wd.is_workday(D(2027, 1, 1)) and wd.is_workday(D(2027, 1, 4))
    assert wd.add_workdays(D(2026, 12, 18), 20) == D(2027, 1, 18)
    assert wd.range_warning(D(2026, 12, 18), D(2027, 1, 18)) == w


def test_the_issue_examples_past_the_calendar_data():
    # was 2027-01-01 (元旦): 12-07..11, 14..18, 21..25, 28..31 = 19, then 01-04
    assert wd.add_workdays(D(2026, 12, 4), 20) == D(2027, 1, 4)
    # was 2027-02-08 (正月初三): 40 working days skip 除夕 02-05 (Fri) and 初三 02-08 (Mon)
    assert wd.add_workdays(D(2026, 12, 14), 40) == D(2027, 2, 11)


def test_years_before_the_data_name_the_start_of_the_range():
    w = wd.coverage_warning(D(2003, 6, 1))
    assert w and "从2004年起" in w and "只到" not in w
    assert wd.is_workday(D(2003, 10, 1))  # no law applied backwards: Monday–Friday only


def test_user_table_overrides_and_a_year_is_complete_only_when_marked(actx):
    assert not wd.is_workday(D(2027, 1, 1))
    wd.set_holiday(D(2027, 1, 1), "班", "本地调整")
    assert wd.is_workday(D(2027, 1, 1))  # cache invalidated on edit
    assert wd.coverage_warning(D(2027, 3, 1))  # one typed date does not silence the year
    wd.mark_complete(2027)
    assert wd.coverage_warning(D(2027, 3, 1)) is None and wd.coverage_warning(D(2028, 3, 1))
    wd.mark_complete(2027, False)
    assert wd.coverage_warning(D(2027, 3, 1))
    wd.set_holiday(D(2026, 10, 1), "班", "本地调整")  # overrides chinese-calendar too
    assert wd.is_workday(D(2026, 10, 1))
    wd.remove_holiday(D(2026, 10, 1))
    assert not wd.is_workday(D(2026, 10, 1))
    assert [r[0] for r in wd.holidays(2027)] == [D(2027, 1, 1)]


def test_replace_year_is_all_or_nothing(actx):
    wd.set_holiday(D(2027, 1, 1), "休", "元旦")
    with pytest.raises(ValidationFailed) as e:
        wd.replace_year(2027, [(D(2027, 2, 6), "班", ""), (D(2027, 2, 8), "放", "")])
    assert "2027-02-08" in e.value.message
    assert [r[0] for r in wd.holidays(2027)] == [D(2027, 1, 1)]
    wd.replace_year(2027, [(D(2027, 2, 6), "班", "春节调休"), (D(2027, 2, 8), "休", "春节")])
    assert [(r[0], r[1]) for r in wd.holidays(2027)] == [(D(2027, 2, 6), "班"), (D(2027, 2, 8), "休")]
    assert not wd.is_workday(D(2027, 1, 1)) and wd.is_workday(D(2027, 2, 6))  # 元旦 by law; 班 from the table


def test_lookup_reuses_the_year_tables(monkeypatch):
    """200 deadlines from one date: the year tables are built once, then running totals answer (the speed
    itself is measured in bench/run.py --only workdays)."""
    import chinese_calendar
    wd.invalidate()
    asked = []
    real = chinese_calendar.is_workday
    monkeypatch.setattr(chinese_calendar, "is_workday", lambda d: asked.append(d) or real(d))
    answers = {wd.add_workdays(D(2025, 9, 26), 60) for _ in range(200)}
    assert asked in ([], [D(2025, 6, 1)])  # at most asked once whether it has 2025's data; its tables give the days
    day, left = D(2025, 9, 26), 60  # the same deadline walked day by day with the calendar itself
    while left:
        day += dt.timedelta(days=1)
        left -= real(day)
    assert answers == {day}


def test_each_year_table_equals_chinese_calendars_own_answer_day_by_day():
    """The tables are read from chinese-calendar's public data by its own rule (faster than asking is_workday for
    every day, issue 25): for every year it has data for, every day answers as is_workday does."""
    import chinese_calendar
    years = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)
    assert len(years) > 20
    for year in years:
        day = D(year, 1, 1)
        while day.year == year:
            assert wd.is_workday(day) == chinese_calendar.is_workday(day), day
            day += dt.timedelta(days=1)


# ---- the law's holidays past chinese-calendar's data, checked against the dates the law fixes ----------
# 《全国年节及纪念日放假办法》 (国务院令第795号, 2024-11-10, in force 2025-01-01), 第二条: 元旦 1月1日; 春节
# 农历除夕、正月初一至初三; 清明 农历清明当日; 劳动节 5月1日、2日; 端午 农历端午当日; 中秋 农历中秋当日;
# 国庆 10月1日至3日. Lunar dates below are the published almanac dates for those years.
LAW = {
    2027: ["01-01", "02-05", "02-06", "02-07", "02-08", "04-05", "05-01", "05-02", "06-09", "09-15",
           "10-01", "10-02", "10-03"],
    2028: ["01-01", "01-25", "01-26", "01-27", "01-28", "04-04", "05-01", "05-02", "05-28", "10-01",
           "10-02", "10-03"],  # 中秋 2028-10-03 falls on 国庆
    2029: ["01-01", "02-12", "02-13", "02-14", "02-15", "04-04", "05-01", "05-02", "06-16", "09-22",
           "10-01", "10-02", "10-03"],
    2030: ["01-01", "02-02", "02-03", "02-04", "02-05", "04-05", "05-01", "05-02", "06-05", "09-12",
           "10-01", "10-02", "10-03"],
}


@pytest.mark.parametrize("year", sorted(LAW))
def test_statutory_holidays_2027_2030(year):
    assert not wd.calendar_knows(year)  # the fallback is what is tested
    expected = {D.fromisoformat(f"{year}-{md}") for md in LAW[year]}
    assert set(wd.statutory_holidays(year)) == expected
    for day in expected:
        assert not wd.is_workday(day)
    first, last = D(year, 1, 1), D(year, 12, 31)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    workdays = {d for d in days if wd.is_workday(d)}
    assert workdays == {d for d in days if d.weekday() < 5 and d not in expected}
    assert wd.coverage_warning(first)


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_law_as_computed_agrees_with_chinese_calendar_where_it_has_data(year):
    import chinese_calendar
    for day, name in wd.statutory_holidays(year).items():
        assert chinese_calendar.is_holiday(day), (day, name)
