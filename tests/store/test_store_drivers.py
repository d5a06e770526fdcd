"""store/drivers.py: a window on the SQLite file loads no PostgreSQL driver, in the bundle too; its 测试连接 runs in a
fresh process of the program itself (`gwdesk --check-server-child URL OUT`), which has the drivers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gwdesk.store import drivers

ROOT = Path(__file__).resolve().parents[2]


def test_the_bundle_checks_a_server_with_its_own_executable(monkeypatch, tmp_path):
    """A bundle has no interpreter to hand code to: the child is the bundle's executable with the flag that
    gwdesk.cli.main hands to child_main; from source it is this interpreter."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert drivers.child_command("postgresql://a@b/c", "out.json") == [
        sys.executable, drivers.CHILD_FLAG, "postgresql://a@b/c", "out.json"]
    monkeypatch.delattr(sys, "frozen")
    cmd = drivers.child_command("postgresql://a@b/c", "out.json")
    assert cmd[:2] == [sys.executable, "-c"] and cmd[-2:] == ["postgresql://a@b/c", "out.json"]


def test_sqlite_only_applies_in_the_bundle_too():
    """The guard no longer steps aside in a frozen program (its 测试连接 has a fresh process of its own now)."""
    code = ("import sys\nsys.frozen = True\nfrom gwdesk.store import drivers\nprint(drivers.sqlite_only())\n"
            "import peewee\nprint(peewee.psycopg is None)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True"]


def test_the_program_entry_answers_the_check_with_the_password_on_stdin(pg_cluster, tmp_path):
    """What the bundle runs, through the same entry (main.py → gwdesk.cli.main): the answer is written to the file,
    the password read from stdin (never the command line); a wrong one is told apart from none."""
    url = pg_cluster.add_password_login("clerk_child", "Child-Pass-3")
    out = tmp_path / "answer.json"
    for typed, expected_auth in (("Child-Pass-3", ""), ("wrong", "wrong"), ("", "needed")):
        out.unlink(missing_ok=True)
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), drivers.CHILD_FLAG, url, str(out)],
                              input=typed, capture_output=True, text=True, timeout=120, cwd=tmp_path,
                              env=dict(os.environ, PYTHONPATH=str(ROOT), PGPASSFILE=str(tmp_path / "none")))
        assert done.returncode == 0, done.stderr
        problems, checked, auth = json.loads(out.read_text(encoding="utf-8"))
        assert auth == expected_auth, (typed, problems)  # credentials.WRONG / NEEDED
        assert (problems == []) == (typed == "Child-Pass-3") and (bool(checked) == (typed == "Child-Pass-3"))
        assert "Child-Pass-3" not in done.stdout + done.stderr


def test_a_child_that_leaves_no_answer_is_said_plainly(monkeypatch):
    """A fresh process that dies before answering: one Chinese line with its last words, no traceback."""
    monkeypatch.setattr(drivers, "child_command", lambda url, out: [
        sys.executable, "-c", "import sys; sys.stderr.write('boom: no libpq\\n'); sys.exit(3)"])
    problems, checked, auth = drivers.check_server("postgresql://clerk@127.0.0.1:1/gw")
    assert problems == ["无法检查共享数据库（boom: no libpq）"] and checked == "" and auth == ""
