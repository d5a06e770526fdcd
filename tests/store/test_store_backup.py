"""Backups: archives (online copy + manifest), names, daily backup, rotation (exact kept set), verify, restore."""

from __future__ import annotations

from locations import ROOT

import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gwdesk.errors import StorageError
from gwdesk.store import archive, backup, migrations
from gwdesk.store.restore import restore as _restore
from gwdesk.store.db import open_store
from gwdesk.store.models import Setting

ROOT = ROOT
TODAY = dt.date(2026, 11, 20)


def _db_with(path, **settings):
    s = open_store(path)
    for k, v in settings.items():
        Setting.set_value(k, v)
    return s


def _unpacked(path) -> Path:
    """The database inside an archive backup, unpacked next to it (a plain .db backup as it is)."""
    path = Path(path)
    if not archive.is_archive(path):
        return path
    out = path.with_name(path.name + ".unpacked.db")
    import zipfile
    with zipfile.ZipFile(path) as zf:
        out.write_bytes(zf.read(archive.DB_NAME))
    return out


def _settings(path) -> dict:
    c = sqlite3.connect(_unpacked(path))
    try:
        return {k: v for k, v in c.execute("SELECT key, value FROM setting")}
    finally:
        c.close()


def test_backup_now_names_and_lists(tmp_path):
    s = _db_with(tmp_path / "gwdesk.db", a="一")
    try:
        when = dt.datetime(2026, 11, 20, 9, 30, 5)
        p1 = backup.backup_now(s, tmp_path / "b", when=when)
        p2 = backup.backup_now(s.path, tmp_path / "b", when=when)
        p3 = backup.backup_now(s, tmp_path / "b", reason="before-restore",
                               when=when + dt.timedelta(seconds=1))
    finally:
        s.close()
    assert p1.name == "gwdesk-20261120-093005-manual.zip"
    assert p2.name == "gwdesk-20261120-093005-manual_2.zip"
    assert p3.name == "gwdesk-20261120-093006-before-restore.zip"
    listed = backup.list_backups(tmp_path / "b")
    assert [b.path for b in listed] == [p3, p2, p1]
    assert listed[0].reason == "before-restore" and listed[0].label == "恢复前自动备份"
    assert listed[-1].when == when and listed[-1].size == p1.stat().st_size > 0
    assert backup.last_backup_time(tmp_path / "b") == when + dt.timedelta(seconds=1)
    assert backup.last_backup_time(tmp_path / "nothing") is None
    for p in (p1, p2, p3):
        assert backup.verify_backup(p) == migrations.latest_version()
        man = archive.read_manifest(p)
        assert man.schema_version == migrations.latest_version() and man.records == 1
        assert [f["path"] for f in man.files] == ["gwdesk.db"]
        assert not p.with_name(p.name + "-wal").exists()
    assert sorted(x.name for x in (tmp_path / "b").iterdir()) == sorted(p.name for p in (p1, p2, p3))
    for p in (p1, p2, p3):
        assert _settings(p) == {"a": '"一"'}


@pytest.mark.allow_log_warnings
def test_daily_backup_once_a_day(tmp_path):
    s = open_store(tmp_path / "gwdesk.db", backup_dir=tmp_path / "b")
    try:
        first = backup.daily_backup_if_needed(s, today=TODAY)
        assert first is not None and first.name.startswith("gwdesk-20261120-")
        assert first.name.endswith("-daily.zip")
        assert backup.daily_backup_if_needed(s, today=TODAY) is None
        backup.backup_now(s, tmp_path / "b", "manual")  # a manual one does not count as the day's backup
        nxt = backup.daily_backup_if_needed(s, today=TODAY + dt.timedelta(days=1))
        assert nxt is not None and nxt.name.startswith("gwdesk-20261121-")
    finally:
        s.close()
    assert [b.reason for b in backup.list_backups(tmp_path / "b")].count("daily") == 2


def _touch(d: Path, when: dt.datetime, reason: str) -> Path:
    p = d / f"gwdesk-{when:%Y%m%d-%H%M%S}-{reason}.db"
    p.write_bytes(b"x")
    return p


def test_rotation_keeps_exactly_the_documented_set(tmp_path):
    d = tmp_path / "b"
    d.mkdir()
    dailies = {}
    day = dt.date(2026, 3, 2)
    while day <= TODAY:
        if day.weekday() < 5:  # the app was opened on working days only
            dailies[day] = _touch(d, dt.datetime.combine(day, dt.time(8, 45, 0)), "daily")
        day += dt.timedelta(days=1)
    specials = {
        "mig-91d": _touch(d, dt.datetime(2026, 8, 21, 10, 0, 0), "before-migrate-v3"),
        "mig-90d": _touch(d, dt.datetime(2026, 8, 22, 10, 0, 0), "before-migrate-v4"),
        "restore-old": _touch(d, dt.datetime(2026, 5, 6, 16, 0, 0), "before-restore"),
        "restore-new": _touch(d, dt.datetime(2026, 11, 19, 16, 0, 0), "before-restore"),
        "manual-old": _touch(d, dt.datetime(2026, 3, 3, 12, 0, 0), "manual"),
    }
    stranger = d / "我的备份.db"
    stranger.write_bytes(b"x")

    removed = backup.rotate(d, TODAY)

    working_days = sorted(dailies, reverse=True)
    expect_daily = set(working_days[:30])
    for month in range(3, 12):  # the newest daily backup of each month
        expect_daily.add(max(x for x in dailies if x.month == month))
    expected = {dailies[x] for x in expect_daily}
    expected |= {specials["mig-90d"], specials["restore-new"], specials["manual-old"], stranger}
    assert set(d.iterdir()) == expected
    assert set(removed) == ({p for p in dailies.values()} | set(specials.values())) - expected
    # spot checks on the calendar, so the expectation above is not merely the code restated
    assert working_days[29] == dt.date(2026, 10, 12)
    assert dailies[dt.date(2026, 10, 9)] not in expected      # before the 30, not last of its month
    assert dailies[dt.date(2026, 9, 30)] in expected          # newest of September
    assert dailies[dt.date(2026, 3, 31)] in expected          # newest of March
    assert dailies[dt.date(2026, 3, 30)] not in expected
    assert len(expected) == 30 + 7 + 4  # 30 recent, Mar–Sep month ends, 3 specials + stranger
    assert backup.rotate(d, TODAY) == []                      # stable


WRITER = r"""
import sys, time
from gwdesk.store.db import open_store
s = open_store(sys.argv[1])
db = s.db
db.execute_sql("CREATE TABLE IF NOT EXISTS churn (batch INTEGER, n INTEGER, payload TEXT)")
print("ready", flush=True)
batch = 0
while True:
    batch += 1
    with db.atomic():
        for n in range(int(sys.argv[2])):
            db.execute_sql("INSERT INTO churn VALUES (?, ?, ?)", (batch, n, "公开" * 200))
    time.sleep(0.002)  # a commit's pace on a disk: in memory (tests/conftest.py) the file would grow ~100 MB/s
"""


def _start_writer(path, per_batch=7, *, env_extra=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env_extra or {}))
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(per_batch)], stdout=subprocess.PIPE,
                            env=env, cwd=ROOT)
    assert proc.stdout.readline().strip() == b"ready"
    return proc


def _whole_batches(path, per_batch):
    c = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)  # read-only: no checkpoint
    try:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        bad = c.execute("SELECT batch, count(*) FROM churn GROUP BY batch HAVING count(*) != ?",
                        (per_batch,)).fetchall()
        assert bad == []
        return c.execute("SELECT count(*) FROM churn").fetchone()[0]
    finally:
        c.close()


def test_backup_while_another_process_writes_is_consistent(tmp_path):
    path = tmp_path / "gwdesk.db"
    open_store(path).close()
    proc = _start_writer(path)
    try:
        counts = []
        for _ in range(4):
            time.sleep(0.15)
            p = backup.backup_now(path, tmp_path / "b")
            counts.append(_whole_batches(_unpacked(p), 7))
    finally:
        proc.kill()
        proc.wait()
    assert counts[-1] > 0 and counts == sorted(counts)


def test_verify_refuses_bad_files(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(os.urandom(4096))
    with pytest.raises(StorageError, match="不是 SQLite 数据库文件"):
        backup.verify_backup(bad)
    with pytest.raises(StorageError, match="找不到备份文件"):
        backup.verify_backup(tmp_path / "missing.db")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(StorageError, match="是空的"):
        backup.verify_backup(empty)
    newer = tmp_path / "newer.db"
    open_store(newer).close()
    c = sqlite3.connect(newer)
    c.execute(f"PRAGMA user_version={migrations.latest_version() + 1}")
    c.close()
    with pytest.raises(StorageError, match="较新版本的 gwdesk"):
        backup.verify_backup(newer)


def _corrupt_copy(src: Path, dest: Path) -> Path:
    """A copy with an index page scribbled over: opens fine, but integrity_check fails."""
    c = sqlite3.connect(src)
    c.execute("CREATE TABLE IF NOT EXISTS filler (t TEXT)")
    c.execute("CREATE INDEX IF NOT EXISTS filler_t ON filler(t)")
    c.executemany("INSERT INTO filler VALUES (?)", [(f"第{i}号文件" * 30,) for i in range(300)])
    c.commit()
    c.execute("PRAGMA journal_mode=DELETE")
    c.close()
    data = bytearray(src.read_bytes())
    c = sqlite3.connect(src)
    root = c.execute("SELECT rootpage FROM sqlite_master WHERE name='filler_t'").fetchone()[0]
    c.close()
    off = (root - 1) * 4096
    data[off + 100:off + 4000] = os.urandom(3900)
    dest.write_bytes(bytes(data))
    return dest


def test_restore_replaces_after_taking_a_before_restore_copy(tmp_path):
    db_path, bdir = tmp_path / "data" / "gwdesk.db", tmp_path / "data" / "backups"
    db_path.parent.mkdir()
    s = _db_with(db_path, state="旧")
    saved = backup.backup_now(s, bdir)
    Setting.set_value("state", "新")
    s.close()

    result = _restore(db_path, saved, bdir)

    assert result.version == migrations.latest_version() and result.restored_from == saved
    assert result.before_restore.name.endswith("-before-restore.zip")
    assert _settings(result.before_restore) == {"state": '"新"'}
    assert not db_path.with_name("gwdesk.db-wal").exists() and not db_path.with_name("gwdesk.db-shm").exists()
    assert not list(db_path.parent.glob(".restore-*"))
    s = open_store(db_path, backup_dir=bdir)
    try:
        assert Setting.get_value("state") == "旧"
    finally:
        s.close()


def test_restore_refuses_corrupt_file_and_changes_nothing(tmp_path):
    db_path, bdir = tmp_path / "gwdesk.db", tmp_path / "b"
    s = _db_with(db_path, state="当前")
    s.close()
    scratch = tmp_path / "scratch.db"
    shutil.copyfile(db_path, scratch)
    corrupt = _corrupt_copy(scratch, tmp_path / "broken.db")
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="已损坏"):
        _restore(db_path, corrupt, bdir)
    assert db_path.read_bytes() == before
    assert backup.list_backups(bdir) == []
    # gwdesk.db.closed: s.close() left the file as gwdesk closed it (store/inspect.py), untouched since
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.db", "gwdesk.db", "gwdesk.db.closed", "scratch.db"]


def test_restore_older_schema_is_migrated_on_next_open(tmp_path):
    db_path, bdir = tmp_path / "gwdesk.db", tmp_path / "b"
    _db_with(db_path, state="当前").close()
    v1 = ROOT / "tests" / "fixtures" / "db" / "schema-v1.db"
    result = _restore(db_path, v1, bdir)
    assert result.version == 1
    s = open_store(db_path, backup_dir=bdir)
    try:
        assert s.version == migrations.latest_version()
        from gwdesk.core import units
        assert units.load().name == "剑阁县自然资源局"
    finally:
        s.close()
    reasons = sorted(b.reason for b in backup.list_backups(bdir))
    assert "before-restore" in reasons
    assert reasons.count("before-restore") == 1
    assert all(f"before-migrate-v{n}" in reasons for n in range(2, migrations.latest_version() + 1))


def test_restore_when_no_database_yet(tmp_path):
    src = tmp_path / "src.db"
    _db_with(src, state="搬来的").close()
    saved = backup.backup_now(src, tmp_path / "b")
    target = tmp_path / "new" / "gwdesk.db"
    result = _restore(target, saved, tmp_path / "b")
    assert result.before_restore is None
    assert _settings(target) == {"state": '"搬来的"'}


def test_restore_over_a_killed_writer_keeps_its_wal_in_the_before_copy(tmp_path):
    """A crash leaves committed data in -wal: the before-restore copy has it, the restored DB does not."""
    db_path, bdir = tmp_path / "gwdesk.db", tmp_path / "b"
    open_store(db_path).close()
    empty_backup = backup.backup_now(db_path, bdir)
    proc = _start_writer(db_path)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert db_path.with_name("gwdesk.db-wal").exists()
    written = _whole_batches(db_path, 7)
    assert written > 0
    assert db_path.with_name("gwdesk.db-wal").stat().st_size > 0  # committed data still only in the WAL

    result = _restore(db_path, empty_backup, bdir)

    assert _whole_batches(_unpacked(result.before_restore), 7) == written
    assert not db_path.with_name("gwdesk.db-wal").exists()
    c = sqlite3.connect(db_path)
    try:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not c.execute("SELECT 1 FROM sqlite_master WHERE name='churn'").fetchall()
    finally:
        c.close()


def test_restore_of_the_live_file_itself_is_refused(tmp_path):
    db_path = tmp_path / "gwdesk.db"
    open_store(db_path).close()
    with pytest.raises(StorageError, match="就是当前正在使用的数据库"):
        _restore(db_path, db_path, tmp_path / "b")


def test_restore_under_an_open_store_is_a_programming_error(tmp_path):
    db_path = tmp_path / "gwdesk.db"
    s = _db_with(db_path, state="在用")
    saved = backup.backup_now(s, tmp_path / "b")
    try:
        with pytest.raises(RuntimeError, match="close the Store"):
            _restore(db_path, saved, tmp_path / "b")
    finally:
        s.close()
    assert _restore(db_path, saved, tmp_path / "b").version == migrations.latest_version()


def test_rotate_removes_copies_left_by_a_killed_backup(tmp_path):
    import datetime as dt
    import os

    from gwdesk.store import backup
    stale = tmp_path / ".gwdesk-20261101-080000-daily.db.tmp"
    fresh = tmp_path / ".gwdesk-20261122-080000-daily.db.tmp"
    stale.write_bytes(b"half a copy")
    fresh.write_bytes(b"being written now")
    old = dt.datetime.now().timestamp() - 2 * 3600
    os.utime(stale, (old, old))
    removed = backup.rotate(tmp_path, dt.date(2026, 11, 22))
    assert stale in removed and not stale.exists()
    assert fresh.exists()
