"""任务台账 → 填回原表…, clicked as a clerk does (QTest), the file dialogs answered through ui/common/files' seam."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from PySide6.QtCore import Qt

from gwdesk.core.tasks import originals
from gwdesk.ui.common import files
from test_fillback import build, desc, import_list, record_progress


@pytest.fixture
def dialogs():
    """files.responder answering from `answers` (op → list of paths, used in turn)."""
    answers: dict[str, list[str]] = {}
    files.history.clear()
    files.responder = lambda op, kind, title, start: (answers.get(op) or [""]).pop(0)
    yield answers
    files.responder = None
    files.history.clear()


def _page(qtbot, ctx, list_id):
    from gwdesk.ui.tasks.page import Page
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.list_combo.setCurrentIndex(page.list_combo.findData(list_id))
    return page


def test_button_fills_the_kept_original(qtbot, ctx, profile, alerts_log, dialogs, tmp_path):
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout"))
    lid = import_list(src)
    expected = record_progress(lid, [1, 3], tmp_path)
    page = _page(qtbot, ctx, lid)
    out = tmp_path / "报送" / "回报.xlsx"
    out.parent.mkdir()
    dialogs["save"] = [str(out)]
    qtbot.mouseClick(page.fill_back_button, Qt.LeftButton)
    ws = openpyxl.load_workbook(out).active
    assert (ws["C3"].value, ws["C5"].value) == (expected[1], expected[3])
    op, kind, _title, start = files.history[-1]
    assert (op, kind) == ("save", "tasks_export") and start.endswith("（青川县民政局填报）.xlsx")
    assert alerts_log[-1][:2] == ("info", "填回原表") and "原表的“进展情况”列填写本单位2处" in alerts_log[-1][2]
    assert page.fill_back_button.geometry().right() <= page.width()  # the bar fits 1366 px


def test_button_asks_for_the_original_of_an_older_list(qtbot, ctx, profile, alerts_log, dialogs, tmp_path):
    src = build(tmp_path, desc("zj_shaoxing_2020_holdout"))
    lid = import_list(src)
    expected = record_progress(lid, [2], tmp_path)
    shutil.rmtree(originals.folder(lid))  # imported before gwdesk kept the office's file
    other = build(tmp_path, desc("ah_shucheng_2024_holdout"))
    page = _page(qtbot, ctx, lid)
    out = tmp_path / "回报.xlsx"
    dialogs["open"] = [str(other)]
    dialogs["save"] = [str(out)]
    qtbot.mouseClick(page.fill_back_button, Qt.LeftButton)
    assert alerts_log[-1][0] == "warn" and "不是这份清单的原表" in alerts_log[-1][2]
    assert not out.exists() and originals.stored(lid) is None
    dialogs["open"] = [""]  # 取消: nothing happens
    qtbot.mouseClick(page.fill_back_button, Qt.LeftButton)
    assert not out.exists()
    dialogs["open"] = [str(src)]
    qtbot.mouseClick(page.fill_back_button, Qt.LeftButton)
    assert openpyxl.load_workbook(out).active["C4"].value == expected[2]
    assert originals.stored(lid).read_bytes() == src.read_bytes()  # kept: not asked again
    dialogs["save"] = [str(tmp_path / "again.xlsx")]
    qtbot.mouseClick(page.fill_back_button, Qt.LeftButton)
    assert (tmp_path / "again.xlsx").is_file() and [h[0] for h in files.history].count("open") == 3
