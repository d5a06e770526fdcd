"""gwdesk.core.dates: every way a clerk writes a date (issue 21, item 7), and what is refused."""

import datetime as dt

import pytest

from gwdesk.core import dates

TODAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize("text", ["2026-10-30", "20261030", "2026.10.30", "2026/10/30", "10月30日", "10月30",
                                  "2026年10月30日", " 2026-10-30 ", "２０２６－１０－３０", "2026 年 10 月 30 日",
                                  "10-30", "10/30", "10.30", "2026-10-30".replace("-", "／")])
def test_every_written_form_reads_as_the_same_day(text):
    assert dates.parse(text, today=TODAY) == dt.date(2026, 10, 30)


@pytest.mark.parametrize("text", ["", None])
def test_empty_is_no_date(text):
    assert dates.parse(text) is None


@pytest.mark.parametrize("text", ["（未填）20261030", "2026-02-30", "20261330", "2026103", "明天", "30/10/2026",
                                  "2026-10", "10月32日", "2026-10-30x"])
def test_what_is_not_a_date_is_refused(text):
    assert dates.parse(text, today=TODAY) is None


def test_a_date_without_year_is_in_the_given_year_or_this_year():
    assert dates.parse("1月5日", year=2027) == dt.date(2027, 1, 5)
    assert dates.parse("1月5日", today=TODAY) == dt.date(2026, 1, 5)
    assert dates.parse("1月5日") == dt.date(dt.date.today().year, 1, 5)


def test_the_review_forms_read_dates_the_same_way():
    from gwdesk.core.review.validate import parse_date
    assert parse_date("20261030") == dt.date(2026, 10, 30) and parse_date("10月30日", 2026) == dt.date(2026, 10, 30)
