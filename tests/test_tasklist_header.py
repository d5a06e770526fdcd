"""Header stage: which column holds what, from the header words (the vocabulary) first and the contents second."""

from __future__ import annotations

import pytest

from gwdesk.core import units
from gwdesk.core.tasks import service
from tasklist_support import read


@pytest.mark.parametrize("second", ["局内责任处室", "处室", "责任科室", "配合单位", "市直单位"])
def test_two_unit_columns_are_both_unit_columns_and_either_is_matched(tmp_path, second):
    """A column of the city's units and a column of the bureau's own 处室: neither is 备注, a unit in either counts."""
    rows = [["序号", "工作任务", "市级责任单位", second, "完成时限"],
            ["1", "做好文旅政策公开", "市政府办公室", "市财政局、市统计局", "2024年6月底"],
            ["2", "做好旅游信息公开", "各县区政府", "市文广旅局", "2024年12月底"]]
    p = read(tmp_path, {"above": ["某市2024年政务公开工作任务清单"], "tables": [{"rows": rows}]})
    assert [g.field for g in p.guesses] == ["seq", "task", "resp", "resp", "deadline"] and not p.needs_mapping
    assert p.tasks[1].resp_units == ["各县区政府", "市文广旅局"]
    me = units.Profile(name="某市文化广电旅游局", level="设区的市级部门", aliases=["市文广旅局"])
    assert [a.match.role for a in service.analyse(p, me)] == ["不涉及", "责任"]
