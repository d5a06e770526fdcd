"""Matching stage: collective addressees (各…, …各部门, 有关单位, 全体成员单位) are never silently 不涉及.

A row naming a group a unit of the profile's 层级 and 主管单位 could belong to is 可能涉及 with its reason, until
the clerk answers whether that group includes the unit; the answer is remembered (by the group's normalised
name) and used for every later list.
"""

from locations import TESTS

import pytest

from gwdesk.core import units
from gwdesk.core.tasks import groups, service
from gwdesk.core.tasks.matching import Matcher
from gwdesk.core.tasks.parsed import ParsedList, ParsedTask


@pytest.mark.parametrize("a, b", [
    ("各区直部门", "区直各部门"), ("各县(市、区)政府", "各县市区政府"), ("各县（市、区）人民政府", "各县市区政府"),
    ("各镇（街道）", "各镇<街道>"), ("各镇〈街道〉", "各镇(街道)"), ("区政府各相关部门", "区政府各有关部门"),
    ("市政府各部门", "各市政府部门"),
])
def test_group_names_compare_after_normalising_order_and_brackets(a, b):
    assert groups.group_key(a) == groups.group_key(b)


@pytest.mark.parametrize("name", ["各成员单位", "全体成员单位", "各科室", "省直各部门", "市政府各部门", "区直各部门",
                                  "有关单位", "各乡镇", "各县(市、区)政府", "领导小组成员单位", "相关部门"])
def test_collective_names_are_recognised(name):
    assert groups.is_collective(name)


@pytest.mark.parametrize("name", ["区民政局", "县政府办公室", "区委网信办", "区市场监管局"])
def test_one_units_name_is_no_group(name):
    assert not groups.is_collective(name)


COUNTY_BUREAU = dict(name="青川县民政局", level="县级部门", supervisor="青川县人民政府")
TOWN = dict(name="大兴镇人民政府", level="乡镇", supervisor="梁平区人民政府")
COUNTY = dict(name="青川县人民政府", level="县级政府", supervisor="广元市人民政府")


def _m(unit, groups_=(), answers=None):
    return Matcher(unit["name"], groups=list(groups_), level=unit["level"], supervisor=unit["supervisor"],
                   answers=answers)


@pytest.mark.parametrize("unit, group", [
    (COUNTY_BUREAU, "区直各部门"), (COUNTY_BUREAU, "各区直部门"), (COUNTY_BUREAU, "县直各单位"),
    (COUNTY_BUREAU, "各成员单位"), (COUNTY_BUREAU, "全体成员单位"), (COUNTY_BUREAU, "各科室"),
    (COUNTY_BUREAU, "各有关部门"), (COUNTY_BUREAU, "有关单位"),
    (TOWN, "各镇（街道）"), (TOWN, "各镇<街道>"), (TOWN, "各乡镇"), (TOWN, "各街道办事处"), (TOWN, "各成员单位"),
    (COUNTY, "各县(市、区)政府"), (COUNTY, "各县市区人民政府"), (COUNTY, "各区县"), (COUNTY, "有关单位"),
])
def test_a_group_the_unit_could_belong_to_is_maybe_with_its_reason(unit, group):
    r = _m(unit).match(["区政府办公室"], [group])
    assert r.role == "可能涉及"
    assert f"“{group}”" in r.reason and "请确认" in r.reason


@pytest.mark.parametrize("unit, group, why", [
    (COUNTY_BUREAU, "市政府各部门", "市级"), (COUNTY_BUREAU, "省直各部门", "省级"),
    (COUNTY_BUREAU, "各乡镇（街道）", "乡镇"), (COUNTY_BUREAU, "各县(市、区)政府", "县级部门"),
    (COUNTY_BUREAU, "旺苍县政府各部门", "旺苍县"), (COUNTY_BUREAU, "县教育局各股室", "内设机构"),
    (TOWN, "区直各部门", "乡镇"), (COUNTY, "县直各单位", "县级政府"),
])
def test_a_group_the_unit_cannot_belong_to_is_not_involved_and_says_why(unit, group, why):
    r = _m(unit).match(["市政府办公室"], [group])
    assert r.role == "不涉及" and why in r.reason and group in r.reason


def test_the_profiles_groups_match_written_in_any_order_and_brackets():
    bureau = _m(COUNTY_BUREAU, groups_=["各区直部门"])
    r = bureau.match([], ["区直各部门"])
    assert (r.role, r.reason) == ("责任", "责任单位“区直各部门”包括本单位")
    town = _m(TOWN, groups_=["各镇（街道）"])
    assert town.match([], ["各镇<街道>"]).role == "责任"
    county = _m(COUNTY, groups_=["各县（市、区）人民政府"])
    assert county.match([], ["各县市区政府"]).role == "责任"


def test_the_clerks_answer_decides_and_says_so():
    yes = _m(COUNTY_BUREAU, answers={groups.group_key("全体成员单位"): True})
    assert yes.match([], ["全体成员单位"]).role == "责任" and "您已确认" in yes.match([], ["全体成员单位"]).reason
    no = _m(COUNTY_BUREAU, answers={groups.group_key("各区直部门"): False})
    r = no.match([], ["区直各部门"])  # answered for 各区直部门: the same group
    assert r.role == "不涉及" and "您已确认“区直各部门”不包括本单位" in r.reason
    # a row naming the unit itself is the unit's whatever was said about a group
    assert no.match(["县民政局"], ["区直各部门"]).role == "牵头"


def test_only_unanswered_groups_are_asked():
    m = _m(COUNTY_BUREAU, groups_=["县政府各部门"], answers={groups.group_key("全体成员单位"): False})
    assert m.groups_to_ask([], ["各成员单位", "全体成员单位"]) == ["各成员单位"]
    assert m.groups_to_ask([], ["县政府各部门", "各成员单位"]) == []  # the row is already the unit's
    assert m.groups_to_ask([], ["市政府各部门"]) == []  # cannot include a county bureau


def _parsed(rows, title="测试清单", addressee=""):
    p = ParsedList(file="x.xlsx", sheet="s", title=title, addressee=addressee, year=2024)
    p.tasks = [ParsedTask(row=i + 2, position=i + 1, task=f"任务{i + 1}", lead_units=lead, resp_units=resp)
               for i, (lead, resp) in enumerate(rows)]
    return p


def test_the_answer_is_remembered_for_every_later_list(ctx):
    units.save(units.Profile(**COUNTY_BUREAU))
    first = _parsed([(["区政府办公室"], ["区直各部门"]), (["区财政局"], ["各成员单位"]), (["区发改委"], ["区商务委"])])
    rows = service.analyse(first, units.load())
    assert [a.match.role for a in rows] == ["可能涉及", "可能涉及", "不涉及"]
    assert service.groups_to_ask(rows, units.load()) == [("区直各部门", 1), ("各成员单位", 1)]
    units.answer_group("区直各部门", True)
    units.answer_group("各成员单位", False)
    assert units.load().group_answers == {"区直部门": True, "成员单位": False}
    later = _parsed([(["区政府办公室"], ["各区直部门"]), ([], ["区政府办公室", "各成员单位"])])
    rows = service.analyse(later, units.load())
    assert [a.match.role for a in rows] == ["责任", "不涉及"]
    assert "您已确认" in rows[0].match.reason and "不包括本单位" in rows[1].match.reason
    assert service.groups_to_ask(rows, units.load()) == []
    units.answer_group("区直各部门", None)  # forgotten: asked again
    assert service.analyse(later, units.load())[0].match.role == "可能涉及"


def test_a_row_naming_nobody_is_asked_unless_the_list_is_addressed_to_someone(ctx):
    units.save(units.Profile(**COUNTY_BUREAU))
    rows = service.analyse(_parsed([([], [])]), units.load())
    assert rows[0].match.role == "可能涉及" and "没有写明" in rows[0].match.reason
    rows = service.analyse(_parsed([([], [])], addressee="县财政局"), units.load())
    assert rows[0].match.role == "不涉及" and "县财政局" in rows[0].match.reason


def test_answering_rematches_the_stored_rows(ctx):
    units.save(units.Profile(**COUNTY_BUREAU))
    service.import_parsed(_parsed([(["区政府办公室"], ["区直各部门"]), (["区发改委"], ["区商务委"])]),
                          profile=units.load(), issuer="区政府办公室")
    from gwdesk.store.tasks_models import Task
    assert [t.auto_role for t in Task.select().order_by(Task.position)] == ["可能涉及", "不涉及"]
    p = units.answer_group("各区直部门", True)
    assert service.rematch(p) == 1
    t = Task.select().order_by(Task.position).first()
    assert t.auto_role == "责任" and "您已确认" in t.role_reason


def test_saving_the_profile_from_settings_keeps_the_answers(ctx):
    units.save(units.Profile(**COUNTY_BUREAU))
    units.answer_group("各成员单位", True)
    units.save(units.Profile(**dict(COUNTY_BUREAU, contact="李晓梅")))  # 设置 builds a profile without them
    assert units.load().group_answers == {"成员单位": True} and units.load().contact == "李晓梅"


def test_xingyi_2021_angle_bracketed_towns_reach_a_town(tmp_path):
    """兴义市 2021 (corpus gz_xingyi_2021_holdout): 责任单位 各乡镇<街道> — a 街道 whose profile says 各乡镇（街道） is
    责任; one whose profile names no group is asked, never silently 不涉及."""
    import json
    from pathlib import Path

    from tasklist_support import corpus

    from gwdesk.io import tasklist
    desc = json.loads((TESTS / "fixtures" / "tasklists" / "gz_xingyi_2021_holdout.json")
                      .read_text(encoding="utf-8"))
    p = tasklist.read(corpus.build(desc, tmp_path))
    street = dict(name="兴义市黄草街道办事处", level="街道", supervisor="兴义市人民政府")
    assert {a.match.role for a in service.analyse(p, units.Profile(**street, groups=["各乡镇（街道）"]))} == {"责任"}
    asked = service.analyse(p, units.Profile(**street))
    assert {a.match.role for a in asked} == {"可能涉及"} and "各乡镇<街道>" in asked[0].match.reason


def test_a_group_written_with_places_of_several_characters_is_asked_of_a_county_government():
    """湖南省 2022 要点 (batch 8): “各市州、县市区人民政府均为责任单位” — a county government could be one of them."""
    r = _m(COUNTY).match(["省政务局"], ["省直相关单位", "各市州、县市区人民政府"])
    assert r.role == "可能涉及" and "各市州、县市区人民政府" in r.reason
    assert _m(COUNTY_BUREAU).match(["省政务局"], ["各市州、县市区人民政府"]).role == "不涉及"


@pytest.mark.parametrize("name, division", [
    ("办公室", True), ("财务科", True), ("各科室", True), ("有关股室", True), ("办公室（政务公开办）", True),
    ("下属单位", True), ("县政府办公室", False), ("区民政局", False), ("各乡镇卫生院", False), ("市直有关部门", False),
])
def test_a_units_own_divisions_are_told_from_units(name, division):
    assert groups.is_division(name) is division


def test_a_row_naming_only_divisions_of_an_unnamed_unit_is_asked(ctx):
    """池州市信访局 (corpus ah_chizhou_xfj_holdout, batch 8): a table of 责任科室 (办公室, 各科室) with no title above it
    names no unit: a row for 办公室 was 不涉及 with no reason. It is asked; with the list's unit known it is decided."""
    units.save(units.Profile(**COUNTY_BUREAU))
    rows = service.analyse(_parsed([([], ["办公室"]), ([], ["各科室"]), ([], ["县财政局"])]), units.load())
    assert [r.match.role for r in rows] == ["可能涉及", "可能涉及", "不涉及"]
    assert "办公室" in rows[0].match.reason and "没有写明是哪个单位" in rows[0].match.reason
    rows = service.analyse(_parsed([([], ["办公室"])], addressee="池州市信访局"), units.load())
    assert rows[0].match.role == "不涉及" and "池州市信访局" in rows[0].match.reason
