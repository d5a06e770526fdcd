"""Rules added after the fourth held-out batch (the wider pool: 民生实事, 政府工作报告 ledgers, 基层政务公开标准目录;
tests/fixtures/tasklists/*_holdout.json of session h12d), one test each. The month-done deadline is tested in
tests/test_tasks_deadlines.py, the stacked units ending in 区/公司 in tests/test_tasklist_cells.py."""

from __future__ import annotations

import pytest
from tasklist_support import read as _read

from gwdesk.io.tasklist.table import describe


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
def test_header_words_of_batch_4(tmp_path, words, row, fields):
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


@pytest.mark.parametrize("line, issuer", [
    ("元马镇人民政府基层政务公开标准目录", "元马镇人民政府"),  # 基层 is no part of the name
    ("涉农资金领域基层政务公开标准目录", ""),  # no unit or place named
    ("池州市信访局政务公开重点任务清单", "池州市信访局"),
    ("重庆高新区贯彻落实国务院办公厅2021年政务公开工作要点任务分解表", "重庆高新区"),
])
def test_issuer_ends_where_a_unit_or_place_name_ends(line, issuer):
    assert describe([line], "")[1] == issuer


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
