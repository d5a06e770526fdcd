"""Table 三/四 from the ledger against a hand-counted fixture, carry-over between years, freezing."""

import datetime as dt

import pytest

from applications_support import actx  # noqa: F401
from gwdesk.core.applications import TABLE3_ROWS, aggregate
from gwdesk.store.applications_models import AppealCase, Application
from gwdesk.store.base import db

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL

D = dt.date

# number, applicant type, received, closed, outcome
APPS = [
    ("A1", "自然人", D(2024, 12, 20), D(2025, 1, 10), "3.1"),
    ("A2", "商业企业", D(2024, 11, 1), D(2024, 11, 20), "3.1"),
    ("A3", "自然人", D(2025, 3, 1), D(2025, 3, 20), "3.2"),
    ("A4", "法律服务机构", D(2025, 5, 1), D(2025, 5, 25), "3.3.4"),
    ("A5", "自然人", D(2025, 12, 15), None, None),
    ("A6", "科研机构", D(2025, 12, 20), D(2026, 1, 12), "3.4.1"),
    ("A7", "社会公益组织", D(2024, 12, 28), None, None),
    ("A8", "其他", D(2025, 7, 7), D(2025, 7, 20), "3.6.1"),
    ("A9", "自然人", D(2025, 8, 8), D(2025, 8, 30), "3.5.2"),
    ("A10", "商业企业", D(2025, 1, 1), D(2025, 12, 31), "3.1"),
]
# kind, filed, result, decided
CASES = [
    ("复议", D(2025, 2, 1), "结果维持", D(2025, 4, 1)),
    ("复议后起诉", D(2025, 5, 1), "结果纠正", D(2026, 2, 1)),  # undecided on 2025-12-31
    ("未经复议直接起诉", D(2025, 9, 1), "尚未审结", None),
    ("复议", D(2024, 12, 1), "结果纠正", D(2025, 1, 15)),      # filed in 2024: not a 2025 case
    ("复议", D(2025, 6, 1), "其他结果", D(2025, 7, 1)),
]


def load():
    with db.atomic():
        Application.insert_many([
            dict(number=n, applicant_type=t, applicant_name="某", channel="网络", received=r, closed=c,
                 outcome=o, content="x") for n, t, r, c, o in APPS]).execute()
        AppealCase.insert_many([dict(kind=k, filed=f, result=res, decided=d) for k, f, res, d in CASES]).execute()


def test_table3_2025_hand_counted(actx):
    load()
    t = aggregate.table3(2025)
    assert list(t) == TABLE3_ROWS and not t.frozen
    #                自然人 商业 科研 公益 法律 其他 总计
    assert t["1"] == [3, 1, 1, 0, 1, 1, 7]
    assert t["2"] == [1, 0, 0, 1, 0, 0, 2]
    assert t["3.1"] == [1, 1, 0, 0, 0, 0, 2]
    assert t["3.2"] == [1, 0, 0, 0, 0, 0, 1]
    assert t["3.3.4"] == [0, 0, 0, 0, 1, 0, 1]
    assert t["3.5.2"] == [1, 0, 0, 0, 0, 0, 1]
    assert t["3.6.1"] == [0, 0, 0, 0, 0, 1, 1]
    assert t["3.4.1"] == [0] * 7
    assert t["3.7"] == [3, 1, 0, 0, 1, 1, 6]
    assert t["4"] == [1, 0, 1, 1, 0, 0, 3]
    for c in range(7):  # R1: row 1 + row 2 = row 3.7 + row 4
        assert t["1"][c] + t["2"][c] == t["3.7"][c] + t["4"][c]


def test_carry_over_between_years(actx):
    load()
    t24, t25, t26 = aggregate.table3(2024), aggregate.table3(2025), aggregate.table3(2026)
    assert t24["1"] == [1, 1, 0, 1, 0, 0, 3] and t24["4"] == [1, 0, 0, 1, 0, 0, 2]
    assert t25["2"] == t24["4"]  # R5
    assert t26["2"] == t25["4"] == [1, 0, 1, 1, 0, 0, 3]
    assert t26["3.4.1"] == [0, 0, 1, 0, 0, 0, 1]
    assert t26["4"] == [1, 0, 0, 1, 0, 0, 2]


def test_table4_2025_hand_counted(actx):
    load()
    t = aggregate.table4(2025)
    assert t == {"review": [1, 0, 1, 0, 2], "litigation_direct": [0, 0, 0, 1, 1],
                 "litigation_after_review": [0, 0, 0, 1, 1]}
    assert aggregate.table4(2024)["review"] == [0, 0, 0, 1, 1]  # decided only in 2025


def test_freeze_keeps_sent_figures(actx):
    load()
    before3, before4 = aggregate.table3(2025), aggregate.table4(2025)
    aggregate.freeze(2025)
    assert aggregate.is_frozen(2025) and not aggregate.is_frozen(2024)
    Application.update(outcome="3.2").where(Application.number == "A10").execute()
    AppealCase.delete().execute()
    t3, t4 = aggregate.table3(2025), aggregate.table4(2025)
    assert t3 == before3 and t3.frozen and t3.frozen_at
    assert t4 == before4 and t4.frozen
    diffs = aggregate.frozen_differences(2025)
    assert "表三 3.1 商业企业：锁定时1，现在0" in diffs and "表三 3.2 商业企业：锁定时0，现在1" in diffs
    assert any(d.startswith("表四 review") for d in diffs)
    aggregate.unfreeze(2025)
    assert aggregate.table3(2025)["3.2"][1] == 1 and not aggregate.table3(2025).frozen
