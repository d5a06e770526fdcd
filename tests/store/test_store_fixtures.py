"""Every fixture database (one per schema version) upgrades to the latest schema with its data intact."""

from __future__ import annotations

from locations import ROOT

import importlib.util
import shutil
import sqlite3
from pathlib import Path

import pytest

from gwdesk.store import backup, migrations
from gwdesk.store.db import open_store

ROOT = ROOT
FIXTURES = ROOT / "tests" / "fixtures" / "db"
_spec = importlib.util.spec_from_file_location("make_fixture_dbs", ROOT / "tools" / "make_fixture_dbs.py")
make_fixture_dbs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_fixture_dbs)


def _fixture_versions() -> list[int]:
    return sorted(int(p.stem.split("-v")[1]) for p in FIXTURES.glob("schema-v*.db"))


def _schema(path: Path) -> list[tuple]:
    c = sqlite3.connect(path)
    try:
        return sorted(c.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                "WHERE name NOT LIKE 'sqlite_%'").fetchall(), key=lambda r: (r[0], r[1]))
    finally:
        c.close()


def test_a_fixture_for_every_schema_version():
    assert _fixture_versions() == [n for n, _ in migrations.steps()], \
        "run `python tools/make_fixture_dbs.py` after releasing a new schema version"


@pytest.mark.parametrize("version", _fixture_versions())
def test_fixture_upgrades_to_latest_with_data_intact(tmp_path, version):
    src = FIXTURES / f"schema-v{version}.db"
    db_path, bdir = tmp_path / "gwdesk.db", tmp_path / "backups"
    shutil.copyfile(src, db_path)
    original = src.read_bytes()

    store = open_store(db_path, backup_dir=bdir)
    try:
        latest = migrations.latest_version()
        assert store.version == latest
        assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        from gwdesk.core import units
        from gwdesk.store.models import Setting
        p = units.load()
        u = make_fixture_dbs.UNIT
        assert (p.name, p.level, p.supervisor, p.contact, p.phone) == (
            u["name"], u["level"], u["supervisor"], u["contact"], u["phone"])
        assert (p.departments, p.groups, p.aliases) == (u["departments"], u["groups"], u["aliases"])
        for key, value in make_fixture_dbs.SETTINGS.items():
            assert Setting.get_value(key) == value
    finally:
        store.close()

    # the upgraded file has exactly the schema a new database gets
    fresh = tmp_path / "fresh.db"
    open_store(fresh).close()
    assert _schema(db_path) == _schema(fresh), (
        f"schema-v{version}.db upgraded differs from a new database: a migration up to v{version} changed "
        "after the fixture was made (regenerate with tools/make_fixture_dbs.py only if unreleased)")
    # one backup before each step that ran, each at the version it was taken from
    made = sorted(backup.list_backups(bdir), key=lambda b: b.reason)
    assert [b.reason for b in made] == sorted(f"before-migrate-v{n}" for n in range(version + 1, latest + 1))
    for b in made:
        assert backup.verify_backup(b.path) == int(b.reason.rsplit("v", 1)[1]) - 1
    assert src.read_bytes() == original


def test_generator_builds_each_version_from_the_chain(tmp_path):
    for n, _ in migrations.steps():
        p = make_fixture_dbs.build(tmp_path / f"v{n}.db", n)
        c = sqlite3.connect(p)
        try:
            assert c.execute("PRAGMA user_version").fetchone()[0] == n
            assert c.execute("SELECT name FROM unit_profile").fetchone()[0] == make_fixture_dbs.UNIT["name"]
            assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        finally:
            c.close()
        assert not p.with_name(p.name + "-wal").exists()
