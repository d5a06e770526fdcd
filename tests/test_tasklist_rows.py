"""Row-kind stage: category rows (merged across, or paragraphs between Word tables), task rows, form rows."""

from __future__ import annotations

import pytest

from tasklist_support import read


@pytest.mark.parametrize("numbered", [True, False])
def test_one_table_per_category_with_the_category_a_paragraph_between_the_tables(tmp_path, numbered):
    """The category written as a paragraph above each table (numbered “一、…” or not) is every row's category,
    the first table's too."""
    c1, c2 = ("一、加强政策公开", "二、加强平台建设") if numbered else ("政策公开", "平台建设")
    head = ["序号", "工作任务", "牵头单位", "完成时限"]
    desc = {"above": ["某县2024年政务公开任务清单"], "tables": [
        {"before": [c1], "rows": [head, ["1", "做好政策解读", "县政府办", "6月底"]]},
        {"before": [c2], "rows": [head, ["2", "做好网站建设", "县政府办", "12月底"], ["3", "做好新媒体", "县融媒体中心", "长期"]]}]}
    p = read(tmp_path, desc, "docx")
    assert [(t.category, t.task) for t in p.tasks] == [(c1, "做好政策解读"), (c2, "做好网站建设"), (c2, "做好新媒体")]
    assert p.title == "某县2024年政务公开任务清单"


def test_the_lists_own_task_column_stays_the_task(tmp_path):
    """梁平区 2021: 工作任务 spanning 一、 | （一） columns over 贯彻举措: the （一） column is the 工作任务 as the list names
    it (not a 二级类别), so the 台账 keeps the office's own column."""
    rows = [["工作任务", "<", "贯彻举措", "牵头单位"],
            ["一、深化政务公开", "（一）做好各类规划主动公开。", "1.公开十四五规划。", "区发展改革委"],
            ["^", "^", "2.公开国土空间规划。", "区规划自然资源局"],
            ["^", "（二）做好财政信息公开。", "3.公开预决算。", "区财政局"]]
    p = read(tmp_path, {"above": ["梁平区2021年政务公开任务清单"], "tables": [{"rows": rows}]}, "docx")
    assert [g.field for g in p.guesses] == ["category", "task", "measure", "lead"]
    assert [(t.category, t.subcategory, t.task, t.seq) for t in p.tasks] == [
        ("一、深化政务公开", "", "（一）做好各类规划主动公开。", "1"), ("一、深化政务公开", "", "（一）做好各类规划主动公开。", "2"),
        ("一、深化政务公开", "", "（二）做好财政信息公开。", "3")]
    assert p.header_labels["task"] == "工作任务"
