"""A list written as paragraphs, no table (嘉鱼县, 赤壁市, 滁州市 政府工作报告 分解; the held-out lists
hb_jiayu_2021, hb_chibi_2021, ah_chuzhou_2020): read item by item, roles from brackets or the lines below,
and always shown to the clerk to confirm."""

from __future__ import annotations

from locations import TESTS

import importlib.util
from pathlib import Path

import pytest

from gwdesk.errors import ImportRejected
from gwdesk.io import tasklist
from gwdesk.io.tasklist.paragraphs import paragraph_grid
from gwdesk.io.tasklist.table import describe

HERE = TESTS / "fixtures" / "tasklists"
_spec = importlib.util.spec_from_file_location("corpus_build", HERE / "build.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def _read(tmp_path, lines):
    return tasklist.read(corpus.build({"id": "p", "format": "docx", "source": {}, "above": lines, "tables": []},
                                      tmp_path))


def test_roles_in_brackets_after_each_item(tmp_path):
    p = _read(tmp_path, ["附件1", "县《政府工作报告》确定的2021年重点工作责任分解", "一、2021年经济社会发展主要目标",
                         "(一)地区生产总值增长11%。[牵头单位:县发改局(粮食局);责任单位:各镇人民政府,嘉鱼经济开发区]",
                         "(二)规上工业增加值增速11%。(责任领导:饶自斌;牵头单位:市科信局)"])
    a, b = p.tasks
    assert (a.seq, a.category, a.task) == ("(一)", "一、2021年经济社会发展主要目标", "地区生产总值增长11%。")
    assert a.lead_units == ["县发改局(粮食局)"] and a.resp_units == ["各镇人民政府", "嘉鱼经济开发区"]
    assert b.lead_units == ["市科信局"] and b.resp_units == [] and b.note == "饶自斌"  # a leader is no unit
    assert p.year == 2021 and p.issuer == ""  # “县《政府工作报告》…”: a document's name is no issuer
    assert p.needs_mapping and "正文段落" in p.reasons[0]  # read from text: the clerk confirms


def test_roles_on_the_lines_below_and_the_notice_text_left_out(tmp_path):
    p = _read(tmp_path, ["滁州市人民政府关于2020年市政府重点工作及责任分解的通知", "各县、市、区人民政府:",
                         "一、确保完成全年主要预期目标", "1. 地区生产总值增长8%以上。", "牵头负责领导:金力。",
                         "牵头责任单位:市发展改革委。", "协同责任单位:市经信局、中新苏滁高新区管委会等,各县、市、区政府。",
                         "2.明确任务,压实责任。各牵头单位要紧密结合工作实际。"])
    assert len(p.tasks) == 1  # the numbered paragraph naming nobody is the notice's text
    t = p.tasks[0]
    assert (t.seq, t.task, t.note) == ("1", "地区生产总值增长8%以上。", "金力")
    assert t.lead_units == ["市发展改革委"]
    assert t.resp_units == ["市经信局", "中新苏滁高新区管委会", "各县、市、区政府"]  # one group, not three
    assert p.issuer == "滁州市人民政府" and p.year == 2020


def test_paragraphs_naming_no_roles_are_still_refused(tmp_path):
    with pytest.raises(ImportRejected, match="没有表格"):
        _read(tmp_path, ["2023年工作总结", "一、工作开展情况", "1.加强组织领导。", "2.完善制度建设。"])
    assert paragraph_grid(["1.加强组织领导。", "2.完善制度建设。"]) is None


@pytest.mark.parametrize("title, issuer", [
    ("《政府工作报告》确定的2021年重点工作责任分解", ""),
    ("县《政府工作报告》确定的2021年重点工作责任分解", ""),
    ("《梁平区2021年政务公开任务清单》", "梁平区"),
])
def test_a_document_name_in_the_title_is_no_issuer(title, issuer):
    assert describe([title], "x")[1] == issuer


def test_paragraphs_under_an_item_are_its_content(tmp_path):
    """宝山区 2008: “1、加强经济运行分析…(牵头单位:发改委、统计局)” with its targets on the paragraphs below."""
    p = _read(tmp_path, ["2008年政府工作目标任务分解", "一、促进经济又好又快发展。",
                         "1、加强经济运行分析,确保完成主要指标。(牵头单位:发改委、统计局)",
                         "▲增加值可比增长14%左右,其中,第三产业增长15%。", "▲地方财政收入增长12%。",
                         "2、推进重大项目建设。(责任单位:建交委)"])
    a, b = p.tasks
    assert (a.seq, a.task, a.lead_units) == ("1", "加强经济运行分析,确保完成主要指标。", ["发改委", "统计局"])
    assert a.measure.split() == ["▲增加值可比增长14%左右,其中,第三产业增长15%。", "▲地方财政收入增长12%。"]
    assert (b.seq, b.measure, b.resp_units) == ("2", "", ["建交委"])


def test_roles_written_as_verbs_in_the_closing_bracket(tmp_path):
    """豫政办〔2015〕101号: “（一）公开行政审批信息。…。（省编办牵头落实）” — no 牵头单位: label, the verb says the role."""
    p = _read(tmp_path, ["豫政办〔2015〕101号", "各市、县人民政府，省人民政府各部门：", "一、推进行政权力清单公开",
                         "（一）公开行政审批信息。审批事项调整后，要第一时间公开。（省编办牵头落实）",
                         "（二）公开权力清单。（市政府办公室牵头，各县区政府、市政府各部门按职责分工负责）",
                         "（三）做好年报。（2021年底前完成）"])
    a, b = p.tasks  # “（2021年底前完成）” names no unit: not a role, and the item names nobody
    assert (a.seq, a.task, a.lead_units, a.resp_units) == (
        "（一）", "公开行政审批信息。审批事项调整后，要第一时间公开。", ["省编办"], [])
    assert b.lead_units == ["市政府办公室"] and b.resp_units == ["各县区政府", "市政府各部门"]


@pytest.mark.parametrize("lines, year", [
    (["豫政办〔2015〕101号", "各市、县人民政府："], 2015),
    (["为贯彻《通知》（国办发〔2015〕22号）要求，现通知如下："], None),  # a number cited in a sentence: another document
    (["2021年重点工作", "市政办〔2020〕3号"], 2021),  # the title's year first
])
def test_the_year_from_the_notices_own_document_number(lines, year):
    assert describe(lines, "x")[2] == year


T = ["某县2024年政务公开工作要点", "一、加强重点领域信息公开"]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_key_value_roles_in_one_bracket_each_key_ends_the_part_before(tmp_path, fmt):
    """“（牵头单位：A、B，责任单位：C、各乡镇，完成时限：长期坚持）”: 牵头, 责任 and the deadline each its own; also
    〔〕 and ；-parted. The xlsx: the same paragraphs typed one a row into a sheet."""
    lines = T + ["（一）做好财政信息公开。公开预决算。（牵头单位：县财政局、县审计局，责任单位：县住建局、各乡镇，完成时限：长期坚持）",
                 "（二）做好规划信息公开。〔牵头单位：县发改局；责任单位：县直各部门；完成时限：2024年6月底〕"]
    p = tasklist.read(corpus.build({"id": "kv", "format": fmt, "source": {}, "above": lines, "tables": []}, tmp_path))
    a, b = p.tasks
    assert (a.seq, a.task, a.lead_units, a.resp_units, a.deadline_text) == (
        "（一）", "做好财政信息公开。公开预决算。", ["县财政局", "县审计局"], ["县住建局", "各乡镇"], "长期坚持")
    assert (b.lead_units, b.resp_units, b.deadline_text) == (["县发改局"], ["县直各部门"], "2024年6月底")
    assert p.needs_mapping and "正文段落" in p.reasons[0]


def test_key_values_split_at_every_key():
    from gwdesk.io.tasklist.paragraphs import key_values
    assert key_values("牵头单位：A、B，责任单位：C、各乡镇，完成时限：长期坚持") == [
        ("牵头单位", "A、B"), ("责任单位", "C、各乡镇"), ("完成时限", "长期坚持")]
    assert key_values("主要责任单位:市发改委;协同责任单位:市统计局") == [("主要责任单位", "市发改委"),
                                                                       ("协同责任单位", "市统计局")]


def test_role_verbs_in_their_real_variety(tmp_path):
    p = _read(tmp_path, T + ["（一）做好财政信息公开。（县财政局牵头，县直各部门按照职责分工负责）",
                             "（二）做好规划公开。（各乡镇按照职能分别落实）",
                             "（三）做好审计公开。（县审计局负责落实，县财政局配合）",
                             "（四）做好统计公开。（县统计局牵头，各部门参与）", "（五）做好政策解读。（各单位分别落实）"])
    got = [(t.seq, t.lead_units, t.resp_units) for t in p.tasks]
    assert got == [("（一）", ["县财政局"], ["县直各部门"]), ("（二）", [], ["各乡镇"]),
                   ("（三）", ["县审计局"], ["县财政局"]),  # 负责 while another 配合: it leads
                   ("（四）", ["县统计局"], ["各部门"]), ("（五）", [], ["各单位"])]


def test_units_in_the_items_last_sentence_make_it_a_task(tmp_path):
    """“（一）…。县财政局牵头，各乡镇、县直各部门配合。” — no bracket: a task, not a refused document."""
    p = _read(tmp_path, T + ["（一）做好财政信息公开。县财政局牵头，各乡镇、县直各部门配合。",
                             "（二）做好规划公开。县发改局负责。", "（三）加强组织领导。各地要高度重视。"])
    assert [(t.task, t.lead_units, t.resp_units) for t in p.tasks] == [
        ("做好财政信息公开。", ["县财政局"], ["各乡镇", "县直各部门"]), ("做好规划公开。", [], ["县发改局"])]


def test_a_deadline_line_under_an_item_is_its_deadline_only(tmp_path):
    p = _read(tmp_path, T + ["（一）做好财政信息公开", "及时公开预决算信息。", "牵头单位：县财政局", "完成时限：2024年6月底",
                             "（二）做好规划信息公开", "公开十四五规划。", "牵头单位：县发改局；责任单位：各乡镇"])
    a, b = p.tasks
    assert (a.task, a.measure, a.lead_units, a.deadline_text) == (
        "做好财政信息公开", "及时公开预决算信息。", ["县财政局"], "2024年6月底")
    assert (b.lead_units, b.resp_units, b.deadline_text) == (["县发改局"], ["各乡镇"], "")


def test_a_sheet_of_text_naming_no_units_is_still_refused(tmp_path):
    with pytest.raises(ImportRejected):
        tasklist.read(corpus.build({"id": "t", "format": "xlsx", "source": {}, "tables": [],
                                    "above": ["2023年工作总结", "一、工作开展情况", "1.加强组织领导。"]}, tmp_path))


def _paragraphs(tmp_path, lines):
    import importlib.util
    from pathlib import Path

    from gwdesk.io import tasklist
    here = TESTS / "fixtures" / "tasklists"
    spec = importlib.util.spec_from_file_location("corpus_build", here / "build.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    return tasklist.read(corpus.build({"id": "p", "format": "docx", "source": {}, "tables": [], "above": lines},
                                      tmp_path))



def test_a_paragraph_lists_unit_columns_are_flagged_for_checking(tmp_path):
    """Units picked out of a sentence (“…（市级各有关部门及各县市区政府按职责分工负责）”) may be cut wrongly: the
    lead/resp columns are the ones the clerk is asked to check, never taken as sure."""
    import importlib.util
    from pathlib import Path

    from gwdesk.io import tasklist
    here = TESTS / "fixtures" / "tasklists"
    spec = importlib.util.spec_from_file_location("corpus_build", here / "build.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    p = tasklist.read(corpus.build({"id": "p", "format": "docx", "source": {}, "tables": [], "above": [
        "一、坚持系统集成", "1.全面实施清单管理。（市政府办公室牵头，各县市区政府按职责分工负责）"]}, tmp_path))
    flagged = {g.field for g in p.uncertain_columns()}
    assert {"lead", "resp"} <= flagged and p.needs_mapping
    assert all("正文句子" in g.why for g in p.uncertain_columns() if g.field in ("lead", "resp"))


def test_roles_in_a_hexagonal_bracket_and_a_second_level_heading(tmp_path):
    """赣州 2023: “（一）聚焦…” over “1.强化…。〔责任单位：市政府各部门，各县（市、区）人民政府〕”."""
    p = _paragraphs(tmp_path, ["赣州市2023年政务公开工作方案", "二、重点工作任务", "（一）聚焦高质量发展深化政务公开",
                               "1.强化信息公开。加强改革攻坚信息公开。〔责任单位：市政府各部门，各县（市、区）人民政府〕",
                               "2.强化数字经济。（责任单位：市工信局）"])
    a, b = p.tasks
    assert (a.seq, a.category, a.subcategory) == ("1", "二、重点工作任务", "（一）聚焦高质量发展深化政务公开")
    assert a.task == "强化信息公开。加强改革攻坚信息公开。" and a.resp_units == ["市政府各部门", "各县（市、区）人民政府"]
    assert b.subcategory == "（一）聚焦高质量发展深化政务公开" and b.resp_units == ["市工信局"]


def test_a_heading_then_the_paragraph_carrying_its_roles_is_one_item(tmp_path):
    """南昌经开区 2023: “（一）强化…信息公开” alone, then “紧紧围绕…。[责任单位：…]”."""
    p = _paragraphs(tmp_path, ["一、深化政务信息公开工作", "（一）强化重大战略部署落实情况信息公开",
                               "紧紧围绕重大部署，及时依法公开。[责任单位：区机关各部门，区属企业]",
                               "（二）抓好优化营商环境信息公开", "加大公开力度。[责任单位：区行政审批局]"])
    a, b = p.tasks
    assert (a.seq, a.task, a.measure) == ("（一）", "强化重大战略部署落实情况信息公开", "紧紧围绕重大部署，及时依法公开。")
    assert a.resp_units == ["区机关各部门", "区属企业"] and (b.seq, b.resp_units) == ("（二）", ["区行政审批局"])


def test_a_single_item_with_unused_columns_is_not_shifted_and_the_title_is_found_above(tmp_path):
    """南昌 2024: one item, no 主要内容, no leader — its text stays the task; the notice's title stands six lines
    above the list, over a salutation and a one-line notice that are sentences, not titles."""
    p = _paragraphs(tmp_path, ["南昌市人民政府办公室关于印发2024年南昌市政务公开工作要点的通知", "各县（区）人民政府，市政府各部门：",
                               "《2024年南昌市政务公开工作要点》已经市政府同意，现印发给你们，请结合实际认真贯彻落实。",
                               "2024年6月3日", "（此件主动公开）", "2024年南昌市政务公开工作要点", "一、深化重点领域信息公开",
                               "（一）聚焦政府中心工作。加强信息公开。（市发改委、市工信局按职责分工负责）"])
    (a,) = p.tasks
    assert (a.seq, a.task, a.resp_units) == ("（一）", "聚焦政府中心工作。加强信息公开。", ["市发改委", "市工信局"])
    assert (p.issuer, p.year) == ("南昌市人民政府办公室", 2024)
    assert not any("多一格" in g.why for g in p.guesses)


def test_several_tasks_in_one_paragraph_each_with_its_roles(tmp_path):
    """浔阳区 2023: one paragraph, each part closed by its own roles' bracket — a task each, the paragraph's number."""
    p = _paragraphs(tmp_path, ["一、紧扣工作重点，加强主动公开",
                               ("（一）做好信息公开。推进产业升级。（牵头单位：区发改委、区工信局；责任单位：各街道）、"
                                "重塑核心商圈（牵头单位：区商务局）、深化国企改革。[责任单位：区国资中心(国资办)]"),
                               "（二）做好营商环境信息公开。（责任单位：区政府办）"])
    assert [(t.seq, t.task) for t in p.tasks] == [
        ("（一）", "做好信息公开。推进产业升级。"), ("（一）", "重塑核心商圈"), ("（一）", "深化国企改革。"),
        ("（二）", "做好营商环境信息公开。")]
    a, b, c, _ = p.tasks
    assert (a.lead_units, a.resp_units) == (["区发改委", "区工信局"], ["各街道"])
    assert (b.lead_units, b.resp_units) == (["区商务局"], [])
    assert c.resp_units == ["区国资中心(国资办)"]


def test_a_roles_bracket_holding_brackets_of_its_own(tmp_path):
    """“（市财政局牵头，各县（市、区）政府按职责分工负责）”: the bracket closing the paragraph, nested ones inside it."""
    p = _read(tmp_path, ["某市2024年政务公开工作要点", "一、加强重点领域信息公开",
                         "（一）做好财政信息公开。（市财政局牵头，各县（市、区）政府按职责分工负责）",
                         "（二）做好规划公开。（牵头单位：市发改委（市粮食局），责任单位：各县（市、区）政府；完成时限：2024年底前）",
                         "（三）做好审计公开。〔市审计局负责〕", "（四）做好年报。（2024年底前完成）"])
    assert [(t.seq, t.lead_units, t.resp_units, t.deadline_text) for t in p.tasks] == [
        ("（一）", ["市财政局"], ["各县（市、区）政府"], ""),
        ("（二）", ["市发改委（市粮食局）"], ["各县（市、区）政府"], "2024年底前"),
        ("（三）", [], ["市审计局"], "")]  # （四） names nobody: the notice's text, no task


# ---- the brackets an item's roles stand in, from the vocabulary (issue 22) ------------------------------------

from gwdesk.core.tasks import vocabulary as voc  # noqa: E402
from gwdesk.io.tasklist import paragraphs  # noqa: E402


@pytest.mark.parametrize("brackets", list(zip(voc.ROLE_OPEN, voc.ROLE_CLOSE)))
def test_roles_in_each_kind_of_bracket(brackets):
    o, c = brackets
    assert paragraphs._inline(f"做好政务公开。{o}牵头单位：县政府办；责任单位：各乡镇{c}") == \
        ("做好政务公开。", [("牵头单位", "县政府办"), ("责任单位", "各乡镇")])


@pytest.mark.parametrize("sep", voc.CLAUSE_SEPARATORS)
def test_an_items_closing_sentence_of_units_and_verbs_in_clauses(sep):
    assert paragraphs._verb_clauses(f"县财政局牵头{sep}各乡镇配合") == [("牵头单位", "县财政局"), ("责任单位", "各乡镇")]


@pytest.mark.parametrize("word", voc.ROLE_IS_WORDS)
@pytest.mark.parametrize("label", ["牵头单位", "责任单位", "配合单位"])
def test_units_said_to_be_a_role_by_its_label(word, label):
    """湖南省 2022/2023 要点 (batch 8): “各市州、县市区人民政府均为责任单位” — units, 为, a role label."""
    want = "牵头单位" if voc.ROLE_LABELS[label] == "lead" else "责任单位"
    assert paragraphs._verb_clauses(f"省政务局牵头,县财政局{word}{label}") == [("牵头单位", "省政务局"), (want, "县财政局")]


@pytest.mark.parametrize("remark", voc.ROLE_REMARKS)
def test_a_bracket_of_two_sentences_closing_with_a_remark(remark):
    """“(省政务局、省政务服务和大数据中心牵头,省直相关单位按职责分工负责。各市州、县市区人民政府均为责任单位,以下不再列出)”:
    the sentences' clauses are read alike, the remark names no one."""
    text = f"省政务局牵头,省直相关单位按职责分工负责。各市州、县市区人民政府均为责任单位,{remark}"
    assert paragraphs._verb_clauses(text) == [("牵头单位", "省政务局"), ("责任单位", "省直相关单位"),
                                              ("责任单位", "各市州、县市区人民政府")]
    assert paragraphs._verb_clauses(remark) is None  # a remark alone names no roles


def test_a_paragraph_item_whose_roles_say_who_is_responsible_is_a_task(tmp_path):
    d = {"id": "hn", "format": "docx", "source": {}, "tables": [], "above": [
        "湖南省2022年政务管理服务工作要点", "一、打造“一件事一次办”升级版",
        "(一)强化“一网通办”支撑。加快建设全省统一受理系统。(省政务局牵头,省直相关单位按职责分工负责。"
        "各市州、县市区人民政府均为责任单位)"]}
    p = tasklist.read(corpus.build(d, tmp_path))
    t = p.tasks[0]
    assert (t.seq, t.category, t.lead_units, t.resp_units) == (
        "(一)", "一、打造“一件事一次办”升级版", ["省政务局"], ["省直相关单位", "各市州、县市区人民政府"])
    assert t.task == "强化“一网通办”支撑。加快建设全省统一受理系统。" and p.needs_mapping


@pytest.mark.parametrize("adverb", voc.ROLE_ADVERBS)
def test_an_adverb_before_the_verb_is_no_part_of_the_units(adverb):
    """北京市 2018 要点 (batch 8): “(市重大项目办、市体育局、市教委分别负责落实)”."""
    assert paragraphs._verb_clauses(f"市体育局、市教委{adverb}负责落实") == [("责任单位", "市体育局、市教委")]


def test_verb_brackets_inside_one_paragraph_each_close_a_task(tmp_path):
    """北京市 2018 要点 (batch 8): one paragraph, several tasks, each closed by a bracket naming units with a verb and no
    label; a bracket holding a 文号 names no one and closes nothing."""
    text = ("(一)做好规划信息公开。制定发布城市设计导则(京政发〔2018〕1号)等规划信息。(市规划国土委负责落实)"
            "推进区域合作信息公开。(市发展改革委、市环保局分别负责落实)及时公开高速建设情况。(市交通委负责落实)")
    d = {"id": "bj", "format": "docx", "source": {}, "tables": [],
         "above": ["北京市2018年政务公开工作要点", "一、加强政府重点工作信息公开", text]}
    p = tasklist.read(corpus.build(d, tmp_path))
    assert [(t.seq, t.task, t.lead_units, t.resp_units) for t in p.tasks] == [
        ("(一)", "做好规划信息公开。制定发布城市设计导则(京政发〔2018〕1号)等规划信息。", [], ["市规划国土委"]),
        ("(一)", "推进区域合作信息公开。", [], ["市发展改革委", "市环保局"]),
        ("(一)", "及时公开高速建设情况。", [], ["市交通委"])]
    assert p.needs_mapping
