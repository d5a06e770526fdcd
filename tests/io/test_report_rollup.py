"""Roll-up: many units' JSON → missing/late/duplicate/unreadable flags, findings per unit, sums, safe xlsx."""

import datetime as dt
import json
import os

import openpyxl
import pytest
from report_helpers import fixture_dict

from gwdesk.io import report_rollup as rollup
from gwdesk.errors import GwdeskError


def _write(folder, name, obj, day=None):
    """The file dated `day` inside; its modification time is set far later (a fresh copy) to prove it is ignored."""
    p = folder / name
    if day:
        obj = dict(obj, as_of=day.isoformat())
    p.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    t = dt.datetime(2027, 11, 30, 10).timestamp()
    os.utime(p, (t, t))
    return p


ON_TIME = dt.date(2026, 1, 20)


@pytest.fixture
def area(tmp_path):
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    on_time = ON_TIME
    a = fixture_dict()
    _write(folder, "01_民政局.json", a, on_time)
    b = fixture_dict()
    b["unit"] = "青川县乔庄镇人民政府"
    b["table2"]["rules"] = {"issued": 1, "repealed": 0, "in_force": 3}  # a 乡镇 cannot make 规章
    b["table3"]["3.1"] = [7, 1, 0, 0, 0, 0, 8]  # the typed 3.7 no longer adds up (R3)
    _write(folder, "02_乔庄镇.json", b, dt.date(2026, 2, 3))  # 3 days late
    c = fixture_dict("published_lenient.json")
    c["unit"] = "=HYPERLINK(\"http://x\")"
    _write(folder, "03_published.json", c, on_time)
    (folder / "04_broken.json").write_text("{", encoding="utf-8")
    _write(folder, "00_earlier.json", a, dt.date(2026, 1, 10))  # sent twice: the later as_of wins
    _write(folder, "05_again.json", a, dt.date(2026, 1, 25))
    old = fixture_dict("qc_minzheng_2024.json")
    old["unit"] = "青川县教育局"
    _write(folder, "06_old.json", old, on_time)
    (folder / "notes.txt").write_text("not a report", encoding="utf-8")
    expected = tmp_path / "应报单位.txt"
    expected.write_text("青川县民政局\t县级部门\n青川县乔庄镇人民政府\t乡镇\n青川县卫生健康局,县级部门\n# comment\n",
                        encoding="utf-8")
    return folder, rollup.read_expected(expected)


def test_collect_flags_and_findings(area):
    folder, expected = area
    r = rollup.collect([folder], expected=expected)
    assert r.year == 2025 and r.deadline == dt.date(2026, 1, 31)
    by_file = {e.file: e for e in r.entries if e.file}
    assert by_file["05_again.json"].status == "已报送" and by_file["05_again.json"].findings == []
    b = by_file["02_乔庄镇.json"]
    assert b.days_late == 3 and r.late == ["青川县乔庄镇人民政府"]
    assert {f.rule for f in b.findings} == {"R9", "R3"}
    assert any("乡镇" in f.message for f in b.findings if f.rule == "R9")
    assert by_file["03_published.json"].warnings == 10  # lenient reads listed as findings
    assert by_file["04_broken.json"].status == "无法读取" and "JSON" in by_file["04_broken.json"].problem
    assert by_file["05_again.json"].received == dt.date(2026, 1, 25) and by_file["05_again.json"].days_late == 0
    for older in ("00_earlier.json", "01_民政局.json"):  # the later as_of wins, whatever the file names
        assert by_file[older].status == "重复报送" and "05_again.json" in by_file[older].problem
    assert by_file["06_old.json"].status == "年份不符"
    assert r.missing == ["青川县卫生健康局"]
    assert r.units_in_totals == 3


def test_sums(area):
    folder, expected = area
    r = rollup.collect([folder], expected=expected)
    one = fixture_dict()["table3"]
    # 民政局 + 乔庄镇 (3.1 changed) + published copy of the same figures
    assert r.totals.table3["1"] == [3 * v for v in one["1"]]
    assert r.totals.table3["3.1"] == [6 * 2 + 7, 1 * 2 + 1, 0, 0, 0, 0, 7 * 2 + 8]
    assert r.totals.t2("licensing", "decisions") == 42 * 2 + 0  # published one read "/" as 0
    assert r.totals.t2("normative_docs", "in_force") == 54
    assert r.totals.table4["review"] == [3, 0, 0, 0, 3]


def test_xlsx_export_is_formula_safe_and_has_no_texts(area, tmp_path):
    folder, expected = area
    r = rollup.collect([folder], expected=expected)
    out = rollup.export_xlsx(r, tmp_path / "汇总.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["报送情况", "问题明细", "表二汇总", "表三汇总", "表四汇总"]
    cells = [c.value for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    strings = [v for v in cells if isinstance(v, str)]
    assert not any(s.startswith(("=", "+", "-", "@")) for s in strings)
    assert "'=HYPERLINK(\"http://x\")" in strings
    assert not any("青川县民政局坚持" in s for s in strings)  # narrative never leaves the unit
    status = {row[1]: row for row in wb["报送情况"].iter_rows(min_row=3, values_only=True)}
    assert status["青川县卫生健康局"][3] == "未报送"
    assert status["青川县乔庄镇人民政府"][5] == 3
    t3 = {row[0]: row for row in wb["表三汇总"].iter_rows(min_row=3, values_only=True)}
    assert t3["1"][2:] == tuple(3 * v for v in fixture_dict()["table3"]["1"])


def test_nothing_to_roll_up(tmp_path):
    with pytest.raises(GwdeskError, match="没有可汇总"):
        rollup.collect([tmp_path])
    with pytest.raises(GwdeskError, match="找不到"):
        rollup.collect([tmp_path / "nope"])


def test_as_of_round_trips_and_a_bad_one_is_named(tmp_path):
    from gwdesk.io import report_json
    data, _ = report_json.loads(json.dumps(fixture_dict(), ensure_ascii=False))
    assert data.as_of is None and "as_of" not in report_json.to_dict(data)  # older files carry none
    out = report_json.write(data, tmp_path / "r.json", as_of=dt.date(2026, 1, 20))
    back, _ = report_json.read(out)
    assert back.as_of == dt.date(2026, 1, 20) and data.as_of is None  # the caller's data is not changed
    _write(tmp_path, "bad.json", dict(fixture_dict(), as_of="2026/01/20"))
    r = rollup.collect([tmp_path / "bad.json", out])
    bad = next(e for e in r.entries if e.file == "bad.json")
    assert bad.status == "无法读取" and "as_of" in bad.problem


def test_undated_file_is_never_late_by_its_copy_time(tmp_path):
    _write(tmp_path, "old.json", fixture_dict())  # no as_of; copied "today" (mtime 2027)
    (e,) = rollup.collect([tmp_path]).entries
    assert e.status == "已报送" and e.days_late == 0 and e.received is None and "as_of" in e.problem
