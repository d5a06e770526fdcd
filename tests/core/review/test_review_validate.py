"""Every validation rule of the bundled 公文公开发布意见单 definition."""

from __future__ import annotations

from locations import TESTS

import copy
import json
from pathlib import Path

import pytest

from gwdesk.core import formdef
from gwdesk.core.review import validate

SAMPLE = json.loads((TESTS / "fixtures/review/sample_form.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def d():
    return formdef.parse_file(formdef.paths.bundled_form("publication_review.toml"))


def vals(**changes):
    v = copy.deepcopy(SAMPLE["values"])
    v.update(changes)
    return v


def probs(d, values, stage="submit", signoffs=None):
    return validate.check(d, values, signoffs, stage).problem_texts()


def test_complete_sample_passes_submit_and_approve(d):
    assert probs(d, vals()) == []
    assert probs(d, vals(), "approve", SAMPLE["signoffs"]) == []


def test_missing_required_items_are_listed_exactly(d):
    v = vals(title="  ", drafter=None, doc_type="")
    assert probs(d, v) == ["缺少：文件标题", "缺少：文种", "缺少：拟稿人"]


def test_bool_unanswered_is_missing_but_false_is_an_answer(d):
    assert "缺少：是否行政规范性文件" in probs(d, vals(normative=None))
    assert "缺少：是否行政规范性文件" not in probs(d, vals(normative=False))


@pytest.mark.parametrize("raw,expected", [
    ("青民发[2026]12号", "青民发〔2026〕12号"),
    ("青民发（2026）12号", "青民发〔2026〕12号"),
    ("青民发【2026】 12号", "青民发〔2026〕12号"),
    ("青民发(２０２６)3号", "青民发〔2026〕3号"),
])
def test_doc_number_brackets_normalised(raw, expected):
    assert validate.normalise_doc_number(raw) == expected


@pytest.mark.parametrize("raw,problem", [
    ("青民发〔26〕12号", "年份应标全称"),
    ("青民发〔2026〕第12号", "不加“第”字"),
    ("青民发〔2026〕012号", "不编虚位"),
    ("12号文件", "格式应为"),
    ("青民发〔2026〕12", "格式应为"),
])
def test_doc_number_shape_checked(d, raw, problem):
    found = probs(d, vals(doc_number=raw))
    assert len(found) == 1 and problem in found[0]


def test_doc_number_is_normalised_on_normalise(d):
    assert validate.normalise(d, vals())["doc_number"] == "青民发〔2026〕12号"


def test_summary_limit_applies_to_active_and_on_request_only(d):
    long = "经" * 101
    assert probs(d, vals(summary=long)) == ["内容概述超过100字（现有101字）"]
    assert probs(d, vals(summary="经" * 100)) == []
    withheld = vals(attribute="不予公开", summary=long, reasons=["art16_internal"], channels=[], column=None,
                    planned_date=None)
    assert probs(d, withheld) == []


def test_summary_required_for_active_and_on_request(d):
    assert "缺少：内容概述" in probs(d, vals(summary=""))
    assert probs(d, vals(summary="", attribute="依申请公开", reasons=[], request_reasons=["req_specific"],
                         scope=None, time_limit=None)) == ["缺少：内容概述"]


def test_withheld_and_partly_withheld_need_a_withholding_ground(d):
    for attr in ("不予公开", "删减后公开"):
        assert "缺少：不予公开（删减）理由" in probs(d, vals(attribute=attr, reasons=[]))


def test_active_may_not_carry_withheld_content(d):
    assert probs(d, vals(reasons=["art14_secret"])) == ["主动公开的文件不应填写“不予公开（删减）理由”"]
    assert probs(d, vals(withheld_content="第三部分")) == ["主动公开的文件不应填写“删减（不公开）内容”"]


def test_law_ground_names_a_law_or_administrative_regulation_and_its_article(d):
    """条例第十四条: only 法律、行政法规 forbid disclosure; the form asks which one and which article."""
    v = vals(attribute="不予公开", reasons=["art14_law"])
    assert probs(d, v) == ["缺少：禁止公开的法律、行政法规及条款"]
    v["other_basis"] = "《中华人民共和国统计法》第三十九条"
    assert probs(d, v) == []
    v["other_basis"] = "《城市居民最低生活保障条例》第八条"  # a 行政法规
    assert probs(d, v) == []
    v["other_basis"] = "《中华人民共和国统计法》"
    assert probs(d, v) == ["禁止公开的法律、行政法规及条款：请写明《中华人民共和国统计法》的哪一条（如 第三十九条）"]
    v["other_basis"] = "统计法有关规定"
    assert "请写明禁止公开的法律或行政法规的名称" in probs(d, v)[0]
    for local in ("《四川省政府信息公开规定》第五条", "《广元市城市管理条例》第十二条"):
        v["other_basis"] = local
        assert "是地方性法规或地方政府规章，不能作为不予公开的依据" in probs(d, v)[0], local
    v["other_basis"] = "《民政部政府信息公开办法》第四条"  # a 部门规章
    assert "规章不能作为不予公开的依据" in probs(d, v)[0]


def test_the_old_other_ground_is_read_as_the_law_ground_never_worded_as_regulations_or_rules(d):
    """“其他法定理由 … 法律、法规、规章” was wrong in law; a stored form carrying it reads as 第十四条's ground."""
    assert d.reason("other") is None
    assert all("规章规定不予公开" not in r.sentence for r in d.reasons)
    law = d.reason("art14_law")
    assert law.needs_basis and "法律、行政法规" in law.sentence and "法规、规章" not in law.sentence
    v = vals(attribute="不予公开", reasons=["other", "art14_law"])
    assert validate.normalise(d, v)["reasons"] == ["art14_law"]
    assert probs(d, v) == ["缺少：禁止公开的法律、行政法规及条款"]


def test_unknown_reason_rejected(d):
    assert probs(d, vals(attribute="不予公开", reasons=["art99"])) == ["不予公开（删减）理由中有无效选项：art99"]


def test_partial_disclosure_needs_the_withheld_content(d):
    v = vals(attribute="删减后公开", reasons=["art15_third"])
    assert probs(d, v) == ["缺少：删减（不公开）内容"]


def test_channels_other_and_website_column(d):
    assert probs(d, vals(channels=[])) == ["缺少：公开方式"]
    assert probs(d, vals(channels=["其他"], column=None)) == ["缺少：其他方式"]
    assert probs(d, vals(column=None)) == ["缺少：公开栏目/路径"]
    assert probs(d, vals(channels=["政府公报"], column=None)) == []


def test_planned_date_not_before_document_date(d):
    assert probs(d, vals(planned_date="2026-11-01")) == ["拟公开日期（2026-11-01）早于拟发文日期（2026-11-10）"]


def test_invalid_date(d):
    assert probs(d, vals(doc_date="2026-13-40")) == ["拟发文日期不是有效日期（应为 2026-11-20 这样的格式）"]


def test_chinese_date_forms_accepted(d):
    assert validate.normalise(d, vals(doc_date="2026年11月10日"))["doc_date"] == "2026-11-10"


def test_planned_date_beyond_20_workdays_warns(d, ctx):
    # 2026-11-10 + 20 working days = 2026-12-08
    rep = validate.check(d, vals(planned_date="2026-12-09"))
    assert rep.ok
    assert rep.warning_texts() == ["拟公开日期（2026-12-09）晚于成文后20个工作日（2026-12-08），不符合条例第二十六条的公开时限"]
    assert validate.check(d, vals(planned_date="2026-12-08")).warnings == []


def test_interpretation_required_for_normative_or_policy_docs(d):
    v = vals(interp_forms=[], interp_title="", interp_sync=[])
    assert probs(d, v) == ["缺少：解读形式", "缺少：解读材料标题", "缺少：三同步"]
    assert probs(d, dict(v, normative=False, policy_doc=False)) == []


def test_three_syncs_first_two_confirmed_before_publication(d):
    assert probs(d, vals(interp_sync=["解读材料与文件同步起草"])) == ["三同步未确认：解读材料与文件同步报批"]


def test_review_checklist_every_item(d):
    v = vals(checks=["内容表述准确"])
    assert probs(d, v) == [
        "审查事项未确认：合法性：内容符合法律、法规、规章和政策规定",
        "审查事项未确认：保密审查：不涉及国家秘密和工作秘密",
        "审查事项未确认：涉及的个人隐私已去标识化（或不涉及）",
        "审查事项未确认：不涉及商业秘密（或已取得权利人同意）",
        "审查事项未确认：公开时机适当",
    ]


def test_phone_and_choice(d):
    assert probs(d, vals(phone="找老王")) == ["联系电话格式不正确（只能包含数字、空格、括号和连字符）"]
    assert probs(d, vals(doc_type="便条"))[0].startswith("文种的选项“便条”无效")


def test_signoffs_needed_to_approve(d):
    s = copy.deepcopy(SAMPLE["signoffs"])
    del s["leader"]
    s["secrecy"]["choice"] = "不同意"
    s["dept_head"]["date"] = ""
    assert probs(d, vals(), "approve", s) == [
        "缺少签发日期：科室负责人", "保密审查意见为“不同意”（经审查不涉密），应退回拟稿人修改", "缺少签发意见：分管领导"]
    assert probs(d, vals(), "submit", s) == []
    s["secrecy"]["opinion"] = ""
    assert "保密审查选择“不同意”，须在意见中写明理由" in probs(d, vals(), "approve", s)


def test_chief_signoff_only_where_required(d):
    s = copy.deepcopy(SAMPLE["signoffs"])
    del s["chief"]
    assert probs(d, vals(), "approve", s) == ["缺少签发意见：主要负责人"]
    assert probs(d, vals(normative=False), "approve", s) == []


def test_publication_fields_needed_to_publish(d):
    assert probs(d, vals(), "publish", SAMPLE["signoffs"]) == [
        "缺少：实际公开日期", "缺少：网址或位置", "缺少：解读是否同步发布", "缺少签发意见：发布登记"]
    v = vals(published_date="2026-11-20", url="http://www.cnqc.gov.cn/x", interp_published=True)
    signed = dict(SAMPLE["signoffs"], publisher={"choice": "已发布", "signer": "李晓梅", "date": "2026-11-20"})
    assert probs(d, v, "publish", signed) == []
    assert probs(d, vals(doc_number=""), "publish", signed)[0] == "缺少：发文字号"
