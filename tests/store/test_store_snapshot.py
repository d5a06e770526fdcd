"""The 单位共享数据库's backups keep today's archive format: a snapshot of the server in an SQLite gwdesk.db, with
evidence and forms; the archive restores into an EMPTY server database (never over data), and a clerk's own
gwdesk.db moves into an empty shared database the same way."""

from __future__ import annotations

import pytest

from gwdesk import cli
from gwdesk.context import AppContext
from gwdesk.core import demo
from gwdesk.errors import StorageError
from gwdesk.store import archive, backup, dburl, snapshot
from gwdesk.store.db import open_store

from conftest import TODAY


def _counts(database) -> dict[str, int]:
    return {m._meta.table_name: database.execute_sql(f"SELECT COUNT(*) FROM {m._meta.table_name}").fetchone()[0]
            for m in snapshot.copied_models()}


@pytest.fixture
def shared_with_demo(pg_url, data_dir):
    s = open_store(dburl.parse(pg_url))
    demo.load(AppContext(store=s, data_dir=data_dir, today=lambda: TODAY))
    from gwdesk.core.review import attachments
    (data_dir.parent / "通知.pdf").write_bytes(b"%PDF-1.4 evidence")
    entry = attachments.attach(data_dir.parent / "通知.pdf")  # kept in the server (store/files.py)
    counts = _counts(s.db)
    s.close()
    assert counts["application"] > 10 and counts["review_form"] > 10 and counts["task"] > 10
    return pg_url, counts, "evidence/" + entry["file"]


def test_the_shared_backup_is_an_archive_of_the_same_records(shared_with_demo, data_dir, tmp_path, capsys):
    url, counts, kept = shared_with_demo
    assert cli.main(["--db", url, "backup"]) == 0
    made = backup.list_backups(data_dir / "backups")
    assert len(made) == 1 and "备份到" in capsys.readouterr().out
    manifest = archive.verify(made[0].path)  # every member's sha256, and the database itself
    assert kept in [f["path"] for f in manifest.files]  # the server's file, not the data folder's
    archive.extract_verified(made[0].path, tmp_path / "x")
    local = open_store(tmp_path / "x" / "gwdesk.db")
    try:
        assert _counts(local.db) == counts
        from gwdesk.core.applications import listing
        listing.refresh(TODAY)  # the SQLite snapshot searches through its own FTS5 index
        name = local.db.execute_sql("SELECT applicant_name FROM application LIMIT 1").fetchone()[0]
        assert listing.Listing(TODAY, listing.Filter(search=name)).count >= 1
    finally:
        local.close()
    assert not list(data_dir.glob(".shared-*"))


def test_an_archive_restores_into_an_empty_server_and_numbering_goes_on(shared_with_demo, data_dir, pg_cluster,
                                                                        capsys):
    url, counts, kept = shared_with_demo
    out = data_dir.parent / "移机.zip"
    assert cli.main(["--db", url, "backup", "--out", str(out)]) == 0
    empty = pg_cluster.create_database("restored_here")
    assert cli.main(["--db", empty, "restore", str(out)]) == 0
    assert "条记录导入" in capsys.readouterr().out
    s = open_store(dburl.parse(empty))
    try:
        assert _counts(s.db) == counts
        from gwdesk.store import files
        assert files.local(kept).read_bytes() == b"%PDF-1.4 evidence"  # the file came back into the server
        from gwdesk.core.review import forms
        ctx = AppContext(store=s, data_dir=data_dir, today=lambda: TODAY)
        from gwdesk.store.review_models import ReviewForm
        last = max(r.seq for r in ReviewForm.select().where(ReviewForm.year == TODAY.year))
        f = forms.create(ctx, {"title": "恢复后新建"})  # ids and 编号 go on after the restored ones
        assert f.seq == last + 1 and f.id > counts["review_form"]
    finally:
        s.close()
    with pytest.raises(StorageError, match="已有数据"):  # never over data
        s = open_store(dburl.parse(empty))
        try:
            snapshot.restore_shared(s.db, out, data_dir)
        finally:
            s.close()


def test_a_clerks_own_database_moves_into_an_empty_shared_one(tmp_path, pg_url, data_dir):
    local = open_store(tmp_path / "mine" / "gwdesk.db")
    demo.load(AppContext(store=local, data_dir=tmp_path / "mine", today=lambda: TODAY))
    counts = _counts(local.db)
    local.close()
    s = open_store(dburl.parse(pg_url))
    try:
        assert snapshot.restore_shared(s.db, tmp_path / "mine" / "gwdesk.db", data_dir) == sum(counts.values())
        assert _counts(s.db) == counts
        from gwdesk.core.applications import listing
        listing.refresh(TODAY)
        assert listing.Listing(TODAY).count == counts["application"]
    finally:
        s.close()
