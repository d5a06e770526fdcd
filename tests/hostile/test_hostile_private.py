"""Private data and a hostile file system: the data folder 0700 with files 0600, a read-only data folder
gives the window a plain message, the lock file never follows a symlink, evidence is hashed by streaming,
read-only commands beside an open window still read the unit profile."""

from __future__ import annotations

from locations import ROOT

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from fs_support import small_tmpfs

from gwdesk.errors import StorageError

ROOT = ROOT


@pytest.fixture
def ro_mount(tmp_path):
    """A tmpfs that the test can remount read-only."""
    with small_tmpfs(tmp_path, "8m") as mnt:
        yield mnt


@pytest.mark.allow_log_warnings
def test_read_only_data_folder_gives_the_window_a_plain_message(ro_mount, alerts_log, qapp, capsys):
    from gwdesk import app, paths
    from gwdesk.core import demo, units
    from gwdesk.session import open_session
    data = ro_mount / "data"
    with open_session(data, daily_backup=False):
        units.save(demo.DEMO_PROFILE)
    r = subprocess.run(["mount", "-o", "remount,ro", str(ro_mount)], capture_output=True, check=False)
    if r.returncode:
        pytest.skip(f"cannot remount read-only: {r.stderr.decode().strip()}")
    paths.set_data_dir(data)
    rc = app.run_gui()
    out, err = capsys.readouterr()
    assert rc == 1
    assert "Traceback" not in out + err
    kinds = [k for k, _, _ in alerts_log]
    assert "crash" not in kinds and "error" in kinds, alerts_log
    text = next(t for k, _, t in alerts_log if k == "error")
    assert "只读" in text or "无法写入" in text, text


def test_the_lock_file_never_follows_a_symlink(tmp_path):
    from gwdesk.store.lock import InstanceLock
    data = tmp_path / "data"
    data.mkdir()
    victim = tmp_path / "important.txt"
    victim.write_text("不能被清空的内容", encoding="utf-8")
    (data / "gwdesk.lock").symlink_to(victim)
    with pytest.raises(StorageError) as e:
        InstanceLock(data).acquire()
    assert "符号链接" in e.value.message
    assert victim.read_text(encoding="utf-8") == "不能被清空的内容"
    dangling = tmp_path / "data2"
    dangling.mkdir()
    (dangling / "gwdesk.lock").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(StorageError):
        InstanceLock(dangling).acquire()
    assert not (tmp_path / "nowhere.txt").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_0700_and_its_files_0600(tmp_path, alerts_log):
    from gwdesk import logs, paths
    from gwdesk.core import demo, units
    from gwdesk.core.tasks import service, tracking
    from gwdesk.io import tasklist
    from gwdesk.session import open_session
    from gwdesk.store import backup
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    old = data / "logs"
    old.mkdir(mode=0o755)
    (old / "gwdesk.log.1").write_text("旧日志", encoding="utf-8")
    os.chmod(old / "gwdesk.log.1", 0o644)  # an install from before: opened once, made private
    previous = os.umask(0o022)
    try:
        with open_session(data, daily_backup=False) as ctx:
            logs.setup_logging()
            units.save(demo.DEMO_PROFILE)
            service.import_parsed(tasklist.read(ROOT / "tests/fixtures/tasks/lp2021.xlsx"), profile=units.load())
            from gwdesk.store.tasks_models import Task
            evidence = tmp_path / "佐证.pdf"
            evidence.write_bytes(b"%PDF-1.4 x")
            tracking.add_file(Task.select().first().id, evidence)
            backup.backup_now(ctx.store, paths.backup_dir())
            ctx.store.db.execute_sql("CREATE TABLE IF NOT EXISTS _t(x)")  # the WAL exists now
            found = []
            for folder, dirs, files in os.walk(data):
                for d in dirs:
                    found.append((Path(folder, d), 0o700))
                for f in files:
                    found.append((Path(folder, f), 0o600))
            found.append((data, 0o700))
            names = {p.name for p, _ in found}
            assert {"gwdesk.db", "gwdesk.db-wal", "gwdesk.log", "gwdesk.log.1", "evidence", "backups"} <= names
            assert any(p.parent.name == "backups" and p.is_file() for p, _ in found)
            wrong = [(str(p.relative_to(tmp_path)), oct(stat.S_IMODE(p.stat().st_mode))) for p, mode in found
                     if stat.S_IMODE(p.stat().st_mode) != mode]
            assert not wrong, wrong
    finally:
        os.umask(previous)
        import logging
        for h in list(logging.getLogger().handlers):
            if getattr(h, "_gwdesk", False):
                logging.getLogger().removeHandler(h)
                h.close()


def test_evidence_is_hashed_without_reading_it_whole(ctx, tmp_path):
    """A 400 MB file (sparse, so the test is quick) attached and verified: Python never holds it."""
    import tracemalloc

    from gwdesk.core import demo, units
    from gwdesk.core.tasks import service, tracking
    from gwdesk.io import tasklist
    from gwdesk.store.tasks_models import Task
    units.save(demo.DEMO_PROFILE)
    service.import_parsed(tasklist.read(ROOT / "tests/fixtures/tasks/lp2021.xlsx"), profile=units.load())
    big = tmp_path / "扫描件.pdf"
    with open(big, "wb") as f:
        f.truncate(400 * 1024 * 1024)
    task_id = Task.select().first().id
    tracemalloc.start()
    try:
        ev = tracking.add_file(task_id, big)
        assert tracking.verify_file(ev)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"
    assert ev.size == 400 * 1024 * 1024


def test_review_blank_beside_an_open_window_keeps_the_unit_name(tmp_path):
    from gwdesk.core import demo, units
    from gwdesk.session import open_session
    data = tmp_path / "data"
    out = tmp_path / "blank.pdf"
    with open_session(data, daily_backup=False):  # the window holds the lock meanwhile
        units.save(demo.DEMO_PROFILE)
        env = dict(os.environ, GWDESK_DATA_DIR=str(data), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
        r = subprocess.run([sys.executable, "main.py", "review", "blank", "--out", str(out)], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=180)
        assert r.returncode == 0, r.stderr
        r2 = subprocess.run([sys.executable, "main.py", "calc", "due", "--received", "2026-12-04"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=180)
        assert r2.returncode == 0 and "2027-01-04" in r2.stdout, r2.stderr
    from pypdf import PdfReader
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert demo.DEMO_PROFILE.name in text.replace(" ", "").replace("\n", "")


def test_preview_pdfs_go_to_a_private_folder_removed_at_exit_and_swept_at_start(ctx, profile, qtbot, alerts_log,
                                                                                 tmp_path):
    import copy
    import json
    import tempfile

    from gwdesk import paths
    from gwdesk.core.review import forms
    from gwdesk.ui.review.page import Page
    before = set(Path(tempfile.gettempdir()).glob("gwdesk-review-*"))
    sample = json.loads((ROOT / "tests/fixtures/review/sample_form.json").read_text("utf-8"))
    f = forms.create(ctx, copy.deepcopy(sample["values"]), copy.deepcopy(sample["signoffs"]))
    page = Page(ctx)
    qtbot.addWidget(page)
    dlg = page.preview([forms.get(f.id)])
    qtbot.addWidget(dlg)
    pdfs = list((paths.data_dir() / "tmp").rglob("*.pdf"))
    assert pdfs and all(p.is_relative_to(paths.data_dir()) for p in pdfs)
    assert set(Path(tempfile.gettempdir()).glob("gwdesk-review-*")) == before
    if os.name == "posix":
        assert stat.S_IMODE((paths.data_dir() / "tmp").stat().st_mode) == 0o700

    # a folder left by a process that is gone is swept; a live process's folder (ours) stays
    dead = paths.data_dir() / "tmp" / "4194303-left"
    dead.mkdir()
    (dead / "preview.pdf").write_bytes(b"%PDF")
    assert paths.sweep_private_temp() == 1
    assert not dead.exists() and all(p.exists() for p in pdfs)

    # removed at exit
    env = dict(os.environ, GWDESK_DATA_DIR=str(tmp_path / "d2"), PYTHONPATH=str(ROOT))
    code = "from gwdesk import paths; p = paths.private_temp_dir(); (p / 'a.pdf').write_bytes(b'x'); print(p)"
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    left = Path(r.stdout.strip())
    assert r.returncode == 0 and left.parent == tmp_path / "d2" / "tmp" and not left.exists()
