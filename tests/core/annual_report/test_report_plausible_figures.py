"""Issue 26.15: annual-report figures are bounded — 1e30 件 is refused (it printed as a float artefact), a NaN
count says it is no number (it said 不能为负数), an amount past 一万亿元 is refused."""

from __future__ import annotations

from locations import TESTS

import json
from pathlib import Path

import pytest

from gwdesk.core.annual_report import codec
from gwdesk.errors import ImportRejected
from gwdesk.io import report_json

FIX = TESTS / "fixtures/report/qc_minzheng_2025.json"


def _with_first_count(tmp_path, value_text: str) -> Path:
    raw = FIX.read_text(encoding="utf-8")
    data = json.loads(raw)
    t3 = data["table3"]
    key = next(iter(t3))
    row = t3[key]
    first = next(iter(row)) if isinstance(row, dict) else 0
    if isinstance(row, dict):
        row[first] = "@@"
    else:
        row[0] = "@@"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False).replace('"@@"', value_text), encoding="utf-8")
    return path


@pytest.mark.parametrize("value,said", [
    ("1e30", "数值过大"), ("100000000000", "数值过大"), ("NaN", "不能是 NaN"), ("Infinity", "不能是 NaN"),
    ("-3", "不能为负数"),
])
def test_an_implausible_count_is_refused_with_the_right_words(tmp_path, value, said):
    path = _with_first_count(tmp_path, value)
    with pytest.raises(ImportRejected) as e:
        report_json.read(path)
    assert said in e.value.message + "；".join(e.value.problems)


def test_the_bounds_leave_real_figures_alone():
    data, _ = report_json.read(FIX)
    assert data.year == 2025
    assert codec.MAX_COUNT >= 1_000_000
