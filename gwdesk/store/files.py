"""Files kept in the database (schema 13): on a 单位共享数据库 the evidence files, the office's original task lists
and the custom 意见单 forms are rows of `stored_file`, so a colleague opens what one clerk attached.

SQLite mode keeps them in the data folder exactly as before (every function here is then a no-op or reads the
folder), so the backup archive, restore and 移机 are unchanged there. On a server:
- `put` writes a file's bytes in the caller's transaction (with the record that points at it);
- `local` gives the file as a path: this computer's copy under the data folder's `shared/<key>/` (paths.files_root),
  written from the database when missing or different (checked by sha256), so an editor or viewer opens a file;
- `export_all` / `import_all` turn the rows into an archive's `evidence/` and `forms/` folders and back, so a
  shared database's backup is the same archive as SQLite's and verify, rotate, offsite and restore stay one path.

A row's `path` is the file's place in an archive (`evidence/tasks/12/…`, `evidence/lists/3/…`,
`evidence/review/…`, `forms/….toml`); `kind` and `owner` follow from it (`classify`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from pathlib import Path, PurePosixPath

import peewee

from gwdesk import paths
from gwdesk.errors import StorageError, ValidationFailed
from gwdesk.store.base import db
from gwdesk.store.dialect import is_pg
from gwdesk.store.models import StoredFile

log = logging.getLogger(__name__)

MAX_BYTES = 100 * 2**20  # one file on a server: sent and read back whole by each clerk's computer
AREAS = ("evidence", "forms")
_CHUNK = 1 << 20


def shared(database=None) -> bool:
    """Files live in the database (a 单位共享数据库), not in the data folder."""
    return is_pg(database)


def cache_key(host: str, port: int, dbname: str) -> str:
    """The name of a server database's cache folder (paths.set_shared_cache): short and safe on every system."""
    return "pg-" + hashlib.sha256(f"{host}\n{port}\n{dbname}".encode()).hexdigest()[:16]


def classify(rel: str) -> tuple[str, str]:
    """(kind, owner) of an archive path."""
    parts = PurePosixPath(rel).parts
    if parts[0] == "forms":
        return "意见单定义", ""
    if len(parts) > 3 and parts[1] == "tasks":
        return "佐证", f"task:{parts[2]}"
    if len(parts) > 3 and parts[1] == "lists":
        return "原表", f"task_list:{parts[2]}"
    if len(parts) > 2 and parts[1] == "review":
        return "附件", "review"
    return "文件", ""


def check_rel(rel: str) -> str:
    """`rel` when it is a plain relative path under evidence/ or forms/ (a row of a foreign or damaged database
    never writes outside the cache)."""
    p = PurePosixPath(rel)
    if (p.is_absolute() or len(p.parts) < 2 or p.parts[0] not in AREAS or any(x in ("", ".", "..") for x in p.parts)
            or "\\" in rel or ":" in rel or "\x00" in rel):
        raise StorageError(f"共享数据库中的文件路径“{rel}”无效，未读取。")
    return rel


def mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n < 10 * 2**20 else f"{n // 2**20} MB"


def check_size(source: Path, what: str = "文件") -> int:
    """The size of `source`; ValidationFailed when a server could not take it (SQLite mode: any size)."""
    size = Path(source).stat().st_size
    if shared() and size > MAX_BYTES:
        message = (f"{what}“{Path(source).name}”有 {mb(size)}，超过共享数据库中单个文件的上限 {mb(MAX_BYTES)}，"
                   "未添加。请压缩（如降低扫描分辨率、另存为较小的 PDF）或拆成几个文件后再添加。")
        raise ValidationFailed(message, [message])
    return size


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


def _actor() -> str:
    from gwdesk.store import audit
    return audit.actor()


def put(rel: str, source: Path, *, name: str = "") -> None:
    """Keep the bytes of `source` as `rel` in the database (a server; SQLite: nothing, the file is in the folder).
    Runs in the caller's transaction; a file of the same path is replaced."""
    if not shared():
        return
    check_rel(rel)
    data = Path(source).read_bytes()
    if len(data) > MAX_BYTES:
        check_size(source)
    kind, owner = classify(rel)
    row = {"path": rel, "kind": kind, "owner": owner, "name": name or PurePosixPath(rel).name,
           "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "data": data,
           "created_by": _actor(), "created_at": _now()}
    (StoredFile.insert(**row)
     .on_conflict(conflict_target=[StoredFile.path],
                  update={StoredFile.data: data, StoredFile.sha256: row["sha256"], StoredFile.size: len(data),
                          StoredFile.name: row["name"], StoredFile.kind: kind, StoredFile.owner: owner,
                          StoredFile.created_by: row["created_by"], StoredFile.created_at: row["created_at"]})
     .execute())


def drop(rel: str) -> None:
    if shared():
        StoredFile.delete().where(StoredFile.path == rel).execute()


def owned(owner: str) -> list[str]:
    """The paths kept for `owner` (e.g. `task_list:3`), on a server; [] in SQLite mode."""
    if not shared():
        return []
    return [r[0] for r in StoredFile.select(StoredFile.path).where(StoredFile.owner == owner)
            .order_by(StoredFile.path).tuples()]


def drop_owner(owner: str, keep: str | None = None) -> None:
    if shared():
        q = StoredFile.delete().where(StoredFile.owner == owner)
        if keep is not None:
            q = q.where(StoredFile.path != keep)
        q.execute()


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def local(rel: str, *, expect_sha256: str = "") -> Path | None:
    """The file `rel` as a path on this computer, or None when there is none.

    SQLite mode: the data folder's file. On a server: this computer's copy, (re)written from the database when
    missing or not the stored bytes. A file a clerk attached before files moved into the database (only in
    that clerk's own data folder) is taken into the database the first time that clerk opens it, when its
    sha256 is the one recorded (`expect_sha256`)."""
    target = paths.files_root() / rel
    if not shared():
        return target if target.is_file() else None
    check_rel(rel)
    row = StoredFile.select(StoredFile.sha256, StoredFile.size).where(StoredFile.path == rel).first()
    if row is None:
        return _adopt(rel, expect_sha256) if expect_sha256 else None
    try:
        if target.is_file() and target.stat().st_size == row.size and file_sha256(target) == row.sha256:
            return target
        data = StoredFile.select(StoredFile.data).where(StoredFile.path == rel).scalar()
        _write(target, bytes(data))
    except OSError as e:
        from gwdesk.store.errors_map import describe_storage_error
        known = describe_storage_error(e)
        raise StorageError(f"无法把共享数据库中的文件“{PurePosixPath(rel).name}”存到本机"
                           f"（{known.message if known else e}）。", detail=str(e)) from e
    return target


def _adopt(rel: str, sha: str) -> Path | None:
    old = paths.data_dir() / rel  # the data folder's own evidence/ and forms/, where files were kept before
    try:
        if not old.is_file() or old.stat().st_size > MAX_BYTES or file_sha256(old) != sha:
            return None
        with db.atomic():
            put(rel, old)
    except (OSError, peewee.PeeweeException):  # unreadable, or a read-only session: not taken now
        return None
    log.info("file %s taken from this computer's data folder into the shared database", rel)
    return local(rel)


def export_all(root: Path, database=None) -> int:
    """Write every stored file under `root` (its archive path); in the caller's transaction (one snapshot).
    One file is held in memory at a time. Returns how many."""
    database = database or db.obj
    with database.bind_ctx([StoredFile]):
        rels = [r[0] for r in StoredFile.select(StoredFile.path).order_by(StoredFile.path).tuples()]
        for rel in rels:
            check_rel(rel)
            data = StoredFile.select(StoredFile.data).where(StoredFile.path == rel).scalar()
            _write(Path(root) / rel, bytes(data))
    return len(rels)


def import_all(root: Path, database, names: dict[str, str] | None = None) -> int:
    """Put every file under `root`'s evidence/ and forms/ into `database` (in the caller's transaction): a
    restore or 导入本机数据 into a server. `names`: a path's clerk's name (an evidence file's original name).
    Returns how many; ValidationFailed for a file too big for a server (nothing is kept then)."""
    root = Path(root)
    found = []
    for area in AREAS:
        folder = root / area
        if folder.is_dir():
            found += [p for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".part")]
    too_big = [p for p in found if p.stat().st_size > MAX_BYTES]
    if too_big:
        listing = "、".join(f"“{p.name}”（{mb(p.stat().st_size)}）" for p in too_big[:5])
        message = (f"有 {len(too_big)} 个文件超过共享数据库中单个文件的上限 {mb(MAX_BYTES)}：{listing}。"
                   "没有导入任何数据。请先在原来的电脑上删除或压缩这些佐证材料，再重新导出。")
        raise ValidationFailed(message, [message])
    with database.bind_ctx([StoredFile]):
        actor = database.execute_sql("SELECT session_user").fetchone()[0] if is_pg(database) else ""
        for p in found:
            rel = p.relative_to(root).as_posix()
            check_rel(rel)
            data = p.read_bytes()
            kind, owner = classify(rel)
            StoredFile.insert(path=rel, kind=kind, owner=owner, name=(names or {}).get(rel) or p.name,
                              sha256=hashlib.sha256(data).hexdigest(), size=len(data), data=data,
                              created_by=actor, created_at=_now()).on_conflict_ignore().execute()
    return len(found)


def count(database=None) -> int:
    database = database or db.obj
    with database.bind_ctx([StoredFile]):
        try:
            return StoredFile.select().count()
        except peewee.PeeweeException:
            return 0
