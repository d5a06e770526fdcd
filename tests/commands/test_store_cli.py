"""`gwdesk backup`, `gwdesk backups`, `gwdesk restore FILE`."""

from __future__ import annotations

from locations import ROOT

import argparse
import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gwdesk import paths
from gwdesk.commands import backup as backup_cmd
from gwdesk.errors import StorageError
from gwdesk.store import backup, migrations
from gwdesk.store.db import open_store
from gwdesk.store.models import Setting

ROOT = ROOT


def _unpacked(path: Path) -> Path:
    import zipfile
    out = path.with_name(path.name + ".db")
    with zipfile.ZipFile(path) as zf:
        out.write_bytes(zf.read("gwdesk.db"))
    return out


def run(*argv) -> int:
    parser = argparse.ArgumentParser()
    backup_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return args.func(args)


def _set(key, value):
    s = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    try:
        Setting.set_value(key, value)
    finally:
        s.close()


def test_backup_prints_the_new_file(data_dir, capsys):
    _set("state", "备份时")
    assert run("backup") == 0
    out = capsys.readouterr().out
    (b,) = backup.list_backups(paths.backup_dir())  # no daily backup from a command
    assert out.strip() == f"已备份到：{b.path}"
    assert b.reason == "manual"


def test_backups_lists_newest_first(data_dir, capsys):
    assert run("backups") == 0
    assert "还没有备份" in capsys.readouterr().out
    _set("x", 1)
    when = dt.datetime(2026, 11, 20, 8, 1, 2)  # same second: the one written last is listed first
    first = backup.backup_now(paths.db_path(), paths.backup_dir(), "daily", when=when)
    second = backup.backup_now(paths.db_path(), paths.backup_dir(), "manual", when=when)
    assert run("backups") == 0
    lines = capsys.readouterr().out.splitlines()
    assert "共 2 个" in lines[0]
    assert lines[1].endswith(second.name) and "手动备份" in lines[1]
    assert lines[2].endswith(first.name) and "每日自动备份" in lines[2]


def test_restore_says_what_it_did(data_dir, capsys):
    _set("state", "旧")
    saved = backup.backup_now(paths.db_path(), paths.backup_dir())
    _set("state", "新")
    assert run("restore", str(saved)) == 0
    out = capsys.readouterr().out
    before = [b for b in backup.list_backups(paths.backup_dir()) if b.reason == "before-restore"]
    assert len(before) == 1
    assert f"已先把当前数据备份到：{before[0].path}" in out
    assert f"已用“{saved}”恢复数据库" in out
    s = open_store(paths.db_path())
    try:
        assert Setting.get_value("state") == "旧"
    finally:
        s.close()


def test_restore_old_version_is_upgraded_at_once(data_dir, capsys):
    _set("state", "当前")
    assert run("restore", str(ROOT / "tests" / "fixtures" / "db" / "schema-v1.db")) == 0
    out = capsys.readouterr().out
    assert f"已把恢复的数据库升级到当前版本 {migrations.latest_version()}" in out
    c = sqlite3.connect(paths.db_path())
    assert c.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
    c.close()


def test_restore_refuses_garbage_and_changes_nothing(data_dir):
    _set("state", "当前")
    before = paths.db_path().read_bytes()
    junk = data_dir / "下载的文件.db"
    junk.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(StorageError, match="不是 SQLite 数据库文件"):
        run("restore", str(junk))
    assert paths.db_path().read_bytes() == before
    assert backup.list_backups(paths.backup_dir()) == []


def test_restore_refused_while_a_window_holds_the_data_dir(data_dir):
    _set("state", "当前")
    saved = backup.backup_now(paths.db_path(), paths.backup_dir())
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys,time; from gwdesk.store.lock import InstanceLock; "
         "InstanceLock(sys.argv[1]).acquire(); print('locked', flush=True); time.sleep(60)", str(data_dir)],
        stdout=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        assert holder.stdout.readline().strip() == b"locked"
        with pytest.raises(StorageError, match="正被另一个 gwdesk 窗口使用"):
            run("restore", str(saved))
    finally:
        holder.kill()
        holder.wait()
    assert [b.reason for b in backup.list_backups(paths.backup_dir())] == ["manual"]
    assert _settings_value("state") == '"当前"'


def _settings_value(key):
    c = sqlite3.connect(paths.db_path())
    try:
        return c.execute("SELECT value FROM setting WHERE key=?", (key,)).fetchone()[0]
    finally:
        c.close()


WINDOW = r"""
import sys, time
from gwdesk.session import open_session
from gwdesk.store.models import Setting
with open_session(sys.argv[1], daily_backup=False) as ctx:
    i = 0
    while True:
        i += 1
        with ctx.db.atomic():
            Setting.set_value("counter", i)
            Setting.set_value("echo", i)
        if i == 1:
            print("open", flush=True)
"""


def test_backup_while_a_window_is_open_and_writing(data_dir, capsys):
    _set("state", "当前")
    window = subprocess.Popen([sys.executable, "-c", WINDOW, str(data_dir)], stdout=subprocess.PIPE,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        assert window.stdout.readline().strip() == b"open"
        assert run("backup") == 0
    finally:
        window.kill()
        window.wait()
    out = capsys.readouterr().out
    assert "在它运行时做了在线备份" in out
    (b,) = backup.list_backups(paths.backup_dir())
    assert backup.verify_backup(b.path) == migrations.latest_version()
    c = sqlite3.connect(_unpacked(b.path))
    vals = dict(c.execute("SELECT key, value FROM setting WHERE key IN ('counter', 'echo')").fetchall())
    c.close()
    assert vals["counter"] == vals["echo"]  # a consistent snapshot: both or neither of a transaction
