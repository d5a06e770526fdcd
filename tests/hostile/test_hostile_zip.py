"""Zip bombs and formula cells: every xlsx/docx gwdesk reads (task lists, ledgers, 表二 workbooks) is measured
before parsing — a 1 MB file that expands to 1 GiB, or a shared-strings table of millions of strings, is
refused with a Chinese message naming the file, using little memory; a formula without a computed value
is reported by sheet and cell instead of being read as an empty cell."""

from __future__ import annotations

from locations import ROOT

import io
import random
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from bomb_support import bomb_member, replace_member, shared_strings_bomb, sheet_bomb
from fuzz_support import SEED
from gwdesk.errors import ImportRejected

ROOT = ROOT
TASKS = ROOT / "tests/fixtures/tasks"
MB = 1 << 20


def _refused(read, path: Path) -> ImportRejected:
    """`read(path)` must raise ImportRejected naming the file, allocating well under 300 MB (Python heap)."""
    tracemalloc.start()
    try:
        with pytest.raises(ImportRejected) as e:
            read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert path.name in e.value.message and ("解压" in e.value.message or "压缩" in e.value.message), e.value.message
    assert peak < 50 * MB, f"{peak / MB:.0f} MB allocated before refusing"
    return e.value


def _readers():
    from gwdesk.io import ledger_xlsx, report_xlsx, tasklist
    return {"task list": tasklist.read, "ledger": ledger_xlsx.read, "表二": report_xlsx.read,
            "sheets": tasklist.list_sheets}


def _openpyxl_book(tmp_path) -> bytes:
    """A small workbook with a sharedStrings part (openpyxl writes one), shaped like a ledger."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["编号", "收到日期", "申请人类型", "申请人姓名或名称", "申请内容"])
    ws.append(["2026-001", "2026-01-05", "自然人", "张三", "文件"])
    p = tmp_path / "small.xlsx"
    wb.save(p)
    return p.read_bytes()


@pytest.mark.parametrize("reader", ["task list", "ledger", "表二", "sheets"])
def test_a_1mb_xlsx_expanding_to_1gib_is_refused(tmp_path, reader):
    path = tmp_path / "一吉字节.xlsx"
    path.write_bytes(sheet_bomb((TASKS / "lp2021.xlsx").read_bytes(), gib=1.0))
    assert path.stat().st_size < 2 * MB
    _refused(_readers()[reader], path)


@pytest.mark.parametrize("reader", ["task list", "ledger", "表二"])
def test_a_shared_strings_bomb_is_refused(tmp_path, reader):
    path = tmp_path / "共享字符串.xlsx"
    path.write_bytes(shared_strings_bomb(_openpyxl_book(tmp_path)))
    _refused(_readers()[reader], path)


def test_a_docx_task_list_expanding_to_1gib_is_refused(tmp_path):
    from gwdesk.io import tasklist
    src = (TASKS / "lp2021.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        xml = z.read("word/document.xml")
    head, _, tail = xml.partition(b"</w:body>")
    path = tmp_path / "清单.docx"
    path.write_bytes(replace_member(src, "word/document.xml", bomb_member(head, b" " * MB, 1024, b"</w:body>" + tail)))
    _refused(tasklist.read, path)


def test_random_members_inflated_are_refused_by_every_reader(tmp_path):
    """Generator: any part of each kind of file (task xlsx/docx, ledger, 表二) blown up past the limits."""
    from gwdesk.io import ledger_xlsx, report_xlsx, tasklist
    rng = random.Random(f"{SEED}-zipbomb")
    ledger_src = _openpyxl_book(tmp_path)
    template = report_xlsx.write_template(tmp_path / "t.xlsx").read_bytes()
    cases = [(tasklist.read, (TASKS / "lp2021.xlsx").read_bytes(), ".xlsx"),
             (tasklist.read, (TASKS / "lp2021.docx").read_bytes(), ".docx"),
             (ledger_xlsx.read, ledger_src, ".xlsx"), (report_xlsx.read, template, ".xlsx")]
    for k, (read, src, suffix) in enumerate(cases):
        with zipfile.ZipFile(io.BytesIO(src)) as z:
            names = z.namelist()
        for name in rng.sample(names, 3):
            mb = rng.choice([70, 150, 300])
            filler = rng.choice([b" " * MB, b"<x/>" * (MB // 4), b"\x00" * MB])
            path = tmp_path / f"bomb{k}-{name.replace('/', '_')}{suffix}"
            path.write_bytes(replace_member(src, name, bomb_member(b"", filler, mb, b"")))
            _refused(read, path)


def test_ordinary_workbooks_pass_the_guard(tmp_path):
    from gwdesk.io import zipguard
    for p in [*TASKS.glob("*.xlsx"), *TASKS.glob("*.docx")]:
        zipguard.check(p)  # nothing real comes near the limits
    big = tmp_path / "big.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(5000):
        ws.append([f"2026-{i:05d}", "2026-01-05", "自然人", "张三", "某某文件" * 5, None, "备注"])
    wb.save(big)
    zipguard.check(big)


# ---- formula cells without a cached value ----------------------------------------------------------

def test_ledger_formula_cells_without_values_are_named_by_cell(ctx, tmp_path):
    from gwdesk.io import ledger_xlsx
    from gwdesk.store.applications_models import Application
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["编号", "收到日期", "申请人类型", "申请人姓名或名称", "申请内容"])
    ws.append(["2026-001", "2026-01-05", "自然人", "张三", "文件"])
    ws.append(["=A2&\"x\"", "2026-01-06", "自然人", "李四", "=E2"])
    p = tmp_path / "公式台账.xlsx"
    wb.save(p)  # openpyxl stores formulas without computed values
    with pytest.raises(ImportRejected) as e:
        ledger_xlsx.import_ledger(p)
    assert "公式台账.xlsx" in e.value.message and "工作表“台账”A3" in e.value.message and "E3" in e.value.message
    assert Application.select().count() == 0


def test_task_list_formula_cells_without_values_are_named_by_cell(tmp_path):
    from gwdesk.io import tasklist
    wb = openpyxl.load_workbook(TASKS / "lp2021.xlsx")
    ws = wb.worksheets[0]
    last = ws.max_row
    ws.cell(last, 2).value = "=B4"
    p = tmp_path / "公式清单.xlsx"
    wb.save(p)
    with pytest.raises(ImportRejected) as e:
        tasklist.read(p)
    assert "公式清单.xlsx" in e.value.message and f"B{last}" in e.value.message


def test_formulas_with_cached_values_pass(tmp_path):
    """A formula Excel has calculated carries its value (<v>): read as that value, not reported."""
    import re
    from gwdesk.io import zipguard
    src = (TASKS / "lp2021.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    cell = re.search(rb'<c r="([A-Z]+\d+)"[^>]*t="inlineStr"[^>]*>.*?</c>', xml, re.DOTALL)
    assert cell, "the fixture has inline strings"
    for body, expected in ((b'<f>"x"</f><v>x</v>', []), (b'<f>"x"</f>', [("Sheet1", cell[1].decode())])):
        edited = xml[:cell.start()] + b'<c r="' + cell[1] + b'" t="str">' + body + b"</c>" + xml[cell.end():]
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                zout.writestr(info.filename, edited if info.filename == "xl/worksheets/sheet1.xml" else zin.read(info))
        p = tmp_path / "cached.xlsx"
        p.write_bytes(out.getvalue())
        found = zipguard.formulas_without_values(p)
        assert [ref for _, ref in found] == [ref for _, ref in expected]


def test_millions_of_distinct_shared_strings_within_the_size_limits_are_refused(tmp_path):
    """Random one-character strings compress only ~10:1, so size and ratio alone let them through; 1.2 million
    of them would be 1.2 million Python objects in openpyxl. Counted in pieces before parsing."""
    import zlib
    from bomb_support import build_zip
    from gwdesk.io import ledger_xlsx, zipguard
    rng = random.Random(f"{SEED}-sst")
    block = b"".join(b"<si><t>" + chr(0x4E00 + rng.randrange(20000)).encode() + b"</t></si>" for _ in range(60_000))
    body = block * 20  # 1.1 MB blocks: past deflate's 32 KB window, so repeating them does not compress
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           b'2006/main">' + body + b"</sst>")
    assert len(sst) < zipguard.MAX_MEMBER
    src = _openpyxl_book(tmp_path)
    members = []
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        for info in z.infolist():
            data = z.read(info.filename)
            c = zlib.compressobj(1, zlib.DEFLATED, -15)
            members.append((info.filename, c.compress(data) + c.flush(), zlib.crc32(data), len(data)))
    c = zlib.compressobj(1, zlib.DEFLATED, -15)
    members.append(("xl/sharedStrings.xml", c.compress(sst) + c.flush(), zlib.crc32(sst), len(sst)))
    path = tmp_path / "字符串.xlsx"
    path.write_bytes(build_zip(members))
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/sharedStrings.xml")
        assert info.file_size < zipguard.MAX_RATIO * info.compress_size  # the ratio check alone passes it
    e = _refused_any(ledger_xlsx.read, path)
    assert "共享字符串" in e.message


def _refused_any(read, path: Path) -> ImportRejected:
    tracemalloc.start()
    try:
        with pytest.raises(ImportRejected) as e:
            read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert path.name in e.value.message and peak < 50 * MB, (e.value.message, peak)
    return e.value
