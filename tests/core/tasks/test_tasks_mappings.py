"""The clerk's column mapping remembered per issuing office and list shape (core/tasks/mappings.py)."""

from gwdesk.core.tasks import mappings
from gwdesk.store.models import Setting

HEAD = ["序号", "工作任务", "承担", "时间"]


def test_recalled_for_the_same_office_and_shape_only(ctx):
    mappings.remember("青川县", HEAD, {0: "seq", 1: "task", 2: "resp", 3: "deadline"})
    assert mappings.recall("青川县", ["序 号", "工作任务", "承担", "时间"]) == {0: "seq", 1: "task", 2: "resp",
                                                                            3: "deadline"}  # spaces aside
    assert mappings.recall("旺苍县", HEAD) is None
    assert mappings.recall("青川县", HEAD + ["备注"]) is None
    assert mappings.recall("", HEAD) is None


def test_the_latest_answer_wins_and_only_so_many_shapes_are_kept(ctx):
    mappings.remember("青川县", HEAD, {2: "lead"})
    mappings.remember("青川县", HEAD, {2: "resp"})
    assert mappings.recall("青川县", HEAD) == {2: "resp"}
    for i in range(mappings.MAX_KEPT + 5):
        mappings.remember(f"单位{i}", HEAD, {2: "resp"})
    assert len(Setting.get_value(mappings.KEY)) == mappings.MAX_KEPT
    assert mappings.recall("青川县", HEAD) is None and mappings.recall(f"单位{mappings.MAX_KEPT + 4}", HEAD)


def test_a_damaged_stored_value_is_ignored(ctx):
    Setting.set_value(mappings.KEY, [{"key": mappings.shape_key("青川县", HEAD), "mapping": {"x": "task"}}, 3, "y"])
    assert mappings.recall("青川县", HEAD) is None
    Setting.set_value(mappings.KEY, {"not": "a list"})
    assert mappings.recall("青川县", HEAD) is None
    mappings.remember("青川县", HEAD, {1: "task", 2: "no-such-field"})
    assert mappings.recall("青川县", HEAD) == {1: "task"}
