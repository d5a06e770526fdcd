"""Deadline stage: deadline cells and deadlines in a task's text, to a due date."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
import pytest
from tasklist_support import read as _read

from gwdesk.core.tasks import deadlines, service
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



@pytest.mark.parametrize("text, found", [
    ("持续推进学前教育普及普惠、义务教育优质均衡发展。", ""),  # the work's verb, not a time limit
    ("长期坚持开展政策解读。", ""),
    ("积极做好政策解读工作,丰富解读形式(持续推进)", "持续推进"),
    ("积极做好政策解读工作,丰富解读形式。长期坚持。", "长期坚持"),
    ("依申请公开办理工作持续推进", "持续推进"),
])
def test_ongoing_words_in_a_text_are_a_deadline_only_when_set_apart(text, found):
    assert deadlines.find_in_text(text) == found


def test_a_task_led_by_ongoing_work_gets_no_deadline_from_its_text(tmp_path):
    """谯城区教育局: no 时限 column, and row 68 begins “持续推进…”: no deadline is made up."""
    rows = [["序号", "重点工作任务", "主要责任单位", "协同配合单位"],
            ["68", "持续推进学前教育普及普惠,加快建设扩建教学楼项目。", "区教育局", "区政府有关部门。"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]}, fmt="docx")
    assert p.tasks[0].deadline_text == ""


def test_deadline_cells_reach_a_due_date(tmp_path):
    rows = _list(tmp_path, [dt.datetime(2023, 6, 30), dt.date(2023, 9, 15), "２０２３年６月底前", "8月前",
                            "2023年2月公布预算，2023年8月公布决算", "全年"])
    assert [a.deadline.due for a in rows] == [dt.date(2023, 6, 30), dt.date(2023, 9, 15), dt.date(2023, 6, 30),
                                             dt.date(2023, 7, 31), dt.date(2023, 8, 31), dt.date(2023, 12, 31)]
    assert rows[3].deadline.flag == "before-month"
    assert rows[4].deadline.milestones == (dt.date(2023, 2, 28),)
