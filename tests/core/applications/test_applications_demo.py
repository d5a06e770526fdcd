"""Demo ledger and start-up reminders."""

import pytest

from applications_support import actx  # noqa: F401
from gwdesk.core.applications import aggregate, demo, reminders
from gwdesk.store.applications_models import AppealCase, Application

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL


def test_demo_loads_varied_ledger_and_reminders(actx):
    demo.load(actx)
    apps = list(Application.select())
    assert 38 <= len(apps) <= 45
    assert {a.received.year for a in apps} == {2025, 2026}
    outcomes = {a.outcome for a in apps if a.outcome}
    assert {"3.1", "3.2", "3.3.4", "3.4.1", "3.5.2", "3.6.1", "3.6.2"} <= outcomes
    assert AppealCase.select().where(AppealCase.kind == "复议").count() == 1
    demo.load(actx)  # idempotent: a populated ledger is left alone
    assert Application.select().count() == len(apps)
    rs = reminders.collect(actx)
    kinds = {r.severity for r in rs}
    assert kinds == {"overdue", "today", "soon"}
    today = [r for r in rs if r.severity == "today"]
    assert today[0].text.endswith("答复今日到期") and "【依申请公开】" in today[0].text
    assert all("*" in r.text for r in rs if "公司" not in r.text and "所" not in r.text
               and "会" not in r.text and "院" not in r.text and "中心" not in r.text)
    for year in (2025, 2026):
        t = aggregate.table3(year)
        for c in range(7):
            assert t["1"][c] + t["2"][c] == t["3.7"][c] + t["4"][c]
    assert aggregate.table3(2026)["2"] == aggregate.table3(2025)["4"]
