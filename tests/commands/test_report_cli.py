"""`gwdesk report build|check|rollup` from the command line."""

import json

import pytest
from report_helpers import FIX, fixture_dict

from gwdesk import cli


def test_check_clean_report_exits_0(capsys):
    assert cli.main(["report", "check", "--data", str(FIX / "qc_minzheng_2025.json"), "--level", "县级部门",
                     "--previous", str(FIX / "qc_minzheng_2024.json")]) == 0
    assert "未发现问题" in capsys.readouterr().out


def test_check_errors_exit_1_json(tmp_path, capsys):
    obj = fixture_dict()
    obj["table3"]["3.7"][6] = 99
    obj["table2"]["rules"]["issued"] = 2
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    assert cli.main(["report", "check", "--data", str(p), "--level", "乡镇", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    rules = {f["rule"] for f in out["findings"]}
    assert {"R1", "R2", "R3", "R9"} <= rules and out["errors"] >= 3
    r9 = next(f for f in out["findings"] if f["rule"] == "R9")
    assert (r9["table"], r9["row"], r9["col"]) == ("2", "rules", "issued") and "乡镇" in r9["message"]


def test_check_warnings_only_exit_0(capsys):
    obj = FIX / "qc_minzheng_2025.json"
    assert cli.main(["report", "check", "--data", str(obj), "--level", "街道"]) == 0


def test_check_strict_rejects_and_lenient_reads(capsys):
    path = str(FIX / "published_lenient.json")
    assert cli.main(["report", "check", "--data", path]) == 2
    assert "table2.rules.issued" in capsys.readouterr().err
    assert cli.main(["report", "check", "--data", path, "--lenient"]) == 0
    out = capsys.readouterr().out
    assert out.count("[提醒] IMPORT") == 10


def test_check_takes_the_level_from_the_unit_profile(tmp_path, capsys, profile, store):
    from gwdesk.core import units
    obj = fixture_dict()
    obj["table2"]["rules"]["issued"] = 2
    p = tmp_path / "rules.json"
    p.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    assert units.load().level == "县级部门"
    # the window may hold the data folder meanwhile: the profile is read without the lock
    assert cli.main(["report", "check", "--data", str(p)]) == 0
    out = capsys.readouterr().out
    assert "按本单位信息中的层级“县级部门”检查规则 R9" in out and "[提醒] R9" in out
    assert cli.main(["report", "check", "--data", str(p), "--level", "设区的市级部门"]) == 0
    assert "R9" not in capsys.readouterr().out


def test_check_without_profile_says_r9_was_not_checked(tmp_path, capsys, data_dir):
    assert cli.main(["report", "check", "--data", str(FIX / "qc_minzheng_2025.json")]) == 0
    assert "规则 R9（规章制定权）未检查" in capsys.readouterr().out
    assert not (data_dir / "gwdesk.db").exists()  # a check reads, it never creates a database


def test_check_unknown_level(capsys):
    assert cli.main(["report", "check", "--data", str(FIX / "qc_minzheng_2025.json"), "--level", "村"]) == 2
    assert "未知的单位层级" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_build(tmp_path, capsys, fmt):
    out = tmp_path / f"年报.{fmt}"
    assert cli.main(["report", "build", "--data", str(FIX / "qc_minzheng_2025.json"), "--format", fmt,
                     "--out", str(out)]) == 0
    assert out.stat().st_size > 5000 and "已生成" in capsys.readouterr().out


def test_build_missing_file(tmp_path, capsys):
    assert cli.main(["report", "build", "--data", str(tmp_path / "no.json"), "--format", "pdf",
                     "--out", str(tmp_path / "x.pdf")]) == 2
    assert "无法读取文件" in capsys.readouterr().err


def test_rollup(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, unit in enumerate(["甲局", "乙镇"]):
        obj = fixture_dict()
        obj["unit"] = unit
        (folder / f"{i}.json").write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    names = tmp_path / "names.txt"
    names.write_text("甲局\n乙镇\n丙街道\n", encoding="utf-8")
    out = tmp_path / "汇总.xlsx"
    assert cli.main(["report", "rollup", str(folder), "--out", str(out), "--expected", str(names),
                     "--deadline", "2099-01-31"]) == 0
    text = capsys.readouterr().out
    assert "汇总 2 个单位" in text and "未报送 1 个" in text and "丙街道" in text and out.exists()


def test_build_refuses_an_empty_section_unless_confirmed(tmp_path, capsys):
    obj = fixture_dict()
    obj["text"]["problems"] = ""
    js = tmp_path / "r.json"
    js.write_text(json.dumps(obj, ensure_ascii=False), "utf-8")
    out = tmp_path / "r.pdf"
    assert cli.main(["report", "build", "--data", str(js), "--format", "pdf", "--out", str(out)]) == 2
    assert "五、存在的主要问题及改进情况没有内容" in capsys.readouterr().err and not out.exists()
    assert cli.main(["report", "build", "--data", str(js), "--format", "pdf", "--out", str(out),
                     "--allow-empty"]) == 0
    assert out.exists()
    assert cli.main(["report", "check", "--data", str(js), "--level", "县级部门"]) == 1
    assert "R12" in capsys.readouterr().out
