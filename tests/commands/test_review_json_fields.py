"""Issue 26.10: hand-edited JSON never crashes a command — each malformed field is refused in Chinese, naming it;
a unit name past 255 characters still builds the DOCX report (document properties are cut, the text is whole)."""

from __future__ import annotations

from locations import ROOT

import json
from pathlib import Path

import pytest

from gwdesk import cli

ROOT = ROOT
SAMPLE = json.loads((ROOT / "tests/fixtures/review/sample_form.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("signoffs,named", [
    ({"secrecy": "同意"}, "签署“secrecy”应为对象"),
    ({"secrecy": ["同意"]}, "签署“secrecy”应为对象"),
    ({"secrecy": {"choice": 5, "signer": "陈静"}}, "签署“secrecy”的 choice 应为文本"),
    ({"secrecy": {"choice": "同意", "date": "2024-02-30"}}, "签署“secrecy”的日期“2024-02-30”不是有效日期"),
    ({"leader": {"choice": "同意", "signer": {"name": "王"}}}, "签署“leader”的 signer 应为文本"),
    ({"leader": {"choice": "同意", "date": "9999年12月31日"}}, "超出可登记的范围"),
])
def test_a_malformed_signoff_is_refused_naming_it(signoffs, named, tmp_path, capsys):
    data = json.loads(json.dumps(SAMPLE))
    data["signoffs"] = dict(data["signoffs"], **signoffs)
    src = tmp_path / "form.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for argv in (["review", "check", "--data", str(src)],
                 ["review", "render", "--data", str(src), "--format", "pdf", "--out", str(tmp_path / "f.pdf")],
                 ["review", "render", "--data", str(src), "--format", "docx", "--out", str(tmp_path / "f.docx")]):
        assert cli.main(argv) == 2, argv
        err = capsys.readouterr().err
        assert named in err and "程序错误" not in err and "Traceback" not in err
    assert not (tmp_path / "f.pdf").exists()


def test_a_value_that_is_an_object_is_refused(tmp_path, capsys):
    data = json.loads(json.dumps(SAMPLE))
    data["values"]["title"] = {"text": "关于…的通知"}
    src = tmp_path / "form.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli.main(["review", "check", "--data", str(src)]) == 2
    assert "字段“title”的值是对象" in capsys.readouterr().err


def test_a_unit_name_of_300_characters_builds_the_docx(tmp_path, capsys):
    import docx
    data = json.loads((ROOT / "tests/fixtures/report/qc_minzheng_2025.json").read_text(encoding="utf-8"))
    data["unit"] = "青川县民政局" * 50
    src = tmp_path / "r.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "r.docx"
    assert cli.main(["report", "build", "--data", str(src), "--format", "docx", "--out", str(out)]) == 0
    d = docx.Document(str(out))
    assert len(d.core_properties.title) <= 255
    assert data["unit"] in "".join(p.text for p in d.paragraphs)
