"""`gwdesk tasks fill-back`: the unit's progress written into a copy of the office's own table (xlsx or docx), in its
完成情况 column or a column added as the last one; everything else as the office sent it."""

from __future__ import annotations

import datetime as dt

import docx
import openpyxl
import pytest
from tasklist_support import corpus

from gwdesk import cli

# the list is imported through the command line on the computer's own date, then worked on in a session pinned to
# 2026-05-20: the wrong-clock check rightly warns about that, and it is not what these tests are about
pytestmark = pytest.mark.allow_log_warnings

TITLE = "青川县2026年政务公开重点任务清单"
ROWS = [["序号", "工作任务", "责任单位", "完成时限"],
        ["1", "做好养老服务信息公开", "县民政局", "2026年6月底"],
        ["2", "做好社会救助信息公开", "县民政局、县财政局", "2026年12月底"],
        ["3", "做好教育信息公开", "县教育局", "长期坚持"]]


NOTED = dt.date.today() - dt.timedelta(days=60)
DONE = dt.date.today() - dt.timedelta(days=20)


def _imported(tmp_path, rows, fmt="xlsx", widths=None):
    src = corpus.build({"id": "office", "format": fmt, "source": {}, "above": [TITLE],
                        "tables": [{"rows": rows}], **({"widths": widths} if widths else {})}, tmp_path)
    data = tmp_path / "data"
    assert cli.main(["--data-dir", str(data), "tasks", "import", str(src), "--unit", "青川县民政局",
                     "--accept-proposed"]) == 0
    from gwdesk.core.tasks import tracking
    from gwdesk.session import open_session
    with open_session(data, daily_backup=False) as ctx:  # the computer's own date, as the commands use it
        tasks = {t.seq: t for t in tracking.tasks()}
        tracking.add_progress(tasks["1"].id, "已在政府网站开设养老服务专栏", noted_on=NOTED, today=ctx.today())
        tracking.set_status(tasks["1"].id, "已完成", done_on=DONE, today=ctx.today())
        tracking.add_url(tasks["1"].id, "http://www.cnqc.gov.cn/ylfw/")
        tracking.add_progress(tasks["2"].id, "低保信息按月公开", noted_on=DONE, today=ctx.today())
    return src, data


def test_xlsx_without_a_progress_column_gets_one_added_last_and_nothing_else_changes(tmp_path, capsys):
    src, data = _imported(tmp_path, ROWS, widths=[6, 40, 20, 16])
    out = tmp_path / "填报.xlsx"
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", str(src), "--out", str(out)]) == 0
    assert "已填写 2 行到新增的最后一列“完成情况”" in capsys.readouterr().out
    before, after = openpyxl.load_workbook(src).active, openpyxl.load_workbook(out).active
    head = 2  # the title row, then the header
    assert after.cell(head, 5).value == "完成情况"
    assert after.cell(head + 1, 5).value.splitlines() == [
        f"已完成（{DONE:%Y年%m月%d日}完成）", f"{NOTED:%Y-%m-%d} 已在政府网站开设养老服务专栏",
        "网址：http://www.cnqc.gov.cn/ylfw/"]
    status, note = after.cell(head + 2, 5).value.splitlines()
    assert status in ("推进中", "逾期") and note == f"{DONE:%Y-%m-%d} 低保信息按月公开"  # 逾期 once 12月底 has passed
    assert after.cell(head + 3, 5).value is None  # 县教育局's row: not this unit's
    for r in range(1, before.max_row + 1):  # the office's own cells, merges and widths as they were
        for c in range(1, 5):
            assert after.cell(r, c).value == before.cell(r, c).value
    assert {str(m) for m in after.merged_cells.ranges} == {str(m) for m in before.merged_cells.ranges}
    assert [after.column_dimensions[k].width for k in "ABCD"] == [before.column_dimensions[k].width for k in "ABCD"]
    assert after.cell(head + 1, 5).alignment.wrap_text
    assert src.read_bytes() == src.read_bytes() and src.stat().st_size > 0  # the office's file is left alone


def test_xlsx_writes_into_the_offices_own_column_and_all_rows_when_asked(tmp_path, capsys):
    rows = [r + [x] for r, x in zip(ROWS, ["落实情况", "", "", ""])]
    src, data = _imported(tmp_path, rows)
    out = tmp_path / "填报.xlsx"
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", str(src), "--out", str(out), "--all"]) == 0
    assert "原表的“落实情况”列" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out).active
    assert ws.max_column == 5 and ws.cell(2, 5).value == "落实情况"
    assert ws.cell(5, 5).value == "未启动"  # --all: the other rows too


def test_docx_gets_the_column_added_to_its_table_in_the_tables_font(tmp_path, capsys):
    src, data = _imported(tmp_path, ROWS, fmt="docx")
    out = tmp_path / "填报.docx"
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", str(src), "--out", str(out)]) == 0
    assert "已填写 2 行" in capsys.readouterr().out
    t = docx.Document(str(out)).tables[0]
    assert [c.text for c in t.rows[0].cells] == ROWS[0] + ["完成情况"]
    assert t.rows[1].cells[4].text.splitlines()[0] == f"已完成（{DONE:%Y年%m月%d日}完成）"
    assert t.rows[2].cells[4].text.startswith(("推进中", "逾期")) and t.rows[3].cells[4].text == ""
    assert [[c.text for c in r.cells[:4]] for r in t.rows] == ROWS  # the office's cells untouched
    assert docx.Document(str(out)).paragraphs[0].text == TITLE


def test_fill_back_refuses_to_overwrite_the_original_or_change_its_format(tmp_path, capsys):
    src, data = _imported(tmp_path, ROWS)
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", str(src), "--out", str(src)]) != 0
    assert "不要覆盖" in capsys.readouterr().err
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", str(src), "--out", str(tmp_path / "x.docx")]) != 0
    assert "也应保存为 .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_rows_the_file_no_longer_has_are_named_not_written_elsewhere(tmp_path, capsys):
    src, data = _imported(tmp_path, ROWS)
    wb = openpyxl.load_workbook(src)
    wb.active.cell(4, 2).value = "做好低保信息公开（已改）"  # the office edited row 2 since
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    out = tmp_path / "填报.xlsx"
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", str(edited), "--out", str(out)]) == 1
    text = capsys.readouterr().out
    assert "已填写 1 行" in text and "找不到 1 项" in text and "做好社会救助信息公开" in text
    ws = openpyxl.load_workbook(out).active
    assert ws.cell(4, 5).value is None


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_the_filled_file_opens_in_libreoffice(tmp_path, fmt):
    import shutil
    import subprocess
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed here")
    src, data = _imported(tmp_path, ROWS, fmt=fmt)
    out = tmp_path / f"填报.{fmt}"
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", str(src), "--out", str(out)]) == 0
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(out)],
                   check=True, capture_output=True, timeout=120, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert (tmp_path / "pdf" / f"填报.pdf").stat().st_size > 1000
