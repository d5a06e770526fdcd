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

# derived by triggers on the receiving side, or gwdesk's own marks (each database has its own); the files a
# server keeps (stored_file) travel as the archive's evidence/ and forms/ folders, as SQLite's do
NOT_COPIED = {"application_search", "gwdesk_meta", "op_lock", "stored_file"}
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


def export_sqlite(server, dest: Path, files_root: Path | None = None) -> int:
    """Write every record of `server` (a connected peewee database) into a new SQLite gwdesk database at
    `dest`, read in one REPEATABLE READ transaction (one moment's data, while colleagues keep working).
    `files_root`: the files the server keeps are written there too (evidence/…, forms/…), read in the same
    transaction. Returns how many rows were copied."""
    from gwdesk.store import files
    from gwdesk.store.db import migrate
    dest = Path(dest)
    dest.unlink(missing_ok=True)
    migrate(dest, 0, None, True)
    with (server.atomic("REPEATABLE READ, READ ONLY") if is_pg(server) else server.atomic()):
        rows = _read_all(server)
        if files_root is not None:
            files.export_all(files_root, server)
    target = peewee.SqliteDatabase(str(dest), pragmas={"foreign_keys": 1})
    try:
        with target.atomic():
            n = _write_all(target, rows)
    finally:
        target.close()
    log.info("snapshot of the shared database: %d rows -> %s", n, dest)
    return n


def import_into(server, source: Path, files_root: Path | None = None) -> int:
    """Load every record of the SQLite gwdesk database `source` (migrated to the current schema) into
    `server`, which must hold no records; with `files_root`, the evidence/ and forms/ files under it too
    (store/files.py). One transaction: all or nothing. Returns how many rows."""
    from gwdesk.store import files
    from gwdesk.store.db import open_store
    if count_records(server) or files.count(server):
        raise StorageError("共享数据库中已有数据：导入只能导入到空的共享数据库，以免两份数据的编号互相冲突。"
                           "请让管理员新建一个空数据库，或改用台账的 Excel 导入。")
    from gwdesk import paths
    from gwdesk.store import base
    previous, cache = base.db.obj, paths.shared_cache()
    local = open_store(Path(source))  # checked and migrated like any gwdesk file; binds base.db meanwhile
    try:
        rows = _read_all(local.db)
    finally:
        local.close()
        base.db.initialize(previous)
        paths.set_shared_cache(cache)
    names = {}
    for m, items in rows.items():  # an evidence file's own name (stored shortened on disk)
        if m._meta.table_name == "task_evidence":
            cols = [f.name for f in m._meta.sorted_fields]
            for item in items:
                r = dict(zip(cols, item))
                if r.get("kind") == "文件" and r.get("original_name"):
                    names[f"evidence/{r['value']}"] = r["original_name"]
    with server.atomic():
        n = _write_all(server, rows)
        if files_root is not None:
            k = files.import_all(files_root, server, names)
            log.info("imported %d files into the shared database", k)
    log.info("imported %d rows from %s into the shared database", n, source)
    return n


def _remove(db_file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db_file) + suffix).unlink(missing_ok=True)


def backup_shared(server, data_dir: Path, backup_dir: Path, reason: str = "manual", out: Path | None = None):
    """The shared database's backup in today's archive format: a snapshot (export_sqlite) with the files the
    server keeps as evidence/ and forms/ beside it, in a hidden folder of the data folder, archived, verified,
    copied offsite and rotated as any backup (store/backup.py). `out`: the 移机/export file instead.
    Returns backup.Outcome, or the exported file."""
    import shutil

    from gwdesk.store import backup
    from gwdesk.store.concurrency import held
    stage = Path(data_dir) / ".shared-backup.tmp"  # hidden, and never packed by a backup of the data folder
    if out is not None:
        backup.refuse_inside_data(out, data_dir, "导出文件")
    with held("backup", "共享数据库的备份"):
        shutil.rmtree(stage, ignore_errors=True)
        try:
            stage.mkdir(parents=True)
            snap = stage / "gwdesk.db"
            export_sqlite(server, snap, stage)
            if out is not None:
                return backup.export_to(snap, out)
            return backup.run(snap, backup_dir, reason, clock_dir=Path(data_dir))
        finally:
            shutil.rmtree(stage, ignore_errors=True)


def restore_shared(server, file: Path, data_dir: Path) -> int:
    """Load an archive (or a clerk's own gwdesk.db, with the evidence/ and forms/ folders beside it) into the
    EMPTY shared database: checked first (every member's size and sha256, the database itself), then the
    records and the files imported in one transaction. Returns how many rows."""
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
            files_root = work
        else:
            archive.check_database(file, file)
            source = work / archive.DB_NAME
            shutil.copyfile(file, source)
            files_root = file.parent  # a data folder: its evidence/ and forms/ go along
        return import_into(server, source, files_root)


def backup_any(store, data_dir: Path, backup_dir: Path, reason: str = "manual", *, today=None,
               out: Path | None = None):
    """The window's 立即备份 / 导出全部数据 on either engine: backup.Outcome, or the exported file (`out`)."""
    from gwdesk.store import backup
    if getattr(store, "shared", False):
        return backup_shared(store.db, data_dir, backup_dir, reason, out=out)
    if out is not None:
        return backup.export_to(store, out)
    return backup.run(store, backup_dir, reason=reason, today=today)
