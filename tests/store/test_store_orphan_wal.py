"""Issue 26.13: an empty gwdesk.db beside a -wal holding writes is never opened as a new unit (SQLite would drop
the log): refused, both files kept byte for byte, the message says how to recover; a restore keeps both."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from gwdesk import cli, paths
from gwdesk.errors import StorageError
from gwdesk.store.db import open_store


def _orphan_wal(data):
    """A real WAL with committed rows next to a database file that was emptied (a sync tool, a bad copy)."""
    src = data / "src.db"
    c = sqlite3.connect(src)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA wal_autocheckpoint=0")
    c.execute("CREATE TABLE t (x)")
    c.executemany("INSERT INTO t VALUES (?)", [("台账第%d条" % i,) for i in range(200)])
    c.commit()
    shutil.copyfile(src.with_name("src.db-wal"), data / "gwdesk.db-wal")
    c.close()
    for p in data.glob("src.db*"):
        p.unlink()
    (data / "gwdesk.db").write_bytes(b"")
    return (data / "gwdesk.db-wal").read_bytes()


def test_open_store_refuses_and_keeps_both_files(tmp_path):
    wal = _orphan_wal(tmp_path)
    assert len(wal) > 1000
    with pytest.raises(StorageError) as e:
        open_store(tmp_path / "gwdesk.db", backup_dir=tmp_path / "backups")
    assert "gwdesk.db-wal" in e.value.message and "没有继续" in e.value.message and "gwdesk restore" in e.value.message
    assert (tmp_path / "gwdesk.db").read_bytes() == b"" and (tmp_path / "gwdesk.db-wal").read_bytes() == wal


def test_every_command_refuses_with_no_backups(tmp_path, capsys):
    data = tmp_path / "d"
    data.mkdir()
    wal = _orphan_wal(data)
    assert cli.main(["--data-dir", str(data), "tasks", "overview"]) == 2
    assert "尚未写入数据库的数据" in capsys.readouterr().err
    assert (data / "gwdesk.db-wal").read_bytes() == wal and (data / "gwdesk.db").read_bytes() == b""


def test_restore_over_it_keeps_the_log_in_the_backups(ctx, profile, tmp_path):
    from gwdesk.store import backup
    from gwdesk.store.restore import restore
    good = backup.backup_now(ctx.store, paths.backup_dir(), "manual")
    ctx.store.close()
    for side in ("-wal", "-shm"):
        paths.db_path().with_name("gwdesk.db" + side).unlink(missing_ok=True)
    wal = _orphan_wal(paths.data_dir())
    result = restore(paths.db_path(), good, paths.backup_dir())
    assert result.before_restore is not None
    kept = result.before_restore.with_name(result.before_restore.name + "-wal")
    assert kept.read_bytes() == wal
