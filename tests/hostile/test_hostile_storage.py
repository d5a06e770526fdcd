"""Disk full and a read-only data dir: a plain Chinese message, and no data lost.

The tests run as root, so chmod cannot make a folder unwritable. Two ways instead: SQLite's own caps on
the open store (`PRAGMA max_page_count` = a full disk, `PRAGMA query_only` = a read-only file), always;
and, where the machine lets us mount, a real 3 MB tmpfs filled to the last byte and remounted read-only.
"""

from __future__ import annotations

from locations import ROOT

import errno
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fs_support import small_tmpfs
from fuzz_support import CJK, db_digest

ROOT = ROOT
TASKS = ROOT / "tests/fixtures/tasks"


def _big_list(tmp_path: Path, rows: int = 400) -> Path:
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_fixtures", TASKS / "make_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    path = tmp_path / "big.xlsx"
    mod.make_big_xlsx(path, rows)
    return path


def _message(exc: BaseException) -> str:
    from gwdesk.store.db import describe_storage_error
    known = describe_storage_error(exc)
    assert known is not None, f"not recognised as a storage failure: {exc!r}"
    assert CJK.search(known.message)
    return known.message


def _shown_as_message(exc: BaseException, alerts_log) -> str:
    """What the window does with it: the excepthook's plain message box, not the crash dialog."""
    from gwdesk.app import install_excepthook
    old = sys.excepthook
    install_excepthook()
    try:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = old
    kind, _, text = alerts_log[-1]
    assert kind == "error" and kind != "crash", alerts_log[-1]
    return text


@pytest.mark.allow_log_warnings
def test_disk_full_during_imports_and_saves_keeps_the_data(ctx, profile, tmp_path, alerts_log):
    from gwdesk.core.review import forms
    from gwdesk.core.tasks import service
    from gwdesk.io import tasklist
    from gwdesk.store.tasks_models import Task

    db = ctx.store.db
    service.import_parsed(tasklist.read(TASKS / "lp2021.xlsx"), profile=profile)
    form = forms.create(ctx, {"title": "关于做好冬春困难群众救助工作的通知", "attribute": "主动公开"})
    tasks_before = Task.select().count()
    before = db_digest(db)
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")  # the disk is full: not one more page
    try:
        with pytest.raises(Exception) as e:
            service.import_parsed(tasklist.read(_big_list(tmp_path)), profile=profile,
                                  issuer="青川县政务服务管理局", year=2026)
        assert "磁盘空间已满" in _message(e.value)
        assert "磁盘空间已满" in _shown_as_message(e.value, alerts_log)
        form.values = dict(form.values, summary="政务公开" * 20000)
        with pytest.raises(Exception) as e:
            forms.save(ctx, form)
        assert "磁盘空间已满" in _message(e.value)
    finally:
        db.execute_sql("PRAGMA max_page_count = 1073741823")
    assert db_digest(db) == before  # nothing half-written
    assert Task.select().count() == tasks_before
    # space freed: the same work now goes through
    service.import_parsed(tasklist.read(_big_list(tmp_path)), profile=profile,
                          issuer="青川县政务服务管理局", year=2026)
    assert Task.select().count() == tasks_before + 400


@pytest.mark.allow_log_warnings
def test_read_only_database_refuses_writes_with_a_message(ctx, profile, alerts_log):
    from gwdesk.core.applications import ledger
    from gwdesk.core.review import forms

    db = ctx.store.db
    form = forms.create(ctx, {"title": "关于调整城乡特困人员基本生活标准的通知", "attribute": "主动公开"})
    before = db_digest(db)
    db.execute_sql("PRAGMA query_only = 1")  # the file has become read-only under us
    try:
        form.values = dict(form.values, title="改过的标题")
        with pytest.raises(Exception) as e:
            forms.save(ctx, form)
        assert "只读" in _message(e.value) and "只读" in _shown_as_message(e.value, alerts_log)
        with pytest.raises(Exception) as e:
            import datetime as dt
            ledger.create({"number": "2026-001", "received": dt.date(2026, 11, 2), "channel": "网络",
                           "applicant_type": "自然人", "applicant_name": "张三", "content": "低保名单"})
        assert "只读" in _message(e.value)
    finally:
        db.execute_sql("PRAGMA query_only = 0")
    assert db_digest(db) == before
    assert forms.get(form.id).title == "关于调整城乡特困人员基本生活标准的通知"


# ---- a real small file system -------------------------------------------------------------------

@pytest.fixture
def tiny_fs(tmp_path):
    """A 3 MB tmpfs."""
    with small_tmpfs(tmp_path, "3m") as mnt:
        yield mnt


def _fill(mnt: Path, leave: int) -> Path:
    """Write a filler file until only about `leave` bytes are free."""
    filler = mnt / "filler.bin"
    with open(filler, "wb") as f:
        chunk = b"\0" * 65536
        try:
            while shutil.disk_usage(mnt).free > leave + len(chunk):
                f.write(chunk)
                f.flush()
            f.write(b"\0" * max(0, shutil.disk_usage(mnt).free - leave))
            f.flush()
        except OSError as e:
            assert e.errno == errno.ENOSPC
    return filler


@pytest.mark.allow_log_warnings
def test_real_full_disk_and_read_only_mount(tiny_fs, tmp_path, alerts_log):
    from gwdesk import paths
    from gwdesk.core import demo, units
    from gwdesk.core.tasks import service
    from gwdesk.errors import StorageError
    from gwdesk.io import tasklist
    from gwdesk.session import open_session
    from gwdesk.store import backup
    from gwdesk.store.tasks_models import Task

    data = tiny_fs / "data"
    big = _big_list(tmp_path, 1500)
    with open_session(data, daily_backup=False) as ctx:
        units.save(demo.DEMO_PROFILE)
        service.import_parsed(tasklist.read(TASKS / "lp2021.xlsx"), profile=units.load())
        kept = Task.select().count()
        filler = _fill(tiny_fs, 48 * 1024)
        with pytest.raises(Exception) as e:
            service.import_parsed(tasklist.read(big), profile=units.load(), issuer="青川县政务服务管理局", year=2026)
        _message(e.value)
        _shown_as_message(e.value, alerts_log)
        with pytest.raises(StorageError) as e:  # a backup that does not fit: refused, no half file listed
            backup.backup_now(ctx.store, paths.backup_dir())
        assert CJK.search(e.value.message)
        assert backup.list_backups(paths.backup_dir()) == []
        filler.unlink()
        assert Task.select().count() == kept
    c = sqlite3.connect(data / "gwdesk.db")
    assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    c.close()

    digest = (data / "gwdesk.db").read_bytes()
    r = subprocess.run(["mount", "-o", "remount,ro", str(tiny_fs)], capture_output=True, check=False)
    if r.returncode:
        pytest.skip(f"cannot remount read-only: {r.stderr.decode().strip()}")
    try:
        with pytest.raises(StorageError) as e, open_session(data, daily_backup=False):
            pass
        assert CJK.search(e.value.message)
        assert (data / "gwdesk.db").read_bytes() == digest
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(tiny_fs)], capture_output=True, check=False)
    with open_session(data, daily_backup=False):
        assert Task.select().count() == kept
