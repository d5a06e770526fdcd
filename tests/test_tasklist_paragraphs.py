"""A list written as paragraphs, no table (嘉鱼县, 赤壁市, 滁州市 政府工作报告 分解; the held-out lists
hb_jiayu_2021, hb_chibi_2021, ah_chuzhou_2020): read item by item, roles from brackets or the lines below,
and always shown to the clerk to confirm."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from gwdesk.errors import ImportRejected
from gwdesk.io import tasklist
from gwdesk.io.tasklist.paragraphs import paragraph_grid
from gwdesk.io.tasklist.table import describe

HERE = Path(__file__).parent / "fixtures" / "tasklists"
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
