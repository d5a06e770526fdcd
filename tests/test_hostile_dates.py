"""Absurd dates: 1990–2100 at every entry; a bad row already stored never breaks a screen or the reminders."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from applications_support import actx  # noqa: F401
from gwdesk.errors import GwdeskError, ValidationFailed

ROOT = Path(__file__).resolve().parent.parent
D = dt.date


def _fields(**kw):
    base = dict(number="2026-900", received=D(2026, 11, 2), channel="网络", applicant_type="自然人",
                applicant_name="张三", id_kind="", id_number="", contact="", content="某文件", delivery="电子邮件")
    return base | kw


@pytest.mark.parametrize("day", [D(9999, 12, 31), D(1, 1, 1), D(1989, 12, 31), D(2101, 1, 1)])
def test_editor_refuses_dates_outside_1990_2100(actx, day):
    from gwdesk.core.applications import ledger
    with pytest.raises(ValidationFailed) as e:
        ledger.create(_fields(received=day))
    assert "1990–2100" in e.value.message and "收到日期" in e.value.message
    app = ledger.create(_fields(received=D(2100, 12, 1)))
    with pytest.raises(ValidationFailed, match="1990–2100"):
        ledger.add_step(app, "延期", day, days=5, approver="李四")
    with pytest.raises(ValidationFailed, match="1990–2100"):
        ledger.reply(app, day, "3.1", reply_number="答复〔2026〕1号")
    with pytest.raises(ValidationFailed, match="1990–2100"):
        ledger.add_case(app, "复议", day)


def _stored_bad_row(number="2026-999", received=D(9999, 12, 31)):
    from gwdesk.store.applications_models import Application
    return Application.insert(number=number, received=received, channel="网络", applicant_type="自然人",
                              applicant_name="王五", content="x", updated_at="2026-11-20T00:00:00").execute()


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
    states = [page.model.row_at(r).due.state for r in range(page.model.rowCount())]
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
