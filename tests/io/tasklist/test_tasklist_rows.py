"""Row-kind stage: category rows (merged across, or paragraphs between Word tables), task rows, form rows."""

from __future__ import annotations

import re

import pytest
from tasklist_support import read as _read


@pytest.mark.parametrize("numbered", [True, False])
def test_one_table_per_category_with_the_category_a_paragraph_between_the_tables(tmp_path, numbered):
    """The category written as a paragraph above each table (numbered “一、…” or not) is every row's category,
    the first table's too."""
    c1, c2 = ("一、加强政策公开", "二、加强平台建设") if numbered else ("政策公开", "平台建设")
    head = ["序号", "工作任务", "牵头单位", "完成时限"]
    desc = {"above": ["某县2024年政务公开任务清单"], "tables": [
        {"before": [c1], "rows": [head, ["1", "做好政策解读", "县政府办", "6月底"]]},
        {"before": [c2], "rows": [head, ["2", "做好网站建设", "县政府办", "12月底"], ["3", "做好新媒体", "县融媒体中心", "长期"]]}]}
    p = _read(tmp_path, desc, "docx")
    assert [(t.category, t.task) for t in p.tasks] == [(c1, "做好政策解读"), (c2, "做好网站建设"), (c2, "做好新媒体")]
    assert p.title == "某县2024年政务公开任务清单"


def test_the_lists_own_task_column_stays_the_task(tmp_path):
    """梁平区 2021: 工作任务 spanning 一、 | （一） columns over 贯彻举措: the （一） column is the 工作任务 as the list names
    it (not a 二级类别), so the 台账 keeps the office's own column."""
    rows = [["工作任务", "<", "贯彻举措", "牵头单位"],
            ["一、深化政务公开", "（一）做好各类规划主动公开。", "1.公开十四五规划。", "区发展改革委"],
            ["^", "^", "2.公开国土空间规划。", "区规划自然资源局"],
            ["^", "（二）做好财政信息公开。", "3.公开预决算。", "区财政局"]]
    p = _read(tmp_path, {"above": ["梁平区2021年政务公开任务清单"], "tables": [{"rows": rows}]}, "docx")
    assert [g.field for g in p.guesses] == ["category", "task", "measure", "lead"]
    assert [(t.category, t.subcategory, t.task, t.seq) for t in p.tasks] == [
        ("一、深化政务公开", "", "（一）做好各类规划主动公开。", "1"), ("一、深化政务公开", "", "（一）做好各类规划主动公开。", "2"),
        ("一、深化政务公开", "", "（二）做好财政信息公开。", "3")]
    assert p.header_labels["task"] == "工作任务"


SECTIONED = [["工作任务", "具体要求", "责任单位"],
             ["一、做好规划公开", "1.公开“十四五”规划纲要。", "市发改委"],
             ["^", "2.公开专项规划。", "市有关部门"],
             ["二、做好财政信息公开", "3.公开预决算。", "市财政局"],
             ["^", "4.公开政府债务信息。", "市财政局"]]



def test_header_repeated_mid_sheet_is_not_a_row_and_does_not_change_the_columns(tmp_path):
    # the header typed again where the printout breaks: a 工作任务 column of “一、…” cells is still the category
    rows = SECTIONED[:3] + [SECTIONED[0]] + SECTIONED[3:]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [t.category for t in p.tasks] == ["一、做好规划公开"] * 2 + ["二、做好财政信息公开"] * 2
    assert [t.seq for t in p.tasks] == ["1", "2", "3", "4"]
    assert not p.needs_mapping


def test_word_table_continued_with_repeated_header(tmp_path):
    desc = {"tables": [{"rows": SECTIONED[:3], "repeat_header": [0]}, {"rows": [SECTIONED[0]] + SECTIONED[3:]}]}
    p = _read(tmp_path, desc, fmt="docx")
    assert [t.category for t in p.tasks] == ["一、做好规划公开"] * 2 + ["二、做好财政信息公开"] * 2
    assert p.mapping[0] == "category"


def test_word_table_continued_without_header_whose_last_column_is_blank(tmp_path):
    # the second table carries on the list; its 完成情况 column is empty all the way down (Word still draws it)
    head = ["工作任务", "具体要求", "责任单位", "完成情况"]
    desc = {"tables": [{"rows": [head, ["一、做好规划公开", "1.公开规划纲要。", "市发改委", "已完成"]]},
                       {"rows": [["二、做好财政信息公开", "2.公开预决算。", "市财政局", ""]]}]}
    p = _read(tmp_path, desc, fmt="docx")
    assert [(t.category, t.resp_units) for t in p.tasks] == [("一、做好规划公开", ["市发改委"]),
                                                             ("二、做好财政信息公开", ["市财政局"])]


def test_header_repeated_with_a_cell_left_empty_is_not_a_task(tmp_path):
    head = ["序号", "项目名称", "主要内容", "牵头单位", "完成情况"]
    rows = [head, ["1", "增加教育资源供给", "新建学校12个。", "教育局", ""],
            ["序号", "项目名称", "主要内容", "牵头单位", ""],  # the 完成情况 word not typed again
            ["2", "促进就业稳定增长", "新增就业1万人。", "人社局", ""]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [t.task for t in p.tasks] == ["增加教育资源供给", "促进就业稳定增长"]
    # a task row sharing only its first word with the header is still a task
    rows[2] = ["序号", "做好解读", "", "", ""]
    assert len(_read(tmp_path, {"tables": [{"rows": rows}]}, name="b").tasks) == 3


def test_a_numbered_requirement_alone_right_of_the_first_column_is_a_row_not_a_section(tmp_path):
    rows = [["工作任务", "具体要求", "责任单位"],
            ["一、深入解读重要政策", "(一)按照“谁起草、谁解读”原则做好解读。", "市直各单位"],
            ["", "(二)对关注度高的文件做好解读。", ""],
            ["二、积极回应关切", "(三)做好舆情回应。", "市直各单位"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [(t.seq, t.category) for t in p.tasks] == [("(一)", "一、深入解读重要政策"), ("(二)", "一、深入解读重要政策"),
                                                      ("(三)", "二、积极回应关切")]
    assert p.tasks[1].resp_units == ["市直各单位"] and p.needs_mapping


def test_a_form_row_under_the_list_is_no_task_and_does_not_change_the_columns(tmp_path):
    form = ["填报单位（盖章）：", "填报人：", "联系电话："]
    desc = {"tables": [{"rows": SECTIONED}, {"rows": [form]}]}  # a form table as wide as the list, in Word
    p = _read(tmp_path, desc, fmt="docx")
    assert [t.seq for t in p.tasks] == ["1", "2", "3", "4"] and p.mapping[0] == "category"
    assert not p.needs_mapping
    p = _read(tmp_path, {"tables": [{"rows": SECTIONED + [form]}]}, name="x")  # its last row, in Excel
    assert len(p.tasks) == 4 and not p.needs_mapping


def test_a_table_per_category_the_first_category_above_the_first_header(tmp_path):
    head = ["序号", "工作任务", "责任单位"]
    desc = {"above": ["2025年政务公开工作任务清单"],
            "tables": [{"before": ["一、深化政策公开"], "rows": [head, ["1", "公开规划纲要。", "县发改委"]]},
                       {"before": ["二、做好财政公开"], "rows": [head, ["2", "公开预决算。", "县财政局"]]}]}
    p = _read(tmp_path, desc, fmt="docx")
    assert [t.category for t in p.tasks] == ["一、深化政策公开", "二、做好财政公开"]
    assert p.title == "2025年政务公开工作任务清单"
    # one table under a numbered heading of the document: no category from it
    one = {"above": ["2025年政务公开工作任务清单", "一、重点任务"], "tables": [{"rows": [head, ["1", "公开规划。", "县发改委"]]}]}
    assert _read(tmp_path, one, fmt="docx", name="one").tasks[0].category == ""


def test_row_kinds_stage_names_every_row(tmp_path):
    from gwdesk.io.tasklist.header import find_header, header_depth
    from gwdesk.io.tasklist.rows import row_kinds
    from gwdesk.io.tasklist.xlsx import read_grids
    from tasklist_support import corpus
    rows = [["序号", "工作任务", "责任单位"], ["一、做好主动公开", "<", "<"], ["1", "规范专栏", "办公室"],
            ["（一）依申请公开", "<", "<"], ["2", "规范办理", "各科室"], ["序号", "工作任务", "责任单位"],
            ["3", "年报", "办公室"], ["填报单位：", "填报人：", "联系电话："]]
    g = read_grids(corpus.build({"id": "k", "format": "xlsx", "source": {}, "tables": [{"rows": rows}]}, tmp_path))[0]
    h = find_header(g)
    assert row_kinds(g, h, header_depth(g, h)) == ["category", "task", "subcategory", "task", "header", "task", "form"]


def test_the_stages_are_declared_in_order():
    from gwdesk.io import tasklist
    assert [name for name, _ in tasklist.STAGES] == ["sniff", "grid", "header", "row kinds", "fields",
                                                     "units and roles", "deadlines", "matching"]
    assert all(callable(f) for _, f in tasklist.STAGES)


# ---- the numbering styles section rows are told by, from the vocabulary (issue 22) ----------------------------

from gwdesk.core.tasks import vocabulary as voc  # noqa: E402
from gwdesk.io.tasklist.patterns import ITEM_NUMBER, SECTION_1, SECTION_2  # noqa: E402


@pytest.mark.parametrize("numeral", voc.CN_NUMERALS)
@pytest.mark.parametrize("end", voc.NUMBER_ENDS)
def test_a_category_is_numbered_with_each_numeral_and_ending(numeral, end):
    assert SECTION_1.match(f"{numeral}{end}加强政策公开") and not SECTION_2.match(f"{numeral}{end}加强政策公开")
    assert re.match(ITEM_NUMBER, f"1{end}公开预算") and not re.match(ITEM_NUMBER, f"1{end}5倍")


@pytest.mark.parametrize("brackets", list(zip(voc.ROUND_OPEN, voc.ROUND_CLOSE)))
@pytest.mark.parametrize("numeral", voc.CN_NUMERALS)
def test_a_subcategory_is_numbered_in_either_round_bracket(brackets, numeral):
    o, c = brackets
    assert SECTION_2.match(f"{o}{numeral}{c}做好规划公开") and not SECTION_1.match(f"{o}{numeral}{c}做好规划公开")


@pytest.mark.parametrize("row", [["二、加强平台建设", "<", "<"], ["（三）做好规划公开", "<", "<"]])
def test_a_numbered_row_across_the_table_is_a_section(tmp_path, row):
    rows = [["序号", "工作任务", "牵头单位"], row, ["1", "做好网站建设", "县政府办"]]
    t = _read(tmp_path, {"above": ["某县2024年政务公开任务清单"], "tables": [{"rows": rows}]}).tasks[0]
    assert (t.category or t.subcategory) == row[0] and t.task == "做好网站建设"
