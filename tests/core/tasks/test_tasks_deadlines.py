"""Every 完成时限 phrase the issue lists, one test each."""

import datetime as dt

import pytest

from gwdesk.core.tasks import deadlines as dl

Y, ISSUED = 2021, dt.date(2021, 5, 31)


def p(text):
    return dl.parse(text, year=Y, issued_on=ISSUED)


def test_full_month_end():
    assert p("2021年6月底前").due == dt.date(2021, 6, 30)


def test_month_end_takes_the_list_year():
    d = p("6月底前")
    assert (d.kind, d.due) == ("date", dt.date(2021, 6, 30))


def test_year_end():
    assert p("年底前").due == dt.date(2021, 12, 31)


def test_full_date_next_year():
    assert p("2022年1月5日前").due == dt.date(2022, 1, 5)


def test_month_day_takes_the_list_year():
    assert p("6月10日前").due == dt.date(2021, 6, 10)


def test_within_months_counts_from_issue_date():
    assert p("3个月内").due == dt.date(2021, 8, 31)
    assert p("三个月内").due == dt.date(2021, 8, 31)


def test_within_months_without_issue_date_stays_text():
    d = dl.parse("3个月内", year=2021)
    assert d.kind == "text" and "印发日期" in d.note


def test_every_month_end():
    d = p("每月月底")
    assert (d.kind, d.recurrence, d.due) == ("recurring", "monthly:end", None)
    assert d.label == "每月月底"


def test_every_month_day():
    d = p("每月8日前")
    assert (d.kind, d.recurrence) == ("recurring", "monthly:8")
    assert d.label == "每月8日前"


def test_every_quarter():
    assert p("每季度").recurrence == "quarterly"
    assert p("每季度末月25日前").recurrence == "quarterly:25"


def test_long_term():
    assert p("长期坚持").kind == "ongoing"


def test_ongoing():
    assert p("持续推进").kind == "ongoing"


def test_unparsed_stays_text():
    d = p("根据上级部署另行通知")
    assert (d.kind, d.text, d.due) == ("text", "根据上级部署另行通知", None)


def test_empty_is_none():
    assert p("").kind == "none"


def test_several_dates_take_the_last():
    assert p("2021年6月底前；2021年10月底前").due == dt.date(2021, 10, 31)


def test_found_inside_measure_text():
    text = "1.对照…在2021年6月底前以适当方式更新。2.在2021年10月底前更新。3.每月8日前报送。"
    assert dl.find_in_text(text) == "2021年6月底前；2021年10月底前；每月8日前"
    assert dl.find_in_text("认真做好政策解读工作") == ""


@pytest.mark.parametrize("rec, today, due", [
    ("monthly:8", dt.date(2026, 11, 20), dt.date(2026, 12, 8)),
    ("monthly:8", dt.date(2026, 11, 8), dt.date(2026, 11, 8)),
    ("monthly:end", dt.date(2026, 2, 3), dt.date(2026, 2, 28)),
    ("quarterly", dt.date(2026, 11, 20), dt.date(2026, 12, 31)),
    ("quarterly:25", dt.date(2026, 12, 26), dt.date(2027, 3, 25)),
])
def test_next_due_of_recurrences(rec, today, due):
    assert dl.next_due(rec, today) == due


@pytest.mark.parametrize("text, due", [
    ("9月投入使用", dt.date(2016, 9, 30)),  # 大竹县 2016 民生实事: in use by September
    ("6月完成", dt.date(2016, 6, 30)),
    ("3月份开工", dt.date(2016, 3, 31)),
    ("2017年9月投入使用", dt.date(2017, 9, 30)),  # its own year wins
])
def test_month_followed_by_what_is_done_then(text, due):
    assert dl.parse(text, year=2016).due == due


def test_a_bare_month_or_a_month_in_a_sentence_stays_text():
    assert dl.parse("6月", year=2016).due is None
    assert dl.parse("每月完成", year=2016).due is None


@pytest.mark.parametrize("text, due", [
    ("三季度末前", dt.date(2022, 9, 30)), ("第二季度", dt.date(2022, 6, 30)), ("一季度完成", dt.date(2022, 3, 31)),
    ("四季度底前", dt.date(2022, 12, 31)), ("2023年二季度", dt.date(2023, 6, 30)),
    ("上半年", dt.date(2022, 6, 30)), ("下半年完成", dt.date(2022, 12, 31)), ("2021年上半年", dt.date(2021, 6, 30)),
    # before the quarter, or before its end? left as text for the clerk, as is a recurrence
    ("三季度前", None), ("上半年前", None),
])
def test_quarters_and_half_years_end_on_their_last_day(text, due):
    d = dl.parse(text, year=2022)
    assert d.due == due
    assert d.kind == ("date" if due else "text")


def test_every_quarter_stays_a_recurrence():
    assert dl.parse("每季度末", year=2022).kind == "recurring"
    assert dl.parse("三季度末", year=None).due is None  # no year: no date made up


@pytest.mark.parametrize("text, due", [
    ("2021年8月前", dt.date(2021, 7, 31)), ("8月前", dt.date(2021, 7, 31)), ("8月份前", dt.date(2021, 7, 31)),
    ("2021年8月份前", dt.date(2021, 7, 31)), ("8月以前完成", dt.date(2021, 7, 31)),
    ("2022年1月前", dt.date(2021, 12, 31)),  # the month before is in the year before
])
def test_before_a_month_is_the_day_before_it_begins_and_flagged(text, due):
    # 公文: “8月前” is before August begins; offices also mean “by August”: the early reading, for the clerk to check
    d = p(text)
    assert (d.kind, d.due, d.flag) == ("date", due, "before-month")
    assert "请改计划完成日期" in d.note


@pytest.mark.parametrize("text", ["8月底前", "2021年8月末前", "2021年8月底之前", "8月份完成", "2021年8月"])
def test_end_of_month_wordings_keep_the_month_end(text):
    d = p(text)
    assert (d.due, d.flag) == (dt.date(2021, 8, 31), "")


def test_month_day_before_is_not_a_before_month():
    assert (p("8月1日前").due, p("8月1日前").flag) == (dt.date(2021, 8, 1), "")
    assert p("3个月前").due is None


def test_earlier_dates_in_the_cell_are_milestones():
    d = p("2021年2月公布预算，2021年8月公布决算")
    assert d.due == dt.date(2021, 8, 31)
    assert d.milestones == (dt.date(2021, 2, 28),)
    assert p("6月底前").milestones == ()
    assert p("2021年6月底前；2021年6月底前完成").milestones == ()  # the same date twice is no milestone


@pytest.mark.parametrize("text, kind, due", [
    ("全年", "date", dt.date(2021, 12, 31)), ("年内", "date", dt.date(2021, 12, 31)),
    ("年内完成", "date", dt.date(2021, 12, 31)), ("2022年全年", "date", dt.date(2022, 12, 31)),
    ("全年持续", "ongoing", None), ("全年常态化", "ongoing", None), ("长期", "ongoing", None),
    ("每年年底", "recurring", None),
])
def test_within_the_year_is_its_last_day_and_ongoing_stays_ongoing(text, kind, due):
    d = p(text)
    assert (d.kind, d.due) == (kind, due)


def test_full_width_digits():
    assert p("２０２３年６月底前").due == dt.date(2023, 6, 30)
    assert p("６月１０日前").due == dt.date(2021, 6, 10)
