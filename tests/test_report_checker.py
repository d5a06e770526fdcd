"""Checker: the realistic report is clean; a crafted break of each rule R0–R9 is caught at its cell."""

from decimal import Decimal

from report_helpers import fixture

from gwdesk.core.annual_report.checker import check
from gwdesk.core.annual_report.spec import ReportData


def _only(findings, rule):
    got = [f for f in findings if f.rule == rule]
    assert got, f"no {rule} finding in {findings}"
    others = [f for f in findings if f.rule != rule]
    assert not others, others
    return got


def test_realistic_report_is_clean():
    d, prev = fixture(), fixture("qc_minzheng_2024.json")
    assert check(d, previous=prev, level="县级部门") == []
    assert check(prev, level="县级部门") == []


def test_r0_not_entered_is_not_zero():
    d = fixture()
    del d.table3["3.3.2"]
    d.table2["fees"]["amount_wan_yuan"] = None
    del d.table4["review"]
    got = _only(check(d), "R0")
    cells = {(f.table, f.row, f.col) for f in got}
    assert cells == {("2", "fees", "amount_wan_yuan"), ("3", "3.3.2", None), ("4", "review", None)}
    assert all(f.severity == "error" and "请填写0" in f.message for f in got)


def test_r1_balance():
    d = fixture()
    d.table3["4"] = [2, 0, 0, 0, 0, 0, 2]  # one more carried over than the books allow
    got = _only(check(d), "R1")
    assert [(f.table, f.row, f.col) for f in got] == [("3", "4", 0), ("3", "4", 6)]
    assert "第一项14＋第二项1＝15" in got[0].message and "“自然人”列" in got[0].message


def test_r2_row_total():
    d = fixture()
    d.table3["3.2"][6] = 4  # parts sum to 3
    d.table3["3.7"][6] = 18  # keep R3 quiet: 3.7 total follows the typed part
    d.table3["1"][6] = 18  # and R1
    fs = check(d)
    r2 = [f for f in fs if f.rule == "R2"]
    assert {(f.row, f.col) for f in r2} == {("3.2", 6), ("3.7", 6), ("1", 6)}
    assert "六类申请人之和为3" in [f for f in r2 if f.row == "3.2"][0].message


def test_r3_outcome_total_counts_each_application_once():
    d = fixture()
    d.table3["3.4.2"] = [1, 0, 0, 0, 0, 0, 1]  # an outcome added without updating 3.7
    got = _only(check(d), "R3")
    assert [(f.row, f.col) for f in got] == [("3.7", 0), ("3.7", 6)]
    assert got[0].severity == "error"


def test_r4_table4_total():
    d = fixture()
    d.table4["litigation_direct"] = [1, 0, 0, 1, 1]
    got = _only(check(d), "R4")
    assert [(f.table, f.row, f.col) for f in got] == [("4", "litigation_direct", 4)]
    assert "未经复议直接起诉" in got[0].message


def test_r5_carry_over_from_last_year():
    d, prev = fixture(), fixture("qc_minzheng_2024.json")
    prev.table3["4"] = [0, 1, 0, 0, 0, 0, 1]
    prev.table3["3.7"] = [11, 0, 0, 0, 0, 0, 11]
    prev.table3["3.4.1"] = [3, 0, 0, 0, 0, 0, 3]
    got = _only(check(d, previous=prev), "R5")
    assert {(f.row, f.col) for f in got} == {("2", 0), ("2", 1)}
    assert all(f.severity == "warn" and "2024年报告" in f.message for f in got)
    # without last year's report, or with a report of another year, R5 cannot apply
    assert check(d) == []
    prev.year = 2020
    assert check(d, previous=prev) == []


def test_r6_in_force_heuristic():
    d, prev = fixture(), fixture("qc_minzheng_2024.json")
    d.table2["normative_docs"]["in_force"] = 20  # 16 + 3 - 1 = 18
    got = _only(check(d, previous=prev), "R6")
    assert [(f.table, f.row, f.col) for f in got] == [("2", "normative_docs", "in_force")]
    assert "应为18件" in got[0].message and got[0].severity == "warn"


def test_r7_negative_and_fractional():
    d = fixture()
    d.table3["3.1"][0] = -1
    d.table2["penalty"]["decisions"] = 2.5
    d.table2["fees"]["amount_wan_yuan"] = Decimal("-0.5")
    got = _only(check(d), "R7")
    assert {(f.table, f.row, f.col) for f in got} == {
        ("3", "3.1", 0), ("2", "penalty", "decisions"), ("2", "fees", "amount_wan_yuan")}


def test_r8_overview_figures():
    d = fixture()
    d.text["overview"] = d.text["overview"].replace("新收政府信息公开申请17件", "新收政府信息公开申请19件")
    d.text["overview"] += "制发行政规范性文件5件。"
    got = _only(check(d), "R8")
    cells = {(f.table, f.row, f.col) for f in got}
    assert cells == {("3", "1", 6), ("2", "normative_docs", "issued")}
    assert all(f.severity == "warn" for f in got)
    assert any("19" in f.message and "17" in f.message for f in got)


def test_r9_rules_at_county_level():
    d = fixture()
    d.table2["rules"] = {"issued": 2, "repealed": 0, "in_force": 5}
    for level in ("乡镇", "街道", "县级部门", "县级政府"):
        got = _only(check(d, level=level), "R9")
        assert {f.col for f in got} == {"issued", "in_force"}
        assert level in got[0].message and got[0].severity == "warn"
    assert check(d, level="设区的市级部门") == []
    assert all(f.rule != "R9" for f in check(d, level=None))


def test_untouched_report_says_what_to_do_per_table():
    fs = check(ReportData(year=2025))
    r0 = [f for f in fs if f.rule == "R0"]
    assert [(f.table, f.row) for f in r0] == [("2", None), ("3", None), ("4", None)]
    assert "表三尚未填写，可用“从台账取数”从依申请公开台账生成" == r0[1].message
    assert [f.rule for f in fs if f.rule != "R0"] == ["R11"]  # and the 总体情况 is still to be written


def test_partly_entered_table_still_names_each_missing_row():
    d = ReportData(year=2025)
    d.table3["1"] = [1, 0, 0, 0, 0, 0, 1]
    r0 = [f for f in check(d) if f.rule == "R0" and f.table == "3"]
    assert len(r0) == 24 and all(f.row for f in r0)


# 总体情况 texts as units published them, with the figures their tables hold: no R8 false alarms.
# 上海市2022年报告 (https://shanghai.gov.cn/nw12344/20230331/4a03b5fa47ae4c73b7ec42801de6be66.html): the preamble
# lists the report's parts, the 规章 sentence has its own 废止.
SHANGHAI_2022 = ("本年度报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开工作"
                 "被申请行政复议和提起行政诉讼情况、政府信息公开工作存在的主要问题及改进情况，以及其他需要报告的事项6个部分。"
                 "2022年，在上海市人民政府网站主动公开市政府规章13件（含新制定5件，修改4件，废止4件），"
                 "主动公开市政府和市政府办公厅行政规范性文件42件，人事任免文件106件。")
# 龙游县人民政府办公室2023年报告 (https://www.longyou.gov.cn/art/2024/1/30/art_1229114055_89890.html)
LONGYOU_2023 = ("2023年，全年共收到依申请公开14件（其中信件申请10件，网络申请4件），已办结12件，2件结转下年办理。"
                "因政府信息公开引起的行政复议案件9件，已审结。行政诉讼案件3件，目前案件正在审理中。")
# 受理 counts new and carried over together (a common wording)
RECEIVED_TOTAL = "全年共受理政府信息公开申请121件，其中新收112件、上年结转9件，办结121件。"


def _with(overview, **t3_totals):
    d = fixture()
    d.text["overview"] = overview
    for row, total in t3_totals.items():
        d.table3[row.replace("_", ".")][6] = total
    return d


def test_r8_real_narratives_raise_no_false_alarm():
    assert [f for f in check(_with(SHANGHAI_2022)) if f.rule == "R8"] == []
    longyou = _with(LONGYOU_2023, **{"1": 14, "2": 0, "3_7": 12, "4": 2})
    longyou.table4["review"][4] = 9
    longyou.table4["litigation_direct"][4], longyou.table4["litigation_after_review"][4] = 3, 0
    assert [f for f in check(longyou) if f.rule == "R8"] == []
    assert [f for f in check(_with(RECEIVED_TOTAL, **{"1": 112, "2": 9, "3_7": 121})) if f.rule == "R8"] == []


def test_r8_finishes_and_carry_over_are_checked():
    d = _with(LONGYOU_2023, **{"1": 14, "2": 0, "3_7": 11, "4": 3})
    d.table4["review"][4] = 9
    d.table4["litigation_direct"][4], d.table4["litigation_after_review"][4] = 3, 0
    got = {(f.row, f.col) for f in check(d) if f.rule == "R8"}
    assert got == {("3.7", 6), ("4", 6)}
    wrong_total = _with(RECEIVED_TOTAL, **{"1": 112, "2": 9, "3_7": 121}).text["overview"].replace("121件，其中", "125件，其中")
    assert {(f.row, f.col) for f in check(_with(wrong_total, **{"1": 112, "2": 9, "3_7": 121}))
            if f.rule == "R8"} == {("1", 6)}


def test_r10_overview_copied_from_last_year():
    prev = fixture("qc_minzheng_2024.json")
    d = fixture()
    prev.text["overview"] = d.text["overview"].replace("2025年", "2024年")
    got = [f for f in check(d, previous=prev) if f.rule == "R10"]
    assert len(got) == 1 and "只改了年份" in got[0].message and "第四十七条" in got[0].message
    prev.text["overview"] = prev.text["overview"].replace("组织业务培训2次", "组织业务培训3次")
    assert [f.message for f in check(d, previous=prev) if f.rule == "R10"][0].startswith("“一、总体情况”与上年报告几乎相同")
    prev.text["overview"] = "2024年，全年新收政府信息公开申请12件，制发行政规范性文件2件。"
    assert [f for f in check(d, previous=prev) if f.rule == "R10"] == []


def test_r11_overview_without_a_single_figure():
    d = fixture()
    d.text["overview"] = "2025年，我局认真贯彻落实《条例》，不断深化政务公开工作，于12月31日前完成各项任务。"
    got = [f for f in check(d) if f.rule == "R11"]
    assert len(got) == 1 and "没有一个数字" in got[0].message
    d.text["overview"] = "2025年，我局主动公开政府信息二十条，组织培训两次。"
    assert [f for f in check(d) if f.rule == "R11"] == []


def test_every_rule_is_named_and_titled():
    from gwdesk.core.annual_report.checker import ALL_RULES
    from gwdesk.core.annual_report.findings import RULES
    assert [r.code for r in ALL_RULES] == [f"R{i}" for i in (0, 7, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11)]
    assert all(r.title == RULES[r.code] and not r.run.__name__.startswith("_r") for r in ALL_RULES)


def test_r0_single_cell_and_arithmetic_skips_it():
    d = fixture()
    d.table3["3.2"][4] = None  # 法律服务机构 not entered: R2/R3/R1 cannot judge that column
    fs = check(d)
    assert [(f.rule, f.table, f.row, f.col) for f in fs] == [("R0", "3", "3.2", 4)]
    assert "“（二）部分公开" in fs[0].message and "“法律服务机构”列" in fs[0].message
