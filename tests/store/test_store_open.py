"""open_store: create/reopen, pragmas, refusals leaving the file untouched, atomic migrations, errors."""

from __future__ import annotations

import errno
import os
import sqlite3
import types

import peewee
import pytest

from gwdesk.errors import StorageError
from gwdesk.store import backup, base, migrations
from gwdesk.store.db import describe_storage_error, open_store
from gwdesk.store.models import Setting, UnitProfile


def _files(d):
    return sorted(p.name for p in d.iterdir())


def test_create_then_reopen_keeps_data(tmp_path):
    path = tmp_path / "gwdesk.db"
    s = open_store(path, backup_dir=tmp_path / "b")
    assert s.version == migrations.latest_version() and s.path == path
    assert base.db.obj is s.db
    Setting.set_value("k", ["一", 2])
    s.close()
    assert base.db.obj is None
    s = open_store(path, backup_dir=tmp_path / "b")
    try:
        assert Setting.get_value("k") == ["一", 2]
        assert s.version == migrations.latest_version()
    finally:
        s.close()
    assert not (tmp_path / "b").exists() or not list((tmp_path / "b").iterdir())  # nothing to migrate


def test_pragmas_in_force(tmp_path):
    s = open_store(tmp_path / "gwdesk.db")
    try:
        q = lambda p: s.db.execute_sql(f"PRAGMA {p}").fetchone()[0]  # noqa: E731
        assert q("journal_mode") == "wal"
        assert q("foreign_keys") == 1
        assert q("busy_timeout") == 5000
        assert q("synchronous") == 2  # FULL
        assert q("user_version") == migrations.latest_version()
        assert s.db.execute_sql("SELECT value FROM gwdesk_meta WHERE key='app'").fetchone()[0] == "gwdesk"
    finally:
        s.close()


def test_empty_file_counts_as_new(tmp_path):
    path = tmp_path / "gwdesk.db"
    path.write_bytes(b"")
    s = open_store(path)
    try:
        assert s.version == migrations.latest_version()
        assert UnitProfile.select().count() == 0
    finally:
        s.close()


def _newer_db(path):
    s = open_store(path)
    s.close()
    c = sqlite3.connect(path)
    c.execute(f"PRAGMA user_version={migrations.latest_version() + 3}")
    c.close()


def test_newer_database_refused_and_untouched(tmp_path):
    path = tmp_path / "gwdesk.db"
    _newer_db(path)
    before, listing = path.read_bytes(), _files(tmp_path)
    with pytest.raises(StorageError) as e:
        open_store(path, backup_dir=tmp_path / "b")
    n, m = migrations.latest_version() + 3, migrations.latest_version()
    assert (f"该数据库由较新版本的 gwdesk 创建（数据结构版本 {n}），当前程序只支持到版本 {m}，请升级程序。"
            "数据库未作任何改动。") in e.value.message
    assert str(path) in e.value.message
    assert path.read_bytes() == before
    assert _files(tmp_path) == listing  # no backups, no -wal/-shm left behind


def _foreign_sqlite(path):
    c = sqlite3.connect(path)
    c.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    c.execute("INSERT INTO contacts VALUES ('张三', '13800000000')")
    c.commit()
    c.close()


def _versioned_foreign(path):
    c = sqlite3.connect(path)
    c.execute("PRAGMA user_version=2")
    c.execute("CREATE TABLE gwdesk_meta (key TEXT PRIMARY KEY, value TEXT)")
    c.execute("INSERT INTO gwdesk_meta VALUES ('app', 'other')")
    c.commit()
    c.close()


def _version_only(path):
    c = sqlite3.connect(path)
    c.execute("PRAGMA user_version=1")
    c.close()


def _corrupt_sqlite(path):
    s = open_store(path)
    s.db.execute_sql("CREATE TABLE filler (t TEXT)")
    with s.db.atomic():
        for i in range(400):
            s.db.execute_sql("INSERT INTO filler VALUES (?)", ("政务公开" * 50,))
    s.close()
    c = sqlite3.connect(path)
    c.execute("PRAGMA journal_mode=DELETE")
    c.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for p in range(3, len(data) // page - 1, 3):  # scribble over b-tree page headers
        data[p * page:p * page + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_bytes(os.urandom(8192)), "不是 SQLite 数据库文件"),
    (lambda p: p.write_text("单位名称,联系人\n青川县民政局,李晓梅\n" * 40, encoding="utf-8"), "不是 SQLite 数据库文件"),
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20), "不是 SQLite 数据库文件"),
    (_foreign_sqlite, "其他程序的 SQLite 数据库"),
    (_versioned_foreign, "其他程序的 SQLite 数据库"),
    (_version_only, "其他程序的 SQLite 数据库"),
    (_corrupt_sqlite, "已损坏"),
], ids=["random-bytes", "text-file", "short-header", "foreign-sqlite", "foreign-meta", "version-no-tables",
        "corrupt"])
def test_not_a_gwdesk_database_refused_and_untouched(tmp_path, make, words):
    path = tmp_path / "gwdesk.db"
    make(path)
    before, listing = path.read_bytes(), _files(tmp_path)
    with pytest.raises(StorageError) as e:
        open_store(path, backup_dir=tmp_path / "b")
    assert words in e.value.message and str(path) in e.value.message
    assert "未作任何改动" in e.value.message
    assert path.read_bytes() == before
    assert _files(tmp_path) == listing


_REAL_STEPS = migrations.steps


def _chain_with(extra_up):
    """A stand-in for migrations.steps: the real chain and one more step running `extra_up`."""
    def steps(after: int = 0):
        real = _REAL_STEPS()
        fake = types.ModuleType("gwdesk.store.migrations.m999_test_step")
        fake.up = extra_up
        return [s for s in real + [(len(real) + 1, fake)] if s[0] > after]
    return steps


@pytest.mark.allow_log_warnings
def test_failing_migration_rolls_back_and_keeps_old_version(tmp_path, monkeypatch):
    path, bdir = tmp_path / "gwdesk.db", tmp_path / "b"
    s = open_store(path, backup_dir=bdir)
    Setting.set_value("keep", "原有数据")
    s.close()
    latest = migrations.latest_version()

    def bad_up(conn):
        conn.execute("CREATE TABLE half_done (x INTEGER)")
        conn.executescript("INSERT INTO half_done VALUES (1); UPDATE setting SET value='\"改坏了\"';")
        conn.commit()  # must not end the runner's transaction
        raise ValueError("boom")

    monkeypatch.setattr(migrations, "steps", _chain_with(bad_up))
    with pytest.raises(StorageError) as e:
        open_store(path, backup_dir=bdir)
    assert f"第 {latest + 1} 步" in e.value.message and "m999_test_step" in e.value.message
    assert f"仍为版本 {latest}" in e.value.message
    c = sqlite3.connect(path)
    try:
        assert c.execute("PRAGMA user_version").fetchone()[0] == latest
        assert not c.execute("SELECT 1 FROM sqlite_master WHERE name='half_done'").fetchall()
        assert c.execute("SELECT value FROM setting WHERE key='keep'").fetchone()[0] == '"原有数据"'
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        c.close()
    made = backup.list_backups(bdir)
    assert [b.reason for b in made] == [f"before-migrate-v{latest + 1}"]
    assert backup.verify_backup(made[0].path) == latest


def test_successful_step_backs_up_first_and_is_applied(tmp_path, monkeypatch):
    path, bdir = tmp_path / "gwdesk.db", tmp_path / "b"
    open_store(path, backup_dir=bdir).close()
    latest = migrations.latest_version()

    def good_up(conn):
        conn.executescript("""
            CREATE TABLE extra (id INTEGER PRIMARY KEY, note TEXT NOT NULL);
            CREATE TRIGGER extra_note BEFORE INSERT ON extra BEGIN SELECT 1; END;
            -- a comment; with a semicolon
            INSERT INTO extra (note) VALUES ('新增;还有');
        """)
        conn.executescript("INSERT INTO extra (note) VALUES ('甲'); INSERT INTO extra (note) VALUES ('乙');")

    monkeypatch.setattr(migrations, "steps", _chain_with(good_up))
    s = open_store(path, backup_dir=bdir)
    try:
        assert s.version == latest + 1
        got = s.db.execute_sql("SELECT note FROM extra ORDER BY id").fetchall()
        assert got == [("新增;还有",), ("甲",), ("乙",)]
    finally:
        s.close()
    (b,) = backup.list_backups(bdir)
    assert b.reason == f"before-migrate-v{latest + 1}"
    c = sqlite3.connect(b.path)
    assert c.execute("PRAGMA user_version").fetchone()[0] == latest
    assert not c.execute("SELECT 1 FROM sqlite_master WHERE name='extra'").fetchall()
    c.close()


@pytest.mark.allow_log_warnings
def test_migration_foreign_key_violation_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "gwdesk.db"
    open_store(path).close()

    def fk_up(conn):
        conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        conn.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))")
        conn.execute("INSERT INTO child (parent_id) VALUES (42)")

    monkeypatch.setattr(migrations, "steps", _chain_with(fk_up))
    with pytest.raises(StorageError):
        open_store(path)
    c = sqlite3.connect(path)
    # the real chain's last version: the added step was rolled back
    assert c.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
    assert not c.execute("SELECT 1 FROM sqlite_master WHERE name='child'").fetchall()
    c.close()


def _coded(cls, text, code):
    """An error as the sqlite3 module raises it, carrying SQLite's own result code."""
    e = cls(text)
    e.sqlite_errorcode = code
    return e


def _real_sqlite_error(tmp_path, kind):
    """Make SQLite itself fail the way a clerk's disk or file would, and return the error it raised."""
    path = tmp_path / "x.db"
    if kind == "full":
        c = sqlite3.connect(path)
        c.execute("CREATE TABLE t (x TEXT)")
        c.execute("PRAGMA max_page_count = 3")
        action = lambda: c.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
    elif kind == "readonly":
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
        c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        action = lambda: c.execute("INSERT INTO t VALUES (1)")
    elif kind == "notadb":
        path.write_bytes(b"this is a Word file, not a database" * 200)
        c = sqlite3.connect(path)
        action = lambda: c.execute("SELECT * FROM sqlite_master").fetchall()
    elif kind == "corrupt":
        c = sqlite3.connect(path)
        c.execute("CREATE TABLE t (x TEXT)")
        c.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
        c.commit()
        c.close()
        data = bytearray(path.read_bytes())
        data[4096 * 2:4096 * 4] = b"\xff" * 8192
        path.write_bytes(bytes(data))
        c = sqlite3.connect(path)
        action = lambda: c.execute("SELECT count(*), max(length(x)) FROM t").fetchall()
    with pytest.raises(sqlite3.Error) as e:
        action()
    c.close()
    return e.value


@pytest.mark.parametrize("kind, words", [("full", "磁盘空间已满"), ("readonly", "只读"),
                                         ("notadb", "不是有效的 gwdesk 数据库"), ("corrupt", "已损坏")])
def test_real_sqlite_failures_are_known_by_their_code(tmp_path, kind, words):
    err = _real_sqlite_error(tmp_path, kind)
    assert words in describe_storage_error(err).message
    assert words in describe_storage_error(peewee.OperationalError(err)).message


class _PgError(Exception):
    def __init__(self, sqlstate):
        super().__init__("server said something in its own language")
        self.sqlstate = sqlstate


@pytest.mark.parametrize("exc, words", [
    (_coded(sqlite3.OperationalError, "disk I/O error", 266), "读写磁盘时出错"),  # SQLITE_IOERR_READ
    (_coded(sqlite3.OperationalError, "database is locked", 5), "占用"),
    (peewee.OperationalError(_coded(sqlite3.OperationalError, "database is locked", 5)), "占用"),
    (PermissionError(errno.EACCES, "Permission denied", "/data/gwdesk.db"), "没有权限"),
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间已满"),
    (_PgError("53100"), "磁盘空间已满"),
    (_PgError("08006"), "无法连接"),
    (peewee.OperationalError(_PgError("28P01")), "密码不正确"),
])
def test_known_storage_errors_get_chinese_message(exc, words):
    got = describe_storage_error(exc)
    assert isinstance(got, StorageError) and words in got.message


def test_the_message_text_alone_decides_nothing():
    """A text that reads like a full disk, without SQLite's code, is not taken for one (classified by code)."""
    assert describe_storage_error(sqlite3.OperationalError("database or disk is full")) is None
    assert describe_storage_error(_coded(sqlite3.OperationalError, "whatever the wording", 13)).message.startswith(
        "磁盘空间已满")


def test_peewee_wrapped_error_from_a_real_failure_is_known(tmp_path):
    s = open_store(tmp_path / "gwdesk.db")
    try:
        other = sqlite3.connect(tmp_path / "gwdesk.db", timeout=0)
        other.execute("BEGIN EXCLUSIVE")
        s.db.execute_sql("PRAGMA busy_timeout=0")
        with pytest.raises(peewee.OperationalError) as e:
            Setting.set_value("x", 1)
        other.rollback()
        other.close()
        assert "占用" in describe_storage_error(e.value).message
    finally:
        s.close()


@pytest.mark.parametrize("exc", [ValueError("bad"), KeyError("x"),
                                 _coded(sqlite3.OperationalError, "no such column: foo", 1),
                                 _PgError("42703"),
                                 peewee.IntegrityError("UNIQUE constraint failed: setting.key")])
def test_bugs_are_not_storage_errors(exc):
    assert describe_storage_error(exc) is None


def test_real_full_database_error_is_reported_as_disk_full(tmp_path):
    s = open_store(tmp_path / "gwdesk.db")
    try:
        pages = s.db.execute_sql("PRAGMA page_count").fetchone()[0]
        s.db.execute_sql(f"PRAGMA max_page_count={pages + 2}")  # SQLite then fails as on a full disk
        with pytest.raises(peewee.OperationalError) as e:
            with s.db.atomic():
                for i in range(200):
                    Setting.set_value(f"k{i}", "依申请公开" * 100)
        assert "磁盘空间已满" in describe_storage_error(e.value).message
        assert Setting.select().count() == 0  # the transaction was rolled back as a whole
    finally:
        s.close()


def test_directory_in_place_of_the_file_is_reported(tmp_path):
    (tmp_path / "gwdesk.db").mkdir()
    with pytest.raises(StorageError, match="是一个文件夹"):
        open_store(tmp_path / "gwdesk.db")


def _checks_run(monkeypatch) -> list[str]:
    """The statements open_store's read-only inspection runs, seen through SQLite's own trace."""
    from gwdesk.store import inspect
    seen: list[str] = []
    real = inspect.connect_readonly

    def traced(path):
        conn = real(path)
        conn.set_trace_callback(seen.append)
        return conn
    monkeypatch.setattr(inspect, "connect_readonly", traced)
    return seen


def test_a_database_gwdesk_closed_itself_opens_without_a_full_check(tmp_path, monkeypatch):
    """quick_check reads every page (0.1–0.3 s with 100,000 applications, at each start): a file exactly as gwdesk
    left it when it closed it is not checked again; a crash, or any change from outside, brings the check back."""
    path = tmp_path / "gwdesk.db"
    open_store(path).close()
    assert path.with_name("gwdesk.db.closed").exists()
    seen = _checks_run(monkeypatch)
    store = open_store(path)
    assert not [s for s in seen if "quick_check" in s] and seen  # the header and version were still read
    assert not path.with_name("gwdesk.db.closed").exists()  # open for writing: a crash now leaves no mark
    store.db.execute_sql("INSERT INTO setting (key, value) VALUES ('x', '1')")
    store.db.close()  # the connection ends without Store.close() (as a killed process leaves it)
    seen.clear()
    open_store(path).close()
    assert [s for s in seen if "quick_check" in s]
    # closed by gwdesk, then changed by something else (copied over, edited, restored by hand): checked
    c = sqlite3.connect(path)
    c.execute("INSERT INTO setting (key, value) VALUES ('y', '2')")
    c.commit()
    c.close()
    seen.clear()
    open_store(path).close()
    assert [s for s in seen if "quick_check" in s]


def test_damage_after_a_clean_close_is_still_refused(tmp_path):
    path = tmp_path / "gwdesk.db"
    _corrupt_sqlite(path)  # made and closed by gwdesk, then scribbled over: size or time differ from the mark
    with pytest.raises(StorageError) as e:
        open_store(path)
    assert "已损坏" in e.value.message
