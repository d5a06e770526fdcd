"""Grid stage (io/tasklist/grid.py): a sheet's or table's cells as plain text, every covered cell of a merge holding
the merge's text."""

from __future__ import annotations

import datetime as dt

import pytest

from gwdesk.io.tasklist.grid import build, clean


@pytest.mark.parametrize("raw, text", [
    ("区政府办公室", "区政府办公室"),  # no space at all: the text itself
    ("区政府\n办公室", "区政府办公室"),  # a break between Chinese characters: none
    ("  年底前 ", "年底前"),
    ("公开 2024 年预算", "公开 2024 年预算"),  # spaces beside Latin or digits kept, one each
    ("A\u3000\u3000B", "A B"),
    ("县财政局\x0b县审计局", "县财政局县审计局"),  # Word's manual line break
    ("\ufeff办公室", "办公室"),
    (3.0, "3"), (None, ""), (dt.datetime(2024, 6, 30), "2024年6月30日"),
])
def test_a_cell_reads_as_its_clean_text(raw, text):
    assert clean(raw) == text


def test_cells_repeating_one_text_read_alike_and_merges_spread_their_text():
    """Lists repeat their unit and deadline cells row after row (each distinct text is cleaned once)."""
    values = [["序号", "工作任务", "责任单位"]] + [[str(i), f"任务{i}", " 县政府办公室\n"] for i in range(1, 6)]
    values[3][1] = None
    g = build(values, [(2, 1, 3, 1)], list(range(1, 7)))
    assert [r[2] for r in g.rows[1:]] == ["县政府办公室"] * 5
    assert (g.rows[3][1], g.origins[3][1]) == ("任务2", (2, 1))
