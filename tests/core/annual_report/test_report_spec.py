"""The 2021 format as data: every label exact, ids in the official order, not-entered vs 0."""

from decimal import Decimal

from gwdesk.core.annual_report import spec


def test_sections_exact():
    assert spec.SECTIONS == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_table2_blocks():
    assert [b.caption for b in spec.TABLE2] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert [[i.label for i in b.items] for b in spec.TABLE2] == [
        ["规章", "行政规范性文件"], ["行政许可"], ["行政处罚", "行政强制"], ["行政事业性收费"]]
    assert [lab for _, lab in spec.TABLE2[0].fields] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert spec.TABLE2[1].fields[0][1] == spec.TABLE2[2].fields[0][1] == "本年处理决定数量"
    assert spec.TABLE2[3].fields[0][1] == "本年收费金额（单位：万元）"


def test_table3_rows_and_labels():
    assert spec.T3_IDS == (
        "1", "2", "3.1", "3.2", *[f"3.3.{i}" for i in range(1, 9)], *[f"3.4.{i}" for i in range(1, 4)],
        *[f"3.5.{i}" for i in range(1, 6)], *[f"3.6.{i}" for i in range(1, 4)], "3.7", "4")
    lab = spec.T3_LABELS
    assert lab["1"] == "一、本年新收政府信息公开申请数量"
    assert lab["2"] == "二、上年结转政府信息公开申请数量"
    assert lab["3.2"] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert lab["3.3.3"] == "3.危及\u201c三安全一稳定\u201d"
    assert lab["3.5.5"] == "5.要求行政机关确认或重新出具已获取信息"
    assert lab["3.6.2"] == "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert lab["3.7"] == "（七）总计" and lab["4"] == "四、结转下年度继续办理"
    assert spec.T3_SUBGROUPS == {"3.3": "（三）不予公开", "3.4": "（四）无法提供",
                                 "3.5": "（五）不予处理", "3.6": "（六）其他处理"}
    assert spec.T3_COLUMNS == ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    assert spec.T3_CORNER == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    # every label uses full-width brackets
    for r in spec.T3_ROWS:
        assert "(" not in r.label and ")" not in r.label


def test_table4_header():
    assert [lab for _, lab in spec.T4_GROUPS] == ["行政复议", "未经复议直接起诉", "复议后起诉"]
    assert spec.T4_LEAVES == ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def test_not_entered_differs_from_zero():
    d = spec.ReportData(year=2025)
    assert d.t3("1", 0) is None and d.t2("rules", "issued") is None
    assert ("3", "3.7", None) in d.missing() and ("2", "fees", None) in d.missing()
    z = spec.ReportData.zeros(2025)
    assert z.missing() == [] and z.t3("1", 6) == 0 and z.t2("fees", "amount_wan_yuan") == Decimal(0)
    z.table2["rules"]["issued"] = None
    assert z.missing() == [("2", "rules", "issued")]


def test_cell_names():
    assert spec.cell_name("3", "3.1", 0) == "表三“（一）予以公开”行“自然人”列"
    assert spec.cell_name("4", "review", 4) == "表四“行政复议”“总计”"
    assert spec.cell_name("2", "normative_docs", "in_force") == "表二“行政规范性文件”“现行有效件数”"
