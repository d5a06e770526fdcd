"""填回原表 (issue 22, “Report back in the office's own table”): real corpus lists (tests/fixtures/tasklists, each
naming its published source) imported, progress recorded, and the office's own file filled back. Every original
cell must come back unchanged — values, merges, widths, fonts — and the unit's progress stand in the cells written
down here by hand from each list's layout (its JSON description), nowhere else."""

from __future__ import annotations

from locations import TESTS

import copy
import datetime as dt
import importlib.util
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from gwdesk import cli
from gwdesk.core.tasks import fill_back, originals, service, tracking
from gwdesk.errors import GwdeskError, ImportRejected
from gwdesk.io import fillback, tasklist
from xlsx_print import needs_libreoffice

HERE = TESTS
CORPUS = HERE / "fixtures" / "tasklists"
_spec = importlib.util.spec_from_file_location("corpus_build_fb", CORPUS / "build.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)
TODAY = dt.date(2026, 11, 20)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def desc(name: str, merge_down: tuple[int, int] | None = None) -> dict:
    """A corpus description; `merge_down` (row, col) makes that cell merged with the one above (“^”)."""
    d = json.loads((CORPUS / f"{name}.json").read_text("utf-8"))
    if merge_down:
        d = copy.deepcopy(d)
        r, c = merge_down
        d["tables"][0]["rows"][r][c] = "^"
        d["id"] = name + "_merged"
    return d


def build(tmp_path: Path, d: dict) -> Path:
    out = tmp_path / "office"
    out.mkdir(exist_ok=True)
    return corpus.build(d, out)


def import_list(path: Path) -> int:
    try:
        parsed = tasklist.read(path)
    except tasklist.SheetChoiceNeeded as e:
        parsed = tasklist.read(path, sheet=next(s.name for s in e.sheets if s.has_header))
    r = service.import_parsed(parsed, accept_unsure=True, issuer=parsed.issuer or "下发单位",
                              year=parsed.year or 2022, as_new=True)
    originals.keep(r.list_id, path)
    return r.list_id


def record_progress(list_id: int, positions: list[int], evidence_dir: Path) -> dict[int, str]:
    """The unit's rows (by list position): the first done with a note, a web page and two files; the others
    under way with a note. Returns position → the text expected in the 完成情况 cell."""
    tasks = tracking.tasks(list_id)
    ids = [tasks[p - 1].id for p in positions]
    tracking.set_roles(ids, "责任")
    minutes = evidence_dir / "会议纪要.docx"
    photo = evidence_dir / "IMG_0001.jpg"
    minutes.write_bytes(b"minutes")
    photo.write_bytes(b"photo")
    first = ids[0]
    tracking.add_progress(first, "召开专题会议部署", noted_on=dt.date(2026, 3, 5), today=TODAY)
    tracking.add_progress(first, "6月在政府网站公开。", noted_on=dt.date(2026, 6, 20), today=TODAY)
    tracking.set_status(first, "已完成", done_on=dt.date(2026, 6, 20), today=TODAY)
    tracking.add_url(first, "https://www.example.gov.cn/zwgk/1.html")
    tracking.add_file(first, minutes)
    tracking.add_file(first, photo)
    expected = {positions[0]: "已完成（2026年6月20日）\n3月5日，召开专题会议部署；6月在政府网站公开。\n"
                              "相关信息已在网站公开，留存会议纪要、照片一张等佐证材料。"}
    for p, tid in zip(positions[1:], ids[1:]):
        tracking.add_progress(tid, f"第{p}项已起草方案", noted_on=dt.date(2026, 9, 1), today=TODAY)
        expected[p] = f"推进中\n9月1日，第{p}项已起草方案。"
    return expected


def fill(list_id: int, out: Path, all_rows: bool = False) -> fillback.FillReport:
    tl = tracking.pick_list(list_id)
    items = fill_back.items(list_id, today=TODAY, all_rows=all_rows)
    return fillback.write(originals.stored(list_id), out, items, sheet=tl.sheet)


# ---- what must not change ------------------------------------------------------------------------------------
def _font(c):
    f = c.font
    return (f.name, f.sz, f.b, f.i, f.u, f.color.rgb if f.color is not None else None)


def _border(c):
    b = c.border
    return tuple((s.style if s is not None else None) for s in (b.left, b.right, b.top, b.bottom))


def check_xlsx(original: Path, filled: Path, written: dict[tuple[int, int], str], added_col: int | None):
    """Every original cell as it was (value, font, border, fill), except the value of the cells written; the same
    merges (a line across the whole table runs across the added column too); the same column widths."""
    a = openpyxl.load_workbook(original).active
    b = openpyxl.load_workbook(filled).active
    assert b.title == a.title
    for row in a.iter_rows(min_row=1, max_row=a.max_row, max_col=a.max_column):
        for ca in row:
            cb = b.cell(ca.row, ca.column)
            if (ca.row, ca.column) in written:
                assert cb.value == written[(ca.row, ca.column)], (ca.coordinate, cb.value)
            else:
                assert cb.value == ca.value, ca.coordinate
            assert _font(cb) == _font(ca) and _border(cb) == _border(ca), ca.coordinate
            assert cb.fill.fgColor.rgb == ca.fill.fgColor.rgb, ca.coordinate
    # nothing written anywhere else
    for row in b.iter_rows(min_row=1, max_row=b.max_row, max_col=b.max_column):
        for cb in row:
            if cb.value is not None and (cb.row > a.max_row or cb.column > a.max_column):
                assert (cb.row, cb.column) in written or (cb.column == added_col and cb.value == "完成情况"), \
                    cb.coordinate
    old = {str(r) for r in a.merged_cells.ranges}
    new = {str(r) for r in b.merged_cells.ranges}
    if added_col is None:
        assert new == old
    else:
        letter = openpyxl.utils.get_column_letter(added_col)
        last = openpyxl.utils.get_column_letter(added_col - 1)
        extended = {r for r in old if r.startswith("A") and r.split(":")[1].rstrip("0123456789") == last
                    and r.split(":")[0][1:] == r.split(":")[1][1:]}
        assert {r.replace(f":{last}", f":{letter}") for r in extended} | (old - extended) <= new
        assert len(new - old) <= len(extended) + 1  # the extended lines and the added header's own merge
    for col, dim in a.column_dimensions.items():
        assert b.column_dimensions[col].width == dim.width, col
    for r, dim in a.row_dimensions.items():  # a row only ever grows, to show what was written
        if dim.height is not None:
            assert b.row_dimensions[r].height >= dim.height


def _tables(doc) -> list:
    return [el for el in doc.element.body if el.tag == W + "tbl"]


def _cells(tbl) -> list[list]:
    return [tr.findall(W + "tc") for tr in tbl.findall(W + "tr")]


def _text(tc) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in tc.findall(W + "p"))


def _rprs(tc) -> list[str]:
    from lxml import etree
    return [etree.tostring(r) for r in tc.iter(W + "rPr")]


def _merge_of(tc) -> tuple:
    pr = tc.find(W + "tcPr")
    if pr is None:
        return (None, None)
    gs, vm = pr.find(W + "gridSpan"), pr.find(W + "vMerge")
    return (gs.get(W + "val") if gs is not None else None,
            (vm.get(W + "val") or "continue") if vm is not None else None)


def check_docx(original: Path, filled: Path, written: dict[tuple[int, int, int], str], added: bool):
    """Every paragraph outside the tables as it was; every table cell's text, fonts and merges as they were (cells
    written: their text and fonts only), a row across the whole table widened by the added column; the grid's
    widths as they were (or, with a column added, all narrowed by one factor at most)."""
    import docx
    a, b = docx.Document(str(original)), docx.Document(str(filled))
    assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]
    ta, tb = _tables(a), _tables(b)
    assert len(ta) == len(tb)
    for ti, (x, y) in enumerate(zip(ta, tb)):
        rows_a, rows_b = _cells(x), _cells(y)
        assert len(rows_a) == len(rows_b)
        ncols = len(x.find(W + "tblGrid").findall(W + "gridCol"))
        for ri, (ra, rb) in enumerate(zip(rows_a, rows_b)):
            assert len(rb) in (len(ra), len(ra) + (1 if added else 0)), (ti, ri)
            for ci, (ca, cb) in enumerate(zip(ra, rb)):
                want = written.get((ti, ri, ci))
                if want is not None:
                    assert _text(cb) == want, (ti, ri, ci, _text(cb))
                    assert all(r == _rprs(ca)[0] for r in _rprs(cb)) if _rprs(ca) else True
                    continue
                assert _text(cb) == _text(ca), (ti, ri, ci)
                assert _rprs(cb) == _rprs(ca), (ti, ri, ci)
                span_a, span_b = _merge_of(ca), _merge_of(cb)
                if added and len(ra) == 1 and len(rb) == 1:  # a line across the table: across the new column too
                    assert int(span_b[0]) == ncols + 1
                else:
                    assert span_b == span_a, (ti, ri, ci)
        wa = [int(g.get(W + "w")) for g in x.find(W + "tblGrid").findall(W + "gridCol")]
        wb = [int(g.get(W + "w")) for g in y.find(W + "tblGrid").findall(W + "gridCol")]
        if not added:
            assert wa == wb
        else:
            scale = {round(n / o, 2) for o, n in zip(wa, wb) if o}
            assert len(scale) == 1 and max(scale) <= 1.0  # one factor for all: proportions kept


# ---- xlsx ---------------------------------------------------------------------------------------------------
def test_xlsx_own_progress_column_in_the_middle(store, tmp_path):
    """绍兴市2020年重点工作进展情况表: its own 进展情况 (column C, already filled by the office's compiler) takes the
    unit's progress on its rows only; the other rows keep the text they had."""
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout"))
    lid = import_list(src)
    expected = record_progress(lid, [1, 3], tmp_path)
    out = tmp_path / "填报.xlsx"
    report = fill(lid, out)
    assert (report.column, report.added, report.filled, report.missing) == ("进展情况", False, 2, [])
    # above: 1 title line → header on row 2, task 1 on row 3, task 3 on row 5; 进展情况 is column C
    check_xlsx(src, out, {(3, 3): expected[1], (5, 3): expected[3]}, None)
    assert openpyxl.load_workbook(out).active["C3"].alignment.wrap_text


def test_xlsx_column_added_after_a_two_row_header(store, tmp_path):
    """青浦区教育局基层政务公开标准目录 (12 columns, a two-row header, merged 序号 and 一级事项): 完成情况 is added as
    column M, its header across both header rows, drawn like column L; the title line runs across it too."""
    src = build(tmp_path, desc("sh_qingpu_2023_holdout"))
    wb = openpyxl.load_workbook(src)
    wb.active.print_area = "A1:L7"  # the office set what prints
    wb.save(src)
    lid = import_list(src)
    expected = record_progress(lid, [1, 3], tmp_path)
    out = tmp_path / "填报.xlsx"
    report = fill(lid, out)
    assert (report.column, report.added, report.filled) == ("完成情况", True, 2)
    assert openpyxl.load_workbook(out).active.print_area.endswith("$A$1:$M$7")  # and prints the new column too
    # title row 1, header rows 2–3, tasks on rows 4–7; the unit's are the 1st (row 4) and the 3rd (row 6)
    check_xlsx(src, out, {(4, 13): expected[1], (6, 13): expected[3]}, 13)
    ws = openpyxl.load_workbook(out).active
    assert ws["M2"].value == "完成情况" and "M2:M3" in {str(r) for r in ws.merged_cells.ranges}
    assert "A1:M1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["M5"].value is None and ws["M7"].value is None  # not the unit's rows
    assert _border(ws["M5"]) == _border(ws["L5"]) and _font(ws["M4"]) == _font(ws["L4"])
    assert ws.column_dimensions["M"].width >= ws.column_dimensions["L"].width


def test_xlsx_merged_progress_cell_written_once_in_its_top_left(store, tmp_path):
    """The office merged 进展情况 over tasks 1 and 2 (C3:C4): both tasks' progress goes once into C3, numbered."""
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout", merge_down=(2, 2)))
    lid = import_list(src)
    expected = record_progress(lid, [1, 2], tmp_path)
    out = tmp_path / "填报.xlsx"
    report = fill(lid, out)
    assert report.filled == 1
    check_xlsx(src, out, {(3, 3): f"1. {expected[1]}\n2. {expected[2]}"}, None)
    assert "C3:C4" in {str(r) for r in openpyxl.load_workbook(out).active.merged_cells.ranges}


def test_all_rows_writes_every_task_row(store, tmp_path):
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout"))
    lid = import_list(src)
    expected = record_progress(lid, [2], tmp_path)
    out = tmp_path / "全部.xlsx"
    report = fill(lid, out, all_rows=True)
    n = len(tracking.tasks(lid))
    assert report.filled == n
    ws = openpyxl.load_workbook(out).active
    assert ws["C4"].value == expected[2] and ws["C3"].value == "未启动"


# ---- docx ---------------------------------------------------------------------------------------------------
def test_docx_own_column_with_merged_rows(store, tmp_path):
    """南平市2021年政务公开工作要点分工 (Word, merged category lines, 落实情况 as its last column): the unit's
    rows' 落实情况 cells get its progress; every other cell as the office made it."""
    src = build(tmp_path, desc("fj_nanping_2021"))
    lid = import_list(src)
    expected = record_progress(lid, [1, 5], tmp_path)
    out = tmp_path / "填报.docx"
    report = fill(lid, out)
    assert (report.column, report.added, report.filled, report.missing) == ("落实情况", False, 2, [])
    # table rows: 0 header, 1–2 category lines, 3–5 tasks 1–3, 6 a category line, 7 task 4, 8 task 5 (its 工作要求
    # merged into 工作任务: 4 cells, 落实情况 the 4th)
    check_docx(src, out, {(0, 3, 4): expected[1], (0, 8, 3): expected[5]}, added=False)


def test_docx_merged_progress_cell_written_once(store, tmp_path):
    """落实情况 merged over tasks 1 and 2 (vMerge): written once, in the merge's first cell."""
    src = build(tmp_path, desc("fj_nanping_2021", merge_down=(4, 4)))
    lid = import_list(src)
    expected = record_progress(lid, [1, 2], tmp_path)
    out = tmp_path / "填报.docx"
    report = fill(lid, out)
    assert report.filled == 1
    check_docx(src, out, {(0, 3, 4): f"1. {expected[1]}\n2. {expected[2]}"}, added=False)


def test_docx_two_tables_each_get_the_added_column(store, tmp_path):
    """台山市政务公开工作要点 (two Word tables, the second without a header): 完成情况 is added to both tables
    (header in the first), each task's progress in its own table's row."""
    src = build(tmp_path, desc("gd_taishan_gkgd_holdout"))
    lid = import_list(src)
    expected = record_progress(lid, [3, 4], tmp_path)
    out = tmp_path / "填报.docx"
    report = fill(lid, out)
    assert (report.column, report.added, report.filled, report.missing) == ("完成情况", True, 2, [])
    # task 3: table 1 row 3; task 4: table 2 row 0; the new cell is the 5th (index 4)
    check_docx(src, out, {(0, 3, 4): expected[3], (1, 0, 4): expected[4], (0, 0, 4): "完成情况"}, added=True)


def test_docx_title_row_and_two_row_header(store, tmp_path):
    """大姚县石羊镇基层政务公开标准目录 (title as a merged row inside the table, a two-row header): the title row is
    widened over the new column, the new header spans both header rows (vMerge), the unit's rows filled."""
    src = build(tmp_path, desc("yn_dayao_2023_holdout"))
    lid = import_list(src)
    expected = record_progress(lid, [2], tmp_path)
    out = tmp_path / "填报.docx"
    report = fill(lid, out)
    assert report.added and report.filled == 1
    # rows: 0 title, 1–2 header, 3 task 1, 4 task 2 (its 序号 row has 12 cells: 14 columns with two merged)
    import docx
    t = _tables(docx.Document(str(out)))[0]
    rows = _cells(t)
    assert _text(rows[1][-1]) == "完成情况" and _merge_of(rows[1][-1])[1] == "restart"
    assert _merge_of(rows[2][-1])[1] == "continue"
    assert _text(rows[4][-1]) == expected[2] and _text(rows[3][-1]) == ""
    check_docx(src, out, {(0, 1, len(rows[1]) - 1): "完成情况", (0, 4, len(rows[4]) - 1): expected[2]}, added=True)


# ---- a file that is not the list's own ---------------------------------------------------------------------------
def test_another_file_is_refused_naming_the_rows(store, tmp_path):
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout"))
    lid = import_list(src)
    other = build(tmp_path, desc("ah_shucheng_2024_holdout"))
    items = fill_back.items(lid, today=TODAY)
    with pytest.raises(ImportRejected) as e:
        fillback.same_list(other, items, sheet=tracking.pick_list(lid).sheet)
    assert "不是这份清单的原表" in e.value.message and "ah_shucheng_2024_holdout.xlsx" in e.value.message
    fillback.same_list(src, items, sheet=tracking.pick_list(lid).sheet)  # its own file passes


def test_never_over_the_original_and_same_format(store, tmp_path):
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout"))
    lid = import_list(src)
    stored = originals.stored(lid)
    before = stored.read_bytes()
    with pytest.raises(GwdeskError, match="不要覆盖"):
        fill(lid, stored)
    with pytest.raises(GwdeskError, match=r"\.xlsx"):
        fill(lid, tmp_path / "x.docx")
    assert stored.read_bytes() == before


# ---- command line: the kept original, an older list, backups ----------------------------------------------------
def test_cli_import_keeps_the_original_and_fill_back_uses_it(tmp_path, capsys):
    data = tmp_path / "d"
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout"))
    assert cli.main(["--data-dir", str(data), "tasks", "import", str(src), "--unit", "市发改委",
                     "--issuer", "绍兴市", "--year", "2020", "--accept-proposed"]) == 0
    kept = data / "evidence" / "lists" / "1" / src.name
    assert kept.read_bytes() == src.read_bytes()
    src.unlink()  # the office's file is gone from where it was: the kept copy is used
    out = tmp_path / "回报.xlsx"
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "原表的“进展情况”列" in said
    ws = openpyxl.load_workbook(out).active
    assert [ws.cell(r, 3).value for r in (3, 4, 5)] == ["未启动", "未启动", "未启动"]  # 市发改委's three rows
    # backups carry the kept file
    assert cli.main(["--data-dir", str(data), "backup", "--out", str(tmp_path / "all.zip")]) == 0
    import zipfile
    assert f"evidence/lists/1/{src.name}" in zipfile.ZipFile(tmp_path / "all.zip").namelist()


def test_on_a_shared_database_a_colleague_fills_back_the_list_one_clerk_imported(tmp_path, capsys, pg_url):
    """单位共享数据库: the original is kept in the database, so 填回原表 works on another clerk's computer."""
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout"))
    assert cli.main(["--db", pg_url, "--data-dir", str(tmp_path / "甲"), "tasks", "import", str(src),
                     "--unit", "市发改委", "--issuer", "绍兴市", "--year", "2020", "--accept-proposed"]) == 0
    assert not (tmp_path / "甲" / "evidence" / "lists").exists()  # not in the importing clerk's own folder
    body = src.read_bytes()
    src.unlink()
    out = tmp_path / "回报.xlsx"
    capsys.readouterr()
    assert cli.main(["--db", pg_url, "--data-dir", str(tmp_path / "乙"), "tasks", "fill-back", "--out", str(out)]) == 0
    assert "原表的“进展情况”列" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out).active
    assert [ws.cell(r, 3).value for r in (3, 4, 5)] == ["未启动", "未启动", "未启动"]
    kept = next((tmp_path / "乙" / "shared").rglob(src.name))  # the colleague's copy, read from the server
    assert kept.read_bytes() == body


def test_cli_list_imported_before_copies_asks_for_the_file(tmp_path, capsys):
    data = tmp_path / "d"
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout"))
    assert cli.main(["--data-dir", str(data), "tasks", "import", str(src), "--issuer", "绍兴市", "--year", "2020",
                     "--accept-proposed"]) == 0
    shutil.rmtree(data / "evidence" / "lists")  # as a list imported before gwdesk kept originals
    capsys.readouterr()
    out = tmp_path / "回报.xlsx"
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", "--out", str(out)]) == 2
    assert "--original" in capsys.readouterr().err and not out.exists()
    other = build(tmp_path, desc("ah_shucheng_2024_holdout"))
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", "--out", str(out), "--original", str(other)]) == 2
    assert "不是这份清单的原表" in capsys.readouterr().err and not out.exists()
    assert not (data / "evidence" / "lists").exists()
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", "--out", str(out), "--original", str(src),
                     "--all-rows"]) == 0
    assert "已核对并保存原表" in capsys.readouterr().out
    assert (data / "evidence" / "lists" / "1" / src.name).is_file()
    assert openpyxl.load_workbook(out).active["C3"].value == "未启动"


# ---- printed through LibreOffice -----------------------------------------------------------------------------
@needs_libreoffice
def test_filled_lists_print_through_libreoffice(store, tmp_path):
    """An xlsx with the column added and a Word list with its own column, converted to PDF: the header and the
    whole progress text are on the page — LibreOffice leaves out a line that falls below a cell's bottom edge, so
    the row grew enough (the pages were also looked at as pictures when this was written: pdftoppm -r 50)."""
    from xlsx_print import raw_text, to_pdf
    for name, suffix in (("sh_qingpu_2023_holdout", ".xlsx"), ("fj_nanping_2021", ".docx")):
        src = build(tmp_path, desc(name))
        lid = import_list(src)
        record_progress(lid, [1], tmp_path)
        out = tmp_path / f"填报{suffix}"
        fill(lid, out)
        text = raw_text(to_pdf(out))
        assert ("已完成（2026年6月20日）3月5日，召开专题会议部署；6月在政府网站公开。"
                "相关信息已在网站公开，留存会议纪要、照片一张等佐证材料。") in text
        assert ("完成情况" if suffix == ".xlsx" else "落实情况") in text


def test_cli_revision_keeps_the_new_file_and_only_the_units_rows(tmp_path, capsys):
    """梁平区2021年任务清单 for 区民政局, then its revision (task 17 gone, 19 new): the revised file is the one kept
    and filled; row 9 (task 3, 区规划自然资源局's alone: 不涉及) stays empty, row 28 (task 15, 区民政局 牵头) is
    filled, and nothing is written for the removed task."""
    data = tmp_path / "d"
    lp = HERE / "fixtures" / "tasks"
    for f in ("lp2021.xlsx", "lp2021_revised.xlsx"):
        assert cli.main(["--data-dir", str(data), "tasks", "import", str(lp / f), "--unit", "区民政局"]) == 0
    folder = data / "evidence" / "lists" / "1"
    assert [p.name for p in folder.iterdir()] == ["lp2021_revised.xlsx"]
    out = tmp_path / "回报.xlsx"
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", "--out", str(out)]) == 0
    assert "新增的最后一列“完成情况”" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out).active
    assert ws["G4"].value == "完成情况" and ws["G9"].value is None and ws["G28"].value == "未启动"
    filled = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 7).value]
    assert 28 in filled and 9 not in filled and len(filled) == len(set(filled))
    assert cli.main(["--data-dir", str(data), "tasks", "fill-back", "--out", str(tmp_path / "all.xlsx"),
                     "--all-rows"]) == 0
    ws = openpyxl.load_workbook(tmp_path / "all.xlsx").active
    rows = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 7).value]
    assert len(rows) == 18 and 9 in rows  # 18 live tasks of the revision, each once


def test_the_imported_sheet_of_a_workbook_is_filled_the_others_left_alone(store, tmp_path):
    """A workbook of three sheets (填报说明, 任务清单, 补充任务), the 补充任务 sheet imported: its rows 3–5 get the
    column, the other sheets stay as they were."""
    src = HERE / "fixtures" / "tasks" / "multi_sheet.xlsx"
    parsed = tasklist.read(src, sheet="补充任务")
    lid = service.import_parsed(parsed, accept_unsure=True, issuer="梁平区", year=2021, as_new=True).list_id
    originals.keep(lid, src)
    expected = record_progress(lid, [1, 3], tmp_path)
    out = tmp_path / "填报.xlsx"
    report = fill(lid, out)
    assert report.added and report.filled == 2
    a, b = openpyxl.load_workbook(src), openpyxl.load_workbook(out)
    assert b.sheetnames == a.sheetnames
    for name in ("填报说明", "任务清单"):
        assert [list(r) for r in b[name].iter_rows(values_only=True)] == [list(r) for r in a[name].iter_rows(values_only=True)]
    ws = b["补充任务"]
    assert (ws["F2"].value, ws["F3"].value, ws["F4"].value, ws["F5"].value) == ("完成情况", expected[1], None, expected[3])


def test_a_list_written_as_paragraphs_is_refused_with_what_to_do(store, tmp_path):
    """滁州市2020年要点 (Word paragraphs, no table): there is no table to fill; the clerk is told so, nothing written."""
    src = build(tmp_path, desc("ah_chuzhou_2020_holdout"))
    lid = import_list(src)
    out = tmp_path / "填报.docx"
    with pytest.raises(ImportRejected, match="正文段落，没有表格"):
        fill(lid, out, all_rows=True)
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_header_repeated_down_the_table_gets_the_added_header_too(store, tmp_path, fmt):
    """大竹县2016年民生实事 with its header typed again after item 5 (as offices do before a page break): the added
    完成情况 heads both header rows; the items below it are found and filled."""
    d = desc("sc_dazhu_2016_holdout")
    rows = d["tables"][0]["rows"]
    rows.insert(7, list(rows[0]))  # the header again, before item 6
    d["format"], d["id"] = fmt, f"dazhu_repeated_{fmt}"
    src = build(tmp_path, d)
    lid = import_list(src)
    n = len(tracking.tasks(lid))
    out = tmp_path / f"填报.{fmt}"
    report = fill(lid, out, all_rows=True)
    assert report.added and report.filled == n and not report.missing
    if fmt == "xlsx":  # 2 lines above: header on row 3, again on row 10
        ws = openpyxl.load_workbook(out).active
        assert (ws["E3"].value, ws["E10"].value, ws["E11"].value) == ("完成情况", "完成情况", "未启动")
    else:
        import docx
        t = docx.Document(str(out)).tables[0]
        assert (t.rows[0].cells[4].text, t.rows[7].cells[4].text, t.rows[8].cells[4].text) == \
            ("完成情况", "完成情况", "未启动")


def test_a_shape_in_the_workbook_is_said_not_lost_unseen(store, tmp_path):
    """openpyxl carries pictures over but not shapes: a list with a picture (a logo) comes back with it and nothing to
    say; a list with a text box is filled and the clerk told the box is not in the copy."""
    import zipfile

    from openpyxl.drawing.image import Image
    from PIL import Image as Pil
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout"))
    png = tmp_path / "logo.png"
    Pil.new("RGB", (20, 20), "red").save(png)
    wb = openpyxl.load_workbook(src)
    wb.active.add_image(Image(str(png)), "F1")
    wb.save(src)
    lid = import_list(src)
    out = tmp_path / "填报.xlsx"
    assert fill(lid, out).notes == []
    assert any(n.startswith("xl/media/") for n in zipfile.ZipFile(out).namelist())  # the picture is there
    boxed = tmp_path / "boxed.xlsx"  # the same file with a text box beside the picture
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(boxed, "w") as b:
        for n in a.namelist():
            data = a.read(n)
            if n == "xl/drawings/drawing1.xml":
                box = (b'<absoluteAnchor><pos x="0" y="0"/><ext cx="9" cy="9"/><sp macro="" textlink="">'
                       b'<nvSpPr><cNvPr id="9" name="TextBox 1"/><cNvSpPr txBox="1"/></nvSpPr><spPr/></sp>'
                       b'<clientData/></absoluteAnchor>')
                assert b"</wsDr>" in data
                data = data.replace(b"</wsDr>", box + b"</wsDr>")
            b.writestr(n, data)
    report = fillback.write(boxed, tmp_path / "boxed-out.xlsx", fill_back.items(lid, today=TODAY),
                            sheet=tracking.pick_list(lid).sheet)
    assert report.notes and "文本框" in report.notes[0] and report.filled == 0


def test_the_progress_column_is_found_by_its_header_words_alone():
    """Stage test of locate.progress_column: 完成情况/落实情况/进展情况/推进落实情况 are the unit's column; a header that
    also names another field (“完成时限及完成情况”, “责任单位落实情况”) is the office's and never written into."""
    from gwdesk.io.fillback.locate import Table, header_band, progress_column

    def column(*header):
        t = Table(0, [["标题"] * len(header), list(header), ["1", "做好政务公开", "县民政局", ""]], [1, 2, 3])
        band = header_band(t, 2)
        assert band == [1]  # the title line (one text across the table) is no header
        return progress_column(t, band)[0]

    assert column("序号", "工作任务", "责任单位", "推进落实情况") == 3
    assert column("序号", "工作任务", "进展情况", "备注") == 2
    assert column("序号", "工作任务", "责任单位", "备注") is None
    assert column("序号", "工作任务", "责任单位", "完成时限及完成情况") is None
    assert column("序号", "工作任务", "责任单位落实情况", "完成时限") is None


def test_locate_tells_twins_apart_by_order_and_never_guesses():
    """Stage test of locate.locate: the same wording in two Word tables (a table per category) goes to each table in
    list order; a row renumbered is found by its text after the task before it; a task whose text is nowhere is
    missing, not put on a row that merely has its number."""
    from types import SimpleNamespace as Item

    from gwdesk.io.fillback.locate import Table, locate

    head = ["序号", "工作任务", "责任单位"]
    t1 = Table(0, [head, ["1", "做好政策解读", "县民政局"], ["2", "公开财政预决算", "县财政局"]], [1, 2, 3])
    t2 = Table(1, [head, ["3", "做好政策解读", "县民政局"], ["4", "（一）回应社会关切", "县民政局"]], [1, 2, 3])
    items = [Item(source_row=2, task="做好政策解读", measure=""), Item(source_row=3, task="公开财政预决算", measure=""),
             Item(source_row=2, task="做好政策解读", measure=""), Item(source_row=9, task="回应社会关切", measure=""),
             Item(source_row=3, task="做好依申请公开", measure="")]
    places, missing = locate([t1, t2], items)
    got = [(places[id(i)].table, places[id(i)].row) if id(i) in places else None for i in items]
    assert got == [(0, 1), (0, 2), (1, 1), (1, 2), None] and missing == [items[4]]


def test_a_row_not_found_is_named_and_written_nowhere(store, tmp_path):
    """The file's row for task 3 no longer holds its text (edited since): tasks 1 and 2 are filled, task 3 is named
    in the report and its text written nowhere."""
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout"))
    lid = import_list(src)
    expected = record_progress(lid, [1, 2, 3], tmp_path)
    wb = openpyxl.load_workbook(src)
    wb.active["B5"].value = "（已改）另一项工作"
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    items = fill_back.items(lid, today=TODAY)
    report = fillback.write(edited, tmp_path / "out.xlsx", items, sheet=tracking.pick_list(lid).sheet)
    assert report.filled == 2 and len(report.missing) == 1 and report.missing[0].startswith("3 ")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    assert (ws["C3"].value, ws["C4"].value) == (expected[1], expected[2])
    assert expected[3] not in [c.value for row in ws.iter_rows() for c in row]
