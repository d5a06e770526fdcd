"""台账 xlsx, 任务完成情况报告 (DOCX/PDF), annual-report summary, reminders and demo data."""

from locations import TESTS

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from xlsx_print import needs_libreoffice

from gwdesk.core.tasks import export, reminders, service, summary, tracking
from gwdesk.io import tasklist
from gwdesk.io.tasklist.ledger import write_ledger
from gwdesk.store.tasks_models import Task

F = TESTS / "fixtures" / "tasks"
TODAY = dt.date(2021, 7, 1)


@pytest.fixture
def imported(ctx, lp_profile):
    r = service.import_parsed(tasklist.read(F / "lp2021.xlsx"), profile=lp_profile)
    t15 = Task.get(Task.seq == "15")
    tracking.add_note(t15.id, "已公开民政领域8家单位基本信息", noted_on=dt.date(2021, 6, 21), today=TODAY)
    tracking.set_status(t15.id, "已完成", done_on=dt.date(2021, 6, 21), today=TODAY)
    tracking.add_url(t15.id, "http://www.lp.gov.cn/zwgk/mz/0621.html")
    t2 = Task.get(Task.seq == "2")
    tracking.set_status(t2.id, "推进中", today=TODAY)
    tracking.add_note(t2.id, "=HYPERLINK(\"http://evil\",\"点我\")", noted_on=dt.date(2021, 6, 1), today=TODAY)
    tracking.set_status(Task.get(Task.seq == "18").id, "不适用", today=TODAY)
    return r.list_id


def test_ledger_xlsx_columns_values_and_formula_safety(imported, tmp_path):
    out = write_ledger(tmp_path / "台账.xlsx", export.ledger_data(imported, today=TODAY))
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "梁平区2021年政务公开任务清单落实台账"  # the list's name, not run into the unit's
    assert ws["A2"].value.startswith("填报单位：梁平区民政局　下发单位：梁平区")
    header = [c.value for c in ws[3]]
    assert header == ["序号", "类别", "工作任务", "贯彻举措", "牵头单位", "责任单位", "完成时限",
                      "本单位角色", "计划完成日期", "完成情况", "佐证材料", "状态", "完成日期"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert len(rows) == 14 and "3" not in rows  # only the unit's rows
    r15 = rows["15"]
    assert r15[7] == "牵头" and r15[11] == "已完成" and r15[12] == "2021-06-21"
    assert "2021-06-21 已公开民政领域8家单位基本信息" in r15[9] and "网址：http://www.lp.gov.cn" in r15[10]
    assert rows["1"][11] == "逾期"  # 2021年6月底前, still 未启动 on 7月1日
    assert rows["2"][9].startswith("2021-06-01 =HYPERLINK")  # a note line is not at the cell start
    all_cells = [v for r in ws.iter_rows(min_row=4, values_only=True) for v in r if isinstance(v, str)]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in all_cells)


def test_ledger_neutralises_cells_starting_with_formula(imported, tmp_path):
    Task.update(measure="=1+2 公开").where(Task.seq == "15").execute()
    out = write_ledger(tmp_path / "t.xlsx", export.ledger_data(imported, today=TODAY))
    ws = openpyxl.load_workbook(out).active
    values = [r[3] for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "15"]
    assert values == ["'=1+2 公开"]


# the 任务完成情况报告 (layout and rendering) is tested in test_render_task_report.py


def test_completion_counts_and_text(imported):
    c = summary.completion_counts(2021, TODAY)
    assert (c["total"], c["done"], c["in_progress"], c["not_applicable"]) == (14, 1, 1, 1)
    assert c["lead"] == 1 and c["completion_rate"] == round(100 / 13, 1)
    assert c["overdue"] == 2  # rows 1 and 8
    text = summary.completion_text(2021, TODAY)
    assert text.startswith("2021年，本单位对照《梁平区2021年政务公开任务清单》，承担政务公开任务14项")
    assert "已完成1项" in text and "完成率7.7%" in text and "另有2项未按期完成" in text


def test_completion_text_without_lists(ctx):
    assert summary.completion_text(2030) == ""  # nothing said rather than “未导入” (gwdesk cannot know)
    assert summary.completion_counts(2030)["total"] == 0


def test_reminders_overdue_and_soon(imported, ctx):
    ctx.today = lambda: dt.date(2021, 7, 3)
    got = reminders.collect(ctx)
    kinds = {(r.severity, r.text.split(" ")[0]) for r in got}
    assert ("overdue", "【任务台账】1") in kinds and ("overdue", "【任务台账】8") in kinds
    assert ("soon", "【任务台账】11") in kinds  # 每月8日前
    assert not any("15" == r.text.split(" ")[0][-2:] for r in got)  # done
    assert all(r.section == "tasks" for r in got)


def test_demo_loads_for_the_demo_unit(ctx, profile):
    from gwdesk.core.tasks import demo, overview
    demo.load(ctx)
    o = overview.counts(ctx.today())
    assert o.total >= 10 and o.by_status["已完成"] >= 2 and o.by_status["推进中"] >= 2
    assert o.by_role.get("牵头") == 1
    assert Task.select().where(Task.auto_role == "不涉及").count() > 0
    demo.load(ctx)  # idempotent
    assert Task.select().count() == 18


def _fresh_ledger(ctx, profile, tmp_path):
    """The seed list just imported, every row of it: nothing reported yet, 完成情况/佐证材料 empty."""
    r = service.import_parsed(tasklist.read(F / "lp2021.xlsx"), profile=profile)
    return write_ledger(tmp_path / "台账.xlsx", export.ledger_data(r.list_id, today=TODAY, mine_only=False))


def test_ledger_widths_follow_the_content_there(ctx, profile, tmp_path):
    ws = openpyxl.load_workbook(_fresh_ledger(ctx, profile, tmp_path)).active
    width = {c.value: ws.column_dimensions[c.column_letter].width for c in ws[3]}
    # the issuer's 贯彻举措 is the widest column; the empty columns are as narrow as their wrapped headers
    assert width["贯彻举措"] == max(width.values()) and width["贯彻举措"] >= 40
    for empty in ("完成情况", "佐证材料", "完成日期"):
        assert width[empty] <= 8, (empty, width[empty])
    assert width["完成情况"] < width["工作任务"] / 2


@needs_libreoffice
def test_fresh_ledger_prints_on_few_pages(ctx, profile, tmp_path):
    """18 tasks with nothing reported yet: two A4 landscape pages (seven before widths followed the content)."""
    from xlsx_print import pages, to_pdf

    got = pages(to_pdf(_fresh_ledger(ctx, profile, tmp_path)))
    assert all(abs(w - 841.9) < 2 for w, _h, _t in got)
    assert len(got) <= 2, len(got)
