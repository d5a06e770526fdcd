"""Issue 26.11: gwdesk.lock is never written through a hard link, nor when it is not gwdesk's own file."""

from __future__ import annotations

import os

import pytest

from gwdesk.errors import StorageError
from gwdesk.store.lock import LOCK_NAME, InstanceLock


@pytest.mark.skipif(not hasattr(os, "link"), reason="hard links")
def test_a_hard_linked_lock_file_is_refused_and_left_whole(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    precious = tmp_path / "年度报告定稿.txt"
    precious.write_text("不可丢失的内容\n" * 50, encoding="utf-8")
    os.link(precious, data / LOCK_NAME)
    with pytest.raises(StorageError, match="硬链接"):
        InstanceLock(data).acquire()
    assert precious.read_text(encoding="utf-8") == "不可丢失的内容\n" * 50


def test_a_lock_file_gwdesk_did_not_write_is_refused(tmp_path):
    (tmp_path / LOCK_NAME).write_text("这是别人的文件\n", encoding="utf-8")
    with pytest.raises(StorageError, match="不是 gwdesk 的锁文件"):
        InstanceLock(tmp_path).acquire()
    assert (tmp_path / LOCK_NAME).read_text(encoding="utf-8") == "这是别人的文件\n"


def test_a_stale_lock_of_gwdesk_is_reused(tmp_path):
    (tmp_path / LOCK_NAME).write_text("pid=99999\nhost=x\nsince=2026-11-20T09:00:00\n", encoding="utf-8")
    lock = InstanceLock(tmp_path).acquire()
    try:
        assert f"pid={os.getpid()}" in (tmp_path / LOCK_NAME).read_text(encoding="utf-8")
    finally:
        lock.release()
    lock = InstanceLock(tmp_path).acquire()  # released: empty, taken again
    lock.release()
