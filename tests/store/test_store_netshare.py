"""A data folder on a network share is refused in SQLite mode (file locks over SMB/NFS are unreliable, WAL needs
one host), with a pointer to the 单位共享数据库; the shared-database mode does not care where the folder is."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwdesk.errors import StorageError
from gwdesk.store import netshare

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//nas/gongkai /mnt/office\\040share cifs rw,vers=3.0 0 0
server:/export /srv/nfs nfs4 rw 0 0
/dev/sdb1 /mnt/office\\040share/local ext4 rw 0 0
"""


@pytest.mark.parametrize("path, network", [
    ("/home/clerk/.local/share/gwdesk", False),
    ("/mnt/office share/gwdesk", True),          # SMB, the name with a space as /proc/mounts writes it
    ("/srv/nfs/gwdesk", True),
    ("/srv/nfsx/gwdesk", False),                 # a longer name, not inside the NFS mount
    ("/mnt/office share/local/gwdesk", False),   # a local disk mounted inside the share's folder
])
def test_linux_folders_by_their_mount(path, network):
    assert netshare.is_network(path, mounts=MOUNTS, platform="linux") is network


def test_windows_unc_paths_are_network():
    assert netshare.is_network(r"\\server\share\gwdesk", platform="win32")
    assert not netshare.is_network(r"relative\gwdesk", platform="win32")


def test_a_session_on_a_share_is_refused_and_names_the_shared_database(data_dir, monkeypatch):
    from gwdesk.session import open_session
    monkeypatch.setattr(netshare, "is_network", lambda path, **kw: Path(path) == data_dir)
    with pytest.raises(StorageError) as e:
        with open_session(data_dir, daily_backup=False):
            pass
    assert "网络共享" in e.value.message and "单位共享数据库" in e.value.message
    assert not (data_dir / "gwdesk.db").exists()  # nothing made there


def test_the_shared_database_mode_does_not_refuse_the_folder(data_dir, monkeypatch, pg_url):
    from gwdesk.session import open_session
    from gwdesk.store import dburl
    monkeypatch.setattr(netshare, "is_network", lambda path, **kw: True)
    dburl.set_override(pg_url)
    with open_session(data_dir, daily_backup=False) as ctx:
        assert ctx.store.shared
