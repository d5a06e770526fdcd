"""年度统计: a year's table 三 and table 四 as the annual report will take them, and locking a sent year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableView, QVBoxLayout)

from gwdesk.ui.common.dialog import Dialog
from gwdesk.core.applications import APPLICANT_TYPES, CASE_RESULTS, TABLE3_ROWS, aggregate, outcome_label
from gwdesk.ui.common import alerts
from gwdesk.ui.common.table_model import Column, RowsModel
from gwdesk.ui.common.inputs import ComboBox, SpinBox

ROW_LABELS = {"1": "一、本年新收政府信息公开申请数量", "2": "二、上年结转政府信息公开申请数量",
              "3.7": "（七）总计", "4": "四、结转下年度继续办理"}
T4_LABELS = {"review": "行政复议", "litigation_direct": "行政诉讼 · 未经复议直接起诉",
             "litigation_after_review": "行政诉讼 · 复议后起诉"}
RIGHT = Qt.AlignRight | Qt.AlignVCenter


class FiguresDialog(Dialog):
    def __init__(self, ctx, year: int | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("依申请公开年度统计"))
        self.resize(1060, 760)
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度")))
        self.year = SpinBox()
        self.year.setRange(2008, 2100)
        self.year.setValue(year or ctx.today().year)
        top.addWidget(self.year)
        self.state = QLabel()
        self.state.setWordWrap(True)
        top.addWidget(self.state, 1)
        self.lock_button = QPushButton()
        self.lock_button.clicked.connect(self.toggle_lock)
        top.addWidget(self.lock_button)
        v.addLayout(top)
        cols = [Column(self.tr("项目"), lambda r: r[0])]
        for i, t in enumerate([*APPLICANT_TYPES, "总计"]):
            cols.append(Column(t, (lambda i: lambda r: r[1][i])(i), align=RIGHT, width=70))
        self.t3 = RowsModel(cols, parent=self)
        view3 = QTableView()
        view3.setModel(self.t3)
        view3.verticalHeader().setVisible(False)
        view3.verticalHeader().setDefaultSectionSize(22)
        view3.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        for c in range(1, 8):
            view3.setColumnWidth(c, 92)
        v.addWidget(QLabel(self.tr("表三　收到和处理政府信息公开申请情况")))
        v.addWidget(view3, 3)
        cols4 = [Column(self.tr("类别"), lambda r: r[0])]
        for i, t in enumerate([*CASE_RESULTS, "总计"]):
            cols4.append(Column(t, (lambda i: lambda r: r[1][i])(i), align=RIGHT))
        self.t4 = RowsModel(cols4, parent=self)
        view4 = QTableView()
        view4.setModel(self.t4)
        view4.verticalHeader().setVisible(False)
        view4.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        view4.verticalHeader().setDefaultSectionSize(22)
        view4.setFixedHeight(4 * 22 + 8)
        head4 = QHBoxLayout()
        head4.addWidget(QLabel(self.tr("表四　政府信息公开行政复议、行政诉讼情况")))
        head4.addStretch(1)
        head4.addWidget(QLabel(self.tr("统计口径")))
        self.table4_mode = ComboBox()
        for mode, text in aggregate.TABLE4_MODES.items():
            self.table4_mode.addItem(text.split("：")[0], mode)
            self.table4_mode.setItemData(self.table4_mode.count() - 1, text, Qt.ToolTipRole)
        self.table4_mode.setCurrentIndex(self.table4_mode.findData(aggregate.table4_mode()))
        self.table4_mode.currentIndexChanged.connect(self.set_table4_mode)
        head4.addWidget(self.table4_mode)
        v.addLayout(head4)
        self.table4_note = QLabel()
        self.table4_note.setWordWrap(True)
        self.table4_note.setStyleSheet("color:#555")
        v.addWidget(self.table4_note)
        v.addWidget(view4)
        self.diffs = QLabel()
        self.diffs.setWordWrap(True)
        v.addWidget(self.diffs)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.year.valueChanged.connect(self.load)
        self.load()

    def load(self, *_):
        y = self.year.value()
        t3, t4 = aggregate.table3(y), aggregate.table4(y)
        self.t3.set_rows([(f"{k}  {ROW_LABELS.get(k) or outcome_label(k, short=True)}", t3[k]) for k in TABLE3_ROWS])
        self.t4.set_rows([(T4_LABELS[k], t4[k]) for k in aggregate.TABLE4_KEYS])
        self.table4_note.setText(self.tr("表四{0}。").format(aggregate.TABLE4_MODES[aggregate.year_mode(y)]))
        today = self.ctx.today()
        unfinished = (self.tr("<span style='color:#b26a00'>{0}年尚未结束（今天是{1}），以下是截至今天的数字。</span>")
                      .format(y, today.isoformat()) if today.year <= y else "")
        if t3.frozen:
            self.state.setText(self.tr("{0}年数据已于{1}锁定：年度报告使用锁定时的数字。").format(y, t3.frozen_at[:10]))
            self.lock_button.setText(self.tr("解除锁定…"))
            diffs = aggregate.frozen_differences(y)
            self.diffs.setText(self.tr("<span style='color:#b26a00'>锁定后台账有改动，以下数字与现在的台账不同：{0}</span>")
                               .format("；".join(diffs[:12]) + ("……" if len(diffs) > 12 else "")) if diffs else "")
        else:
            self.state.setText(unfinished + self.tr("按台账实时统计。年度报告报送后请锁定，以免之后修改旧申请时数字悄悄变化。"))
            self.lock_button.setText(self.tr("锁定本年度数据"))
            self.diffs.setText("")

    def set_table4_mode(self, *_):
        aggregate.set_table4_mode(self.table4_mode.currentData())
        self.load()

    def toggle_lock(self):
        y = self.year.value()
        if aggregate.is_frozen(y):
            if alerts.ask(self, self.tr("解除锁定"), self.tr("解除{0}年数据的锁定？之后统计将按台账重新计算。").format(y)):
                aggregate.unfreeze(y)
        elif alerts.ask(self, self.tr("锁定年度数据"),
                        self.tr("锁定{0}年的表三、表四数字？锁定后年度报告始终使用现在的数字。").format(y)):
            aggregate.freeze(y)
        self.load()
