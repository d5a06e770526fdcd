"""Which rows are mine: names, aliases, groups, loose addressees, overrides."""

import pytest

from gwdesk.core.tasks.matching import Matcher, effective_role, variants


@pytest.fixture
def m():
    return Matcher("青川县民政局", aliases=["县民政局", "青川县民政局（县老龄办）"],
                   groups=["县政府各部门", "县直各单位", "区政府各部门"])


@pytest.mark.parametrize("unit", ["民政局", "青川县民政局", "县民政局", "县老龄办", "县民政局(县老龄办)",
                                  " 县民政局 ", "广元市青川县民政局"])
def test_same_unit_written_differently(m, unit):
    assert m.is_me(unit)


@pytest.mark.parametrize("unit", ["区民政局", "区民政局(区老龄办)", "区民政局（区老龄办）", "区老龄办", " 区民政局 "])
def test_same_name_at_another_place_level_is_asked_never_matched(m, unit):
    # issue 22: the 梁平区 list's “区民政局” under 青川县民政局 was 自动判断：责任 — silently wrong
    assert not m.is_me(unit)
    r = m.match(["区委网信办"], [unit])
    assert r.role == "可能涉及" and unit in r.reason and "青川县" in r.reason
    assert m.match([unit], []).role == "可能涉及"


@pytest.mark.parametrize("unit", ["梁平区民政局", "重庆市梁平区民政局", "剑阁县民政局"])
def test_same_name_in_another_named_place_is_not_mine_with_the_reason(m, unit):
    r = m.match([unit], ["区财政局"])
    assert r.role == "不涉及" and unit in r.reason and "其他地方" in r.reason


def test_the_unit_itself_beside_another_levels_namesake_still_wins(m):
    assert m.match(["区民政局"], ["县民政局"]).role == "责任"


@pytest.mark.parametrize("unit", ["区财政局", "区市场监管局", "区政府办公室", "区民政局党组", "区委组织部"])
def test_other_units_do_not_match(m, unit):
    assert not m.is_me(unit)


def test_place_prefix_is_not_mistaken_for_part_of_the_name():
    assert "市场监管局" in variants("区市场监管局")
    assert "场监管局" not in variants("区市场监管局")


def test_roles_in_priority_order(m):
    assert m.match(["县民政局"], ["县财政局"]).role == "牵头"
    r = m.match(["县委网信办"], ["县卫生健康委", "县民政局(县老龄办)"])
    assert (r.role, r.reason) == ("责任", "责任单位“县民政局(县老龄办)”")
    g = m.match(["区政府办公室"], ["区政府各部门", "各乡镇(街道)"])
    assert g.role == "责任" and "区政府各部门" in g.reason
    assert m.match(["区政府办公室"], ["区政府有关部门"]).role == "可能涉及"
    assert m.match(["区政府办公室"], ["有关单位"]).role == "可能涉及"
    assert m.match(["区政府办公室"], ["各有关单位"]).role == "可能涉及"
    assert m.match(["区发展改革委"], ["区商务委"]).role == "不涉及"


def test_group_with_brackets_matches_across_bracket_styles():
    town = Matcher("大兴镇人民政府", groups=["各乡镇（街道）"])
    assert town.match(["区政府办公室"], ["各乡镇(街道)"]).role == "责任"


def test_county_group_matches_district_wording(m):
    # a list from the unit's own government says 区政府各部门 or 县政府各部门: same addressees
    assert m.in_group("县政府各部门") and m.in_group("区政府各部门")


def test_override_wins():
    assert effective_role("可能涉及", "不涉及") == "不涉及"
    assert effective_role("可能涉及", None) == "可能涉及"


@pytest.mark.parametrize("unit", ["市民政局", "重庆市民政局", "省民政厅", "市民政局（市老龄办）"])
def test_a_higher_level_office_is_not_the_county_bureau(m, unit):
    assert not m.is_me(unit)
    assert m.match([unit], ["区财政局"]).role == "不涉及"


def test_higher_level_groups_are_not_the_units_groups(m):
    assert not m.in_group("市政府各部门") and m.in_group("县政府各部门")
    assert m.match(["市政府办公室"], ["市政府各部门"]).role == "不涉及"


def test_county_wide_wordings_still_reach_the_bureau(m):
    assert m.is_me("各区县民政局") and m.is_me("青川县民政局") and m.is_me("县民政局")


def test_a_county_level_city_keeps_its_bare_city_prefix():
    city = Matcher("都江堰市民政局")
    assert city.is_me("市民政局") and not city.is_me("省民政厅")
    unplaced = Matcher("民政局")  # no place in its own name: cannot tell, matches as before
    assert unplaced.is_me("市民政局")
