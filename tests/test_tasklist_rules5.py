"""Rules added after the fifth held-out batch (政府工作报告 breakdowns by 主要责任单位 | 协同配合单位, a bureau's
extract of them, a 政务公开 分工 with roles in two paragraphs of one cell; tests/fixtures/tasklists/*_holdout.json
of session h12e), one test each."""

from __future__ import annotations

import pytest
from tasklist_support import read as _read

from gwdesk.core.tasks import deadlines
from gwdesk.io.tasklist.units import roles


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


@pytest.mark.parametrize("text, found", [
    ("持续推进学前教育普及普惠、义务教育优质均衡发展。", ""),  # the work's verb, not a time limit
    ("长期坚持开展政策解读。", ""),
    ("积极做好政策解读工作,丰富解读形式(持续推进)", "持续推进"),
    ("积极做好政策解读工作,丰富解读形式。长期坚持。", "长期坚持"),
    ("依申请公开办理工作持续推进", "持续推进"),
])
def test_ongoing_words_in_a_text_are_a_deadline_only_when_set_apart(text, found):
    assert deadlines.find_in_text(text) == found


def test_a_task_led_by_ongoing_work_gets_no_deadline_from_its_text(tmp_path):
    """谯城区教育局: no 时限 column, and row 68 begins “持续推进…”: no deadline is made up."""
    rows = [["序号", "重点工作任务", "主要责任单位", "协同配合单位"],
            ["68", "持续推进学前教育普及普惠,加快建设扩建教学楼项目。", "区教育局", "区政府有关部门。"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]}, fmt="docx")
    assert p.tasks[0].deadline_text == ""


@pytest.mark.parametrize("cell, lead, resp", [
    ("市住建局、市交通局按职责分工分别落实", [], ["市住建局", "市交通局"]),
    ("市政府各部门按职能各自负责", [], ["市政府各部门"]),
    ("县发改局牵头，县直各部门按照职责分工负责", ["县发改局"], ["县直各部门"]),  # 按照 as well as 按
    ("各乡镇按照职能分别落实", [], ["各乡镇"]),
    ("县审计局负责落实，县财政局配合", ["县审计局"], ["县财政局"]),
    ("各单位分别落实", [], ["各单位"]),
    ("县统计局牵头，各部门参与", ["县统计局"], ["各部门"]),
    ("市发改局牵头落实;市工信局、市投资促进中心按职责分工分别落实\n各镇(街区)分别落实",
     ["市发改局"], ["市工信局", "市投资促进中心", "各镇(街区)"]),
])
def test_roles_by_duty_and_a_line_ending_in_its_role(cell, lead, resp):
    """寿光市 2019: “按职责分工分别落实” is one role phrase (not part of the last unit), and a line that ends in its
    role ends its clause, so the units on the next line are read too."""
    assert roles(cell) == (lead, resp)


def test_a_unit_cell_of_long_lines_keeps_the_units_of_its_last_line(tmp_path):
    """The cell's first paragraph is a long sentence of units and roles, the second “各镇(街区)分别落实”."""
    units = "、".join(f"市{n}局" for n in ("工信", "教体", "民政", "司法", "财政", "人社", "住建", "交通", "水利"))
    rows = [["工作任务", "具体要求", "责任单位", "时限要求"],
            ["1.推进信息公开", "加大公开力度。", f"市发改局牵头落实;{units}按职责分工分别落实\n各镇(街区)分别落实", ""]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]}, fmt="docx")
    t = p.tasks[0]
    assert t.lead_units == ["市发改局"]
    assert t.resp_units[-2:] == ["市水利局", "各镇(街区)"] and len(t.resp_units) == 10
    assert not p.needs_mapping


@pytest.mark.parametrize("word", ["责任人员", "工作责任人", "责任人及联系电话", "县级包抓领导", "督办领导", "负责人"])
def test_a_person_column_is_never_read_as_units(tmp_path, word):
    """责任人员 holds people's names: with 责任 in its header it was read as a second 责任单位, the names filed
    as units without asking. A header naming a person (…人, …领导) is a note."""
    rows = [["序号", "工作任务", "责任单位", word, "完成时限"],
            ["1", "做好政策解读", "区政府办", "张三", "12月底前"], ["2", "更新公开目录", "区司法局", "李四", "6月底前"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}], "above": ["2023年政务公开任务清单"]})
    assert [g.field for g in p.guesses] == ["seq", "task", "resp", "note", "deadline"]
    assert p.tasks[0].resp_units == ["区政府办"] and p.tasks[0].note == "张三"


def test_a_group_of_units_named_领导小组_is_not_a_person():
    from gwdesk.io.tasklist.header import header_field
    assert header_field("领导小组成员单位")[0] != "note"


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


@pytest.mark.parametrize("cell, units", [
    ("各县、市、区政府", ["各县、市、区政府"]),
    ("市税务局,各县、市、区人民政府", ["市税务局", "各县、市、区人民政府"]),
    ("市财政局、市、县政府", ["市财政局", "市", "县政府"]),  # no 各: not the group of levels
])
def test_a_group_of_levels_is_one_unit(cell, units):
    """滁州市: “各县、市、区政府” is every county, city and district government — one group, as 各县(市、区)政府."""
    assert roles(cell) == ([], units)
