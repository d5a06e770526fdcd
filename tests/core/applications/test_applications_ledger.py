"""Ledger: registration checks, step rules, monthly 按件 counting, replies, cases, list rows."""

import datetime as dt

import pytest

from applications_support import actx  # noqa: F401
from gwdesk.core.applications import deadlines as dl
from gwdesk.core.applications import cases, ledger
from gwdesk.errors import ValidationFailed

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL

D = dt.date


def fields(**kw):
    base = dict(number="2026-001", received=D(2026, 7, 1), channel="网络", applicant_type="自然人",
                applicant_name="张小三", id_kind="居民身份证", id_number="11010519491231002X",
                contact="13812345678", content="2025年度城乡低保资金发放明细", delivery="电子邮件")
    base.update(kw)
    return base


def test_create_and_validate(actx):
    a = ledger.create(fields(id_number="11010519491231002x"))
    assert a.id and a.id_number == "11010519491231002X"
    with pytest.raises(ValidationFailed) as e:
        ledger.create(fields(id_number="110105194912310021", channel="微信", applicant_name=" "))
    msgs = e.value.problems
    assert "编号：“2026-001”已被另一件申请使用" in msgs
    assert any("校验位" in m for m in msgs) and any(m.startswith("渠道") for m in msgs)
    assert any(m.startswith("申请人姓名或名称") for m in msgs)
    with pytest.raises(ValidationFailed) as e:
        ledger.create(fields(number="2026-002", applicant_type="商业企业", id_kind="统一社会信用代码",
                             id_number="91440300708461136A"))
    assert "统一社会信用代码校验位不符" in e.value.message
    assert ledger.next_number(2026) == "2026-002"


def test_the_counter_follows_numbers_given_out_another_way(actx):
    """auto_number takes the year's counter, at least one past the year's highest 编号 however it was given (typed,
    imported): only that year's numbers of the form YYYY-N count — not another year's, a 2026.5 or a 2026-A1."""
    for number in ("2026-041", "2027-300", "2026.500", "2026-A1", "20260-900", "2025-999"):
        ledger.create(fields(number=number, id_number=""))
    assert ledger.next_number(2026) == "2026-042"
    assert ledger.create(fields(number="", id_number=""), auto_number=True).number == "2026-042"
    ledger.create(fields(number="2026-1000", id_number=""))  # four digits: numerically the highest
    taken = ledger.create(fields(number="2026-001", id_number=""), auto_number=True)  # a stale suggestion
    assert taken.number == "2026-1001" and ledger.next_number(2026) == "2026-1002"


def test_step_rules(actx):
    a = ledger.create(fields())
    with pytest.raises(ValidationFailed, match="批准人"):
        ledger.add_step(a, "延期", D(2026, 7, 20), days=10)
    with pytest.raises(ValidationFailed, match="1–20"):
        ledger.add_step(a, "延期", D(2026, 7, 20), days=21, approver="王主任")
    ledger.add_step(a, "延期", D(2026, 7, 20), days=10, approver="王主任")
    with pytest.raises(ValidationFailed, match="延期只能一次"):
        ledger.add_step(a, "延期", D(2026, 7, 21), days=5, approver="王主任")
    ledger.add_step(a, "补正", D(2026, 7, 2), deadline=D(2026, 7, 16))
    with pytest.raises(ValidationFailed, match="一次性告知"):
        ledger.add_step(a, "补正", D(2026, 7, 3))
    with pytest.raises(ValidationFailed, match="早于收到申请日期"):
        ledger.add_step(a, "征求第三方意见", D(2026, 6, 30))


def test_per_item_fee_counts_the_applicants_month_across_applications(actx):
    # the same person files 11 applications in July; the 11th is the first one charged (100元)
    for i in range(1, 12):
        ledger.create(fields(number=f"2026-{i:03d}", received=D(2026, 7, min(i, 28))))
    other = ledger.create(fields(number="2026-100", received=D(2026, 7, 30), applicant_name="李四",
                                 id_number="440524188001010014"))
    from gwdesk.store.applications_models import Application
    eleventh = Application.get(Application.number == "2026-011")
    tenth = Application.get(Application.number == "2026-010")
    assert ledger.month_position(eleventh) == 11
    assert ledger.fee_quote(eleventh, "按件").amount == 100
    assert ledger.fee_quote(tenth, "按件").amount == 0
    assert ledger.fee_quote(other, "按件").amount == 0
    with pytest.raises(ValidationFailed, match="免费档"):
        ledger.add_step(tenth, "收费", D(2026, 7, 20), fee_method="按件")
    s = ledger.add_step(eleventh, "收费", D(2026, 7, 20), fee_method="按件")
    assert s.amount == 100
    with pytest.raises(ValidationFailed, match="不能兼用"):
        ledger.add_step(eleventh, "收费", D(2026, 7, 21), fee_method="按量", quantity=300)
    # a new month starts from zero
    aug = ledger.create(fields(number="2026-200", received=D(2026, 8, 3)))
    assert ledger.month_position(aug) == 1


def test_reply_rules(actx):
    a = ledger.create(fields())
    with pytest.raises(ValidationFailed) as e:
        ledger.reply(a, D(2026, 7, 20), "3.6.1")
    assert any("补正" in p for p in e.value.problems)
    with pytest.raises(ValidationFailed, match="理由"):
        ledger.reply(a, D(2026, 7, 20), "3.3.4", reply_number="青民依申复〔2026〕1号")
    with pytest.raises(ValidationFailed, match="3.1至3.6.3"):
        ledger.reply(a, D(2026, 7, 20), "3.7", reply_number="x")
    ledger.reply(a, D(2026, 7, 20), "3.1", reply_number="青民依申复〔2026〕1号")
    assert a.closed == D(2026, 7, 20) and a.outcome == "3.1"
    with pytest.raises(ValidationFailed, match="已办结"):
        ledger.add_step(a, "延期", D(2026, 7, 21), days=5, approver="王主任")
    ledger.reopen(a)
    assert a.closed is None and a.outcome is None


def test_lapsed_buzheng_closes_as_361(actx):
    a = ledger.create(fields())
    ledger.add_step(a, "补正", D(2026, 7, 2), deadline=D(2026, 7, 16))
    rows = ledger.rows(D(2026, 7, 17))
    assert rows[0].due.suggested_outcome == "3.6.1" and rows[0].tone == "overdue"
    ledger.reply(a, D(2026, 7, 17), "3.6.1", reason="申请人逾期未补正")
    assert ledger.rows(D(2026, 7, 17))[0].due.state == dl.CLOSED


def test_cases(actx):
    a = ledger.create(fields())
    with pytest.raises(ValidationFailed, match="审结日期"):
        cases.add(a, "复议", D(2026, 9, 1), result="结果维持")
    c = cases.add(a, "复议", D(2026, 9, 1), result="结果维持", decided=D(2026, 10, 30))
    assert c.application_id == a.id and list(a.cases)[0].result == "结果维持"


def test_rows_filters(actx):
    ledger.create(fields())
    ledger.create(fields(number="2026-002", applicant_type="法律服务机构", applicant_name="四川蜀川律师事务所",
                         id_kind="统一社会信用代码", id_number="914403001922038216", content="养老机构补贴"))
    ledger.create(fields(number="2025-009", received=D(2025, 12, 1)))
    today = D(2026, 7, 24)
    assert len(ledger.rows(today)) == 3
    assert [r.app.number for r in ledger.rows(today, year=2026)] == ["2026-002", "2026-001"]
    assert [r.app.number for r in ledger.rows(today, applicant_type="法律服务机构")] == ["2026-002"]
    assert [r.app.number for r in ledger.rows(today, search="养老")] == ["2026-002"]
    r = ledger.rows(today, search="2026-001")[0]
    assert r.due.due == D(2026, 7, 29) and r.tone == "soon"


def test_buzheng_awaited_needs_its_deadline(actx):
    a = ledger.create(fields())
    with pytest.raises(ValidationFailed, match="补正期限") as e:
        ledger.add_step(a, "补正", D(2026, 7, 2))
    assert "条例第三十条" in e.value.message
    with pytest.raises(ValidationFailed, match="不能早于补正通知日期"):
        ledger.add_step(a, "补正", D(2026, 7, 2), deadline=D(2026, 7, 1))
    ledger.add_step(a, "补正", D(2026, 7, 2), ended=D(2026, 7, 9))  # a finished 补正 recorded afterwards
    b = ledger.create(fields(number="2026-002"))
    ledger.add_step(b, "补正", D(2026, 7, 2), deadline=D(2026, 7, 16))
    info = dl.compute(b, D(2026, 7, 20))
    assert info.state == dl.WAIT_BUZHENG and info.due == D(2026, 7, 16) and info.suggested_outcome == "3.6.1"


def test_buzheng_without_deadline_from_older_records_is_flagged(actx):
    from gwdesk.store.applications_models import Step
    a = ledger.create(fields())
    Step.create(application=a, kind="补正", started=D(2026, 7, 2))  # as stored before the rule
    info = dl.compute(a, D(2026, 7, 20))
    assert info.state == dl.WAIT_BUZHENG and info.due is None
    assert any("没有记录补正期限" in n for n in info.notes)
