"""Rules added after the sixth held-out batch (paragraph 要点 from 河南 2015 and 咸阳 2022, session h12g;
tests/fixtures/tasklists/ha_henan_2015_holdout.json, sn_xianyang_2022_holdout.json), one test each."""

from __future__ import annotations

import pytest

from gwdesk.io.tasklist.units import roles


@pytest.mark.parametrize("cell, lead, resp", [
    ("市政府办公室牵头，市级各有关部门及各县市区政府按职责分工负责", ["市政府办公室"], ["市级各有关部门", "各县市区政府"]),
    ("区直有关部门和各街道", [], ["区直有关部门", "各街道"]),
    ("市场监管部门", [], ["市场监管部门"]),
])
def test_units_joined_by_及_after_a_group_named_部门(cell, lead, resp):
    assert roles(cell) == (lead, resp)


def test_a_paragraph_lists_unit_columns_are_flagged_for_checking(tmp_path):
    """Units picked out of a sentence (“…（市级各有关部门及各县市区政府按职责分工负责）”) may be cut wrongly: the
    lead/resp columns are the ones the clerk is asked to check, never taken as sure."""
    import importlib.util
    from pathlib import Path

    from gwdesk.io import tasklist
    here = Path(__file__).parent / "fixtures" / "tasklists"
    spec = importlib.util.spec_from_file_location("corpus_build", here / "build.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    p = tasklist.read(corpus.build({"id": "p", "format": "docx", "source": {}, "tables": [], "above": [
        "一、坚持系统集成", "1.全面实施清单管理。（市政府办公室牵头，各县市区政府按职责分工负责）"]}, tmp_path))
    flagged = {g.field for g in p.uncertain_columns()}
    assert {"lead", "resp"} <= flagged and p.needs_mapping
    assert all("正文句子" in g.why for g in p.uncertain_columns() if g.field in ("lead", "resp"))
