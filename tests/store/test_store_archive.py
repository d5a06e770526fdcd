"""Backup archives: the whole workspace (database + evidence + forms) in one verified file, 移机, rotation by
the recorded time under a skewed clock, an empty database never backed up over real ones, a blank database
beside backups refused by the CLI, the second destination and its 7-day reminder, a restore on a full disk."""

from __future__ import annotations

from locations import ROOT

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from test_hostile_storage import _fill, tiny_fs  # noqa: F401  (the 3 MB file system of the full-disk tests)

from gwdesk import paths
from gwdesk.errors import StorageError
from gwdesk.store import archive, backup, migrations, offsite
from gwdesk.store.db import open_store
from gwdesk.store.models import Setting
from gwdesk.store.restore import restore

ROOT = ROOT
TASKS = ROOT / "tests/fixtures/tasks"
TODAY = dt.date(2026, 11, 20)


def _cli(*argv) -> int:
    from gwdesk.cli import main
    return main(list(argv))


def _workspace_with_evidence(ctx, profile, tmp_path) -> list:
    """A unit with tasks and two evidence files attached (a PDF-like and a picture-like file)."""
    from gwdesk.core.tasks import service, tracking
    from gwdesk.io import tasklist
    from gwdesk.store.tasks_models import Task
    service.import_parsed(tasklist.read(TASKS / "lp2021.xlsx"), profile=profile)
    task = Task.select().order_by(Task.id).first()
    a = tmp_path / "2026年第三季度政务公开工作总结.pdf"
    a.write_bytes(b"%PDF-1.4\n" + os.urandom(40_000))
    b = tmp_path / "公开栏照片.jpg"
    b.write_bytes(os.urandom(70_000))
    evs = [tracking.add_file(task.id, a), tracking.add_file(task.id, b)]
    custom = paths.user_forms_dir() / "review.toml"
    custom.write_text("# 本县自定义的意见单\n", encoding="utf-8")
    return evs


def test_archive_holds_database_evidence_forms_and_a_manifest(ctx, profile, tmp_path):
    evs = _workspace_with_evidence(ctx, profile, tmp_path)
    made = backup.backup_now(ctx.store, paths.backup_dir(), "manual", when=dt.datetime(2026, 11, 20, 9, 0, 0))
    with zipfile.ZipFile(made) as zf:
        names = set(zf.namelist())
        raw = json.loads(zf.read("manifest.json"))
        members = {n: zf.read(n) for n in names if n != "manifest.json"}
    assert raw["format"] == "gwdesk-backup" and raw["created_at"] == "2026-11-20T09:00:00"
    assert raw["schema_version"] == migrations.latest_version() and raw["reason"] == "manual"
    assert raw["records"] > 0 and raw["app_version"]
    assert {f"evidence/{ev.value}" for ev in evs} | {"gwdesk.db", "forms/review.toml"} <= names
    listed = {f["path"]: f for f in raw["files"]}
    assert set(listed) == names - {"manifest.json"}
    for name, data in members.items():
        assert listed[name]["size"] == len(data) and listed[name]["sha256"] == hashlib.sha256(data).hexdigest()
    info = backup.list_backups(paths.backup_dir())[0]
    assert info.kind == "zip" and info.evidence == 2 and info.contents == "数据库 + 2 个佐证材料"


def test_export_then_restore_on_a_fresh_data_folder_brings_evidence_back(ctx, profile, tmp_path, monkeypatch):
    """移机: `gwdesk backup --out FILE` here, `gwdesk restore FILE` on another computer (a new data folder)."""
    from gwdesk.core.tasks import tracking
    evs = _workspace_with_evidence(ctx, profile, tmp_path)
    wanted = {ev.value: (ev.sha256, ev.original_name) for ev in evs}
    ctx.store.close()
    out = tmp_path / "U盘" / "全部数据.zip"
    out.parent.mkdir()
    assert _cli("backup", "--out", str(out)) == 0
    assert out.is_file() and archive.read_manifest(out).reason == "export"

    other = tmp_path / "另一台电脑" / "gwdesk"
    monkeypatch.setenv("GWDESK_DATA_DIR", str(other))
    paths.set_data_dir(other)
    assert not other.exists()
    assert _cli("restore", str(out)) == 0

    for rel, (digest, _) in wanted.items():
        assert hashlib.sha256((other / "evidence" / rel).read_bytes()).hexdigest() == digest
    assert (other / "forms" / "review.toml").read_text(encoding="utf-8") == "# 本县自定义的意见单\n"
    from gwdesk.session import open_session
    with open_session(daily_backup=False):
        from gwdesk.core import units
        from gwdesk.store.tasks_models import TaskEvidence
        assert units.load().name == profile.name
        stored = list(TaskEvidence.select())
        assert {e.value for e in stored} == set(wanted)
        assert all(tracking.verify_file(e) for e in stored)  # the hash recorded when attached still holds


def test_restore_refuses_a_tampered_archive_and_changes_nothing(ctx, profile, tmp_path):
    evs = _workspace_with_evidence(ctx, profile, tmp_path)
    made = backup.backup_now(ctx.store, paths.backup_dir(), "manual")
    bad = tmp_path / "tampered.zip"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == f"evidence/{evs[0].value}":
                data = data[:-10] + b"0123456789"  # same size, other bytes
            dst.writestr(item, data)
    ctx.store.close()
    before = {p: p.read_bytes() for p in paths.data_dir().rglob("*") if p.is_file() and "backups" not in p.parts}
    with pytest.raises(StorageError, match="与清单不符"):
        backup.verify_backup(bad)
    with pytest.raises(StorageError, match="与清单不符"):
        restore(paths.db_path(), bad, paths.backup_dir())
    after = {p: p.read_bytes() for p in paths.data_dir().rglob("*") if p.is_file() and "backups" not in p.parts}
    assert after == before
    assert [b.reason for b in backup.list_backups(paths.backup_dir())] == ["manual"]  # no before-restore either
    assert not list(paths.data_dir().glob(".restore-*"))


def test_restore_puts_the_workspace_back_as_it_was(ctx, profile, tmp_path):
    evs = _workspace_with_evidence(ctx, profile, tmp_path)
    made = backup.backup_now(ctx.store, paths.backup_dir(), "manual")
    later = paths.evidence_dir() / "tasks" / "added-after-the-backup.txt"
    later.write_text("备份之后才加的", encoding="utf-8")
    (paths.evidence_dir() / evs[0].value).unlink()
    ctx.store.close()
    result = restore(paths.db_path(), made, paths.backup_dir())
    assert result.evidence == 2
    assert (paths.evidence_dir() / evs[0].value).is_file() and not later.exists()
    with zipfile.ZipFile(result.before_restore) as zf:  # what was replaced is in the before-restore archive
        assert "evidence/tasks/added-after-the-backup.txt" in zf.namelist()


def test_old_plain_db_backups_still_restore(tmp_path):
    db_path, bdir = tmp_path / "gwdesk.db", tmp_path / "backups"
    s = open_store(db_path)
    Setting.set_value("state", "旧版本的备份")
    s.close()
    old = bdir / "gwdesk-20250301-084500-daily.db"
    bdir.mkdir()
    c, d = sqlite3.connect(db_path), sqlite3.connect(old)
    c.backup(d)
    c.close()
    d.close()
    s = open_store(db_path)
    Setting.set_value("state", "现在")
    s.close()
    (info,) = backup.list_backups(bdir)
    assert info.kind == "db" and info.when == dt.datetime(2025, 3, 1, 8, 45) and info.contents == "仅数据库"
    assert backup.verify_backup(old) == migrations.latest_version()
    restore(db_path, old, bdir)
    s = open_store(db_path)
    try:
        assert Setting.get_value("state") == "旧版本的备份"
    finally:
        s.close()


# ---- rotation by the recorded time ------------------------------------------------------------------

def _archive_at(src: Path, bdir: Path, when: dt.datetime, reason: str = "daily") -> Path:
    return backup.backup_now(src, bdir, reason, when=when)


def test_rotation_survives_a_clock_that_was_once_years_ahead(tmp_path):
    """60 working days of real dailies; for 20 of them (in the middle) the clock said 2031.

    The old rule ranked by the time in the name: the 20 "2031" files were the newest, so only 10 real
    recent dailies survived the 30, and the future files stayed forever.
    """
    src = tmp_path / "gwdesk.db"
    s = open_store(src)
    Setting.set_value("x", 1)
    s.close()
    bdir = tmp_path / "backups"
    days = []
    d = TODAY
    while len(days) < 60:
        if d.weekday() < 5:
            days.append(d)
        d -= dt.timedelta(days=1)
    days.reverse()
    skewed = set(days[20:40])
    real, future = {}, {}
    for i, day in enumerate(days):
        if day in skewed:  # the clock was five years ahead on those days
            when = dt.datetime(2031, 6, 2, 8, 30) + dt.timedelta(days=i)
            future[day] = _archive_at(src, bdir, when)
        else:
            real[day] = _archive_at(src, bdir, dt.datetime.combine(day, dt.time(8, 30)))
    backup.rotate(bdir, TODAY)
    left = set(bdir.iterdir())
    kept_real = [day for day, p in real.items() if p in left]
    # the 30 newest real dailies… there are 40 real ones; the newest 20 are all after the skewed stretch
    real_days = sorted(real, reverse=True)
    month_ends = {max(x for x in real_days if (x.year, x.month) == (y.year, y.month)) for y in real_days}
    assert set(kept_real) == set(real_days[:30]) | month_ends
    assert all(p in left for p in future.values())  # 20 future ones: within their own 30, none deleted
    assert len(kept_real) >= 30  # the old rule kept 10 of these 40


def test_rotation_trusts_the_manifest_not_the_name_or_mtime(tmp_path):
    src = tmp_path / "gwdesk.db"
    s = open_store(src)
    Setting.set_value("x", 1)
    s.close()
    bdir = tmp_path / "backups"
    made = [_archive_at(src, bdir, dt.datetime.combine(TODAY - dt.timedelta(days=n), dt.time(9))) for n in range(35)]
    # someone renamed the oldest five to look brand new, and a copy tool touched every mtime
    for n, p in enumerate(made[-5:]):
        p.rename(p.with_name(f"gwdesk-20261120-2359{n:02d}-daily.zip"))
    for p in bdir.iterdir():
        os.utime(p, (0, 0))
    removed = backup.rotate(bdir, TODAY)
    assert len(removed) == 5  # the 5 oldest by their manifest (October's newest, the 31st, is among the 30)
    kept_times = sorted(b.when.date() for b in backup.list_backups(bdir))
    assert kept_times[-30:] == sorted(TODAY - dt.timedelta(days=n) for n in range(30))
    assert all(p.name.startswith("gwdesk-20261120-2359") for p in removed)


@pytest.mark.allow_log_warnings
def test_daily_backup_is_not_fooled_by_a_future_backup(tmp_path):
    s = open_store(tmp_path / "gwdesk.db", backup_dir=tmp_path / "b")
    try:
        Setting.set_value("x", 1)
        backup.backup_now(s, tmp_path / "b", "daily", when=dt.datetime(2031, 1, 1, 8, 0))
        assert backup.daily_backup_if_needed(s, today=TODAY) is not None
        assert backup.last_backup_time(tmp_path / "b", TODAY).date() == TODAY
    finally:
        s.close()


# ---- a missing or empty database beside real backups ---------------------------------------------------

def _unit_with_backups(n: int = 3) -> list[Path]:
    from gwdesk.core import demo, units
    s = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    try:
        units.save(demo.DEMO_PROFILE)
        Setting.set_value("marker", "真实数据")
        return [backup.backup_now(s, paths.backup_dir(), "daily",
                                  when=dt.datetime.combine(TODAY - dt.timedelta(days=k), dt.time(8, 45)))
                for k in range(n)]
    finally:
        s.close()


@pytest.mark.parametrize("how", ["zero-bytes", "missing", "schema-only"])
def test_cli_refuses_to_start_on_a_blank_database_beside_backups(data_dir, capsys, how):
    made = _unit_with_backups()
    db = paths.db_path()
    for side in db.parent.glob("gwdesk.db-*"):
        side.unlink()
    if how == "zero-bytes":
        db.write_bytes(b"")
    elif how == "missing":
        db.unlink()
    else:
        db.unlink()
        open_store(db).close()  # what a start that went ahead would have left: schema, no rows
    for argv in (["tasks", "overview"], ["backup"]):
        assert _cli(*argv) == 2
        err = capsys.readouterr().err
        assert str(paths.backup_dir()) in err and made[0].name in err, err
        assert "gwdesk restore" in err
    assert len(backup.list_backups(paths.backup_dir())) == 3  # nothing new, nothing rotated away
    assert not (how == "missing" and db.exists())
    # the way out the message names works
    assert _cli("restore", str(made[0])) == 0
    capsys.readouterr()
    assert _cli("backup") == 0


def test_blank_database_with_only_empty_backups_starts_as_new(data_dir):
    s = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    backup.backup_now(s, paths.backup_dir(), "daily")  # the day's backup of a brand-new install
    s.close()
    assert backup.missing_data(paths.db_path(), paths.backup_dir()) is None


def test_empty_database_is_not_backed_up_over_real_ones(data_dir, capsys):
    _unit_with_backups()
    s = open_store(paths.db_path())
    try:
        s.db.execute_sql("DELETE FROM unit_profile")
        s.db.execute_sql("DELETE FROM setting")
        with pytest.raises(backup.EmptyDatabase, match="没有任何数据"):
            backup.backup_now(s, paths.backup_dir(), "manual")
        assert backup.daily_backup_if_needed(s, today=TODAY + dt.timedelta(days=1)) is None
    finally:
        s.close()
    assert len(backup.list_backups(paths.backup_dir())) == 3
    assert not [p for p in paths.backup_dir().iterdir() if p.name.startswith(".")]


def test_newest_damaged_backup_is_passed_over_for_a_verified_one(data_dir):
    made = _unit_with_backups()
    newest = made[0]
    newest.write_bytes(newest.read_bytes()[:-200])  # cut short (a copy that ran out of space)
    paths.db_path().write_bytes(b"")
    for side in paths.db_path().parent.glob("gwdesk.db-*"):
        side.unlink()
    missing = backup.missing_data(paths.db_path(), paths.backup_dir(), TODAY)
    assert missing.candidate.path == made[1]


# ---- the second destination -------------------------------------------------------------------

class _Ctx:
    def __init__(self, today):
        self.today = lambda: today


def test_second_destination_gets_each_backup_and_rotates(tmp_path):
    s = open_store(tmp_path / "gwdesk.db")
    Setting.set_value("x", 1)
    bdir, usb = tmp_path / "backups", tmp_path / "U盘" / "单位备份"
    usb.mkdir(parents=True)
    offsite.set_destination(bdir, usb)
    try:
        for k in range(33):
            day = TODAY - dt.timedelta(days=32 - k)
            out = backup.run(s, bdir, "daily", when=dt.datetime.combine(day, dt.time(8)), today=day)
            assert out.note == f"已同时复制到第二备份位置“{usb}”。"
    finally:
        s.close()
    on_usb = backup.list_backups(usb)
    assert len(on_usb) == 30 and on_usb[0].when.date() == TODAY  # rotated there too (October's last is in the 30)
    assert offsite.last_copy_time(bdir) == dt.datetime.combine(TODAY, dt.time(8))
    assert backup.verify_backup(on_usb[0].path) == migrations.latest_version()
    assert not [p for p in usb.iterdir() if p.name.startswith(".")]
    assert offsite.days_since_copy(bdir, TODAY) == 0


def test_absent_destination_is_a_plain_message_and_the_reminder_comes_after_7_days(tmp_path, data_dir):
    from gwdesk.core import backup_reminders
    s = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    Setting.set_value("x", 1)
    bdir = paths.backup_dir()
    usb = tmp_path / "media" / "USB"
    usb.mkdir(parents=True)
    offsite.set_destination(bdir, usb)
    try:
        backup.run(s, bdir, "daily", when=dt.datetime(2026, 11, 10, 8, 0), today=dt.date(2026, 11, 10))
        shutil.rmtree(usb.parent)  # unplugged: the mount point is gone
        for day in (dt.date(2026, 11, 16), dt.date(2026, 11, 17)):
            out = backup.run(s, bdir, "daily", when=dt.datetime.combine(day, dt.time(8)), today=day)
            assert out.path.is_file()
            assert "现在不可用" in out.note and "U 盘未插入" in out.note and str(usb) in out.note
    finally:
        s.close()
    assert offsite.last_failure(bdir) is None  # the local backup worked: not a failed backup
    assert backup_reminders.collect(_Ctx(dt.date(2026, 11, 16))) == []  # 6 days
    (r,) = backup_reminders.collect(_Ctx(dt.date(2026, 11, 17)))  # 7 days
    assert r.section == "settings" and "已有 7 天没有备份复制到" in r.text and str(usb) in r.text
    offsite.set_destination(bdir, None)
    (r,) = backup_reminders.collect(_Ctx(dt.date(2026, 11, 17)))
    assert "只保存在本机" in r.text
    assert backup_reminders.collect(_Ctx(dt.date(2026, 11, 12))) == []  # backups younger than a week


def test_failed_backup_is_recorded_for_the_clerk(data_dir, monkeypatch):
    s = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    Setting.set_value("x", 1)

    def full(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(archive, "write", full)
    try:
        with pytest.raises(StorageError, match="磁盘空间已满"):
            backup.run(s, paths.backup_dir(), "daily")
        failure = offsite.last_failure(paths.backup_dir())
        assert "磁盘空间已满" in failure["message"]
        monkeypatch.undo()
        backup.run(s, paths.backup_dir(), "manual")
        assert offsite.last_failure(paths.backup_dir()) is None
    finally:
        s.close()


# ---- a restore on a nearly full disk --------------------------------------------------------------

def test_restore_on_a_nearly_full_disk_leaves_no_truncated_file_and_changes_nothing(tiny_fs, tmp_path):
    """The data folder on a 3 MB file system; the archive holds a 1.5 MB evidence file that cannot fit."""
    big = tmp_path / "source"
    s = open_store(big / "gwdesk.db")
    Setting.set_value("state", "备份里的")
    s.close()
    (big / "evidence" / "tasks").mkdir(parents=True)
    (big / "evidence" / "tasks" / "扫描件.pdf").write_bytes(os.urandom(1_500_000))
    made = backup.backup_now(big / "gwdesk.db", tmp_path / "elsewhere", "manual")

    data = tiny_fs / "data"
    s = open_store(data / "gwdesk.db")
    Setting.set_value("state", "当前的")
    s.close()
    (data / "evidence").mkdir()
    (data / "evidence" / "旧材料.txt").write_text("现有佐证", encoding="utf-8")
    filler = _fill(tiny_fs, 600 * 1024)
    before = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}

    with pytest.raises(StorageError, match="磁盘空间已满") as e:
        restore(data / "gwdesk.db", made, data / "backups")
    assert "未作任何改动" in e.value.message
    after = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert after == before  # nothing replaced, no staging or half file left anywhere
    assert backup.list_backups(data / "backups") == []
    filler.unlink()
    result = restore(data / "gwdesk.db", made, data / "backups")  # with room, the same restore goes through
    assert (data / "evidence" / "tasks" / "扫描件.pdf").stat().st_size == 1_500_000
    assert result.before_restore.is_file()



def test_store_modules_import_without_a_cycle():
    """store/db.py ↔ store/backup.py went through store/inspect.py: no module in store/ imports one that
    (directly or not) imports it back, lazily inside a function or at the top."""
    import ast
    store = ROOT / "gwdesk" / "store"
    graph = {}
    for p in store.glob("*.py"):
        mod = f"gwdesk.store.{p.stem}"
        deps = set()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module == "gwdesk.store":
                    deps |= {f"gwdesk.store.{a.name}" for a in node.names}
                elif node.module.startswith("gwdesk.store."):
                    deps.add(node.module)
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("gwdesk.store.")}
        graph[mod] = deps

    def reaches(start, target, seen=()):
        return any(d == target or (d not in seen and reaches(d, target, seen + (d,))) for d in graph.get(start, ()))

    cyclic = sorted(m for m in graph if reaches(m, m))
    assert cyclic == []
    assert "gwdesk.store.db" not in graph["gwdesk.store.backup"]


def test_a_damaged_database_is_not_taken_for_a_blank_one(data_dir):
    _unit_with_backups()
    paths.db_path().write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    assert backup.missing_data(paths.db_path(), paths.backup_dir(), TODAY) is None  # open_store says "损坏"
    with pytest.raises(StorageError, match="从备份恢复"):
        open_store(paths.db_path())


def test_a_failure_during_the_swap_puts_the_folders_back(ctx, profile, tmp_path, monkeypatch):
    """The database cannot be replaced (held open by another program on Windows): evidence/ is put back too."""
    import gwdesk.store.restore as restore_mod
    _workspace_with_evidence(ctx, profile, tmp_path)
    made = backup.backup_now(ctx.store, paths.backup_dir(), "manual")
    mine = paths.evidence_dir() / "tasks" / "只在现在的.txt"
    mine.write_text("备份之后加的", encoding="utf-8")
    ctx.store.close()
    db_before = paths.db_path().read_bytes()
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == paths.db_path():
            raise PermissionError(13, "The process cannot access the file", str(dst))
        return real_replace(src, dst)
    monkeypatch.setattr(restore_mod.os, "replace", replace)
    with pytest.raises(StorageError, match="没有权限") as e:
        restore(paths.db_path(), made, paths.backup_dir())
    assert "恢复前的数据已备份为" in e.value.message
    assert mine.read_text(encoding="utf-8") == "备份之后加的"  # the live folder is back in place
    assert paths.db_path().read_bytes() == db_before
    assert not list(paths.data_dir().glob(".restore-*"))


class _Killed(BaseException):
    """Stands for a kill: nothing catches it, and the patched rmtree makes sure no clean-up runs."""


def _kill_restore_at(monkeypatch, when: str) -> None:
    """Make the next restore die before the swap ("staging") or half-way into it ("mid-swap")."""
    import gwdesk.store.restore as restore_mod
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == paths.db_path():
            raise _Killed()  # evidence/ and forms/ are swapped, the database not yet
        return real_replace(src, dst)

    def before(*a, **k):
        raise _Killed()
    monkeypatch.setattr(restore_mod.shutil, "rmtree", lambda *a, **k: None)
    if when == "staging":
        monkeypatch.setattr(restore_mod, "_before_restore", before)
    else:
        monkeypatch.setattr(restore_mod.os, "replace", replace)


@pytest.mark.allow_log_warnings
@pytest.mark.parametrize("when", ["staging", "mid-swap"])
def test_a_restore_killed_half_way_is_finished_or_dropped_at_the_next_start(ctx, profile, tmp_path, monkeypatch,
                                                                           when):
    from gwdesk.core import units
    from gwdesk.session import open_session
    evs = _workspace_with_evidence(ctx, profile, tmp_path)
    Setting.set_value("marker", "备份时")
    made = backup.backup_now(ctx.store, paths.backup_dir(), "manual")
    Setting.set_value("marker", "备份后")
    later = paths.evidence_dir() / "tasks" / "备份后才加的.txt"
    later.write_text("新", encoding="utf-8")
    ctx.store.close()
    _kill_restore_at(monkeypatch, when)
    with pytest.raises(_Killed):
        restore(paths.db_path(), made, paths.backup_dir())
    monkeypatch.undo()
    assert list(paths.data_dir().glob(".restore-*.tmp"))  # what the kill left behind

    with open_session(daily_backup=False):
        assert units.load().name == profile.name
        if when == "staging":  # not begun: everything as it was
            assert Setting.get_value("marker") == "备份后" and later.exists()
        else:  # begun: completed, database and evidence both from the backup
            assert Setting.get_value("marker") == "备份时" and not later.exists()
            assert all((paths.evidence_dir() / ev.value).is_file() for ev in evs)
            (kept,) = paths.backup_dir().glob("before-restore-files-*/evidence/tasks/备份后才加的.txt")
            assert kept.read_text(encoding="utf-8") == "新"  # what the swap moved aside is not lost
    assert not list(paths.data_dir().glob(".restore-*.tmp"))
