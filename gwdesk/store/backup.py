"""Backups: make them (daily, manual, pre-migrate, pre-restore), list, verify and rotate them.

A backup is one archive `gwdesk-YYYYMMDD-HHMMSS-<reason>.zip` (see `store/archive.py`: the database as an
SQLite online-backup copy, evidence/, forms/ and a manifest). Only `before-migrate-vN` backups are a plain
copy of the database (`….db`): a migration changes nothing else. Plain `.db` backups made by older gwdesk
versions are still listed and restorable. A second backup within the same second gets `_2`, `_3`… after
the reason. Everything is written under a hidden `.….tmp` name, fsynced, then renamed, so a half-written
backup never carries a backup's name.

The time of a backup is the one recorded inside it (the manifest's `created_at`), not the file's name or
modification time (copying to a USB stick changes those); a plain `.db` backup has only its name.

Rotation (`rotate`) — what is kept, `today` being the computer's date:
- `daily`: the 30 newest daily backups, plus the newest daily backup of every calendar month (kept forever;
  a dozen files a year);
- backups dated after `today` were made while the clock was wrong (once years ahead): they never count
  among the 30 newest, so they cannot push out real ones; of them the 30 newest are kept as well;
- `before-migrate-vN` and `before-restore`: 90 days from their day (and any dated after `today`);
- `manual`, `export` and reasons we do not know: never deleted automatically;
- an archive whose manifest cannot be read, and any file not named like a backup: never touched;
- nothing at all while the computer's date looks wrong (`store/clock.py`: earlier than the date this data
  was last used, or more than a year later): a clock in 2000 or in 2036 decides nothing about age.

The day's automatic backup counts as done only when a `daily` backup of today was made *earlier* than now:
a computer whose dead battery restarts it at the same date and hour each morning still gets a new one.
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
from gwdesk.store import archive, clock, offsite
from gwdesk.store.errors_map import describe_storage_error
from gwdesk.store.inspect import connect_readonly, count_records, inspect_file, is_blank

log = logging.getLogger(__name__)

KEEP_DAILY = 30
KEEP_SPECIAL_DAYS = 90
_NAME = re.compile(r"^gwdesk-(\d{8})-(\d{6})-([a-z0-9][a-z0-9-]*?)(?:_(\d+))?\.(db|zip)$")

REASON_LABELS = {
    "daily": "每日自动备份",
    "manual": "手动备份",
    "before-restore": "恢复前自动备份",
    "export": "导出的全部数据",
}


class EmptyDatabase(StorageError):
    """Backing up a database with no records over backups that have some: refused."""


class DataMissing(StorageError):
    """The database is missing or empty while a backup holds real data; `candidate` is the newest such."""

    def __init__(self, message: str, candidate: BackupInfo | None = None):
        super().__init__(message)
        self.candidate = candidate


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: dt.datetime  # from the manifest (archives) or the name (plain .db)
    reason: str
    size: int
    kind: str = "db"  # "zip" or "db"
    records: int | None = None  # rows in the database, when the manifest says
    evidence: int = 0  # evidence files inside
    damaged: str = ""  # why the archive cannot be read, "" when it can

    @property
    def label(self) -> str:
        """The reason in Chinese, for lists shown to the clerk."""
        if self.reason.startswith("before-migrate-v"):
            return f"升级到版本 {self.reason.rsplit('v', 1)[-1]} 前自动备份"
        return REASON_LABELS.get(self.reason, self.reason)

    @property
    def contents(self) -> str:
        if self.damaged:
            return "已损坏"
        if self.kind == "db":
            return "仅数据库"
        return f"数据库 + {self.evidence} 个佐证材料" if self.evidence else "数据库"


def _source_path(store_or_path) -> Path:
    return Path(getattr(store_or_path, "path", store_or_path))


def _clean_reason(reason: str) -> str:
    r = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-")
    return r or "manual"


def fsync_dir(d: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(d, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(p: Path) -> None:
    with open(p, "rb+") as f:
        os.fsync(f.fileno())


def online_copy(src: Path, dest: Path, *, readonly_source: bool = False) -> None:
    """Copy `src` to the new file `dest` with sqlite3's backup API (a consistent snapshot), as one file."""
    s = connect_readonly(src) if readonly_source else sqlite3.connect(str(src), timeout=10)
    try:
        d = sqlite3.connect(str(dest))
        try:
            s.backup(d)  # pages=-1: all in one step, under one read transaction → consistent
            d.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            d.close()
    finally:
        s.close()
    fsync_file(dest)


def target_name(backup_dir: Path, when: dt.datetime, reason: str, ext: str) -> Path:
    stem = f"gwdesk-{when:%Y%m%d-%H%M%S}-{reason}"
    p = backup_dir / f"{stem}.{ext}"
    n = 2
    while p.exists():
        p = backup_dir / f"{stem}_{n}.{ext}"
        n += 1
    return p


def _storage_error(e: BaseException, what: str) -> StorageError:
    known = describe_storage_error(e)
    if known is None:
        raise e
    return StorageError(f"{what}失败：{known.message}", detail=str(e))


def _has_real_backups(backup_dir: Path) -> bool:
    return any(b.records for b in list_backups(backup_dir))


def write_archive(src: Path, dest: Path, *, reason: str, when: dt.datetime,
                  refuse_empty_over: Path | None = None) -> archive.Manifest:
    """Write the archive `dest` of the database `src` and the folders beside it, via a hidden temp folder.

    With `refuse_empty_over`, a database without records is refused (EmptyDatabase) when that backups
    folder already holds backups with records.
    """
    if not src.is_file():  # sqlite3 would quietly create an empty database there
        raise StorageError(f"找不到要备份的数据库文件“{src}”。")
    work = dest.parent / f".{dest.name}.tmp"  # one hidden folder: a killed backup leaves one thing behind
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        snapshot = work / archive.DB_NAME
        online_copy(src, snapshot)
        if refuse_empty_over is not None:
            conn = connect_readonly(snapshot)
            try:
                empty = count_records(conn) == 0
            finally:
                conn.close()
            if empty and _has_real_backups(refuse_empty_over):
                raise EmptyDatabase(
                    f"数据库“{src}”里没有任何数据，而备份目录“{refuse_empty_over}”里已有含数据的备份。"
                    "为免用空数据顶替真实的备份，本次没有备份。如果数据丢失了，请从备份恢复"
                    "（设置 → 数据备份与恢复，或命令 gwdesk restore 备份文件）。")
        packed = work / "archive.zip"
        manifest = archive.write(packed, snapshot, src.parent, created_at=when, reason=reason,
                                 exclude=(work, dest))
        os.replace(packed, dest)
        fsync_dir(dest.parent)
    except (sqlite3.Error, OSError) as e:
        raise _storage_error(e, f"备份到“{dest.parent}”") from e
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest


def backup_now(store_or_path, backup_dir: str | os.PathLike, reason: str = "manual", *,
               when: dt.datetime | None = None, refuse_empty: bool = True) -> Path:
    """Back up the database (a Store or a path) and the folders beside it into `backup_dir`; the new file.

    Safe while another connection writes. A `before-migrate-…` backup is a plain copy of the database.
    A database without records is refused (EmptyDatabase) when `backup_dir` has backups with records,
    unless `refuse_empty` is false.
    """
    src = _source_path(store_or_path)
    if not src.is_file():
        raise StorageError(f"找不到要备份的数据库文件“{src}”。")
    backup_dir = Path(backup_dir)
    reason = _clean_reason(reason)
    when = (when or dt.datetime.now()).replace(microsecond=0)
    if reason.startswith("before-migrate"):
        return _plain_copy(src, backup_dir, reason, when)
    target = target_name(backup_dir, when, reason, "zip")
    write_archive(src, target, reason=reason, when=when,
                  refuse_empty_over=backup_dir if refuse_empty else None)
    log.info("backup %s -> %s", src, target)
    return target


def _plain_copy(src: Path, backup_dir: Path, reason: str, when: dt.datetime) -> Path:
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        target = target_name(backup_dir, when, reason, "db")
        tmp = backup_dir / f".{target.name}.tmp"
        try:
            online_copy(src, tmp)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        fsync_dir(backup_dir)
    except (sqlite3.Error, OSError) as e:
        raise _storage_error(e, f"备份到“{backup_dir}”") from e
    log.info("backup %s -> %s", src, target)
    return target


def export_to(store_or_path, file: str | os.PathLike) -> Path:
    """移机: the whole workspace into the archive `file` (any name the clerk chose; replaced if present)."""
    file = Path(file)
    if file.suffix.lower() != ".zip":
        file = file.with_name(file.name + ".zip")
    refuse_inside_data(file, _source_path(store_or_path).parent, "导出文件")
    write_archive(_source_path(store_or_path), file, reason="export", when=dt.datetime.now())
    return file


def inside(path: str | os.PathLike, folder: str | os.PathLike) -> bool:
    """True when `path` is `folder` or anything below it (links and “..” resolved)."""
    try:
        p, f = Path(path).expanduser().resolve(), Path(folder).resolve()
    except (OSError, RuntimeError):
        return False
    return p == f or f in p.parents


def refuse_inside_data(target: str | os.PathLike, data_root: str | os.PathLike, what: str) -> None:
    """StorageError when `target` lies inside the data folder: a backup would pack itself and grow without end."""
    if inside(target, data_root):
        raise StorageError(f"{what}“{target}”位于数据目录“{data_root}”之内：每次备份都会把它再装进去，直到磁盘写满。"
                           "请选择数据目录以外的位置（如 U 盘、网络共享或“文档”文件夹）。")


def read_info(p: Path) -> BackupInfo | None:
    """What a file in a backups folder is (None when not named like a gwdesk backup)."""
    m = _NAME.match(p.name)
    if not m or not p.is_file():
        return None
    try:
        when = dt.datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    size = p.stat().st_size
    if m.group(5) == "db":
        return BackupInfo(p, when, m.group(3), size)
    try:
        man = archive.read_manifest(p)
    except StorageError as e:
        return BackupInfo(p, when, m.group(3), size, kind="zip", damaged=e.message)
    return BackupInfo(p, man.created_at, man.reason or m.group(3), size, kind="zip", records=man.records,
                      evidence=man.evidence_count)


def list_backups(backup_dir: str | os.PathLike) -> list[BackupInfo]:
    """Backups in `backup_dir`, newest first by their recorded time (other files are left out)."""
    backup_dir = Path(backup_dir)
    if not backup_dir.is_dir():
        return []
    out = []
    for p in backup_dir.iterdir():
        info = read_info(p)
        if info is None:
            continue
        m = _NAME.match(p.name)
        out.append(((info.when, p.stat().st_mtime_ns, int(m.group(4) or 1)), info))
    out.sort(key=lambda t: t[0], reverse=True)  # same second: the file written last comes first
    return [t[1] for t in out]


def last_backup_time(backup_dir: str | os.PathLike, today: dt.date | None = None) -> dt.datetime | None:
    """The newest backup's time; with `today`, backups dated after it (a wrong clock) are passed over."""
    found = [b for b in list_backups(backup_dir) if today is None or b.when.date() <= today]
    return found[0].when if found else None


def newest_day(backup_dir: str | os.PathLike) -> dt.date | None:
    """The recorded date of the newest backup in `backup_dir` (what the clock check falls back on)."""
    found = list_backups(backup_dir)
    return found[0].when.date() if found else None


def _store_backup_dir(store) -> Path:
    d = getattr(store, "backup_dir", None)
    if d:
        return Path(d)
    from gwdesk import paths
    return paths.backup_dir()


@dataclass(frozen=True)
class Outcome:
    path: Path
    note: str  # about the second destination ("" when none is set)


def run(store, backup_dir: str | os.PathLike, reason: str = "manual", *, when: dt.datetime | None = None,
        today: dt.date | None = None, clock_dir: Path | None = None) -> Outcome:
    """A backup the clerk sees: make it, copy it to the second destination, rotate, remember the outcome.

    A failure is recorded (settings panel, start-up message) and raised as StorageError. `clock_dir`: the data
    folder whose last-used date judges the clock, when the database backed up is not in it (a server's snapshot).
    """
    bdir = Path(backup_dir)
    today = today or dt.date.today()
    data_dir = clock_dir or _source_path(store).parent  # the clock is judged before this backup adds to the folder
    rotate_ok = clock.trusted(data_dir, today, None if clock.read_mark(data_dir) else newest_day(bdir))
    try:
        made = backup_now(store, bdir, reason, when=when)
    except EmptyDatabase:
        raise
    except StorageError as e:
        offsite.record_result(bdir, False, e.message)
        raise
    offsite.record_result(bdir, True)
    info = read_info(made)
    note = offsite.send(made, bdir, info.when if info else dt.datetime.now())
    if not rotate_ok:
        log.warning("backup rotation skipped: the system date %s does not look right", today)
        return Outcome(made, note)
    for folder in (bdir, offsite.destination(bdir)):
        if folder is not None and folder.is_dir():
            try:
                rotate(folder, today)
            except OSError:
                log.exception("backup rotation failed in %s", folder)
    return Outcome(made, note)


def daily_backup_if_needed(store, today: dt.date, backup_dir: str | os.PathLike | None = None) -> Path | None:
    """The day's first backup (reason `daily`) when there is none for `today` yet; None if done already.

    An empty database over real backups is skipped (None), not an error.
    """
    return daily_outcome(store, today, backup_dir).path


def daily_outcome(store, today: dt.date, backup_dir: str | os.PathLike | None = None) -> Outcome:
    bdir = Path(backup_dir) if backup_dir else _store_backup_dir(store)
    when = dt.datetime.combine(today, dt.datetime.now().time()).replace(microsecond=0)
    if any(b.reason == "daily" and b.when.date() == today and b.when <= when for b in list_backups(bdir)):
        return Outcome(None, "")
    try:
        return run(store, bdir, "daily", when=when, today=today)
    except EmptyDatabase as e:
        log.info("daily backup skipped: %s", e.message)
        return Outcome(None, "")


def rotation_keeps(backups: list[BackupInfo], today: dt.date) -> set[Path]:
    """Which of `backups` the rotation keeps (see the module docstring)."""
    keep: set[Path] = set()
    daily = sorted((b for b in backups if b.reason == "daily" and not b.damaged),
                   key=lambda b: b.when, reverse=True)
    for group in ([b for b in daily if b.when.date() <= today], [b for b in daily if b.when.date() > today]):
        keep.update(b.path for b in group[:KEEP_DAILY])
        months: set[tuple[int, int]] = set()
        for b in group:  # newest first → the first seen of a month is its newest
            if (b.when.year, b.when.month) not in months:
                months.add((b.when.year, b.when.month))
                keep.add(b.path)
    for b in backups:
        if b.reason == "daily" and not b.damaged:
            continue
        if b.reason.startswith("before-") and not b.damaged:
            if (today - b.when.date()).days <= KEEP_SPECIAL_DAYS:
                keep.add(b.path)
        else:
            keep.add(b.path)  # manual, export, damaged and reasons we do not know
    return keep


def rotate(backup_dir: str | os.PathLike, today: dt.date) -> list[Path]:
    """Delete the backups the rotation does not keep; returns the deleted files."""
    backups = list_backups(backup_dir)
    keep = rotation_keeps(backups, today)
    removed = []
    # a backup interrupted by a crash leaves `.gwdesk-….tmp` (file or folder); one older than an hour is dead
    for tmp in Path(backup_dir).glob(".*.tmp"):
        try:
            if dt.datetime.now().timestamp() - tmp.stat().st_mtime > 3600:
                if tmp.is_dir():
                    shutil.rmtree(tmp)
                else:
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
    """The schema version of a restorable backup (archive or plain .db); StorageError saying why not.

    An archive has every member checked against its manifest (size, sha256) and its database's
    `PRAGMA integrity_check` run. Refused as well: not a gwdesk backup, from a newer gwdesk, empty.
    The file is only read.
    """
    file = Path(file)
    if not file.is_file():
        raise StorageError(f"找不到备份文件“{file}”。")
    if archive.is_archive(file):
        return archive.verify(file).schema_version
    if inspect_file(file, label="备份文件").new:
        raise StorageError(f"备份文件“{file}”是空的，里面没有 gwdesk 的数据，不能用来恢复。")
    return archive.check_database(file, file)


def newest_restorable(backup_dir: str | os.PathLike, today: dt.date | None = None) -> BackupInfo | None:
    """The newest backup holding records that passes `verify_backup` (dated up to `today` first)."""
    today = today or dt.date.today()
    found = list_backups(backup_dir)
    ordered = [b for b in found if b.when.date() <= today] + [b for b in found if b.when.date() > today]
    for b in ordered:
        if b.damaged or b.records == 0:
            continue
        try:
            verify_backup(b.path)
            if b.records is None:  # a plain .db: count now
                conn = connect_readonly(b.path)
                try:
                    if count_records(conn) == 0:
                        continue
                finally:
                    conn.close()
        except (StorageError, sqlite3.Error, OSError):
            log.warning("backup %s does not verify; trying an older one", b.path)
            continue
        return b
    return None


def missing_data(db_path: str | os.PathLike, backup_dir: str | os.PathLike,
                 today: dt.date | None = None) -> DataMissing | None:
    """Database missing/empty but a backup holds data: the refusal to start (with the candidate); else None."""
    db_path, backup_dir = Path(db_path), Path(backup_dir)
    if not is_blank(db_path) or not backup_dir.is_dir():
        return None
    candidate = newest_restorable(backup_dir, today)
    if candidate is None:
        return None
    state = "不存在" if not db_path.exists() else ("是空的（0 字节）" if db_path.stat().st_size == 0 else "里没有任何数据")
    return DataMissing(
        f"数据库文件“{db_path}”{state}，但备份目录“{backup_dir}”中有 {candidate.when:%Y-%m-%d %H:%M} 的备份"
        f"（{candidate.path.name}，已检查完好）。为免把空数据当作新单位开始使用，程序没有继续。"
        f"请先恢复：gwdesk restore \"{candidate.path}\"（或打开图形界面，按提示恢复）。", candidate)
