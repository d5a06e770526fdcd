"""Header stage: which column holds what, from the header words (the vocabulary) first and the contents second."""

from __future__ import annotations

import pytest
from tasklist_support import read as _read

from gwdesk.core import units
from gwdesk.core.tasks import service


@pytest.mark.parametrize("second", ["局内责任处室", "处室", "责任科室", "配合单位", "市直单位"])
def test_two_unit_columns_are_both_unit_columns_and_either_is_matched(tmp_path, second):
    """A column of the city's units and a column of the bureau's own 处室: neither is 备注, a unit in either counts."""
    rows = [["序号", "工作任务", "市级责任单位", second, "完成时限"],
            ["1", "做好文旅政策公开", "市政府办公室", "市财政局、市统计局", "2024年6月底"],
            ["2", "做好旅游信息公开", "各县区政府", "市文广旅局", "2024年12月底"]]
    p = _read(tmp_path, {"above": ["某市2024年政务公开工作任务清单"], "tables": [{"rows": rows}]})
    assert [g.field for g in p.guesses] == ["seq", "task", "resp", "resp", "deadline"] and not p.needs_mapping
    assert p.tasks[1].resp_units == ["各县区政府", "市文广旅局"]
    me = units.Profile(name="某市文化广电旅游局", level="设区的市级部门", aliases=["市文广旅局"])
    assert [a.match.role for a in service.analyse(p, me)] == ["不涉及", "责任"]


@pytest.mark.parametrize("words, row, fields", [
    # 广东省卫健委: 细化分工 holds the detailed work under each 工作任务
    (["序号", "工作任务", "细化分工", "责任处室", "完成时限"],
     ["1", "做好常态化疫情防控信息发布", "重点围绕散发疫情、隔离管控等发布权威信息", "疾控处", "长期推进"],
     ["seq", "task", "measure", "resp", "deadline"]),
    # 舒城县: 类型 (the 一、 sections) | 事项 | 目标清单 | 完成情况
    (["类型", "事项", "目标清单", "完成情况"],
     ["一、基础工作", "1.做好意见征集工作。", "行政规范性文件需在县网站意见征集库公开征集意见。", "已完成"],
     ["category", "task", "measure", "note"]),
    # a county 局: 重点任务 | 工作内容 | 负责科室; 主办/协办 columns
    (["重点任务", "工作内容", "负责科室"], ["政务服务", "注重政务服务办理流程等信息发布", "综合科"],
     ["task", "measure", "resp"]),
    (["工作任务", "主办单位", "协办科室"], ["政务服务", "办公室", "各科室"], ["task", "lead", "resp"]),
])
def test_header_words_detail_and_rectification(tmp_path, words, row, fields):
    p = _read(tmp_path, {"tables": [{"rows": [words, row]}]})
    assert [g.field for g in p.guesses] == fields
    assert not p.needs_mapping


def test_deadline_written_in_beizhu_is_the_deadline_and_asked(tmp_path):
    """宣城市: no 时限 column, the 备注 says “11月底前完成”: the 备注 column is the deadline, asked."""
    head = ["工作任务", "具体要求", "责任单位", "完成情况", "备注"]
    row = ["行政规范性文件集中公开", "开展文件清理。", "市政府各部门", "推进中", "11月底前完成"]
    p = _read(tmp_path, {"above": ["2022年11—12月政务公开重点工作任务清单"], "tables": [{"rows": [head, row]}]})
    assert p.tasks[0].deadline_text == "11月底前完成" and p.tasks[0].note == "推进中"
    assert p.needs_mapping and [g.header for g in p.uncertain_columns()] == ["备注"]
    # with a 时限 column, or a 备注 of remarks, 备注 stays a note
    q = _read(tmp_path, {"tables": [{"rows": [head[:3] + ["完成时限", "备注"], row[:3] + ["年底前", "11月底前完成"]]}]}, name="q")
    assert q.tasks[0].deadline_text == "年底前" and q.tasks[0].note == "11月底前完成" and not q.needs_mapping
    r = _read(tmp_path, {"tables": [{"rows": [head, row[:4] + ["已报送市政府办公室"]]}]}, name="r")
    assert r.tasks[0].deadline_text == "" and not r.needs_mapping


@pytest.mark.parametrize("words, row, fields", [
    # 大竹县 2016: 序号 | 民生实事 | 责任单位 | 完成时限
    (["序号", "民生实事", "责任单位", "完成时限"], ["1", "新建2座人行天桥。", "县住建局", "9月投入使用"],
     ["seq", "task", "resp", "deadline"]),
    # 钟楼区 2021: a leader's name is a note, never a unit
    (["序号", "项目名称", "主要内容", "区政府分管领导", "牵头单位", "配合单位"],
     ["1", "增加教育资源供给", "实施新建、改扩建学校重点建设项目12个。", "何海平", "教育局", "各街道"],
     ["seq", "task", "measure", "note", "lead", "resp"]),
    (["工作任务", "责任人", "责任单位"], ["做好信息发布", "张三", "办公室"], ["task", "note", "resp"]),
    # 基层政务公开标准目录
    (["序号", "公开事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体"],
     ["1", "政府文件", "政府文件。", "《中华人民共和国政府信息公开条例》", "信息形成或变更之日起20个工作日内",
      "镇人民政府", "■政府网站"],
     ["seq", "task", "measure", "note", "deadline", "resp", "path"]),
])
def test_header_words_main_tasks_and_persons(tmp_path, words, row, fields):
    p = _read(tmp_path, {"tables": [{"rows": [words, row]}]})
    assert [g.field for g in p.guesses] == fields
    assert not p.needs_mapping


def test_tick_columns_are_left_out_without_asking(tmp_path):
    """公开对象 | 公开方式 columns holding only √ carry nothing a task needs: ignored, not asked about."""
    rows = [["序号", "公开事项", "公开时限", "公开主体", "全社会", "主动"],
            ["1", "政府文件", "20个工作日内", "镇人民政府", "√", "√"], ["2", "乡镇简介", "20个工作日内", "镇人民政府", "√", ""]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [g.field for g in p.guesses][4:] == [None, None] and not p.needs_mapping
    assert p.tasks[0].note == ""


def test_two_row_header_under_a_title_row_inside_the_table(tmp_path):
    """德安县: the title spans the table's first row; 公开对象 over 全社会 | 特定群体, the other header cells reach
    down over the second header row, which is no task."""
    rows = [["涉农资金领域基层政务公开标准目录", "<", "<", "<", "<", "<"],
            ["序号", "公开事项", "公开时限", "公开主体", "公开对象", "<"],
            ["^", "^", "^", "^", "全社会", "特定群体"],
            ["1", "政策文件", "信息形成或者变更之日起20个工作日内", "镇级人民政府", "√", "√"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert p.header_row == 1 and len(p.tasks) == 1
    t = p.tasks[0]
    assert (t.seq, t.task, t.resp_units, t.deadline_text) == ("1", "政策文件", ["镇级人民政府"],
                                                              "信息形成或者变更之日起20个工作日内")
    assert p.issuer == "" and not p.needs_mapping


def test_two_row_header_starts_above_and_the_span_keeps_its_field(tmp_path):
    """元马镇: 公开事项 over 一级事项 | 二级事项 — the header starts on the upper row; the rightmost part is the
    task, the part left of it the category (merged down)."""
    rows = [["序号", "公开事项", "<", "公开内容", "公开主体"],
            ["^", "一级事项", "二级事项", "^", "^"],
            ["1", "政策文件", "行政法规、规章", "中央及地方政府涉及扶贫领域的行政法规。", "元马镇人民政府"],
            ["2", "^", "规范性文件", "各级政府及部门涉及扶贫领域的规范性文件", "元马镇人民政府"]]
    for fmt in ("xlsx", "docx"):
        p = _read(tmp_path, {"tables": [{"rows": rows}]}, fmt, name=f"span_{fmt}")
        assert p.header_row == 0, fmt
        assert [(t.category, t.subcategory, t.task) for t in p.tasks] == [
            ("政策文件", "", "行政法规、规章"), ("政策文件", "", "规范性文件")], fmt


def test_header_one_cell_ahead_of_its_rows_is_aligned_and_asked(tmp_path):
    """舒城县 (pasted from a web page): 负责领导 | 序号 | 重点工作 … over rows that start with the 序号 and end in
    an empty cell — every column takes the header to its right, and the clerk is asked."""
    head = ["负责领导", "序号", "重点工作", "基本措施", "牵头部门", "责任部门", "完成情况"]
    rows = [head,
            ["1", "加快县图书馆项目建设。", "1.持续做好悦书房的免费开放工作", "县文旅体局", "县图书馆", "已建成开放", ""],
            ["2", "推进文化惠民工程。", "2.继续做好农村电影公益放映", "县文旅体局", "县文化馆", "已完成", ""]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    t = p.tasks[0]
    assert (t.seq, t.task, t.measure, t.lead_units, t.resp_units) == (
        "1", "加快县图书馆项目建设。", "1.持续做好悦书房的免费开放工作", ["县文旅体局"], ["县图书馆"])
    assert p.needs_mapping and "多一格" in p.uncertain_columns()[0].why


def test_a_blank_last_column_under_a_good_header_stays_put(tmp_path):
    """An empty 备注 at the end is no reason to move anything."""
    rows = [["序号", "工作任务", "责任单位", "完成时限", "备注"],
            ["1", "做好信息发布", "县政府办", "6月底前", ""], ["2", "做好政策解读", "县司法局", "年底前", ""]]
    p = _read(tmp_path, {"above": ["2021年政务公开任务清单"], "tables": [{"rows": rows}]})
    assert [g.field for g in p.guesses][:4] == ["seq", "task", "resp", "deadline"] and not p.needs_mapping


def test_columns_whose_header_lost_its_words_are_guessed_by_content_and_asked(tmp_path):
    """青浦区 (as the web copy shows it): “公开 | 公开” where 公开时限 and 公开主体 were: the relative limits make a
    deadline column, the lone unit column is 责任单位 (牵头 needs its word) — both asked."""
    rows = [["序号", "公开事项", "公开", "公开"],
            ["1", "教育法律", "信息形成或者变更之日起20个工作日内", "区教育局"],
            ["2", "规范性文件", "信息形成或者变更之日起20个工作日内", "区教育局"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [g.field for g in p.guesses] == ["seq", "task", "deadline", "resp"]
    assert p.tasks[0].resp_units == ["区教育局"] and p.tasks[0].lead_units == []
    assert p.needs_mapping and {g.column for g in p.uncertain_columns()} == {2, 3}


def test_a_headerless_table_with_one_unit_column_reads_it_as_responsible(tmp_path):
    rows = [["1", "做好政府信息公开年报编制工作，按时发布", "县政府办", "2021年1月31日前"],
            ["2", "做好政策解读工作，及时回应社会关切", "县司法局", "2021年6月底前"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert p.tasks[0].resp_units == ["县政府办"] and p.tasks[0].lead_units == [] and p.needs_mapping


@pytest.mark.parametrize("lead_word, resp_word", [
    ("主要责任单位", "协同配合单位"), ("主责单位", "配合单位"), ("主要负责部门", "协同单位"),
])
def test_the_main_unit_column_is_the_lead(tmp_path, lead_word, resp_word):
    """谯城区 2025: 主要责任单位 beside 协同配合单位 names the unit that leads; it is not a second 责任单位."""
    rows = [["序号", "重点工作任务", lead_word, resp_word],
            ["2", "一般公共预算收入增长5%左右。", "区财政局\n区税务局", "区政府有关部门,各乡镇人民政府、街道办事处。"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [g.field for g in p.guesses] == ["seq", "task", "lead", "resp"]
    assert not p.needs_mapping
    t = p.tasks[0]
    assert t.lead_units == ["区财政局", "区税务局"]
    assert t.resp_units == ["区政府有关部门", "各乡镇人民政府", "街道办事处"]


@pytest.mark.parametrize("word", ["责任人员", "工作责任人", "责任人及联系电话", "县级包抓领导", "督办领导", "负责人"])
def test_a_person_column_is_never_read_as_units(tmp_path, word):
    """责任人员 holds people's names: with 责任 in its header it was read as a second 责任单位, the names filed
    as units without asking. A header naming a person (…人, …领导) is a note."""
    rows = [["序号", "工作任务", "责任单位", word, "完成时限"],
            ["1", "做好政策解读", "区政府办", "张三", "12月底前"], ["2", "更新公开目录", "区司法局", "李四", "6月底前"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}], "above": ["2023年政务公开任务清单"]})
    assert [g.field for g in p.guesses] == ["seq", "task", "resp", "note", "deadline"]
    assert p.tasks[0].resp_units == ["区政府办"] and p.tasks[0].note == "张三"


@pytest.mark.parametrize("header, fields", [
    # an 整改台账: the problem is the task, the 整改措施 its measure, 整改期限/完成节点 the deadline
    (["序号", "存在问题", "整改措施", "责任单位", "整改期限"], ["seq", "task", "measure", "resp", "deadline"]),
    (["序号", "问题描述", "整改要求", "责任科室", "完成节点"], ["seq", "task", "measure", "resp", "deadline"]),
    # beside a 任务 column the problem is that task's detail
    (["序号", "重点任务", "主要问题", "责任单位", "完成时限"], ["seq", "task", "measure", "resp", "deadline"]),
])
def test_rectification_ledger_headers(tmp_path, header, fields):
    rows = [header, ["1", "政策解读材料未与文件同步发布", "建立同步审签机制", "区政府办", "2023年6月底前"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [g.field for g in p.guesses] == fields
    assert not p.needs_mapping


def test_header_one_cell_ahead_after_an_empty_margin_column(tmp_path):
    # 舒城县: 负责领导 | 序号 | 重点工作 … over rows that start with the 序号, the sheet starting in column B
    rows = [["", "负责领导", "序号", "重点工作", "基本措施", "牵头部门", "责任部门", "完成情况"],
            ["", "1", "推进书香城市建设。", "1.做好悦书房免费开放。", "县文旅体局", "县图书馆", "已开放", ""],
            ["", "2", "开展文化惠民工程。", "2.做好农村电影放映。", "县文旅体局", "县文化馆", "已完成", ""]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [(t.seq, t.task, t.lead_units) for t in p.tasks] == [("1", "推进书香城市建设。", ["县文旅体局"]),
                                                                ("2", "开展文化惠民工程。", ["县文旅体局"])]
    assert p.needs_mapping  # the shift is asked, as without the margin


def test_section_rows_give_the_category_so_a_spanned_sub_column_is_the_subcategory(tmp_path):
    rows = [["工作任务", "<", "具体要求", "责任单位"],
            ["一、主动公开", "<", "<", "<"],
            ["基础信息公开", "行政规范性文件", "做好行政规范性文件的集中公开。", "区司法局"],
            ["^", "政策解读", "做好政策解读。", "区政府办"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [(t.category, t.subcategory, t.task) for t in p.tasks] == [
        ("一、主动公开", "基础信息公开", "行政规范性文件"), ("一、主动公开", "基础信息公开", "政策解读")]


def test_a_header_over_one_lower_label_keeps_its_field(tmp_path):
    # 公开事项 over 二级事项 alone (the 一级 given by section rows): the column is the 公开事项, not a 二级 category
    rows = [["序号", "公开事项", "公开内容", "公开主体", "公开对象", "<"],
            ["^", "二级事项", "^", "^", "全社会", "特定群体"],
            ["招生管理", "<", "<", "<", "<", "<"],
            ["1", "招生政策", "随迁子女入学办法。", "区教育局", "√", ""]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert (p.tasks[0].category, p.tasks[0].task, p.tasks[0].subcategory) == ("招生管理", "招生政策", "")


# ---- each word of the vocabulary the header stage's patterns are built from is read (issue 22) ---------------

from gwdesk.core.tasks import vocabulary as voc  # noqa: E402
from gwdesk.io.tasklist import header as hdr  # noqa: E402


@pytest.mark.parametrize("word", voc.PERSON_HEADER_WORDS + tuple("县级包抓" + w for w in voc.PERSON_HEADER_END_WORDS))
def test_a_header_naming_a_person_is_a_note_never_units(word):
    assert hdr.header_field(word + ("及联系电话" if word in voc.PERSON_HEADER_WORDS else "")) == ("note", 0.9)


@pytest.mark.parametrize("before", ("",) + voc.PROBLEM_BEFORE_WORDS)
@pytest.mark.parametrize("after", ("",) + voc.PROBLEM_AFTER_WORDS)
def test_a_problem_column_is_the_task(before, after):
    assert hdr.header_field(f"{before}{voc.PROBLEM_WORD}{after}（必填）") == ("task", 0.9)


@pytest.mark.parametrize("mark", voc.MARK_CHARS)
def test_a_column_of_ticks_is_marks(mark):
    assert hdr._kind([mark, mark, ""]) == "mark" and hdr._kind([mark + "公开"]) != "mark"


@pytest.mark.parametrize("sep", voc.UNIT_SEPARATORS)
def test_a_column_of_units_parted_by_each_separator_is_units(sep):
    assert hdr._kind([f"县财政局{sep}县审计局", f"各乡镇{sep}县民政局", "县政府办"]) == "unit"


@pytest.mark.parametrize("end", [*voc.NUMBER_ENDS, ""])
def test_a_column_of_numbers_is_seq(end):
    assert hdr._kind([f"{i}{end}" for i in range(1, 6)]) == "seq"
