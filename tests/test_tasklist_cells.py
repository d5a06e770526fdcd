"""Cell-level rules met in real lists: a unit a line in one cell, “——” for no unit, the issuer around the year."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from gwdesk.core.tasks import deadlines
from gwdesk.io import tasklist
from gwdesk.io.tasklist.table import describe
from gwdesk.io.tasklist.units import join_lines, looks_like_unit, roles

HERE = Path(__file__).parent / "fixtures" / "tasklists"
_spec = importlib.util.spec_from_file_location("corpus_build", HERE / "build.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def _read(tmp_path, desc, fmt):
    return tasklist.read(corpus.build(dict({"id": "list", "format": fmt, "source": {}}, **desc), tmp_path))


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
])
def test_join_lines(text, joined):
    assert join_lines(text) == joined


def test_dash_for_no_unit(tmp_path):
    # 重庆高新区 2021: “——” in 责任单位 where only a 牵头单位 is named
    rows = [["工作任务", "牵头单位", "责任单位", "完成时限"],
            ["1.公开“十四五”规划纲要。", "改革发展局", "——", "—"],
            ["2.公开重点专项规划。", "改革发展局", "建设局、公共服务局", "年底前"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]}, "docx")
    assert (p.tasks[0].lead_units, p.tasks[0].resp_units, p.tasks[0].deadline_text) == (["改革发展局"], [], "")
    assert p.tasks[1].resp_units == ["建设局", "公共服务局"] and p.tasks[0].seq == "1"


@pytest.mark.parametrize("title, issuer, year", [
    ("2018年泰山区政务公开重点工作任务分解表", "泰山区", 2018),
    ("2017年西藏自治区政务公开重点工作任务分工", "西藏自治区", 2017),
    ("重庆高新区贯彻落实国务院办公厅2021年政务公开工作要点任务分解表", "重庆高新区", 2021),
    ("荆州市2022年政务公开任务分解责任清单", "荆州市", 2022),
    ("2022年11—12月政务公开重点工作任务清单", "", 2022),
    ("2021年政务公开工作主要任务分解表", "", 2021),
])
def test_issuer_before_or_after_the_year(title, issuer, year):
    _, got, got_year, _ = describe([title], "x")
    assert (got, got_year) == (issuer, year)


def test_word_title_with_a_line_break_stays_one_title(tmp_path):
    rows = [["序号", "工作任务", "责任单位"], ["1", "政策解读", "区政府办公室"]]
    p = _read(tmp_path, {"above": ["2018年泰山区\n政务公开重点工作任务分解表"], "tables": [{"rows": rows}]}, "docx")
    assert (p.title, p.issuer, p.year) == ("2018年泰山区政务公开重点工作任务分解表", "泰山区", 2018)


def test_adverb_before_the_role_word_is_no_part_of_the_unit():
    # 潍坊 2017: “市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实”
    assert roles("市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实", "resp") == (
        ["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"], [])
    assert roles("区财政局、区民政局共同负责", "resp") == ([], ["区财政局", "区民政局"])


@pytest.mark.parametrize("name, ok", [
    ("区委党校", True), ("人民银行潍坊市中心支行", True), ("各乡镇（街道）", True), ("有关单位", True),
    ("区各行政规范性文件制定主体", True), ("功能区管委会", True), ("潍坊银监分局分别", False), ("做好公开工作", False),
    ("各镇(街)参照", False), ("区委宣传部（区新闻办）", True), ("锡林郭勒盟镶黄旗", True),
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


def test_year_from_the_deadlines_when_the_title_has_none(tmp_path):
    # 禹会区 整改清单: no year in the title, every 时限 cell says 2020 → 年底前 is 2020-12-31
    rows = [["序号", "重点任务", "完成时限及要求", "责任单位"],
            ["1", "疫情防控", "2020年6月30日前,完成自查整改", "区卫生健康委"],
            ["2", "污染防治信息公开", "2020年6月30日前,完成自查整改,年底前模板化公开", "生态环境分局"]]
    p = _read(tmp_path, {"above": ["禹会区政务公开专项行动整改清单"], "tables": [{"rows": rows}]}, "xlsx")
    assert p.year == 2020
    assert deadlines.parse(p.tasks[1].deadline_text, year=p.year).due.isoformat() == "2020-12-31"
    rows[2][2] = "2021年6月30日前"
    rows.append(["3", "预决算公开", "2022年底前", "区财政局"])
    assert _read(tmp_path, {"above": ["禹会区整改清单"], "tables": [{"rows": rows}]}, "xlsx").year is None  # no agreement
