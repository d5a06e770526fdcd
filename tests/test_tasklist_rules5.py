"""Rules added after the layout variants (tests/test_tasks_variants.py, session h12f): the same list laid out
another way reads the same. One test each."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from gwdesk.io import tasklist
from gwdesk.io.tasklist.table import describe

HERE = Path(__file__).parent / "fixtures" / "tasklists"
_spec = importlib.util.spec_from_file_location("corpus_build", HERE / "build.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def _read(tmp_path, desc, fmt="xlsx", name="list"):
    desc = dict({"id": name, "format": fmt, "source": {}}, **desc)
    return tasklist.read(corpus.build(desc, tmp_path))


SECTIONED = [["工作任务", "具体要求", "责任单位"],
             ["一、做好规划公开", "1.公开“十四五”规划纲要。", "市发改委"],
             ["^", "2.公开专项规划。", "市有关部门"],
             ["二、做好财政信息公开", "3.公开预决算。", "市财政局"],
             ["^", "4.公开政府债务信息。", "市财政局"]]


def test_header_repeated_mid_sheet_is_not_a_row_and_does_not_change_the_columns(tmp_path):
    # the header typed again where the printout breaks: a 工作任务 column of “一、…” cells is still the category
    rows = SECTIONED[:3] + [SECTIONED[0]] + SECTIONED[3:]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [t.category for t in p.tasks] == ["一、做好规划公开"] * 2 + ["二、做好财政信息公开"] * 2
    assert [t.seq for t in p.tasks] == ["1", "2", "3", "4"]
    assert not p.needs_mapping


def test_word_table_continued_with_repeated_header(tmp_path):
    desc = {"tables": [{"rows": SECTIONED[:3], "repeat_header": [0]}, {"rows": [SECTIONED[0]] + SECTIONED[3:]}]}
    p = _read(tmp_path, desc, fmt="docx")
    assert [t.category for t in p.tasks] == ["一、做好规划公开"] * 2 + ["二、做好财政信息公开"] * 2
    assert p.mapping[0] == "category"


def test_title_row_after_an_empty_leading_column(tmp_path):
    rows = [["", "石羊镇义务教育领域基层政务公开标准目录", "<", "<"],
            ["", "工作任务", "具体要求", "责任单位"], ["", "招生政策", "公开招生办法。", "镇中心学校"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert p.title == "石羊镇义务教育领域基层政务公开标准目录" and p.issuer == "石羊镇"


def test_annex_label_and_salutation_are_not_the_title():
    title = "石羊镇义务教育领域基层政务公开标准目录"
    assert describe(["附件1", title], "x")[0] == title
    assert describe(["附件 2：", "各有关单位：", title], "x")[0] == title
    assert describe(["附表一", "各有关单位："], "stem")[0] == "stem"
