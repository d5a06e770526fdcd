"""Field stage: a task row's cells to its fields (序号 on the text, blank cells where a copy lost its merges, “——”)."""

from __future__ import annotations

import pytest
from tasklist_support import read as _read


LOST = [["序号", "工作任务", "具体要求", "责任单位", "完成时限"],
        ["1", "做好疫情防控信息发布", "公开隔离管控政策。", "应急处", "长期推进"],
        ["", "", "公开疫苗接种点。", "疾控处", ""],
        ["2", "做好财政信息公开", "公开预决算。", "财务处", "年底前"],
        ["3", "", "公开政府债务信息。", "", ""]]



def test_row_number_on_the_task_when_the_measure_numbers_its_parts(tmp_path):
    """宣城市: “1.行政规范性文件集中公开” beside “1.开展…2.按照…3.…”: the 1. of the measure numbers its parts."""
    rows = [["工作任务", "具体要求", "责任单位"], ["一、年底前专项工作任务", "<", "<"],
            ["1.行政规范性文件集中公开", "1.开展文件清理。2.发布标准电子文本。", "市政府各部门"]]
    t = _read(tmp_path, {"tables": [{"rows": rows}]}).tasks[0]
    assert (t.seq, t.task, t.category) == ("1", "行政规范性文件集中公开", "一、年底前专项工作任务")
    assert t.measure == "1.开展文件清理。2.发布标准电子文本。"


def test_dash_for_no_unit(tmp_path):
    # 重庆高新区 2021: “——” in 责任单位 where only a 牵头单位 is named
    rows = [["工作任务", "牵头单位", "责任单位", "完成时限"],
            ["1.公开“十四五”规划纲要。", "改革发展局", "——", "—"],
            ["2.公开重点专项规划。", "改革发展局", "建设局、公共服务局", "年底前"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]}, "docx")
    assert (p.tasks[0].lead_units, p.tasks[0].resp_units, p.tasks[0].deadline_text) == (["改革发展局"], [], "")
    assert p.tasks[1].resp_units == ["建设局", "公共服务局"] and p.tasks[0].seq == "1"


def test_blank_cells_under_a_task_where_nothing_is_merged_take_the_text_above_and_are_asked(tmp_path):
    p = _read(tmp_path, {"tables": [{"rows": LOST}]})
    assert [(t.seq, t.task, t.resp_units, t.deadline_text) for t in p.tasks] == [
        ("1", "做好疫情防控信息发布", ["应急处"], "长期推进"), ("1", "做好疫情防控信息发布", ["疾控处"], "长期推进"),
        ("2", "做好财政信息公开", ["财务处"], "年底前"), ("3", "做好财政信息公开", ["财务处"], "年底前")]
    assert [g.column for g in p.uncertain_columns()] == [0, 1, 3, 4]
    assert "合并单元格丢失" in p.reasons[0]


def test_blank_cells_in_a_list_that_merges_down_stay_blank(tmp_path):
    rows = [list(r) for r in LOST]
    rows[2][0] = rows[2][1] = "^"  # the office merges: a blank cell is blank
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [(t.task, t.resp_units, t.deadline_text) for t in p.tasks][3] == ("", [], "")
    assert not p.needs_mapping


@pytest.mark.parametrize("task, measure, want", [
    ("规范专栏", "1.公开规划信息。", ("1", "规范专栏", "公开规划信息。")),
    ("2.做好解读", "", ("2", "做好解读", "")),
    ("3.做好公开", "1.公开A。 2.公开B。", ("3", "做好公开", "1.公开A。 2.公开B。")),  # the measure's own parts
    ("（一）做好规划公开", "", ("（一）", "做好规划公开", "")),
    ("做好公开", "公开2023年度预算", ("", "做好公开", "公开2023年度预算")),
    ("1.5倍", "", ("", "1.5倍", "")),  # a decimal is no number of the row
])
def test_split_seq_takes_the_number_written_before_the_text(task, measure, want):
    from gwdesk.io.tasklist.table import split_seq
    assert split_seq(task, measure) == want
