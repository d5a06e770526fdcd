"""Parsing real-looking task lists: xlsx and docx layouts, sheets, mapping, bad files."""

from locations import TESTS

from pathlib import Path

import pytest

from gwdesk.errors import ImportRejected
from gwdesk.io import tasklist
from gwdesk.io.tasklist import SheetChoiceNeeded

F = TESTS / "fixtures" / "tasks"


@pytest.fixture(scope="module", params=["lp2021.xlsx", "lp2021.docx"])
def parsed(request):
    return tasklist.read(F / request.param)


def test_header_title_and_year_found(parsed):
    assert parsed.title == "梁平区2021年政务公开任务清单"
    assert parsed.issuer == "梁平区" and parsed.year == 2021
    assert str(parsed.issued_on) == "2021-05-31"
    assert not parsed.needs_mapping
    assert parsed.header_labels["measure"] == "贯彻举措"  # “贯 彻 举 措” with spaces
    assert parsed.header_labels["deadline"] == "完成时限"  # “完成\n时限” with a line break
    assert len(parsed.tasks) == 18


def test_sections_become_categories(parsed):
    t = {x.seq: x for x in parsed.tasks}
    assert t["1"].category == "一、紧扣“十四五”开好局起好步深化政务公开"
    assert t["1"].subcategory == "（一）做好各类规划主动公开。"
    assert t["4"].subcategory == "（二）做好财政信息公开。"
    assert t["6"].category.startswith("二、") and t["6"].subcategory.startswith("（一）")
    assert all(not x.measure.startswith(("一、", "（一）")) for x in parsed.tasks)


def test_vertical_merges_fill_every_row(parsed):
    t = {x.seq: x for x in parsed.tasks}
    assert t["7"].task == t["8"].task == "政策解读"
    assert t["7"].lead_units == t["8"].lead_units == ["区政府办公室"]
    assert t["2"].lead_units == ["区发展改革委"]


def test_sideways_merge_gives_both_columns(parsed):
    t = {x.seq: x for x in parsed.tasks}
    assert t["10"].lead_units == ["区教委"] and t["10"].resp_units == ["区教委"]


def test_units_split_on_all_separators(parsed):
    t = {x.seq: x for x in parsed.tasks}
    assert t["2"].resp_units == ["区发展改革委", "区民政局", "区政府有关部门"]  # 、 and ，
    assert t["5"].resp_units == ["区农业农村委", "区民政局", "各乡镇(街道)"]  # ；
    assert t["12"].lead_units == ["区政府办公室", "区司法局"]


def test_deadline_from_column_or_from_text(parsed):
    t = {x.seq: x for x in parsed.tasks}
    assert t["1"].deadline_text == "2021年6月底前" and not t["1"].deadline_in_text
    assert t["12"].deadline_text == "2021年6月底前；2021年10月底前" and t["12"].deadline_in_text
    assert t["1"].publish_path.startswith("政府网站>政府信息公开")


def test_source_rows_point_at_the_file():
    p = tasklist.read(F / "lp2021.xlsx")
    assert p.tasks[0].row == 7  # Excel row of 序号 1 (title rows 1–3, header 4, sections 5–6)


def test_units_split_helper():
    assert tasklist.split_units("区教文局、民政局，人社局;房管局；安监局,钟楼环保局等有关单位") == [
        "区教文局", "民政局", "人社局", "房管局", "安监局", "钟楼环保局", "有关单位"]
    assert tasklist.split_units("区住房城乡建委、区国资委(区金融工作办)、") == ["区住房城乡建委", "区国资委(区金融工作办)"]


def test_several_sheets_listed_and_caller_picks():
    sheets = tasklist.list_sheets(F / "multi_sheet.xlsx")
    assert [s.name for s in sheets] == ["填报说明", "任务清单", "补充任务"]
    assert [s.has_header for s in sheets] == [False, True, True]
    with pytest.raises(SheetChoiceNeeded) as e:
        tasklist.read(F / "multi_sheet.xlsx")
    assert "任务清单" in e.value.message and len(e.value.sheets) == 3


def test_four_cell_header_over_five_cell_rows():
    p = tasklist.read(F / "multi_sheet.xlsx", sheet="任务清单")
    assert p.mapping == {0: "seq", 1: "task", 2: "measure", 3: "lead", 4: "resp"}
    # row 2 leaves 工作任务 and 牵头单位 blank under filled ones in a sheet with no cell merged down: a merge
    # the copy lost, or a row of its own — only those two columns are asked (tests/test_tasklist_variant_rules.py)
    assert [g.column for g in p.uncertain_columns()] == [1, 3]
    assert [t.seq for t in p.tasks[:3]] == ["1", "2", "3"]
    assert p.tasks[0].task == "规划信息公开"


def test_unheaded_column_is_unsure_with_a_proposal():
    p = tasklist.read(F / "multi_sheet.xlsx", sheet="补充任务")
    assert p.needs_mapping
    assert p.mapping[4] == "deadline"
    assert "第5列" in p.reasons[0]
    assert p.tasks[1].deadline_text == "每月月底"
    # the clerk decides otherwise: column 5 ignored
    q = tasklist.read(F / "multi_sheet.xlsx", sheet="补充任务",
                      mapping={0: "task", 1: "measure", 2: "lead", 3: "resp", 4: None}, header_row=p.header_row)
    assert not q.needs_mapping and q.tasks[0].deadline_text == ""


def test_unknown_sheet_named():
    with pytest.raises(ImportRejected, match="没有名为“总表”的工作表"):
        tasklist.read(F / "multi_sheet.xlsx", sheet="总表")


@pytest.mark.parametrize("name, reason", [
    ("old.xls", "旧版 Excel 97-2003（.xls）"),
    ("encrypted.xlsx", "打开密码"),
    ("empty.xlsx", "工作簿是空的"),
    ("no_table.docx", "没有表格"),
    ("text_renamed.xlsx", "改了扩展名"),
    ("no_header.xlsx", "没有找到任务表格"),
    ("missing.xlsx", "找不到该文件"),
])
def test_bad_files_rejected_naming_file_and_reason(name, reason):
    with pytest.raises(ImportRejected) as e:
        tasklist.read(F / name)
    assert f"“{name}”" in e.value.message and reason in e.value.message
    assert e.value.file.endswith(name)


def test_normalises_spaces_and_line_breaks():
    from gwdesk.io.tasklist.grid import clean
    assert clean("区各有关\n部门") == "区各有关部门"
    assert clean("  区民政局 \u3000") == "区民政局"
    assert clean("Step 1\n  done") == "Step 1 done"
    assert clean(3.0) == "3"
