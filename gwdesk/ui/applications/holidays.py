"""节假日设置: the user's holiday table (放假 and 调休上班 days) that overrides or extends chinese-calendar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableView, QVBoxLayout)

from gwdesk.ui.common.dialog import Dialog
from gwdesk.core import workdays as wd
from gwdesk.errors import GwdeskError
from gwdesk.ui.applications.widgets import DateEdit
from gwdesk.ui.common import alerts
from gwdesk.ui.common.table_model import Column, RowsModel
from gwdesk.ui.common.inputs import ComboBox, SpinBox

WEEKDAYS = "一二三四五六日"
KIND_LABELS = {"休": "休（放假）", "班": "班（调休上班）"}


class HolidayDialog(Dialog):
    """Edit one year's entries; saving replaces that year's entries in one transaction."""

    def __init__(self, ctx, year: int | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("节假日设置"))
        self.resize(620, 520)
        v = QVBoxLayout(self)
        intro = QLabel(self.tr("计算答复期限时，工作日以国务院办公厅公布的放假安排为准（内置数据收录到{0}年）。"
                               "新一年的安排公布后，或本地另有调整时，在此补录：“休”为放假日，“班”为调休上班日。"
                               "这里的设置优先于内置数据。未收录的年份先按法定节日（元旦、春节、清明、劳动节、端午、"
                               "中秋、国庆）和周一至周五计算；把该年的放假和调休全部录入后，请勾选“已完整录入”。")
                       .format(wd.last_known_year()))
        intro.setWordWrap(True)
        v.addWidget(intro)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度")))
        self.year = SpinBox()
        self.year.setRange(2004, 2100)
        self.year.setValue(year or ctx.today().year + 1)
        top.addWidget(self.year)
        self.coverage = QLabel()
        top.addWidget(self.coverage, 1)
        v.addLayout(top)
        self.model = RowsModel([
            Column(self.tr("日期"), lambda r: f"{r[0].isoformat()}（星期{WEEKDAYS[r[0].weekday()]}）",
                   sort_key=lambda r: r[0]),
            Column(self.tr("类型"), lambda r: KIND_LABELS.get(r[1], r[1])),
            Column(self.tr("说明"), lambda r: r[2]),
        ])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.view.setColumnWidth(0, 170)
        self.view.setColumnWidth(1, 120)
        v.addWidget(self.view)
        add = QHBoxLayout()
        self.day = DateEdit(dt.date(self.year.value(), 1, 1))
        self.kind = ComboBox()
        for k, label in KIND_LABELS.items():
            self.kind.addItem(label, k)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("如：春节、国庆节调休"))
        add_button = QPushButton(self.tr("添加"))
        add_button.clicked.connect(self.add_row)
        remove_button = QPushButton(self.tr("删除所选"))
        remove_button.clicked.connect(self.remove_selected)
        for w in (self.day, self.kind, self.note):
            add.addWidget(w)
        add.addWidget(add_button)
        add.addWidget(remove_button)
        v.addLayout(add)
        self.complete = QCheckBox(self.tr("本年度的放假和调休安排已完整录入（不再提示期限可能不准确）"))
        v.addWidget(self.complete)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Save).setText(self.tr("保存本年度"))
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.year.valueChanged.connect(self.load)
        self.load()

    def load(self, *_):
        y = self.year.value()
        self.rows = list(wd.holidays(y))
        self.model.set_rows(self.rows)
        self.day.set_value(dt.date(y, 1, 1))
        known = wd.calendar_knows(y)
        self.complete.setEnabled(not known)
        self.complete.setChecked(known or y in wd.complete_years())
        if known:
            self.coverage.setText(self.tr("内置数据已收录{0}年").format(y))
        elif y in wd.complete_years():
            self.coverage.setText(self.tr("{0}年按本表计算（已完整录入）").format(y))
        elif self.rows:
            self.coverage.setText(self.tr("<span style='color:#b26a00'>{0}年按本表和法定节日计算，尚未标记为完整录入"
                                          "</span>").format(y))
        else:
            self.coverage.setText(self.tr("<span style='color:#b26a00'>{0}年尚无调休数据，目前按法定节日和周一至周五"
                                          "计算</span>").format(y))

    def add_row(self):
        problem = self.day.problem(self.tr("日期"))
        if problem:
            alerts.warn(self, self.tr("日期无效"), problem)
            return
        d = self.day.value()
        if d.year != self.year.value():
            alerts.warn(self, self.tr("日期不在本年度"), self.tr("{0}不属于{1}年。").format(d.isoformat(), self.year.value()))
            return
        self.rows = [r for r in self.rows if r[0] != d] + [(d, self.kind.currentData(), self.note.text().strip())]
        self.rows.sort()
        self.model.set_rows(self.rows)

    def remove_selected(self):
        picked = {self.model.row_at(i.row())[0] for i in self.view.selectionModel().selectedRows()}
        self.rows = [r for r in self.rows if r[0] not in picked]
        self.model.set_rows(self.rows)

    def save(self):
        try:
            wd.replace_year(self.year.value(), self.rows)
            if not wd.calendar_knows(self.year.value()):
                wd.mark_complete(self.year.value(), self.complete.isChecked())
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法保存"), e.message)
            return
        self.load()
        alerts.info(self, self.tr("已保存"), self.tr("{0}年的节假日设置已保存，答复期限将按新设置计算。")
                    .format(self.year.value()))
