"""A computer date that is wrong: behind (a dead CMOS battery starts the workstation in 2000) or far ahead
(2036). Told at start with both dates (window and commands), the last-seen mark never dragged along, and
no backup deleted because of it; the day's backup still made after each such restart."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gwdesk import paths
from gwdesk.store import backup, clock
from gwdesk.store.db import open_store
from gwdesk.store.models import Setting

pytestmark = pytest.mark.both_engines("slow")  # SQLite every day; PostgreSQL in CI's slow stage

D = dt.date
REAL = D(2026, 11, 20)  # the last day this unit was used with a right clock
CMOS = D(2000, 1, 1)  # where a workstation with a dead battery starts
AHEAD = D(2036, 3, 1)


# ---- the check and the mark ----------------------------------------------------------------------
def test_check_allows_a_day_either_way_and_a_year_of_absence():
    assert clock.check(REAL, None) is None  # nothing seen yet
    assert clock.check(REAL, REAL) is None
    assert clock.check(REAL - dt.timedelta(days=1), REAL) is None  # midnight, time zones
    assert clock.check(REAL + dt.timedelta(days=300), REAL) is None  # back after a long leave
    behind = clock.check(REAL - dt.timedelta(days=2), REAL)
    assert behind.kind == "behind"
    assert clock.check(CMOS, REAL).kind == "behind"
    assert clock.check(AHEAD, REAL).kind == "ahead"


def test_the_message_names_both_dates_and_what_goes_wrong():
    text = clock.check(CMOS, REAL).message
    assert "2000-01-01" in text and "2026-11-20" in text
    assert "系统日期（2000-01-01）早于上次使用日期（2026-11-20）" in text
    assert "请校正计算机时间，否则法定期限计算有误" in text
    ahead = clock.check(AHEAD, REAL).message
    assert "2036-03-01" in ahead and "2026-11-20" in ahead and "法定期限计算有误" in ahead


@pytest.mark.allow_log_warnings
def test_observe_moves_the_mark_forward_only_with_a_believable_today(tmp_path):
    assert clock.observe(tmp_path, REAL) is None
    assert clock.read_mark(tmp_path) == REAL
    assert clock.observe(tmp_path, REAL + dt.timedelta(days=3)) is None
    assert clock.read_mark(tmp_path) == REAL + dt.timedelta(days=3)
    seen = REAL + dt.timedelta(days=3)
    p = clock.observe(tmp_path, CMOS)
    assert (p.kind, p.today, p.seen) == ("behind", CMOS, seen)
    assert clock.read_mark(tmp_path) == seen  # never moved backwards
    assert clock.observe(tmp_path, AHEAD).kind == "ahead"
    assert clock.read_mark(tmp_path) == seen  # nor leapt years ahead
    assert clock.observe(tmp_path, seen - dt.timedelta(days=1)) is None
    assert clock.read_mark(tmp_path) == seen  # a day behind is fine, but the mark stays where it was


@pytest.mark.allow_log_warnings
def test_the_clerk_can_confirm_the_computers_date(tmp_path):
    clock.observe(tmp_path, AHEAD + dt.timedelta(days=400))  # once confirmed years ahead, by mistake…
    clock.confirm(tmp_path, AHEAD)
    assert clock.observe(tmp_path, REAL).kind == "behind"  # …the right date now looks behind
    clock.confirm(tmp_path, REAL)  # 计算机日期无误
    assert clock.read_mark(tmp_path) == REAL and clock.observe(tmp_path, REAL) is None


@pytest.mark.allow_log_warnings
def test_without_a_mark_the_newest_backup_or_record_stands_in(tmp_path, store):
    assert clock.last_seen(tmp_path, REAL) == REAL
    from gwdesk.core import demo, units
    units.save(demo.DEMO_PROFILE)  # a record saved now (the real clock of this test run)
    newest = clock.newest_record_day(store.db)
    assert newest == dt.date.today()
    assert clock.last_seen(tmp_path, None, store.db) == newest
    assert clock.observe(tmp_path, CMOS, REAL, store.db).seen == max(REAL, newest)
    assert clock.read_mark(tmp_path) == max(REAL, newest)  # kept for the backups' rotation


@pytest.mark.allow_log_warnings
def test_a_workspace_moved_to_a_computer_with_a_wrong_clock(tmp_path, store):
    """The first start on the new computer marked its date (2000); the restored records are newer."""
    from gwdesk.core import demo, units
    clock.observe(tmp_path, CMOS)
    units.save(demo.DEMO_PROFILE)  # stands for the records the 移机 file brought (saved today, really)
    saved = clock.newest_record_day(store.db)
    p = clock.observe(tmp_path, CMOS, None, store.db)
    assert (p.kind, p.seen) == ("behind", saved)
    assert clock.read_mark(tmp_path) == saved  # moved forward to what the data has seen, for the rotation
    clock.confirm(tmp_path, CMOS, store.db)  # the clerk insists: those records no longer count…
    assert clock.observe(tmp_path, CMOS, None, store.db) is None
    store.db.execute_sql("UPDATE unit_profile SET updated_at = '2099-01-01T08:00:00'")
    assert clock.observe(tmp_path, CMOS, None, store.db).seen == D(2099, 1, 1)  # …but newer ones do


def test_a_damaged_mark_is_no_mark(tmp_path):
    (tmp_path / clock.MARK_NAME).write_text("{not json", encoding="utf-8")
    assert clock.read_mark(tmp_path) is None
    assert clock.observe(tmp_path, REAL) is None and clock.read_mark(tmp_path) == REAL


# ---- start-up: commands and the window ----------------------------------------------------------
@pytest.mark.allow_log_warnings
def test_session_tells_a_clock_behind_and_keeps_the_mark(data_dir, capsys):
    from gwdesk.session import open_session
    with open_session(daily_backup=False, today=lambda: REAL) as ctx:
        assert ctx.clock_problem is None
    with open_session(daily_backup=False, today=lambda: CMOS) as ctx:
        assert ctx.clock_problem.kind == "behind"
    err = capsys.readouterr().err
    assert "系统日期（2000-01-01）早于上次使用日期（2026-11-20）" in err
    assert clock.read_mark(data_dir) == REAL


@pytest.mark.allow_log_warnings
def test_a_deadline_command_warns_on_stderr_and_still_works(data_dir, capsys):
    """`gwdesk tasks overview` with the computer's real date while the data was last used a year later."""
    from gwdesk.cli import main
    today = dt.date.today()
    later = today + dt.timedelta(days=400)
    assert main(["tasks", "overview"]) == 0
    assert "早于上次使用日期" not in capsys.readouterr().err
    (data_dir / clock.MARK_NAME).write_text(json.dumps({"last_seen": later.isoformat()}), encoding="utf-8")
    assert main(["tasks", "overview"]) == 0
    err = capsys.readouterr().err
    assert f"系统日期（{today:%Y-%m-%d}）早于上次使用日期（{later:%Y-%m-%d}）" in err
    assert clock.read_mark(data_dir) == later


@pytest.mark.allow_log_warnings
def test_window_warns_and_keeps_a_red_notice_until_the_date_is_confirmed(ctx, profile, qtbot, alerts_log):
    """ctx.today() is 2026-11-20; the data was last used on 2026-11-25."""
    from gwdesk.app import start_window
    from gwdesk.ui import clock_warning
    from gwdesk.ui.common import alerts
    (ctx.data_dir / clock.MARK_NAME).write_text(json.dumps({"last_seen": "2026-11-25"}), encoding="utf-8")
    ctx.clock_problem = clock.check(ctx.today(), D(2026, 11, 25))
    w = start_window(ctx)
    qtbot.addWidget(w)
    w.backup_scheduler.timer.stop()
    _, title, text = next(a for a in alerts_log if a[0] == "clock")
    assert title == "计算机日期可能有误" and "系统日期（2026-11-20）早于上次使用日期（2026-11-25）" in text
    assert clock.read_mark(ctx.data_dir) == D(2026, 11, 25)  # 稍后校正 (the default) changes nothing
    assert w.clock_label.isVisibleTo(w) and "2026-11-20" in w.clock_label.text()
    w.close()
    alerts.responder = lambda kind, title, text: clock_warning.CONFIRM if kind == "clock" else True
    again = start_window(ctx)
    qtbot.addWidget(again)
    again.backup_scheduler.timer.stop()
    assert clock.read_mark(ctx.data_dir) == ctx.today()
    assert not again.clock_label.isVisibleTo(again)


def test_no_warning_when_the_date_is_right(ctx, profile, qtbot, alerts_log):
    from gwdesk.app import start_window
    w = start_window(ctx)
    qtbot.addWidget(w)
    w.backup_scheduler.timer.stop()
    assert not [a for a in alerts_log if a[0] == "clock"] and not w.clock_label.isVisibleTo(w)


def test_the_warning_dialog_fits_and_reads(qtbot, monkeypatch, tmp_path):
    """The real box (exec patched): a warning icon, both dates, 稍后校正 as the default and Esc."""
    from PySide6.QtWidgets import QMessageBox
    from gwdesk.ui import clock_warning
    from gwdesk.ui.common import alerts
    monkeypatch.setattr(alerts, "responder", None)
    shown = {}

    def fake_exec(box):
        box.show()  # QMessageBox wraps a long text to the screen when shown
        shown["text"] = box.text() + box.informativeText()
        shown["default"] = box.defaultButton().text()
        shown["size"] = box.frameGeometry().size()
        shown["icon"] = box.icon()
        box.grab().save(str(tmp_path / "clock-warning.png"))
        box.hide()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    answer = clock_warning.ask(None, clock.check(CMOS, REAL))
    assert "2000-01-01" in shown["text"] and "2026-11-20" in shown["text"]
    assert shown["default"] == "我知道了，稍后校正" and answer == clock_warning.LATER
    assert shown["size"].width() <= 1366 and shown["size"].height() <= 768
    assert shown["icon"] == QMessageBox.Warning


# ---- backups under a wrong clock ------------------------------------------------------------------
def _unit(tmp_path):
    src = tmp_path / "data" / "gwdesk.db"
    src.parent.mkdir()
    s = open_store(src)
    Setting.set_value("x", 1)
    return s, tmp_path / "data" / "backups"


def _sixty_real_dailies_and_specials(s, bdir) -> set[Path]:
    made = set()
    for n in range(60):
        made.add(backup.backup_now(s, bdir, "daily", when=dt.datetime.combine(REAL - dt.timedelta(days=n), dt.time(9))))
    made.add(backup.backup_now(s, bdir, "before-migrate-v3", when=dt.datetime(2026, 3, 2, 8)))
    made.add(backup.backup_now(s, bdir, "before-restore", when=dt.datetime(2026, 6, 1, 8)))
    return made


@pytest.mark.allow_log_warnings
@pytest.mark.parametrize("marked", [True, False], ids=["marked", "first-start-with-this-version"])
@pytest.mark.parametrize("wrong", [CMOS, AHEAD], ids=["behind", "ahead"])
def test_a_wrong_clock_deletes_no_backup(tmp_path, wrong, marked):
    """With the mark, or without one (the newest backup's recorded date stands in)."""
    s, bdir = _unit(tmp_path)
    try:
        made = _sixty_real_dailies_and_specials(s, bdir)
        if marked:
            clock.observe(s.path.parent, REAL)  # the data was last used on REAL
        before = set(bdir.iterdir())
        out = backup.run(s, bdir, "daily", when=dt.datetime.combine(wrong, dt.time(7)), today=wrong)
        after = set(bdir.iterdir())
        assert before <= after and made <= after  # nothing deleted: 60 dailies, the migration and restore copies
        assert out.path in after and backup.read_info(out.path).when.date() == wrong
    finally:
        s.close()


@pytest.mark.allow_log_warnings
def test_with_the_clock_right_again_rotation_resumes(tmp_path):
    s, bdir = _unit(tmp_path)
    try:
        _sixty_real_dailies_and_specials(s, bdir)
        clock.observe(s.path.parent, REAL)
        backup.run(s, bdir, "daily", when=dt.datetime.combine(CMOS, dt.time(7)), today=CMOS)
        backup.run(s, bdir, "daily", when=dt.datetime.combine(REAL, dt.time(18)), today=REAL)
        kept = backup.list_backups(bdir)
        real_dailies = [b for b in kept if b.reason == "daily" and b.when.year == 2026]
        assert len(real_dailies) < 60  # rotated as usual: the 30 newest and each month's newest
        assert any(b.when.date() == CMOS for b in kept)  # the one made in "2000" is its month's newest
    finally:
        s.close()


def test_rotation_by_a_clock_years_behind_keeps_everything_the_right_clock_keeps(tmp_path):
    """Called directly with `today` in 2000, the rotation goes by each backup's recorded time: every
    backup dated after "today" counts as made under a wrong clock, so it keeps a superset."""
    s, bdir = _unit(tmp_path)
    try:
        _sixty_real_dailies_and_specials(s, bdir)
        backups = backup.list_backups(bdir)
        assert backup.rotation_keeps(backups, REAL) <= backup.rotation_keeps(backups, CMOS)
    finally:
        s.close()


@pytest.mark.allow_log_warnings
def test_each_restart_at_the_same_wrong_date_still_gets_its_backup(tmp_path):
    """A dead battery restarts the computer at 2000-01-01 00:00 every morning: yesterday's backup, made
    later in the "same" day, must not count as today's."""
    s, bdir = _unit(tmp_path)
    try:
        clock.observe(s.path.parent, REAL)
        backup.backup_now(s, bdir, "daily", when=dt.datetime.combine(CMOS, dt.time(23, 59, 59)))
        made = backup.daily_backup_if_needed(s, today=CMOS, backup_dir=bdir)
        assert made is not None and backup.read_info(made).when < dt.datetime.combine(CMOS, dt.time(23, 59, 59))
        assert backup.daily_backup_if_needed(s, today=CMOS, backup_dir=bdir) is None  # once per restart
    finally:
        s.close()


def test_the_window_session_marks_before_its_first_backup(data_dir):
    """open_session writes the mark before the day's backup, so the rotation it runs is judged right."""
    from gwdesk.session import open_session
    with open_session(today=lambda: REAL):
        pass
    assert clock.read_mark(data_dir) == REAL
    assert backup.newest_day(paths.backup_dir()) in (REAL, None)


def test_office_rollup_without_the_lock_warns_from_the_mark(data_dir, tmp_path, capsys):
    """`gwdesk office rollup` judges lateness from today without opening the data folder for writing."""
    from gwdesk.cli import main
    later = dt.date.today() + dt.timedelta(days=30)
    (data_dir / clock.MARK_NAME).write_text(json.dumps({"last_seen": later.isoformat()}), encoding="utf-8")
    before = (data_dir / clock.MARK_NAME).read_bytes()
    main(["office", "rollup", str(tmp_path / "none"), "--out", str(tmp_path / "out.xlsx")])  # no inputs: refused
    assert f"早于上次使用日期（{later:%Y-%m-%d}）" in capsys.readouterr().err
    assert (data_dir / clock.MARK_NAME).read_bytes() == before
