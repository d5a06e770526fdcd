"""Where gwdesk keeps its data, logs and backups, and where its bundled files are."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

_override: Path | None = None


def set_data_dir(path: str | os.PathLike | None) -> None:
    """Use `path` as the data dir (the `--data-dir` option); None goes back to the default."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def data_dir_override() -> Path | None:
    """The folder set by `set_data_dir` (`--data-dir`), or None when the default is in use."""
    return _override


def default_data_dir() -> Path:
    if os.environ.get("GWDESK_DATA_DIR"):
        return Path(os.environ["GWDESK_DATA_DIR"]).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "gwdesk"


def data_dir() -> Path:
    return _override or default_data_dir()


PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
_POSIX = os.name == "posix"


def private_dir(p: Path) -> Path:
    """Create `p` (and parents) and, on Linux/macOS, make it 0700: applicants' ID numbers live below it."""
    p.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if _POSIX:
        try:
            if stat.S_IMODE(p.stat().st_mode) != PRIVATE_DIR:
                p.chmod(PRIVATE_DIR)
        except OSError:
            pass  # not ours to change (a shared mount): the data is still written
    return p


def _sub(name: str) -> Path:
    private_dir(data_dir())
    return private_dir(data_dir() / name)


def db_path() -> Path:
    private_dir(data_dir())
    return data_dir() / "gwdesk.db"


def harden() -> None:
    """Make the data folder private on Linux/macOS: every folder 0700, every file 0600 (db, WAL, backups,
    logs, evidence), and files this process writes from now on are created private (umask 077).
    On Windows the folder lives under the user's profile, which is private already."""
    if not _POSIX:
        return
    os.umask(0o077)
    root = private_dir(data_dir())
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            _chmod(Path(folder, name), PRIVATE_DIR)
        for name in files:
            _chmod(Path(folder, name), PRIVATE_FILE)


def _chmod(p: Path, mode: int) -> None:
    try:
        st = p.lstat()
        if not stat.S_ISLNK(st.st_mode) and stat.S_IMODE(st.st_mode) != mode:
            p.chmod(mode)
    except OSError:
        pass


def log_dir() -> Path:
    return _sub("logs")


def backup_dir() -> Path:
    return _sub("backups")


_shared_cache: str | None = None


def set_shared_cache(key: str | None) -> None:
    """On a 单位共享数据库 the evidence and custom forms live in the database (store/files.py); this computer keeps
    copies of what it opened under the data folder's `shared/<key>/` (one folder per server database, apart from
    the data folder's own SQLite evidence). None: back to the data folder itself."""
    global _shared_cache
    _shared_cache = key


def shared_cache() -> str | None:
    """The key `set_shared_cache` was given (None: the data folder's own evidence and forms)."""
    return _shared_cache


def files_root() -> Path:
    """The folder holding evidence/ and forms/: the data folder, or a server database's cache inside it."""
    root = private_dir(data_dir())
    return private_dir(root / "shared" / _shared_cache) if _shared_cache else root


def evidence_dir() -> Path:
    """Files attached as evidence (佐证材料) are copied here (on a server: this computer's copies)."""
    return private_dir(files_root() / "evidence")


_TEMP_ROOT = "tmp"
_own_temp: Path | None = None


def private_temp_dir() -> Path:
    """This process's private scratch folder (preview PDFs): inside the data folder's 0700 `tmp`, named by
    pid, removed at exit; `sweep_private_temp` removes what a killed process left. Falls back to the
    system temp (mkdtemp is 0700) when the data folder cannot be written."""
    global _own_temp
    root = data_dir() / _TEMP_ROOT
    if _own_temp is not None and _own_temp.is_dir() and _own_temp.parent == root:
        return _own_temp
    import atexit
    import tempfile
    try:
        root = private_dir(root)
        _own_temp = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
    except OSError:
        _own_temp = Path(tempfile.mkdtemp(prefix="gwdesk-"))
    atexit.register(_remove_tree, _own_temp)
    return _own_temp


def _remove_tree(p: Path) -> None:
    import shutil
    shutil.rmtree(p, ignore_errors=True)


def sweep_private_temp() -> int:
    """Remove scratch folders left by gwdesk processes that are gone (a crash, a kill); returns how many."""
    root = data_dir() / _TEMP_ROOT
    if not root.is_dir():
        return 0
    removed = 0
    for child in root.iterdir():
        pid = child.name.split("-", 1)[0]
        if pid.isdigit() and (int(pid) == os.getpid() or _alive(int(pid))):
            continue
        if child.is_dir() and not child.is_symlink():
            _remove_tree(child)
        else:
            child.unlink(missing_ok=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill would terminate it there
        import ctypes
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
        return bool(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def user_forms_dir() -> Path:
    """Form definitions dropped here override the bundled ones in forms/ (on a server: this computer's copies of
    the database's, store/files.py)."""
    return private_dir(files_root() / "forms")


def user_form(name: str) -> Path:
    """Where a clerk's copy of form `name` would be; looking creates nothing (read-only runs, bench)."""
    root = data_dir() / "shared" / _shared_cache if _shared_cache else data_dir()
    return root / "forms" / name


def bundle_root() -> Path:
    """The folder holding forms/ and resources/: the source tree, or PyInstaller's _MEIPASS."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    return bundle_root().joinpath("resources", *parts)


def bundled_form(name: str) -> Path:
    return bundle_root() / "forms" / name
