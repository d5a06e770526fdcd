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


# ---- the stage itself: FieldReader over a grid, no file, no header guessing ----------------------------------

def _reader(values, merges=(), cols=None):
    from gwdesk.io.tasklist.fields import FieldReader
    from gwdesk.io.tasklist.grid import build
    g = build(values, list(merges), list(range(1, len(values) + 1)))
    cols = cols or {"seq": [0], "task": [1], "measure": [2], "resp": [3], "deadline": [4]}
    return FieldReader(g, cols, list(range(1, len(values))))


def test_stage_reads_a_rows_cells_into_its_fields():
    r = _reader([["序号", "工作任务", "具体要求", "责任单位", "完成时限"],
                 ["1", "做好财政信息公开", "公开预决算（公开路径：门户网站）", "财政局牵头，各部门配合", "年底前"]])
    f = r.read(1)
    assert (f.seq, f.task, f.measure, f.deadline_text, f.deadline_in_text) == (
        "1", "做好财政信息公开", "公开预决算（公开路径：门户网站）", "年底前", False)
    assert (f.lead, f.resp, f.publish_path) == (["财政局"], ["各部门"], "门户网站")
    assert f.raw["resp"] == "财政局牵头，各部门配合" and not f.empty


def test_stage_takes_the_deadline_from_a_unit_cell_then_from_the_text():
    r = _reader([["序号", "工作任务", "具体要求", "责任单位", "完成时限"],
                 ["1", "公开预算", "", "财政局；完成时限：6月底", ""],
                 ["2", "公开决算", "9月底前公开部门决算。", "财政局", ""]])
    a, b = r.read(1), r.read(2)
    assert (a.deadline_text, a.deadline_in_text, a.resp) == ("6月底", False, ["财政局"])
    assert (b.deadline_text, b.deadline_in_text) == ("9月底前", True)
    assert "财政局；完成时限：6月底" in r.odd[3]  # a deadline written in a unit cell: the clerk confirms it


def test_stage_splits_the_number_off_the_text_only_without_a_seq_column():
    values = [["工作任务", "具体要求"], ["1.做好规划公开", "公开规划。"]]
    assert _reader(values, cols={"task": [0], "measure": [1]}).read(1).seq == "1"
    f = _reader(values, cols={"seq": [], "task": [0], "measure": [1]}).read(1)
    assert (f.seq, f.task) == ("", "1.做好规划公开")


def test_stage_reads_a_cell_merged_across_two_columns_of_one_field_once():
    r = _reader([["工作任务", "牵头单位", "牵头单位"], ["公开预算", "财政局", ""]], merges=[(1, 1, 1, 2)],
                cols={"task": [0], "lead": [1, 2]})
    f = r.read(1)
    assert (f.raw["lead"], f.lead) == ("财政局", ["财政局"])


def test_stage_fills_a_lost_merge_from_above_and_counts_it_but_not_across_a_section():
    r = _reader([["序号", "工作任务", "具体要求", "责任单位", "完成时限"],
                 ["1", "公开预算", "公开A。", "财政局", "年底前"],
                 ["", "", "公开B。", "", ""],
                 ["", "", "公开C。", "", ""]])
    assert (r.read(1).resp, r.read(2).resp, r.read(2).task) == (["财政局"], ["财政局"], "公开预算")
    assert r.filled == {0: 2, 1: 2, 3: 2, 4: 2}  # row 2 read twice above: each read counts
    r.section()
    assert (r.read(3).task, r.read(3).resp) == ("", [])


def test_stage_a_task_cell_over_its_measure_and_category_cell_over_its_task():
    r = _reader([["类别", "工作任务", "具体要求"], ["公开预算全文", "", ""]], merges=[(1, 0, 1, 2)],
                cols={"category": [0], "task": [1], "measure": [2]})
    f = r.read(1)
    assert (f.task, f.measure, f.category, f.no_category) == ("公开预算全文", "", "", True)


def test_stage_a_row_across_the_table_the_clerk_says_is_a_task():
    r = _reader([["序号", "工作任务", "具体要求"], ["加强组织领导", "", ""]], merges=[(1, 0, 1, 2)],
                cols={"seq": [0], "task": [1], "measure": [2]})
    assert r.read(1).seq == "加强组织领导"  # merged across: its text is in every cell, 序号 too
    f = r.read(1, as_task=True)
    assert (f.raw, f.task, f.seq) == ({"task": "加强组织领导", "measure": ""}, "加强组织领导", "")


def test_stage_placeholder_cells_are_nothing_and_a_row_without_task_or_measure_is_empty():
    r = _reader([["序号", "工作任务", "具体要求", "责任单位", "完成时限"], ["", "——", "/", "——", "—"]])
    f = r.read(1)
    assert f.empty and (f.resp, f.deadline_text) == ([], "")


# ---- each word of the vocabulary the field stage's patterns are built from is read (issue 22) ----------------

from gwdesk.core.tasks import vocabulary as voc  # noqa: E402
from gwdesk.io.tasklist import fields  # noqa: E402


@pytest.mark.parametrize("mark", voc.PLACEHOLDER_CHARS)
def test_a_cell_of_placeholder_marks_is_nothing(mark):
    assert fields._PLACEHOLDER.match(mark * 2) and not fields._PLACEHOLDER.match(mark + "县财政局")


@pytest.mark.parametrize("label", voc.PATH_LABELS)
@pytest.mark.parametrize("brackets", list(zip(voc.ROUND_OPEN, voc.ROUND_CLOSE)))
def test_the_publishing_path_written_in_the_measure(label, brackets):
    o, c = brackets
    assert fields._PATH_INSIDE.search(f"公开预算{o}{label}：政府网站{c}").group(1) == "政府网站"


@pytest.mark.parametrize("end", voc.NUMBER_ENDS)
def test_the_number_before_the_text_with_each_ending(end):
    assert fields.split_seq(f"2{end}做好解读", "") == ("2", "做好解读", "")
    assert fields.split_seq("做好解读", f"1{end}公开A。 2{end}公开B。")[0] == ""  # the measure's own parts
