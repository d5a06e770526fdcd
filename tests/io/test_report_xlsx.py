"""Table 二 business figures from xlsx: the template round-trips, bad cells reject the file naming the row."""

from decimal import Decimal

import openpyxl
import pytest

from gwdesk.errors import ImportRejected
from gwdesk.io import report_xlsx


def _fill(path, values):
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for row in ws.iter_rows():
        if row[0].value in values:
            for k, v in enumerate(values[row[0].value]):
                row[1 + k].value = v
    wb.save(path)


def test_template_filled_and_read(tmp_path):
    p = report_xlsx.write_template(tmp_path / "t.xlsx")
    _fill(p, {"行政许可": [42], "行政处罚": ["3"], "行政事业性收费": [1.25], "行政规范性文件": [3, 1, 18]})
    got = report_xlsx.read(p)
    assert got == {("licensing", "decisions"): 42, ("penalty", "decisions"): 3,
                   ("fees", "amount_wan_yuan"): Decimal("1.25"), ("normative_docs", "issued"): 3,
                   ("normative_docs", "repealed"): 1, ("normative_docs", "in_force"): 18}
    assert ("coercion", "decisions") not in got  # blank: not entered


@pytest.mark.parametrize("item,value", [("行政处罚", "无"), ("行政许可", -2), ("行政强制", 1.5),
                                        ("行政事业性收费", "1.23456")])
def test_bad_figures_reject_naming_row(tmp_path, item, value):
    p = report_xlsx.write_template(tmp_path / "t.xlsx")
    _fill(p, {"行政许可": [42], item: [value]})
    with pytest.raises(ImportRejected) as e:
        report_xlsx.read(p)
    assert item in e.value.message and "工作表“表二”第" in e.value.message


def test_not_a_workbook_and_empty(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("hello")
    with pytest.raises(ImportRejected, match="不是有效的 xlsx"):
        report_xlsx.read(bad)
    empty = tmp_path / "e.xlsx"
    openpyxl.Workbook().save(empty)
    with pytest.raises(ImportRejected, match="没有找到"):
        report_xlsx.read(empty)
