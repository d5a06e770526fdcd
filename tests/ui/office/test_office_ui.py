"""汇总 screen: matrix, rates, refused and missing, filters, exports; the 任务台账's 导出进展报送文件 action."""

from locations import TESTS

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from office_support import make_inbox
from PySide6.QtCore import Qt

from gwdesk.core.office import gather
from gwdesk.core.tasks import service, tracking
from gwdesk.io import progress_json, tasklist
from gwdesk.store.tasks_models import Task
from gwdesk.ui.office.matrix_model import MatrixModel

F = TESTS / "fixtures"
TODAY = dt.date(2021, 7, 10)


@pytest.fixture
def listed(ctx, profile):
    ctx.today = lambda: TODAY
    r = service.import_parsed(tasklist.read(F / "tasks" / "lp2021.xlsx"), profile=profile)
    t15 = Task.get(Task.seq == "15")
    tracking.add_note(t15.id, "已公开民政领域8家单位基本信息", noted_on=dt.date(2021, 6, 21), today=TODAY)
    tracking.set_status(t15.id, "已完成", done_on=dt.date(2021, 6, 21), today=TODAY)
    return r.list_id


@pytest.fixture
def inbox(listed, profile, tmp_path):
    base = progress_json.to_dict(gather.progress(listed, profile, as_of=dt.date(2021, 6, 28)))
    return make_inbox(base, tmp_path / "收到", units=6)


@pytest.fixture
def page(qtbot, ctx, listed):
    from gwdesk.ui.office.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    return p


def test_matrix_model_passes_qt_model_tester(qtmodeltester, inbox, listed):
    from gwdesk.core.office import rollup
    r = rollup.collect(progress_json.read_many([inbox]), today=TODAY)
    m = MatrixModel()
    m.set_view(r, r.rows, r.units)
    qtmodeltester.check(m)
    assert m.columnCount() == 2 + 6 + 1 and m.rowCount() == 18


def test_page_rolls_up_a_folder(page, inbox, listed, alerts_log, tmp_path):
    page.list_combo.setCurrentIndex(page.list_combo.findData(listed))
    page.deadline_check.setChecked(True)
    page.deadline.set_value(dt.date(2021, 7, 5))
    page.add_inputs(inbox)
    r = page.result
    assert len(r.units) == 6 and [u.name for u in r.late] == ["梁平区教育委员会"]
    text = page.summary.text()
    assert "收到 6 个单位" in text and "逾期报送 1 个单位" in text and "2 个文件未汇总" in text
    states = {(f.unit or f.file, f.status) for f in page.files_model.rows()}
    assert ("损坏.json", "无法读取") in states and ("梁平区城管局", "清单不符") in states
    assert ("区司法局", "未报送") not in states  # sent as 梁平区司法局
    assert ("区发展改革委", "未报送") in states and ("区委网信办", "未报送") in states
    m = page.matrix
    assert m.columnCount() == 2 + 6 + 1 and m.rowCount() == 18
    row1 = next(i for i, row in enumerate(m.rows) if row.seq == "1")
    cells = [m.data(m.index(row1, 2 + j)) for j in range(6)]
    assert cells.count("") == 0 and any(c.endswith("逾期") for c in cells)  # 2021年6月底前, open on 7月10日
    idx = m.index(row1, 2 + cells.index(next(c for c in cells if c.endswith("逾期"))))
    assert m.data(idx, Qt.BackgroundRole).color().name() == "#ffc7ce"
    assert "完成时限" in m.data(idx, Qt.ToolTipRole)

    page.category.setCurrentIndex(1)
    assert 0 < m.rowCount() < 18 and {row.category for row in m.rows} == {page.category.currentData()}
    page.unit_filter.setText("教育")
    assert [u.name for u in m.units] == ["梁平区教育委员会"] and page.units_model.rowCount() == 1

    out = page.export_matrix(tmp_path / "汇总.xlsx")
    ws = openpyxl.load_workbook(out)["任务落实矩阵"]
    assert [c.value for c in ws[3]][3:] == ["梁平区教育委员会", "完成/承担"]  # what the filters show
    assert page.export_report(tmp_path / "汇总报告.pdf").read_bytes()[:5] == b"%PDF-"
    assert alerts_log[-1][0] == "info"


def test_annual_reports_on_the_same_screen(page, tmp_path):
    from report_helpers import fixture_dict
    folder = tmp_path / "年报"
    folder.mkdir()
    for name, day in [("青川县民政局", "2026-01-20"), ("青川县教育局", "2026-02-03")]:
        (folder / f"{name}.json").write_text(json.dumps(dict(fixture_dict(), unit=name, as_of=day), ensure_ascii=False),
                                             encoding="utf-8")
    page.load_reports(folder)
    rows = {e.unit: e for e in page.reports_model.rows()}
    assert rows["青川县教育局"].days_late == 3 and rows["青川县民政局"].days_late == 0
    assert "逾期1个" in page.reports_summary.text()


def test_annual_reports_missing_from_the_progress_roll_up(page, inbox, tmp_path):
    from report_helpers import fixture_dict
    page.add_inputs(inbox)
    folder = tmp_path / "年报"
    folder.mkdir()
    for name in ("梁平区财政局", "梁平区委网信办"):  # 区委网信办 is named in the list, spelt short
        (folder / f"{name}.json").write_text(json.dumps(dict(fixture_dict(), unit=name, as_of="2026-01-20"),
                                                        ensure_ascii=False), encoding="utf-8")
    page.load_reports(folder)
    rows = {e.unit: e.status for e in page.reports_model.rows()}
    assert rows["梁平区财政局"] == rows["梁平区委网信办"] == "已报送"
    assert rows["梁平区民政局"] == "未报送" and rows["区发展改革委"] == "未报送" and "区委网信办" not in rows


def test_unit_exports_progress_from_the_task_screen(qtbot, ctx, listed, alerts_log, tmp_path, monkeypatch):
    from gwdesk.ui.office import progress_action
    from gwdesk.ui.tasks.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    assert p.progress_button.text() == "导出进展报送文件…"
    target = tmp_path / "报送.json"
    monkeypatch.setattr(progress_action, "ask_path", lambda page, suggested: str(target))
    p.progress_button.click()
    got = progress_json.read(target)
    assert got.unit.name == "青川县民政局" and got.as_of == TODAY and len(got.tasks) == 14
    assert alerts_log[-1][0] == "info" and "梁平区" in alerts_log[-1][2]
