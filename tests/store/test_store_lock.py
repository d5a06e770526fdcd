"""InstanceLock: a second process is refused, told who holds it; a killed holder's lock is recovered."""

from __future__ import annotations

from locations import ROOT

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from gwdesk.errors import StorageError
from gwdesk.store.lock import InstanceLock, read_holder

ROOT = ROOT

HOLDER = r"""
import sys, time
from gwdesk.store.lock import InstanceLock
lock = InstanceLock(sys.argv[1]).acquire()
print("locked", flush=True)
time.sleep(60)
"""

TRY = r"""
import sys
from gwdesk.errors import StorageError
from gwdesk.store.lock import InstanceLock
try:
    with InstanceLock(sys.argv[1]):
        print("acquired")
except StorageError as e:
    print("refused:" + e.message)
"""


def _env():
    return dict(os.environ, PYTHONPATH=str(ROOT))


def _holder(d):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(d)], stdout=subprocess.PIPE, env=_env())
    assert proc.stdout.readline().strip() == b"locked"
    return proc


def test_second_process_is_refused_with_the_holders_pid(tmp_path):
    proc = _holder(tmp_path)
    try:
        with pytest.raises(StorageError) as e:
            InstanceLock(tmp_path).acquire()
        msg = e.value.message
        assert msg.startswith(f"该数据目录正被另一个 gwdesk 窗口使用（进程 {proc.pid}，自 ")
        assert str(tmp_path) in msg
        assert read_holder(tmp_path / "gwdesk.lock")["pid"] == str(proc.pid)  # refusal did not wipe it
    finally:
        proc.kill()
        proc.wait()


def test_a_lock_held_here_refuses_another_process(tmp_path):
    with InstanceLock(tmp_path) as lock:
        assert lock.held
        out = subprocess.run([sys.executable, "-c", TRY, str(tmp_path)], capture_output=True, text=True,
                             env=_env(), timeout=30).stdout
        assert out.startswith(f"refused:该数据目录正被另一个 gwdesk 窗口使用（进程 {os.getpid()}")
    assert not lock.held
    out = subprocess.run([sys.executable, "-c", TRY, str(tmp_path)], capture_output=True, text=True,
                         env=_env(), timeout=30).stdout
    assert out.strip() == "acquired"


def test_stale_lock_of_a_killed_process_is_recovered(tmp_path):
    proc = _holder(tmp_path)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    lock_file = tmp_path / "gwdesk.lock"
    assert read_holder(lock_file)["pid"] == str(proc.pid)  # the dead process's details are still there
    with InstanceLock(tmp_path):
        assert read_holder(lock_file)["pid"] == str(os.getpid())
    assert lock_file.exists() and lock_file.read_text() == ""  # kept (never deleted), cleared on release


def test_same_process_second_lock_object_is_refused_and_release_is_idempotent(tmp_path):
    a = InstanceLock(tmp_path).acquire()
    with pytest.raises(StorageError):
        InstanceLock(tmp_path).acquire()
    a.release()
    a.release()
    b = InstanceLock(tmp_path).acquire()
    b.release()
