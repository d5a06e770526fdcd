"""The backup archive: one zip holding gwdesk.db, evidence/ and forms/, and a manifest with sizes and sha256.

`manifest.json` (written last) records the format, gwdesk's version, the schema version, the time the backup
was made (`created_at`, local time as the computer's clock gave it), why (`reason`), how many rows the
database holds (`records`) and every other member with its size and sha256. Reading checks each member
against it before anything is used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from gwdesk import __version__
from gwdesk.errors import StorageError
from gwdesk.store.errors_map import describe_storage_error
from gwdesk.store.inspect import connect_readonly, count_records, inspect_file

FORMAT = "gwdesk-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_NAME = "gwdesk.db"
FOLDERS = ("evidence", "forms")  # beside gwdesk.db in the data folder
_CHUNK = 1 << 20
# already compressed: stored as they are (deflating them costs time and saves nothing)
_PACKED = {".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".zip", ".rar", ".7z", ".docx", ".xlsx", ".pptx",
           ".ofd", ".mp4", ".mp3", ".heic"}


def _stamp(p: Path) -> tuple:
    t = dt.datetime.fromtimestamp(p.stat().st_mtime)
    return (max(t.year, 1980), t.month, t.day, t.hour, t.minute, t.second)


@dataclass(frozen=True)
class Manifest:
    created_at: dt.datetime
    reason: str
    schema_version: int
    records: int
    app_version: str = ""
    files: list[dict] = field(default_factory=list)  # {"path", "size", "sha256"}

    @property
    def total_size(self) -> int:
        return sum(f["size"] for f in self.files)

    @property
    def evidence_count(self) -> int:
        return sum(1 for f in self.files if f["path"].startswith("evidence/"))

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": self.app_version,
            "schema_version": self.schema_version,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "reason": self.reason, "records": self.records, "files": self.files,
        }, ensure_ascii=False, indent=1)


def is_archive(path: str | os.PathLike) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _hash_copy(src, dst) -> tuple[int, str]:
    h, n = hashlib.sha256(), 0
    while chunk := src.read(_CHUNK):
        h.update(chunk)
        n += len(chunk)
        if dst is not None:
            dst.write(chunk)
    return n, h.hexdigest()


def write(dest: Path, db_snapshot: Path, data_root: Path, *, created_at: dt.datetime,
          reason: str) -> Manifest:
    """Write the archive `dest` (a new file) from a database snapshot and the folders under `data_root`."""
    conn = connect_readonly(db_snapshot)
    try:
        schema = conn.execute("PRAGMA user_version").fetchone()[0]
        records = count_records(conn)
    finally:
        conn.close()
    files = []
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6, allowZip64=True) as zf:
        members = [(DB_NAME, db_snapshot)]
        for folder in FOLDERS:
            root = data_root / folder
            if root.is_dir():
                members += [(p.relative_to(data_root).as_posix(), p)
                            for p in sorted(root.rglob("*")) if p.is_file()]
        for name, src in members:
            info = zipfile.ZipInfo(name, date_time=_stamp(src))
            info.compress_type = zipfile.ZIP_STORED if src.suffix.lower() in _PACKED else zipfile.ZIP_DEFLATED
            with open(src, "rb") as f, zf.open(info, "w", force_zip64=True) as out:
                size, digest = _hash_copy(f, out)  # the hash of exactly the bytes written
            files.append({"path": name, "size": size, "sha256": digest})
        manifest = Manifest(created_at=created_at.replace(microsecond=0), reason=reason,
                            schema_version=schema,
                            records=records, app_version=__version__, files=files)
        zf.writestr(MANIFEST, manifest.to_json())
    with open(dest, "rb+") as f:
        os.fsync(f.fileno())
    return manifest


def _bad(path: Path, why: str) -> StorageError:
    return StorageError(f"备份文件“{path}”{why}，不能用来恢复。")


def read_manifest(path: str | os.PathLike) -> Manifest:
    """The manifest of the archive `path`; StorageError when it is not a readable gwdesk archive."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            raw = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise _bad(path, "里没有清单（manifest.json），不是 gwdesk 的备份") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise StorageError(f"备份文件“{path}”已损坏或不完整（{e}），不能用来恢复。", detail=str(e)) from e
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _bad(path, "不是 gwdesk 的备份")
    if int(raw.get("format_version", 0)) > FORMAT_VERSION:
        raise StorageError(f"备份文件“{path}”由较新版本的 gwdesk 创建，请升级程序后再恢复。")
    try:
        files = [{"path": str(f["path"]), "size": int(f["size"]), "sha256": str(f["sha256"])}
                 for f in raw["files"]]
        return Manifest(created_at=dt.datetime.fromisoformat(raw["created_at"]).replace(tzinfo=None),
                        reason=str(raw.get("reason", "")), schema_version=int(raw["schema_version"]),
                        records=int(raw.get("records", 0)), app_version=str(raw.get("app_version", "")),
                        files=files)
    except (KeyError, TypeError, ValueError) as e:
        raise _bad(path, f"的清单不完整（{e}）") from e


def _safe_name(name: str) -> bool:
    p = PurePosixPath(name)
    return (bool(name) and "\\" not in name and ":" not in name and not p.is_absolute()
            and ".." not in p.parts and (name == DB_NAME or p.parts[0] in FOLDERS))


def extract_verified(path: str | os.PathLike, target: Path, *, only_db: bool = False) -> Manifest:
    """Unpack the archive into the folder `target`, checking every member's size and sha256 and the database.

    Raises StorageError on the first mismatch; the caller removes `target` then. With `only_db` the other
    members are still read and checked, but not written.
    """
    path = Path(path)
    manifest = read_manifest(path)
    names = [f["path"] for f in manifest.files]
    if DB_NAME not in names:
        raise _bad(path, "里没有数据库")
    for name in names:
        if not _safe_name(name):
            raise _bad(path, f"含有不允许的文件名“{name}”")
    try:
        with zipfile.ZipFile(path) as zf:
            present = set(zf.namelist())
            for f in manifest.files:
                if f["path"] not in present:
                    raise _bad(path, f"缺少清单中的文件“{f['path']}”")
                out_path = None if only_db and f["path"] != DB_NAME else target / f["path"]
                with zf.open(f["path"]) as src:
                    if out_path is None:
                        size, digest = _hash_copy(src, None)
                    else:
                        out_path.parent.mkdir(parents=True, exist_ok=True)
                        with open(out_path, "wb") as dst:
                            size, digest = _hash_copy(src, dst)
                            dst.flush()
                            os.fsync(dst.fileno())
                if (size, digest) != (f["size"], f["sha256"]):
                    raise _bad(path, f"中的“{f['path']}”与清单不符（已损坏）")
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as e:
        raise StorageError(f"备份文件“{path}”已损坏或不完整（{e}），不能用来恢复。", detail=str(e)) from e
    check_database(target / DB_NAME, path)
    return manifest


def check_database(db: Path, shown_as: Path) -> int:
    """The schema version of an unpacked backup database after a full integrity check; StorageError if bad."""
    info = inspect_file(db, label="备份文件")
    if info.new:
        raise StorageError(f"备份文件“{shown_as}”是空的，里面没有 gwdesk 的数据，不能用来恢复。")
    try:
        conn = connect_readonly(db)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise StorageError(f"备份文件“{shown_as}”已损坏（{e}），不能用来恢复。", detail=str(e)) from e
    if result != ["ok"]:
        raise StorageError(f"备份文件“{shown_as}”已损坏（完整性检查未通过），不能用来恢复。",
                           detail="\n".join(map(str, result[:20])))
    return info.version


def verify(path: str | os.PathLike) -> Manifest:
    """Check the whole archive (every hash, the database's integrity) without keeping anything unpacked."""
    scratch = Path(tempfile.mkdtemp(prefix="gwdesk-verify-"))
    try:
        return extract_verified(path, scratch, only_db=True)
    except OSError as e:
        known = describe_storage_error(e)
        raise StorageError(f"无法检查备份文件“{path}”：{known.message if known else e}", detail=str(e)) from e
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
