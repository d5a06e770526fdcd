"""The SQL listing (stored due dates, FTS5 search) shows exactly what computing every row in Python shows."""

from locations import ROOT

import datetime as dt
import random

import pytest

from applications_support import actx  # noqa: F401
from gwdesk.core import workdays as wd
from gwdesk.core.applications import APPLICANT_TYPES, deadlines, demo, ledger, listing
from gwdesk.store.applications_models import Application
from gwdesk.store import dialect
from gwdesk.store.base import db

pytestmark = pytest.mark.both_engines("slow")  # SQLite every day; PostgreSQL in CI's slow stage

D = dt.date


def _python(today, flt: listing.Filter, rows=None) -> list[int]:
    """The plain path: every row's DueInfo computed now, filtered in Python, newest first."""
    needle = flt.search.strip().casefold()
    out = []
    for r in rows if rows is not None else ledger.rows(today, year=flt.year, applicant_type=flt.applicant_type):
        a, info, tone = r.app, r.due, r.tone
        hay = "\0".join((a.number, a.applicant_name, a.content, a.reply_number)).casefold()
        if needle and needle not in hay:
            continue
        if flt.state == "未办结" and info.state in (deadlines.CLOSED, deadlines.VOIDED):
            continue
        if flt.state == listing.OVERDUE and tone != "overdue":
            continue
        if flt.state == listing.DUE_SOON and tone not in ("today", "soon"):
            continue
        if flt.state not in ("全部", "未办结", listing.OVERDUE, listing.DUE_SOON) and info.state != flt.state:
            continue
        out.append(a.id)
    return out


def _sql(today, flt, sort=None) -> list[int]:
    lst = listing.Listing(today, flt, sort)
    rows = lst.window(0, 10 ** 6)
    assert len(rows) == lst.count
    return [r.id for r in rows]


@pytest.fixture
def mixed(actx, engine):
    """The demo ledger plus 300 random applications with every kind of step, some open, some closed.

    On SQLite the first test of the run to need it builds it and keeps a copy (tests/demo_cache.py); the others
    load that copy: the ledger is the same seeded build every time, and building it is the suite's slowest setup."""
    import demo_cache
    copy = demo_cache.shared_folder() / "listing-mixed.db"
    if engine == "sqlite" and copy.exists():
        demo_cache.restore(copy, db.connection())  # the whole file, schema and search tables included
        wd.invalidate()
        return actx
    _build_mixed(actx)
    if engine == "sqlite":
        demo_cache.keep(db.connection(), copy)
    return actx


def _build_mixed(actx):
    demo.load(actx)
    rng = random.Random(16)
    for i in range(300):
        received = D(2025, 6, 1) + dt.timedelta(days=rng.randrange(540))
        a = ledger.create(dict(number=f"R{i:04d}", received=received, channel="网络",
                               applicant_type=rng.choice(APPLICANT_TYPES), applicant_name=rng.choice(["张三", "李四", "Ab公司"]),
                               content=rng.choice(["政府采购合同", "拆迁补偿方案", "低保名单", "100%_完成"])))
        kind = rng.choice(["", "补正", "征求第三方意见", "延期", "收费"])
        started = received + dt.timedelta(days=rng.randrange(1, 10))
        if kind == "补正":
            ledger.add_step(a, "补正", started, deadline=started + dt.timedelta(days=15),
                            ended=rng.choice([None, started + dt.timedelta(days=5)]))
        elif kind == "征求第三方意见":
            ledger.add_step(a, kind, started, ended=rng.choice([None, started + dt.timedelta(days=8)]))
        elif kind == "延期":
            ledger.add_step(a, kind, started, days=rng.randrange(1, 21), approver="王主任")
        elif kind == "收费":
            ledger.add_step(a, kind, started, fee_method="按量", quantity=rng.randrange(200, 400),
                            ended=rng.choice([None, started + dt.timedelta(days=3)]))
        if rng.random() < 0.4 and received < D(2026, 11, 1):
            try:
                ledger.reply(a, received + dt.timedelta(days=rng.randrange(5, 30)), "3.1", reply_number=f"复{i}")
            except Exception:
                pass
    # duplicates voided (schema m008): open and answered ones, kept in the list as 已作废, in no due filter
    from gwdesk.core.applications import voiding
    for a in Application.select().where(Application.number.startswith("R")).order_by(Application.id)[::37]:
        voiding.void(a, "重复登记")


@pytest.mark.parametrize("today", [D(2026, 11, 20), D(2026, 3, 2), D(2027, 2, 1)])
def test_every_state_and_filter_matches_the_plain_path(mixed, today):
    assert listing.refresh(today) > 0
    every = ledger.rows(today)
    seen = set()
    for state in listing.STATES:
        for search in ("", "张", "R00", "拆迁补偿", "100%_", "ab公司"):
            flt = listing.Filter(state=state, search=search)
            want = _python(today, flt, every)
            assert _sql(today, flt) == want, (state, search)
            seen.add((state, bool(want)))
    if today == D(2026, 11, 20):  # every state has rows on the demo's day: no comparison of two empty lists
        assert all((s, True) in seen for s in listing.STATES)
    for year in (2025, 2026):
        for t in ("", "自然人"):
            flt = listing.Filter(year=year, applicant_type=t or None, state="未办结")
            assert _sql(today, flt) == _python(today, flt)
    lst = listing.Listing(today)
    rows = ledger.rows(today)
    assert (lst.count, lst.open, lst.overdue, lst.soon) == (
        len(rows), sum(r.due.state not in (deadlines.CLOSED, deadlines.VOIDED) for r in rows),
        sum(r.tone == "overdue" for r in rows), sum(r.tone in ("today", "soon") for r in rows))
    assert lst.voided == sum(r.due.state == deadlines.VOIDED for r in rows) > 0
    by_id = {r.app.id: r for r in rows}
    for row in lst.window(0, 10 ** 6):
        want = by_id[row.id]
        assert lst.tone(row) == want.tone
        assert row.state == want.due.state and row.due == (want.due.due and want.due.due.isoformat())


def test_stored_due_dates_follow_steps_holidays_and_time(mixed):
    today = D(2026, 11, 20)
    listing.refresh(today)
    assert listing.refresh(today) == 0  # nothing changed: nothing computed
    a = Application.select().where(Application.closed.is_null()).first()
    ledger.add_step(a, "延期", max(a.received, today - dt.timedelta(days=3)), days=20, approver="王主任")
    assert listing.refresh(today) == 1
    wd.set_holiday(D(2026, 11, 23), "休", "test")
    wd.invalidate()
    assert listing.refresh(today) == Application.select().where(Application.closed.is_null()).count()
    assert _sql(today, listing.Filter(state="逾期")) == _python(today, listing.Filter(state="逾期"))
    # a 征求第三方意见 still running holds its state until its 15 working days end, then reads 办理中
    b = ledger.create(dict(number="T1", received=D(2026, 11, 2), channel="网络", applicant_type="自然人",
                           applicant_name="王五", content="征求意见"))
    ledger.add_step(b, "征求第三方意见", D(2026, 11, 3))
    listing.refresh(today)
    later = wd.add_workdays(D(2026, 11, 3), 16)
    row = next(r for r in listing.Listing(later, listing.Filter(search="T1")).window(0, 5) if r.id == b.id)
    assert row.state == deadlines.OPEN == deadlines.compute(b, later).state
    assert listing.refresh(later) >= 1  # and the stored state is computed again for that day


def test_sort_by_every_column_keeps_every_row_once(mixed):
    today = D(2026, 11, 20)
    listing.refresh(today)
    every = sorted(_sql(today, listing.Filter()))
    for col in range(len(listing.SORT_KEYS)):
        for desc in (False, True):
            ids = _sql(today, listing.Filter(), (col, desc))
            assert sorted(ids) == every
    due_order = [r.due for r in listing.Listing(today, listing.Filter(state="未办结"), (7, False)).window(0, 10 ** 6)]
    assert due_order == sorted(due_order, key=lambda d: d or "9999")


@pytest.mark.parametrize("dense", [listing.DENSE, 3])
def test_position_is_where_the_window_shows_the_row(mixed, monkeypatch, dense):
    """今日提醒 selects an application's ledger row by its position (Listing.position): the place the windows show
    it at, under every sort, filter and search (ids kept or, DENSE=3 / FEW=3, many matches walked), and None for a
    row the filters leave out."""
    monkeypatch.setattr(listing, "DENSE", dense)
    monkeypatch.setattr(listing, "FEW", 3 if dense == 3 else listing.FEW)
    today = D(2026, 11, 20)
    listing.refresh(today)
    left_out = 0
    for flt in (listing.Filter(), listing.Filter(state="未办结", year=2026), listing.Filter(search="R0"),
                listing.Filter(search="张", applicant_type="自然人"), listing.Filter(search="拆迁补偿")):
        for sort in (None, (4, False), (7, True), (1, False)):
            lst = listing.Listing(today, flt, sort)
            ids = [r.id for r in lst.window(0, 10 ** 6)]
            for i in ids[:: max(1, len(ids) // 15)] + ids[-1:]:
                assert lst.position(i) == ids.index(i), (flt, sort, i)
            others = [a.id for a in Application.select(Application.id) if a.id not in set(ids)][:5]
            assert all(lst.position(i) is None for i in others), (flt, sort)
            left_out += len(others)
    assert left_out and listing.Listing(today, listing.Filter()).position(10 ** 9) is None


def test_fts_index_follows_inserts_updates_deletes(actx):
    a = ledger.create(dict(number="2026-500", received=D(2026, 11, 2), channel="网络", applicant_type="自然人",
                           applicant_name="赵六", content="公租房分配名单"))
    assert _sql(D(2026, 11, 20), listing.Filter(search="租房分")) == [a.id]
    ledger.reply(a, D(2026, 11, 10), "3.1", reply_number="青民依复〔2026〕9号")
    assert _sql(D(2026, 11, 20), listing.Filter(search="依复〔2026〕9")) == [a.id]
    a.delete_instance()
    assert _sql(D(2026, 11, 20), listing.Filter(search="租房分")) == []
    if not dialect.is_pg():  # FTS5's own check (PostgreSQL searches application_search through pg_trgm)
        assert db.execute_sql("INSERT INTO application_fts(application_fts, rank) VALUES ('integrity-check', 1)")


def test_a_schema_5_ledger_upgrades_searchable_with_due_dates(tmp_path):
    import importlib.util
    import sqlite3
    from pathlib import Path

    from gwdesk.store.db import open_store
    spec = importlib.util.spec_from_file_location(
        "make_fixture_dbs", ROOT / "tools" / "make_fixture_dbs.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    path = tool.build(tmp_path / "v5.db", 5)
    c = sqlite3.connect(path)
    c.executemany("INSERT INTO application(number, received, channel, applicant_type, applicant_name, content,"
                  " closed, outcome) VALUES (?, ?, '网络', '自然人', ?, ?, ?, ?)",
                  [("2026-001", "2026-11-02", "张三", "低保名单", None, None),
                   ("2026-002", "2026-10-09", "李四", "拆迁补偿方案", None, None),
                   ("2025-001", "2025-03-02", "王五", "政府采购合同", "2025-03-20", "3.1")])
    c.commit()
    c.close()
    store = open_store(path, backup_dir=tmp_path / "backups")
    try:
        today = D(2026, 11, 20)
        assert listing.refresh(today) == 3
        assert [r.number for r in listing.Listing(today, listing.Filter(search="补偿方")).window(0, 9)] == ["2026-002"]
        overdue = listing.Listing(today, listing.Filter(state=listing.OVERDUE)).window(0, 9)
        assert [r.number for r in overdue] == ["2026-002"]  # received 9 October: 20 working days ran out
        assert _python(today, listing.Filter(state=listing.OVERDUE)) == [r.id for r in overdue]
    finally:
        store.close()


@pytest.mark.parametrize("today", [D(2026, 11, 20), D(2026, 3, 2)])
def test_reminders_read_through_stored_due_dates_find_the_same(mixed, today):
    from gwdesk.core.applications import reminders
    mixed.today = lambda: today
    plain = sorted(r.app.id for r in ledger.rows(today, open_only=True) if r.tone)
    got = reminders.collect(mixed)
    assert sorted(int(r.ref) for r in got) == plain and plain
    assert {r.severity for r in got} <= {"overdue", "today", "soon"}


def _counts(rows_by_id, ids):
    rows = [rows_by_id[i] for i in ids]
    return (len(rows), sum(r.due.state not in (deadlines.CLOSED, deadlines.VOIDED) for r in rows), sum(r.tone == "overdue" for r in rows),
            sum(r.tone in ("today", "soon") for r in rows))


@pytest.mark.parametrize("terms, dense, few", [(listing.TERMS, listing.DENSE, listing.FEW), (listing.TERMS, 3, 3),
                                               (0, listing.DENSE, listing.FEW), (0, 3, 3)])
def test_short_and_long_searches_list_and_count_exactly_alone_and_with_filters(mixed, monkeypatch, terms, dense,
                                                                               few):
    """1-, 2- and 3+-character searches give the plain path's rows and counts, whether an indexed search (3+
    characters, or the trigrams starting with a short needle) keeps its matches' ids or (DENSE=3) not, and a
    short needle with too many trigrams (TERMS=0) is scanned, its matches few (ids kept) or many (FEW=3: the
    index walk); every window of the list agrees."""
    monkeypatch.setattr(listing, "TERMS", terms)
    monkeypatch.setattr(listing, "DENSE", dense)
    monkeypatch.setattr(listing, "FEW", few)
    today = D(2026, 11, 20)
    ledger.create(dict(number="Q-1", received=D(2026, 11, 2), channel="网络", applicant_type="其他",
                       applicant_name="O'Brien", content='关于"三供一业"移交'))  # quotes in the needles below
    listing.refresh(today)
    every = ledger.rows(today)
    by_id = {r.app.id: r for r in every}
    many = 0
    for search in ("张", "r", "R0", "李四", "Ab", "拆迁补偿", "R00", "%", "_", "0%", "zz",
                   "\"", "'", "业\"", "\"三供", "o'"):
        for state in ("全部", "未办结", listing.OVERDUE, listing.DUE_SOON, deadlines.CLOSED):
            for year, kind in ((None, None), (2026, None), (None, "自然人")):
                flt = listing.Filter(year=year, applicant_type=kind, state=state, search=search)
                rows = [r for r in every if (year is None or r.app.received.year == year)
                        and (kind is None or r.app.applicant_type == kind)]
                want = _python(today, flt, rows)
                lst = listing.Listing(today, flt)
                assert lst.exact and (lst.count, lst.open, lst.overdue, lst.soon) == _counts(by_id, want), flt
                assert [r.id for r in lst.window(0, 10 ** 6)] == want, flt
                pieces = [r.id for k in range(0, len(want), 7) for r in lst.window(k, 7)]
                assert pieces == want, flt
                many += len(want) > few
    assert many or few == listing.FEW  # with FEW=3 (and DENSE=3) the many-matches paths were taken


def test_a_lazy_short_search_shows_its_rows_first_and_counts_on_finish(mixed, monkeypatch):
    today = D(2026, 11, 20)
    listing.refresh(today)
    flt = listing.Filter(search="R")
    exact = listing.Listing(today, flt)
    assert exact.count > 10
    monkeypatch.setattr(listing, "TERMS", 0)  # the scan of the narrow rows, not the trigrams
    monkeypatch.setattr(listing, "FEW", 10)
    lazy = listing.Listing(today, flt, lazy=True)
    assert not lazy.exact and lazy.count == 11  # a lower bound: more than FEW
    assert [r.id for r in lazy.window(0, 11)] == [r.id for r in exact.window(0, 11)]
    lazy.finish()
    assert lazy.exact and (lazy.count, lazy.open, lazy.overdue, lazy.soon) == (
        exact.count, exact.open, exact.overdue, exact.soon)
    assert [r.id for r in lazy.window(0, 10 ** 6)] == [r.id for r in exact.window(0, 10 ** 6)]
    # a filter that leaves FEW or fewer of the many matches is counted at once
    overdue = listing.Filter(state=listing.OVERDUE, search="R")
    n = listing.Listing(today, overdue).count
    assert 0 < n < exact.count
    monkeypatch.setattr(listing, "FEW", n)
    now = listing.Listing(today, overdue, lazy=True)
    assert now.exact and now.count == n
    # a short search with few matches is never lazy
    monkeypatch.setattr(listing, "FEW", 2000)
    assert listing.Listing(today, flt, lazy=True).exact


@pytest.mark.parametrize("terms", [listing.TERMS, 0])
def test_short_search_table_follows_inserts_updates_deletes(actx, monkeypatch, terms):
    monkeypatch.setattr(listing, "TERMS", terms)  # 0: the scan of the narrow rows instead of their trigrams
    today = D(2026, 11, 20)
    a = ledger.create(dict(number="QC-7", received=D(2026, 11, 2), channel="网络", applicant_type="自然人",
                           applicant_name="赵六", content="公租房"))
    assert _sql(today, listing.Filter(search="赵六")) == [a.id]
    assert _sql(today, listing.Filter(search="qc")) == [a.id]  # ASCII case folded, as LIKE did
    assert _sql(today, listing.Filter(search="租")) == [a.id]
    ledger.reply(a, D(2026, 11, 10), "3.1", reply_number="复9")
    assert _sql(today, listing.Filter(search="复9")) == [a.id]
    Application.update(applicant_name="钱七").where(Application.id == a.id).execute()
    assert _sql(today, listing.Filter(search="赵六")) == [] and _sql(today, listing.Filter(search="钱七")) == [a.id]
    assert _sql(today, listing.Filter(search="7公")) == []  # never across two fields
    b = ledger.create(dict(number="QC-8", received=D(2026, 11, 3), channel="网络", applicant_type="自然人",
                           applicant_name="孙八", content="公租房"))
    assert _sql(today, listing.Filter(search="租")) == [b.id, a.id]
    a.delete_instance()
    assert _sql(today, listing.Filter(search="租")) == [b.id]
    assert db.execute_sql("SELECT COUNT(*) FROM application_search").fetchone()[0] == Application.select().count()
    if not dialect.is_pg():  # FTS5's own check
        assert db.execute_sql("INSERT INTO application_search_fts(application_search_fts, rank)"
                              " VALUES ('integrity-check', 1)")


def test_a_schema_6_ledger_upgrades_with_its_short_search_table(tmp_path):
    import importlib.util
    import sqlite3
    from pathlib import Path

    from gwdesk.store.db import open_store
    spec = importlib.util.spec_from_file_location(
        "make_fixture_dbs", ROOT / "tools" / "make_fixture_dbs.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    path = tool.build(tmp_path / "v6.db", 6)
    c = sqlite3.connect(path)
    c.executemany("INSERT INTO application(number, received, channel, applicant_type, applicant_name, content,"
                  " reply_number) VALUES (?, ?, '网络', '自然人', ?, ?, ?)",
                  [("2026-001", "2026-11-02", "张三", "低保名单", ""),
                   ("2026-002", "2026-10-09", "李四", "拆迁补偿方案", "Fu-2")])
    c.commit()
    c.close()
    store = open_store(path, backup_dir=tmp_path / "backups")
    try:
        today = D(2026, 11, 20)
        listing.refresh(today)
        assert [r.number for r in listing.Listing(today, listing.Filter(search="补偿")).window(0, 9)] == ["2026-002"]
        assert [r.number for r in listing.Listing(today, listing.Filter(search="fu")).window(0, 9)] == ["2026-002"]
        assert listing.Listing(today, listing.Filter(search="张")).count == 1
    finally:
        store.close()


@pytest.mark.sqlite_only("counts records in the SQLite file (store/inspect.py)")
def test_the_search_table_is_no_record_of_its_own(actx):
    from gwdesk.store.inspect import count_records
    before = count_records(db.connection())
    ledger.create(dict(number="QC-9", received=D(2026, 11, 2), channel="网络", applicant_type="自然人",
                       applicant_name="赵六", content="公租房"))
    assert count_records(db.connection()) == before + 1  # the application, not its search row too
