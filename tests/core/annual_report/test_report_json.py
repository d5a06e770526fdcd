"""gwdesk.annual-report/1 JSON: strict rejects naming the key, lenient reads as 0 with findings, round-trips."""

import json
from decimal import Decimal

import pytest
from report_helpers import FIX, fixture_dict

from gwdesk.core.annual_report.spec import ReportData
from gwdesk.errors import ImportRejected
from gwdesk.io import report_json as rj


def _loads(obj, **kw):
    return rj.loads(json.dumps(obj, ensure_ascii=False), **kw)


def test_realistic_fixture_reads():
    data, findings = rj.read(FIX / "qc_minzheng_2025.json")
    assert findings == []
    assert data.year == 2025 and data.unit == "青川县民政局"
    assert data.t3("1", 6) == 17 and data.t3("3.7", 0) == 14
    assert data.t2("fees", "amount_wan_yuan") == Decimal(0)
    assert data.missing() == []


@pytest.mark.parametrize("path,value,key", [
    (("table3", "3.1"), [2, 1, 0, 0, 0, "无", 3], "table3.3.1[5]"),
    (("table3", "3.1"), [2, 1, 0, 0, 0, "/", 3], "table3.3.1[5]"),
    (("table3", "1"), [-1, 0, 0, 0, 0, 0, -1], "table3.1[0]"),
    (("table4", "review"), [0.5, 0, 0, 0, 0.5], "table4.review[0]"),
    (("table2", "penalty"), {"decisions": 2.5}, "table2.penalty.decisions"),
    (("table2", "fees"), {"amount_wan_yuan": "-1"}, "table2.fees.amount_wan_yuan"),
    (("table2", "fees"), {"amount_wan_yuan": "1.23456"}, "table2.fees.amount_wan_yuan"),
    (("table2", "fees"), {"amount_wan_yuan": "无"}, "table2.fees.amount_wan_yuan"),
    (("table2", "rules"), {"issued": 0, "repeald": 0}, "table2.rules.repeald"),
    (("table3", "3.3.9"), [0] * 7, "table3.3.3.9"),
    (("table3", "3.2"), [0] * 6, "table3.3.2"),
    (("text", "overveiw"), "…", "text.overveiw"),
    (("tabel3",), {}, "tabel3"),
])
def test_strict_rejects_naming_the_key(path, value, key):
    obj = fixture_dict()
    target = obj
    for p in path[:-1]:
        target = target[p]
    target[path[-1]] = value
    with pytest.raises(ImportRejected) as e:
        _loads(obj, file="x.json")
    assert f"“{key}" in e.value.message
    assert e.value.field.startswith(key)
    assert "x.json" in e.value.message


def test_strict_lists_every_problem():
    obj = fixture_dict()
    obj["table3"]["1"][0] = "无"
    obj["table4"]["review"][2] = -3
    with pytest.raises(ImportRejected) as e:
        _loads(obj)
    assert len(e.value.problems) == 2


def test_wrong_schema_and_old_format():
    obj = fixture_dict()
    obj["schema"] = "something/1"
    with pytest.raises(ImportRejected, match="schema"):
        _loads(obj)
    obj = fixture_dict()
    obj["format"] = "2019"
    with pytest.raises(ImportRejected, match="format"):
        _loads(obj)


def test_not_json():
    with pytest.raises(ImportRejected, match="不是有效的 JSON"):
        rj.loads("{", file="a.json")


def test_lenient_reads_words_as_zero_with_findings():
    data, findings = rj.read(FIX / "published_lenient.json", lenient=True)
    assert data.t2("rules", "issued") == 0 and data.t2("licensing", "decisions") == 0
    assert data.t2("fees", "amount_wan_yuan") == Decimal(0)
    assert data.table4["litigation_after_review"] == [0, 0, 0, 0, 0]
    keys = [f.message.split("”")[0].lstrip("“") for f in findings]
    assert "table2.rules.issued" in keys and "table2.licensing.decisions" in keys
    assert "table2.fees.amount_wan_yuan" in keys
    assert all(f.rule == "IMPORT" and f.severity == "warn" for f in findings)
    assert len(findings) == 10
    # the same file is rejected in strict mode
    with pytest.raises(ImportRejected):
        rj.read(FIX / "published_lenient.json")


def test_lenient_unknown_key_is_a_finding():
    obj = fixture_dict()
    obj["comment"] = "x"
    data, findings = _loads(obj, lenient=True)
    assert [f.rule for f in findings] == ["IMPORT"] and "comment" in findings[0].message


def test_round_trip_full_and_partial(tmp_path):
    obj = fixture_dict()
    data, _ = _loads(obj)
    again, _ = rj.loads(rj.dumps(data))
    assert again == data
    assert rj.to_dict(again) == obj
    # not entered stays not entered; None fields survive
    partial = ReportData(year=2025, unit="某镇", table3={"1": [1, 0, 0, 0, 0, 0, 1]},
                         table2={"fees": {"amount_wan_yuan": Decimal("1.2500")}, "rules": {"issued": None}})
    p = rj.write(partial, tmp_path / "p.json")
    back, _ = rj.read(p)
    assert back.missing() == partial.missing()
    assert "3.7" not in back.table3 and back.t2("rules", "issued") is None
    assert json.loads(p.read_text("utf-8"))["table2"]["fees"]["amount_wan_yuan"] == "1.25"


def test_utf8_bom_accepted(tmp_path):
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf" + (FIX / "qc_minzheng_2025.json").read_bytes())
    assert rj.read(p)[0].year == 2025


def test_null_cell_is_not_entered_and_round_trips():
    obj = fixture_dict()
    obj["table3"]["3.2"][4] = None
    data, findings = _loads(obj)
    assert findings == [] and data.t3("3.2", 4) is None
    assert data.missing() == [("3", "3.2", 4)]
    assert rj.to_dict(rj.loads(rj.dumps(data))[0])["table3"]["3.2"][4] is None
