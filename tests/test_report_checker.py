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


def test_empty_report_lists_everything_missing():
    fs = check(ReportData(year=2025))
    assert len(fs) == 6 + 25 + 3 and {f.rule for f in fs} == {"R0"}


def test_r0_single_cell_and_arithmetic_skips_it():
    d = fixture()
    d.table3["3.2"][4] = None  # 法律服务机构 not entered: R2/R3/R1 cannot judge that column
    fs = check(d)
    assert [(f.rule, f.table, f.row, f.col) for f in fs] == [("R0", "3", "3.2", 4)]
    assert "“（二）部分公开" in fs[0].message and "“法律服务机构”列" in fs[0].message
