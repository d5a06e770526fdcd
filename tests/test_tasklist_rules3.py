"""Rules added after the third held-out batch (tests/fixtures/tasklists/*_holdout.json of session h12c), one test each."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from gwdesk.io import tasklist
from gwdesk.io.tasklist.units import looks_like_unit, roles, shorthand_with

HERE = Path(__file__).parent / "fixtures" / "tasklists"
_spec = importlib.util.spec_from_file_location("corpus_build", HERE / "build.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def _read(tmp_path, desc, name="list"):
    desc = dict({"id": name, "format": "xlsx", "source": {}}, **desc)
    return tasklist.read(corpus.build(desc, tmp_path))


@pytest.mark.parametrize("words, row, fields", [
    # 广东省卫健委: 细化分工 holds the detailed work under each 工作任务
    (["序号", "工作任务", "细化分工", "责任处室", "完成时限"],
     ["1", "做好常态化疫情防控信息发布", "重点围绕散发疫情、隔离管控等发布权威信息", "疾控处", "长期推进"],
     ["seq", "task", "measure", "resp", "deadline"]),
    # 舒城县: 类型 (the 一、 sections) | 事项 | 目标清单 | 完成情况
    (["类型", "事项", "目标清单", "完成情况"],
     ["一、基础工作", "1.做好意见征集工作。", "行政规范性文件需在县网站意见征集库公开征集意见。", "已完成"],
     ["category", "task", "measure", "note"]),
    # a county 局: 重点任务 | 工作内容 | 负责科室; 主办/协办 columns
    (["重点任务", "工作内容", "负责科室"], ["政务服务", "注重政务服务办理流程等信息发布", "综合科"],
     ["task", "measure", "resp"]),
    (["工作任务", "主办单位", "协办科室"], ["政务服务", "办公室", "各科室"], ["task", "lead", "resp"]),
])
def test_header_words_of_batch_3(tmp_path, words, row, fields):
    p = _read(tmp_path, {"tables": [{"rows": [words, row]}]})
    assert [g.field for g in p.guesses] == fields
    assert not p.needs_mapping


def test_zhuban_xieban_roles_and_a_unit_named_zhuban():
    """江门市卫健局: “局防控办主办、各工作组协办” — 主办 leads; “局主办科室” is the 科室 in charge, a unit."""
    assert roles("局防控办主办、各工作组协办") == (["局防控办"], ["各工作组"])
    assert roles("办公室主办,各科室协办") == (["办公室"], ["各科室"])
    assert roles("局主办科室") == ([], ["局主办科室"])
    assert not looks_like_unit("局防控办主办") and looks_like_unit("局主办科室")


def test_x_hui_y_is_read_as_huitong_and_asked(tmp_path):
    """广东省卫健委: “宣传处会办公室” (会 for 会同) → 宣传处 leads with 办公室; a shorthand, so the column is asked.
    Names with 会 in them stay whole."""
    assert roles("宣传处会办公室") == (["宣传处"], ["办公室"]) and shorthand_with("宣传处会办公室")
    for cell in ("各村委会、居委会", "各村委会办公室", "市红十字会办公室", "市住建局会同市财政局"):
        assert not shorthand_with(cell), cell
    assert roles("各村委会、居委会") == ([], ["各村委会", "居委会"])
    rows = [["序号", "工作任务", "责任处室"], ["1", "疫情信息发布", "疾控处"], ["2", "规范信息发布", "宣传处会办公室"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert (p.tasks[1].lead_units, p.tasks[1].resp_units) == (["宣传处"], ["办公室"])
    assert p.needs_mapping and [g.column for g in p.uncertain_columns()] == [2]
    assert "宣传处会办公室" in p.uncertain_columns()[0].why


def test_row_number_on_the_task_when_the_measure_numbers_its_parts(tmp_path):
    """宣城市: “1.行政规范性文件集中公开” beside “1.开展…2.按照…3.…”: the 1. of the measure numbers its parts."""
    rows = [["工作任务", "具体要求", "责任单位"], ["一、年底前专项工作任务", "<", "<"],
            ["1.行政规范性文件集中公开", "1.开展文件清理。2.发布标准电子文本。", "市政府各部门"]]
    t = _read(tmp_path, {"tables": [{"rows": rows}]}).tasks[0]
    assert (t.seq, t.task, t.category) == ("1", "行政规范性文件集中公开", "一、年底前专项工作任务")
    assert t.measure == "1.开展文件清理。2.发布标准电子文本。"


def test_deadline_written_in_beizhu_is_the_deadline_and_asked(tmp_path):
    """宣城市: no 时限 column, the 备注 says “11月底前完成”: the 备注 column is the deadline, asked."""
    head = ["工作任务", "具体要求", "责任单位", "完成情况", "备注"]
    row = ["行政规范性文件集中公开", "开展文件清理。", "市政府各部门", "推进中", "11月底前完成"]
    p = _read(tmp_path, {"above": ["2022年11—12月政务公开重点工作任务清单"], "tables": [{"rows": [head, row]}]})
    assert p.tasks[0].deadline_text == "11月底前完成" and p.tasks[0].note == "推进中"
    assert p.needs_mapping and [g.header for g in p.uncertain_columns()] == ["备注"]
    # with a 时限 column, or a 备注 of remarks, 备注 stays a note
    q = _read(tmp_path, {"tables": [{"rows": [head[:3] + ["完成时限", "备注"], row[:3] + ["年底前", "11月底前完成"]]}]}, "q")
    assert q.tasks[0].deadline_text == "年底前" and q.tasks[0].note == "11月底前完成" and not q.needs_mapping
    r = _read(tmp_path, {"tables": [{"rows": [head, row[:4] + ["已报送市政府办公室"]]}]}, "r")
    assert r.tasks[0].deadline_text == "" and not r.needs_mapping


def test_numbered_lines_above_the_table_are_no_title(tmp_path):
    """A county 局: “一、工作要点”, “1.…”, “二、重点工作任务分解” run above the table: none is the title or the issuer."""
    p = _read(tmp_path, {"format": "docx", "above": ["一、工作要点", "1.深入推进政策解读,创新解读形式。"],
                         "tables": [{"before": ["二、重点工作任务分解"],
                                     "rows": [["重点任务", "工作内容", "负责科室"], ["政策解读", "对政策文件进行全面解读。", "各责任科室"]]}]})
    assert p.issuer == "" and p.year is None
    q = _read(tmp_path, {"format": "docx", "above": ["江门市卫生健康局2021年政务公开工作要点分工方案"],
                         "tables": [{"rows": [["工作任务", "具体要求", "责任科室"], ["一、做好财政信息公开", "1.推进预算公开。", "局财务科"]]}]}, "q")
    assert (q.issuer, q.year, q.addressee) == ("江门市卫生健康局", 2021, "江门市卫生健康局")
