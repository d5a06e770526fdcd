"""完成时限 cells as Excel holds them: a real date cell, full-width digits, a “8月前”, two dates in one cell."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from gwdesk.core.tasks import service
from gwdesk.io import tasklist


def _list(tmp_path, deadlines: list) -> list:
    wb = Workbook()
    ws = wb.active
    ws.append(["2023年政务公开工作任务分解表"])
    ws.append(["序号", "工作任务", "责任单位", "完成时限"])
    for i, d in enumerate(deadlines, start=1):
        ws.append([i, f"做好第{i}项政务信息公开工作。", "区财政局", d])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    parsed = tasklist.read(path)
    return service.analyse(parsed, year=2023)


def test_deadline_cells_reach_a_due_date(tmp_path):
    rows = _list(tmp_path, [dt.datetime(2023, 6, 30), dt.date(2023, 9, 15), "２０２３年６月底前", "8月前",
                            "2023年2月公布预算，2023年8月公布决算", "全年"])
    assert [a.deadline.due for a in rows] == [dt.date(2023, 6, 30), dt.date(2023, 9, 15), dt.date(2023, 6, 30),
                                             dt.date(2023, 7, 31), dt.date(2023, 8, 31), dt.date(2023, 12, 31)]
    assert rows[3].deadline.flag == "before-month"
    assert rows[4].deadline.milestones == (dt.date(2023, 2, 28),)
