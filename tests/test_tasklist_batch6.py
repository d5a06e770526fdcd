"""Rules added after the sixth held-out batch (paragraph 要点 from 河南 2015 and 咸阳 2022, session h12g;
tests/fixtures/tasklists/ha_henan_2015_holdout.json, sn_xianyang_2022_holdout.json), one test each."""

from __future__ import annotations

import pytest

from gwdesk.io.tasklist.units import roles


@pytest.mark.parametrize("cell, lead, resp", [
    ("市政府办公室牵头，市级各有关部门及各县市区政府按职责分工负责", ["市政府办公室"], ["市级各有关部门", "各县市区政府"]),
    ("区直有关部门和各街道", [], ["区直有关部门", "各街道"]),
    ("市场监管部门", [], ["市场监管部门"]),
])
def test_units_joined_by_及_after_a_group_named_部门(cell, lead, resp):
    assert roles(cell) == (lead, resp)


def test_a_paragraph_lists_unit_columns_are_flagged_for_checking(tmp_path):
    """Units picked out of a sentence (“…（市级各有关部门及各县市区政府按职责分工负责）”) may be cut wrongly: the
    lead/resp columns are the ones the clerk is asked to check, never taken as sure."""
    import importlib.util
    from pathlib import Path

    from gwdesk.io import tasklist
    here = Path(__file__).parent / "fixtures" / "tasklists"
    spec = importlib.util.spec_from_file_location("corpus_build", here / "build.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    p = tasklist.read(corpus.build({"id": "p", "format": "docx", "source": {}, "tables": [], "above": [
        "一、坚持系统集成", "1.全面实施清单管理。（市政府办公室牵头，各县市区政府按职责分工负责）"]}, tmp_path))
    flagged = {g.field for g in p.uncertain_columns()}
    assert {"lead", "resp"} <= flagged and p.needs_mapping
    assert all("正文句子" in g.why for g in p.uncertain_columns() if g.field in ("lead", "resp"))


def _paragraphs(tmp_path, lines):
    import importlib.util
    from pathlib import Path

    from gwdesk.io import tasklist
    here = Path(__file__).parent / "fixtures" / "tasklists"
    spec = importlib.util.spec_from_file_location("corpus_build", here / "build.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    return tasklist.read(corpus.build({"id": "p", "format": "docx", "source": {}, "tables": [], "above": lines},
                                      tmp_path))


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


@pytest.mark.parametrize("lines, issuer", [
    (["现将《赣州市2023年政务公开工作方案》印发给你们，请结合实际认真抓好贯彻落实。", "赣州市2023年政务公开工作方案"], "赣州市"),
    (["各县（区）人民政府：", "2021年泰山区政务公开工作要点"], "泰山区"),
])
def test_a_sentence_is_no_title(lines, issuer):
    from gwdesk.io.tasklist.table import describe
    assert describe(lines, "x")[1] == issuer


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
