"""任务台账 screen offscreen: list and filters, detail editing, import dialog (mapping, re-import), exports."""

from locations import TESTS

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gwdesk.core.tasks import demo as tasks_demo
from gwdesk.core.tasks import tracking
from gwdesk.store.tasks_models import Task, TaskList

F = TESTS / "fixtures" / "tasks"


@pytest.fixture
def page(qtbot, ctx, profile, alerts_log):
    from gwdesk.ui.tasks.page import Page
    tasks_demo.load(ctx)
    p = Page(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    return p


def test_model_passes_qt_model_tester(qtmodeltester, ctx, profile):
    from gwdesk.ui.tasks.list_model import build_model
    tasks_demo.load(ctx)
    m = build_model(ctx.today)
    m.set_rows(tracking.tasks())
    qtmodeltester.check(m)


def test_list_shows_the_units_rows_and_filters(page):
    total = Task.select().count()
    mine = sum(1 for t in tracking.tasks() if t.role != "不涉及")
    assert page.model.rowCount() == total and page.proxy.rowCount() == mine
    page.role_filter.setCurrentText("全部")
    assert page.proxy.rowCount() == total
    page.role_filter.setCurrentText("牵头")
    assert page.proxy.rowCount() == 1
    page.role_filter.setCurrentText("本单位全部")
    page.status_filter.setCurrentText("已完成")
    assert page.proxy.rowCount() == 3
    page.status_filter.setCurrentText("逾期")
    overdue = page.proxy.rowCount()
    assert overdue == 2 and page.overview.buttons["逾期"].text() == "逾期 2"
    page.status_filter.setCurrentText("全部")
    page.search.setText("舆情")
    assert page.proxy.rowCount() == 1  # 养老舆情 (教育舆情 is not the unit's)
    page.search.clear()
    page.category_filter.setCurrentIndex(2)
    assert all(page.proxy.data(page.proxy.index(r, 0), page.model.RowRole).category.startswith("二、")
               for r in range(page.proxy.rowCount()))
    assert "显示" in page.count_label.text()


def test_overview_button_filters(page):
    page.overview.buttons["7天内到期"].click()
    assert page.proxy.rowCount() == 1


def test_detail_panel_edits_status_notes_role_evidence(page, ctx, tmp_path):
    assert page.select_task(Task.get(Task.seq == "3").id) is False  # 不涉及: hidden under 本单位全部
    assert page.detail.task is None
    t = Task.get(Task.seq == "1")  # 可能涉及: shown
    assert page.select_task(t.id)
    d = page.detail
    assert "规划信息公开" in d.heading.text()
    d.note_text.setText("已配合县发展改革委公开“十四五”规划纲要")
    d.add_note()
    assert [n.text for n in tracking.notes(t.id)] == ["已配合县发展改革委公开“十四五”规划纲要"]
    assert Task.get_by_id(t.id).status == "推进中"  # a first note starts the task
    d.role.setCurrentIndex(d.role.findData("责任"))
    assert Task.get_by_id(t.id).role_override == "责任"
    d.status.setCurrentText("已完成")
    t2 = Task.get_by_id(t.id)
    assert t2.status == "已完成" and t2.done_on == ctx.today()
    assert d.add_url("http://www.cnqc.gov.cn/zwgk/ghxx/2026.html")
    assert not d.add_url("not a url")
    f = tmp_path / "规划纲要截图.png"
    f.write_bytes(b"png")
    assert d.add_file(f)
    assert d.evidence.count() == 2
    assert page.overview.buttons["已完成"].text() == "已完成 4"


def test_import_dialog_unsure_mapping_then_confirm(page, ctx, alerts_log):
    from gwdesk.ui.tasks.import_dialog import ImportDialog
    dlg = ImportDialog(ctx, page, path=F / "multi_sheet.xlsx")
    assert dlg.sheet.count() == 3 and dlg.sheet.currentData() == "任务清单"
    dlg.choose_sheet("补充任务")
    assert "列的对应关系不确定" in dlg.notice.text() and dlg.tabs.currentIndex() == 1
    assert [c.currentData() for c in dlg._combos] == ["task", "measure", "lead", "resp", "deadline"]
    dlg.set_mapping(4, "note")  # the clerk says column 5 is a remark
    assert dlg.parsed.tasks[0].note == "2021年8月底前" and not dlg.parsed.needs_mapping
    before = Task.select().count()
    assert Task.select().count() == before  # nothing saved while previewing
    dlg.issuer.setText("青川县民政")
    dlg.year.setValue(2026)
    dlg.confirm()
    assert dlg.import_result is not None and dlg.import_result.total == 3
    assert Task.select().count() == before + 3
    assert Task.select().where(Task.note == "2021年8月底前").count() == 1


def test_import_dialog_refuses_bad_file(page, ctx, alerts_log):
    from gwdesk.ui.tasks.import_dialog import ImportDialog
    dlg = ImportDialog(ctx, page)
    # seen under Xvfb: behind the file chooser (and after a refused file) the dialog said 年度 2000
    assert dlg.year.value() == ctx.today().year
    assert not dlg.load_file(F / "old.xls")
    assert alerts_log[-1][0] == "warn" and "old.xls" in alerts_log[-1][2]
    assert not dlg.ok_button.isEnabled()


def test_reimport_shows_changes_and_keeps_progress(page, ctx, tmp_path, alerts_log):
    from gwdesk.core.tasks import sample
    rows = [r for r in tasks_demo._localised(2026) if not (len(r) == 6 and r[0] == "17")]
    rev = tmp_path / "修订.xlsx"
    sample.write_xlsx(rev, rows, title="青川县2026年政务公开任务清单", subtitle="（2026年3月15日印发）")
    done_before = Task.select().where(Task.status == "已完成").count()
    dlg = page.open_import(rev)
    assert "删除1项" in dlg.changes.text() and "17 政务公开培训" in dlg.changes.text()
    dlg.confirm()
    page.after_import(dlg)
    assert TaskList.select().count() == 1 and TaskList.get().revision == 2
    assert Task.select().where(Task.status == "已完成").count() == done_before
    assert alerts_log[-1][1] == "导入完成" and "删除1项" in alerts_log[-1][2]


def test_exports_from_the_screen(page, tmp_path, alerts_log):
    out = page.export_ledger(tmp_path / "台账.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert ws.cell(row=3, column=12).value == "状态" and ws.max_row == 3 + page.proxy.rowCount()
    rep = page.export_report(tmp_path / "报告.pdf", dt.date(2026, 1, 1), dt.date(2026, 11, 20))
    assert rep is not None and rep.stat().st_size > 1000
    assert page.export_report(tmp_path / "x.docx", dt.date(2026, 5, 1), dt.date(2026, 1, 1)) is None
    assert alerts_log[-1][0] == "warn"


def test_several_maybe_rows_confirmed_at_once(page):
    from PySide6.QtCore import QItemSelectionModel

    page.role_filter.setCurrentText("全部")
    rows = [page.proxy.data(page.proxy.index(r, 0), page.model.RowRole) for r in range(page.proxy.rowCount())]
    assert not page.role_button.isEnabled()  # nothing selected yet
    before = {t.id: t.role_override for t in Task.select()}
    sm = page.view.selectionModel()
    picked = [0, 2, 3]
    page.view.setCurrentIndex(page.proxy.index(picked[0], 0))  # a click, then Ctrl+clicks
    for r in picked[1:]:
        sm.select(page.proxy.index(r, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    assert page.role_button.isEnabled()
    ids = sorted({rows[r].id for r in picked})
    assert sorted(page.selected_task_ids()) == ids
    assert page.set_selected_roles("责任") == 3
    assert {Task.get_by_id(i).role_override for i in ids} == {"责任"}
    untouched = [t.id for t in rows if t.id not in ids]
    assert untouched and all(Task.get_by_id(i).role_override == before[i] for i in untouched)
    assert "已将 3 项设为“责任”" in page.count_label.text()
    assert page.detail.task.id in ids  # the panel follows the current row
    page.role_filter.setCurrentText("责任")
    assert set(ids) <= {page.proxy.data(page.proxy.index(r, 0), page.model.RowRole).id
                        for r in range(page.proxy.rowCount())}
    page.role_filter.setCurrentText("全部")
    for r in range(page.proxy.rowCount()):
        if page.proxy.data(page.proxy.index(r, 0), page.model.RowRole).id in ids:
            sm.select(page.proxy.index(r, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    page.set_selected_roles(None)  # back to the automatic match
    assert all(Task.get_by_id(i).role_override is None for i in ids)


def test_set_roles_is_one_transaction_and_checks_the_role(ctx, profile):
    from gwdesk.errors import ValidationFailed
    tasks_demo.load(ctx)
    ids = [t.id for t in Task.select()]
    with pytest.raises(ValidationFailed):
        tracking.set_roles(ids, "主办")
    assert tracking.set_roles(ids * 2, "不涉及") == len(ids)  # duplicates counted once
    assert {t.role_override for t in Task.select()} == {"不涉及"}


def test_clerks_columns_fit_1366_without_scrolling_sideways(qtbot, ctx, profile):
    from gwdesk.ui.main_window import MainWindow
    tasks_demo.load(ctx)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.open_section("tasks")
    page = w.pages["tasks"]
    qtbot.waitExposed(w)
    titles = [page.model.headerData(i, Qt.Horizontal) for i in range(page.model.columnCount())]
    assert titles == ["序号", "工作任务", "完成时限", "本单位角色", "状态"]  # no 类别 column: it is the filter
    view = page.view
    right = max(view.columnViewportPosition(i) + view.columnWidth(i) for i in range(len(titles)))
    assert right <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    assert not page.detail.horizontalScrollBar().isVisible()
    assert page.detail.widget().width() <= page.detail.viewport().width()
    t = page.proxy.data(page.proxy.index(0, 0), page.model.RowRole)
    assert page.proxy.data(page.proxy.index(0, 2)) == tracking.effective_due(t, ctx.today()).isoformat()


def test_empty_ledger_says_import_first(qtbot, ctx, profile, monkeypatch):
    from gwdesk.ui.tasks.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    assert p.body.currentWidget() is p.empty and not p.filter_bar.isVisibleTo(p)
    opened = []
    monkeypatch.setattr(p, "open_import", lambda path=None: opened.append(path))
    p.empty_import_button.click()
    assert opened == [None]
    tasks_demo.load(ctx)
    p.refresh()
    assert p.body.currentWidget() is not p.empty and p.filter_bar.isVisibleTo(p)


def test_list_buttons_wait_for_a_list_together(qtbot, ctx, profile, alerts_log):
    # QA walk: 导出进展报送文件… was enabled before any list was imported, unlike the buttons beside it
    from gwdesk.ui.tasks.page import Page
    p = Page(ctx)
    qtbot.addWidget(p)
    p.show()
    buttons = (p.export_button, p.report_button, p.fill_back_button, p.progress_button)
    assert not any(b.isEnabled() for b in buttons)
    QTest.mouseClick(p.progress_button, Qt.LeftButton)  # a disabled button does nothing
    assert alerts_log == []
    tasks_demo.load(ctx)
    p.refresh()
    assert all(b.isEnabled() for b in buttons)


def test_unsure_columns_open_the_mapping_with_the_proposal(qtbot, ctx, profile, tmp_path):
    import importlib.util
    import json

    from gwdesk.ui.tasks.import_dialog import ImportDialog
    here = TESTS / "fixtures" / "tasklists"
    spec = importlib.util.spec_from_file_location("b", here / "build.py")
    b = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(b)
    src = b.build(json.loads((here / "cz_xinfang_short_header.json").read_text(encoding="utf-8")), tmp_path)
    dlg = ImportDialog(ctx, path=src)
    qtbot.addWidget(dlg)
    assert dlg.tabs.currentIndex() == 1  # straight to 原表与列对应
    assert [c.currentData() for c in dlg._combos] == ["task", "seq", "measure", "resp", "deadline"]
    flagged = [c for c in dlg._combos if c.toolTip()]
    assert len(flagged) == 4 and "右移" in flagged[-1].toolTip()
    assert "核对后再导入" in dlg.notice.text() and "右移" in dlg.notice.text()
    assert dlg.parsed_model.rowCount() == 8  # the preview of what would come in


def test_import_dialog_paragraph_list_is_shown_for_checking(page, ctx, alerts_log, tmp_path):
    """A list written as paragraphs (滁州市 2020) opens on the column mapping with the reason, and imports."""
    import importlib.util
    import json

    from gwdesk.ui.tasks.import_dialog import ImportDialog
    here = TESTS / "fixtures" / "tasklists"
    spec = importlib.util.spec_from_file_location("corpus_build", here / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    path = build.build(json.loads((here / "ah_chuzhou_2020_holdout.json").read_text(encoding="utf-8")), tmp_path)
    dlg = ImportDialog(ctx, page, path=path)
    dlg.resize(1366, 768)
    assert "正文段落" in dlg.notice.text() and dlg.tabs.currentIndex() == 1
    assert [c.currentData() for c in dlg._combos] == ["seq", "task", "lead", "resp", "note"]  # no 主要内容 in it
    before = Task.select().count()
    dlg.confirm()
    assert dlg.import_result is not None and dlg.import_result.total == 3
    assert Task.select().count() == before + 3


def test_second_list_imported_from_the_toolbar_button(page, ctx, monkeypatch, alerts_log):
    """Issue 21 item 1: with a list stored, 导入任务清单… on the toolbar (clicked(bool) and all) opens the dialog,
    the file dialog gives a path, 导入 stores the second list and the page shows it."""
    from PySide6.QtTest import QTest

    from gwdesk.ui.common import files
    from gwdesk.ui.tasks.import_dialog import ImportDialog
    assert TaskList.select().count() == 1 and page.body.currentIndex() == 0  # the toolbar, not the empty state
    asked = []
    monkeypatch.setattr(files, "responder", lambda op, kind, title, start: (asked.append(kind), str(F / "lp2021.xlsx"))[1])

    def clerk(dlg):  # the modal loop, as the clerk works it: 选择文件…, then 导入
        dlg.show()
        QTest.mouseClick(dlg.choose_button, Qt.LeftButton)
        assert dlg.file_label.text().endswith("lp2021.xlsx") and dlg.ok_button.isEnabled()
        QTest.mouseClick(dlg.ok_button, Qt.LeftButton)
        return dlg.result()
    monkeypatch.setattr(ImportDialog, "exec", clerk)
    page.show()
    QTest.mouseClick(page.import_button, Qt.LeftButton)
    assert asked, "the file dialog was not opened"
    assert TaskList.select().count() == 2
    new = TaskList.select().order_by(TaskList.id.desc()).get()
    assert page.current_list_id() == new.id and page.list_combo.count() == 2
    assert alerts_log[-1][1] == "导入完成"
    from gwdesk.core.tasks import originals  # the office's file kept for 填回原表
    assert originals.stored(new.id).read_bytes() == (F / "lp2021.xlsx").read_bytes()


def _sheet(path, title, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _preview(dlg, column):
    """What the clerk reads in the 解析结果 table: one column's cells (7 本单位角色, 8 依据)."""
    m = dlg.parsed_view.model()
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


def test_import_preview_asks_about_collective_names_and_remembers_the_answer(qtbot, ctx, profile, tmp_path):
    """区直各部门 / 各成员单位 are not among the profile's groups: those rows are 可能涉及 with the question; one
    click answers it for this list, the stored lists and every later list (各区直部门 is the same group)."""
    from PySide6.QtTest import QTest

    from gwdesk.core import units
    from gwdesk.ui.tasks.import_dialog import ImportDialog
    rows = [["序号", "工作任务", "牵头单位", "责任单位"], ["1", "政策解读", "县政府办公室", "区直各部门"],
            ["2", "专项公开", "县财政局", "各成员单位"], ["3", "预算公开", "县财政局", "县发改局"]]
    dlg = ImportDialog(ctx, path=_sheet(tmp_path / "a.xlsx", "青川县2026年政务公开任务清单", rows))
    qtbot.addWidget(dlg)
    assert _preview(dlg, 7) == ["可能涉及", "可能涉及", "不涉及"]
    assert "“区直各部门”是集体名称" in _preview(dlg, 8)[0] and "请确认" in _preview(dlg, 8)[0]
    assert dlg.groups_box.isVisibleTo(dlg) and set(dlg._group_buttons) == {"区直各部门", "各成员单位"}
    yes, _ = dlg._group_buttons["区直各部门"]
    QTest.mouseClick(yes, Qt.LeftButton)
    _, no = dlg._group_buttons["各成员单位"]
    QTest.mouseClick(no, Qt.LeftButton)
    assert _preview(dlg, 7) == ["责任", "不涉及", "不涉及"]
    assert not dlg._group_buttons and set(dlg._answered_buttons) == {"区直各部门", "各成员单位"}  # shown as answered
    assert units.load().group_answers == {"区直部门": True, "成员单位": False}
    dlg.confirm()
    later = [["序号", "工作任务", "责任单位"], ["1", "政务公开培训", "各区直部门"], ["2", "年报", "全体成员单位"]]
    dlg2 = ImportDialog(ctx, path=_sheet(tmp_path / "b.xlsx", "青川县2027年政务公开任务清单", later))
    qtbot.addWidget(dlg2)
    got = list(zip(_preview(dlg2, 7), _preview(dlg2, 8)))
    assert got[0] == ("责任", "责任单位“各区直部门”包括本单位（您已确认）")
    assert got[1][0] == "可能涉及" and not dlg2.groups_box.isHidden() and set(dlg2._group_buttons) == {"全体成员单位"}
    # the earlier answer is shown where it is used, and changed in one click
    change = dlg2._answered_buttons["各区直部门"]
    assert change.text() == "改为不包括"
    QTest.mouseClick(change, Qt.LeftButton)
    assert _preview(dlg2, 7)[0] == "不涉及" and "您已确认“各区直部门”不包括本单位" in _preview(dlg2, 8)[0]
    assert units.load().group_answers["区直部门"] is False


def test_a_dated_title_addresses_the_bureau_not_the_date(qtbot, ctx, tmp_path):
    """“2024年3月财政局政务公开重点工作完成情况” with only a 责任科室 column: the bureau's own list — every row is
    the bureau's, none silently 不涉及."""
    from gwdesk.core import units
    from gwdesk.ui.tasks.import_dialog import ImportDialog
    units.save(units.Profile(name="青川县财政局", level="县级部门", supervisor="青川县人民政府"))
    rows = [["序号", "重点工作", "责任科室", "完成时限"], ["1", "预决算公开", "预算股", "2024年3月底"],
            ["2", "政府采购信息公开", "采购股、办公室", "2024年3月底"], ["3", "政策解读", "各股室", "长期坚持"]]
    dlg = ImportDialog(ctx, path=_sheet(tmp_path / "c.xlsx", "2024年3月财政局政务公开重点工作完成情况", rows))
    qtbot.addWidget(dlg)
    assert dlg.parsed.addressee == "财政局"
    assert _preview(dlg, 7) == ["责任", "责任", "责任"]
    assert all("清单下发给本单位（财政局）" in why for why in _preview(dlg, 8))


def test_report_period_defaults_to_the_lists_own_year(qtbot, ctx, profile, alerts_log, monkeypatch):
    """A 2021 list chosen on 2026-11-20: the 完成情况报告 dialog offers 2021年1月1日 to 2021年12月31日."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialog

    from gwdesk.core.tasks import service
    from gwdesk.io import tasklist
    from gwdesk.ui.tasks import page as page_mod
    service.import_parsed(tasklist.read(F / "lp2021.xlsx"), profile=profile)
    p = page_mod.Page(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 700)
    p.show()
    seen = {}

    def answer(dlg):  # the dialog as the clerk sees it, then 取消
        seen["period"] = dlg.period()
        return QDialog.Rejected

    monkeypatch.setattr(page_mod.ReportDialog, "exec", answer)
    QTest.mouseClick(p.report_button, Qt.LeftButton)
    assert seen["period"] == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def test_the_url_of_evidence_is_typed_in_a_field_wide_enough(page, qtbot, monkeypatch):
    """Issue 21 item 12: 公开网址… asks in a field a 70-character address fits in, not 200 px."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from gwdesk.ui.common import alerts
    seen = {}

    def shown(dlg):
        dlg.show()
        edit = dlg.findChild(QLineEdit)
        seen["wide"] = edit.width() >= edit.fontMetrics().horizontalAdvance("x" * 70)
        return 0  # 取消
    monkeypatch.setattr(QInputDialog, "exec", shown)
    monkeypatch.setattr(alerts, "responder", None)
    page.show()
    page.view.selectRow(0)
    QTest.mouseClick(page.detail.add_url_button, Qt.LeftButton)
    assert seen["wide"]


def test_fill_back_button_writes_the_units_progress_into_the_offices_file(page, ctx, tmp_path, alerts_log, monkeypatch):
    """填回原表…: pick the office's file, save the filled copy; this unit's rows get their progress."""
    from PySide6.QtTest import QTest

    from gwdesk.core.tasks import sample
    from gwdesk.ui.common import files
    src = tmp_path / "原表.xlsx"
    sample.write_xlsx(src, tasks_demo._localised(2026), title="青川县2026年政务公开任务清单",
                      subtitle="（2026年3月15日印发）")
    out = tmp_path / "填报.xlsx"
    picks = iter([str(src), str(out)])  # the office's file, then where the filled copy goes
    monkeypatch.setattr(files, "responder", lambda op, kind, title, start: next(picks))
    QTest.mouseClick(page.fill_back_button, Qt.LeftButton)
    assert alerts_log[-1][1] == "填回原表" and "填写本单位" in alerts_log[-1][2] and str(out) in alerts_log[-1][2]
    ws = openpyxl.load_workbook(out).active
    header = next(r for r in range(1, 10) if ws.cell(r, 2).value and "任务" in str(ws.cell(r, 2).value))
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(header, c).value in ("完成情况", "落实情况", "备注"))
    written = [ws.cell(r, col).value for r in range(header + 1, ws.max_row + 1) if ws.cell(r, col).value]
    mine = [t for t in tracking.tasks() if t.role != "不涉及"]
    assert len(written) == len(mine)  # every row of this unit, none of the others
    assert any(str(w).startswith(("已完成", "推进中", "未启动", "逾期")) for w in written)


def test_the_clerks_mapping_is_remembered_for_the_offices_next_list_of_the_same_shape(qtbot, ctx, profile, tmp_path):
    """The clerk sets 承担 (a header the reader does not know) to 责任单位 once; next year's list from the same office,
    laid out the same way, comes in with that mapping and says so; another office's list is asked again."""
    from gwdesk.ui.tasks.import_dialog import ImportDialog
    head = ["序号", "工作任务", "承担", "时间"]
    a = _sheet(tmp_path / "a.xlsx", "青川县2026年政务公开任务清单",
               [head, ["1", "养老信息公开", "县民政局", "2026年6月底"], ["2", "教育信息公开", "县教育局", "长期"]])
    dlg = ImportDialog(ctx, path=a)
    qtbot.addWidget(dlg)
    assert dlg.parsed.needs_mapping and dlg.tabs.currentIndex() == 1
    dlg.set_mapping(2, "resp")
    dlg.set_mapping(3, "deadline")
    dlg.confirm()
    assert dlg.import_result is not None
    b = _sheet(tmp_path / "b.xlsx", "青川县2027年政务公开任务清单",
               [head, ["1", "救助信息公开", "县民政局", "2027年6月底"]])
    dlg2 = ImportDialog(ctx, path=b)
    qtbot.addWidget(dlg2)
    assert dlg2.recalled and "上次为“青川县”" in dlg2.notice.text()
    assert [c.currentData() for c in dlg2._combos] == ["seq", "task", "resp", "deadline"]
    assert _preview(dlg2, 7) == ["责任"] and dlg2.parsed.tasks[0].deadline_text == "2027年6月底"
    c = _sheet(tmp_path / "c.xlsx", "旺苍县2027年政务公开任务清单", [head, ["1", "救助信息公开", "县民政局", "6月底"]])
    dlg3 = ImportDialog(ctx, path=c)
    qtbot.addWidget(dlg3)
    assert not dlg3.recalled and "核对后再导入" in dlg3.notice.text()


def test_the_clerk_fixes_a_rows_kind_and_its_unit_split_in_the_preview(qtbot, ctx, profile, tmp_path):
    """A heading typed as a row of its own is made a category; units the reader could not part (“县民政局 县财政局”)
    are split by hand into 牵头 and 责任 — the preview follows, and the import takes the fixes."""
    from PySide6.QtTest import QTest

    from gwdesk.ui.tasks.import_dialog import ImportDialog
    rows = [["序号", "工作任务", "责任单位", "完成时限"], ["", "政策解读类", "", ""],
            ["1", "做好政策解读", "县民政局 县财政局", "6月底"], ["2", "做好新闻发布", "县政府办", "12月底"]]
    dlg = ImportDialog(ctx, path=_sheet(tmp_path / "a.xlsx", "青川县2026年政务公开任务清单", rows))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.tabs.setCurrentIndex(0)
    view = dlg.parsed_view

    def click(row):
        QTest.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(view.model().index(row, 2)).center())

    assert _preview(dlg, 2)[0] == "政策解读类" and not dlg.kind_buttons["category"].isEnabled()
    click(0)
    assert dlg.kind_buttons["category"].isEnabled() and not dlg.kind_buttons["section_task"].isEnabled()
    QTest.mouseClick(dlg.kind_buttons["category"], Qt.LeftButton)
    assert [t.task for t in dlg.parsed.tasks] == ["做好政策解读", "做好新闻发布"]
    assert _preview(dlg, 1) == ["政策解读类", "政策解读类"]
    click(0)
    assert dlg.resp_edit.text() == "县民政局县财政局"  # one name as read (the space between them dropped)
    # typed through an input method (QTest cannot send 汉字 as key events offscreen): the text as it arrives
    dlg.lead_edit.setText("县民政局")
    dlg.resp_edit.setText("县财政局、")
    QTest.keyClick(dlg.resp_edit, Qt.Key_Backspace)
    QTest.mouseClick(dlg.units_button, Qt.LeftButton)
    assert _preview(dlg, 3)[0] == "县民政局" and _preview(dlg, 4)[0] == "县财政局" and _preview(dlg, 7)[0] == "牵头"
    dlg.confirm()
    t = Task.get(Task.task == "做好政策解读")
    assert (t.category, t.lead_units, t.resp_units, t.auto_role) == ("政策解读类", ["县民政局"], ["县财政局"], "牵头")
    assert Task.select().where(Task.task == "政策解读类").count() == 0


def test_the_clerk_makes_a_heading_row_a_task(qtbot, ctx, profile, tmp_path):
    """A row across the table read as the category of the rows below is, the clerk says, a task of its own."""
    from PySide6.QtTest import QTest

    from gwdesk.ui.tasks.import_dialog import ImportDialog
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["青川县2026年政务公开任务清单"])
    for r in (["序号", "工作任务", "责任单位", "完成时限"], ["做好年度报告编制发布工作"], ["1", "做好新闻发布", "县政府办", "12月底"]):
        ws.append(r)
    ws.merge_cells("A3:D3")
    wb.save(tmp_path / "a.xlsx")
    dlg = ImportDialog(ctx, path=tmp_path / "a.xlsx")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.tabs.setCurrentIndex(0)
    assert _preview(dlg, 1) == ["做好年度报告编制发布工作"] and _preview(dlg, 2) == ["做好新闻发布"]
    view = dlg.parsed_view
    QTest.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(view.model().index(0, 2)).center())
    assert dlg.kind_buttons["section_task"].isEnabled()
    QTest.mouseClick(dlg.kind_buttons["section_task"], Qt.LeftButton)
    assert [(t.category, t.task) for t in dlg.parsed.tasks] == [("", "做好年度报告编制发布工作"), ("", "做好新闻发布")]
    QTest.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(view.model().index(1, 2)).center())
    QTest.mouseClick(dlg.kind_buttons["skip"], Qt.LeftButton)  # and the other row is no task at all
    assert [t.task for t in dlg.parsed.tasks] == ["做好年度报告编制发布工作"] and _preview(dlg, 2) == ["做好年度报告编制发布工作"]


def test_a_long_evidence_name_is_read_without_scrolling_sideways(page, tmp_path, alerts_log, monkeypatch):
    """Seen under Xvfb at 1366×768: a 70-character file name (as clerks name 佐证材料) ran out of the 佐证材料 list and
    it took a sideways scroll bar to read it. It wraps, like the 推进落实情况 list above it."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from gwdesk.ui.common import files
    name = "青川县民政局关于2026年度城乡居民最低生活保障资金发放情况及分乡镇明细表的公示截图与网页存档材料.pdf"
    src = tmp_path / name
    src.write_bytes(b"%PDF-1.4 evidence")
    monkeypatch.setattr(files, "responder", lambda op, kind, title, start: str(src))
    page.resize(1246, 660)
    page.show()
    page.view.selectRow(0)
    d = page.detail
    QTest.mouseClick(d.add_file_button, Qt.LeftButton)
    QApplication.processEvents()
    assert d.evidence.count() == 1 and name in d.evidence.item(0).text()
    assert d.evidence.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("choice, typed, saved, magic", [
    (1, "报告.docx", "报告.docx.pdf", b"%PDF"),   # 格式 PDF, a Word name typed: a PDF, named as one
    (0, "报告.pdf", "报告.pdf.docx", b"PK"),       # 格式 Word, a PDF name typed: a Word file, named as one
    (1, "报告", "报告.pdf", b"%PDF"),
])
def test_report_file_type_follows_the_chosen_format(qtbot, ctx, profile, alerts_log, monkeypatch, tmp_path,
                                                   choice, typed, saved, magic):
    # QA walk: the 完成情况报告 dialog's 格式 was ignored when the typed name had another extension
    from PySide6.QtWidgets import QDialog, QFileDialog, QLineEdit

    from gwdesk.ui.common import files
    from gwdesk.ui.tasks import page as page_mod
    tasks_demo.load(ctx)
    p = page_mod.Page(ctx)
    qtbot.addWidget(p)
    p.show()

    def choose(dlg):  # 格式 picked with the keyboard, then 确定
        dlg.show()
        dlg.fmt.setFocus()
        QTest.keyClick(dlg.fmt, Qt.Key_Home)
        for _ in range(choice):
            QTest.keyClick(dlg.fmt, Qt.Key_Down)
        dlg.accept()
        return dlg.result()

    def typing_exec(dlg):  # Qt's own save dialog, the name typed and Enter
        dlg.setOption(QFileDialog.DontUseNativeDialog, True)
        dlg.setDirectory(str(tmp_path))
        dlg.show()
        name = next(e for e in dlg.findChildren(QLineEdit) if e.isVisible())
        name.setText(str(tmp_path / typed))
        QTest.keyClick(name, Qt.Key_Return)
        return dlg.result()

    monkeypatch.setattr(page_mod.ReportDialog, "exec", choose)
    monkeypatch.setattr(QFileDialog, "exec", typing_exec)
    monkeypatch.setattr(files, "responder", None)
    QTest.mouseClick(p.report_button, Qt.LeftButton)
    out = tmp_path / saved
    assert out.exists(), (sorted(x.name for x in tmp_path.iterdir()), alerts_log)
    assert out.read_bytes()[:len(magic)] == magic
    assert not (tmp_path / typed).exists() or typed == saved
    assert alerts_log[-1][0] == "info" and str(out) in alerts_log[-1][2]
