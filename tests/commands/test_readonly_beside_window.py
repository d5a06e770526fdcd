"""Issue 26.15: commands that only read — tasks overview, tasks export, tasks progress, review registers — work
while a window holds the data folder (they read the database read-only, without the lock); calc due reads
full-width digits and 2026/12/01."""

from __future__ import annotations

from locations import TESTS

from pathlib import Path

import pytest

from gwdesk import cli
from gwdesk.store.lock import InstanceLock

F = TESTS / "fixtures" / "tasks"


@pytest.fixture
def held(tmp_path):
    data = tmp_path / "d"
    assert cli.main(["--data-dir", str(data), "tasks", "import", str(F / "lp2021.xlsx"), "--unit", "区民政局"]) == 0
    lock = InstanceLock(data).acquire()  # the window
    yield data
    lock.release()


def test_read_only_commands_work_beside_the_window(held, tmp_path, capsys):
    capsys.readouterr()
    d = str(held)
    assert cli.main(["--data-dir", d, "tasks", "overview"]) == 0
    assert "本单位任务" in capsys.readouterr().out
    assert cli.main(["--data-dir", d, "tasks", "export", str(tmp_path / "台账.xlsx")]) == 0
    assert (tmp_path / "台账.xlsx").stat().st_size > 1000
    assert cli.main(["--data-dir", d, "tasks", "progress", "--out", str(tmp_path / "p.json"),
                     "--as-of", "2021-12-31"]) in (0, 2)
    err = capsys.readouterr().err
    assert "正被另一个" not in err
    assert cli.main(["--data-dir", d, "review", "registers", "--year", "2026", "--out", str(tmp_path / "r.xlsx")]) == 0
    # a command that writes is still refused while the window is open
    assert cli.main(["--data-dir", d, "tasks", "import", str(F / "lp2021_revised.xlsx")]) == 2
    assert "正被另一个 gwdesk 窗口使用" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["２０２６－１２－０１", "2026/12/01", "2026年12月1日", "2026.12.1"])
def test_calc_due_reads_the_ways_dates_are_written(text, capsys):
    assert cli.main(["calc", "due", "--received", text]) == 0
    assert "收到日期：2026-12-01" in capsys.readouterr().out


def test_calc_due_refuses_a_date_that_does_not_exist(capsys):
    assert cli.main(["calc", "due", "--received", "2024-02-30"]) == 2
    assert "不存在" in capsys.readouterr().err
