"""Read-only checks of a file that should be a gwdesk database: is it ours, healthy, not too new, empty?"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from gwdesk.errors import StorageError
from gwdesk.store import migrations
from gwdesk.store.errors_map import describe_storage_error

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class FileInfo:
    """What `inspect_file` found: `new` (absent, empty, or an SQLite file with nothing in it), the version."""

    new: bool
    version: int


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot write `path`, nor leave -wal/-shm files next to it when it has none."""
    path = Path(path)
    journal = path.with_name(path.name + "-journal")
    if journal.exists() and journal.stat().st_size > 0:
        # A hot rollback journal from a crash: only a writable connection can roll it back and read
        # a consistent file (that rollback restores the file as it was before the interrupted write).
        return sqlite3.connect(str(path), timeout=5)
    uri = path.resolve().as_uri() + "?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        # Everything is in the main file; `immutable` reads it without creating the WAL side files.
        # (Nothing else writes it meanwhile: gwdesk holds the InstanceLock while a store is open.)
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, timeout=5)


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino}"


def closed_mark(path: Path) -> Path:
    """Beside the database: the file as gwdesk left it when it closed it itself (size, mtime, inode)."""
    return path.with_name(path.name + ".closed")


def _logs_beside(path: Path) -> bool:
    return any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))


def mark_closed(path: str | os.PathLike) -> None:
    """gwdesk closed the database with nothing left in a log: the next open may skip `PRAGMA quick_check`
    if the file is then exactly as left (see `inspect_file`)."""
    path = Path(path)
    try:
        if path.exists() and not _logs_beside(path):
            closed_mark(path).write_text(_stamp(path), encoding="ascii")
    except OSError:  # no mark: the next open checks the file
        pass


def forget_closed(path: str | os.PathLike) -> None:
    """The database is open for writing: until it is closed again, the next open checks it."""
    try:
        closed_mark(Path(path)).unlink(missing_ok=True)
    except OSError:
        pass


def closed_untouched(path: Path) -> bool:
    """The file is exactly as gwdesk left it when it last closed it (no crash since, no copy or change outside)."""
    try:
        return not _logs_beside(path) and closed_mark(path).read_text(encoding="ascii") == _stamp(path)
    except (OSError, UnicodeDecodeError):
        return False


def inspect_file(path: str | os.PathLike, *, label: str = "数据库文件", trust_closed: bool = False) -> FileInfo:
    """Check without writing that `path` is absent/empty or a healthy gwdesk database; StorageError otherwise.

    Raises for: not SQLite (header), failing `PRAGMA quick_check`, an SQLite file of another program,
    and a schema version newer than this program knows. `label` names the file in messages.
    With `trust_closed` (opening the data folder's own database), a file exactly as gwdesk left it when it
    last closed it skips `quick_check` (a pass over every page: 0.1–0.3 s for 100,000 applications, at each
    start); a file after a crash, restored, copied in or changed by anything else is checked. SQLite still
    refuses a damaged page when it is read, and the day's backup checks the whole copy it takes.
    """
    path = Path(path)
    where = f"{label}“{path}”"
    if path.is_dir():
        raise StorageError(f"{where}是一个文件夹，不是数据库文件。请检查数据目录设置。")
    try:
        if not path.exists() or path.stat().st_size == 0:
            return FileInfo(new=True, version=0)
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as e:
        known = describe_storage_error(e)
        raise StorageError(f"无法读取{where}：{known.message if known else e}", detail=str(e)) from e
    hint = "，或从备份恢复" if label == "数据库文件" else ""
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise StorageError(f"{where}不是 SQLite 数据库文件，不是 gwdesk 的数据。该文件未作任何改动。"
                           f"请确认选择了正确的文件{hint}。")
    try:
        conn = connect_readonly(path)
    except sqlite3.Error as e:
        raise StorageError(f"无法打开{where}：{_why(e)}。该文件未作任何改动。", detail=str(e)) from e
    try:
        try:
            check = (["ok"] if trust_closed and closed_untouched(path)
                     else [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()])
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            app = None
            if "gwdesk_meta" in tables:
                row = conn.execute("SELECT value FROM gwdesk_meta WHERE key='app'").fetchone()
                app = row[0] if row else None
        except sqlite3.DatabaseError as e:
            known = describe_storage_error(e)
            if known is not None and "locked" in str(e).lower():
                raise StorageError(f"{where}正被其他程序占用，暂时无法打开。请关闭其他 gwdesk 窗口后重试。",
                                   detail=str(e)) from e
            raise StorageError(f"{where}已损坏，无法读取。该文件未作任何改动{hint.replace('，或', '，请')}。",
                               detail=str(e)) from e
    finally:
        conn.close()
    if check != ["ok"]:
        raise StorageError(f"{where}已损坏（完整性检查未通过）。该文件未作任何改动{hint.replace('，或', '，请')}。",
                           detail="\n".join(map(str, check[:20])))
    if version == 0 and not tables:
        return FileInfo(new=True, version=0)
    if app != "gwdesk":
        raise StorageError(f"{where}是其他程序的 SQLite 数据库，不是 gwdesk 的数据。该文件未作任何改动。"
                           "请确认选择了正确的文件或数据目录。")
    latest = migrations.latest_version()
    if version > latest:
        what = "数据库" if label == "数据库文件" else label
        raise StorageError(f"该{what}由较新版本的 gwdesk 创建（数据结构版本 {version}），当前程序只支持到版本 "
                           f"{latest}，请升级程序。{what}未作任何改动。（文件：{path}）")
    return FileInfo(new=False, version=version)


def _why(e: BaseException) -> str:
    known = describe_storage_error(e)
    if known:
        return known.message.rstrip("。")
    from gwdesk.errors import os_error_text
    return f"无法读取：{os_error_text(e)}" if isinstance(e, OSError) else "无法读取（文件已损坏或不是数据库）"


_DERIVED = {"application_search"}  # kept by triggers from other tables (schema 7): no record of its own


def _data_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables holding what the clerk put in: not gwdesk's bookkeeping, nor SQLite's or FTS's internals."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='table'").fetchall()
    virtual = [n for n, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    return [name for name, _ in rows
            if name != "gwdesk_meta" and not name.startswith("sqlite_") and name not in virtual
            and name not in _DERIVED
            and not any(name.startswith(v + "_") for v in virtual)]


def count_records(conn: sqlite3.Connection) -> int:
    """How many rows the clerk's tables hold (recorded in a backup's manifest)."""
    return sum(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _data_tables(conn))


def is_blank(path: str | os.PathLike) -> bool:
    """True when `path` holds no clerk's data: absent, 0 bytes, an empty SQLite file, or gwdesk with no rows.

    Cheap (no integrity check: open_store makes that). A file that cannot be read as a database is not
    blank — it is damaged, and open_store says so.
    """
    path = Path(path)
    try:
        if not path.exists() or path.stat().st_size == 0:
            return True
        with open(path, "rb") as f:
            if not f.read(16).startswith(SQLITE_HEADER):
                return False
        conn = connect_readonly(path)
        try:
            return not any(conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0]
                           for t in _data_tables(conn))
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return False


def refuse_orphan_wal(db_path: str | os.PathLike) -> None:
    """StorageError when the database is missing or 0 bytes but its write-ahead log holds data.

    Opening such a pair starts a new, empty database and SQLite deletes the log: the committed writes it held
    would be lost. Both files are left exactly as they are, and the message says how to recover.
    """
    db_path = Path(db_path)
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        wal_size = wal.stat().st_size
    except OSError:
        return
    try:
        db_size = db_path.stat().st_size
    except FileNotFoundError:
        db_size = 0
    except OSError:
        return
    if wal_size and not db_size:
        raise StorageError(
            f"数据库文件“{db_path}”{'不存在' if not db_path.exists() else '是空的（0 字节）'}，但旁边的“{wal.name}”"
            f"中有 {max(wal_size // 1024, 1)} KB 尚未写入数据库的数据。为免丢失这些数据，程序没有继续，两个文件都原样保留。"
            "恢复办法：如有备份，运行 gwdesk restore 备份文件（当前的两个文件会先被保存）；如没有备份，请把整个数据目录"
            f"“{db_path.parent}”复制一份交给技术人员，用 SQLite 工具从“{wal.name}”中找回数据。请不要删除这两个文件。")
