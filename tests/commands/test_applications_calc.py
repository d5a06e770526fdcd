"""`gwdesk calc due` and `gwdesk calc fee`."""

import datetime as dt

from applications_support import actx  # noqa: F401
from gwdesk import cli
from gwdesk.core import workdays


def run(capsys, *argv):
    rc = cli.main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_due_spec_example(capsys):
    rc, out, _ = run(capsys, "calc", "due", "--received", "2025-09-26")
    assert rc == 0
    assert "到期日：2025-10-30（星期四）" in out and "注意" not in out


def test_due_with_extension_and_pause(capsys):
    rc, out, _ = run(capsys, "calc", "due", "--received", "2026-07-01", "--extension", "20", "--paused", "5")
    assert "= 45个工作日" in out and "到期日：2026-09-02（星期三）" in out


def test_due_beyond_calendar_skips_the_law_s_holidays_and_warns(capsys):
    rc, out, _ = run(capsys, "calc", "due", "--received", "2026-12-18")
    assert rc == 0 and "到期日：2027-01-18" in out  # 元旦 2027-01-01 off by law
    assert "注意：2027年" in out and "周一至周五" in out and "调休" in out
    rc, out, _ = run(capsys, "calc", "due", "--received", "2026-12-04")
    assert "到期日：2027-01-04" in out
    rc, out, _ = run(capsys, "calc", "due", "--received", "2026-12-14", "--extension", "20")
    assert "到期日：2027-02-11" in out  # not 02-08 (正月初三)


def test_due_uses_the_users_holiday_table(actx, capsys):
    workdays.set_holiday(dt.date(2027, 1, 4), "休", "本地调整")
    rc, out, _ = run(capsys, "calc", "due", "--received", "2026-12-18")
    assert "到期日：2027-01-19" in out and "注意：2027年" in out  # one typed date: still warned
    workdays.mark_complete(2027)
    rc, out, _ = run(capsys, "calc", "due", "--received", "2026-12-18")
    assert "到期日：2027-01-19" in out and "注意" not in out


def test_due_bad_input(capsys):
    rc, _, err = run(capsys, "calc", "due", "--received", "2025/9/26x")
    assert rc == 2 and "无法识别" in err
    rc, _, err = run(capsys, "calc", "due", "--received", "2025-09-26", "--extension", "21")
    assert rc == 2 and "20个工作日" in err


def test_fee_items_and_pages(capsys):
    rc, out, _ = run(capsys, "calc", "fee", "--items", "35")
    assert "第31–40件：200元/件 × 5件 = 1000元" in out and out.strip().endswith("合计：3000元")
    rc, out, _ = run(capsys, "calc", "fee", "--items", "2", "--already", "10")
    assert "本次为第11–12件" in out and "合计：200元" in out
    rc, out, _ = run(capsys, "calc", "fee", "--pages", "201")
    assert "第201页起：40元/页 × 1页 = 40元" in out and "合计：2740元" in out
