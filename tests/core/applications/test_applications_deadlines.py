"""Due-date engine: 补正 restarts the clock, third-party and fee pauses, one extension, list tones."""

import datetime as dt
from types import SimpleNamespace as NS

from gwdesk.core.applications import deadlines as dl

D = dt.date


def app(received, closed=None):
    return NS(received=received, closed=closed)


def step(kind, started, ended=None, deadline=None, days=0):
    return NS(kind=kind, started=started, ended=ended, deadline=deadline, days=days, id=0)


def test_plain_reply_due_across_national_day():
    info = dl.compute(app(D(2025, 9, 26)), D(2025, 9, 29), [])
    assert info.state == dl.OPEN and info.due == D(2025, 10, 30) and info.warning is None


def test_buzheng_restarts_the_clock_at_arrival():
    # notice within 7 working days (latest 2025-10-13), 补正 arrives 10-15 → 20 working days from then
    info = dl.compute(app(D(2025, 9, 26)), D(2025, 10, 20),
                      [step("补正", D(2025, 9, 30), ended=D(2025, 10, 15), deadline=D(2025, 10, 20))])
    assert info.clock_start == D(2025, 10, 15)
    assert info.due == D(2025, 11, 12)
    assert info.notes == []


def test_late_buzheng_notice_is_noted():
    info = dl.compute(app(D(2025, 9, 26)), D(2025, 10, 20),
                      [step("补正", D(2025, 10, 14), ended=D(2025, 10, 15))])
    assert "2025-10-13" in info.notes[0]


def test_awaited_buzheng_has_no_reply_deadline_and_lapses_to_361():
    s = [step("补正", D(2025, 9, 30), deadline=D(2025, 10, 20))]
    waiting = dl.compute(app(D(2025, 9, 26)), D(2025, 10, 20), s)
    assert waiting.state == dl.WAIT_BUZHENG and waiting.due == D(2025, 10, 20) and waiting.reply_due is None
    assert waiting.suggested_outcome is None
    lapsed = dl.compute(app(D(2025, 9, 26)), D(2025, 10, 21), s)
    assert lapsed.suggested_outcome == "3.6.1"
    assert dl.tone(lapsed, D(2025, 10, 21)) == "overdue"


def test_third_party_pause_counts_only_the_days_taken():
    base = dl.compute(app(D(2026, 7, 1)), D(2026, 7, 2), [])
    assert base.due == D(2026, 7, 29)
    info = dl.compute(app(D(2026, 7, 1)), D(2026, 7, 20),
                      [step("征求第三方意见", D(2026, 7, 6), ended=D(2026, 7, 13))])
    assert info.paused == 5 and info.due == D(2026, 8, 5) and info.state == dl.OPEN


def test_third_party_without_reply_pauses_at_most_15_days():
    pending = dl.compute(app(D(2026, 7, 1)), D(2026, 7, 10), [step("征求第三方意见", D(2026, 7, 6))])
    assert pending.state == dl.WAIT_THIRD and pending.paused == 15 and pending.due == D(2026, 8, 19)
    late = dl.compute(app(D(2026, 7, 1)), D(2026, 8, 12),
                      [step("征求第三方意见", D(2026, 7, 6), ended=D(2026, 8, 10))])
    assert late.paused == 15 and late.due == D(2026, 8, 19)


def test_fee_notice_pauses_until_payment_and_lapses_to_362():
    paid = dl.compute(app(D(2026, 7, 1)), D(2026, 7, 10), [step("收费", D(2026, 7, 6), ended=D(2026, 7, 8))])
    assert paid.paused == 2 and paid.due == D(2026, 7, 31)
    unpaid = dl.compute(app(D(2026, 7, 1)), D(2026, 7, 20), [step("收费", D(2026, 7, 6))])
    assert unpaid.state == dl.WAIT_PAY and unpaid.due == D(2026, 8, 3) and unpaid.suggested_outcome is None
    lapsed = dl.compute(app(D(2026, 7, 1)), D(2026, 8, 4), [step("收费", D(2026, 7, 6))])
    assert lapsed.suggested_outcome == "3.6.2"


def test_extension_adds_up_to_20_working_days():
    info = dl.compute(app(D(2026, 7, 1)), D(2026, 7, 20), [step("延期", D(2026, 7, 27), days=20)])
    assert info.extension == 20 and info.due == D(2026, 8, 26)


def test_pause_before_buzheng_arrival_is_ignored():
    # the clock restarts at the 补正; a pause recorded before it does not stretch the new period
    info = dl.compute(app(D(2026, 7, 1)), D(2026, 7, 20),
                      [step("补正", D(2026, 7, 2), ended=D(2026, 7, 8)),
                       step("征求第三方意见", D(2026, 7, 3), ended=D(2026, 7, 7))])
    assert info.paused == 0 and info.due == dl.calc_due(D(2026, 7, 8))


def test_tones():
    info = dl.compute(app(D(2026, 7, 1)), D(2026, 7, 2), [])  # due Wed 07-29
    assert dl.tone(info, D(2026, 7, 23)) is None
    assert dl.tone(info, D(2026, 7, 24)) == "soon"  # 3 working days left
    assert dl.tone(info, D(2026, 7, 29)) == "today"
    assert dl.tone(info, D(2026, 7, 30)) == "overdue"
    closed = dl.compute(app(D(2026, 7, 1), closed=D(2026, 8, 3)), D(2026, 8, 10), [])
    assert closed.state == dl.CLOSED and dl.tone(closed, D(2026, 8, 10)) is None
    assert "晚于法定期限" in closed.notes[0]


def test_beyond_known_calendar_warns():
    info = dl.compute(app(D(2026, 12, 18)), D(2026, 12, 20), [])
    assert info.due == D(2027, 1, 18) and "2027" in info.warning  # 元旦 2027-01-01 off by law


def test_answered_before_an_uncertain_deadline_does_not_warn():
    """Answered within the known year while the deadline falls in a year without holiday data: on time for
    certain (every working day up to the answer is known), so no warning; answered in that year still warns."""
    open_info = dl.compute(app(D(2026, 12, 18)), D(2026, 12, 20), [])
    assert open_info.warning
    on_time = dl.compute(app(D(2026, 12, 18), closed=D(2026, 12, 30)), D(2027, 2, 1), [])
    assert on_time.state == dl.CLOSED and on_time.warning is None and on_time.notes == []
    in_2027 = dl.compute(app(D(2026, 12, 18), closed=D(2027, 1, 15)), D(2027, 2, 1), [])
    assert "2027" in in_2027.warning
