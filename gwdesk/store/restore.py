"""Restore a backup (archive or plain .db) over the data folder: verify all first, replace only then.

Steps: unpack and verify everything into a hidden staging folder beside the database (same disk, so the
final step is renames); back up the current state (`before-restore`); then swap evidence/, forms/ and
the database in by renames. A failure before the swap changes nothing; a failure during it puts the
folders back. A truncated file never carries a backup's or the database's name.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from gwdesk.errors import StorageError
from gwdesk.store import archive, base
from gwdesk.store.backup import backup_now, fsync_dir, fsync_file, online_copy, target_name
from gwdesk.store.errors_map import describe_storage_error
from gwdesk.store.inspect import inspect_file, is_blank

log = logging.getLogger(__name__)


SWAPPING = "SWAPPING"


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    version: int
    before_restore: Path | None  # the copy of the replaced data, None when there was none
    evidence: int = 0  # evidence files put back


def _sidecars(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + s) for s in ("-wal", "-shm", "-journal")]


def _raw_copy_before_restore(db_path: Path, backup_dir: Path) -> Path:
    """Byte copy of a database the online backup cannot read (it may be the broken one being replaced)."""
    target = target_name(backup_dir, dt.datetime.now(), "before-restore", "db")
    tmp = backup_dir / f".{target.name}.tmp"
    try:
        shutil.copyfile(db_path, tmp)
        fsync_file(tmp)
        wal = db_path.with_name(db_path.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _refuse_if_open_here(db_path: Path) -> None:
    """Swapping the file under an open connection would send later writes to the replaced file."""
    live = base.db.obj
    if live is not None and not live.is_closed():
        try:
            same = Path(live.database).resolve() == db_path.resolve()
        except (OSError, TypeError):
            same = False
        if same:
            raise RuntimeError("restore(): close the Store on this database first")


def _stage(file: Path, staging: Path) -> tuple[int, int, bool]:
    """Unpack and verify `file` into `staging`: (schema version, evidence files, whole workspace?)."""
    if archive.is_archive(file):
        manifest = archive.extract_verified(file, staging)
        for folder in archive.FOLDERS:
            (staging / folder).mkdir(exist_ok=True)
        return manifest.schema_version, manifest.evidence_count, True
    from gwdesk.store.backup import verify_backup
    verify_backup(file)
    db = staging / archive.DB_NAME
    online_copy(file, db, readonly_source=True)
    return archive.check_database(db, file), 0, False  # the copy as written is what we check


def _before_restore(db_path: Path, backup_dir: Path) -> Path | None:
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.is_file() and wal.stat().st_size and (not db_path.exists() or db_path.stat().st_size == 0):
        # an empty database beside a log holding writes: keep both files as they are, for recovery
        if not db_path.exists():
            db_path.touch()
        return _raw_copy_before_restore(db_path, backup_dir)
    if is_blank(db_path):  # nothing of the clerk's to keep (evidence beside it: see _keep_replaced_files)
        return None
    try:
        return backup_now(db_path, backup_dir, "before-restore", refuse_empty=False)
    except (StorageError, sqlite3.Error) as e:  # a damaged database: keep its bytes instead
        log.warning("online backup of the current database failed (%s); copying bytes", e)
        return _raw_copy_before_restore(db_path, backup_dir)


def _mark_swapping(staging: Path, whole: bool) -> None:
    marker = staging / SWAPPING
    marker.write_text("whole" if whole else "db", encoding="ascii")
    fsync_file(marker)
    fsync_dir(staging)


def finish_interrupted(db_path: str | os.PathLike, backup_dir: str | os.PathLike) -> list[Path]:
    """Clean up after a restore that was killed: complete a swap that had begun, drop an unfinished staging.

    Call with the InstanceLock held and no Store open; returns the staging folders dealt with.
    """
    db_path, backup_dir = Path(db_path), Path(backup_dir)
    data_root = db_path.parent
    found = [p for p in data_root.glob(".restore-*.tmp") if p.is_dir()] if data_root.is_dir() else []
    for staging in found:
        marker = staging / SWAPPING
        if marker.exists():
            whole = marker.read_text(encoding="ascii", errors="replace").strip() == "whole"
            log.warning("completing the restore interrupted in %s", staging)
            if whole:
                for folder in archive.FOLDERS:
                    live, new, old = data_root / folder, staging / folder, staging / f"old-{folder}"
                    if not new.exists():
                        continue  # this one was swapped already
                    if live.exists():
                        if old.exists():
                            raise StorageError(f"无法完成上次中断的恢复：“{staging}”中的文件夹状态异常，"
                                               "请把该文件夹和数据目录一起交给技术人员。")
                        os.replace(live, old)
                    os.replace(new, live)
            if (staging / archive.DB_NAME).exists():
                for side in _sidecars(db_path):
                    side.unlink(missing_ok=True)
                os.replace(staging / archive.DB_NAME, db_path)
            fsync_dir(data_root)
            backup_dir.mkdir(parents=True, exist_ok=True)
            _keep_replaced_files(staging, backup_dir)
        else:
            log.warning("dropping the staging of a restore that was interrupted before the swap: %s", staging)
        shutil.rmtree(staging, ignore_errors=True)
    return found


def _swap(staging: Path, data_root: Path, db_path: Path, whole: bool) -> None:
    moved: list[tuple[Path, Path]] = []  # (from, to) to undo
    try:
        if whole:
            for folder in archive.FOLDERS:
                live, new, old = data_root / folder, staging / folder, staging / f"old-{folder}"
                if live.exists():
                    os.replace(live, old)
                    moved.append((old, live))
                os.replace(new, live)
                moved.append((live, new))
        try:  # fold the WAL into the file so dropping -wal below loses nothing (it is in before-restore too)
            c = sqlite3.connect(str(db_path), timeout=10)
            try:
                c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                c.close()
        except sqlite3.Error as e:
            log.warning("checkpoint before restore failed: %s", e)
        for side in _sidecars(db_path):  # stale ones would be replayed onto the restored file
            side.unlink(missing_ok=True)
        os.replace(staging / archive.DB_NAME, db_path)
    except OSError:
        for src, dst in reversed(moved):
            try:
                os.replace(src, dst)
            except OSError:
                log.exception("could not put %s back to %s", src, dst)
        raise
    fsync_dir(data_root)


def _keep_replaced_files(staging: Path, backup_dir: Path) -> None:
    """Files moved aside that no before-restore archive holds are kept in the backups folder, not deleted."""
    olds = [staging / f"old-{f}" for f in archive.FOLDERS]
    if not any(p.is_dir() and any(p.rglob("*")) for p in olds):
        return
    keep = backup_dir / f"before-restore-files-{dt.datetime.now():%Y%m%d-%H%M%S}"
    keep.mkdir(parents=True, exist_ok=True)
    for folder, old in zip(archive.FOLDERS, olds):
        if old.is_dir():
            shutil.move(str(old), str(keep / folder))
    log.warning("files replaced by the restore kept in %s", keep)


def restore(db_path: str | os.PathLike, file: str | os.PathLike,
            backup_dir: str | os.PathLike) -> RestoreResult:
    """Replace the data at `db_path` (and evidence/, forms/ beside it, for an archive) with the backup `file`.

    The caller must have closed every Store on `db_path` (and should hold the InstanceLock). An older
    schema is migrated by the next `open_store`.
    """
    db_path, file, backup_dir = Path(db_path), Path(file), Path(backup_dir)
    _refuse_if_open_here(db_path)
    if not file.is_file():
        raise StorageError(f"找不到备份文件“{file}”。")
    try:
        if file.resolve() == db_path.resolve():
            raise StorageError("所选的备份文件就是当前正在使用的数据库，无需恢复。")
    except OSError:
        pass
    if not archive.is_archive(file):
        inspect_file(file, label="备份文件")  # a plain message for garbage before any work
    data_root = db_path.parent
    import uuid  # (with platform: a restore's, not every start's)
    staging = data_root / f".restore-{uuid.uuid4().hex[:8]}.tmp"
    before = None
    try:
        data_root.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        version, evidence, whole = _stage(file, staging)
        backup_dir.mkdir(parents=True, exist_ok=True)
        before = _before_restore(db_path, backup_dir)
        _mark_swapping(staging, whole)
        _swap(staging, data_root, db_path, whole)
        if before is None or not archive.is_archive(before):
            _keep_replaced_files(staging, backup_dir)
    except (sqlite3.Error, OSError) as e:
        known = describe_storage_error(e)
        if known is None:  # an error no message knows: still said in Chinese, named by its code
            code = errno.errorcode.get(getattr(e, "errno", None) or 0, type(e).__name__)
            where = f"（{e.filename}）" if getattr(e, "filename", None) else ""
            known = StorageError(f"读写文件时出错{where}，错误代码 {code}。")
        raise StorageError(f"恢复失败：{known.message}当前数据未作任何改动。"
                           + (f"恢复前的数据已备份为“{before}”。" if before else ""), detail=str(e)) from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("restored %s from %s (schema %s); previous copy %s", db_path, file, version, before)
    return RestoreResult(restored_from=file, version=version, before_restore=before, evidence=evidence)
