"""Round trips and pasted text: the ledger exported and imported back is the same ledger (the export's
formula guard comes off again); text pasted from Word (U+000B, other controls) is normalised at every door."""

from __future__ import annotations

from locations import TESTS

import datetime as dt
import json
import random

import pytest

from fuzz_support import HOSTILE_TEXT, SEED
from gwdesk.core import inputs
from gwdesk.errors import GwdeskError

D = dt.date
WORD_PASTE = ["第一行\x0b第二行", "表格\x07单元格", "分页\x0c之后", "\x0b\x0b", "a\x00b", "软\u00ad连字符",
              "行\u2028分隔", "段\u2029分隔", "BOM\ufeff", "\x1f单位\x1e", "C1\x85换行", "\x7f删除", "\ud800孤"]
FORMULA_LIKE = ["=SUM(A1:A3)", "+86 138 0000 0000", "-1", "@某某", "=HYPERLINK(\"http://x\")", "-", "+", "="]


def test_clean_text_leaves_nothing_a_writer_refuses():
    rng = random.Random(f"{SEED}-text")
    pool = HOSTILE_TEXT + WORD_PASTE + FORMULA_LIKE
    for _ in range(2000):
        raw = "".join(rng.choice(pool)[:200] for _ in range(rng.randint(1, 4)))
        raw += "".join(chr(rng.randrange(0, 0x110000)) for _ in range(rng.randint(0, 3)))
        out = inputs.clean_text(raw)
        assert not any(ord(c) < 32 and c not in "\t\n" for c in out), repr(out)
        assert not any(0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF for c in out), repr(out)
        assert inputs.clean_text(out) == out  # idempotent
        one = inputs.clean_text(raw, multiline=False)
        assert "\n" not in one and "\t" not in one
        import xml.sax.saxutils
        xml.sax.saxutils.escape(out).encode("utf-8")  # encodable
    assert inputs.clean_text("第一行\x0b第二行") == "第一行\n第二行"
    assert inputs.clean_text("a\r\nb\rc") == "a\nb\nc"


def _apps(n, rng):
    texts = FORMULA_LIKE + [t for t in HOSTILE_TEXT if t.strip() and len(t) < 300] + WORD_PASTE
    for i in range(n):
        yield dict(number=f"2026-{i + 1:03d}", received=D(2026, 1, 5) + dt.timedelta(days=i), channel="网络",
                   applicant_type="商业企业", applicant_name=rng.choice(texts) + "公司", id_kind="", id_number="",
                   contact=rng.choice(FORMULA_LIKE), content=rng.choice(texts) + rng.choice(texts) + "x",
                   delivery="电子邮件", note=rng.choice(texts))


def test_ledger_export_then_import_gives_the_same_text(ctx, tmp_path):
    from gwdesk.core.applications import ledger
    from gwdesk.io import ledger_xlsx
    from gwdesk.store.applications_models import Application
    rng = random.Random(f"{SEED}-roundtrip")
    for fields in _apps(60, rng):
        ledger.create(fields)
    cols = ["number", "applicant_name", "contact", "content", "note", "received"]
    before = sorted(tuple(getattr(a, c) for c in cols) for a in Application.select())
    assert any(str(t[3]).startswith(("=", "+", "-", "@")) for t in before)
    assert not any("\x0b" in str(v) for t in before for v in t)  # cleaned on the way in
    out = tmp_path / "台账.xlsx"
    ledger_xlsx.export_ledger(out, D(2026, 11, 20), reveal=True)
    Application.delete().execute()
    ledger_xlsx.import_ledger(out)
    after = sorted(tuple(getattr(a, c) for c in cols) for a in Application.select())
    assert after == before


def test_word_paste_in_a_ledger_file_is_normalised_on_import(ctx, tmp_path):
    import openpyxl
    from gwdesk.io import ledger_xlsx
    from gwdesk.store.applications_models import Application
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["编号", "收到日期", "申请人类型", "申请人姓名或名称", "申请内容", "备注"])
    ws.append(["2026-001", "2026-01-05", "自然人", "张三", "第一段\u2028第二段", "备\u0085注"])
    p = tmp_path / "l.xlsx"
    wb.save(p)
    ledger_xlsx.import_ledger(p)
    a = Application.get()
    assert a.content == "第一段\n第二段" and a.note == "备\n注"


@pytest.mark.parametrize("text", WORD_PASTE)
def test_editor_saves_cleaned_text(ctx, text):
    from gwdesk.core.applications import ledger
    a = ledger.create(dict(number="2026-001", received=D(2026, 1, 5), channel="网络", applicant_type="自然人",
                           applicant_name="张三" + text, id_kind="", id_number="", contact="", delivery="",
                           content="内容" + text, note=text))
    for v in (a.applicant_name, a.content, a.note):
        assert v == inputs.clean_text(v) and "\x0b" not in v
    assert "\n" not in a.applicant_name


def test_report_json_text_is_cleaned():
    from pathlib import Path
    from gwdesk.io import report_json
    src = json.loads((TESTS / "fixtures/report/qc_minzheng_2025.json").read_text(encoding="utf-8"))
    src["unit"] = "青川县\x0b民政局"
    key = next(iter(src["text"]))
    src["text"][key] = "第一段\x0b第二段\x0c"
    data, _ = report_json.from_dict(src, file="r.json")
    assert data.unit == "青川县 民政局" and data.text[key] == "第一段\n第二段\n"
    for year in (1989, 2101, 9999):
        with pytest.raises(GwdeskError, match="2008–2100"):
            report_json.from_dict(dict(src, year=year), file="r.json")


def test_review_form_text_is_cleaned_on_save_and_from_json(ctx):
    import copy
    from pathlib import Path
    from gwdesk.core.review import forms
    sample = json.loads((TESTS / "fixtures/review/sample_form.json").read_text(encoding="utf-8"))
    values = copy.deepcopy(sample["values"]) | {"title": "关于\x0b某某\x07的通知"}
    signoffs = copy.deepcopy(sample.get("signoffs") or {})
    for box in signoffs.values():
        box["opinion"] = "同意\x0b发布\x0c"
    f = forms.create(ctx, values, signoffs)
    got = forms.get(f.id)
    assert got.values["title"] == "关于 某某的通知"  # a one-line field: the break becomes a space
    assert all("\x0b" not in (b.get("opinion") or "") for b in got.signoffs.values())
    loaded = forms.Form.from_json({"values": {"title": "甲\x0b乙"}, "signoffs": {"x": {"opinion": "\x01好"}}})
    assert loaded.values["title"] == "甲\n乙" and loaded.signoffs["x"]["opinion"] == "好"


def test_task_list_cells_pasted_from_word_are_cleaned():
    from gwdesk.io.tasklist.grid import clean
    assert clean("推进\x0b政务公开\x07") == "推进政务公开"
    assert clean("Part\x0bOne\x00") == "Part One"
