"""The exchange end to end through the CLI: units write progress files, the office rolls a folder up."""

from locations import TESTS

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from office_support import unit_file
from xlsx_print import assert_prints_across_one_page, needs_libreoffice

from gwdesk import cli
from gwdesk.render.model import plain_text

F = TESTS / "fixtures" / "tasks"


@pytest.fixture
def inbox(tmp_path, capsys):
    """A unit's own file from the CLI, then three simulated units: one late, one for another list, one damaged."""
    data = tmp_path / "unit"
    from gwdesk.core import demo, units
    from gwdesk.session import open_session
    with open_session(data, daily_backup=False):
        units.save(demo.DEMO_PROFILE)  # 青川县民政局
    assert cli.main(["--data-dir", str(data), "tasks", "import", str(F / "lp2021.xlsx"), "--unit", "青川县民政局"]) == 0
    folder = tmp_path / "收到"
    folder.mkdir()
    own = folder / "民政局.json"
    assert cli.main(["--data-dir", str(data), "tasks", "progress", "--out", str(own), "--as-of", "2021-06-28"]) == 0
    assert "已导出" in capsys.readouterr().out
    base = json.loads(own.read_text(encoding="utf-8"))
    assert base["schema"] == "gwdesk.task-progress/1" and base["as_of"] == "2021-06-28"
    unit_file(base, folder, "梁平区财政局", as_of=dt.date(2021, 6, 30), shift=1)
    unit_file(base, folder, "梁平区教育委员会", as_of=dt.date(2021, 7, 9), shift=2, aliases=("区教委",))
    unit_file(dict(base, list=dict(base["list"], fingerprint="f" * 64, rows=20)), folder, "梁平区商务委员会",
              as_of=dt.date(2021, 6, 30), file="商务委.json")
    (folder / "司法局.json").write_bytes(own.read_bytes()[:300])
    return folder


def test_office_rollup_cli(inbox, tmp_path, capsys):
    out = tmp_path / "汇总.xlsx"
    rc = cli.main(["office", "rollup", str(inbox), "--list", str(F / "lp2021.xlsx"), "--deadline", "2021-07-05",
                   "--as-of", "2021-07-10", "--out", str(out), "--report", str(tmp_path / "汇总报告.docx"),
                   "--office", "梁平区政府办公室"])
    text = capsys.readouterr().out
    assert rc == 0, text
    assert "汇总 3 个单位；逾期报送 1 个" in text
    assert "商务委.json：清单不符，清单版本不同" in text and "司法局.json：无法读取" in text
    assert "区发展改革委" in text.split("未报送：")[1]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["任务落实矩阵", "单位完成情况", "报送情况"]
    m = wb["任务落实矩阵"]
    header = [c.value for c in m[3]]
    assert header[:3] == ["序号", "类别", "工作任务"] and header[-1] == "完成/承担"
    assert header[3:-1] == ["梁平区教育委员会", "梁平区财政局", "青川县民政局"]
    assert m.max_row == 3 + 18
    statuses = {c.value for row in m.iter_rows(min_row=4, min_col=4, max_col=6) for c in row} - {None, ""}
    assert statuses <= {"完成", "推进", "未启", "逾期", "不适用", "★完成", "★推进", "★未启", "★逾期", "★不适用"}
    assert any(str(v).startswith("★") for v in statuses)
    fills = {c.fill.fgColor.rgb[-6:] for row in m.iter_rows(min_row=4, min_col=4, max_col=6) for c in row if c.value}
    assert {"C6EFCE", "FFC7CE"} <= fills  # done green, overdue red
    units = {r[1]: r for r in wb["单位完成情况"].iter_rows(min_row=3, values_only=True)}
    assert units["梁平区教育委员会"][4] == 4 and units["梁平区财政局"][4] in ("", None)
    status = [r for r in wb["报送情况"].iter_rows(min_row=3, values_only=True)]
    assert ("未报送" in {r[3] for r in status}) and any(r[0] == "司法局.json" and r[3] == "无法读取" for r in status)
    assert (tmp_path / "汇总报告.docx").stat().st_size > 5000


def test_report_reads_like_a_report(inbox, tmp_path):
    from gwdesk.core.office import rollup
    from gwdesk.io import progress_json
    from gwdesk.render.layouts import office_report
    ident, rows = progress_json.list_from_file(F / "lp2021.xlsx")
    r = rollup.collect(progress_json.read_many([inbox]), today=dt.date(2021, 7, 10), reference=ident, rows=rows,
                       deadline=dt.date(2021, 7, 5))
    text = plain_text(office_report.build(r, office="梁平区政府办公室"))
    for part in ("一、总体情况", "二、各单位落实情况", "三、存在的问题", "四、下一步工作", "梁平区政府办公室",
                 "2021年7月10日", "逾期报送", "梁平区教育委员会逾期报送", "区发展改革委"):
        assert part in text, part
    assert "可能涉及" not in text and "不涉及" not in text
    pdf = office_report.write(r, tmp_path / "汇总报告.pdf", office="梁平区政府办公室")
    assert pdf.read_bytes()[:5] == b"%PDF-"


@needs_libreoffice
def test_matrix_prints_one_page_wide(inbox, tmp_path):
    out = tmp_path / "x" / "矩阵.xlsx"
    out.parent.mkdir()
    assert cli.main(["office", "rollup", str(inbox), "--as-of", "2021-07-10", "--out", str(out)]) == 0
    assert_prints_across_one_page(out, ("序号", "完成/承担"), ("序号", "完成率"), ("文件", "说明"))
