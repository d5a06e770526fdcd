"""年度报告 screen offscreen: grids laid out like the official tables, editing, totals, checker, fill, export."""

from locations import ROOT

import json
import os
from decimal import Decimal

import pytest
from report_helpers import FIX

from gwdesk.core.annual_report import records

SCRATCH = str(ROOT / "scratch")


@pytest.fixture
def page(ctx, profile, alerts_log, qtbot):
    from gwdesk.core import demo
    demo.load(ctx)
    from gwdesk.ui.report.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    return p


def _index(page, table, row, col):
    m = page.models[table]
    return m.index(*m.position[(row, col)])


def _set(page, table, row, col, text):
    return page.models[table].setData(_index(page, table, row, col), text)


def test_loads_demo_report_with_official_spans(page):
    assert page.data.year == 2025 and page.year_box.currentData() == 2025
    v3 = page.views["3"]
    assert (v3.rowSpan(0, 0), v3.columnSpan(0, 0)) == (3, 3)  # the corner note
    assert v3.columnSpan(0, 3) == 7 and v3.columnSpan(1, 4) == 5 and v3.rowSpan(1, 3) == 2
    assert v3.rowSpan(5, 0) == 22 and v3.rowSpan(7, 1) == 8  # 三、本年度办理结果 and （三）不予公开
    v4 = page.views["4"]
    assert v4.columnSpan(0, 0) == 5 and v4.columnSpan(0, 5) == 10 and v4.rowSpan(1, 0) == 2
    m = page.models["3"]
    assert m.data(m.index(0, 0)).startswith("（本列数据的勾稽关系为")
    assert m.data(_index(page, "3", "1", 6)) == str(page.data.t3("1", 6))
    assert page.findings == [] and "未发现问题" in page.panel.check_label.text()
    assert "表三" in page.panel.sources_view.toPlainText()
    assert "2024年" in page.narratives["overview"].last_label.text() and page.narratives["overview"].last.toPlainText()


def test_edit_cell_rechecks_and_click_goes_to_cell(page):
    total_before = page.data.t3("3.1", 6)
    assert _set(page, "3", "3.1", 0, "9")
    assert page.data.t3("3.1", 0) == 9 and page.data.t3("3.1", 6) == total_before  # typed total kept
    rules = {f.rule for f in page.findings}
    assert {"R2", "R3"} <= rules
    r2 = next(f for f in page.findings if f.rule == "R2")
    page.views["3"].clearSelection()
    assert page.go_to(r2)
    assert page.tabs.currentWidget() is page.views["3"]
    cur = page.views["3"].currentIndex()
    assert page.models["3"].refs[(cur.row(), cur.column())] == ("3.1", 6)
    page.save_now()
    assert records.load_data(page.unit, 2025).t3("3.1", 0) == 9
    page.grab().save(os.path.join(SCRATCH, "report_findings.png"))


def test_totals_are_offered_never_overwritten(page):
    m = page.models["3"]
    assert _set(page, "3", "3.1", 6, "")  # clear the total: not entered
    assert page.data.t3("3.1", 6) is None
    comp = sum(page.data.table3["3.1"][:6])
    assert m.data(_index(page, "3", "3.1", 6)) == str(comp)  # shown as a suggestion
    assert any(f.rule == "R0" and f.row == "3.1" for f in page.findings)
    assert _set(page, "3", "3.2", 6, "99")  # a typed (wrong) total
    page.fill_totals()
    assert page.data.t3("3.1", 6) == comp and page.data.t3("3.2", 6) == 99
    assert any(f.rule == "R2" and f.row == "3.2" for f in page.findings)


def test_bad_input_is_refused(page):
    assert not _set(page, "3", "3.1", 0, "无")
    assert "非负整数" in page.models["3"].last_error
    assert not _set(page, "2", "penalty", "decisions", "-1")
    assert _set(page, "2", "fees", "amount_wan_yuan", "1.25")
    assert page.data.t2("fees", "amount_wan_yuan") == Decimal("1.25")
    assert not _set(page, "2", "fees", "amount_wan_yuan", "1.23456")


def test_fill_from_records_asks_before_replacing(page, alerts_log):
    from gwdesk.core.applications import aggregate
    _set(page, "3", "3.1", 0, "50")
    alerts_log.clear()
    page.fill_from_records()
    kinds = [k for k, _, _ in alerts_log]
    assert kinds[0] == "ask" and "（一）予以公开" in alerts_log[0][2]
    assert page.data.table3["3.1"] == list(aggregate.table3(2025)["3.1"])
    assert kinds[-1] == "info"


def test_export_shows_findings_count_and_writes(page, alerts_log, tmp_path, monkeypatch):
    _set(page, "4", "review", 4, "7")  # R4 error
    for kind in ("docx", "pdf", "json"):
        out = tmp_path / f"r.{kind}"
        monkeypatch.setattr(page.files, "ask_path", lambda k, s, open_file=False, out=out: str(out))
        alerts_log.clear()
        assert page.files.export(kind) == str(out)
        assert alerts_log[0][0] == "ask" and "1 个错误" in alerts_log[0][2]
        assert out.stat().st_size > 1000
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["table4"]["review"][4] == 7


def test_import_lenient_after_strict_refusal(page, alerts_log, monkeypatch):
    monkeypatch.setattr(page.files, "ask_path", lambda *a, **k: str(FIX / "published_lenient.json"))
    page.files.import_json()
    assert any("宽松" in t for _, _, t in alerts_log)
    assert page.data.t2("rules", "issued") == 0
    assert sum(1 for f in page.findings if f.rule == "IMPORT") == 10


def test_frozen_report_is_read_only(page):
    page.frozen_box.setChecked(True)
    assert records.load(page.unit, 2025).frozen
    assert not _set(page, "3", "3.1", 0, "1")
    assert page.texts["overview"].isReadOnly() and not page.fill_btn.isEnabled()
    page.frozen_box.setChecked(False)
    assert _set(page, "3", "3.1", 0, "1")


def test_year_switch_and_yoy(page):
    page.year_box.setCurrentIndex(page.year_box.findData(2024))
    assert page.data.year == 2024 and page.frozen  # the demo's 2024 report was sent
    page.year_box.setCurrentIndex(page.year_box.findData(2025))
    rows = page.yoy.model.rows()
    lic = next(r for r in rows if r.label.startswith("行政许可"))
    assert (lic.before, lic.now, lic.delta) == ("37", "42", "+5")
    page.yoy.changed_only.setChecked(True)
    assert all(r.delta not in ("", "0") for r in page.yoy.model.rows())


def test_rollup_button(page, alerts_log, tmp_path, monkeypatch):
    import shutil
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIX / "qc_minzheng_2025.json", folder / "a.json")
    shutil.copy(FIX / "published_lenient.json", folder / "b.json")
    out = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(page.files, "ask_rollup", lambda: (str(folder), str(out)))
    assert page.files.rollup() == str(out) and out.exists()
    assert "汇总2个单位" in alerts_log[-1][2]


def test_mark_sent_freezes(page, alerts_log):
    page.mark_sent()
    st = records.load(page.unit, 2025)
    assert st.sent and st.frozen and st.sent_on == "2026-11-20"
    assert page.frozen and not page.sent_btn.isEnabled() and "已报送" in page.status.text()


def test_business_figures_from_xlsx(page, alerts_log, tmp_path, monkeypatch):
    import openpyxl
    out = tmp_path / "模板.xlsx"
    monkeypatch.setattr(page.files, "ask_path", lambda *a, **k: str(out))
    assert page.files.save_business_template() == str(out)
    wb = openpyxl.load_workbook(out)
    for row in wb.active.iter_rows():
        if row[0].value == "行政许可":
            row[1].value = 50
        if row[0].value == "行政事业性收费":
            row[1].value = 0.5
    wb.save(out)
    alerts_log.clear()
    page.files.import_business_xlsx()
    assert alerts_log and alerts_log[0][0] == "ask" and "行政许可" in alerts_log[0][2]  # 42 → 50
    assert page.data.t2("licensing", "decisions") == 50
    assert page.data.t2("fees", "amount_wan_yuan") == Decimal("0.5")
    assert "表二业务数据" in page.panel.sources_view.toPlainText()


@pytest.mark.parametrize(("today", "year"), [("2026-11-20", 2025), ("2026-12-05", 2026), ("2027-01-10", 2026),
                                             ("2027-04-02", 2025)])
def test_opens_on_the_report_being_written(ctx, profile, alerts_log, qtbot, today, year):
    """In season (1 December – 31 March) the report due by 1月31日; otherwise the latest stored one."""
    import datetime as dt

    from gwdesk.core import demo
    from gwdesk.ui.report.page import Page
    demo.load(ctx)  # stores the demo unit's 2024 and 2025 reports
    ctx.today = lambda: dt.date.fromisoformat(today)
    p = Page(ctx)
    qtbot.addWidget(p)
    assert p.data.year == year and p.year_box.currentData() == year
    assert {2025, 2024} <= {p.year_box.itemData(i) for i in range(p.year_box.count())}


def test_an_empty_section_is_named_and_export_asks_first(page, alerts_log, tmp_path, monkeypatch, qtbot):
    """The clerk empties 五、存在的主要问题及改进情况: the checker names it (no 未发现问题), and neither file is written
    unless the clerk confirms the question that names the section."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    page.tabs.setCurrentWidget(page.narratives["problems"])
    editor = page.narratives["problems"].editor
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key_A, Qt.ControlModifier)
    QTest.keyClick(editor, Qt.Key_Delete)
    assert editor.toPlainText() == ""
    qtbot.waitUntil(lambda: any(f.rule == "R12" for f in page.findings), timeout=3000)
    assert "未发现问题" not in page.panel.check_label.text()
    r12 = [f for f in page.findings if f.rule == "R12"]
    assert [(f.severity, f.row) for f in r12] == [("error", "problems")]
    for kind, button in (("pdf", page.pdf_btn), ("docx", page.docx_btn)):
        out = tmp_path / f"r.{kind}"
        monkeypatch.setattr(page.files, "ask_path", lambda k, s, open_file=False, out=out: str(out))
        alerts_log.clear()
        alerts_log_answer(False)
        QTest.mouseClick(button, Qt.LeftButton)
        assert alerts_log[0][0] == "ask" and "五、存在的主要问题及改进情况" in alerts_log[0][2]
        assert not out.exists()
        alerts_log_answer(True)
        alerts_log.clear()
        QTest.mouseClick(button, Qt.LeftButton)
        assert out.exists() and out.stat().st_size > 1000


def alerts_log_answer(value: bool) -> None:
    from gwdesk.ui.common import alerts
    alerts.responder = lambda kind, title, text: value
