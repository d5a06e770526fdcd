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
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from gwdesk import __version__
from gwdesk.errors import StorageError, os_error_text
from gwdesk.store import schema_check
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


def _in_progress(p: Path, data_root: Path, exclude: tuple[Path, ...]) -> bool:
    """A file being written right now: an attachment's “.part”, a backup's hidden work folder, or `exclude`."""
    if p.name.endswith(".part") or any(part.startswith(".") and part.endswith(".tmp")
                                        for part in p.relative_to(data_root).parts):
        return True
    return any(p == x or x in p.parents for x in exclude)


def write(dest: Path, db_snapshot: Path, data_root: Path, *, created_at: dt.datetime,
          reason: str, exclude: tuple[Path, ...] = ()) -> Manifest:
    """Write the archive `dest` (a new file) from a database snapshot and the folders under `data_root`.

    Files being written (see _in_progress), `dest` itself and anything under `exclude` are never added: an
    archive written inside evidence/ would otherwise read itself as it grows.
    """
    exclude = tuple(x.absolute() for x in (dest, *exclude))
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
                            for p in sorted(root.absolute().rglob("*"))
                            if p.is_file() and not _in_progress(p, data_root.absolute(), exclude)]
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
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error) as e:
        raise StorageError(f"备份文件“{path}”已损坏或不完整，不能用来恢复。", detail=repr(e)) from e
    except OSError as e:
        raise StorageError(f"无法读取备份文件“{path}”：{os_error_text(e)}。", detail=repr(e)) from e
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _bad(path, "不是 gwdesk 的备份")
    version = raw.get("format_version", 0)
    if isinstance(version, bool) or not isinstance(version, int):
        raise _bad(path, f"的清单格式版本“{str(version)[:20]}”不是数字")
    if version > FORMAT_VERSION:
        raise StorageError(f"备份文件“{path}”由较新版本的 gwdesk 创建，请升级程序后再恢复。")
    try:
        files = [{"path": str(f["path"]), "size": int(f["size"]), "sha256": str(f["sha256"])}
                 for f in raw["files"]]
        return Manifest(created_at=dt.datetime.fromisoformat(raw["created_at"]).replace(tzinfo=None),
                        reason=str(raw.get("reason", "")), schema_version=int(raw["schema_version"]),
                        records=int(raw.get("records", 0)), app_version=str(raw.get("app_version", "")),
                        files=files)
    except (KeyError, TypeError, ValueError) as e:
        raise _bad(path, "的清单不完整或格式不对") from e


def _safe_name(name: str) -> bool:
    p = PurePosixPath(name)
    return (bool(name) and "\\" not in name and ":" not in name and not p.is_absolute()
            and ".." not in p.parts and "." not in p.parts and "" not in name.split("/")
            and (name == DB_NAME or (p.parts[0] in FOLDERS and len(p.parts) > 1)))


# the compression methods Python's zipfile reads: stored, deflate, bzip2, lzma
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_METHOD_NAMES = {9: "Deflate64（常见于 Windows 或 7-Zip 重新压缩的文件）", 6: "Implode", 97: "WavPack", 98: "PPMd",
                 99: "AES 加密", 93: "Zstandard"}
# the longest name one folder entry may have where no limit can be asked (Windows: 255 UTF-16 units)
NAME_MAX = 255
PATH_MAX = 4000  # bytes of a whole path below the target folder, kept under Linux's 4096


def name_max(folder: Path) -> int:
    """How long one name may be in `folder`'s file system (bytes on Linux/macOS)."""
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (AttributeError, OSError, ValueError):
        return NAME_MAX


_WINDOWS = os.name == "nt"
_WINDOWS_BAD = set('<>:"|?*') | {chr(i) for i in range(32)}
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def windows_safe(name: str) -> str:
    """`name` as Windows can hold it (an archive made on Linux may carry ? * : | in an evidence file's name)."""
    out = "".join("_" if ch in _WINDOWS_BAD else ch for ch in name).rstrip(" .") or "_"
    return "_" + out if out.split(".")[0].upper() in _WINDOWS_RESERVED else out


def name_length(name: str) -> int:
    """A name's length as the file system counts it: UTF-16 units on Windows, bytes elsewhere."""
    if _WINDOWS:
        return len(name.encode("utf-16-le", "surrogatepass")) // 2
    return len(os.fsencode(name))


def shorten(name: str, limit: int) -> str:
    """`name` cut (keeping its extension and a stable mark of the full name) to at most `limit` by name_length."""
    if name_length(name) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or name_length(ext) > 16:
        stem, ext = name, ""
    mark = "~" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    tail = mark + ("." + ext if ext else "")
    out = ""
    for ch in stem:
        if name_length(out + ch + tail) > limit:
            break
        out += ch
    return out + tail


def _member_checks(path: Path, zf: zipfile.ZipFile, manifest: Manifest, target: Path) -> dict[str, str]:
    """Everything that would stop the unpacking, checked before a byte is written; StorageError naming it.

    Returns evidence names to shorten for the target file system (archive name → name to write).
    """
    names = [f["path"] for f in manifest.files]
    if len(set(names)) != len(names):
        raise _bad(path, "的清单中有重复的文件")
    present = {i.filename: i for i in zf.infolist()}
    folders = {"/".join(PurePosixPath(n).parts[:k]) for n in names for k in range(1, len(PurePosixPath(n).parts))}
    folded: dict[str, str] = {}
    limit = name_max(target)
    renames: dict[str, str] = {}
    for f in manifest.files:
        name = f["path"]
        info = present.get(name)
        if info is None:
            raise _bad(path, f"缺少清单中的文件“{name}”")
        if info.flag_bits & 0x1:
            raise _bad(path, f"中的“{name}”加了密码（可能被压缩软件重新打包并加密），请使用 gwdesk 生成的原始备份文件")
        if info.compress_type not in _METHODS:
            how = _METHOD_NAMES.get(info.compress_type, f"编号{info.compress_type}")
            raise _bad(path, f"中的“{name}”使用了本程序不能读取的压缩方式 {how}，请使用 gwdesk 生成的原始备份文件")
        if name in folders:
            raise _bad(path, f"中的“{name}”既是文件又是文件夹")
        key = name.casefold()  # Windows and macOS cannot hold two names differing only in case
        if key in folded:
            raise _bad(path, f"中的“{name}”与“{folded[key]}”只有大小写不同")
        folded[key] = name
        parts = list(PurePosixPath(name).parts)
        for k, part in enumerate(parts):
            evidence_file = parts[0] == "evidence" and k == len(parts) - 1
            if _WINDOWS and windows_safe(part) != part:
                if not evidence_file:
                    raise _bad(path, f"中的“{name}”含有 Windows 文件名不允许的字符，无法在本机恢复")
                part = parts[k] = windows_safe(part)  # a 佐证 file: kept under a name Windows allows
            if name_length(part) <= limit:
                continue
            if evidence_file:  # a 佐证 file: kept under a shorter name
                parts[k] = shorten(part, limit)
                continue
            raise _bad(path, f"中的“{name}”名称太长（{name_length(part)}，本机文件系统最多{limit}），无法在本机恢复")
        local = "/".join(parts)
        if local != name:
            renames[name] = local
        if len(os.fsencode(str(target / local))) > PATH_MAX:
            raise _bad(path, f"中的“{name}”路径太长，无法在本机恢复")
    if renames and len({*names, *renames.values()} - set(renames)) != len(names):
        raise _bad(path, "中有两个佐证文件缩短名称后重名")
    return renames


def _bounded_copy(src, dst, declared: int) -> tuple[int, str]:
    """Like _hash_copy, but stops one chunk past the size the manifest declares (an expansion bomb ends there)."""
    h, n = hashlib.sha256(), 0
    while chunk := src.read(_CHUNK):
        h.update(chunk)
        n += len(chunk)
        if dst is not None:
            dst.write(chunk)
        if n > declared:
            break
    return n, h.hexdigest()


def extract_verified(path: str | os.PathLike, target: Path, *, only_db: bool = False) -> Manifest:
    """Unpack the archive into the folder `target`, checking every member's size and sha256 and the database.

    Every member is checked before the first is written (names, compression, encryption, the file system's
    name limits, the declared sizes against MAX_TOTAL and the free space); evidence names too long for
    the file system are written shorter and the database's references to them follow. Raises StorageError on
    the first problem; the caller removes `target` then. With `only_db` the other members are still read and
    checked, but not written.
    """
    path = Path(path)
    manifest = read_manifest(path)
    names = [f["path"] for f in manifest.files]
    if DB_NAME not in names:
        raise _bad(path, "里没有数据库")
    for name in names:
        if not _safe_name(name):
            raise _bad(path, f"含有不允许的文件名“{name[:80]}”")
    if any(f["size"] < 0 for f in manifest.files):
        raise _bad(path, "的清单中有负数的文件大小")
    try:
        with zipfile.ZipFile(path) as zf:
            renames = _member_checks(path, zf, manifest, target)
            _check_expansion(path, zf, manifest, target, only_db)
            for f in manifest.files:
                local = renames.get(f["path"], f["path"])
                out_path = None if only_db and f["path"] != DB_NAME else target / local
                with zf.open(f["path"]) as src:
                    if out_path is None:
                        size, digest = _bounded_copy(src, None, f["size"])
                    else:
                        out_path.parent.mkdir(parents=True, exist_ok=True)
                        with open(out_path, "wb") as dst:
                            size, digest = _bounded_copy(src, dst, f["size"])
                            dst.flush()
                            os.fsync(dst.fileno())
                if (size, digest) != (f["size"], f["sha256"]):
                    raise _bad(path, f"中的“{f['path']}”与清单不符（已损坏）")
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, zlib.error, NotImplementedError,
            RuntimeError, ValueError) as e:
        raise StorageError(f"备份文件“{path}”已损坏或不完整，不能用来恢复。", detail=repr(e)) from e
    check_database(target / DB_NAME, path)
    if renames and not only_db:
        _follow_renames(target / DB_NAME, renames)
    return manifest


# an archive may hold at most this much, unpacked (the database plus every evidence file); the ratio bounds
# what one compressed member may claim (the evidence is stored as it is; a database deflates 3–10×)
MAX_TOTAL = 64 * 1024 ** 3
MAX_RATIO = 200
_RATIO_FLOOR = 8 * 1024 * 1024


def _check_expansion(path: Path, zf: zipfile.ZipFile, manifest: Manifest, target: Path, only_db: bool) -> None:
    total = 0
    for f in manifest.files:
        info = zf.getinfo(f["path"])
        if info.file_size != f["size"]:
            raise _bad(path, f"中的“{f['path']}”与清单不符（已损坏）")
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bad(path, f"中的“{f['path']}”压缩比异常（{info.file_size // max(info.compress_size, 1)}倍），"
                             "可能被恶意构造")
        total += info.file_size
    if total > MAX_TOTAL:
        raise _bad(path, f"解压后超过{MAX_TOTAL // 1024 ** 3} GB")
    need = zf.getinfo(DB_NAME).file_size if only_db else total
    try:
        free = shutil.disk_usage(target).free
    except OSError:
        return
    if need > free:
        raise StorageError(f"磁盘空间已满或不足：恢复“{path.name}”需要约{need // 2**20 + 1} MB，"
                           f"“{target.parent}”所在磁盘只剩{free // 2**20} MB。请清理磁盘空间后重试。当前数据未作任何改动。")


def _follow_renames(db: Path, renames: dict[str, str]) -> None:
    """Point the unpacked database's evidence rows at the shortened names (the original name stays in original_name)."""
    conn = sqlite3.connect(str(db))
    try:
        with conn:
            for old, new in renames.items():
                old_rel, new_rel = old.split("/", 1)[1], new.split("/", 1)[1]
                conn.execute("UPDATE task_evidence SET value = ? WHERE value = ?", (new_rel, old_rel))
    except sqlite3.Error as e:
        raise StorageError("无法更新恢复的数据库中的佐证文件名，当前数据未作任何改动。", detail=str(e)) from e
    finally:
        conn.close()


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
        raise StorageError(f"备份文件“{shown_as}”已损坏，不能用来恢复。", detail=str(e)) from e
    if result != ["ok"]:
        raise StorageError(f"备份文件“{shown_as}”已损坏（完整性检查未通过），不能用来恢复。",
                           detail="\n".join(map(str, result[:20])))
    conn = connect_readonly(db)
    try:
        diff = schema_check.differences(conn, info.version)
    except sqlite3.DatabaseError as e:
        raise StorageError(f"备份文件“{shown_as}”已损坏，不能用来恢复。", detail=str(e)) from e
    finally:
        conn.close()
    if diff:
        raise StorageError(f"备份文件“{shown_as}”中的数据库结构与本程序的不同（{'；'.join(diff[:5])}"
                           f"{'等' if len(diff) > 5 else ''}），可能被改动过，不能用来恢复。", detail="\n".join(diff))
    return info.version


def verify(path: str | os.PathLike) -> Manifest:
    """Check the whole archive (every hash, the database's integrity) without keeping anything unpacked."""
    scratch = Path(tempfile.mkdtemp(prefix="gwdesk-verify-"))
    try:
        return extract_verified(path, scratch, only_db=True)
    except OSError as e:
        known = describe_storage_error(e)
        raise StorageError(f"无法检查备份文件“{path}”：{known.message if known else os_error_text(e)}",
                           detail=str(e)) from e
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
