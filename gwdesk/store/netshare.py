"""A data folder on a network share (SMB/CIFS, NFS…) is no place for the SQLite file: file locks over a share are
unreliable and SQLite's WAL needs one host, so two computers would corrupt it. Such a folder is refused, pointing
to the 单位共享数据库 (PostgreSQL), which is what several clerks need.

Windows: a UNC path (\\\\server\\share) or a mapped drive whose type is DRIVE_REMOTE. Linux/macOS: the file
system type of the mount holding the folder (/proc/mounts; macOS: statfs is not read, only UNC-free paths).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from gwdesk.errors import StorageError

NETWORK_FS = {"cifs", "smb3", "smbfs", "smb2", "nfs", "nfs4", "afs", "ncpfs", "9p", "fuse.sshfs", "davfs",
              "fuse.davfs2", "glusterfs", "ceph", "fuse.rclone"}


def _decode(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def fs_type(path: Path, mounts: str | None = None) -> str | None:
    """The file system type of the mount holding `path` (Linux), from /proc/mounts or the text given."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    best, kind = "", None
    target = str(path)
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = _decode(parts[1])
        inside = target == mount or target.startswith(mount.rstrip("/") + "/") or mount == "/"
        if inside and len(mount) >= len(best):
            best, kind = mount, parts[2]
    return kind


def is_network(path: str | os.PathLike, *, mounts: str | None = None, platform: str | None = None) -> bool:
    platform = platform or sys.platform
    text = os.fspath(path)
    if platform == "win32":
        if text.startswith(("\\\\", "//")):
            return True
        if len(text) >= 2 and text[1] == ":":
            try:
                import ctypes
                return ctypes.windll.kernel32.GetDriveTypeW(text[:2] + "\\") == 4  # DRIVE_REMOTE
            except (AttributeError, OSError):
                return False
        return False
    kind = fs_type(Path(text).resolve() if mounts is None else Path(text), mounts)
    return kind in NETWORK_FS


def refuse_network_folder(path: str | os.PathLike) -> None:
    """StorageError when the SQLite data folder is on a network share."""
    if is_network(path):
        raise StorageError(
            f"数据目录“{path}”在网络共享文件夹上。本机数据（SQLite 数据库文件）不能放在网络共享上：两台电脑同时使用会"
            "损坏数据。几位同事共用数据，请使用单位共享数据库（设置 → 数据存放，或 gwdesk --db postgresql://…）；"
            "一个人使用，请把数据目录放在本机磁盘上（--data-dir）。网络共享文件夹仍可作为第二备份位置。")
