"""Copy gwdesk's records between engines: a 单位共享数据库 (PostgreSQL) into an SQLite file and back.

One path serves three jobs, with the archive format unchanged (an SQLite gwdesk.db + manifest):
- the shared database's backup: `export_sqlite` writes one consistent snapshot (REPEATABLE READ) into a fresh
  SQLite file, which the existing archive, verify, rotate and offsite code then handle as today;
- restore: `import_into` loads such a file into an EMPTY server database, in one transaction;
- 导入本机数据到共享数据库: the same `import_into` from a clerk's own gwdesk.db.

Rows go through the models (their fields convert booleans, dates and JSON both ways); what triggers derive on
the receiving side (the search text, the FTS index, stale due dates) is not copied but rebuilt there.
"""

from __future__ import annotations

import logging
from pathlib import Path

import peewee

from gwdesk.errors import StorageError
from gwdesk.store import applications_models, models, report_models, review_models, tasks_models
from gwdesk.store.base import BaseModel
from gwdesk.store.dialect import is_pg

log = logging.getLogger(__name__)

# derived by triggers on the receiving side, or gwdesk's own marks (each database has its own)
NOT_COPIED = {"application_search", "gwdesk_meta", "op_lock"}
BATCH = 500


def copied_models() -> list[type[BaseModel]]:
    """Every model whose rows are records, parents before children."""
    found = {}
    for module in (models, review_models, tasks_models, applications_models, report_models):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
                found[value._meta.table_name] = value
    return [m for m in peewee.sort_models(found.values()) if m._meta.table_name not in NOT_COPIED]


def _read_all(database) -> dict[type[BaseModel], list[tuple]]:
    todo = copied_models()
    out = {}
    with database.bind_ctx(todo):
        for m in todo:
            fields = m._meta.sorted_fields
            out[m] = list(m.select(*fields).order_by(*m._meta.get_primary_keys()).tuples())
    return out


def _write_all(database, rows: dict[type[BaseModel], list[tuple]]) -> int:
    n = 0
    with database.bind_ctx(list(rows)):
        for m, items in rows.items():
            fields = m._meta.sorted_fields
            for k in range(0, len(items), BATCH):
                m.insert_many(items[k:k + BATCH], fields=fields).execute()
            n += len(items)
            if is_pg(database) and isinstance(m._meta.primary_key, peewee.AutoField) and items:
                table = m._meta.table_name
                database.execute_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                                     f" (SELECT MAX(id) FROM {table}))")
    return n


def count_records(database) -> int:
    todo = [m for m in copied_models() if m._meta.table_name not in ("setting", "counter")]
    with database.bind_ctx(todo):
        return sum(m.select().count() for m in todo)


def export_sqlite(server, dest: Path) -> int:
    """Write every record of `server` (a connected peewee database) into a new SQLite gwdesk database at
    `dest`, read in one REPEATABLE READ transaction (one moment's data, while colleagues keep working).
    Returns how many rows were copied."""
    from gwdesk.store.db import migrate
    dest = Path(dest)
    dest.unlink(missing_ok=True)
    migrate(dest, 0, None, True)
    with server.atomic():
        if is_pg(server):
            server.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        rows = _read_all(server)
    target = peewee.SqliteDatabase(str(dest), pragmas={"foreign_keys": 1})
    try:
        with target.atomic():
            n = _write_all(target, rows)
    finally:
        target.close()
    log.info("snapshot of the shared database: %d rows -> %s", n, dest)
    return n


def import_into(server, source: Path) -> int:
    """Load every record of the SQLite gwdesk database `source` (migrated to the current schema) into
    `server`, which must hold no records; one transaction: all or nothing. Returns how many rows."""
    from gwdesk.store.db import open_store
    if count_records(server):
        raise StorageError("共享数据库中已有数据：导入只能导入到空的共享数据库，以免两份数据的编号互相冲突。"
                           "请让管理员新建一个空数据库，或改用台账的 Excel 导入。")
    from gwdesk.store import base
    previous = base.db.obj
    local = open_store(Path(source))  # checked and migrated like any gwdesk file; binds base.db meanwhile
    try:
        rows = _read_all(local.db)
    finally:
        local.close()
        base.db.initialize(previous)
    with server.atomic():
        n = _write_all(server, rows)
    log.info("imported %d rows from %s into the shared database", n, source)
    return n


def _remove(db_file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db_file) + suffix).unlink(missing_ok=True)


def backup_shared(server, data_dir: Path, backup_dir: Path, reason: str = "manual", out: Path | None = None):
    """The shared database's backup in today's archive format: a snapshot (export_sqlite) archived with the
    data folder's evidence and forms, then verified, copied offsite and rotated as any backup (store/backup.py).
    `out`: the 移机/export file instead. Returns backup.Outcome, or the exported file."""
    from gwdesk.store import backup
    from gwdesk.store.concurrency import held
    snap = Path(data_dir) / ".shared-snapshot.db"  # beside evidence/ and forms/, which the archive takes along
    with held("backup", "共享数据库的备份"):
        try:
            export_sqlite(server, snap)
            if out is not None:
                return backup.export_to(snap, out)
            return backup.run(snap, backup_dir, reason)
        finally:
            _remove(snap)


def restore_shared(server, file: Path, data_dir: Path) -> int:
    """Load an archive (or a clerk's own gwdesk.db) into the EMPTY shared database: checked first (every
    member's size and sha256, the database itself), then imported in one transaction; evidence files the
    data folder lacks are put back. Returns how many rows."""
    import shutil
    import tempfile

    from gwdesk.store import archive
    from gwdesk.store.concurrency import held
    file = Path(file)
    with held("restore", "导入到共享数据库"), tempfile.TemporaryDirectory(prefix="gwdesk-import-") as tmp:
        work = Path(tmp)
        if archive.is_archive(file):
            archive.extract_verified(file, work)
            source = work / archive.DB_NAME
        else:
            archive.check_database(file, file)
            source = work / archive.DB_NAME
            shutil.copyfile(file, source)
        n = import_into(server, source)
        for folder in archive.FOLDERS:
            for p in sorted((work / folder).rglob("*")) if (work / folder).is_dir() else []:
                dest = Path(data_dir) / p.relative_to(work)
                if p.is_file() and not dest.exists():
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(p, dest)
        return n


def backup_any(store, data_dir: Path, backup_dir: Path, reason: str = "manual", *, today=None,
               out: Path | None = None):
    """The window's 立即备份 / 导出全部数据 on either engine: backup.Outcome, or the exported file (`out`)."""
    from gwdesk.store import backup
    if getattr(store, "shared", False):
        return backup_shared(store.db, data_dir, backup_dir, reason, out=out)
    if out is not None:
        return backup.export_to(store, out)
    return backup.run(store, backup_dir, reason=reason, today=today)
