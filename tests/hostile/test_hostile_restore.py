"""Issue 26.2–4 and 12: restore refuses every bad archive in Chinese before anything is touched, puts long
evidence names back shortened by bytes, always leaves the window with its database; attaching a file with a
long Chinese name works; a command-line restore creates private files."""

from __future__ import annotations

from locations import ROOT

import datetime as dt
import errno
import json
import os
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from gwdesk import paths
from gwdesk.errors import StorageError
from gwdesk.store import archive, backup
from gwdesk.store.models import Setting
from gwdesk.store.restore import restore

ROOT = ROOT
TASKS = ROOT / "tests/fixtures/tasks"
LONG = "关于印发青川县二〇二六年政务公开工作要点暨基层政务公开标准化规范化建设任务分解方案的通知附件材料汇编（含各乡镇街道报送情况统计表及佐证照片说明）"


def _snapshot(data: Path) -> dict:
    """Every file under the data folder (but backups and logs) with its bytes: what “untouched” means."""
    out = {}
    for p in sorted(data.rglob("*")):
        rel = p.relative_to(data).as_posix()
        if p.is_file() and not rel.startswith(("backups/", "logs/", "gwdesk.lock", "gwdesk.db-")):
            out[rel] = p.read_bytes()
    return out


def _workspace(ctx, profile, tmp_path):
    from gwdesk.core.tasks import service, tracking
    from gwdesk.io import tasklist
    from gwdesk.store.tasks_models import Task
    service.import_parsed(tasklist.read(TASKS / "lp2021.xlsx"), profile=profile)
    task = Task.select().order_by(Task.id).first()
    f = tmp_path / "总结.pdf"
    f.write_bytes(b"%PDF-1.4\n" + os.urandom(3000))
    tracking.add_file(task.id, f)
    return task


def _archive(ctx, when=dt.datetime(2026, 11, 20, 9)) -> Path:
    return backup.backup_now(ctx.store, paths.backup_dir(), "manual", when=when)


def _members(path: Path) -> tuple[dict, list[tuple[zipfile.ZipInfo, bytes]]]:
    with zipfile.ZipFile(path) as zf:
        raw = json.loads(zf.read(archive.MANIFEST))
        return raw, [(i, zf.read(i.filename)) for i in zf.infolist() if i.filename != archive.MANIFEST]


def _write(path: Path, manifest: dict, members, method=zipfile.ZIP_DEFLATED) -> Path:
    import hashlib
    files = []
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in members:
            zf.writestr(name, data)
            files.append({"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        manifest = dict(manifest, files=files)
        zf.writestr(archive.MANIFEST, json.dumps(manifest, ensure_ascii=False))
    return path


def _patch_method(path: Path, member: str, *, method: int | None = None, flag: int | None = None) -> None:
    """Rewrite a member's compression method / flag bits in its local and central headers (as 7-Zip writes
    Deflate64 or an encrypted member), which Python's zipfile cannot do itself."""
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    local = info.header_offset
    cd = raw.rfind(b"PK\x01\x02" + b"", 0)  # find this member's central entry by name
    name = member.encode()
    cd = raw.find(b"PK\x01\x02")
    while cd != -1:
        n = struct.unpack_from("<H", raw, cd + 28)[0]
        if raw[cd + 46:cd + 46 + n] == name:
            break
        cd = raw.find(b"PK\x01\x02", cd + 4)
    for off, flag_at, method_at in ((local, 6, 8), (cd, 8, 10)):
        if method is not None:
            struct.pack_into("<H", raw, off + method_at, method)
        if flag is not None:
            struct.pack_into("<H", raw, off + flag_at, struct.unpack_from("<H", raw, off + flag_at)[0] | flag)
    path.write_bytes(bytes(raw))


def _bad_archives(good: Path, tmp_path: Path) -> dict[str, Path]:
    raw, members = _members(good)
    data = [(i.filename, b) for i, b in members]
    ev = next(n for n, _ in data if n.startswith("evidence/"))
    out = {}
    out["deflate64"] = _write(tmp_path / "deflate64.zip", raw, data)
    _patch_method(out["deflate64"], ev, method=9)
    out["encrypted"] = _write(tmp_path / "encrypted.zip", raw, data)
    _patch_method(out["encrypted"], archive.DB_NAME, flag=0x1)
    out["evidence-file"] = _write(tmp_path / "evidence-file.zip", raw, data + [("evidence", b"x")])
    out["forms-file"] = _write(tmp_path / "forms-file.zip", raw, data + [("forms", b"x")])
    out["file-and-folder"] = _write(tmp_path / "file-and-folder.zip", raw,
                                    data + [("evidence/tasks", b"x")])
    out["format-version"] = _write(tmp_path / "format-version.zip", dict(raw, format_version="1a"), data)
    out["long-form-name"] = _write(tmp_path / "long-form-name.zip", raw, data + [(f"forms/{LONG}{LONG}.toml", b"#")])
    return out


@pytest.mark.parametrize("kind", ["deflate64", "encrypted", "evidence-file", "forms-file", "file-and-folder",
                                  "format-version", "long-form-name"])
def test_bad_archives_are_refused_in_chinese_and_change_nothing(ctx, profile, tmp_path, kind):
    _workspace(ctx, profile, tmp_path)
    good = _archive(ctx)
    bad = _bad_archives(good, tmp_path)[kind]
    Setting.set_value("marker", "live")
    with pytest.raises(StorageError) as e:
        backup.verify_backup(bad)
    assert bad.name in e.value.message and "不能用来恢复" in e.value.message
    assert not any(w in e.value.message for w in ("Error", "errno", "Errno", "password", "compression"))
    ctx.store.close()
    data = paths.data_dir()
    before = _snapshot(data)
    listed = sorted(p.name for p in paths.backup_dir().iterdir())
    with pytest.raises(StorageError) as e2:
        restore(paths.db_path(), bad, paths.backup_dir())
    assert "不能用来恢复" in e2.value.message
    assert _snapshot(data) == before and sorted(p.name for p in paths.backup_dir().iterdir()) == listed
    assert not list(data.glob(".restore-*"))


def test_a_long_evidence_name_from_windows_is_restored_shorter_by_bytes(ctx, profile, tmp_path):
    from gwdesk.core.tasks import tracking
    from gwdesk.store.tasks_models import TaskEvidence
    task = _workspace(ctx, profile, tmp_path)
    good = _archive(ctx)
    raw, members = _members(good)
    data = [(i.filename, b) for i, b in members]
    # as NTFS allows: 120 Chinese characters are 120 UTF-16 units but 360 bytes on ext4
    long_rel = f"tasks/{task.id}/0123456789ab_{(LONG * 2)[:110]}.pdf"
    db_bytes = dict(data)[archive.DB_NAME]
    import sqlite3
    scratch = tmp_path / "scratch.db"
    scratch.write_bytes(db_bytes)
    c = sqlite3.connect(scratch)
    c.execute("INSERT INTO task_evidence (task_id, kind, value, original_name, sha256, size, added_at) "
              "VALUES (?, '文件', ?, ?, '', 5, 'x')", (task.id, long_rel, (LONG * 2)[:110] + ".pdf"))
    c.commit()
    c.close()
    data = [(n, scratch.read_bytes() if n == archive.DB_NAME else b) for n, b in data]
    data.append((f"evidence/{long_rel}", b"%PDF long"))
    moved = _write(tmp_path / "从Windows导出.zip", raw, data)
    ctx.store.close()
    restore(paths.db_path(), moved, paths.backup_dir())
    from gwdesk.store.db import open_store
    store = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    try:
        ev = TaskEvidence.get(TaskEvidence.original_name == (LONG * 2)[:110] + ".pdf")
        assert ev.value != long_rel and ev.value.endswith(".pdf")
        assert len(Path(ev.value).name.encode()) <= 255
        assert tracking.evidence_file(ev).read_bytes() == b"%PDF long"
    finally:
        store.close()


def test_attaching_a_file_with_an_84_character_chinese_name(ctx, profile, tmp_path):
    from gwdesk.core.tasks import tracking
    task = _workspace(ctx, profile, tmp_path)
    for n in (79, 84, 120):
        name = (LONG * 2)[:n]
        src = tmp_path / f"{name}.pdf"
        if len(src.name.encode()) > 255:  # this file system cannot even hold the source
            continue
        src.write_bytes(b"%PDF " + name.encode())
        ev = tracking.add_file(task.id, src)
        stored = tracking.evidence_file(ev)
        assert stored.read_bytes() == src.read_bytes() and stored.suffix == ".pdf"
        assert ev.original_name == src.name and len(stored.name.encode()) + len(".part") <= 255
        assert tracking.verify_file(ev)


def test_failed_restore_in_settings_reopens_the_store_and_saves_still_work(ctx, profile, qtbot, alerts_log,
                                                                         tmp_path, monkeypatch):
    from gwdesk.store import restore as restore_mod
    from gwdesk.ui.main_window import MainWindow
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.open_section("settings")
    page = w.pages["settings"]
    page.backup_now()
    good = page.model.rows()[0].path

    def boom(*a, **k):  # an error nobody foresaw, in the middle of the restore
        raise OSError(errno.ENAMETOOLONG, "File name too long", "evidence/x")
    monkeypatch.setattr(restore_mod, "restore", boom)
    with pytest.raises(OSError):
        page.restore(good)
    assert not ctx.store.db.is_closed()
    Setting.set_value("after", "saved")  # later saves reach the database
    assert Setting.get_value("after") == "saved"


@pytest.mark.allow_log_warnings
def test_a_draft_that_cannot_be_written_is_told(ctx, profile, qtbot, alerts_log, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from gwdesk.ui.common.autosave import Autosaver
    editor = QWidget()
    qtbot.addWidget(editor)
    editor.show()

    def write():
        import sqlite3
        e = sqlite3.OperationalError("attempt to write a readonly database")
        e.sqlite_errorcode = 8  # SQLITE_READONLY, as SQLite sets it
        raise e
    saver = Autosaver(editor, write)
    saver.touch()
    assert saver.flush() is False
    assert alerts_log and alerts_log[-1][1] == "自动保存失败" and "只读" in alerts_log[-1][2]
    saver.touch()
    saver.flush()
    assert len(alerts_log) == 1  # told once per run of failures
    saver._write = lambda: None
    saver.touch()
    assert saver.flush() is True and Autosaver.failing is False


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_command_line_restore_creates_private_files(ctx, profile, tmp_path):
    _workspace(ctx, profile, tmp_path)
    good = _archive(ctx)
    ctx.store.close()
    from gwdesk.cli import main
    old = os.umask(0o022)
    try:
        assert main(["--data-dir", str(paths.data_dir()), "restore", str(good)]) == 0
    finally:
        os.umask(old)
    for p in (paths.data_dir() / "evidence").rglob("*"):
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o700 if p.is_dir() else 0o600), (p, oct(mode))
    assert stat.S_IMODE(paths.db_path().stat().st_mode) == 0o600


def test_an_archive_from_linux_restores_on_windows_with_safe_evidence_names(ctx, profile, tmp_path, monkeypatch):
    """Names Linux allows and Windows does not (? * : | < > ", CON): evidence renamed, anything else refused."""
    from gwdesk.core.tasks import tracking
    from gwdesk.store.tasks_models import TaskEvidence
    task = _workspace(ctx, profile, tmp_path)
    good = _archive(ctx)
    raw, members = _members(good)
    data = [(i.filename, b) for i, b in members]
    rel = f"tasks/{task.id}/0123456789ab_问答？第1期*定稿.pdf"
    import sqlite3
    scratch = tmp_path / "scratch.db"
    scratch.write_bytes(dict(data)[archive.DB_NAME])
    c = sqlite3.connect(scratch)
    c.execute("INSERT INTO task_evidence (task_id, kind, value, original_name, sha256, size, added_at) "
              "VALUES (?, '文件', ?, '问答？第1期*定稿.pdf', '', 4, 'x')", (task.id, rel))
    c.commit()
    c.close()
    data = [(n, scratch.read_bytes() if n == archive.DB_NAME else b) for n, b in data]
    moved = _write(tmp_path / "linux.zip", raw, data + [(f"evidence/{rel}", b"%PDF")])
    bad_form = _write(tmp_path / "form.zip", raw, data + [("forms/a?b.toml", b"#")])
    monkeypatch.setattr(archive, "_WINDOWS", True)
    with pytest.raises(StorageError, match="Windows 文件名不允许的字符"):
        backup.verify_backup(bad_form)
    ctx.store.close()
    restore(paths.db_path(), moved, paths.backup_dir())
    from gwdesk.store.db import open_store
    store = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    try:
        ev = TaskEvidence.get(TaskEvidence.original_name == "问答？第1期*定稿.pdf")
        assert "?" not in ev.value and "*" not in ev.value and "？" in ev.value  # full-width ？ is allowed
        assert tracking.evidence_file(ev).read_bytes() == b"%PDF"
    finally:
        store.close()
    assert archive.windows_safe("CON.txt") == "_CON.txt" and archive.windows_safe("a:b|c. ") == "a_b_c"
