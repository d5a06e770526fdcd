"""The whole life of a case, in the core: 重新答复 kept and not re-counted, duplicates voided, cases decided the next
year under both readings of 表四's year, impossible steps refused with nothing saved, changes to a locked year
refused until confirmed, and schema 8 taking an answered v7 ledger over with its answers."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest

from applications_support import actx  # noqa: F401
from gwdesk.core.annual_report import fill
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.core.applications import aggregate, answers, cases, history, ledger, voiding
from gwdesk.errors import ValidationFailed
from gwdesk.store.applications_models import AppealCase, Application, History, Reply, Step

D = dt.date
TODAY = D(2026, 11, 20)  # conftest pins ctx.today here


def _app(number, received, kind="自然人", name="王秀兰"):
    return ledger.create(dict(number=number, received=received, channel="网络", applicant_type=kind,
                              applicant_name=name, content=f"{number}所申请的信息"))


@pytest.fixture
def year_2025(actx):
    """A year with a 重新答复, voided duplicates (open and answered) and cases decided the next year."""
    a1 = _app("2025-001", D(2025, 3, 3))
    ledger.reply(a1, D(2025, 3, 20), "3.1", "青民依申复〔2025〕1号", today=TODAY)
    a2 = _app("2025-002", D(2025, 3, 3))  # A1 registered twice
    a3 = _app("2025-090", D(2025, 12, 20), "商业企业", "某某建设有限公司")
    a4 = _app("2025-091", D(2025, 12, 22), "商业企业", "某某建设有限公司")  # A3 again, never answered
    a5 = _app("2024-050", D(2024, 12, 27), "法律服务机构", "某某律师事务所")
    ledger.reply(a5, D(2025, 1, 10), "3.4.1", "青民依申复〔2025〕2号", "经检索本机关未制作、获取该信息", today=TODAY)
    a6 = _app("2025-040", D(2025, 6, 2))  # a duplicate that was even answered
    ledger.reply(a6, D(2025, 6, 20), "3.1", "青民依申复〔2025〕9号", today=TODAY)
    a7 = _app("2025-050", D(2025, 7, 1))
    ledger.add_step(a7, "补正", D(2025, 7, 3), deadline=D(2025, 7, 17), today=TODAY)
    ledger.reply(a7, D(2025, 7, 21), "3.6.1", reason="申请人逾期未补正", today=TODAY)
    ledger.reply(a3, D(2026, 1, 15), "3.3.4", "青民依申复〔2026〕1号", "公开会损害第三方合法权益", today=TODAY)
    # a 复议 corrected A1's answer; the unit answered again in 2026
    c1 = cases.add(a1, "复议", D(2025, 4, 10), today=TODAY)
    cases.update(c1, today=TODAY, result="结果纠正", decided=D(2025, 12, 30), case_number="青府复决〔2025〕3号")
    answers.re_reply(a1, D(2026, 2, 10), "3.2", "青民依申复〔2026〕5号", "部分涉及个人隐私，区分处理", today=TODAY)
    c2 = cases.add(a5, "复议", D(2025, 2, 1), today=TODAY)  # decided the next year
    cases.update(c2, today=TODAY, result="结果维持", decided=D(2026, 3, 1))
    cases.add(None, "未经复议直接起诉", D(2025, 9, 1), case_number="（2025）川0822行初9号", today=TODAY)  # 主动公开
    cases.add(a1, "复议后起诉", D(2026, 1, 20), today=TODAY)
    c5 = cases.add(a1, "复议", D(2025, 4, 10), today=TODAY)  # C1 entered twice
    cases.void(c5, "与青府复决〔2025〕3号重复登记")
    cases.add(None, "复议", D(2024, 11, 1), result="其他结果", decided=D(2025, 2, 1), today=TODAY)
    voiding.void(a2, "与2025-001重复登记")
    voiding.void(a4, "与2025-090重复登记")
    voiding.void(a6, "与2025-030重复登记")
    return actx


def _t3(**cells):
    t = {k: [0] * 7 for k in ["1", "2", *ledger.OUTCOMES, "3.7", "4"]}
    for key, values in cells.items():
        t[key.replace("_", ".")] = values
    return t


def test_hand_counts_2025_and_2026(year_2025):
    # 2025 by hand: 新收 A1, A7 (自然人), A3 (商业企业); 结转 A5 (法律服务机构); 办结 A1 3.1, A7 3.6.1, A5 3.4.1;
    # 结转下年 A3. The duplicates A2, A4, A6 nowhere; A1's 重新答复 in 2026 not again.
    want25 = _t3(**{"1": [2, 1, 0, 0, 0, 0, 3], "2": [0, 0, 0, 0, 1, 0, 1], "3_1": [1, 0, 0, 0, 0, 0, 1],
                    "3_4_1": [0, 0, 0, 0, 1, 0, 1], "3_6_1": [1, 0, 0, 0, 0, 0, 1], "3_7": [2, 0, 0, 0, 1, 0, 3],
                    "4": [0, 1, 0, 0, 0, 0, 1]})
    assert dict(aggregate.table3(2025)) == want25
    want26 = _t3(**{"2": [0, 1, 0, 0, 0, 0, 1], "3_3_4": [0, 1, 0, 0, 0, 0, 1], "3_7": [0, 1, 0, 0, 0, 0, 1]})
    assert dict(aggregate.table3(2026)) == want26
    # 表四, filed in the year (default): C1 纠正 and C2 still pending on 2025-12-31; the 主动公开 suit pending
    assert aggregate.table4_mode() == aggregate.FILED
    assert dict(aggregate.table4(2025)) == {"review": [0, 1, 0, 1, 2], "litigation_direct": [0, 0, 0, 1, 1],
                                            "litigation_after_review": [0, 0, 0, 0, 0]}
    assert dict(aggregate.table4(2026)) == {"review": [0, 0, 0, 0, 0], "litigation_direct": [0, 0, 0, 0, 0],
                                            "litigation_after_review": [0, 0, 0, 1, 1]}
    # filed or decided in the year: C6 (filed 2024) decided 2025 其他结果; C2 decided 2026 结果维持
    aggregate.set_table4_mode(aggregate.FILED_OR_DECIDED)
    assert dict(aggregate.table4(2025)) == {"review": [0, 1, 1, 1, 3], "litigation_direct": [0, 0, 0, 1, 1],
                                            "litigation_after_review": [0, 0, 0, 0, 0]}
    assert dict(aggregate.table4(2026)) == {"review": [1, 0, 0, 0, 1], "litigation_direct": [0, 0, 0, 0, 0],
                                            "litigation_after_review": [0, 0, 0, 1, 1]}


def test_fill_takes_the_hand_counts_and_names_the_reading(year_2025):
    res = fill.fill(ReportData(year=2025, unit="青川县民政局"), today=TODAY)
    assert res.data.table3["1"] == [2, 1, 0, 0, 0, 0, 3] and res.data.table3["3.7"] == [2, 0, 0, 0, 1, 0, 3]
    assert res.data.table4["review"] == [0, 1, 0, 1, 2]
    assert "按提起年度" in res.sources["table4"] and "重新答复不重复计算" in res.sources["table3"]
    assert res.warnings == []  # 2025 is over on 2026-11-20
    aggregate.set_table4_mode(aggregate.FILED_OR_DECIDED)
    res = fill.fill(ReportData(year=2025, unit="青川县民政局"), today=TODAY)
    assert res.data.table4["review"] == [0, 1, 1, 1, 3] and "按提起或审结年度" in res.sources["table4"]
    # 2026 before 12-31: a word that the year is not over
    res = fill.fill(ReportData(year=2026, unit="青川县民政局"), today=TODAY)
    assert len(res.warnings) == 1 and "2026年尚未结束" in res.warnings[0]
    assert res.data.table4["review"] == [1, 0, 0, 0, 1]


def test_the_report_window_fills_the_hand_counts(year_2025, profile, qtbot, alerts_log):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from gwdesk.ui.report.page import Page
    page = Page(year_2025)
    qtbot.addWidget(page)
    page.show()
    page.year_box.setCurrentIndex(page.year_box.findData(2025))
    QTest.mouseClick(page.fill_btn, Qt.LeftButton)
    t3 = page.data.table3
    assert (t3["1"], t3["2"], t3["3.1"], t3["3.4.1"], t3["3.6.1"], t3["3.7"], t3["4"]) == (
        [2, 1, 0, 0, 0, 0, 3], [0, 0, 0, 0, 1, 0, 1], [1, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 1, 0, 1],
        [1, 0, 0, 0, 0, 0, 1], [2, 0, 0, 0, 1, 0, 3], [0, 1, 0, 0, 0, 0, 1])
    assert sum(t3["3.2"]) == 0  # the 重新答复 (3.2, in 2026) is not counted again
    assert page.data.table4 == {"review": [0, 1, 0, 1, 2], "litigation_direct": [0, 0, 0, 1, 1],
                                "litigation_after_review": [0, 0, 0, 0, 0]}
    assert "按提起年度" in page.sources["table4"] and alerts_log[-1][0] == "info"


def test_every_answer_is_kept_and_the_first_counts(year_2025):
    a1 = Application.get(Application.number == "2025-001")
    assert (a1.closed, a1.outcome) == (D(2025, 3, 20), "3.1")  # the 重新答复 overwrote nothing
    kept = answers.listed(a1)
    assert [(r.kind, r.date, r.outcome) for r in kept] == [("答复", D(2025, 3, 20), "3.1"),
                                                          ("重新答复", D(2026, 2, 10), "3.2")]
    with pytest.raises(ValidationFailed, match="记录重新答复"):
        ledger.reply(a1, D(2026, 3, 1), "3.1", "青民依申复〔2026〕9号", today=TODAY)
    with pytest.raises(ValidationFailed, match="重新答复"):  # a mistaken 办结 can be withdrawn, not this one
        ledger.reopen(a1)
    assert Reply.select().where(Reply.application == a1).count() == 2
    assert [h.action for h in history.entries(app=a1) if h.case_id is None] == ["重新答复"]


def test_voided_records_are_kept_with_reason_and_history(year_2025):
    a2 = Application.get(Application.number == "2025-002")
    assert a2.voided and a2.void_reason == "与2025-001重复登记"
    assert [h.action for h in history.entries(app=a2)] == ["作废"]
    with pytest.raises(ValidationFailed, match="作废（与2025-001重复登记），不能再办理"):
        ledger.reply(a2, D(2025, 4, 1), "3.1", "x", today=TODAY)
    with pytest.raises(ValidationFailed, match="作废原因"):
        voiding.void(Application.get(Application.number == "2025-050"), "  ")
    c5 = AppealCase.get(AppealCase.voided.is_null(False))
    assert "重复登记" in c5.void_reason and history.entries(case=c5)[-1].action == "作废案件"
    with pytest.raises(ValidationFailed, match="已作废"):
        cases.update(c5, today=TODAY, result="结果维持", decided=D(2025, 5, 1))
    # an application with live cases is not voided until they are dealt with
    with pytest.raises(ValidationFailed, match="复议诉讼"):
        voiding.void(Application.get(Application.number == "2025-001"), "试一下")
    assert Application.select().count() == 7 and AppealCase.select().count() == 6  # nothing deleted
    voiding.restore(a2)
    assert aggregate.table3(2025)["1"][0] == 3
    assert [h.action for h in history.entries(app=a2)] == ["作废", "恢复"]


@pytest.mark.parametrize("outcome, steps, date, words", [
    ("3.6.1", [("补正", D(2026, 10, 8), None, D(2026, 10, 22))], D(2026, 10, 22), "补正期限2026-10-22尚未届满"),
    ("3.6.1", [("补正", D(2026, 10, 8), None, D(2026, 10, 22))], D(2026, 10, 23), None),
    ("3.4.3", [], D(2026, 10, 20), "须先有补正步骤"),
    ("3.4.3", [("补正", D(2026, 10, 8), None, D(2026, 10, 22))], D(2026, 10, 20), "补正尚未到达"),
    ("3.4.3", [("补正", D(2026, 10, 8), D(2026, 10, 12), None)], D(2026, 10, 20), None),
    ("3.1", [], D(2026, 11, 21), "答复日期：2026-11-21晚于今天（2026-11-20）"),
])
def test_impossible_answers_are_refused_naming_the_field(actx, outcome, steps, date, words):
    a = _app("2026-070", D(2026, 10, 5))
    for kind, started, ended, deadline in steps:
        ledger.add_step(a, kind, started, ended=ended, deadline=deadline, today=TODAY)
    args = (a, date, outcome, "青民依申复〔2026〕70号", "申请内容经补正后仍不明确")
    if words is None:
        ledger.reply(*args, today=TODAY)
        assert Application.get_by_id(a.id).outcome == outcome
        return
    with pytest.raises(ValidationFailed) as e:
        ledger.reply(*args, today=TODAY)
    assert words in e.value.message
    stored = Application.get_by_id(a.id)
    assert stored.closed is None and not Reply.select().exists()


def test_fee_and_decision_dates_after_today_are_refused(actx):
    a = _app("2026-071", D(2026, 10, 5))
    with pytest.raises(ValidationFailed, match="收费通知日期：2026-11-23晚于今天"):
        ledger.add_step(a, "收费", D(2026, 11, 23), fee_method="按量", quantity=300, today=TODAY)
    step = ledger.add_step(a, "收费", D(2026, 11, 2), fee_method="按量", quantity=300, today=TODAY)
    with pytest.raises(ValidationFailed, match="缴费日期：2026-11-24晚于今天"):
        ledger.finish_step(step, D(2026, 11, 24), today=TODAY)
    assert Step.get_by_id(step.id).ended is None
    with pytest.raises(ValidationFailed, match="审结日期：2026-12-01晚于今天"):
        cases.add(a, "复议", D(2026, 11, 2), "结果维持", D(2026, 12, 1), today=TODAY)
    with pytest.raises(ValidationFailed, match="审结日期：结果为“尚未审结”的案件不能有审结日期"):
        cases.add(a, "复议", D(2026, 11, 2), "尚未审结", D(2026, 11, 10), today=TODAY)
    with pytest.raises(ValidationFailed, match="审结日期：结果为“结果纠正”的案件须填写审结日期"):
        cases.add(a, "复议", D(2026, 11, 2), "结果纠正", None, today=TODAY)
    assert not AppealCase.select().exists()


def test_a_locked_year_moves_only_once_the_clerk_confirms(year_2025):
    aggregate.freeze(2025)
    before = aggregate.table3(2025)
    a7 = Application.get(Application.number == "2025-050")
    with pytest.raises(aggregate.MovesLockedYear) as e:
        voiding.void(a7, "误登记")
    assert e.value.kinds == {2025: "locked"} and "2025年（依申请公开数据已锁定）" in e.value.message
    assert e.value.moves == {2025: ["表三“一、本年新收”自然人 2→1", "表三“一、本年新收”总计 3→2",
                                    "表三“3.6.1 申请人无正当理由逾期不补正”自然人 1→0",
                                    "表三“3.6.1 申请人无正当理由逾期不补正”总计 1→0",
                                    "表三“（七）总计”自然人 2→1", "表三“（七）总计”总计 3→2"]}
    assert not Application.get_by_id(a7.id).voided and dict(aggregate.table3(2025)) == dict(before)
    assert not History.select().where(History.application == a7.id).exists()
    voiding.void(a7, "误登记", confirm=True)
    after = aggregate.table3(2025)
    assert after.frozen and after["1"] == [1, 1, 0, 0, 0, 0, 2] and after["3.6.1"] == [0] * 7
    assert aggregate.frozen_differences(2025) == []
    assert any(h.action == "更新2025年锁定数字" for h in History.select())
    # a case decided in a locked year is a change to 表四 too
    c = AppealCase.get(AppealCase.case_number == "（2025）川0822行初9号")
    with pytest.raises(aggregate.MovesLockedYear, match="未经复议直接起诉"):
        cases.update(c, today=TODAY, result="结果维持", decided=D(2025, 12, 1))
    assert AppealCase.get_by_id(c.id).result == "尚未审结"
    # a year not locked moves freely: 2026 is not
    cases.update(c, today=TODAY, result="结果维持", decided=D(2026, 2, 1))


def test_schema_8_takes_over_a_v7_ledger_with_its_answers(tmp_path):
    from gwdesk.store.db import migrate, open_store
    v7 = tmp_path / "v7.db"
    migrate(v7, 0, None, True, target=7)
    c = sqlite3.connect(v7)
    c.execute("INSERT INTO application(number, received, channel, applicant_type, applicant_name, closed, outcome,"
              " reply_number, reason, updated_at) VALUES ('2025-001', '2025-03-03', '网络', '自然人', '王秀兰',"
              " '2025-03-20', '3.1', '青民依申复〔2025〕1号', '', '2025-03-20T10:00:00')")
    c.execute("INSERT INTO application(number, received, channel, applicant_type, applicant_name)"
              " VALUES ('2025-002', '2025-04-01', '当面', '自然人', '李四')")
    c.execute("INSERT INTO appeal_case(application_id, kind, filed) VALUES (1, '复议', '2025-04-10')")
    c.commit()
    c.close()
    db_path = tmp_path / "gwdesk.db"
    shutil.copyfile(v7, db_path)
    store = open_store(db_path, backup_dir=tmp_path / "backups")
    try:
        rows = store.db.execute_sql("SELECT application_id, kind, date, outcome, reply_number FROM application_reply"
                                    ).fetchall()
        assert rows == [(1, "答复", "2025-03-20", "3.1", "青民依申复〔2025〕1号")]
        assert store.db.execute_sql("SELECT COUNT(*) FROM application WHERE voided IS NOT NULL").fetchone()[0] == 0
        assert store.db.execute_sql("SELECT voided, void_reason FROM appeal_case").fetchall() == [(None, "")]
        assert dict(aggregate.live_table3(2025))["1"] == [2, 0, 0, 0, 0, 0, 2]
    finally:
        store.close()


def test_the_import_refuses_an_answer_dated_after_today_too(actx, tmp_path):
    import openpyxl
    from gwdesk.errors import ImportRejected
    from gwdesk.io import ledger_xlsx
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["编号", "收到日期", "申请人类型", "申请人姓名或名称", "申请内容", "答复日期", "办理结果"])
    ws.append(["2026-001", "2026-10-09", "自然人", "张三", "低保名单", "2026-11-23", "予以公开"])
    wb.save(tmp_path / "l.xlsx")
    with pytest.raises(ImportRejected) as e:
        ledger_xlsx.import_ledger(tmp_path / "l.xlsx", today=TODAY)
    assert e.value.problems == ["工作表“台账”第2行“答复日期”：2026-11-23晚于今天（2026-11-20），尚未发生的事不能登记，请核对日期"]
    assert not Application.select().exists()


def test_a_year_whose_report_is_final_is_not_changed_unseen(year_2025):
    from gwdesk.core.annual_report import records
    res = fill.fill(ReportData(year=2025, unit="青川县民政局"), today=TODAY)
    records.save(res.data, res.sources)
    records.set_frozen("青川县民政局", 2025, True)  # 定稿, the ledger's figures not locked
    a7 = Application.get(Application.number == "2025-050")
    with pytest.raises(aggregate.MovesLockedYear) as e:
        voiding.void(a7, "误登记")
    assert e.value.kinds == {2025: "final"} and "2025年（年度报告已定稿）" in e.value.message
    assert "表三“一、本年新收”自然人 2→1" in e.value.message and not Application.get_by_id(a7.id).voided
    voiding.void(a7, "误登记", confirm=True)
    assert records.load_data("青川县民政局", 2025).table3["1"] == [2, 1, 0, 0, 0, 0, 3]  # the report as sent
    assert aggregate.table3(2025)["1"] == [1, 1, 0, 0, 0, 0, 2]
    assert History.select().where(History.action == "2025年度报告已定稿，台账与其不再一致").count() == 1


def test_the_exported_ledger_shows_a_voided_row_with_its_reason(year_2025, tmp_path):
    import openpyxl
    from gwdesk.io import ledger_xlsx
    n = ledger_xlsx.export_ledger(tmp_path / "t.xlsx", TODAY, year=2025)
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    state = {r[0]: r[10] for r in ws.iter_rows(min_row=4, values_only=True)}
    assert n == 6 and state["2025-002"] == "已作废：与2025-001重复登记" and state["2025-001"] == "已办结"


def test_withdrawing_a_mistaken_answer_keeps_it_in_the_history(actx):
    a = _app("2026-080", D(2026, 10, 9))
    ledger.reply(a, D(2026, 10, 20), "3.1", "青民依申复〔2026〕80号", today=TODAY)
    ledger.reopen(a)
    stored = Application.get_by_id(a.id)
    assert stored.closed is None and not Reply.select().exists()
    assert [(h.action, h.detail) for h in history.entries(app=a)] == [
        ("撤销办结", "原答复 2026-10-20 3.1 予以公开 青民依申复〔2026〕80号")]
