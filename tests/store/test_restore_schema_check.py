"""Issue 26.14: a restored database must have gwdesk's own schema for its version — an extra trigger (one that
would empty the ledger on the next 添加进展), table, index or column, or a missing one, is refused before anything
is touched; every released schema version still restores."""

from __future__ import annotations

from locations import TESTS

import hashlib
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from gwdesk import paths
from gwdesk.errors import StorageError
from gwdesk.store import archive, backup, migrations
from gwdesk.store.restore import restore

FIXTURES = TESTS / "fixtures" / "db"
TAMPER = {
    "trigger": "CREATE TRIGGER wipe AFTER INSERT ON task_note BEGIN DELETE FROM application; END",
    "table": "CREATE TABLE payload (x)",
    "index": "CREATE INDEX extra_idx ON setting(value)",
    "column": "ALTER TABLE setting ADD COLUMN extra TEXT",
    "dropped index": "DROP INDEX task_status_due",
    "view": "CREATE VIEW v AS SELECT 1",
}


def _rearchive(good: Path, out: Path, change: str) -> Path:
    """The archive with its database changed and the manifest made to match (as a careful attacker would)."""
    work = out.with_suffix(".db")
    with zipfile.ZipFile(good) as zf:
        raw = json.loads(zf.read(archive.MANIFEST))
        members = {i.filename: zf.read(i.filename) for i in zf.infolist() if i.filename != archive.MANIFEST}
    work.write_bytes(members[archive.DB_NAME])
    c = sqlite3.connect(work)
    c.execute(change)
    c.commit()
    c.close()
    members[archive.DB_NAME] = work.read_bytes()
    files = [{"path": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for n, b in members.items()]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in members.items():
            zf.writestr(n, b)
        zf.writestr(archive.MANIFEST, json.dumps(dict(raw, files=files), ensure_ascii=False))
    return out


@pytest.mark.parametrize("kind", list(TAMPER))
def test_a_database_with_another_schema_is_refused(ctx, profile, tmp_path, kind):
    good = backup.backup_now(ctx.store, paths.backup_dir(), "manual")
    bad = _rearchive(good, tmp_path / f"{kind}.zip", TAMPER[kind])
    with pytest.raises(StorageError, match="数据库结构与本程序的不同"):
        backup.verify_backup(bad)
    ctx.store.close()
    before = paths.db_path().read_bytes()
    with pytest.raises(StorageError, match="数据库结构与本程序的不同"):
        restore(paths.db_path(), bad, paths.backup_dir())
    assert paths.db_path().read_bytes() == before


def test_the_message_names_the_extra_trigger(ctx, profile, tmp_path):
    good = backup.backup_now(ctx.store, paths.backup_dir(), "manual")
    bad = _rearchive(good, tmp_path / "t.zip", TAMPER["trigger"])
    with pytest.raises(StorageError) as e:
        backup.verify_backup(bad)
    assert "多出触发器“wipe”" in e.value.message


@pytest.mark.parametrize("version", [n for n, _ in migrations.steps()])
def test_every_released_schema_still_restores(tmp_path, version):
    src = FIXTURES / f"schema-v{version}.db"
    copy = tmp_path / f"old-v{version}.db"
    shutil.copyfile(src, copy)
    assert backup.verify_backup(copy) == version
