"""The 意见单 editor's checkbox groups (不予公开理由, 依申请公开理由, 条例第二十一条事项, 发布渠道) flow into as many columns as
fit their width. Seen at 1366×768: three columns of the long 依申请公开理由 made the form 18 px wider than its
scroll area, so every field scrolled sideways beside the 送审前还缺 panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from gwdesk.core import demo
from gwdesk.core.formdef import Field
from gwdesk.ui.review.fields import MultiWidget

LONG = [(f"k{i}", f"条例第十九条、第二十条：第{i}项较长的理由文字") for i in range(5)]


@pytest.fixture
def multi(qtbot):
    w = MultiWidget(Field(key="request_reasons", label="依申请公开理由", type="multichoice"), LONG, columns=3)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _rows(w: MultiWidget) -> list[int]:
    return [w.grid.getItemPosition(w.grid.indexOf(box))[0] for _, box in w.boxes]


def test_narrow_flows_into_fewer_columns_and_wide_gets_them_back(qtbot, multi):
    one = multi._cell
    multi.resize(one * 3 + 40, 200)
    qtbot.waitUntil(lambda: multi.columns == 3)
    assert _rows(multi) == [0, 0, 0, 1, 1]
    multi.resize(one + 10, 200)
    qtbot.waitUntil(lambda: multi.columns == 1)
    assert _rows(multi) == [0, 1, 2, 3, 4]
    assert multi.minimumSizeHint().width() <= one  # the form may make it that narrow
    multi.resize(one * 2 + 20, 200)
    qtbot.waitUntil(lambda: multi.columns == 2)
    assert _rows(multi) == [0, 0, 1, 1, 2]


def test_ticks_are_kept_and_each_box_still_ticks_its_own_option(qtbot, multi):
    multi.resize(multi._cell * 3 + 40, 200)
    qtbot.waitUntil(lambda: multi.columns == 3)
    box = dict(multi.boxes)
    QTest.mouseClick(box["k1"], Qt.LeftButton, pos=QPoint(8, box["k1"].height() // 2))
    multi.resize(multi._cell + 10, 200)
    qtbot.waitUntil(lambda: multi.columns == 1)
    assert multi.value() == ["k1"]
    QTest.mouseClick(box["k4"], Qt.LeftButton, pos=QPoint(8, box["k4"].height() // 2))
    assert multi.value() == ["k1", "k4"]


@pytest.mark.parametrize("width", [1366, 1280])
def test_the_editor_does_not_scroll_sideways_on_a_laptop_screen(qtbot, ctx, profile, alerts_log, width):
    """The main window as wide as a 1366- or 1280-px laptop screen: a new 意见单's form fits its scroll area beside
    the side panel (three columns of 依申请公开理由 made it 820 px at the least), the long reason groups in fewer
    columns, and no group wider than the form gives it."""
    from gwdesk.ui.main_window import MainWindow
    demo.load(ctx)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.showNormal()  # (a small screen opens it maximised: here the offscreen screen is 800 px)
    win.resize(width, 700)
    qtbot.waitUntil(lambda: win.width() == width)
    win.open_section("review")
    QTest.mouseClick(win.pages["review"].buttons["新建意见单"], Qt.LeftButton)
    editor = win.pages["review"].editor
    QApplication.processEvents()
    qtbot.waitUntil(lambda: editor.scroll.horizontalScrollBar().maximum() == 0)
    assert editor.scroll.widget().width() <= editor.scroll.viewport().width()
    groups = {k: w for k, w in editor.widgets.items() if isinstance(w, MultiWidget)}
    assert {"reasons", "request_reasons", "topics"} <= set(groups)
    assert groups["request_reasons"].columns < groups["request_reasons"].max_columns
    for key, w in groups.items():
        assert w.columns * w._cell - w.grid.horizontalSpacing() <= w.width() or w.columns == 1, key
