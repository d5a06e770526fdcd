"""One gwdesk per data dir: an OS-level lock on `gwdesk.lock` (gone when the holder dies, so never stale)."""

from __future__ import annotations

import datetime as dt
import os
import socket
import stat
import sys
from pathlib import Path

from gwdesk.errors import StorageError, os_error_text

LOCK_NAME = "gwdesk.lock"
# Windows locks are mandatory: lock a byte far past the text so another process can still read who holds it.
_WIN_LOCK_OFFSET = 1 << 20


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
    import fcntl
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:  # BlockingIOError when held elsewhere
        return False


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
        return
    import fcntl
    fcntl.flock(fd, fcntl.LOCK_UN)


def read_holder(path: Path) -> dict[str, str]:
    """pid/host/since as written by the holder (empty when unreadable)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            out[key.strip()] = value.strip()
    return out


class InstanceBusy(StorageError):
    """The data dir is held by another gwdesk process (the message says which)."""


class InstanceLock:
    """Hold `data_dir/gwdesk.lock` while gwdesk uses the data dir; a second holder gets InstanceBusy.

    The lock file is never deleted (deleting it would let two processes lock two different files); on
    release its text is cleared. A file left by a killed process holds no OS lock and is simply reused.
    """

    def __init__(self, data_dir: str | os.PathLike):
        self.path = Path(data_dir) / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        if self._fd is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.is_symlink():  # truncating it would empty whatever file the link points at
            raise StorageError(f"锁文件“{self.path}”是一个符号链接，gwdesk 不会打开它（以免改写链接指向的文件）。"
                               "请删除该链接后再启动。")
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as e:
            if self.path.is_symlink():  # made between the check and the open
                raise StorageError(f"锁文件“{self.path}”是一个符号链接，gwdesk 不会打开它。请删除该链接后再启动。",
                                   detail=str(e)) from e
            raise StorageError(f"无法创建锁文件“{self.path}”：{os_error_text(e)}。请检查数据目录的写入权限。",
                               detail=str(e)) from e
        problem = self._not_ours(fd)
        if problem:
            os.close(fd)
            raise StorageError(f"锁文件“{self.path}”{problem}，gwdesk 不会改写它（以免改写别的文件）。"
                               "请把它移走（若是别处的文件，先备份），然后再启动。")
        if not _try_lock(fd):
            os.close(fd)
            raise InstanceBusy(self._busy_message())
        # Only the holder writes (never truncate before locking: that would wipe the holder's details).
        info = (f"pid={os.getpid()}\nhost={socket.gethostname()}\n"
                f"since={dt.datetime.now().isoformat(timespec='seconds')}\n")
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, info.encode("utf-8"))
            os.fsync(fd)
        except OSError:
            pass  # the lock itself is what matters; the text is only for the message
        self._fd = fd
        return self

    @staticmethod
    def _not_ours(fd: int) -> str:
        """Why the opened lock file is not one gwdesk may write ('' when it is): a hard link (writing would
        change the other name's file too), not a regular file, or text that is no holder's details."""
        try:
            st = os.fstat(fd)
        except OSError:
            return ""
        if not stat.S_ISREG(st.st_mode):
            return "不是普通文件"
        if st.st_nlink > 1:
            return f"有{st.st_nlink}个硬链接（另有文件名指向同一文件）"
        if st.st_size > 4096:
            return "不是 gwdesk 的锁文件（内容过多）"
        if st.st_size:
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                text = os.read(fd, 4096).decode("utf-8")
            except OSError:  # Windows: the holder's lock covers the bytes; the lock attempt below says who
                return ""
            except UnicodeDecodeError:
                return "不是 gwdesk 的锁文件"
            keys = {line.partition("=")[0].strip() for line in text.splitlines() if line.strip()}
            if not keys <= {"pid", "host", "since"}:
                return "不是 gwdesk 的锁文件（内容不是 gwdesk 写的）"
        return ""

    def _busy_message(self) -> str:
        h = read_holder(self.path)
        who = []
        if h.get("pid"):
            who.append(f"进程 {h['pid']}")
        if h.get("host") and h.get("host") != socket.gethostname():
            who.append(f"计算机 {h['host']}")
        if h.get("since"):
            who.append("自 " + h["since"].replace("T", " "))
        detail = f"（{'，'.join(who)}）" if who else ""
        return (f"该数据目录正被另一个 gwdesk 窗口使用{detail}。请切换到已打开的窗口；"
                f"如果确认没有其他窗口在运行，请稍候几秒再试。数据目录：{self.path.parent}")

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
