"""Where gwdesk keeps its data, logs and backups, and where its bundled files are."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_override: Path | None = None


def set_data_dir(path: str | os.PathLike | None) -> None:
    """Use `path` as the data dir (the `--data-dir` option); None goes back to the default."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


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


def _sub(name: str) -> Path:
    p = data_dir() / name
    p.mkdir(parents=True, exist_ok=True)
    return p


def db_path() -> Path:
    data_dir().mkdir(parents=True, exist_ok=True)
    return data_dir() / "gwdesk.db"


def log_dir() -> Path:
    return _sub("logs")


def backup_dir() -> Path:
    return _sub("backups")


def evidence_dir() -> Path:
    """Files attached as evidence (佐证材料) are copied here."""
    return _sub("evidence")


def user_forms_dir() -> Path:
    """Form definitions dropped here override the bundled ones in forms/."""
    return _sub("forms")


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
