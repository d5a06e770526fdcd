"""Issue 26.15: no English system text inside a Chinese message — an OSError is said in Chinese whatever its code."""

from __future__ import annotations

from locations import ROOT

import errno
import re

import pytest

from gwdesk.errors import os_error_text

ASCII_WORDS = re.compile(r"[A-Za-z]{4,}")


@pytest.mark.parametrize("code", [errno.ENOENT, errno.EACCES, errno.ENOSPC, errno.EROFS, errno.EISDIR,
                                  errno.ENAMETOOLONG, errno.EIO, errno.EBUSY, errno.EINVAL, errno.ENOTEMPTY])
def test_common_codes_are_said_in_chinese(code):
    text = os_error_text(OSError(code, "English text from the system", "x.xlsx"))
    assert re.search(r"[\u4e00-\u9fff]", text) and not ASCII_WORDS.search(text)


def test_an_unknown_code_names_itself_without_english_prose():
    text = os_error_text(OSError(errno.ELOOP, "Too many levels of symbolic links"))
    assert text == "系统错误（ELOOP）"


def test_a_write_failure_of_the_registers_is_chinese(tmp_path, capsys):
    from gwdesk import cli
    folder = tmp_path / "已存在的文件夹.xlsx"
    folder.mkdir()
    assert cli.main(["--data-dir", str(tmp_path / "d"), "review", "render", "--data",
                     "tests/fixtures/review/sample_form.json", "--format", "pdf", "--out", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "无法写入" in err and "这是一个文件夹" in err and "directory" not in err


def test_no_message_is_built_from_the_systems_english_text():
    """Every OSError shown to a clerk goes through os_error_text: no `.strerror` is formatted into a message."""
    from pathlib import Path
    root = ROOT / "gwdesk"
    users = [p.relative_to(root).as_posix() for p in root.rglob("*.py")
             if ".strerror" in p.read_text(encoding="utf-8") and p.name != "errors.py"]
    assert users == []
