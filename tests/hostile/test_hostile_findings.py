"""Each crash the hostile-input suite found, pinned as a plain test (the fix lives in the importer)."""

from __future__ import annotations

from locations import ROOT

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from gwdesk.errors import GwdeskError, ImportRejected

ROOT = ROOT
TASKS = ROOT / "tests/fixtures/tasks"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _edit_member(src: Path, member: str, edit) -> bytes:
    """`src` as a new zip with `edit(bytes) -> bytes` applied to one member."""
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, edit(data) if info.filename == member else data)
    return out.getvalue()


def _last_cell_at(xml: bytes, ref: bytes) -> bytes:
    """The sheet with one more row holding a text cell at `ref` (e.g. b"A4294967296")."""
    row = re.match(rb"[A-Z]+(\d+)", ref).group(1)
    extra = b'<row r="' + row + b'"><c r="' + ref + b'" t="inlineStr"><is><t>x</t></is></c></row>'
    return xml.replace(b"</sheetData>", extra + b"</sheetData>")


def _rejected(fn, *args, **kw) -> ImportRejected:
    with pytest.raises(ImportRejected) as e:
        fn(*args, **kw)
    assert CJK.search(e.value.message), e.value.message
    return e.value


@pytest.fixture
def ledger_file(ctx, tmp_path):
    from gwdesk.core.applications import demo
    from gwdesk.io import ledger_xlsx
    demo.load(ctx)
    path = tmp_path / "ledger.xlsx"
    ledger_xlsx.export_ledger(path, ctx.today(), reveal=True)
    return path


# ---- xlsx: a row number in the billions made openpyxl build billions of empty rows (24 GB, OOM kill)

def test_task_xlsx_with_a_row_number_in_the_billions_reads_quickly(tmp_path):
    from gwdesk.io import tasklist
    bad = tmp_path / "rows.xlsx"
    bad.write_bytes(_edit_member(TASKS / "lp2021.xlsx", "xl/worksheets/sheet1.xml",
                                 lambda x: _last_cell_at(x, b"A4294967296")))
    t = time.monotonic()
    # a row past Excel's last (1,048,576) cannot exist: reading stops there instead of filling the gap
    assert len(tasklist.read(bad).tasks) == len(tasklist.read(TASKS / "lp2021.xlsx").tasks)
    assert time.monotonic() - t < 5


def test_task_xlsx_with_content_past_the_row_limit_is_rejected(tmp_path):
    from gwdesk.io import tasklist
    bad = tmp_path / "rows.xlsx"
    bad.write_bytes(_edit_member(TASKS / "lp2021.xlsx", "xl/worksheets/sheet1.xml",
                                 lambda x: _last_cell_at(x, b"A1000000")))
    e = _rejected(tasklist.read, bad)
    assert "rows.xlsx" in e.message and "第1000000行" in e.message


def test_ledger_xlsx_with_a_row_number_in_the_billions_is_rejected(ledger_file, tmp_path):
    from gwdesk.io import ledger_xlsx
    bad = tmp_path / "rows.xlsx"
    bad.write_bytes(_edit_member(ledger_file, "xl/worksheets/sheet1.xml", lambda x: _last_cell_at(x, b"B2000000")))
    e = _rejected(ledger_xlsx.import_ledger, bad)
    assert "rows.xlsx" in e.message


def test_xlsx_with_content_far_to_the_right_is_rejected(tmp_path):
    from gwdesk.io import tasklist
    bad = tmp_path / "cols.xlsx"
    bad.write_bytes(_edit_member(TASKS / "lp2021.xlsx", "xl/worksheets/sheet1.xml",
                                 lambda x: _last_cell_at(x, b"XFD500")))
    assert "列" in _rejected(tasklist.read, bad).message


def test_tasks_within_the_bounds_still_read_the_same(tmp_path):
    from gwdesk.io import tasklist
    ok = tmp_path / "stray.xlsx"  # a stray cell far down (formatting slips) is not a reason to refuse
    ok.write_bytes(_edit_member(TASKS / "lp2021.xlsx", "xl/worksheets/sheet1.xml",
                                lambda x: _last_cell_at(x, b"A60000")))
    assert len(tasklist.read(ok).tasks) == len(tasklist.read(TASKS / "lp2021.xlsx").tasks)


# ---- the ledger read a damaged sheet outside its try: openpyxl's ValueError / ParseError reached the clerk

@pytest.mark.parametrize("edit", [
    lambda x: x.replace(b'<c r="A5"', b'<c r="-1"', 1),
    lambda x: x[: len(x) // 2],
    lambda x: x.replace(b"<v>", b"<v>A1:A1048576", 1).replace(b't="n"', b"", 1),
])
def test_ledger_with_a_damaged_sheet_is_rejected(ledger_file, tmp_path, edit):
    from gwdesk.io import ledger_xlsx
    bad = tmp_path / "damaged.xlsx"
    bad.write_bytes(_edit_member(ledger_file, "xl/worksheets/sheet1.xml", edit))
    try:
        ledger_xlsx.import_ledger(bad)
    except GwdeskError as e:
        assert CJK.search(e.message) and "damaged.xlsx" in e.message


# ---- docx: a gridSpan that is not a number (ValueError) or is huge (memory)

@pytest.mark.parametrize("span", [b"NaN", b"$A$1:$C$3", b"0", b"4294967296"])
def test_docx_with_a_broken_grid_span_is_rejected(tmp_path, span):
    from gwdesk.io import tasklist
    bad = tmp_path / "span.docx"
    bad.write_bytes(_edit_member(TASKS / "lp2021.docx", "word/document.xml",
                                 lambda x: re.sub(rb'(<w:gridSpan w:val=")\d+(")', rb"\g<1>" + span + rb"\g<2>", x,
                                                  count=1)))
    assert "合并单元格" in _rejected(tasklist.read, bad).message


# ---- a zip whose directory names are not valid UTF-8 (UnicodeDecodeError from zipfile)

def test_zip_with_undecodable_member_names_is_rejected(tmp_path):
    from gwdesk.io import tasklist
    data = bytearray((TASKS / "lp2021.xlsx").read_bytes())
    central = data.rfind(b"PK\x01\x02")  # the last central-directory entry: set the UTF-8 flag, garble its name
    data[central + 8] |= 0x08
    name_at = central + 46
    data[name_at:name_at + 2] = b"\xda\xff"
    bad = tmp_path / "names.xlsx"
    bad.write_bytes(bytes(data))
    _rejected(tasklist.read, bad)


# ---- report JSON: 5,000-digit numbers and 5,000-deep nesting raised ValueError / RecursionError

@pytest.mark.parametrize("text", ['{"schema": "gwdesk.annual-report/1", "year": ' + "9" * 5000 + "}",
                                  "[" * 5000 + "]" * 5000, '{"a":' * 3000 + "1" + "}" * 3000])
def test_report_json_with_absurd_numbers_or_nesting_is_rejected(tmp_path, text):
    from gwdesk.io import report_json
    p = tmp_path / "absurd.json"
    p.write_text(text, encoding="utf-8")
    assert "absurd.json" in _rejected(report_json.read, p).message


# ---- form TOML: wrong-typed values passed the parser and crashed validation or printing

BASE_TOML = (ROOT / "forms/publication_review.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new", [
    ('title = "{unit}公文公开发布意见单"', 'title = "{}"'),
    ('title = "{unit}公文公开发布意见单"', 'title = "{unit:>999999999}"'),
    ('title = "{unit}公文公开发布意见单"', 'title = "{number}"'),
    ('label = "国家秘密"', "label = {a = 1}"),
    ('key = "art14_secret"', "key = 1979-05-27"),
    ('role = "拟稿人"', "role = 1.5"),
    ('key = "drafter"\nrole', 'key = ["a", 1]\nrole'),
    ('[workflow]', 'version = "a[0]"\n[workflow]'),
    ('[print]', '[print]\n[[print.x]]'),
])
def test_form_definition_with_wrong_typed_values_is_refused(tmp_path, profile, old, new):
    from gwdesk.core import formdef
    from gwdesk.render.layouts import review_form
    assert old in BASE_TOML, old
    p = tmp_path / "custom.toml"
    p.write_text(BASE_TOML.replace(old, new, 1), encoding="utf-8")
    try:
        d = formdef.parse_file(p)
    except formdef.FormDefError as e:
        assert CJK.search(e.message) and str(p) in e.message
        return
    review_form.build_blank(d, profile)  # accepted: then it must print


# ---- docx: a damaged namespace on the main part gave python-docx a bare element (AttributeError: body)

def test_docx_with_a_damaged_namespace_is_rejected(tmp_path):
    from gwdesk.io import tasklist
    bad = tmp_path / "ns.docx"
    bad.write_bytes(_edit_member(TASKS / "no_table.docx", "word/document.xml",
                                 lambda x: re.sub(rb'xmlns:w="[^"]*"', b'xmlns:w="A1:XFD1048576"', x, count=1)))
    assert "ns.docx" in _rejected(tasklist.read, bad).message


# ---- found by the long run (seed 4): a lone surrogate reached SQLite; nan passed the "positive" check

def test_report_json_with_a_lone_surrogate_is_rejected(tmp_path):
    from gwdesk.io import report_json
    text = (ROOT / "tests/fixtures/report/qc_minzheng_2024.json").read_text(encoding="utf-8")
    p = tmp_path / "surrogate.json"
    p.write_text(text.replace('"青川县民政局"', '"\\ud800"', 1), encoding="utf-8")
    assert '"\\ud800"' in p.read_text(encoding="utf-8")
    assert "surrogate.json" in _rejected(report_json.read, p, lenient=True).message


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "true", "0"])
def test_form_print_sizes_must_be_finite_positive_numbers(tmp_path, value):
    from gwdesk.core import formdef
    text = re.sub(r"(?m)^label_width = .*$", f"label_width = {value}", BASE_TOML)
    if text == BASE_TOML:
        text = BASE_TOML.replace("[print]", f"[print]\nlabel_width = {value}", 1)
    p = tmp_path / "sizes.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(formdef.FormDefError) as e:
        formdef.parse_file(p)
    assert "label_width" in e.value.message
