"""Backups off this computer: the second destination the clerk picks, and the last backup's outcome.

Both live in `backup-settings.json` in the backups folder: they belong to this computer (a USB stick's
path means nothing on another one), so they are not inside the archives and a restore does not change them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from pathlib import Path

from gwdesk.store.errors_map import describe_storage_error

log = logging.getLogger(__name__)

STATE_NAME = "backup-settings.json"
STALE_DAYS = 7


def load_state(backup_dir: str | os.PathLike) -> dict:
    try:
        data = json.loads((Path(backup_dir) / STATE_NAME).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_state(backup_dir: str | os.PathLike, **changes) -> None:
    """Merge `changes` into the state file (written whole to a temporary name, then renamed)."""
    backup_dir = Path(backup_dir)
    state = load_state(backup_dir)
    state.update(changes)
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        tmp = backup_dir / f".{STATE_NAME}.tmp"
        tmp.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, backup_dir / STATE_NAME)
    except OSError:
        log.exception("cannot write %s", STATE_NAME)


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def destination(backup_dir) -> Path | None:
    d = load_state(backup_dir).get("destination")
    return Path(d) if d else None


def set_destination(backup_dir, folder: str | os.PathLike | None) -> None:
    save_state(backup_dir, destination=str(folder) if folder else None, last_copy_problem=None)


def record_result(backup_dir, ok: bool, message: str = "") -> None:
    """Remember how the last backup went, for the settings panel and the start-up message."""
    if ok:
        save_state(backup_dir, last_ok=_now(), last_failure=None)
    else:
        save_state(backup_dir, last_failure={"at": _now(), "message": message})


def last_failure(backup_dir) -> dict | None:
    """{"at", "message"} of a backup that failed and was not followed by a good one, else None."""
    f = load_state(backup_dir).get("last_failure")
    return f if isinstance(f, dict) else None


def last_copy_time(backup_dir) -> dt.datetime | None:
    """When the newest backup that reached the second destination was made (its manifest's time)."""
    copy = load_state(backup_dir).get("last_copy") or {}
    try:
        return dt.datetime.fromisoformat(copy["at"])
    except (KeyError, TypeError, ValueError):
        return None


def absent_message(folder: Path) -> str:
    return (f"第二备份位置“{folder}”现在不可用（U 盘未插入或网络共享未连接），本次备份只保存在本机。"
            "插上 U 盘或连上网络共享后，下次备份会自动复制过去。")


def _inside(path: Path, folder: Path) -> bool:
    try:
        p, f = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):
        return False
    return p == f or f in p.parents


def send(archive: Path, backup_dir, created_at: dt.datetime) -> str:
    """Copy `archive` to the second destination; returns a plain sentence for the clerk ("" when none set).

    Never raises: an absent destination (USB stick unplugged) or a failed copy is a message, not an error;
    the local backup has been made either way.
    """
    folder = destination(backup_dir)
    if folder is None:
        return ""
    root = Path(backup_dir).parent
    if any(_inside(folder, root / sub) for sub in ("evidence", "forms")):  # set before this was refused
        note = (f"第二备份位置“{folder}”位于数据目录之内，每次备份都会把以前的备份再装进去，已不再复制。"
                "请在 设置 → 数据备份与恢复 中改选数据目录以外的位置。本机备份已完成。")
        save_state(backup_dir, last_copy_problem=note)
        return note
    if not folder.is_dir():
        note = absent_message(folder)
        save_state(backup_dir, last_copy_problem=note)
        return note
    target = folder / archive.name
    tmp = folder / f".{archive.name}.tmp"
    try:
        shutil.copyfile(archive, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        known = describe_storage_error(e)
        note = f"复制到第二备份位置“{folder}”失败：{known.message if known else e}。本机备份已完成。"
        log.warning("copy to %s failed: %s", folder, e)
        save_state(backup_dir, last_copy_problem=note)
        return note
    save_state(backup_dir, last_copy={"at": created_at.isoformat(timespec="seconds"), "to": str(folder),
                                      "file": archive.name}, last_copy_problem=None)
    log.info("backup copied to %s", target)
    return f"已同时复制到第二备份位置“{folder}”。"


def days_since_copy(backup_dir, today: dt.date) -> int | None:
    """Whole days since a backup last reached the second destination; None when none ever did.

    A copy dated after `today` (made while the clock was wrong) proves nothing and counts as none.
    """
    last = last_copy_time(backup_dir)
    if last is None or last.date() > today:
        return None
    return (today - last.date()).days
