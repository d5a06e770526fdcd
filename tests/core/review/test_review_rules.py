"""The 意见单 as units use it: 依申请公开 is not 不予公开, the 条例's own wording, the fields real forms carry,
the sign-off chain (重要事项, 发布登记, 保密审查 time limit, 不同意, duplicate 发文字号), `review check`."""

from __future__ import annotations

from locations import ROOT, TESTS

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gwdesk.core import demo, formdef
from gwdesk.core.review import forms, validate, workflow
from gwdesk.core.review.forms import Form
from gwdesk.errors import GwdeskError
from gwdesk.render.layouts import review_form
from gwdesk.render.model import plain_text

ROOT = ROOT
FIXTURE = TESTS / "fixtures/review/sample_form.json"
SAMPLE = json.loads(FIXTURE.read_text("utf-8"))
DAY = dt.date(2026, 11, 22)
ON_REQUEST = dict(attribute="依申请公开", reasons=[], request_reasons=["req_specific"], channels=[], column=None,
                  planned_date=None, scope=None, time_limit=None,
                  title="关于同意青川县某养老服务中心变更登记事项的批复", summary="同意该中心变更法定代表人。")


@pytest.fixture(scope="module")
def d():
    return formdef.parse_file(formdef.paths.bundled_form("publication_review.toml"))


def vals(**changes):
    v = copy.deepcopy(SAMPLE["values"])
    v.update(changes)
    return v


def probs(d, values, stage="submit", signoffs=None):
    return validate.check(d, values, signoffs, stage).problem_texts()


# ---- 依申请公开 is not 不予公开 -------------------------------------------------------------------

def test_on_request_needs_its_own_reason_never_a_withholding_ground(d):
    assert probs(d, vals(**ON_REQUEST)) == []
    assert probs(d, vals(**dict(ON_REQUEST, request_reasons=[]))) == ["缺少：依申请公开理由"]
    assert probs(d, vals(**dict(ON_REQUEST, reasons=["art16_process"]))) == [
        "依申请公开的文件不应填写“不予公开（删减）理由”"]
    # a withholding ground is not on offer as a 依申请公开 reason, nor the other way round
    assert probs(d, vals(**dict(ON_REQUEST, request_reasons=["art16_process"]))) == [
        "依申请公开理由中有无效选项：art16_process"]
    offered = dict(d.option_labels(d.field("request_reasons")))
    assert set(offered) == {"req_specific", "req_scope", "req_other"}
    assert not set(offered) & {k for k, _ in d.option_labels(d.field("reasons"))}
    assert all("不予公开" not in r.sentence for r in d.reasons_of("on_request"))


def test_no_withholding_reason_asked_before_an_attribute_is_chosen(d):
    texts = probs(d, vals(attribute=None, reasons=[]))
    assert "缺少：公开属性" in texts
    assert not [t for t in texts if "理由" in t]


def test_on_request_printout_says_so_and_never_withholds(d):
    form = Form.from_json(copy.deepcopy(SAMPLE))
    form.values.update(ON_REQUEST)
    text = plain_text(review_form.build(form, d, demo.DEMO_PROFILE, DAY))
    assert "☑依申请公开" in text and "☐不予公开" in text
    assert ("☑条例第十九条、第二十条（仅涉及特定对象）：该信息仅涉及特定公民、法人或者其他组织，不涉及公众利益调整，"
            "无需公众广泛知晓或者参与决策，不属于条例第十九条、第二十条规定的主动公开范围，依申请公开。") in text
    assert "依据下列法律、法规、规章规定不予公开" not in text
    assert "不予公开（删减）理由" not in text


def test_other_on_request_reason_prints_its_text(d):
    form = Form.from_json(copy.deepcopy(SAMPLE))
    form.values.update(ON_REQUEST, request_reasons=["req_other"], request_basis="系答复个别企业的咨询函")
    assert probs(d, form.values) == []
    assert "依申请公开，理由：系答复个别企业的咨询函" in plain_text(review_form.build(form, d, demo.DEMO_PROFILE, DAY))
    form.values["request_basis"] = ""
    assert probs(d, form.values) == ["缺少：依申请公开的其他理由"]


@pytest.mark.parametrize("name", ["publication_review.toml", "example_three_attributes.toml",
                                  "example_seven_steps.toml"])
def test_articles_15_and_16_worded_as_the_regulation_with_provisos(name):
    """条例（2019）第十五条 and 第十六条第二款 as published (新华网受权发布, quoted at
    https://m.novel.qq.com/read/1044618180/20 and http://www.plnmw.com/InformationTechnologyConsulting/syqucihael.html)."""
    d = formdef.parse_file(ROOT / "forms" / name)
    by_article = {}
    for r in d.reasons_of("withhold"):
        by_article.setdefault(r.article, []).append(r.sentence)
    assert by_article["第十五条"] == ["涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。"
                                     "但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。"]
    assert by_article["第十六条第一款"] == ["行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，"
                                         "可以不予公开。"]
    second = by_article["第十六条第二款"]
    assert second and all(s.endswith("可以不予公开。法律、法规、规章规定上述信息应当公开的，从其规定。") for s in second)
    assert any("过程性信息" in s for s in second) and any("行政执法案卷信息" in s for s in second)


# ---- fields real forms carry --------------------------------------------------------------------

def test_non_document_information_needs_no_doc_type_or_number(d):
    assert "缺少：文种" in probs(d, vals(doc_type=None))
    v = vals(carrier="非公文类", doc_type=None, doc_number=None, title="2026年冬春救助政策问答",
             item_text="问：冬春救助对象有哪些？答：……")  # the post itself travels with the form
    assert probs(d, v) == []
    assert probs(d, dict(v, published_date="2026-11-20", url="http://x", interp_published=True), "publish",
                 dict(SAMPLE["signoffs"], publisher={"choice": "已发布", "date": "2026-11-20"})) == []


def test_forwarded_document_inherits_the_source_attribute_and_shows_it(d):
    v = vals(source="转发/转载")
    assert probs(d, v) == ["缺少：原文件（来源）", "缺少：原文件公开属性"]
    v.update(source_name="四川省民政厅 川民发〔2026〕8号", source_attribute="依申请公开")
    assert probs(d, v) == ["转发类公文的公开属性应沿用原文件的公开属性"]
    v["source_attribute"] = "主动公开"
    assert probs(d, v) == []
    text = plain_text(review_form.build(Form(number="2026-009", values=v), d, demo.DEMO_PROFILE, DAY))
    assert "☑转发/转载（原文件：四川省民政厅 川民发〔2026〕8号）（原属性：主动公开）" in text
    assert probs(d, vals(source_name="某厅文件")) == ["本机关制发的文件不应填写“原文件（来源）”"]


def test_secret_documents_can_only_be_withheld(d):
    assert probs(d, vals(secret=True))[0].startswith("涉密文件的公开属性只能为“不予公开”")
    assert "缺少：是否涉密" in probs(d, vals(secret=None))
    withheld = vals(secret=True, attribute="不予公开", reasons=["art14_secret"], channels=[], column=None,
                    planned_date=None, summary="")
    assert probs(d, withheld) == []


def test_scope_time_limit_informant_fill_date_and_legality(d):
    assert probs(d, vals(scope=None, time_limit=None)) == ["缺少：公开范围", "缺少：公开时限"]
    assert probs(d, vals(informant=None, fill_date=None)) == []  # carried, optional
    assert d.field("checks").items[0].startswith("合法性")
    assert probs(d, vals(fill_date="2026-02-30")) == ["填表日期不是有效日期（应为 2026-11-20 这样的格式）"]


def test_month_day_dates_read_in_the_given_or_current_year():
    assert validate.parse_date("11月20日", year=2025) == dt.date(2025, 11, 20)
    assert validate.parse_date("3-5", year=2026) == dt.date(2026, 3, 5)
    assert validate.parse_date("11月20日") == dt.date(dt.date.today().year, 11, 20)
    assert validate.parse_date("13月1日") is None and validate.parse_date("十一月") is None


# ---- the sign-off chain ---------------------------------------------------------------------------

def test_chief_signs_for_major_matters_not_only_normative_documents(d):
    s = copy.deepcopy(SAMPLE["signoffs"])
    del s["chief"]
    assert probs(d, vals(normative=False), "approve", s) == []
    assert probs(d, vals(normative=False, major=True), "approve", s) == ["缺少签发意见：主要负责人"]


def test_publication_step_after_approval_does_not_block_it(d, ctx):
    signed = copy.deepcopy(SAMPLE["signoffs"])
    assert "publisher" not in signed
    assert probs(d, vals(), "approve", signed) == []
    assert "缺少签发意见：发布登记" in probs(d, vals(), "publish", signed)
    f = forms.create(ctx, vals(), signed)
    workflow.transition(f.id, "submit")
    assert workflow.transition(f.id, "approve").status == "已审定"


def test_secrecy_review_within_one_working_day_is_noted(d, ctx):
    assert d.signoffs[2].role == "保密审查" and d.signoffs[2].note == "1个工作日内完成"
    s = copy.deepcopy(SAMPLE["signoffs"])
    assert validate.check(d, vals(), s, "approve").warnings == []  # 11-11 → 11-11
    s["secrecy"]["date"] = "2026-11-13"  # 科室负责人 signed Wed 11-11: due Thu 11-12
    rep = validate.check(d, vals(), s, "approve")
    assert rep.ok and rep.warning_texts() == ["保密审查应在1个工作日内完成（2026-11-12前），签于2026-11-13；逾期的，可经批准"
                                              "延长2个工作日并在“保密审查延长期限”中记录"]


def test_decline_returns_to_drafter_with_its_reason(ctx):
    f = forms.create(ctx, vals(), copy.deepcopy(SAMPLE["signoffs"]))
    workflow.transition(f.id, "submit")
    f = forms.get(f.id)
    f.signoffs["leader"] = {"choice": "不同意", "opinion": "", "signer": "刘志强", "date": "2026-11-13"}
    f = forms.save(ctx, f)  # the saved form, at its new version
    with pytest.raises(GwdeskError, match="没有写明理由"):
        workflow.return_declined(ctx, f.id)
    f.signoffs["leader"]["opinion"] = "政策解读过于简略"
    forms.save(ctx, f)
    back = workflow.return_declined(ctx, f.id)
    assert back.status == "草稿" and "leader" not in back.signoffs and "dept_head" in back.signoffs
    assert workflow.last_return_reason(f.id) == "分管领导不同意：政策解读过于简略"


def test_duplicate_doc_number_refused_at_publication_unless_confirmed(ctx):
    other = forms.create(ctx, vals())
    assert forms.doc_number_users("青民发[2026]12号") == [other.number]
    f = forms.create(ctx, vals(published_date="2026-11-20", url="http://x", interp_published=True),
                     dict(SAMPLE["signoffs"], publisher={"choice": "已发布", "date": "2026-11-20"}))
    assert forms.doc_number_users("青民发〔2026〕12号", exclude_id=f.id) == [other.number]
    for action in ("submit", "approve"):
        workflow.transition(f.id, action)
    with pytest.raises(workflow.DuplicateDocNumber) as e:
        workflow.transition(f.id, "publish")
    assert e.value.others == [other.number] and forms.get(f.id).status == "已审定"
    assert workflow.transition(f.id, "publish", confirm_duplicate=True).status == "已公开"
    workflow.transition(other.id, "void", "重复登记")
    assert forms.doc_number_users("青民发〔2026〕12号", exclude_id=f.id) == []  # a 作废 form holds no number


# ---- writing room on the printed form --------------------------------------------------------------

def _row_heights_mm(pdf_path, labels):
    """Height of the grid row holding each label (by the ruled lines around the label's text)."""
    import pdfplumber
    out = {}
    with pdfplumber.open(str(pdf_path)) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        for lab in labels:
            w = [w for w in words if w["text"].startswith(lab)][-1]  # the sign-off block is the lowest
            x, y = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
            ys = [ln["top"] for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.5 and ln["x0"] <= x <= ln["x1"]]
            out[lab] = (min(v for v in ys if v > y) - max(v for v in ys if v < y)) * 25.4 / 72
    return out


def test_free_page_space_goes_to_the_signatures(tmp_path):
    """A short form (the three-attribute variant) gives its sign-off boxes the page's free room."""
    from gwdesk.render.pdf import render_pdf
    d = formdef.parse_file(ROOT / "forms/example_three_attributes.toml")
    out = render_pdf(review_form.build(Form.from_json(copy.deepcopy(SAMPLE)), d, demo.DEMO_PROFILE, DAY),
                     tmp_path / "f.pdf")
    h = _row_heights_mm(out, ["草拟部门意见", "签发人确定"])
    assert h["草拟部门意见"] >= 12 * 2 and h["签发人确定"] >= 18 * 2, h


def test_blank_form_has_writing_lines_and_dates_with_room(d):
    from gwdesk.render.model import Blank, Table
    doc = review_form.build_blank(d, demo.DEMO_PROFILE, DAY)
    table = next(b for b in doc.blocks if isinstance(b, Table))
    lines = {}
    for row in table.rows:
        for i, cell in enumerate(row[:-1]):
            n = sum(1 for p in row[i + 1].paras() if p.inlines() and all(isinstance(x, Blank) for x in p.inlines()))
            lines[cell.content if isinstance(cell.content, str) else ""] = n
    assert lines["文件标题"] == 1 and lines["内容概述"] == 2
    text = plain_text(doc)
    assert "☐删减后公开（删减内容：" in text  # written in after the option it belongs to
    assert "拟发文日期\n______年____月____日" in text and "\u3000\u3000年\u3000月" not in text


# ---- gwdesk review check ------------------------------------------------------------------------------

def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "gwdesk.cli", *args], capture_output=True, text=True, cwd=str(ROOT))


def test_cli_check_prints_each_problem_and_exits_1(tmp_path, data_dir):
    ok = run_cli("--data-dir", str(data_dir), "review", "check", "--data", str(FIXTURE))
    assert ok.returncode == 0 and "可以送审：没有缺项" in ok.stdout
    bad = tmp_path / "bad.json"
    data = copy.deepcopy(SAMPLE)
    data["values"].update(attribute="依申请公开", reasons=["art16_process"], summary="")
    bad.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    r = run_cli("--data-dir", str(data_dir), "review", "check", "--data", str(bad))
    assert r.returncode == 1
    assert "✗ 缺少：内容概述" in r.stdout and "✗ 依申请公开的文件不应填写“不予公开（删减）理由”" in r.stdout
    assert "✗ 缺少：依申请公开理由" in r.stdout
    j = run_cli("--data-dir", str(data_dir), "review", "check", "--data", str(FIXTURE), "--stage", "approve",
                "--json")
    assert j.returncode == 0 and json.loads(j.stdout) == {"ok": True, "stage": "approve", "problems": [],
                                                          "warnings": []}
    p = run_cli("--data-dir", str(data_dir), "review", "check", "--data", str(FIXTURE), "--stage", "publish", "--json")
    assert p.returncode == 1
    assert {"field": "published_date", "text": "缺少：实际公开日期"} in json.loads(p.stdout)["problems"]
