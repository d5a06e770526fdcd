"""Units and roles stage (io/tasklist/units.py): who does a task, read from one cell."""

from __future__ import annotations

import pytest
from tasklist_support import read as _read

from gwdesk.io import tasklist
from gwdesk.io.tasklist.units import join_lines, looks_like_unit, roles, shorthand_with


def test_zhuban_xieban_roles_and_a_unit_named_zhuban():
    """江门市卫健局: “局防控办主办、各工作组协办” — 主办 leads; “局主办科室” is the 科室 in charge, a unit."""
    assert roles("局防控办主办、各工作组协办") == (["局防控办"], ["各工作组"])
    assert roles("办公室主办,各科室协办") == (["办公室"], ["各科室"])
    assert roles("局主办科室") == ([], ["局主办科室"])
    assert not looks_like_unit("局防控办主办") and looks_like_unit("局主办科室")


def test_x_hui_y_is_read_as_huitong_and_asked(tmp_path):
    """广东省卫健委: “宣传处会办公室” (会 for 会同) → 宣传处 leads with 办公室; a shorthand, so the column is asked.
    Names with 会 in them stay whole."""
    assert roles("宣传处会办公室") == (["宣传处"], ["办公室"]) and shorthand_with("宣传处会办公室")
    for cell in ("各村委会、居委会", "各村委会办公室", "市红十字会办公室", "市住建局会同市财政局"):
        assert not shorthand_with(cell), cell
    assert roles("各村委会、居委会") == ([], ["各村委会", "居委会"])
    rows = [["序号", "工作任务", "责任处室"], ["1", "疫情信息发布", "疾控处"], ["2", "规范信息发布", "宣传处会办公室"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert (p.tasks[1].lead_units, p.tasks[1].resp_units) == (["宣传处"], ["办公室"])
    assert p.needs_mapping and [g.column for g in p.uncertain_columns()] == [2]
    assert "宣传处会办公室" in p.uncertain_columns()[0].why


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


def test_a_group_of_units_named_领导小组_is_not_a_person():
    from gwdesk.io.tasklist.header import header_field
    assert header_field("领导小组成员单位")[0] != "note"


@pytest.mark.parametrize("cell, units", [
    ("各县、市、区政府", ["各县、市、区政府"]),
    ("市税务局,各县、市、区人民政府", ["市税务局", "各县、市、区人民政府"]),
    ("市财政局、市、县政府", ["市财政局", "市", "县政府"]),  # no 各: not the group of levels
])
def test_a_group_of_levels_is_one_unit(cell, units):
    """滁州市: “各县、市、区政府” is every county, city and district government — one group, as 各县(市、区)政府."""
    assert roles(cell) == ([], units)


@pytest.mark.parametrize("cell, lead, resp", [
    ("市政府办公室牵头，市级各有关部门及各县市区政府按职责分工负责", ["市政府办公室"], ["市级各有关部门", "各县市区政府"]),
    ("区直有关部门和各街道", [], ["区直有关部门", "各街道"]),
    ("市场监管部门", [], ["市场监管部门"]),
])
def test_units_joined_by_及_after_a_group_named_部门(cell, lead, resp):
    assert roles(cell) == (lead, resp)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_units_one_a_line_in_one_cell(tmp_path, fmt):
    # 泰山区 2018: “区委农工办 / 区农业局” on two lines of one 牵头单位 cell (Word: a line break, Excel: Alt+Enter)
    rows = [["工作任务", "牵头单位", "备注"],
            ["及时公开乡村振兴战略的政策举措。", "区委农工办\n区农业局", ""],
            ["定期发布夏秋粮市内收购进度信息。", "区发展和改\n革局", ""],
            ["做好村务公开。", "区民政局牵头\n区农业局配合", ""]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]}, fmt)
    assert p.tasks[0].lead_units == ["区委农工办", "区农业局"]
    assert p.tasks[1].lead_units == ["区发展和改革局"]  # a name broken over two lines is one unit
    assert (p.tasks[2].lead_units, p.tasks[2].resp_units) == (["区民政局"], ["区农业局"])
    assert p.tasks[0].task == "及时公开乡村振兴战略的政策举措。"


@pytest.mark.parametrize("text, joined", [
    ("区委农工办\n区农业局", "区委农工办、区农业局"),
    ("区发展和改\n革局", "区发展和改革局"),
    ("市发改委\n牵头落实", "市发改委牵头落实"),
    ("区民政局牵头\n区农业局配合", "区民政局牵头，区农业局配合"),
    ("各乡镇（街道）\n区政府各部门", "各乡镇（街道）、区政府各部门"),
    ("区委宣传部\n（区新闻办）", "区委宣传部（区新闻办）"),
    ("区财政局、\n区民政局", "区财政局、区民政局"),
    # 钟楼区 2021 民生实事: a unit a line, lines ending in a place or a company
    ("经开区\n高新园(邹区镇)\n各街道\n市国有公司", "经开区、高新园(邹区镇)、各街道、市国有公司"),
    ("晋陵公司\n轨道公司", "晋陵公司、轨道公司"),
    ("梁平区\n人民政府", "梁平区人民政府"),  # the place's body goes on
    ("各县（市、区\n）政府", "各县（市、区）政府"),  # broken inside the brackets
])
def test_join_lines(text, joined):
    assert join_lines(text) == joined


def test_adverb_before_the_role_word_is_no_part_of_the_unit():
    # 潍坊 2017: “市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实”
    assert roles("市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实", "resp") == (
        ["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"], [])
    assert roles("区财政局、区民政局共同负责", "resp") == ([], ["区财政局", "区民政局"])


@pytest.mark.parametrize("name, ok", [
    ("区委党校", True), ("人民银行潍坊市中心支行", True), ("各乡镇（街道）", True), ("有关单位", True),
    ("区各行政规范性文件制定主体", True), ("功能区管委会", True), ("潍坊银监分局分别", False), ("做好公开工作", False),
    ("各镇(街)参照", False), ("区委宣传部（区新闻办）", True), ("锡林郭勒盟镶黄旗", True),
    ("各乡镇<街道>", True), ("各镇〈街道〉", True),  # 兴义 2021: angle brackets close a name too
])
def test_looks_like_unit(name, ok):
    assert looks_like_unit(name) is ok


def test_names_that_are_no_units_flag_their_column(tmp_path):
    # a cell the reader cannot split into units must not pass silently as a unit
    rows = [["序号", "工作任务", "责任单位"], ["1", "政策解读", "区政府办公室"],
            ["2", "预决算公开", "区财政局抓好预决算公开工作"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]}, "xlsx")
    col = next(g for g in p.guesses if g.field == "resp")
    assert col.uncertain and "区财政局抓好预决算公开工作" in col.why
    assert p.needs_mapping and col.why in p.reasons
    q = tasklist.read(tmp_path / "list.xlsx", mapping={0: "seq", 1: "task", 2: "resp"}, header_row=0)
    assert not q.needs_mapping  # the clerk's own mapping is not asked about again


def test_units_parted_by_semicolons_before_a_role_share_it_and_are_asked(tmp_path):
    from gwdesk.io.tasklist.units import roles, units_before_role
    text = "市金融办；人民银行潍坊市中心支行；潍坊银监分局分别牵头落实"
    assert roles(text, "resp") == (["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"], [])
    assert units_before_role(text)
    assert not units_before_role("区发改委牵头；区财政局") and not units_before_role("市直有关部门；各镇(街)")
    assert not units_before_role("牵头单位：区发改委；责任单位：区财政局")
    rows = [["工作任务", "责任单位"], ["加强预期引导", text], ["做好解读", "市发改委牵头落实"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert p.tasks[0].lead_units == ["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"]
    assert [g.column for g in p.uncertain_columns()] == [1] and p.needs_mapping


def test_a_line_after_a_whole_body_is_the_next_unit():
    from gwdesk.io.tasklist.units import join_lines
    assert join_lines("各县市区政府\n各乡镇政府\n街道办事处") == "各县市区政府、各乡镇政府、街道办事处"
    assert join_lines("梁平区\n人民政府") == "梁平区人民政府"  # a place's name goes on with its body
    assert join_lines("市数据资源局\n（市政务服务中心）") == "市数据资源局（市政务服务中心）"


@pytest.mark.parametrize("cell, column, lead, resp", [
    ("牵头单位：县财政局、县审计局，责任单位：县住建局、各乡镇", "resp", ["县财政局", "县审计局"], ["县住建局", "各乡镇"]),
    ("牵头：县财政局 配合：县审计局", "resp", ["县财政局"], ["县审计局"]),
    ("县财政局（牵头）、县审计局", "resp", ["县财政局"], ["县审计局"]),
    ("县财政局牵头；完成时限：6月底", "resp", ["县财政局"], []),  # a deadline in the cell is no unit
    ("责任领导：张三；牵头单位：市发改局", "resp", ["市发改局"], []),  # a leader is a person, no unit
    ("县财政局；配合单位：县审计局", "lead", ["县财政局"], ["县审计局"]),  # before the first key: the column's role
])
def test_key_value_roles_in_one_cell(cell, column, lead, resp):
    """A unit cell written as key–value parts: each key ends the part before it, whatever parts them."""
    assert roles(cell, column) == (lead, resp)


def test_a_deadline_written_in_a_unit_cell_is_taken_and_asked(tmp_path):
    """No 时限 column, “县财政局牵头；完成时限：6月底” in the unit cell: the deadline is taken, the column asked."""
    rows = [["序号", "工作任务", "责任单位"], ["1", "做好预算公开", "县财政局牵头；完成时限：6月底"],
            ["2", "做好决算公开", "县财政局"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert p.tasks[0].lead_units == ["县财政局"] and p.tasks[0].deadline_text == "6月底"
    assert p.needs_mapping and any("完成时限：6月底" in r for r in p.reasons)


# ---- each word of the vocabulary the units stage's patterns are built from is read (issue 22) ----------------

from gwdesk.core.tasks import vocabulary as voc  # noqa: E402
from gwdesk.io.tasklist.units import split_units  # noqa: E402


@pytest.mark.parametrize("word", voc.AND_WORDS)
def test_and_words_part_two_units(word):
    assert split_units(f"区民政局{word}区财政局") == ["区民政局", "区财政局"]


@pytest.mark.parametrize("word", voc.ROLE_END_WORDS)
def test_a_line_ending_in_its_role_word_ends_its_clause(word):
    assert join_lines(f"区民政局{word}\n区农业局配合") == f"区民政局{word}，区农业局配合"


@pytest.mark.parametrize("word", voc.WITH_WORDS)
def test_with_words_make_the_first_unit_lead(word):
    assert roles(f"{voc.BY_WORD}县财政局{word}县审计局") == (["县财政局"], ["县审计局"])


@pytest.mark.parametrize("word", voc.ROLE_LEFT_WORDS)
def test_a_role_word_left_on_a_name_is_no_unit(word):
    assert not looks_like_unit(f"局防控办{word}") and looks_like_unit("局防控办")


@pytest.mark.parametrize("role", voc.LABEL_ROLE_WORDS)
@pytest.mark.parametrize("unit", voc.LABEL_UNIT_WORDS)
def test_a_label_before_a_colon_is_no_part_of_the_unit(role, unit):
    lead, resp = roles(f"{role}{unit}：县财政局", "resp")
    if unit == "领导":  # a 领导 label names a person: never the unit's role
        assert "县财政局" not in lead
    else:
        assert (lead, resp) == ((["县财政局"], []) if role in voc.LEAD_WORDS else ([], ["县财政局"]))
    assert roles(f"{unit}：县财政局", "lead") == (["县财政局"], [])


@pytest.mark.parametrize("a", voc.GROUP_PLACE_CHARS)
@pytest.mark.parametrize("body", voc.GROUP_BODY_WORDS)
def test_a_group_written_with_its_places_is_one_unit(a, body):
    group = f"各{a}、县{body}" if a != "县" else f"各县、区{body}"
    assert split_units(f"{group}、县财政局") == [group, "县财政局"]


@pytest.mark.parametrize("word", voc.ETC_GROUP_WORDS)
def test_etc_before_a_group_word_closes_the_list(word):
    assert roles(f"各镇{word}单位") == ([], ["各镇"])


@pytest.mark.parametrize("word", voc.NOT_WITH_SHORT_WORDS)
def test_hui_starting_another_word_is_no_short_with(word):
    assert shorthand_with(f"宣传处{voc.WITH_SHORT_WORD}办公室") and not shorthand_with(f"宣传处{word}办公室")


@pytest.mark.parametrize("doer", voc.DOER_WORDS)
@pytest.mark.parametrize("helper", voc.HELPER_WORDS)
def test_who_does_it_while_others_help_leads(doer, helper):
    assert roles(f"县财政局{doer}，县审计局{helper}") == (["县财政局"], ["县审计局"])


@pytest.mark.parametrize("sep", voc.UNIT_SEPARATORS_IN_CELL)
def test_unit_separators_part_units_but_not_inside_brackets(sep):
    assert split_units(f"县财政局{sep}县审计局") == ["县财政局", "县审计局"]
    assert split_units(f"各县（市{sep}区）政府") == [f"各县（市{sep}区）政府"]


@pytest.mark.parametrize("word", voc.INTERNAL_GROUP_PREFIXES)
def test_the_units_own_divisions_by_their_prefix(word):
    from gwdesk.io.tasklist.table import _internal
    assert _internal([f"{word}科室", "办公室"]) and _internal([f"{word}股室"])


@pytest.mark.parametrize("word", voc.INTERNAL_START_WORDS)
def test_the_units_own_subordinates_by_their_start(word):
    from gwdesk.core.tasks.groups import _DIVISION
    assert _DIVISION.search(f"{word}单位") and not _DIVISION.search(f"县{word[-1]}单位")


@pytest.mark.parametrize("group", ["各市州、县市区人民政府", "各县、市、区政府", "各市、州人民政府", "各县市、区人民政府"])
def test_a_group_written_with_places_of_several_characters_is_one_unit(group):
    """湖南省 (batch 8): “各市州、县市区人民政府” is one group; split, “县市区人民政府” read as one unit's name would
    leave a county government silently out."""
    assert split_units(f"省直相关单位、{group}") == ["省直相关单位", group]
