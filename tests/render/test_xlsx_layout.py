"""Print-ready xlsx: page setup in the file (openpyxl) and the pages LibreOffice prints from it."""

from locations import TESTS

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from xlsx_print import assert_prints_across_one_page, needs_libreoffice

from gwdesk.core.tasks import export, service, tracking
from gwdesk.io import ledger_xlsx, report_rollup, tasklist
from gwdesk.io.tasklist.ledger import write_ledger
from gwdesk.io.xlsx_layout import fit_widths, text_width, write_table
from gwdesk.store.tasks_models import Task

F = TESTS / "fixtures"
TODAY = dt.date(2021, 7, 1)


def assert_page_setup(ws, header_row: int, ncols: int):
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows.replace("$", "") == f"{header_row}:{header_row}"
    assert ws.freeze_panes and int(ws.freeze_panes.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) == header_row + 1
    assert ws.max_row == header_row or ws.auto_filter.ref.startswith("A" + str(header_row))
    last = openpyxl.utils.get_column_letter(ncols)
    assert f"A1:{last}1" in {str(m) for m in ws.merged_cells.ranges}
    assert ws["A1"].font.b
    if ws.max_row > header_row:
        for body in (ws.cell(header_row + 1, ncols), ws.cell(ws.max_row, 1)):  # first styled, last given its ids
            assert body.alignment.wrap_text and body.border.left.style == "thin" and body.border.bottom.style == "thin"
    assert ws.cell(header_row, 1).font.b and ws.cell(header_row, 1).border.bottom.style == "thin"
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, ncols + 1)]
    assert all(4 <= w <= 48 for w in widths) and sum(widths) <= 200.5


def test_widths_count_cjk_double_and_fit_the_page():
    assert text_width("abc") == 3 and text_width("政务公开") == 8 and text_width("第一行\nab") == 6
    assert text_width("（２０２１）") == 12  # full-width digits and brackets are wide too
    assert sum(fit_widths([48] * 6 + [6])) <= 200.01
    assert fit_widths([10, 20, 30]) == [10, 20, 30]
    narrowed = fit_widths([48, 48, 48, 48, 48, 8])
    assert narrowed[-1] == 8 and max(narrowed) < 48


def test_write_table_sizes_columns_to_content(tmp_path):
    wb = openpyxl.Workbook()
    ws = write_table(wb.active, "标题", ["序号", "内容", "x"], [[1, "政务公开" * 3, "=1+1"], [2, "短", ""]],
                     notes=["导出日期：2026年1月1日"])
    assert ws["C4"].value == "'=1+1"  # formula-safe
    w = {c: ws.column_dimensions[c].width for c in "ABC"}
    assert w["B"] == 26 and w["A"] == 6 and w["C"] == 7  # 24 display columns + 2; header 序号 counts 4
    assert_page_setup(ws, 3, 3)


@pytest.fixture
def task_ledger(ctx, profile, tmp_path):
    r = service.import_parsed(tasklist.read(F / "tasks" / "lp2021.xlsx"), profile=profile)
    for t in Task.select().where(Task.list == r.list_id):
        tracking.add_note(t.id, "已在政府网站政务公开专栏发布相关信息，并同步更新政策解读材料。" * 4,
                          noted_on=dt.date(2021, 6, 21), today=TODAY)
    return write_ledger(tmp_path / "台账.xlsx", export.ledger_data(r.list_id, today=TODAY, mine_only=False))


def test_task_ledger_page_setup(task_ledger):
    ws = openpyxl.load_workbook(task_ledger).active
    assert_page_setup(ws, 3, 13)
    assert ws.freeze_panes == "C4"


@needs_libreoffice
def test_task_ledger_prints_one_page_wide(task_ledger):
    got = assert_prints_across_one_page(task_ledger, ("序号", "完成日期"))
    assert 2 <= len(got) <= 30


@pytest.fixture
def app_ledger(ctx, tmp_path):
    from gwdesk.core.applications import demo
    demo.load(ctx)
    out = tmp_path / "依申请公开台账.xlsx"
    assert ledger_xlsx.export_ledger(out, ctx.today()) > 0
    return out


def test_application_ledger_page_setup(app_ledger):
    assert_page_setup(openpyxl.load_workbook(app_ledger).active, 3, len(ledger_xlsx.EXPORT_COLUMNS))


@needs_libreoffice
def test_application_ledger_prints_one_page_wide(app_ledger):
    assert_prints_across_one_page(app_ledger, ("编号", "备注"))


@pytest.fixture
def annual_rollup(tmp_path):
    from report_helpers import fixture_dict
    import json
    folder = tmp_path / "in"
    folder.mkdir()
    for i, unit in enumerate(["青川县民政局", "青川县教育局", "青川县乔庄镇人民政府"]):
        d = dict(fixture_dict(), unit=unit, as_of=f"2026-01-{20 + i}")
        (folder / f"{i}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    r = report_rollup.collect([folder], expected={"青川县卫生健康局": "县级部门"})
    return report_rollup.export_xlsx(r, tmp_path / "年度报告汇总.xlsx")


def test_annual_rollup_page_setup(annual_rollup):
    wb = openpyxl.load_workbook(annual_rollup)
    for ws in wb:
        assert_page_setup(ws, 2, ws.max_column)


@needs_libreoffice
def test_annual_rollup_prints_one_page_wide(annual_rollup):
    assert_prints_across_one_page(annual_rollup, ("序号", "说明"), ("单位", "说明"), ("条款", "合计"),
                                  ("行", "总计"), ("类别", "总计"))


def test_text_width_agrees_with_unicode_east_asian_width():
    import unicodedata
    sample = "政务公开ＡＢＣ（）《》「」、。abc123 -_/ \u3000ぁアㄱ가𠀀喆堃珺昇镕祎赟玥—…“”·"
    for ch in sample:
        expected = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        assert text_width(ch) == expected, (ch, hex(ord(ch)))


def test_a_long_note_line_gets_the_height_it_wraps_to(tmp_path):
    """Seen printing the 汇总 matrix of one unit: the note line (截至…　收到1个单位的报送　图例：…) wraps onto two
    lines across the narrow table, but its row stayed one line high and the second line was drawn over the
    header. A note row is as tall as its text across the merged width."""
    from gwdesk.io.office_xlsx import LEGEND
    from gwdesk.io.xlsx_layout import LINE_PT, lines_needed
    note = f"截至2026年12月7日　收到1个单位的报送　{LEGEND}"
    ws = openpyxl.Workbook().active
    write_table(ws, "《梁平区2021年政务公开任务清单》落实情况汇总", ["序号", "类别", "工作任务", "青川县民政局", "完成/承担"],
                [[1, "一、紧扣“十四五”开好局", "规划信息公开", "逾期", "0/1"]], notes=[note])
    merged = sum(ws.column_dimensions[c].width for c in "ABCDE")
    lines = lines_needed(note, merged)
    assert lines >= 2
    assert ws.row_dimensions[2].height >= lines * LINE_PT
