"""Absurd dates: 1990–2100 at every entry; a bad row already stored never breaks a screen or the reminders."""

from __future__ import annotations

from locations import ROOT

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from applications_support import actx  # noqa: F401
from gwdesk.errors import GwdeskError, ValidationFailed
from gwdesk.store.dialect import run

pytestmark = pytest.mark.both_engines("slow")  # SQLite every day; PostgreSQL in CI's slow stage

ROOT = ROOT
D = dt.date


def _fields(**kw):
    base = dict(number="2026-900", received=D(2026, 11, 2), channel="网络", applicant_type="自然人",
                applicant_name="张三", id_kind="", id_number="", contact="", content="某文件", delivery="电子邮件")
    return base | kw


@pytest.mark.parametrize("day", [D(9999, 12, 31), D(1, 1, 1), D(1989, 12, 31), D(2101, 1, 1)])
def test_editor_refuses_dates_outside_1990_2100(actx, day):
    from gwdesk.core.applications import cases, ledger
    with pytest.raises(ValidationFailed) as e:
        ledger.create(_fields(received=day))
    assert "1990–2100" in e.value.message and "收到日期" in e.value.message
    app = ledger.create(_fields(received=D(2100, 12, 1)))
    with pytest.raises(ValidationFailed, match="1990–2100"):
        ledger.add_step(app, "延期", day, days=5, approver="李四")
    with pytest.raises(ValidationFailed, match="1990–2100"):
        ledger.reply(app, day, "3.1", reply_number="答复〔2026〕1号")
    with pytest.raises(ValidationFailed, match="1990–2100"):
        cases.add(app, "复议", day)


def _stored_bad_row(number="2026-999", received=D(9999, 12, 31)):
    from gwdesk.store.applications_models import Application
    return Application.insert(number=number, received=received, channel="网络", applicant_type="自然人",
                              applicant_name="王五", content="x", updated_at="2026-11-20T00:00:00").execute()


@pytest.mark.allow_log_warnings
def test_a_stored_9999_row_shows_a_marker_and_keeps_the_reminders(actx, qtbot, alerts_log):
    from gwdesk.core.applications import deadlines, demo
    from gwdesk.core.applications import reminders as app_reminders
    demo.load(actx)
    before = app_reminders.collect(actx)
    assert len(before) >= 3
    _stored_bad_row()
    _stored_bad_row("2026-998", "2025-13-45")  # text no parser reads
    after = app_reminders.collect(actx)
    assert [r for r in after if r in before] == before  # every reminder still there
    marker = [r for r in after if "2026-999" in r.text]
    assert len(marker) == 1 and deadlines.BAD_DATE in marker[0].text and "9999-12-31" in marker[0].text
    from gwdesk.ui.applications.page import Page
    page = Page(actx)
    qtbot.addWidget(page)
    states = [page.model.row_at(r).state for r in range(page.model.rowCount())]
    assert deadlines.BAD_DATE in states


def test_calc_due_refuses_absurd_dates_with_a_chinese_message(tmp_path):
    for received in ("9999-12-01", "1900-01-01", "2101-01-01"):
        r = subprocess.run([sys.executable, "main.py", "calc", "due", "--received", received],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert r.returncode != 0
        out = r.stdout + r.stderr
        assert "1990–2100" in out and "程序错误" not in out and "Traceback" not in out, out


def test_calc_due_inside_the_range_works():
    from gwdesk.commands import calc
    with pytest.raises(GwdeskError, match="1990–2100"):
        calc._date("9999-12-01")
    assert calc._date("2100-12-31") == D(2100, 12, 31)


def test_review_form_dates_outside_the_range_are_problems_not_crashes():
    import copy
    import json
    from gwdesk.core import formdef
    from gwdesk.core.review import validate
    d = formdef.parse_file(formdef.paths.bundled_form("publication_review.toml"))
    sample = json.loads((ROOT / "tests/fixtures/review/sample_form.json").read_text("utf-8"))
    date_keys = [f.key for f in d.fields if f.type == "date"]
    assert date_keys
    for key in date_keys:
        for bad in ("9999-12-31", "1900-01-01", "0001-01-01"):
            v = copy.deepcopy(sample["values"]) | {key: bad}
            texts = validate.check(d, v, sample.get("signoffs"), "approve").problem_texts()
            if d.field(key).forbidden_when is not None and any("不应填写" in t for t in texts):
                continue  # a field this form may not carry (答复日期 without a referral) is refused as such
            assert any("1990–2100" in t for t in texts), (key, bad, texts)


@pytest.mark.parametrize("phrase", ["9999年12月31日前", "0001年1月1日", "1900年6月底前", "2101-01-01"])
def test_task_deadline_phrases_outside_the_range_stay_text(phrase):
    from gwdesk.core.tasks import deadlines
    dl = deadlines.parse(phrase, year=2026)
    assert dl.due is None and (dl.kind == "text") and "1990–2100" in dl.note


def test_task_editor_dates_checked(ctx):
    from gwdesk.core.tasks import tracking
    with pytest.raises(ValidationFailed, match="1990–2100"):
        tracking.set_due(1, D(9999, 1, 1))
    with pytest.raises(ValidationFailed, match="1990–2100"):
        tracking.add_note(1, "进展", noted_on=D(1900, 1, 1), today=D(2026, 11, 20))


def test_a_ledger_file_with_absurd_dates_names_the_rows(ctx, tmp_path):
    import openpyxl
    from gwdesk.errors import ImportRejected
    from gwdesk.io import ledger_xlsx
    from gwdesk.store.applications_models import Application
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["编号", "收到日期", "申请人类型", "申请人姓名或名称", "申请内容", "答复日期", "办理结果"])
    ws.append(["2026-001", D(9999, 12, 31), "自然人", "张三", "文件", None, None])
    ws.append(["2026-002", "1899年1月1日", "自然人", "李四", "文件", None, None])
    ws.append(["2026-003", "2026-01-05", "自然人", "王五", "文件", "2101-01-01", "予以公开"])
    ws.append(["2026-004", 2958465, "自然人", "赵六", "文件", None, None])  # Excel's last serial day
    p = tmp_path / "日期.xlsx"
    wb.save(p)
    with pytest.raises(ImportRejected) as e:
        ledger_xlsx.import_ledger(p)
    probs = e.value.problems
    for row, col in ((2, "收到日期"), (3, "收到日期"), (4, "答复日期"), (5, "收到日期")):
        assert any(f"第{row}行“{col}”" in x for x in probs), (row, probs)
    assert Application.select().count() == 0


@pytest.mark.allow_log_warnings
def test_bad_rows_in_every_domain_leave_the_other_reminders(actx, profile, monkeypatch, caplog):
    from gwdesk.core import reminders
    from gwdesk.core.applications import demo
    from gwdesk.core.tasks import service
    from gwdesk.io import tasklist
    from gwdesk.store.tasks_models import Task
    from gwdesk.ui.sections import reminder_providers
    demo.load(actx)
    service.import_parsed(tasklist.read(ROOT / "tests/fixtures/tasks/lp2021.xlsx"), profile=profile)
    good = reminders.collect(actx, reminder_providers())
    assert {r.section for r in good} >= {"applications"}
    # stored values no parser reads: a task's 期限 as text, an application received in 9999
    t = Task.select().first()
    run("UPDATE task SET due_date = '2025-13-45', status = '未启动' WHERE id = ?", (t.id,), actx.store.db)
    _stored_bad_row()
    after = reminders.collect(actx, reminder_providers())
    assert all(r in after for r in good if r.ref != str(t.id))
    assert any("日期有误" in r.text for r in after)
    # a domain that fails outright: one line says so, the others stay
    import gwdesk.core.tasks.reminders as task_reminders
    providers = [(lambda ctx: 1 / 0) if p is task_reminders.collect else p for p in reminder_providers()]
    broken = reminders.collect(actx, providers)
    assert [r for r in broken if r.section == "applications"] == [r for r in after if r.section == "applications"]
    assert any(r.section == "tasks" and "无法读取" in r.text for r in broken)


@pytest.mark.sqlite_only("compares digests of the SQLite file (tests/fuzz_support.db_digest)")
def test_generated_date_cells_are_imported_in_range_or_refused(ctx, tmp_path):
    """Generator: 收到日期/答复日期 cells of every shape (serials, text, datetimes at the edges of Python's
    range): each file is imported with every date within 1990–2100, or refused with a Chinese message."""
    import random

    import openpyxl
    from fuzz_support import SEED, Tally, attempt
    from gwdesk.core import inputs
    from gwdesk.io import ledger_xlsx
    from gwdesk.store.applications_models import Application
    rng = random.Random(f"{SEED}-dates")
    shapes = [lambda: rng.randrange(-10**6, 10**7), lambda: rng.uniform(-1e6, 3e6), lambda: "9999-12-31",
              lambda: "0000-00-00", lambda: f"{rng.randrange(0, 10000)}年{rng.randrange(0, 14)}月{rng.randrange(0, 33)}日",
              lambda: f"{rng.randrange(1980, 2110)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
              lambda: dt.datetime(rng.choice([1, 1899, 1900, 1989, 2101, 9999]), 12, 31),
              lambda: D(rng.randrange(1990, 2101), 6, 1), lambda: "1e309", lambda: 2958465, lambda: 45800]
    good = [lambda: D(rng.randrange(1990, 2080), 6, 1), lambda: 45800,
            lambda: f"{rng.randrange(1990, 2080)}年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日"]
    tally = Tally("dates")
    for i in range(60):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["编号", "收到日期", "申请人类型", "申请人姓名或名称", "申请内容", "答复日期", "办理结果"])
        for k in range(3):
            closed = rng.choice(shapes)() if rng.random() < 0.15 else None
            received = rng.choice(shapes)() if rng.random() < 0.3 else rng.choice(good)()
            ws.append([f"G{i}-{k}", received, "自然人", "张三", "文件", closed, "予以公开" if closed else None])
        path = tmp_path / f"d{i}.xlsx"
        try:
            wb.save(path)
        except (ValueError, OverflowError):  # openpyxl itself cannot store some of these
            continue
        if attempt(tally, f"#{i}", lambda path=path: ledger_xlsx.import_ledger(path), db=ctx.store.db):
            for a in Application.select():
                assert inputs.date_ok(a.received) and (a.closed is None or inputs.date_ok(a.closed)), a.number
            Application.delete().execute()
    assert not tally.crashes, "\n".join(tally.crashes)
    assert tally.rejected and tally.imported, tally.summary()


def test_calc_due_refuses_absurd_day_counts(capsys):
    from gwdesk import cli
    for argv in (["--days", "999999999"], ["--paused", "999999999"], ["--days", "0"], ["--paused", "-1"]):
        assert cli.main(["calc", "due", "--received", "2026-01-05", *argv]) == 2
        assert "个工作日" in capsys.readouterr().err
    assert cli.main(["calc", "due", "--received", "2100-12-01", "--days", "250", "--paused", "250"]) == 0
    assert "到期日：2102-" in capsys.readouterr().out
