"""The 单位共享数据库 on PostgreSQL: its address, opening and migrating a server database under the runner's
advisory lock, refusing what is not gwdesk's (a real throwaway cluster, tests/pg_support.py)."""

from __future__ import annotations

import threading

import pytest

from gwdesk import cli
from gwdesk.errors import StorageError
from gwdesk.store import dburl, migrations, server
from gwdesk.store.db import open_store
from gwdesk.store.migrations import pg_baseline


# --- the address ------------------------------------------------------------------------------

def test_an_address_is_read_part_by_part():
    u = dburl.parse("postgresql://zhang@10.1.2.3:5433/gwdesk")
    assert (u.user, u.host, u.port, u.dbname) == ("zhang", "10.1.2.3", 5433, "gwdesk")
    assert dburl.parse("postgres://li@server/gw").port == 5432
    assert dburl.parse(u.url()) == u
    sock = dburl.parse("postgresql://postgres@%2Ftmp%2FPg-X:5432/db")
    assert sock.host == "/tmp/Pg-X" and dburl.parse(sock.url()) == sock


@pytest.mark.parametrize("text, words", [
    ("postgresql://zhang:secret@host/gw", "不能写密码"),
    ("mysql://zhang@host/gw", "无法识别"),
    ("postgresql://host/gw", "缺少用户名"),
    ("postgresql://zhang@host/", "缺少数据库名"),
    ("postgresql://zhang@host:99999/gw", "端口"),
    ("postgresql://zhang@host/gw?sslmode=disable", "?"),
])
def test_a_bad_address_is_refused_in_chinese(text, words):
    with pytest.raises(dburl.BadUrl) as e:
        dburl.parse(text)
    assert words in e.value.message


def test_the_choice_is_option_then_environment_then_this_computers_file(monkeypatch):
    monkeypatch.delenv(dburl.ENV, raising=False)
    assert dburl.current() is None  # nothing chosen: the data folder's SQLite file
    path = dburl.save("postgresql://a@filehost/gw")
    assert path.parent == dburl.config_dir() and dburl.current().host == "filehost"
    assert "password" not in path.read_text(encoding="utf-8")
    monkeypatch.setenv(dburl.ENV, "postgresql://b@envhost/gw")
    assert dburl.current().host == "envhost"
    dburl.set_override("postgresql://c@opthost/gw")
    try:
        assert dburl.current().host == "opthost"
    finally:
        dburl.set_override(None)
    dburl.save(None)
    monkeypatch.delenv(dburl.ENV)
    assert dburl.current() is None
    with pytest.raises(dburl.BadUrl):
        dburl.save("postgresql://a:pw@filehost/gw")


def test_the_command_line_refuses_a_password_in_the_address(capsys):
    assert cli.main(["--db", "postgresql://zhang:secret@host/gw", "calc", "fee", "--items", "3"]) == 2
    assert "不能写密码" in capsys.readouterr().err


# --- the server -------------------------------------------------------------------------------

def test_an_empty_server_database_gets_the_schema(pg_url):
    s = open_store(dburl.parse(pg_url))
    try:
        assert s.version == migrations.latest_version()
        assert s.shared and s.path is None and "单位共享数据库" in s.label()
        assert server.read_version(s.db) == s.version
    finally:
        s.close()
    again = open_store(dburl.parse(pg_url))  # a second start finds it done
    again.close()
    assert again.version == s.version


def test_two_clients_starting_at_once_migrate_exactly_once(pg_url, monkeypatch):
    calls = []
    real = pg_baseline.up_postgres

    def counted(conn):
        calls.append(threading.get_ident())
        real(conn)

    monkeypatch.setattr(pg_baseline, "up_postgres", counted)
    url = dburl.parse(pg_url)
    barrier, results = threading.Barrier(3), []

    def client():
        database = server.connect(url)
        database.connect()
        try:
            barrier.wait()
            results.append(server.migrate(database))
        except Exception as e:  # noqa: BLE001 - reported below
            results.append(e)
        finally:
            database.close()

    threads = [threading.Thread(target=client) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == [migrations.latest_version()] * 3
    assert len(calls) == 1


@pytest.mark.allow_log_warnings
def test_a_failed_step_is_undone_and_named(pg_url, monkeypatch):
    def broken(conn):
        conn.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("boom")

    monkeypatch.setattr(pg_baseline, "up_postgres", broken)
    with pytest.raises(StorageError) as e:
        open_store(dburl.parse(pg_url))
    assert "pg_baseline" in e.value.message and "已撤销" in e.value.message
    database = server.connect(dburl.parse(pg_url))
    database.connect()
    try:
        assert database.get_tables() == []
    finally:
        database.close()


def test_a_database_of_another_program_is_refused_untouched(pg_url):
    database = server.connect(dburl.parse(pg_url))
    database.connect()
    database.execute_sql("CREATE TABLE invoices (id INTEGER)")
    database.close()
    with pytest.raises(StorageError) as e:
        open_store(dburl.parse(pg_url))
    assert "其他程序" in e.value.message
    database.connect()
    try:
        assert database.get_tables() == ["invoices"]
    finally:
        database.close()


def test_a_database_of_a_newer_gwdesk_is_refused(pg_url):
    s = open_store(dburl.parse(pg_url))
    s.db.execute_sql("UPDATE gwdesk_meta SET value = %s WHERE key = %s",
                     (str(migrations.latest_version() + 5), server.VERSION_KEY))
    s.close()
    with pytest.raises(StorageError) as e:
        open_store(dburl.parse(pg_url))
    assert "更新版本" in e.value.message and "升级" in e.value.message


def test_no_database_and_no_server_are_told_plainly(pg_cluster, tmp_path):
    with pytest.raises(StorageError) as e:
        open_store(dburl.parse(pg_cluster.url("no_such_db")))
    assert "无法连接单位共享数据库 no_such_db" in e.value.message and "数据库名" in e.value.message
    assert "no_such_db" in e.value.detail  # the server's own words, for whoever helps the clerk
    from urllib.parse import quote
    with pytest.raises(StorageError) as e:
        open_store(dburl.parse(f"postgresql://postgres@{quote(str(tmp_path), safe='')}:5432/gw"))
    assert "无法连接单位共享数据库 gw" in e.value.message and "服务器是否已启动" in e.value.message


def test_every_step_after_the_baseline_has_its_postgresql_form():
    later = [(n, m.__name__) for n, m in migrations.steps() if n > pg_baseline.VERSION]
    assert [name for n, name in later if not callable(getattr(migrations.steps()[n - 1][1], "up_postgres", None))] \
        == []


def test_a_command_works_on_the_server_and_leaves_no_sqlite_file(pg_url, capsys, data_dir):
    from gwdesk.core import workdays
    assert cli.main(["--db", pg_url, "calc", "due", "--received", "2026-11-02"]) == 0
    before = capsys.readouterr().out
    s = open_store(dburl.parse(pg_url))
    try:
        workdays.set_holiday(__import__("datetime").date(2026, 11, 5), "休", "只在服务器上")
    finally:
        s.close()
    assert cli.main(["--db", pg_url, "calc", "due", "--received", "2026-11-02"]) == 0
    after = capsys.readouterr().out
    assert before != after  # the server's holiday table was read
    assert not (data_dir / "gwdesk.db").exists()


def test_selftest_checks_the_chosen_server(pg_url, tmp_path):
    from urllib.parse import quote

    from gwdesk.commands.selftest import server_check
    problems, checked = server_check(dburl.parse(pg_url))
    assert problems == [] and "单位共享数据库" in checked and f"版本 {migrations.latest_version()}" in checked
    s = open_store(dburl.parse(pg_url))
    try:  # the write it tried was rolled back
        assert s.db.execute_sql("SELECT COUNT(*) FROM op_lock").fetchone()[0] == 0
    finally:
        s.close()
    problems, _ = server_check(dburl.parse(f"postgresql://postgres@{quote(str(tmp_path), safe='')}:5432/gw"))
    assert len(problems) == 1 and "无法连接" in problems[0]


def test_a_date_that_is_no_date_is_found_as_the_regular_expression_finds_it(pg_url):
    """dialect.not_a_date on PostgreSQL tests the shape without a regular expression (twice as fast over a
    ledger): it must refuse exactly what DATE_SHAPE refuses."""
    from gwdesk.store import dialect
    s = open_store(dburl.parse(pg_url))
    try:
        cases = ["2026-11-20", "2026-11-20T09:00:00", "2026-11-20 09:00", "2026-11-20x", "2026-13-01",
                 "2026-00-10", "2026-02-31", "2026-1-20", "20261120", "2026/11/20", "２０２６-11-20", "2026-11-2",
                 "2026-11-32", "2026-10-31", "2026-12-30", "abcd-11-20", "2026-11-20\n", "2026-11-20\nT", "",
                 " 2026-11-20", "2026-11-20 ", "0000-01-01", "9999-12-31T", "2026_11_20", "2026-11_20",
                 "2026-11-20\u3000", "202６-11-20", "2026-1１-20", "2026-11-20%", "____-__-__", None]
        for c in cases:
            got = dialect.run(f"SELECT {dialect.not_a_date('x')} FROM (SELECT ?::text AS x) AS t", (c,)).fetchone()[0]
            want = s.db.execute_sql("SELECT (%s::text IS NULL OR %s::text !~ %s)", (c, c, dialect.DATE_SHAPE))
            assert got == want.fetchone()[0], c
    finally:
        s.close()
