"""导入台账: pick an xlsx, check or change which column holds which field, preview, import all or nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QTableView, QVBoxLayout)

from gwdesk.ui.common.dialog import Dialog
from gwdesk.errors import GwdeskError, ImportRejected
from gwdesk.io import ledger_xlsx as lx
from gwdesk.ui.common import alerts
from gwdesk.ui.common.table_model import Column, RowsModel
from gwdesk.ui.common.inputs import ComboBox

PREVIEW_ROWS = 8


class ImportDialog(Dialog):
    def __init__(self, path: str | Path, parent=None, today=None):
        """`today`: the ledger's today (an answer dated after it is refused); the computer's date when None."""
        super().__init__(parent)
        self.today = today
        self.path = Path(path)
        self.imported = 0
        self.data = lx.read(self.path)  # raises ImportRejected for a file that is no ledger
        self.setWindowTitle(self.tr("导入台账：{0}").format(self.path.name))
        self.resize(1000, 620)
        v = QVBoxLayout(self)
        v.addWidget(QLabel(self.tr("工作表“{0}”，表头在第{1}行，共{2}行数据。请核对每一项对应的列：")
                           .format(self.data.sheet, self.data.header_row, len(self.data.rows))))
        box = QGroupBox(self.tr("列对应"))
        grid = QHBoxLayout(box)
        forms = [QFormLayout(), QFormLayout()]
        self.combos: dict[str, QComboBox] = {}
        for n, (field, (title, _)) in enumerate(lx.FIELDS.items()):
            combo = ComboBox()
            combo.addItem(self.tr("（不导入）"), -1)
            for i, h in enumerate(self.data.headers):
                if h:
                    combo.addItem(h, i)
            mapped = self.data.mapping.get(field)
            if mapped is not None:
                combo.setCurrentIndex(combo.findData(mapped))
            combo.currentIndexChanged.connect(self.refresh)
            self.combos[field] = combo
            label = title + ("＊" if field in lx.REQUIRED else "")
            forms[n % 2].addRow(label, combo)
        grid.addLayout(forms[0])
        grid.addLayout(forms[1])
        v.addWidget(box)
        v.addWidget(QLabel(self.tr("预览（前{0}行，按上面的对应读取）：").format(PREVIEW_ROWS)))
        self.preview = QTableView()
        self.preview.verticalHeader().setVisible(False)
        v.addWidget(self.preview, 1)
        note = QLabel(self.tr("带＊的为必需项。导入时逐行检查，有任何问题则整批不导入，并列出每处问题所在的行。"))
        note.setStyleSheet("color:#555")
        v.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("导入"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.do_import)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.refresh()

    def mapping(self) -> dict[str, int]:
        return {f: c.currentData() for f, c in self.combos.items() if c.currentData() is not None
                and c.currentData() >= 0}

    def refresh(self, *_):
        m = self.mapping()
        fields = [f for f in lx.FIELDS if f in m]
        cols = [Column(lx.FIELDS[f][0], (lambda f: lambda r: _interpret(f, r[1][m[f]] if m[f] < len(r[1]) else None))(f))
                for f in fields]
        model = RowsModel([Column(self.tr("行"), lambda r: r[0]), *cols], self.data.rows[:PREVIEW_ROWS], self)
        self.preview.setModel(model)
        self.preview.setColumnWidth(0, 40)

    def do_import(self):
        try:
            self.imported = lx.import_ledger(self.path, self.mapping(), self.data.sheet, today=self.today)
        except ImportRejected as e:
            alerts.error(self, self.tr("未导入"), e.message if len(e.problems) <= 1 else
                         self.tr("{0}\n\n共{1}处问题，详见“详细信息”。").format(e.message, len(e.problems)),
                         detail="\n".join(e.problems))
            return
        except GwdeskError as e:
            alerts.error(self, self.tr("未导入"), e.message)
            return
        alerts.info(self, self.tr("导入完成"), self.tr("已导入{0}件申请。").format(self.imported))
        self.accept()


_PARSERS = {"received": lx.parse_date, "closed": lx.parse_date, "applicant_type": lx.parse_type,
            "channel": lx.parse_channel, "outcome": lx.parse_outcome}


def _interpret(field: str, v) -> str:
    """How the import will read a cell: normalised dates, types and outcomes; ✗ marks what it cannot read."""
    parser = _PARSERS.get(field)
    if parser is None:
        return _show(v)
    try:
        return _show(parser(v))
    except ValueError:
        return "✗ " + _show(v)


def _show(v) -> str:
    if v is None:
        return ""
    if hasattr(v, "isoformat"):
        return v.isoformat()[:10]
    return str(v)
