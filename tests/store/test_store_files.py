"""Files in the 单位共享数据库 (schema 13, store/files.py): evidence, review attachments, the office's original task
lists and the custom 意见单 form are kept in the database, so a colleague on another computer opens what one
clerk attached; a backup carries them as the archive's evidence/ and forms/ and a restore puts them back; a file
too big for the server is refused with a Chinese message naming it, and nothing is written. SQLite mode keeps
its files in the data folder as before (the `sqlite` variants)."""

from __future__ import annotations

import os
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from locations import ROOT
from gwdesk import cli, paths
from gwdesk.errors import StorageError, ValidationFailed
from gwdesk.store import archive, backup, dburl, files
from gwdesk.store.db import open_store
from gwdesk.store.models import StoredFile

pytestmark = pytest.mark.both_engines

TASKS = ROOT / "tests/fixtures/tasks"


@contextmanager
def another_computer(tmp_path: Path, name: str = "pc2"):
    """The same server seen from a colleague's computer: another data folder, so nothing cached yet."""
    before = paths.data_dir_override()
    paths.set_data_dir(tmp_path / name)
    try:
        yield tmp_path / name
    finally:
        paths.set_data_dir(before)


def rebind(store) -> None:
    """A command the test ran opened and closed its own session: the test's store is the bound one again."""
    from gwdesk.store import base, server
    base.db.initialize(store.db)
    if store.url is not None:
        server.use_file_cache(store.url)


def _task(profile):
    from gwdesk.core.tasks import service
    from gwdesk.io import tasklist
    from gwdesk.store.tasks_models import Task
    service.import_parsed(tasklist.read(TASKS / "lp2021.xlsx"), profile=profile)
    return Task.select().order_by(Task.id).first()


def test_evidence_attached_on_one_computer_opens_on_another(ctx, profile, tmp_path, engine):
    from gwdesk.core.tasks import tracking
    task = _task(profile)
    scan = tmp_path / "2026年第三季度政务公开工作总结.pdf"
    body = b"%PDF-1.4\n" + os.urandom(50_000)
    scan.write_bytes(body)
    ev = tracking.add_file(task.id, scan)
    rows = list(StoredFile.select())
    if engine == "sqlite":  # the data folder keeps it, as before; the table stays empty
        assert rows == [] and (paths.data_dir() / "evidence" / ev.value).read_bytes() == body
        return
    assert [(r.path, r.kind, r.owner, r.name, r.size) for r in rows] == [
        (f"evidence/{ev.value}", "佐证", f"task:{task.id}", scan.name, len(body))]
    assert not (paths.data_dir() / "evidence").exists()  # not in the data folder's own evidence/
    scan.unlink()
    with another_computer(tmp_path) as pc2:
        opened = tracking.evidence_file(ev)
        assert opened.is_relative_to(pc2) and opened.read_bytes() == body and tracking.verify_file(ev)
        opened.write_bytes(b"changed on this computer")  # a copy changed by hand is read again from the server
        assert tracking.evidence_file(ev).read_bytes() == body
    tracking.remove_evidence(ev.id)  # the last record pointing at it: the server keeps no orphan file
    assert StoredFile.select().count() == 0


def test_a_file_too_big_for_the_server_is_refused_by_name_and_nothing_is_kept(ctx, profile, tmp_path, engine,
                                                                             monkeypatch):
    from gwdesk.core.review import attachments
    from gwdesk.core.tasks import tracking
    from gwdesk.store.tasks_models import TaskEvidence
    monkeypatch.setattr(files, "MAX_BYTES", 200_000)
    task = _task(profile)
    big = tmp_path / "扫描件.pdf"
    big.write_bytes(os.urandom(300_000))
    if engine == "sqlite":  # the data folder has no such limit
        assert tracking.add_file(task.id, big).size == 300_000
        return
    with pytest.raises(ValidationFailed) as e:
        tracking.add_file(task.id, big)
    assert "“扫描件.pdf”" in e.value.message and "上限" in e.value.message and "未添加" in e.value.message
    with pytest.raises(ValidationFailed, match="扫描件.pdf"):
        attachments.attach(big)
    assert TaskEvidence.select().count() == 0 and StoredFile.select().count() == 0
    assert not any(p.is_file() for p in paths.files_root().rglob("*"))


def test_review_attachments_and_list_originals_travel_through_the_server(ctx, profile, tmp_path, engine):
    from gwdesk.core.review import attachments
    from gwdesk.core.tasks import originals
    task = _task(profile)
    post = tmp_path / "冬春救助政策问答.docx"
    post.write_bytes(b"PK\x03\x04 the post")
    entry = attachments.attach(post)
    original = tmp_path / "2026年政务公开任务清单.xlsx"
    original.write_bytes(b"PK\x03\x04 first version")
    originals.keep(task.list_id, original)
    original.write_bytes(b"PK\x03\x04 the revision")  # a revision's import replaces the kept file
    originals.keep(task.list_id, original)
    if engine == "sqlite":  # in the data folder, as before
        assert attachments.path_of(entry).is_relative_to(paths.data_dir() / "evidence") and attachments.intact(entry)
        assert originals.stored(task.list_id).read_bytes() == b"PK\x03\x04 the revision"
        return
    with another_computer(tmp_path):
        assert attachments.path_of(entry).read_bytes() == b"PK\x03\x04 the post" and attachments.intact(entry)
        assert originals.stored(task.list_id).read_bytes() == b"PK\x03\x04 the revision"
    assert StoredFile.select().where(StoredFile.owner == f"task_list:{task.list_id}").count() == 1


def test_the_custom_form_is_the_offices_for_every_clerk(ctx, tmp_path, engine, capsys):
    from gwdesk.core import formdef
    bundled = (paths.bundled_form("publication_review.toml")).read_text("utf-8")
    custom = tmp_path / "本县意见单.toml"
    custom.write_text(bundled.replace('name = "', 'name = "本县', 1), "utf-8")
    (paths.data_dir() / "forms").mkdir(exist_ok=True)
    (paths.data_dir() / "forms" / "publication_review.toml").write_text(custom.read_text("utf-8"), "utf-8")
    if engine == "postgresql":  # dropped into one clerk's data folder: not the office's form, and told so
        d = formdef.load()
        assert d.bundled and "不起作用" in d.notice and "gwdesk forms set" in d.notice
        (paths.data_dir() / "forms" / "publication_review.toml").unlink()
    else:  # SQLite: dropping it there is how it was always done
        assert not formdef.load().bundled
        (paths.data_dir() / "forms" / "publication_review.toml").unlink()
    assert cli.main(["forms", "set", str(custom)]) == 0
    assert "已启用自定义意见单“本县" in capsys.readouterr().out
    rebind(ctx.store)
    with another_computer(tmp_path):
        d = formdef.load()
        if engine == "postgresql":
            assert not d.bundled and d.name.startswith("本县")
        else:  # SQLite: the data folder's own copy, as before
            assert d.bundled
    assert not formdef.load().bundled
    broken = tmp_path / "坏的.toml"
    broken.write_text("name = \n", "utf-8")
    assert cli.main(["forms", "set", str(broken)]) == 2  # checked first: the form in use stays
    rebind(ctx.store)
    assert "坏的.toml" in capsys.readouterr().err and not formdef.load().bundled
    assert cli.main(["forms", "clear"]) == 0
    rebind(ctx.store)
    assert formdef.load().bundled and StoredFile.select().count() == 0


def test_only_an_administrator_changes_the_offices_form(ctx, tmp_path, engine):
    from gwdesk.core import custom_forms, users
    if engine == "sqlite":
        pytest.skip("SQLite 模式只有一位本机用户，可做全部操作")
    me = users.current()
    assert me.role == users.ADMIN
    users.set_role("zhangsan", users.ADMIN)  # another 管理员, so this login may become a 科员
    users.set_role(me.login, users.CLERK)
    custom = tmp_path / "x.toml"
    custom.write_text(paths.bundled_form("publication_review.toml").read_text("utf-8"), "utf-8")
    with pytest.raises(users.PermissionDenied, match="管理员"):
        custom_forms.install(custom)
    assert StoredFile.select().count() == 0


def test_a_path_from_a_foreign_row_never_writes_outside_the_cache(store, tmp_path, engine):
    if engine == "sqlite":
        pytest.skip("SQLite 模式不从数据库读文件")
    StoredFile.insert(path="evidence/../../逃逸.txt", kind="佐证", sha256="0" * 64, size=1, data=b"x",
                      created_at="2026-11-20T09:00:00").execute()
    with pytest.raises(StorageError, match="路径"):
        files.local("evidence/../../逃逸.txt")
    assert not list(tmp_path.rglob("逃逸.txt"))


def test_evidence_attached_before_files_moved_into_the_server_is_taken_in_when_opened(ctx, profile, tmp_path,
                                                                                       engine):
    from gwdesk.core.tasks import tracking
    from gwdesk.store.tasks_models import TaskEvidence
    if engine == "sqlite":
        pytest.skip("SQLite 模式的佐证一直在数据目录中")
    task = _task(profile)
    old = paths.data_dir() / "evidence" / "tasks" / str(task.id) / "abcdef123456_旧佐证.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.4 kept only on this computer")
    ev = TaskEvidence.create(task=task.id, kind="文件", value=f"tasks/{task.id}/{old.name}", original_name="旧佐证.pdf",
                             sha256=files.file_sha256(old), size=old.stat().st_size, added_at="2026-01-01T09:00:00")
    assert tracking.evidence_file(ev).read_bytes() == old.read_bytes()  # the clerk who has it opens it …
    with another_computer(tmp_path):  # … and from then on so does everyone
        assert tracking.evidence_file(ev).read_bytes() == b"%PDF-1.4 kept only on this computer"


def test_the_backup_carries_the_servers_files_and_restores_them(ctx, profile, tmp_path, engine, request):
    from gwdesk.core.tasks import tracking
    from gwdesk.store import snapshot
    if engine == "sqlite":
        pytest.skip("SQLite 模式的备份见 test_store_archive.py")
    task = _task(profile)
    scan = tmp_path / "公开栏照片.jpg"
    scan.write_bytes(os.urandom(70_000))
    ev = tracking.add_file(task.id, scan)
    custom = tmp_path / "x.toml"
    custom.write_text(paths.bundled_form("publication_review.toml").read_text("utf-8"), "utf-8")
    from gwdesk.core import custom_forms
    custom_forms.install(custom)
    for p in list(paths.files_root().rglob("*")):  # this computer's copies are not what is backed up
        if p.is_file():
            p.unlink()
    out = tmp_path / "移机.zip"
    snapshot.backup_shared(ctx.store.db, paths.data_dir(), paths.backup_dir(), out=out)
    made = snapshot.backup_shared(ctx.store.db, paths.data_dir(), paths.backup_dir())
    for archive_file in (out, made.path):
        manifest = archive.verify(archive_file)
        names = {f["path"] for f in manifest.files}
        assert {f"evidence/{ev.value}", "forms/publication_review.toml"} <= names
        with zipfile.ZipFile(archive_file) as zf:
            assert zf.read(f"evidence/{ev.value}") == scan.read_bytes()
    assert not list(paths.data_dir().glob(".shared-backup*"))
    from gwdesk.store import restore  # the same archive restores on a clerk's own computer (SQLite), files and all
    local = tmp_path / "单机" / "gwdesk.db"
    restore.restore(local, out, tmp_path / "单机" / "backups")
    assert (local.parent / "evidence" / ev.value).read_bytes() == scan.read_bytes()
    assert (local.parent / "forms" / "publication_review.toml").read_text("utf-8") == custom.read_text("utf-8")
    cluster = request.getfixturevalue("pg_cluster")
    empty = dburl.parse(cluster.create_database("files_restored_here"))
    ctx.store.close()
    s = open_store(empty)
    try:
        snapshot.restore_shared(s.db, out, paths.data_dir())
        with another_computer(tmp_path, "pc3"):
            from gwdesk.core import formdef
            from gwdesk.store.tasks_models import TaskEvidence
            again = TaskEvidence.get(TaskEvidence.value == ev.value)
            assert tracking.evidence_file(again).read_bytes() == scan.read_bytes()
            assert not formdef.load().bundled
            assert StoredFile.get(StoredFile.path == f"evidence/{ev.value}").name == scan.name
    finally:
        s.close()
    assert backup.list_backups(paths.backup_dir())[0].path == made.path


def test_an_archive_with_a_file_too_big_for_the_server_restores_nothing(ctx, profile, tmp_path, engine, request,
                                                                        monkeypatch):
    """移机 from a clerk's own data (evidence of any size) into a server: refused by name, the server left empty."""
    from gwdesk.core.tasks import tracking
    from gwdesk.store import snapshot
    if engine == "postgresql":
        pytest.skip("the archive here is a clerk's own SQLite data")
    task = _task(profile)
    big = tmp_path / "全年公开栏照片.zip"
    big.write_bytes(os.urandom(300_000))
    tracking.add_file(task.id, big)
    out = backup.export_to(ctx.store, tmp_path / "移机.zip")
    ctx.store.close()
    monkeypatch.setattr(files, "MAX_BYTES", 200_000)
    s = open_store(dburl.parse(request.getfixturevalue("pg_cluster").create_database("too_big_here")))
    try:
        with pytest.raises(ValidationFailed) as e:
            snapshot.restore_shared(s.db, out, paths.data_dir())
        assert "全年公开栏照片.zip" in e.value.message and "没有导入任何数据" in e.value.message
        assert snapshot.count_records(s.db) == 0 and files.count(s.db) == 0
    finally:
        s.close()
