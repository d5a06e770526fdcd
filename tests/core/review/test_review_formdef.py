"""Loading form definitions: the bundled one, an override in the data dir, broken overrides reported."""

from __future__ import annotations

import pytest

from gwdesk import paths
from gwdesk.core import formdef
from gwdesk.core.review import validate

BUNDLED = paths.bundled_form("publication_review.toml").read_text("utf-8")


def write_override(text: str):
    p = paths.user_forms_dir() / "publication_review.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_bundled_definition_has_every_required_part(data_dir):
    d = formdef.load()
    assert d.bundled and not d.notice
    keys = [f.key for f in d.fields]
    for k in ("number", "title", "doc_number", "doc_type", "dept", "drafter", "phone", "doc_date", "normative",
              "summary", "attribute", "reasons", "other_basis", "channels", "column", "planned_date",
              "interp_forms", "interp_title", "checks", "published_date", "url", "interp_published"):
        assert k in keys
    assert [s.role for s in d.signoffs] == ["拟稿人", "科室负责人", "保密审查", "政务公开工作机构", "分管领导", "主要负责人",
                                            "发布登记"]
    assert [r.article for r in d.reasons_of("withhold")] == ["第十四条"] * 3 + ["第十五条", "第十六条第一款"] + ["第十六条第二款"] * 2
    assert d.field("channels").options == ["政府网站", "政府公报", "政务新媒体", "新闻发布会", "报刊广播电视",
                                          "政务公开专区/公开栏", "其他"]
    assert d.field("interp_forms").options == ["文字", "图解", "音视频", "新闻发布会", "在线访谈", "其他"]


def test_override_in_data_dir_is_used(data_dir):
    extra = BUNDLED.replace('[[sections]]\nkey = "after"', '''  [[sections.fields]]
  key = "legal_review"
  label = "合法性审核意见"
  type = "textarea"
  required_when = "normative == true"

[[sections]]
key = "after"''')
    write_override(extra)
    d = formdef.load()
    assert not d.bundled
    assert d.field("legal_review").section == "review"
    rep = validate.check(d, {"normative": True})
    assert "缺少：合法性审核意见" in rep.problem_texts()


@pytest.mark.allow_log_warnings
def test_broken_toml_reported_with_file_and_line_and_bundled_used(data_dir):
    lines = BUNDLED.splitlines()
    lines[30] = 'label = "未闭合'
    p = write_override("\n".join(lines))
    d = formdef.load()
    assert d.bundled
    assert str(p) in d.notice and "第31行" in d.notice and "TOML 格式错误" in d.notice


@pytest.mark.allow_log_warnings
def test_schema_error_reported_with_line(data_dir):
    broken = BUNDLED.replace('key = "channels"\n  label = "公开方式"\n  type = "multichoice"',
                             'key = "channels"\n  label = "公开方式"\n  type = "dropdown"')
    p = write_override(broken)
    line = next(i for i, ln in enumerate(broken.splitlines(), 1) if 'key = "channels"' in ln)
    d = formdef.load()
    assert d.bundled
    assert f"{p} 第{line}行" in d.notice and "dropdown" in d.notice


def test_rule_referring_to_unknown_field_is_a_schema_error():
    bad = BUNDLED.replace("required_when = 'attribute == \"删减后公开\"'", "required_when = 'atribute == \"删减后公开\"'")
    try:
        formdef.parse(bad, "x.toml")
    except formdef.FormDefError as e:
        assert "atribute" in e.message and e.line is not None
    else:
        raise AssertionError("unknown field in a rule was accepted")


def test_rules_refuse_code():
    for src in ("__import__('os')", "attribute.upper()", "x[0]", "lambda: 1"):
        try:
            formdef.Rule(src)
        except ValueError:
            continue
        raise AssertionError(src)


def test_core_keys_cannot_be_dropped():
    bad = BUNDLED.replace('key = "drafter"\n  label = "拟稿人"', 'key = "writer"\n  label = "拟稿人"')
    try:
        formdef.parse(bad, "x.toml")
    except formdef.FormDefError as e:
        assert "drafter" in e.message
    else:
        raise AssertionError("definition without drafter accepted")


def test_looking_up_the_form_in_use_creates_nothing_in_the_data_folder(tmp_path):
    previous = paths.data_dir()
    fresh = tmp_path / "fresh"
    paths.set_data_dir(fresh)
    try:
        assert formdef.load().bundled
        assert not fresh.exists()
    finally:
        paths.set_data_dir(previous)


def test_a_file_read_again_is_one_parse_and_an_edit_is_read(tmp_path, monkeypatch):
    src = paths.bundled_form("publication_review.toml").read_text(encoding="utf-8")
    f = tmp_path / "form.toml"
    f.write_text(src, encoding="utf-8")
    calls = []
    real = formdef.parse
    monkeypatch.setattr(formdef, "parse", lambda text, file="": calls.append(file) or real(text, file))
    a, b = formdef.parse_file(f), formdef.parse_file(f)
    assert len(calls) == 1 and a is not b and a.sections == b.sections
    a.notice, a.bundled = "自定义意见单定义有误", False  # what load() sets on its own copy stays there
    assert formdef.parse_file(f).notice == "" and formdef.parse_file(f).bundled
    # an edit of the file, even of the same length, is read and parsed
    f.write_text(src.replace('title = "{unit}公文公开发布意见单"', 'title = "{unit}公文公开发布意见表"', 1), encoding="utf-8")
    assert formdef.parse_file(f).print.title.endswith("意见表") and len(calls) == 2
