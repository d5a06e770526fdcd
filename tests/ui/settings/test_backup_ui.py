"""The window's side of backups: the restore offer at start-up, the hourly/wake-up timer, the settings panel."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from gwdesk import paths
from gwdesk.store import backup, offsite
from gwdesk.store.db import open_store
from gwdesk.store.models import Setting

TODAY = dt.date(2026, 11, 20)
SHOTS = os.environ.get("GWDESK_SHOTS")  # set to a folder to keep screenshots (1366×768)


def _unit_with_backups(n=2):
    from gwdesk.core import demo, units
    s = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    try:
        units.save(demo.DEMO_PROFILE)
        Setting.set_value("marker", "真实数据")
        made = [backup.backup_now(s, paths.backup_dir(), "daily",
                                  when=dt.datetime.combine(TODAY - dt.timedelta(days=k), dt.time(8, 45)))
                for k in range(n)]
    finally:
        s.close()
    paths.db_path().write_bytes(b"")  # the database is gone: a 0-byte file is left
    for side in paths.db_path().parent.glob("gwdesk.db-*"):
        side.unlink()
    return made


def _shot(widget, name):
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / name))


def _drive(monkeypatch, button: str, confirm: bool = True, seen: list | None = None):
    """Answer the RestoreOfferDialog by clicking `button` instead of blocking in exec()."""
    from gwdesk.ui.common import alerts
    from gwdesk.ui.first_run import RestoreOfferDialog

    def fake_exec(self):
        self.resize(620, self.sizeHint().height())
        self.show()
        if seen is not None:
            seen.append(self.offer.text())
        _shot(self, "restore-offer.png")
        alerts.responder = lambda kind, title, text: confirm
        getattr(self, button).click()
        return self.result()
    monkeypatch.setattr(RestoreOfferDialog, "exec", fake_exec)


@pytest.mark.allow_log_warnings
def test_window_offers_the_newest_verified_backup_and_restores_it(data_dir, qtbot, monkeypatch, alerts_log):
    from gwdesk.app import offer_restore
    from gwdesk.core import units
    from gwdesk.session import open_session
    made = _unit_with_backups()
    seen = []
    _drive(monkeypatch, "restore_button", seen=seen)
    with open_session(daily_backup=False, today=lambda: TODAY, on_missing=offer_restore) as ctx:
        assert units.load().name == "青川县民政局" and ctx.profile() is not None  # no first-run dialog then
        assert Setting.get_value("marker") == "真实数据"
    assert "2026-11-20 08:45" in seen[0] and "每日自动备份" in seen[0]
    assert made[0].is_file()


@pytest.mark.allow_log_warnings
def test_start_empty_needs_an_explicit_confirmation(data_dir, qtbot, monkeypatch, alerts_log):
    from gwdesk.app import offer_restore
    from gwdesk.session import open_session
    from gwdesk.store.backup import DataMissing
    _unit_with_backups()
    _drive(monkeypatch, "empty_button", confirm=False)  # 从空白开始… then 否 at the confirmation
    with pytest.raises(DataMissing):
        with open_session(daily_backup=False, on_missing=offer_restore):
            pass
    assert alerts_log[-1][0] == "ask" and "空白的新单位" in alerts_log[-1][2]
    assert paths.db_path().stat().st_size == 0  # nothing was created

    _drive(monkeypatch, "empty_button", confirm=True)
    with open_session(daily_backup=False, on_missing=offer_restore) as ctx:
        assert ctx.profile() is None  # the first-run dialog comes next, as for a new unit
    assert len(backup.list_backups(paths.backup_dir())) == 2  # the real backups are all still there


def test_quit_at_the_offer_leaves_everything_as_it_was(data_dir, qtbot, monkeypatch, alerts_log):
    from gwdesk.app import offer_restore
    from gwdesk.session import open_session
    from gwdesk.store.backup import DataMissing
    _unit_with_backups()
    _drive(monkeypatch, "quit_button")
    with pytest.raises(DataMissing):
        with open_session(daily_backup=False, on_missing=offer_restore):
            pass
    assert paths.db_path().stat().st_size == 0


def test_restore_offer_dialog_fits_and_names_the_backup(data_dir, qtbot):
    from gwdesk.ui.first_run import RestoreOfferDialog
    _unit_with_backups()
    missing = backup.missing_data(paths.db_path(), paths.backup_dir(), TODAY)
    dlg = RestoreOfferDialog(missing)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.sizeHint().width() <= 1366 and dlg.sizeHint().height() <= 768
    assert "2026-11-20 08:45" in dlg.offer.text() and "已检查完好" in dlg.findChildren(type(dlg.offer))[1].text()
    dlg.restore_button.click()
    assert dlg.choice == "restore"


# ---- the timer -------------------------------------------------------------------------------

class _Clock:
    def __init__(self):
        self.wall, self.mono = 1_790_000_000.0, 1000.0

    def advance(self, seconds, slept=0.0):
        self.wall += seconds + slept  # asleep: the wall clock runs on, the monotonic clock stands still
        self.mono += seconds


def test_timer_backs_up_hourly_and_after_waking_up(ctx, profile, qtbot, alerts_log):
    from gwdesk.ui.settings.backup_timer import TICK_MS, BackupScheduler
    day = {"d": TODAY}
    ctx.today = lambda: day["d"]
    clock = _Clock()
    sched = BackupScheduler(ctx, None, wall=lambda: clock.wall, mono=lambda: clock.mono, threaded=False)
    assert sched.timer.interval() == TICK_MS
    made = []
    sched.ran.connect(made.append)

    clock.advance(60)
    assert sched.tick() is False  # a minute later: nothing to check
    clock.advance(3600)
    assert sched.tick() is True  # an hour: checked, and the day had no backup yet
    assert [o.path.name[:15] for o in made] == ["gwdesk-20261120"]
    clock.advance(3600)
    assert sched.tick() is True and len(made) == 1  # checked again, already done today

    day["d"] = TODAY + dt.timedelta(days=1)
    clock.advance(120, slept=9 * 3600)  # the lid was closed overnight: a wall-clock jump, checked at once
    assert sched.tick() is True
    assert made[-1].path.name.startswith("gwdesk-20261121") and len(made) == 2
    # the QTimer itself drives tick(): fire its timeout instead of waiting a minute
    day["d"] = TODAY + dt.timedelta(days=2)
    clock.advance(60, slept=3 * 3600)
    sched.timer.timeout.emit()
    assert made[-1].path.name.startswith("gwdesk-20261122")
    assert alerts_log == []


@pytest.mark.allow_log_warnings
def test_timer_backup_failure_is_told_once_and_shown_in_settings(ctx, profile, qtbot, alerts_log, monkeypatch):
    from gwdesk.store import archive
    from gwdesk.ui.main_window import MainWindow
    from gwdesk.ui.settings.backup_timer import BackupScheduler

    def full(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(archive, "write", full)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.open_section("settings")
    sched = BackupScheduler(ctx, w)
    assert sched.check() is None
    assert sched.check() is None
    warned = [a for a in alerts_log if a[1] == "自动备份失败"]
    assert len(warned) == 1 and "磁盘空间已满" in warned[0][2]
    panel = w.pages["settings"].backup_panel
    assert "最近一次备份失败" in panel.status.text() and "磁盘空间已满" in panel.status.text()
    monkeypatch.undo()
    assert sched.check() is not None
    assert "最近备份：" in panel.status.text()


def test_start_window_runs_the_timer_and_the_first_check_runs_in_a_thread(ctx, profile, qtbot, alerts_log):
    import threading
    from gwdesk.app import start_window
    w = start_window(ctx)
    qtbot.addWidget(w)
    sched = w.backup_scheduler
    assert sched.timer.isActive() and sched.parent() is w and sched.threaded
    seen = []
    sched.ran.connect(lambda o: seen.append((o, threading.current_thread() is threading.main_thread())))
    with qtbot.waitSignal(sched.ran, timeout=20000):  # run_gui starts this right after start_window
        assert sched.start_check() is True
        assert sched.start_check() is False or not sched.busy  # one at a time
    (outcome, on_main), = seen
    assert on_main  # the outcome is handled in the window's thread
    assert outcome.path.name.startswith("gwdesk-20261120-") and outcome.path.name.endswith("-daily.zip")
    assert "最近备份：" in w.backup_label.text() and "无" not in w.backup_label.text()
    assert alerts_log == [] or all(a[1] != "自动备份失败" for a in alerts_log)


# ---- the settings panel ----------------------------------------------------------------------

@pytest.mark.allow_log_warnings
def test_settings_panel_second_destination_backup_and_export(ctx, profile, qtbot, alerts_log, tmp_path):
    from gwdesk.ui.main_window import MainWindow
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.open_section("settings")
    panel = w.pages["settings"].backup_panel
    assert "未设置" in panel.dest_label.text() and not panel.clear_dest_button.isEnabled()
    usb = tmp_path / "U盘"
    usb.mkdir()
    panel.set_destination(usb)  # answers 是 to "现在就备份一次"
    assert offsite.destination(paths.backup_dir()) == usb
    (copied,) = backup.list_backups(usb)
    assert "已同时复制到第二备份位置" in alerts_log[-1][2]
    assert "最近一次复制到第二备份位置的备份：" in panel.dest_status.text()
    assert copied.when.strftime("%Y-%m-%d %H:%M") in panel.dest_status.text()

    usb.rename(tmp_path / "拔下了")
    panel.backup_now()
    assert alerts_log[-1][0] == "info" and "现在不可用" in alerts_log[-1][2]  # a plain message, not an error
    assert "现在不可用" in panel.dest_status.text()
    assert panel.model.rowCount() == 2 and panel.model.rows()[0].contents == "数据库"
    w.show()
    page = w.pages["settings"]
    page.scroll_area.ensureWidgetVisible(panel)
    assert page.scroll_area.horizontalScrollBar().maximum() == 0  # nothing cut off at 1366 wide
    _shot(w, "backup-settings.png")

    panel.export_to(tmp_path / "移机" / "全部数据")
    assert alerts_log[-1][1] == "导出完成"
    assert backup.verify_backup(tmp_path / "移机" / "全部数据.zip") > 0


def test_settings_panel_restores_an_archive_with_evidence(ctx, profile, qtbot, alerts_log, tmp_path):
    from gwdesk.ui.main_window import MainWindow
    ev = paths.evidence_dir() / "tasks" / "1" / "abc_通知.pdf"
    ev.parent.mkdir(parents=True)
    ev.write_bytes(b"%PDF-1.4 evidence")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.open_section("settings")
    page = w.pages["settings"]
    page.backup_now()
    ev.unlink()
    Setting.set_value("marker", "after")
    page.restore(page.model.rows()[0].path)
    assert ev.read_bytes() == b"%PDF-1.4 evidence"
    assert Setting.get_value("marker") is None
    assert alerts_log[-1][2].startswith("已恢复备份")


def test_first_start_on_a_new_computer_opens_the_exported_file(ctx, qtbot, alerts_log, tmp_path, monkeypatch):
    """移机 in the window: the old computer's 导出全部数据 file, chosen in the first-run dialog."""
    from gwdesk.app import start_window
    from gwdesk.core import demo, units
    from gwdesk.ui.first_run import FirstRunDialog
    from gwdesk.ui.common import files

    old = tmp_path / "旧电脑"
    s_old = open_store(old / "gwdesk.db")
    units.save(demo.DEMO_PROFILE)
    Setting.set_value("marker", "旧电脑上的数据")
    s_old.close()
    (old / "evidence" / "tasks" / "3").mkdir(parents=True)
    (old / "evidence" / "tasks" / "3" / "ab12_公开目录.pdf").write_bytes(b"%PDF-1.4 old computer")
    exported = backup.export_to(old / "gwdesk.db", tmp_path / "U盘" / "全部数据")
    ctx.store = open_store(paths.db_path(), backup_dir=paths.backup_dir())  # this computer: a fresh store

    junk = tmp_path / "随便一个文件.zip"
    junk.write_bytes(b"PK\x03\x04 not really")
    picks = iter([str(junk), str(exported)])
    monkeypatch.setattr(files, "responder", lambda op, kind, title, start: next(picks))

    def fake_exec(self):
        self.show()
        self.restore_button.click()  # the junk: refused inside the dialog, which stays open
        assert self.restore_file is None and "不能用来恢复" in self.error.text()
        self.restore_button.click()
        return self.result()
    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)
    w = start_window(ctx)
    qtbot.addWidget(w)
    assert units.load().name == demo.DEMO_PROFILE.name and Setting.get_value("marker") == "旧电脑上的数据"
    assert (paths.evidence_dir() / "tasks" / "3" / "ab12_公开目录.pdf").read_bytes() == b"%PDF-1.4 old computer"
    assert "青川县民政局" in w.windowTitle()
    assert [b.reason for b in backup.list_backups(paths.backup_dir())] == []  # nothing of this computer's to keep
