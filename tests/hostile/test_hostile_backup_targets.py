"""Issue 26.6: a backup aimed inside the data folder is refused (it would pack itself until the disk is full),
a second destination inside it is refused or, set before, no longer copied to, and a file being written is
never added to an archive."""

from __future__ import annotations

import datetime as dt
import zipfile

from gwdesk import paths
from gwdesk.store import backup, offsite
from gwdesk.store.models import Setting


def _cli(*argv) -> int:
    from gwdesk.cli import main
    return main(list(argv))


def test_export_inside_the_data_folder_is_refused(ctx, profile, capsys):
    data = paths.data_dir()
    (data / "evidence").mkdir(exist_ok=True)
    (data / "evidence" / "a.pdf").write_bytes(b"%PDF" * 1000)
    ctx.store.close()
    for target in (data / "evidence" / "x.zip", data / "导出.zip", data / "forms" / ".." / "y.zip"):
        assert _cli("--data-dir", str(data), "backup", "--out", str(target)) == 2
        err = capsys.readouterr().err
        assert "位于数据目录" in err and "磁盘写满" in err
        assert not target.exists() and not list(data.rglob("*.zip.tmp"))
    out = data.parent / "移机.zip"
    assert _cli("--data-dir", str(data), "backup", "--out", str(out)) == 0
    with zipfile.ZipFile(out) as zf:
        assert "evidence/a.pdf" in zf.namelist()


def test_second_destination_inside_the_data_folder(ctx, profile, qtbot, alerts_log):
    from gwdesk.ui.main_window import MainWindow
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.open_section("settings")
    page = w.pages["settings"]
    evidence = paths.evidence_dir()
    page.backup_panel.set_destination(evidence)
    assert alerts_log[-1][0] == "warn" and "位于数据目录" in alerts_log[-1][2]
    assert offsite.destination(paths.backup_dir()) is None
    # set by an older version: no longer copied to, and said so; backups do not grow
    offsite.set_destination(paths.backup_dir(), evidence)
    Setting.set_value("x", "1")
    sizes = []
    for i in range(3):
        made = backup.backup_now(ctx.store, paths.backup_dir(), "manual",
                                 when=dt.datetime(2026, 11, 20, 9, i))
        sizes.append(made.stat().st_size)
        note = offsite.send(made, paths.backup_dir(), dt.datetime(2026, 11, 20, 9, i))
        assert "位于数据目录之内" in note
    assert not list(evidence.glob("*.zip")) and max(sizes) - min(sizes) < 1024


def test_files_being_written_are_not_archived(ctx, profile, tmp_path):
    ev = paths.evidence_dir() / "tasks" / "1"
    ev.mkdir(parents=True)
    (ev / "abc_通知.pdf").write_bytes(b"%PDF done")
    (ev / "def_扫描件.pdf.part").write_bytes(b"%PDF half")  # an attachment being copied
    work = paths.evidence_dir() / ".x.zip.tmp"  # an older build's export in progress inside evidence/
    work.mkdir()
    (work / "archive.zip").write_bytes(b"PK growing")
    made = backup.backup_now(ctx.store, paths.backup_dir(), "manual")
    with zipfile.ZipFile(made) as zf:
        names = zf.namelist()
    assert "evidence/tasks/1/abc_通知.pdf" in names
    assert not [n for n in names if n.endswith(".part") or ".tmp" in n]
