"""The command line itself (issue 21 item 13): Chinese help and errors for every subcommand, `--demo` with a
subcommand, `gwdesk profile show/set`."""

from __future__ import annotations

from locations import TESTS

import argparse
import json
import re

import pytest

from gwdesk import cli, paths
from gwdesk.core import units

ENGLISH = re.compile(r"usage:|options:|optional arguments|positional arguments|show this help|error:|"
                     r"the following arguments|invalid choice|unrecognized arguments|subcommands|expected one")


def _all_commands() -> list[list[str]]:
    """Every parser's command path: [], ["tasks"], ["tasks", "import"], …"""
    found = []

    def walk(parser, prefix):
        found.append(prefix)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, prefix + [name])
    walk(cli.build_parser(), [])
    return found


def _run(capsys, *argv) -> tuple[int, str, str]:
    try:
        rc = cli.main(list(argv))
    except SystemExit as e:
        rc = e.code
    out, err = capsys.readouterr()
    return rc, out, err


def test_there_are_many_commands():
    names = {" ".join(c) for c in _all_commands()}
    assert {"tasks import", "profile set", "profile show", "calc due", "report check", "review registers"} <= names


@pytest.mark.parametrize("command", _all_commands(), ids=lambda c: " ".join(c) or "gwdesk")
def test_help_is_chinese(command, capsys):
    rc, out, err = _run(capsys, *command, "--help")
    assert rc == 0
    assert out.startswith("用法：gwdesk") and "显示本帮助并退出" in out
    assert not ENGLISH.search(out), out
    assert re.search(r"^选项：$", out, re.M)


@pytest.mark.parametrize("argv, words", [
    (["tasks", "import"], "缺少必需的参数：FILE"),
    (["calc", "due", "--received", "2026-10-09", "--days", "abc"], "参数 --days：无效的整数：'abc'"),
    (["review", "check", "--data", "x.json", "--stage", "later"], "无效的选择：'later'"),
    (["calc", "fee"], "参数 --items --pages 必须给出其中一个"),
    (["tasks", "overview", "--bogus"], "无法识别的参数：--bogus"),
    (["nosuch"], "无效的选择：'nosuch'"),
])
def test_usage_errors_are_chinese(argv, words, capsys):
    rc, out, err = _run(capsys, *argv)
    assert rc == 2
    assert words in err and "错误：" in err and "--help 查看用法" in err
    assert not ENGLISH.search(err), err


def test_english_argparse_is_left_alone_outside_gwdesk():
    cli.build_parser()
    p = argparse.ArgumentParser(prog="other")
    assert "usage: other" in p.format_help() and "show this help message and exit" in p.format_help()


# ---- --demo with a subcommand -------------------------------------------------------------------------
def test_demo_with_a_data_command_loads_into_the_given_folder_once(tmp_path, capsys):
    d = tmp_path / "演示"
    rc, out, err = _run(capsys, "--data-dir", str(d), "--demo", "tasks", "overview")
    assert rc == 0
    assert f"已在数据目录“{d.resolve()}”载入演示数据" in err
    assert "本单位任务" in out and "13 项" in out  # the demo's tasks are what the command read
    rc, out, err = _run(capsys, "--data-dir", str(d), "--demo", "profile", "show")
    assert rc == 0 and "已有演示数据，未重复载入" in err and "单位名称：青川县民政局" in out


def test_demo_with_a_command_without_data_says_it_does_not_apply(tmp_path, capsys):
    d = tmp_path / "d"
    rc, out, err = _run(capsys, "--data-dir", str(d), "--demo", "calc", "due", "--received", "2026-10-09")
    assert rc == 0 and "到期日：2026-11-05" in out
    assert "--demo 对“gwdesk calc”无效" in err
    assert not (d / "gwdesk.db").exists()


def test_demo_never_mixes_into_a_real_units_data(tmp_path, capsys):
    d = tmp_path / "真实"
    assert _run(capsys, "--data-dir", str(d), "profile", "set", "--name", "某某镇人民政府", "--level", "乡镇")[0] == 0
    rc, out, err = _run(capsys, "--data-dir", str(d), "--demo", "tasks", "overview")
    assert rc == 2 and "已有本单位“某某镇人民政府”的数据" in err and "--data-dir" in err
    rc, out, err = _run(capsys, "--data-dir", str(d), "profile", "show")
    assert "单位名称：某某镇人民政府" in out
    rc, out, err = _run(capsys, "--data-dir", str(d), "tasks", "overview")
    assert "本单位任务 0 项" in out or "没有" in out


# ---- profile show / set --------------------------------------------------------------------------------
def test_profile_set_and_show(tmp_path, capsys):
    d = tmp_path / "p"
    rc, out, err = _run(capsys, "--data-dir", str(d), "profile", "show")
    assert rc == 2 and "尚未设置单位信息" in err and "gwdesk profile set" in err
    rc, out, err = _run(capsys, "--data-dir", str(d), "profile", "set", "--supervisor", "某县政府办")
    assert rc == 2 and "须给出 --name 和 --level" in err
    rc, out, err = _run(capsys, "--data-dir", str(d), "profile", "set", "--name", "青川县司法局", "--level", "县局")
    assert rc == 2 and "单位层级“县局”不在可选范围内" in err and "县级部门" in err
    rc, out, err = _run(capsys, "--data-dir", str(d), "profile", "set", "--name", "青川县司法局", "--level", "县级部门",
                        "--supervisor", "青川县人民政府", "--group", "县政府各部门", "--group", "县直各单位")
    assert rc == 0 and "已保存单位信息" in out
    rc, out, err = _run(capsys, "--data-dir", str(d), "profile", "set", "--phone", "电话号码")
    assert rc == 2 and "联系电话格式不正确" in err  # the 设置 form's own check
    rc, out, err = _run(capsys, "--data-dir", str(d), "profile", "set", "--group", "各有关单位", "--issues-lists", "否")
    assert rc == 0
    rc, out, err = _run(capsys, "--data-dir", str(d), "profile", "show", "--json")
    shown = json.loads(out)
    assert shown["name"] == "青川县司法局" and shown["level"] == "县级部门" and shown["supervisor"] == "青川县人民政府"
    assert shown["groups"] == ["各有关单位"] and shown["issues_lists"] is False


def test_profile_set_uses_the_same_validation_as_the_form(tmp_path, capsys):
    """What the 设置 form refuses, the command refuses with the same words (units.Profile.problems)."""
    form_problems = units.Profile(name="  ", level="乡镇").problems()
    d = tmp_path / "v"
    rc, out, err = _run(capsys, "--data-dir", str(d), "profile", "set", "--name", "  ", "--level", "乡镇")
    assert rc == 2 and form_problems and all(p in err for p in form_problems)
    paths.set_data_dir(None)


def test_a_scripted_progress_file_after_profile_set(tmp_path, capsys):
    """`tasks progress` needs the unit: a script can now set it first."""
    from pathlib import Path
    fixtures = TESTS / "fixtures" / "tasks"
    d = tmp_path / "s"
    assert _run(capsys, "--data-dir", str(d), "profile", "set", "--name", "重庆市梁平区民政局", "--level", "县级部门",
                "--group", "区政府各部门")[0] == 0
    rc, out, err = _run(capsys, "--data-dir", str(d), "tasks", "import", str(fixtures / "lp2021.xlsx"),
                        "--accept-proposed")
    assert rc == 0, err
    out_file = tmp_path / "进展.json"
    rc, out, err = _run(capsys, "--data-dir", str(d), "tasks", "progress", "--out", str(out_file))
    assert rc == 0, err
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert "重庆市梁平区民政局" in json.dumps(data, ensure_ascii=False)
