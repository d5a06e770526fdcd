"""The example variants in forms/ load as a county's copy, check, print (filled and blank) and register;
the definition keys they rely on are validated."""

from __future__ import annotations

from locations import ROOT

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from gwdesk import paths
from gwdesk.core import demo, formdef
from gwdesk.core.review import forms, registers, validate, workflow
from gwdesk.core.review.forms import Form
from gwdesk.render.layouts import review_form
from gwdesk.render.model import plain_text

ROOT = ROOT
BUNDLED = (ROOT / "forms/publication_review.toml").read_text("utf-8")
DAY = dt.date(2026, 11, 22)
VARIANTS = ["example_three_attributes.toml", "example_seven_steps.toml"]

# one document filled in for each variant's own keys
THREE = {"title": "关于调整城乡低保标准的通知", "doc_number": "青民发〔2026〕20号", "dept": "社会救助股",
         "drafter": "王建华", "doc_date": "2026-11-10", "normative": False, "attribute": "主动公开",
         "summary": "调整城乡低保标准。", "planned_date": "2026-11-16", "channels": ["政府网站"]}
SEVEN = {"title": "2026年冬春救助政策问答", "carrier": "非公文类", "dept": "社会救助股", "drafter": "王建华",
         "doc_date": "2026-11-10", "normative": False, "major": True, "secret": False, "attribute": "主动公开",
         "summary": "以问答形式解读冬春救助政策。", "scope": "面向社会", "planned_date": "2026-11-12",
         "channels": ["政府网站", "政务新媒体"], "checks": ["合法性", "准确性", "可公开性", "保密性"]}


def variant(name: str) -> formdef.FormDef:
    return formdef.parse_file(ROOT / "forms" / name)


def signed(d, date="2026-11-11", skip=()):
    return {r.key: {"choice": r.options[0], "opinion": "", "signer": "张三", "date": date}
            for r in d.signoffs if r.key not in skip and r.stage == "approve"}


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_loads_as_a_county_copy_and_cites_its_sources(name):
    text = (ROOT / "forms" / name).read_text("utf-8")
    assert text.count("http") >= 2  # the published forms/rules it is modelled on
    target = paths.user_forms_dir() / "publication_review.toml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    d = formdef.load()
    assert not d.bundled and not d.notice and d.name == variant(name).name


@pytest.mark.parametrize("name, values", [("example_three_attributes.toml", THREE),
                                          ("example_seven_steps.toml", SEVEN)])
def test_variant_checks_and_prints_filled_and_blank_on_one_page(name, values, tmp_path):
    from gwdesk.render.pdf import render_pdf
    d = variant(name)
    assert validate.check(d, values).problem_texts() == []
    assert validate.check(d, values, signed(d), "approve").problem_texts() == []
    form = Form(number="2026-011", values=values, signoffs=signed(d))
    filled = render_pdf(review_form.build(form, d, demo.DEMO_PROFILE, DAY), tmp_path / "filled.pdf")
    blank = render_pdf(review_form.build_blank(d, demo.DEMO_PROFILE, DAY), tmp_path / "blank.pdf")
    for pdf in (filled, blank):
        pages = PdfReader(str(pdf)).pages
        assert len(pages) == 1
        assert d.print.title.format(unit="青川县民政局", name=d.name) in pages[0].extract_text().replace("\n", "")


def test_three_attributes_exempt_goes_to_the_withheld_register_on_request_does_not(ctx):
    d = variant("example_three_attributes.toml")
    assert [o for o, _ in d.option_labels(d.field("attribute"))] == ["主动公开", "依申请公开", "免予公开"]
    exempt = dict(THREE, attribute="免予公开", reasons=["art16_internal"], planned_date=None, channels=[],
                  summary="")
    assert validate.check(d, dict(exempt, reasons=[])).problem_texts() == ["缺少：免予公开理由"]
    on_request = dict(THREE, attribute="依申请公开", request_reasons=["req_specific"], planned_date=None,
                      channels=[])
    assert validate.check(d, dict(on_request, reasons=["art15"])).problem_texts() == [
        "依申请公开的文件不应填写“免予公开理由”"]
    text = plain_text(review_form.build(Form(values=on_request), d, demo.DEMO_PROFILE, DAY))
    assert "此件为涉及个别单位的特定信息，不属于条例第十九条、第二十条规定的主动公开范围，作为依申请公开信息。" in text
    made = []
    for v in (THREE, exempt, on_request):
        f = forms.create(ctx, v, signed(d), d)
        workflow.transition(f.id, "submit", definition=d)
        made.append(workflow.transition(f.id, "approve", definition=d))
    regs = registers.gather(2026, 11, definition=d)
    assert [r.attribute for r in regs.open_rows] == ["主动公开", "依申请公开"]
    assert [(r.attribute, r.withheld) for r in regs.withheld_rows] == [("免予公开", "全文")]
    assert "第十六条第一款（内部事务信息）" in regs.withheld_rows[0].articles
    # only 主动公开 is 登记公开 in this variant; 免予公开 has its own 登记
    assert [a.label for a in workflow.allowed_actions(made[1], d)] == ["登记免予公开", "退回修改", "作废"]
    assert [a.label for a in workflow.allowed_actions(made[2], d)][0] == "登记依申请公开"


def test_seven_step_chain(ctx):
    d = variant("example_seven_steps.toml")
    assert [r.role for r in d.signoffs] == ["经办人初审", "科室负责人", "保密审查", "合法性审核", "政务公开工作机构",
                                            "分管领导", "主要负责人"]
    ordinary = dict(SEVEN, major=False)
    assert validate.check(d, ordinary, signed(d, skip=("legal", "chief")), "approve").problem_texts() == []
    assert validate.check(d, SEVEN, signed(d, skip=("legal", "chief")), "approve").problem_texts() == [
        "缺少签发意见：合法性审核", "缺少签发意见：主要负责人"]
    # 非公文类 information needs no 文种 and may not carry one
    assert validate.check(d, dict(SEVEN, doc_type="通知")).problem_texts() == ["非公文类的文件不应填写“文种”"]
    assert "缺少：文种" in validate.check(d, dict(SEVEN, carrier="公文类")).problem_texts()
    f = forms.create(ctx, SEVEN, signed(d), d)
    workflow.transition(f.id, "submit", definition=d)
    assert workflow.transition(f.id, "approve", definition=d).status == "已审定"


# ---- the definition keys behind all this are checked like the rest ----------------------------

@pytest.mark.parametrize("old, new, message", [
    ('key = "req_specific"\nkind = "on_request"', 'key = "req_specific"\nkind = "maybe"', "kind 应为"),
    ('options_from = "request_reasons"', 'options_from = "laws"', "options_from 应为"),
    ('key = "publisher"\nrole = "发布登记"\nstage = "publish"', 'key = "publisher"\nrole = "发布登记"\nstage = "later"',
     "stage 应为 approve 或 publish"),
    ('limit_workdays = 1\n', 'limit_workdays = 1\nwrite_mm = 10\n', "write_mm 应为12到80"),
    ('limit_workdays = 1', 'limit_workdays = "一天"', "limit_workdays 应为"),
    ("field = \"attribute\"\n\n[[constraints]]", "field = \"atribute\"\n\n[[constraints]]", "field 引用了不存在的字段"),
    ("when = 'secret == true", "when = 'secrett == true", "引用了不存在的字段"),
    ('withheld_when = ', 'withheld_whenn = ', "[workflow] 中有未知设置"),
    ('  default = "公文类"', '  default = "电子类"', "default 只用于选择项"),
    ('  print_label = "行政规范性文件"\n', '  print_label = "行政规范性文件"\n  default = "否"\n', "default 应为 true 或 false"),
    ('  type = "textarea"\n', '  type = "textarea"\n  default = true\n', "或是否项（true 或 false）"),
    ('  write_lines = 2', '  write_lines = 40', "write_lines 应为1到12"),
])
def test_new_definition_keys_are_checked(old, new, message):
    assert old in BUNDLED, old
    with pytest.raises(formdef.FormDefError) as e:
        formdef.parse(BUNDLED.replace(old, new, 1), "copy.toml")
    assert message in e.value.message and "copy.toml" in e.value.message


def test_request_reasons_field_without_on_request_reasons_is_refused():
    text = BUNDLED
    for key in ("req_specific", "req_scope", "req_other"):
        text = text.replace(f'key = "{key}"\nkind = "on_request"', f'key = "{key}"')
    with pytest.raises(formdef.FormDefError, match="没有kind"):
        formdef.parse(text, "copy.toml")


def test_a_county_copy_may_drop_the_optional_fields():
    """信息员, 填表日期, 公开范围 … are each optional in a county's copy: without them the form still works."""
    text = BUNDLED
    for key in ("informant", "fill_date"):
        start = text.index(f'  [[sections.fields]]\n  key = "{key}"')
        end = text.index("[[sections.fields]]", start + 10)
        text = text[:start] + text[end - 2:]
        text = text.replace(f'"{key}", ', "").replace(f', "{key}"', "")
    d = formdef.parse(text, "copy.toml")
    assert not d.has("informant") and not d.has("fill_date")
    sample = json.loads((ROOT / "tests/fixtures/review/sample_form.json").read_text("utf-8"))
    values = {k: v for k, v in copy.deepcopy(sample["values"]).items() if k not in ("informant", "fill_date")}
    assert validate.check(d, values).problem_texts() == []
    text = plain_text(review_form.build(Form(values=values), d, demo.DEMO_PROFILE, DAY))
    assert "信息员\n" not in text and "填表日期" not in text
