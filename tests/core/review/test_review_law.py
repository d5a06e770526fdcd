"""The 意见单's legal grounds as the 条例 (国务院令第711号) has them: 第二十一条 widens 主动公开 for
设区的市级、县级人民政府及其部门 and 乡（镇）人民政府; a county or township unit marking such an item 依申请公开 or
不予公开 is warned naming the article and must say why. (第十四条's 法律、行政法规 ground: test_review_validate.)"""

from __future__ import annotations

from locations import ROOT, TESTS

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gwdesk.core import formdef
from gwdesk.core.review import validate

ROOT = ROOT
FIXTURE = TESTS / "fixtures/review/sample_form.json"
SAMPLE = json.loads(FIXTURE.read_text("utf-8"))  # a 县民政局's 城乡低保 notice: 社会救助
COUNTY = {"unit_level": "县级部门"}
TOWN = {"unit_level": "乡镇"}
ON_REQUEST = dict(attribute="依申请公开", request_reasons=["req_specific"], channels=[], column=None,
                  planned_date=None, scope=None, time_limit=None)
WITHHELD = dict(attribute="不予公开", reasons=["art15_third"], channels=[], column=None, planned_date=None,
                scope=None, time_limit=None, summary=None)
MISSING = "缺少：未主动公开的理由（条例第二十一条）"


@pytest.fixture(scope="module")
def d():
    return formdef.parse_file(formdef.paths.bundled_form("publication_review.toml"))


def vals(**changes):
    v = copy.deepcopy(SAMPLE["values"])
    v.update(changes)
    return v


def check(d, values, context):
    return validate.check(d, values, None, "submit", context)


@pytest.mark.parametrize("attribute, word", [(ON_REQUEST, "低保"), (WITHHELD, "最低生活保障")])  # summary, title
def test_county_item_of_social_aid_not_published_is_warned_and_must_say_why(d, attribute, word):
    rep = check(d, vals(**attribute), COUNTY)
    assert MISSING in rep.problem_texts()
    warning = [w for w in rep.warning_texts() if "第二十一条" in w]
    assert warning == [f"本件涉及社会救助（标题或概述含“{word}”），属条例第二十一条规定本级应当主动公开的政府信息；定为“{attribute['attribute']}”"
                       f"须写明未主动公开的理由"]
    rep = check(d, vals(**attribute, art21_reason="名单含个人身份信息，依条例第十五条不予公开，另行公开汇总数据"), COUNTY)
    assert MISSING not in rep.problem_texts() and rep.ok
    assert any("第二十一条" in w for w in rep.warning_texts())  # still said: the leader signs knowing it


def test_published_item_or_unit_outside_the_article_is_not_warned(d):
    assert check(d, vals(), COUNTY).warning_texts() == [] and check(d, vals(), COUNTY).ok  # 主动公开
    for level in ("省级部门", "其他", ""):  # 第二十一条 binds 设区的市级、县级 governments and departments, 乡镇
        rep = check(d, vals(**ON_REQUEST), {"unit_level": level})
        assert rep.ok and not any("第二十一条" in w for w in rep.warning_texts()), level
    # no context at all (a JSON file checked with no unit profile): the rule cannot apply
    assert validate.check(d, vals(**ON_REQUEST), None, "submit").ok


def test_main_publishing_explanation_is_refused_for_such_an_item(d):
    """“不属于条例第十九条、第二十条规定的主动公开范围” is false for an item 第二十一条 names."""
    rep = check(d, vals(**dict(ON_REQUEST, request_reasons=["req_scope"]), art21_reason="x"), COUNTY)
    assert rep.problem_texts() == ["本件涉及社会救助（标题或概述含“低保”），属条例第二十一条规定的主动公开范围，不能以“不属于主动公开范围”"
                                   "为由依申请公开"]


def test_township_topics_bind_only_townships_and_ticking_needs_no_keyword(d):
    homestead = vals(**ON_REQUEST, title="关于公布2026年第三批农村建房审批结果的通知", summary="公布审批结果。")
    assert check(d, homestead, TOWN).ok  # no keyword: nothing known
    homestead["topics"] = ["homestead"]  # the clerk ticks 宅基地审核
    assert MISSING in check(d, homestead, TOWN).problem_texts()
    assert MISSING not in check(d, homestead, COUNTY).problem_texts()  # a 乡镇 duty, not a county department's
    by_word = vals(**ON_REQUEST, title="关于某村宅基地使用审核情况的报告", summary="报告审核情况。")
    assert MISSING in check(d, by_word, TOWN).problem_texts()
    facts = validate.facts(d, validate.normalise(d, by_word), TOWN)
    assert {k: facts[k] for k in ("unit_level", "art21", "art21_topics", "art21_level")} == {
        "unit_level": "乡镇", "art21": True, "art21_topics": ["宅基地"], "art21_level": True}
    ticked = validate.facts(d, validate.normalise(d, homestead), TOWN)
    assert ticked["art21_because"] == ["宅基地"]  # ticked by the clerk: no keyword to name
    assert validate.topic_hits(d, by_word) == [("homestead", "标题或概述含“宅基地”")]


def test_rural_dangerous_housing_counts_as_social_aid_land_taking_as_itself(d):
    for title, topic, word in (("关于2026年农村危房改造对象认定结果的公示", "社会救助", "危房改造"),
                               ("关于青川县乔庄镇征地补偿安置方案的公告", "土地征收", "征地")):
        rep = check(d, vals(**ON_REQUEST, title=title, summary="略。"), COUNTY)
        assert any(f"本件涉及{topic}（标题或概述含“{word}”），属条例第二十一条" in w for w in rep.warning_texts()), title


def test_the_article_as_data_every_topic_bound_to_real_levels(d):
    from gwdesk.core.units import LEVELS
    labels = {t.label for t in d.topics}
    # the two lists of 第二十一条, as the 条例 words them
    assert {"市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助"} <= labels
    assert {"农业农村政策", "农田水利", "土地流转", "宅基地", "筹资筹劳"} <= labels
    for t in d.topics:
        assert t.article == "第二十一条" and set(t.levels) <= set(LEVELS), t.key
    county_only = {t.label for t in d.topics if "乡镇" not in t.levels}
    assert county_only == {"市政建设", "公共服务", "公益事业", "治安管理"}


def test_a_field_may_not_take_a_facts_name(d):
    text = formdef.paths.bundled_form("publication_review.toml").read_text("utf-8")
    bad = text.replace('key = "informant"', 'key = "art21"', 1)
    with pytest.raises(formdef.FormDefError, match="程序保留的名称"):
        formdef.parse(bad, "x.toml")


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "gwdesk.cli", *args], capture_output=True, text=True, cwd=str(ROOT))


def test_review_check_applies_the_article_with_the_level_given(tmp_path, data_dir):
    form = copy.deepcopy(SAMPLE)
    form["values"].update(ON_REQUEST)
    path = tmp_path / "f.json"
    path.write_text(json.dumps(form, ensure_ascii=False), "utf-8")
    r = run_cli("--data-dir", str(data_dir), "review", "check", "--data", str(path), "--level", "县级部门")
    assert r.returncode == 1
    assert f"✗ {MISSING}" in r.stdout and "⚠ 本件涉及社会救助（标题或概述含“低保”），属条例第二十一条" in r.stdout
    r = run_cli("--data-dir", str(data_dir), "review", "check", "--data", str(path))  # no profile saved
    assert r.returncode == 0 and "未读到本单位层级" in r.stderr
    r = run_cli("--data-dir", str(data_dir), "review", "check", "--data", str(path), "--level", "村")
    assert r.returncode == 2 and "--level 应为以下之一" in r.stderr
