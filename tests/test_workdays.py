"""Working days: National Day and Spring Festival with 调休 weekends, the user's table, 2027 fallback."""

import datetime as dt

import pytest

from applications_support import actx  # noqa: F401
from gwdesk.core import workdays as wd
from gwdesk.errors import ValidationFailed

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


def test_2027_fallback_counts_monday_to_friday_and_warns():
    assert wd.coverage_warning(D(2026, 12, 31)) is None
    w = wd.coverage_warning(D(2027, 1, 4))
    assert w and "2027" in w and "周一至周五" in w
    # 2026-12-18 (Fri) + 20 working days: 12-21..25, 28..31 (9), 2027-01-01 (Fri, no data → workday) …
    assert wd.is_workday(D(2027, 1, 1))
    assert wd.add_workdays(D(2026, 12, 18), 20) == D(2027, 1, 15)
    assert wd.range_warning(D(2026, 12, 18), D(2027, 1, 15)) == w


def test_user_table_overrides_and_covers_a_year(actx):
    assert wd.is_workday(D(2027, 1, 1))
    wd.set_holiday(D(2027, 1, 1), "休", "元旦")
    assert not wd.is_workday(D(2027, 1, 1))  # cache invalidated on edit
    assert wd.coverage_warning(D(2027, 3, 1)) is None  # the user has entered 2027
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
    assert wd.is_workday(D(2027, 1, 1)) and wd.is_workday(D(2027, 2, 6))


def test_lookup_is_fast():
    import time
    t = time.perf_counter()
    for _ in range(200):
        wd.add_workdays(D(2025, 9, 26), 60)
    assert time.perf_counter() - t < 1.0
