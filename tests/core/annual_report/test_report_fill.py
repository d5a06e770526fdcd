"""Filling a report from the unit's records: ledgers, review forms, task ledger; sources and gaps named."""

from locations import TESTS

import datetime as dt

import pytest

from gwdesk.core.annual_report import checker, fill, records
from gwdesk.core.annual_report.spec import ReportData

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def demo_ctx(ctx):
    from gwdesk.core import demo
    ran = demo.load(ctx)
    assert "gwdesk.core.annual_report.demo" in ran
    return ctx


def test_demo_reports_filled_from_the_ledgers(demo_ctx):
    from gwdesk.core.applications import aggregate
    from gwdesk.core.review import stats
    from gwdesk.core.tasks import summary

    st = records.load("青川县民政局", 2025)
    d = st.data
    assert d.table3 == {k: list(v) for k, v in aggregate.table3(2025).items()}
    assert d.table4 == {k: list(v) for k, v in aggregate.table4(2025).items()}
    assert d.t2("normative_docs", "issued") == stats.normative_docs_issued(2025)
    # the demo's task list is this year's (2026): 2025's 六 says nothing of task lists rather than “未导入”
    assert summary.completion_text(2025, TODAY) == "" and "任务清单" not in d.text["other"]
    assert {"table3", "table4", "table2.normative_docs.issued", "table2.normative_docs.in_force"} <= set(st.sources)
    prev = records.load("青川县民政局", 2024)
    assert prev.sent and prev.frozen
    # the ledger keeps the books balanced and last year's carry-over matches
    assert checker.check(d, previous=prev.data, level="县级部门") == []


def test_in_force_from_last_year(demo_ctx):
    prev = ReportData(year=2024, table2={"normative_docs": {"issued": 1, "repealed": 0, "in_force": 20}})
    cur = ReportData(year=2025, table2={"normative_docs": {"repealed": 2}})
    res = fill.fill(cur, previous=prev, today=TODAY)
    issued = res.data.t2("normative_docs", "issued")
    assert res.data.t2("normative_docs", "in_force") == 20 + issued - 2
    assert "2024年度报告现行有效20件" in res.sources["table2.normative_docs.in_force"]
    assert cur.table2["normative_docs"] == {"repealed": 2}  # the input is not modified
    # without last year's report the figure is named as not filled
    res = fill.fill(cur, today=TODAY)
    assert res.data.t2("normative_docs", "in_force") is None
    assert any("现行有效件数" in u and "2024" in u for u in res.unavailable)


def test_a_broken_ledger_source_fails_loudly(demo_ctx, monkeypatch):
    from gwdesk.core.applications import aggregate

    def broken(year):
        raise RuntimeError("no such column: applicant_type")
    monkeypatch.setattr(aggregate, "table3", broken)
    with pytest.raises(RuntimeError, match="applicant_type"):  # a bug is not turned into “请手工填写”
        fill.fill(ReportData(year=2025), today=TODAY)


def test_a_frozen_year_is_filled_from_its_frozen_figures(demo_ctx):
    from gwdesk.core.applications import aggregate
    from gwdesk.store.applications_models import FrozenYear
    if not aggregate.is_frozen(2025):
        aggregate.freeze(2025)
    row = FrozenYear.get_by_id(2025)
    frozen = {k: list(v) for k, v in aggregate.table3(2025).items()}
    frozen["1"] = [1, 0, 0, 0, 0, 0, 1]
    row.table3 = __import__("json").dumps(frozen)
    row.save()
    res = fill.fill(ReportData(year=2025), today=TODAY)
    assert res.data.table3["1"] == [1, 0, 0, 0, 0, 0, 1]
    assert f"2025年数据已于{row.frozen_at[:10]}锁定" in res.sources["table3"]


def test_changed_figures_are_listed(demo_ctx):
    d = records.load_data("青川县民政局", 2025)
    d.table3["3.1"] = [99, 0, 0, 0, 0, 0, 99]
    res = fill.fill(d, today=TODAY)
    assert any("（一）予以公开" in c and "99" in c for c in res.changed)


def test_task_paragraph_replaced_not_duplicated():
    old = "2025年，本单位未导入上级下发的政务公开任务清单。"
    text = "本年度未收取信息处理费。\n" + old
    new = "2025年，本单位对照《要点》承担政务公开任务3项，完成率100%。"
    assert fill._put_paragraph(text, new, old) == "本年度未收取信息处理费。\n" + new
    assert fill._put_paragraph(text, old, old) == text
    edited = "本年度未收取信息处理费。\n任务已全部完成（经人工改写）。"
    assert fill._put_paragraph(edited, new, old) == edited + "\n" + new


def test_section_six_says_only_what_the_data_holds(ctx, profile):
    """A list of 2021 is imported: the 2025 report does not claim none was imported; the 2021 report tells the
    list's figures; a sentence written by an earlier fill and left as it was goes when it stops being true."""
    from pathlib import Path

    from gwdesk.core.tasks import service
    from gwdesk.io import tasklist
    service.import_parsed(tasklist.read(TESTS / "fixtures" / "tasks" / "lp2021.xlsx"), profile=profile)
    res = fill.fill(ReportData(year=2025, unit="青川县民政局"), today=TODAY)
    assert "未导入" not in res.data.text["other"] and "任务清单" not in res.data.text["other"]
    assert any("没有2025年度的任务清单" in u for u in res.unavailable)
    res = fill.fill(ReportData(year=2021, unit="青川县民政局"), today=TODAY)
    assert "对照《梁平区2021年政务公开任务清单》，承担政务公开任务14项" in res.data.text["other"]
    stale = "2025年，本单位未导入上级下发的政务公开任务清单。"
    d = ReportData(year=2025, unit="青川县民政局")
    d.text["other"] = "本年度未收取信息处理费。\n" + stale
    res = fill.fill(d, today=TODAY, previous_sources={fill.TASKS_KEY: stale})
    assert res.data.text["other"] == "本年度未收取信息处理费。"
