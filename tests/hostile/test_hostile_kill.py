"""SIGKILL during task import, review-form save, backup and a real schema upgrade: the database passes
integrity_check and holds the old or the new state, never half of one (raw writes and a synthetic
migration step are covered by test_store_kill.py).

GWDESK_KILL_ROUNDS sets the rounds per operation: one every day (each round kills at another random point),
five in CI's robustness stage (GWDESK_FUZZ_FULL=1, .ci/run); bench/hostile.py runs the long version (50+ rounds
each).
"""

from __future__ import annotations

from locations import ROOT, TESTS

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = ROOT
CHILD = (TESTS / "kill_child.py")
ROUNDS = int(os.environ.get("GWDESK_KILL_ROUNDS", "5" if os.environ.get("GWDESK_FUZZ_FULL") == "1" else "1"))
SEED = int(os.environ.get("GWDESK_FUZZ_SEED", "20261122"))

sys.path.insert(0, str(TESTS))
from kill_child import ISSUER, TASK_FILES, review_values


def _kill_at_random(args: list[str], delay: float, *, may_finish: bool = False) -> list[str]:
    """Start the child, wait for “ready”, let it work `delay` seconds, SIGKILL it; its printed lines."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=ROOT)
    try:
        first = proc.stdout.readline().strip()
        if first != b"ready":
            proc.kill()
            _, err = proc.communicate(timeout=30)
            raise AssertionError(f"child did not start: {first!r} {err.decode()[-800:]}")
        time.sleep(delay)
    finally:
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL or (may_finish and proc.returncode == 0), proc.returncode
    return [ln for ln in out.decode().split("\n")[:-1] if ln.strip()]  # the last line may be cut


def _integrity(path: Path) -> sqlite3.Connection:
    c = sqlite3.connect(path)  # recovers the dead writer's WAL, as the next gwdesk start does
    assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    return c


def _data_dir(tmp_path: Path, ctx_profile: bool = True) -> Path:
    from gwdesk import paths
    from gwdesk.core import demo, units
    from gwdesk.store.db import open_store
    d = tmp_path / "data"
    paths.set_data_dir(d)
    s = open_store(paths.db_path())
    try:
        if ctx_profile:
            units.save(demo.DEMO_PROFILE)
    finally:
        s.close()
    return d


def test_kill_during_task_import_leaves_one_whole_revision(tmp_path, data_dir):
    from gwdesk.io import tasklist
    from gwdesk.io.tasklist.grid import squash

    wanted = [sorted(squash(t.task) + "|" + squash(t.measure) for t in tasklist.read(f).tasks) for f in TASK_FILES]
    assert wanted[0] != wanted[1]
    d = _data_dir(tmp_path)
    rng = random.Random(f"{SEED}-kill-tasks")
    acknowledged = 0
    for r in range(ROUNDS):
        lines = _kill_at_random(["tasks", str(d)], rng.uniform(0.0, 0.6))
        acknowledged = int(lines[-1]) if lines else acknowledged
        c = _integrity(d / "gwdesk.db")
        try:
            row = c.execute("SELECT id, revision FROM task_list WHERE issuer = ?", (ISSUER,)).fetchone()
            revision = row[1] if row else 0
            assert revision in (acknowledged, acknowledged + 1), (revision, acknowledged)
            if row:
                active = sorted(
                    squash(t) + "|" + squash(m) for t, m in
                    c.execute("SELECT task, measure FROM task WHERE list_id = ? AND removed_at IS NULL", (row[0],)))
                assert active == wanted[(revision - 1) % 2], f"revision {revision} holds a mixture"
            acknowledged = revision
        finally:
            c.close()
    assert acknowledged >= 1 or ROUNDS < 3


def test_kill_during_review_form_save_keeps_columns_and_json_together(tmp_path, data_dir):
    import json
    d = _data_dir(tmp_path)
    rng = random.Random(f"{SEED}-kill-review")
    acknowledged = 0
    for r in range(ROUNDS):
        lines = _kill_at_random(["review", str(d)], rng.uniform(0.0, 0.5))
        acknowledged = int(lines[-1]) if lines else acknowledged
        c = _integrity(d / "gwdesk.db")
        try:
            rows = c.execute("SELECT title, doc_number, drafter, data FROM review_form").fetchall()
        finally:
            c.close()
        assert len(rows) == 1
        title, doc_number, drafter, data = rows[0]
        k = int(drafter.removeprefix("拟稿人"))
        assert k in (acknowledged, acknowledged + 1), (k, acknowledged)
        values = json.loads(data)["values"]
        want = review_values(k)
        assert (title, doc_number) == (want["title"], want["doc_number"])
        assert {key: values.get(key) for key in ("title", "summary", "drafter")} == \
               {key: want[key] for key in ("title", "summary", "drafter")}
        acknowledged = k


def test_kill_between_saving_a_new_form_and_dropping_its_draft_never_duplicates(tmp_path, data_dir):
    """Form k and the end of its draft commit together: a draft left behind is always of a form not yet saved."""
    import json
    d = _data_dir(tmp_path)
    rng = random.Random(f"{SEED}-kill-review-new")
    acknowledged = 0
    for r in range(ROUNDS):
        lines = _kill_at_random(["review_new", str(d)], rng.uniform(0.0, 0.5))
        acknowledged = int(lines[-1]) if lines else acknowledged
        c = _integrity(d / "gwdesk.db")
        try:
            titles = [t for (t,) in c.execute("SELECT title FROM review_form ORDER BY id")]
            drafts = c.execute("SELECT key, data FROM review_draft").fetchall()
        finally:
            c.close()
        n = len(titles)
        assert n in (acknowledged, acknowledged + 1), (n, acknowledged)
        assert titles == [review_values(k)["title"] for k in range(1, n + 1)], "a form saved twice or skipped"
        for key, data in drafts:  # only the form being typed may have a draft: the next one
            assert key == "new:default"
            assert json.loads(data)["values"]["title"] == review_values(n + 1)["title"], "a draft of a saved form"
        acknowledged = n


def test_kill_between_adding_progress_and_moving_the_task_to_in_progress(tmp_path, data_dir):
    """The 进展, the move to 推进中 and the end of the typed draft commit together."""
    import json
    from gwdesk.core.tasks import service
    from gwdesk.io import tasklist
    from gwdesk.store.db import open_store
    d = _data_dir(tmp_path)
    from gwdesk import paths
    s = open_store(paths.db_path())
    try:
        service.import_parsed(tasklist.read(TASK_FILES[0]),
                              issuer=ISSUER, year=2021)
    finally:
        s.close()
    rng = random.Random(f"{SEED}-kill-progress")
    acknowledged = 0
    states = set()
    for r in range(ROUNDS):
        lines = _kill_at_random(["progress", str(d), str(acknowledged)], rng.uniform(0.0, 0.5))
        acknowledged = int(lines[-1]) if lines else acknowledged
        c = _integrity(d / "gwdesk.db")
        try:
            tid, status = c.execute("SELECT id, status FROM task ORDER BY id LIMIT 1").fetchone()
            notes = [t for (t,) in c.execute("SELECT text FROM task_note WHERE task_id = ?", (tid,))]
            draft = c.execute("SELECT data FROM review_draft WHERE key = ?", (f"task_note:{tid}",)).fetchone()
        finally:
            c.close()
        if notes:  # added: the task moved and the typing is no longer a draft
            assert status == "推进中" and draft is None and len(notes) == 1, (status, draft, notes)
            k = int(notes[0].removeprefix("进展"))
            assert k in (acknowledged, acknowledged + 1), (k, acknowledged)
            states.add("added")
        else:  # not yet added: still 未启动, the typing kept as a draft (or not typed yet)
            assert status == "未启动", status
            if draft:
                assert json.loads(draft[0])["text"] == f"进展{acknowledged + 1}"
            states.add("typing")
            k = acknowledged
        acknowledged = k
    print("states seen after the kill:", sorted(states))


def test_kill_during_backup_leaves_only_whole_backups(tmp_path, data_dir):
    from gwdesk.store import backup
    d = _data_dir(tmp_path)
    rng = random.Random(f"{SEED}-kill-backup")
    for r in range(ROUNDS):
        _kill_at_random(["backup", str(d)], rng.uniform(0.0, 0.4))
        _integrity(d / "gwdesk.db").close()
        found = backup.list_backups(d / "backups")
        for b in found:  # every file under a backup's name is a whole, restorable database
            assert backup.verify_backup(b.path) >= 1, b.path
        # a half-written copy may be left behind only as a hidden .tmp file, never listed as a backup
        leftovers = [p.name for p in (d / "backups").iterdir() if p.name.endswith(".tmp")]
        assert all(p.startswith(".") for p in leftovers), leftovers
        assert len(leftovers) <= r + 1


@pytest.fixture
def chain(tmp_path):
    """The fixture database at schema 1, and each version's table set (a reference upgrade)."""
    from gwdesk.store import migrations
    from gwdesk.store.db import migrate
    src = tmp_path / "schema-v1-big.db"
    shutil.copy(ROOT / "tests/fixtures/db/schema-v1.db", src)
    c = sqlite3.connect(src)  # ~8 MB of settings, so each pre-upgrade backup takes a while to kill inside
    c.executemany("INSERT INTO setting (key, value) VALUES (?, ?)",
                  [(f"bulk{i}", "政务公开" * 20000) for i in range(70)])
    c.commit()
    c.close()
    tables = {}
    ref = tmp_path / "ref.db"
    shutil.copy(src, ref)
    c = sqlite3.connect(ref)
    tables[1] = {n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")}
    c.close()
    for v in range(2, migrations.latest_version() + 1):
        migrate(ref, v - 1, None, False, target=v)
        c = sqlite3.connect(ref)
        tables[v] = {n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")}
        c.close()
    return src, tables


def test_kill_during_schema_upgrade_leaves_a_whole_version(tmp_path, chain, data_dir):
    from gwdesk.store import backup, migrations
    from gwdesk.store.db import open_store
    src, tables = chain
    latest = migrations.latest_version()
    rng = random.Random(f"{SEED}-kill-migrate")
    seen = set()
    c = sqlite3.connect(src)
    columns = ", ".join(r[1] for r in c.execute("PRAGMA table_info(unit_profile)"))  # later steps add columns
    profile = c.execute(f"SELECT {columns} FROM unit_profile").fetchall()
    settings = c.execute("SELECT count(*), sum(length(value)) FROM setting").fetchone()
    c.close()
    for r in range(max(ROUNDS, 2)):
        work = tmp_path / f"r{r}"
        work.mkdir()
        db = work / "gwdesk.db"
        shutil.copy(src, db)
        _kill_at_random(["migrate", str(db), str(work / "backups")], rng.uniform(0.0, 0.5) if r else 0.0,
                        may_finish=True)
        c = _integrity(db)
        try:
            version = c.execute("PRAGMA user_version").fetchone()[0]
            have = {n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")}
        finally:
            c.close()
        assert 1 <= version <= latest
        assert have == tables[version], f"version {version} with a part of the next step's tables"
        seen.add(version)
        for b in backup.list_backups(work / "backups"):
            assert backup.verify_backup(b.path) < latest + 1
        s = open_store(db, backup_dir=work / "backups")  # the next start finishes the upgrade
        try:
            assert s.version == latest
            assert s.db.execute_sql(f"SELECT {columns} FROM unit_profile").fetchall() == profile
            assert s.db.execute_sql("SELECT count(*), sum(length(value)) FROM setting").fetchone() == settings
        finally:
            s.close()
    print("versions seen after the kill:", sorted(seen))
    assert 1 in seen  # killed at once: nothing upgraded yet
