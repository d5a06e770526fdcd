"""The review steps real forms carry, as form-definition data: 保密审查 同意 / 不同意 / 需报审 with the referral's
record (条例第十七条), and which steps are always, never or conditionally signed."""

from __future__ import annotations

from locations import ROOT

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from gwdesk.core import demo, formdef
from gwdesk.core.review import forms, validate, workflow
from gwdesk.core.review.forms import Form
from gwdesk.errors import ValidationFailed
from gwdesk.render.layouts import review_form
from gwdesk.render.model import plain_text

ROOT = ROOT
SAMPLE = json.loads((ROOT / "tests/fixtures/review/sample_form.json").read_text("utf-8"))
BUNDLED = (ROOT / "forms/publication_review.toml").read_text("utf-8")
DAY = dt.date(2026, 11, 22)
REFERRED = {"choice": "需报审", "opinion": "", "signer": "陈静", "date": "2026-11-11"}


@pytest.fixture(scope="module")
def d():
    return formdef.parse(BUNDLED, "publication_review.toml")


def signoffs(**boxes):
    out = copy.deepcopy(SAMPLE["signoffs"])
    out.update(boxes)
    return out


def problems(d, values, boxes, stage="approve"):
    return validate.check(d, values, boxes, stage).problem_texts()


# ---- 1. 保密审查: 同意 / 不同意 / 需报审 ---------------------------------------------------------------

def test_secrecy_review_may_refer_the_question_and_waits_for_the_answer(d):
    role = next(r for r in d.signoffs if r.key == "secrecy")
    assert role.options == ("同意", "不同意", "需报审") and role.refer == ("需报审",) and role.limit_workdays == 1
    values = copy.deepcopy(SAMPLE["values"])
    boxes = signoffs(secrecy=REFERRED)
    assert problems(d, values, boxes, "submit") == ["缺少：保密审查报送机关"]
    values["secrecy_referred_to"] = "青川县保密局"
    assert problems(d, values, boxes, "submit") == []  # sent for review while the answer is awaited
    assert problems(d, values, boxes) == ["保密审查为“需报审”，尚待答复：请记录“报审答复”"]
    assert validate.declined(d, boxes) == []  # a referral is no refusal: nothing goes back to the drafter
    values["secrecy_answer"] = "可以公开"
    assert problems(d, values, boxes) == ["缺少：答复日期"]
    values["secrecy_answer_date"] = "2026-11-12"
    assert problems(d, values, boxes) == []


def test_the_answer_binds_the_disclosure_attribute(d):
    values = dict(copy.deepcopy(SAMPLE["values"]), secrecy_referred_to="青川县保密局", secrecy_answer="不予公开",
                  secrecy_answer_date="2026-11-12")
    assert problems(d, values, signoffs(secrecy=REFERRED)) == [
        "保密审查报审答复为“不予公开”：公开属性应改为“不予公开”（或删去涉密内容后“删减后公开”）"]


def test_a_referral_record_without_a_referral_is_refused(d):
    values = dict(copy.deepcopy(SAMPLE["values"]), secrecy_referred_to="青川县保密局")
    assert problems(d, values, signoffs(), "submit") == ["保密审查为“同意”的文件不应填写“保密审查报送机关”"]


def test_the_referral_prints_in_the_secrecy_box(d):
    values = dict(copy.deepcopy(SAMPLE["values"]), secrecy_referred_to="青川县保密局", secrecy_answer="可以公开",
                  secrecy_answer_date="2026-11-12")
    text = plain_text(review_form.build(Form(number="2026-007", values=values, signoffs=signoffs(secrecy=REFERRED)),
                                        d, demo.DEMO_PROFILE, DAY))
    assert "☑需报审（报送：青川县保密局）（答复：可以公开）（答复日期：2026年11月12日）" in text
    blank = plain_text(review_form.build_blank(d, demo.DEMO_PROFILE, DAY))
    assert "☐需报审（报送：" in blank and "（答复：☐可以公开\u2002☐不予公开）" in blank


def test_approval_through_the_store_waits_for_the_answer(ctx):
    values = dict(copy.deepcopy(SAMPLE["values"]), secrecy_referred_to="青川县保密局")
    f = forms.create(ctx, values, signoffs(secrecy=REFERRED))
    workflow.transition(f.id, "submit")
    with pytest.raises(ValidationFailed) as e:
        workflow.transition(f.id, "approve")
    assert e.value.problems == ["保密审查为“需报审”，尚待答复：请记录“报审答复”"]
    f = forms.get(f.id)
    f.values.update(secrecy_answer="可以公开", secrecy_answer_date="2026-11-12")
    forms.save(ctx, f)
    assert workflow.transition(f.id, "approve").status == "已审定"


# ---- 2. which steps are signed: always / never / when ----------------------------------------------

def test_the_definition_says_always_never_or_when(d):
    by_key = {r.key: r.requirement for r in d.signoffs}
    assert by_key["dept_head"] == "always" and by_key["chief"] == "when" and by_key["publisher"] == "when"
    ordinary = dict(copy.deepcopy(SAMPLE["values"]), normative=False, major=False)
    boxes = {k: v for k, v in signoffs().items() if k != "chief"}
    assert problems(d, ordinary, boxes) == []  # 主要负责人 only for 规范性文件 and 重要事项 in the bundled form
    # a county where the 主要负责人 signs every item (most real chains): one line in its copy
    every = formdef.parse(BUNDLED.replace('role = "主要负责人"\nrequired_when = "normative == true or major == true"',
                                          'role = "主要负责人"\nrequired = true'), "county.toml")
    assert next(r for r in every.signoffs if r.key == "chief").requirement == "always"
    assert problems(every, ordinary, boxes) == ["缺少签发意见：主要负责人"]
    # and one where the 科室负责人 step is optional
    optional = formdef.parse(BUNDLED.replace('key = "dept_head"\nrole = "科室负责人"',
                                             'key = "dept_head"\nrole = "科室负责人"\nrequired = false'), "county.toml")
    assert problems(optional, ordinary, {k: v for k, v in boxes.items() if k != "dept_head"}) == []


def test_a_step_that_is_never_required_still_prints_with_room_to_sign(d):
    optional = formdef.parse(BUNDLED.replace('key = "dept_head"\nrole = "科室负责人"',
                                             'key = "dept_head"\nrole = "科室负责人"\nrequired = false'), "county.toml")
    text = plain_text(review_form.build_blank(optional, demo.DEMO_PROFILE, DAY))
    assert "科室负责人" in text


@pytest.mark.parametrize("old, new, message", [
    ('role = "主要负责人"\nrequired_when', 'role = "主要负责人"\nrequired = true\nrequired_when', "只能写一个"),
    ('key = "dept_head"\nrole = "科室负责人"', 'key = "dept_head"\nrole = "科室负责人"\nrequired = "是"', "required 应为"),
    ('refer = ["需报审"]', 'refer = ["同意"]', "refer 应为"),
    ('settled_by = "secrecy_answer"', 'settled_by = "nothing"', "settled_by 引用了不存在的字段"),
    ('settled_by = "secrecy_answer"\n', '', "要一起写"),
    ('inline_after = "signoff:secrecy:需报审"', 'inline_after = "signoff:secrecy:请示"', "signoff:签发key:其选项"),
    ("forbidden_when = 'signoff_secrecy != \"需报审\"'", "forbidden_when = 'signoff_secret != \"需报审\"'",
     "引用了不存在的字段"),
])
def test_step_settings_are_checked(old, new, message):
    assert old in BUNDLED, old
    with pytest.raises(formdef.FormDefError) as e:
        formdef.parse(BUNDLED.replace(old, new, 1), "copy.toml")
    assert message in e.value.message


# ---- 3. 联合发文 -------------------------------------------------------------------------------------

def test_joint_issue_needs_every_issuer_written_agreement_on_the_attribute(d):
    values = dict(copy.deepcopy(SAMPLE["values"]), joint_units="青川县财政局")
    assert problems(d, values, signoffs(), "submit") == []
    assert problems(d, values, signoffs()) == ["联合发文须取得各联合发文单位对公开属性的书面同意（青川县财政局）"]
    values["joint_agreed"] = "已取得"
    assert problems(d, values, signoffs()) == []
    text = plain_text(review_form.build(Form(number="2026-007", values=values, signoffs=signoffs()), d,
                                        demo.DEMO_PROFILE, DAY))
    assert "联合发文单位\n青川县财政局（书面同意：已取得）" in text
    assert problems(d, dict(copy.deepcopy(SAMPLE["values"]), joint_agreed="已取得"), signoffs(), "submit") == [
        "未填“联合发文单位”的文件不应填写“联合发文单位书面同意公开属性”"]
    blank = plain_text(review_form.build_blank(d, demo.DEMO_PROFILE, DAY))
    assert "联合发文单位\n（书面同意：☐已取得）" in blank


# ---- 6. time limits per step, 延长, and what happens when one passes ----------------------------------

def test_a_late_step_is_warned_and_an_approved_extension_counts(d, profile):
    role = next(r for r in d.signoffs if r.key == "secrecy")
    assert (role.limit_workdays, role.extend_workdays, role.extended_by) == (1, 2, "secrecy_extended")
    values = copy.deepcopy(SAMPLE["values"])
    # 科室负责人 signed Wednesday 2026-11-11; 保密审查 due the next working day, signed the Monday after
    late = signoffs(secrecy=dict(SAMPLE["signoffs"]["secrecy"], date="2026-11-16"))
    rep = validate.check(d, values, late, "approve")
    assert rep.ok and rep.warning_texts() == [
        "保密审查应在1个工作日内完成（2026-11-12前），签于2026-11-16；逾期的，可经批准延长2个工作日并在"
        "“保密审查延长期限”中记录"]
    values["secrecy_extended"] = "经单位负责人批准延长"
    assert validate.check(d, values, late, "approve").warning_texts() == []  # 3 working days: 11-16 is in time
    text = plain_text(review_form.build(Form(number="2026-007", values=values, signoffs=late), d,
                                        demo.DEMO_PROFILE, DAY))
    assert "保密审查延长\n☑经单位负责人批准延长" in text
    assert "保密审查延长" not in plain_text(review_form.build_blank(d, demo.DEMO_PROFILE, DAY))


def test_a_waiting_step_past_its_limit_is_a_startup_reminder(ctx, profile):
    from gwdesk.core.review import reminders
    boxes = {k: v for k, v in signoffs().items() if k in ("drafter", "dept_head")}  # 科室负责人 signed 11-11
    f = forms.create(ctx, copy.deepcopy(SAMPLE["values"]), boxes)
    workflow.transition(f.id, "submit")
    found = [r for r in reminders.collect(ctx) if r.ref == str(f.id)]  # today is 2026-11-20 (tests/conftest)
    assert [(r.severity, r.text) for r in found] == [
        ("overdue", f"【公开审查】{f.number}《{SAMPLE['values']['title']}》保密审查应于 2026-11-12 前完成，已逾期；"
                    f"可经批准延长2个工作日")]


# ---- 7. the unit's seal ----------------------------------------------------------------------------

def test_a_step_may_carry_the_unit_seal(d):
    sealed = formdef.parse(BUNDLED.replace('role = "主要负责人"\n', 'role = "主要负责人"\nseal = true\n'), "county.toml")
    assert next(r for r in sealed.signoffs if r.key == "chief").seal
    text = plain_text(review_form.build_blank(sealed, demo.DEMO_PROFILE, DAY))
    assert text.count("签字（公章）：") == 1
    assert "签字（公章）" not in plain_text(review_form.build_blank(d, demo.DEMO_PROFILE, DAY))


# ---- 4. 修改 / 撤销 of a published item ----------------------------------------------------------------

def published(ctx):
    f = forms.create(ctx, copy.deepcopy(SAMPLE["values"]), copy.deepcopy(SAMPLE["signoffs"]))
    workflow.transition(f.id, "submit")
    workflow.transition(f.id, "approve")
    f = forms.get(f.id)
    f.values.update(published_date="2026-11-20", url="http://www.cnqc.gov.cn/art/2026/11/20/1.html",
                    interp_published=True)
    f.signoffs["publisher"] = {"choice": "已发布", "signer": "李晓梅", "date": "2026-11-20"}
    forms.save(ctx, f)
    return workflow.transition(f.id, "publish")


def test_revising_a_published_item_opens_its_own_form_and_chain(ctx, profile):
    from gwdesk.core.review import registers, revisions
    original = published(ctx)
    assert {a.key for a in workflow.allowed_actions(original)} == {"revise", "withdraw"}
    with pytest.raises(ValidationFailed):
        revisions.start(ctx, original.id, "revise", "")  # a 情况说明 is required
    new = revisions.start(ctx, original.id, "revise", "附件1中低保标准数额有误，更正后重新公开")
    assert new.status == "草稿" and new.number != original.number
    assert (new.values["revision_kind"], new.values["revision_of"]) == ("修改", original.number)
    assert new.values.get("published_date") is None and new.signoffs == {}  # signed and published anew
    # the original stays 已公开, its history records the request
    again = forms.get(original.id)
    assert again.status == "已公开" and again.values["url"].endswith("1.html")
    assert forms.history(original.id)[-1].reason == f"提出修改，见意见单 {new.number}：附件1中低保标准数额有误，更正后重新公开"
    # its own chain: no signature carried over
    workflow.transition(new.id, "submit")
    with pytest.raises(ValidationFailed) as e:
        workflow.transition(new.id, "approve")
    assert "缺少签发意见：科室负责人" in e.value.problems
    new = forms.get(new.id)
    new.signoffs = copy.deepcopy(SAMPLE["signoffs"])
    forms.save(ctx, new)
    workflow.transition(new.id, "approve")
    new = forms.get(new.id)
    new.values.update(published_date="2026-11-25", url="http://www.cnqc.gov.cn/art/2026/11/25/2.html",
                      interp_published=True)
    new.signoffs["publisher"] = {"choice": "已发布", "signer": "李晓梅", "date": "2026-11-25"}
    forms.save(ctx, new)
    workflow.transition(new.id, "publish")
    rows = {r.number: r for r in registers.gather(2026).open_rows}
    assert rows[new.number].note == f"修改（原意见单{original.number}）：附件1中低保标准数额有误，更正后重新公开"
    text = plain_text(review_form.build(forms.get(new.id), formdef.load(), demo.DEMO_PROFILE, DAY))
    assert f"修改/撤销\n修改\n原意见单编号\n{original.number}\n情况说明\n附件1中低保标准数额有误" in text


def test_withdrawal_is_offered_only_where_the_definition_has_it(ctx, profile):
    from gwdesk.core.review import revisions
    original = published(ctx)
    new = revisions.start(ctx, original.id, "withdraw", "政策已废止，撤销公开")
    assert new.values["revision_kind"] == "撤销"
    three = formdef.parse_file(ROOT / "forms/example_three_attributes.toml")
    assert not revisions.offered(three)
    assert not {"revise", "withdraw"} & {a.key for a in workflow.allowed_actions(forms.get(original.id), three)}
    with pytest.raises(Exception, match="只有已公开的信息"):
        revisions.start(ctx, new.id, "revise", "x")


# ---- 5. the item itself travels with the form -----------------------------------------------------

def test_a_website_post_carries_its_text_or_files_kept_in_the_data_folder(d, data_dir, tmp_path):
    from gwdesk import paths
    from gwdesk.core.review import attachments
    web = dict(copy.deepcopy(SAMPLE["values"]), carrier="非公文类", doc_type=None, doc_number=None,
               title="2026年冬春救助政策问答")
    assert problems(d, web, signoffs(), "submit") == [
        "非公文类信息须随单附上拟发布的原文：添加“信息原文（附件）”或填写“信息原文（文字）”"]
    src = tmp_path / "冬春救助政策问答.docx"
    src.write_bytes(b"PK\x03\x04 the post")
    entry = attachments.attach(src)
    kept = attachments.path_of(entry)
    assert kept.parent == paths.evidence_dir() / "review" and kept.read_bytes() == b"PK\x03\x04 the post"
    web["item_files"] = [entry]
    assert problems(d, web, signoffs(), "submit") == []
    src.write_bytes(b"changed later")  # the clerk's own copy changes: the kept one does not
    assert attachments.intact(entry)
    text = plain_text(review_form.build(Form(number="2026-007", values=web, signoffs=signoffs()), d,
                                        demo.DEMO_PROFILE, DAY))
    assert "☑非公文类（原文附件：1. 冬春救助政策问答.docx）" in text
    kept.write_bytes(b"tampered")
    assert problems(d, web, signoffs(), "submit") == [
        "信息原文（附件）中的文件在数据文件夹中找不到或已被改动：冬春救助政策问答.docx，请重新添加"]
    text_only = dict(web, item_files=[], item_text="问：冬春救助对象有哪些？答：……")
    assert problems(d, text_only, signoffs(), "submit") == []
    assert problems(d, dict(copy.deepcopy(SAMPLE["values"]), item_text="x"), signoffs(), "submit") == [
        "公文类的文件不应填写“信息原文（文字）”"]


# ---- 8. the complete variant: 密级/保密期限, 报刊/广播/电视, 是否上网, 完整性/时效性, 采集人/审核人/发布人 ---------

def test_the_complete_variant_turns_every_step_on_without_code(tmp_path):
    import pdfplumber

    from gwdesk.render.pdf import render_pdf
    from test_review_paper import signature_boxes
    full = formdef.parse_file(ROOT / "forms/example_complete.toml")
    text = (ROOT / "forms/example_complete.toml").read_text("utf-8")
    assert text.count("http") >= 5  # the published rules each option follows
    assert [o for o in full.field("channels").options if o in ("报刊", "广播", "电视")] == ["报刊", "广播", "电视"]
    assert full.field("checks").items[-2:] == ["完整性：内容要素齐全、附件完整", "时效性：在规定时限内公开"]
    chief = next(r for r in full.signoffs if r.key == "chief")
    assert chief.requirement == "always" and chief.seal
    values = dict(copy.deepcopy(SAMPLE["values"]), normative=False, online=True,
                  checks=list(full.field("checks").items))
    boxes = signoffs(secrecy=dict(SAMPLE["signoffs"]["secrecy"], date="2026-11-12"))
    assert validate.check(full, values, boxes, "approve").problem_texts() == []
    assert "缺少：密级" in validate.check(full, dict(values, secret=True, attribute="不予公开"), boxes).problem_texts()
    assert validate.check(full, dict(values, online=False), boxes).problem_texts() == [
        "选了“政府网站”公开方式，“是否上网”应为是"]
    published = validate.check(full, values, boxes, "publish").problem_texts()
    assert {"缺少：采集人", "缺少：审核人", "缺少：发布人"} <= set(published)
    for doc in (review_form.build_blank(full, demo.DEMO_PROFILE, DAY),
                review_form.build(Form(number="2026-007", values=values, signoffs=boxes), full, demo.DEMO_PROFILE,
                                  DAY)):
        out = render_pdf(doc, tmp_path / "full.pdf")
        with pdfplumber.open(str(out)) as pdf:
            texts = ["".join(p.extract_text().split()) for p in pdf.pages]
            holding = [i for i, t in enumerate(texts) if "科室负责人" in t]
            assert len(holding) == 1 and all(r.role[:4] in texts[holding[0]] for r in full.signoffs)
            assert "签字（公章）" in texts[holding[0]]
            assert all(b["free_mm"] >= 12 and b["line_mm"] >= 35 for b in signature_boxes(pdf.pages[holding[0]]))


def test_register_carries_collector_checker_poster_when_the_forms_record_them(ctx, profile, tmp_path):
    from openpyxl import load_workbook

    from gwdesk import paths
    from gwdesk.core.review import registers
    from gwdesk.io.review_registers import write_registers
    target = paths.user_forms_dir() / "publication_review.toml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((ROOT / "forms/example_complete.toml").read_text("utf-8"), encoding="utf-8")
    full = formdef.load()
    assert not full.bundled
    values = dict(copy.deepcopy(SAMPLE["values"]), online=True, checks=list(full.field("checks").items))
    f = forms.create(ctx, values, signoffs(secrecy=dict(SAMPLE["signoffs"]["secrecy"], date="2026-11-12")), full)
    workflow.transition(f.id, "submit", definition=full)
    workflow.transition(f.id, "approve", definition=full)
    f = forms.get(f.id)
    f.values.update(published_date="2026-11-20", url="http://www.cnqc.gov.cn/art/2026/11/20/1.html",
                    interp_published=True, collector="李晓梅", checker="赵德明", poster="李晓梅")
    f.signoffs["publisher"] = {"choice": "已发布", "signer": "李晓梅", "date": "2026-11-20"}
    forms.save(ctx, f, full)
    workflow.transition(f.id, "publish", definition=full)
    out = write_registers(registers.gather(2026, definition=full), tmp_path / "reg.xlsx")
    ws = load_workbook(out)["公开信息登记表"]
    header = [c.value for c in ws[2]]
    assert header[-3:] == ["采集人", "审核人", "发布人"]
    assert [c.value for c in ws[3]][-3:] == ["李晓梅", "赵德明", "李晓梅"]


def test_the_revision_request_in_the_original_history_names_who_made_it(ctx, profile):
    from gwdesk.core.review import revisions
    from gwdesk.store import audit
    original = published(ctx)
    revisions.start(ctx, original.id, "withdraw", "政策已废止")
    assert audit.actor() and forms.history(original.id)[-1].by_user == audit.actor()  # login@computer here
