"""Backups of gwdesk's database (SQLite online backup): daily, manual, pre-migrate, pre-restore; restore.

Backups are files `gwdesk-YYYYMMDD-HHMMSS-<reason>.db` in the backup dir (reasons: `daily`, `manual`,
`before-migrate-vN`, `before-restore`); a second one within the same second gets `_2`, `_3`… after the
reason. Each is written to a hidden temporary name, fsynced, then renamed, so a half-written backup never
carries a backup's name.

Rotation (`rotate`) — what is kept:
- `daily`: the 30 newest daily backups, plus the newest daily backup of every calendar month (kept forever;
  a dozen small files a year);
- `before-migrate-vN` and `before-restore`: 90 days from the day in their name;
- `manual`: never deleted automatically (the clerk asked for it and removes it when they want);
- any file whose name does not follow the pattern: never touched.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from gwdesk.errors import StorageError
from gwdesk.store.errors_map import describe_storage_error

log = logging.getLogger(__name__)

KEEP_DAILY = 30
KEEP_SPECIAL_DAYS = 90
_NAME = re.compile(r"^gwdesk-(\d{8})-(\d{6})-([a-z0-9][a-z0-9-]*?)(?:_(\d+))?\.db$")

REASON_LABELS = {
    "daily": "每日自动备份",
    "manual": "手动备份",
    "before-restore": "恢复前自动备份",
}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: dt.datetime
    reason: str
    size: int

    @property
    def label(self) -> str:
        """The reason in Chinese, for lists shown to the clerk."""
        if self.reason.startswith("before-migrate-v"):
            return f"升级到版本 {self.reason.rsplit('v', 1)[-1]} 前自动备份"
        return REASON_LABELS.get(self.reason, self.reason)


def _source_path(store_or_path) -> Path:
    return Path(getattr(store_or_path, "path", store_or_path))


def _clean_reason(reason: str) -> str:
    r = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-")
    return r or "manual"


def _fsync_dir(d: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(d, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(p: Path) -> None:
    with open(p, "rb+") as f:
        os.fsync(f.fileno())


def _online_copy(src: Path, dest: Path, *, readonly_source: bool = False) -> None:
    """Copy `src` to the new file `dest` with sqlite3's backup API (a consistent snapshot), as one file."""
    if readonly_source:
        from gwdesk.store.db import connect_readonly
        s = connect_readonly(src)
    else:
        s = sqlite3.connect(str(src), timeout=10)
    try:
        d = sqlite3.connect(str(dest))
        try:
            s.backup(d)  # pages=-1: all in one step, under one read transaction → consistent
            d.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            d.close()
    finally:
        s.close()
    _fsync_file(dest)


def _target_name(backup_dir: Path, when: dt.datetime, reason: str) -> Path:
    stem = f"gwdesk-{when:%Y%m%d-%H%M%S}-{reason}"
    p = backup_dir / f"{stem}.db"
    n = 2
    while p.exists():
        p = backup_dir / f"{stem}_{n}.db"
        n += 1
    return p


def backup_now(store_or_path, backup_dir: str | os.PathLike, reason: str = "manual", *,
               when: dt.datetime | None = None) -> Path:
    """Copy the database (a Store or a path) into `backup_dir` now; returns the new file. Safe mid-write."""
    src = _source_path(store_or_path)
    if not src.is_file():  # sqlite3 would quietly create an empty database there
        raise StorageError(f"找不到要备份的数据库文件“{src}”。")
    backup_dir = Path(backup_dir)
    reason = _clean_reason(reason)
    when = when or dt.datetime.now()
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        target = _target_name(backup_dir, when, reason)
        tmp = backup_dir / f".{target.name}.tmp"
        try:
            _online_copy(src, tmp)
            os.replace(tmp, target)
        finally:
            if tmp.exists():
                tmp.unlink()
        _fsync_dir(backup_dir)
    except (sqlite3.Error, OSError) as e:
        known = describe_storage_error(e)
        if known is None:
            raise
        raise StorageError(f"备份到“{backup_dir}”失败：{known.message}", detail=str(e)) from e
    log.info("backup %s -> %s", src, target)
    return target


def list_backups(backup_dir: str | os.PathLike) -> list[BackupInfo]:
    """Backups in `backup_dir`, newest first (files not named like a gwdesk backup are left out)."""
    backup_dir = Path(backup_dir)
    if not backup_dir.is_dir():
        return []
    out = []
    for p in backup_dir.iterdir():
        m = _NAME.match(p.name)
        if not m or not p.is_file():
            continue
        try:
            when = dt.datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
        except ValueError:
            continue
        st = p.stat()
        info = BackupInfo(p, when, m.group(3), st.st_size)
        out.append(((when, st.st_mtime_ns, int(m.group(4) or 1)), info))
    out.sort(key=lambda t: t[0], reverse=True)  # same second: the file written last comes first
    return [t[1] for t in out]


def last_backup_time(backup_dir: str | os.PathLike) -> dt.datetime | None:
    found = list_backups(backup_dir)
    return found[0].when if found else None


def _store_backup_dir(store) -> Path:
    d = getattr(store, "backup_dir", None)
    if d:
        return Path(d)
    from gwdesk import paths
    return paths.backup_dir()


def daily_backup_if_needed(store, today: dt.date, backup_dir: str | os.PathLike | None = None) -> Path | None:
    """On the first start of `today` copy the database (reason `daily`) and rotate; None if done already."""
    bdir = Path(backup_dir) if backup_dir else _store_backup_dir(store)
    if any(b.reason == "daily" and b.when.date() == today for b in list_backups(bdir)):
        return None
    made = backup_now(store, bdir, "daily", when=dt.datetime.combine(today, dt.datetime.now().time()))
    try:
        rotate(bdir, today)
    except OSError:
        log.exception("backup rotation failed")
    return made


def rotation_keeps(backups: list[BackupInfo], today: dt.date) -> set[Path]:
    """Which of `backups` the rotation keeps (see the module docstring)."""
    keep: set[Path] = set()
    daily = sorted((b for b in backups if b.reason == "daily"), key=lambda b: b.when, reverse=True)
    keep.update(b.path for b in daily[:KEEP_DAILY])
    months: set[tuple[int, int]] = set()
    for b in daily:  # newest first → the first seen of a month is its newest
        if (b.when.year, b.when.month) not in months:
            months.add((b.when.year, b.when.month))
            keep.add(b.path)
    for b in backups:
        if b.reason == "daily":
            continue
        if b.reason.startswith("before-"):
            if (today - b.when.date()).days <= KEEP_SPECIAL_DAYS:
                keep.add(b.path)
        else:
            keep.add(b.path)  # manual and reasons we do not know
    return keep


def rotate(backup_dir: str | os.PathLike, today: dt.date) -> list[Path]:
    """Delete the backups the rotation does not keep; returns the deleted files."""
    backups = list_backups(backup_dir)
    keep = rotation_keeps(backups, today)
    removed = []
    # a copy interrupted by a crash leaves `.gwdesk-….db.tmp`; one older than an hour is dead
    for tmp in Path(backup_dir).glob(".*.tmp"):
        try:
            if dt.datetime.now().timestamp() - tmp.stat().st_mtime > 3600:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            pass
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def verify_backup(file: str | os.PathLike) -> int:
    """The schema version of a backup file that can be restored; StorageError saying why it cannot.

    Refused: not SQLite, not a gwdesk database, from a newer gwdesk, empty, or `PRAGMA integrity_check`
    not ok. The file is only read.
    """
    from gwdesk.store.db import inspect_file

    file = Path(file)
    if not file.is_file():
        raise StorageError(f"找不到备份文件“{file}”。")
    info = inspect_file(file, label="备份文件")
    if info.new:
        raise StorageError(f"备份文件“{file}”是空的，里面没有 gwdesk 的数据，不能用来恢复。")
    try:
        from gwdesk.store.db import connect_readonly
        conn = connect_readonly(file)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise StorageError(f"备份文件“{file}”已损坏（{e}），不能用来恢复。", detail=str(e)) from e
    if result != ["ok"]:
        raise StorageError(f"备份文件“{file}”已损坏（完整性检查未通过），不能用来恢复。",
                           detail="\n".join(map(str, result[:20])))
    return info.version


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    version: int
    before_restore: Path | None  # the copy of the replaced database, None when there was none


def _sidecars(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + s) for s in ("-wal", "-shm", "-journal")]


def _raw_copy_before_restore(db_path: Path, backup_dir: Path) -> Path:
    """Byte copy of a database the online backup cannot read (it may be the broken one being replaced)."""
    target = _target_name(backup_dir, dt.datetime.now(), "before-restore")
    shutil.copyfile(db_path, target)
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    _fsync_file(target)
    return target


def _refuse_if_open_here(db_path: Path) -> None:
    """Swapping the file under an open connection would send later writes to the replaced file."""
    from gwdesk.store import base
    live = base.db.obj
    if live is not None and not live.is_closed():
        try:
            same = Path(live.database).resolve() == db_path.resolve()
        except (OSError, TypeError):
            same = False
        if same:
            raise RuntimeError("restore(): close the Store on this database first")


def restore(db_path: str | os.PathLike, file: str | os.PathLike,
            backup_dir: str | os.PathLike) -> RestoreResult:
    """Replace the database at `db_path` with the backup `file`.

    The caller must have closed every Store on `db_path` (and should hold the InstanceLock): the file is
    swapped underneath. Steps: verify `file`; copy the current database to a `before-restore` backup;
    checkpoint and drop its -wal/-shm; copy `file` to a temporary file next to `db_path`, fsync it and
    `os.replace` it into place. An older backup is migrated by the next `open_store`.
    """
    db_path, file, backup_dir = Path(db_path), Path(file), Path(backup_dir)
    _refuse_if_open_here(db_path)
    version = verify_backup(file)
    try:
        if file.resolve() == db_path.resolve():
            raise StorageError("所选的备份文件就是当前正在使用的数据库，无需恢复。")
    except OSError:
        pass
    before = None
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        if db_path.exists() and db_path.stat().st_size > 0:
            try:
                before = backup_now(db_path, backup_dir, "before-restore")
            except (StorageError, sqlite3.Error) as e:
                log.warning("online backup of the current database failed (%s); copying bytes", e)
                before = _raw_copy_before_restore(db_path, backup_dir)
            try:  # fold the WAL into the file so dropping -wal below loses nothing
                c = sqlite3.connect(str(db_path), timeout=10)
                try:
                    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    c.close()
            except sqlite3.Error as e:
                log.warning("checkpoint before restore failed: %s", e)
        tmp = db_path.with_name(f".{db_path.name}.restore-tmp")
        tmp.unlink(missing_ok=True)
        try:
            _online_copy(file, tmp, readonly_source=True)
            for side in _sidecars(db_path):  # stale ones would be replayed onto the restored file
                side.unlink(missing_ok=True)
            os.replace(tmp, db_path)
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_dir(db_path.parent)
    except (sqlite3.Error, OSError) as e:
        known = describe_storage_error(e)
        if known is None:
            raise
        raise StorageError(f"恢复失败：{known.message}" + (f"恢复前的数据库已备份为“{before}”。" if before else ""),
                           detail=str(e)) from e
    log.info("restored %s from %s (schema %s); previous copy %s", db_path, file, version, before)
    return RestoreResult(restored_from=file, version=version, before_restore=before)
