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
    # and the three written sections are still empty: each named, as an error
    assert [(f.rule, f.severity, f.row) for f in fs if f.rule != "R0"] == [
        ("R12", "error", "overview"), ("R12", "error", "problems"), ("R12", "error", "other")]


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
    assert [r.code for r in ALL_RULES] == [f"R{i}" for i in (0, 7, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12)]
    assert all(r.title == RULES[r.code] and not r.run.__name__.startswith("_r") for r in ALL_RULES)


def test_r0_single_cell_and_arithmetic_skips_it():
    d = fixture()
    d.table3["3.2"][4] = None  # 法律服务机构 not entered: R2/R3/R1 cannot judge that column
    fs = check(d)
    assert [(f.rule, f.table, f.row, f.col) for f in fs] == [("R0", "3", "3.2", 4)]
    assert "“（二）部分公开" in fs[0].message and "“法律服务机构”列" in fs[0].message


# ---- R8 and R11 on published reports never seen before (overview texts as published; tables as published) ----

# The way many units write 规范性文件 (the real report said 0/0/0 here, 4/0/32 in its table)
NORMATIVE_CLAUSE = "本年度制定规范性文件0件，废止规范性文件0件，现行有效的规范性文件0件。"


def _normative(d, issued, repealed, in_force):
    d.table2["normative_docs"] = {"issued": issued, "repealed": repealed, "in_force": in_force}
    return d


def test_r8_reads_normative_documents_written_as_one_clause():
    d = _normative(_with(NORMATIVE_CLAUSE), 4, 0, 32)
    got = [f for f in check(d) if f.rule == "R8"]
    assert {(f.table, f.row, f.col) for f in got} == {("2", "normative_docs", "issued"),
                                                      ("2", "normative_docs", "in_force")}
    assert any("制定规范性文件0件" in f.message and "为4" in f.message for f in got)
    # the same words with a bare 废止…件 after the kind was named, and the table agreeing: no alarm
    d = _normative(_with("制定规范性文件4件，废止0件，现行有效的规范性文件32件。"), 4, 0, 32)
    assert [f for f in check(d) if f.rule == "R8"] == []
    d = _normative(_with("制定规范性文件4件，废止2件，现行有效32件。"), 4, 0, 32)
    assert {f.col for f in check(d) if f.rule == "R8"} == {"repealed"}
    # a 废止 about 规章 (上海市2022) and a 制定 of something else are not read as 规范性文件
    d = _normative(_with("主动公开市政府规章13件（含新制定5件，修改4件，废止4件），加强规范性文件管理，制定工作方案3件。"),
                   4, 0, 32)
    assert [f for f in check(d) if f.rule == "R8"] == []


def test_r8_reads_a_zero_written_in_words():
    d = _with("2025年，本局未收到政府信息公开申请，无行政复议和行政诉讼案件。")
    d.table4["review"][4], d.table4["litigation_direct"][4] = 1, 2
    got = {(f.table, f.row, f.col): f.message for f in check(d) if f.rule == "R8"}
    assert set(got) == {("3", "1", 6), ("4", "review", 4), ("4", "litigation_direct", 4)}
    assert "未收到政府信息公开申请" in got[("3", "1", 6)] and "为0" in got[("3", "1", 6)]
    d = _with("全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。")
    d.table4["review"][4] = 3
    assert {(f.row) for f in check(d) if f.rule == "R8"} == {"review", "litigation_direct"}
    d.table4["litigation_direct"][4] = d.table4["litigation_after_review"][4] = 0
    assert {(f.row) for f in check(d) if f.rule == "R8"} == {"review"}
    # the same words against tables that agree, and sentences that only sound like a zero: no alarm
    d = _with("本年度未收到政府信息公开申请，无行政复议和行政诉讼案件。", **{"1": 0, "2": 0, "3_7": 0, "4": 0})
    for row in d.table3:
        d.table3[row] = [0] * 7
    for g in d.table4:
        d.table4[g] = [0] * 5
    assert [f for f in check(d) if f.rule == "R8"] == []
    d = _with("全年未收到当面申请，无被行政复议纠错的案件，行政诉讼无败诉。")
    d.table4["review"][4] = 2
    assert [f for f in check(d) if f.rule == "R8"] == []


# 太平镇人民政府2022年报告 (http://www.xixianxinqu.gov.cn/xwzx/ztzl/zfxxgknb/2022/gzj/tpz/63d48a80f8fd1c4c213ab9ff.html):
# its 总体情况 has the year, dates and a 文号 but not one statistic; every table is 0.
TAIPING_2022 = ("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）及《国务院办公厅政府信息与政务公开办公室关于政府"
                "信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）的要求，编制《太平镇政府2022年度政府信息公开"
                "工作年度报告》。报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。2022年，太平镇认真学习领会"
                "《条例》等有关法规文件精神，不断深入推行政务公开，依法依规主动公开镇政府政务信息，积极回应群众关注的问题，"
                "建立健全公开平台，政府信息公开工作取得一定成效。")
# 某镇2023年报告 (http://www.xjnlk.gov.cn/xjnlk/c112945/202401/46aba5e181454bc798b5443c493da056.shtml): “六个方面”
XJNLK_2023 = ("本报告是根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，现结合我镇实际，主要从总体情况，主动公开"
              "政府信息情况，收到和处理政府信息公开申请情况，政府信息公开行政复议、行政诉讼情况，存在的主要问题及改进情况及其他"
              "需要报告的事项等六个方面汇报我镇2023年政府信息公开工作。")
# 深圳市龙岗区某部门2024年报告 (https://www.lg.gov.cn/xxgk/xxgknb/qzfgzbm/content/post_11956962.html): parts and period only
LONGGANG_2024 = ("本年报根据《中华人民共和国政府信息公开条例》（下称《条例》）要求编制，由总体情况、主动公开政府信息情况、收到和"
                 "处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况以及其他需要报告的事项"
                 "组成。本报告所列数据的统计期限为2024年1月1日至2024年12月31日。")
# with statistics: 湖南镇2021 (https://dj.longwan.gov.cn/art/2022/1/25/art_1229619120_59664754.html; an address, a
# telephone and a postcode before “主动公开信息80条”), 湖东镇2025 (http://www.lufengshi.gov.cn/lfshdz/zwgk/gknb/content/
# post_1223632.html), 大垅乡2025 (https://www.hukou.gov.cn/dlx/zfxxgknb_171215/202601/t20260109_7145985.html),
# 凌源市某镇2025 (https://www.lingyuan.gov.cn/html/LYSZF/202601/0176888997731551.html)
HUNAN_2021 = ("本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。如对本报告有任何疑问，请与衢州市衢江区湖南镇政府"
              "综合督考办公室联系（办公地址：衢江区湖南镇湖南村湖南路26号；邮政编码：324009；电话：0570-8755000）。2021年，"
              "我镇深入贯彻实施《中华人民共和国政府信息公开条例》。截至2021年底，共计在衢江区政府信息公开平台主动公开信息80条。")
HUDONG_2025 = ("全年通过政府门户网站乡镇专栏、镇村政务公开栏、宣传栏、电视等平台，累计主动公开政府信息67条。主要类别包括："
               "组织机构3条、政策文件3条、规划计划2条、人事信息1条、工作动态52条、通知公告6条。")
DALONG_2025 = ("2025年度共公开信息183条。2025年，我乡严格执行《条例》第四章规定，健全政府信息公开申请受理机制。通过信息公开"
               "平台收到申请0件，转办0件，本年度申请均全部办结。")
LINGYUAN_2025 = ("我镇高标准搭建工作架构，成立政府信息公开工作小组，配备组长1名、专职工作人员2名。2025年共收到政府信息公开申请"
                 "0件次。")


def _all_zero(overview):
    d = _with(overview)
    for row in d.table3:
        d.table3[row] = [0] * 7
    for g in d.table4:
        d.table4[g] = [0] * 5
    for block in d.table2.values():
        for f in block:
            block[f] = 0
    return d


def test_r11_on_published_overviews():
    for text in (TAIPING_2022, XJNLK_2023, LONGGANG_2024):
        assert [f.rule for f in check(_all_zero(text))] == ["R11"], text[:20]
    for text in (HUNAN_2021, HUDONG_2025, DALONG_2025, LINGYUAN_2025):
        assert check(_all_zero(text)) == [], text[:20]


def test_r8_on_published_overviews_raises_no_false_alarm():
    longgang = _normative(_with(LONGGANG_2024, **{"1": 66, "2": 2}), 5, 1, 25)
    assert [f for f in check(longgang) if f.rule == "R8"] == []
    for text in (TAIPING_2022, XJNLK_2023, HUNAN_2021, HUDONG_2025, DALONG_2025, LINGYUAN_2025):
        assert [f for f in check(_all_zero(text)) if f.rule == "R8"] == [], text[:20]
    # 大垅乡's “收到申请0件” is checked against its table like any figure
    d = _all_zero(DALONG_2025)
    d.table3["1"][6] = 3
    assert [(f.row, f.col) for f in check(d) if f.rule == "R8"] == [("1", 6)]


def test_r12_an_empty_section_is_an_error_that_names_it():
    d = fixture()
    d.text["problems"] = "  \n"
    got = _only(check(d), "R12")
    assert [(f.severity, f.table, f.row) for f in got] == [("error", "text", "problems")]
    assert got[0].message.startswith("“五、存在的主要问题及改进情况”没有内容")
    assert got[0].where == "“五、存在的主要问题及改进情况”"
    d.text["other"] = ""
    assert [f.row for f in check(d)] == ["problems", "other"]
    from gwdesk.core.annual_report.checker import empty_sections
    assert empty_sections(d) == ["五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
