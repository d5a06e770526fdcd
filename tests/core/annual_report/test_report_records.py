"""Reports in the store: one per unit and year, not-entered kept, frozen reports refuse edits."""

import datetime as dt
import sqlite3

import pytest
from report_helpers import fixture

from gwdesk.core.annual_report import records
from gwdesk.errors import GwdeskError

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL


def test_save_load_round_trip(ctx):
    d = fixture()
    del d.table3["3.3.1"]
    records.save(d, sources={"table3": "依申请公开台账"})
    s = records.load("青川县民政局", 2025)
    assert s.data == d and s.sources == {"table3": "依申请公开台账"}
    assert s.data.t3("3.3.1", 0) is None
    d.table2["licensing"]["decisions"] = 50
    records.save(d)
    assert records.load_data("青川县民政局", 2025).t2("licensing", "decisions") == 50
    assert records.load("青川县民政局", 2025).sources == {"table3": "依申请公开台账"}
    assert records.years("青川县民政局") == [2025]
    assert records.load("青川县民政局", 2024) is None


def test_frozen_refuses_edits(ctx):
    d = fixture()
    records.save(d)
    records.mark_sent("青川县民政局", 2025, dt.date(2026, 1, 20))
    s = records.load("青川县民政局", 2025)
    assert s.frozen and s.sent and s.sent_on == "2026-01-20"
    with pytest.raises(GwdeskError, match="已定稿"):
        records.save(d)
    records.set_frozen("青川县民政局", 2025, False)
    records.save(d)


@pytest.mark.sqlite_only("opens the SQLite file itself")
def test_schema_one_per_unit_and_year(ctx):
    conn = sqlite3.connect(ctx.store.path)
    conn.execute("INSERT INTO annual_report(unit, year, data) VALUES ('甲', 2025, '{}')")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO annual_report(unit, year, data) VALUES ('甲', 2025, '{}')")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO annual_report(unit, year, data) VALUES ('甲', 1999, '{}')")
    conn.close()


def test_a_report_a_colleague_saved_first_is_a_conflict_with_the_cells_that_differ(ctx):
    from gwdesk.errors import ConflictError
    mine, theirs = fixture(), fixture()
    theirs.table3["3.1"][0] = (mine.t3("3.1", 0) or 0) + 5
    theirs.text["overview"] = "同事写的总体情况。"
    v = records.save(theirs)  # the colleague's save, while this clerk's screen saw no stored report (0)
    with pytest.raises(ConflictError) as e:
        records.save(mine, seen_version=0)
    assert "已由其他同事新建并保存" in e.value.message and e.value.version == v
    cells = dict((what, (a, b)) for what, a, b in e.value.differences)
    assert cells["表三“（一）予以公开”行“自然人”列"] == (str(mine.t3("3.1", 0)), str(theirs.t3("3.1", 0)))
    assert cells["“一、总体情况”"][1] == "同事写的总体情况。" and len(cells) == 2
    assert records.load("青川县民政局", 2025).data == theirs  # nothing written
    assert records.save(mine, seen_version=e.value.version) == v + 1  # 以我的为准
    assert records.load("青川县民政局", 2025).data == mine
