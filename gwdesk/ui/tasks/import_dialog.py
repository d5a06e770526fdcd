"""导入任务清单: file → sheet → preview (+ column mapping when detection is unsure) → confirm.

Nothing is saved until 导入 is pressed; on a re-import the dialog shows beforehand what will be
new, changed and gone (computed in a rolled-back transaction). When other lists of the same issuer and year
are stored, 导入为 offers each as “its new version” beside “a new list”, preselected as service.plan decides;
when the plan is to ask (the file could be either, or a revision would remove a task with progress or
evidence) nothing is preselected and 导入 waits for the clerk's choice, with the tasks that would be removed
named.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwdesk.core.tasks import mappings, service
from gwdesk.errors import GwdeskError
from gwdesk.io import tasklist
from gwdesk.io.tasklist import FIELD_LABELS, FIELDS
from gwdesk.ui.common import alerts, files
from gwdesk.ui.common.dialog import Dialog
from gwdesk.ui.common.table_model import Column, RowsModel
from gwdesk.ui.common.date_line import DateField
from gwdesk.ui.common.inputs import ComboBox, SpinBox

IGNORE = "（不导入）"


class ImportDialog(Dialog):
    def __init__(self, ctx, parent=None, path: Path | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("导入任务清单"))
        self.resize(1100, 720)
        self.path: Path | None = None
        self.parsed: tasklist.ParsedList | None = None
        self.mapping: dict[int, str | None] | None = None  # the clerk's choice, once touched
        self.import_result: service.ImportResult | None = None
        self.profile = ctx.profile()
        self._combos: list[QComboBox] = []
        self._busy = False
        self.recalled = False  # the mapping came from the clerk's choice for this office's earlier list

        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = QLabel(self.tr("尚未选择文件"))
        self.choose_button = QPushButton(self.tr("选择文件…"))
        top.addWidget(QLabel(self.tr("文件：")))
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        lay.addLayout(top)

        form = QFormLayout()
        self.sheet = ComboBox()
        self.issuer = QLineEdit()
        self.year = SpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.today().year)  # not 2000 while the file is being chosen
        self.issued = DateField(optional=True, today=ctx.today)
        meta = QHBoxLayout()
        meta.addWidget(QLabel(self.tr("下发单位")))
        meta.addWidget(self.issuer, 1)
        meta.addWidget(QLabel(self.tr("年度")))
        meta.addWidget(self.year)
        meta.addWidget(QLabel(self.tr("印发日期")))
        meta.addWidget(self.issued)
        form.addRow(self.tr("工作表"), self.sheet)
        form.addRow(self.tr("清单"), meta)
        lay.addLayout(form)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b26a00;")
        lay.addWidget(self.notice)

        # collective addressees (各…, 有关单位…) that made rows 可能涉及: the clerk answers once per group, remembered
        self.groups_box = QWidget()
        self.groups_grid = QGridLayout(self.groups_box)
        self.groups_grid.setContentsMargins(0, 0, 0, 0)
        self.groups_box.hide()
        self._group_buttons: dict[str, tuple[QPushButton, QPushButton]] = {}
        lay.addWidget(self.groups_box)

        self.tabs = QTabWidget()
        # source preview with one mapping picker per column
        source = QWidget()
        sl = QVBoxLayout(source)
        sl.addWidget(QLabel(self.tr("每一列对应的内容（识别不准时请在这里改）：")))
        self.map_grid = QGridLayout()
        sl.addLayout(self.map_grid)
        self.source_model = RowsModel([])
        self.source_view = QTableView()
        self.source_view.setModel(self.source_model)
        self.source_view.setWordWrap(False)
        self.source_view.verticalHeader().setVisible(False)
        sl.addWidget(self.source_view, 1)
        # parsed tasks with deadline and role
        self.parsed_model = RowsModel([
            Column(self.tr("序号"), lambda a: a.parsed.sequence),
            Column(self.tr("类别"), lambda a: (a.parsed.subcategory or a.parsed.category)[:24]),
            Column(self.tr("工作任务"), lambda a: (f"{a.parsed.task}：" if a.parsed.task and a.parsed.measure else "")
                   + (a.parsed.task if not a.parsed.measure else a.parsed.measure)[:80]),
            Column(self.tr("牵头单位"), lambda a: "、".join(a.parsed.lead_units)),
            Column(self.tr("责任单位"), lambda a: "、".join(a.parsed.resp_units)),
            Column(self.tr("完成时限"), lambda a: a.deadline.text),
            Column(self.tr("识别为"), lambda a: a.deadline.label + (self.tr("（请核对）") if a.deadline.flag else "")
                   if a.deadline.kind != "text" else
                   {"range": self.tr("时间段，待定"), "relative": self.tr("相对时限")}.get(a.deadline.flag,
                                                                                      self.tr("待定"))),
            Column(self.tr("本单位角色"), lambda a: a.match.role),
            Column(self.tr("依据"), lambda a: a.match.reason),
        ], row_tone=lambda a: "soon" if a.match.role == "可能涉及" else None)
        self.parsed_view = QTableView()
        self.parsed_view.setModel(self.parsed_model)
        self.parsed_view.verticalHeader().setVisible(False)
        self.parsed_view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.parsed_view.horizontalHeader().setStretchLastSection(True)
        parsed_page = QWidget()
        pl = QVBoxLayout(parsed_page)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.parsed_view, 1)
        # the clerk's fixes of one row: what it is, and how its units split into 牵头 and 责任
        fix = QHBoxLayout()
        self.kind_buttons = {kind: QPushButton(label) for kind, label in (
            ("category", self.tr("是类别行")), ("skip", self.tr("不是任务")),
            ("section_task", self.tr("上方的类别行是任务")))}
        self.lead_edit = QLineEdit()
        self.resp_edit = QLineEdit()
        for e, hint in ((self.lead_edit, self.tr("牵头单位，用、分隔")), (self.resp_edit, self.tr("责任单位，用、分隔"))):
            e.setPlaceholderText(hint)
        self.units_button = QPushButton(self.tr("改单位"))
        fix.addWidget(QLabel(self.tr("选中的行：")))
        for b in self.kind_buttons.values():
            fix.addWidget(b)
        fix.addWidget(QLabel(self.tr("牵头")))
        fix.addWidget(self.lead_edit, 1)
        fix.addWidget(QLabel(self.tr("责任")))
        fix.addWidget(self.resp_edit, 1)
        fix.addWidget(self.units_button)
        pl.addLayout(fix)
        self.row_fixes: dict[int, str] = {}  # grid row → task / category / skip
        self.unit_fixes: dict[int, tuple[list[str], list[str]]] = {}
        self._set_fix_enabled(False)
        self.tabs.addTab(parsed_page, self.tr("解析结果"))
        self.tabs.addTab(source, self.tr("原表与列对应"))
        lay.addWidget(self.tabs, 1)

        # 导入为: a new list, or the new version of one of the stored lists of this issuer and year
        self.target_box = QGroupBox(self.tr("导入为"))
        self.target_layout = QVBoxLayout(self.target_box)
        self.target_layout.setContentsMargins(6, 2, 6, 2)
        self.target_group = QButtonGroup(self)
        self.target_group.setExclusive(True)
        self.target_group.idClicked.connect(lambda _id: self._choice_changed())
        self.target_question = QLabel()
        self.target_question.setWordWrap(True)
        self.target_question.setStyleSheet("color: #b26a00; font-weight: bold;")
        self.target_layout.addWidget(self.target_question)
        self.target_box.hide()
        self.target: service.Target | None = None
        self._target_key: tuple | None = None
        lay.addWidget(self.target_box)

        self.changes = QLabel()
        self.changes.setWordWrap(True)
        self.changes.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.changes)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("导入"))
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        lay.addWidget(self.buttons)

        self.choose_button.clicked.connect(self._choose)
        self.parsed_view.selectionModel().currentRowChanged.connect(self._row_selected)
        for kind, b in self.kind_buttons.items():
            b.clicked.connect(lambda _checked=False, k=kind: self.fix_row_kind(k))
        self.units_button.clicked.connect(self._units_changed)
        self.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.issuer.editingFinished.connect(self._update_changes)
        self.year.valueChanged.connect(self._update_changes)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        if path is not None:
            self.load_file(Path(path))

    # ---- steps ---------------------------------------------------------------------------------
    def _choose(self) -> None:
        path = files.open_file(self, "tasklist", self.tr("选择任务清单"),
                               self.tr("任务清单 (*.xlsx *.docx);;所有文件 (*)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> bool:
        """Step 1: read the file's sheets; a bad file is refused with the reason, nothing else changes."""
        try:
            sheets = tasklist.list_sheets(path)
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法导入"), e.message)
            return False
        if not sheets:
            alerts.warn(self, self.tr("无法导入"), self.tr("文件中没有内容：") + path.name)
            return False
        self.path = path
        self.file_label.setText(str(path))
        self._busy = True
        self.sheet.clear()
        for s in sheets:
            self.sheet.addItem(f"{s.name}（{s.rows}行{'，像任务清单' if s.has_header else ''}）", s.name)
        best = next((i for i, s in enumerate(sheets) if s.has_header), 0)
        self.sheet.setCurrentIndex(best)
        self.sheet.setEnabled(len(sheets) > 1)
        self._busy = False
        self.mapping = None
        self.row_fixes, self.unit_fixes = {}, {}
        return self._parse()

    def choose_sheet(self, name: str) -> None:
        self.sheet.setCurrentIndex(self.sheet.findData(name))

    def _sheet_changed(self) -> None:
        if not self._busy and self.path is not None:
            self.mapping = None
            self.row_fixes, self.unit_fixes = {}, {}
            self._parse()

    def _parse(self) -> bool:
        """Step 2: parse the chosen sheet with the detected or the clerk's mapping; fill the previews."""
        self.ok_button.setEnabled(False)
        if self.mapping is None:
            self.recalled = False
        try:
            header = self.parsed.header_row if (self.mapping is not None and self.parsed) else -1
            self.parsed = tasklist.read(self.path, self.sheet.currentData(), mapping=self.mapping, header_row=header,
                                        row_fixes=self.row_fixes, unit_fixes=self.unit_fixes)
        except GwdeskError as e:
            self.parsed = None
            self.parsed_model.set_rows([])
            self.notice.setText(e.message)
            return False
        p = self.parsed
        if self.mapping is None:
            self.issuer.setText(p.issuer)
            self.year.setValue(p.year or self.ctx.today().year)
            d = p.issued_on or dt.date(self.year.value(), 1, 1)
            self.issued.set_value(d)
            remembered = mappings.recall(p.issuer, p.columns) if p.needs_mapping else None
            if remembered is not None:  # this office's list of this shape: the columns the clerk confirmed before
                try:
                    self.parsed = tasklist.read(self.path, self.sheet.currentData(), mapping=remembered,
                                                header_row=p.header_row)
                except GwdeskError:
                    pass
                else:
                    self.mapping, self.recalled = remembered, True
                    p = self.parsed
        self._fill_mapping()
        return self._show_rows()

    def _show_rows(self) -> bool:
        """Deadlines and roles of the parsed rows, the preview, the questions and what importing would change."""
        p = self.parsed
        rows = service.analyse(p, self.profile, year=self.year.value(), issued_on=self._issued())
        self.parsed_model.set_rows(rows)
        self._row_selected()  # no row selected after the rows were read again
        for c, w in enumerate((44, 170, 420, 120, 160, 100, 90, 80)):
            self.parsed_view.setColumnWidth(c, w)
        mine = sum(1 for a in rows if a.match.role != "不涉及")
        self._fill_groups(rows)
        if self.recalled:
            self.notice.setText(self.tr(f"已按上次为“{p.issuer}”同样格式的清单确认的列对应关系读取（可在“原表与列对应”中修改）。"
                                        f"共识别 {len(rows)} 项任务，其中涉及本单位 {mine} 项。"))
        elif p.needs_mapping and self.mapping is None:
            self.notice.setText(self.tr("列的对应关系不确定，已按表头和内容给出建议（橙色框），请在“原表与列对应”中"
                                        "核对后再导入：\n") + "\n".join(f"· {r}" for r in p.reasons))
            self.tabs.setCurrentIndex(1)
        else:
            self.notice.setText(self.tr(f"共识别 {len(rows)} 项任务，其中涉及本单位 {mine} 项（黄色为“可能涉及”，导入后请确认）。"))
        self._update_changes()
        return True

    # ---- the clerk's fixes of one row ------------------------------------------------------------------
    def _set_fix_enabled(self, on: bool) -> None:
        for w in (*self.kind_buttons.values(), self.lead_edit, self.resp_edit, self.units_button):
            w.setEnabled(on)

    def _selected(self):
        idx = self.parsed_view.currentIndex()
        return self.parsed_model.row_at(idx.row()) if idx.isValid() else None

    def _row_selected(self) -> None:
        a = self._selected()
        self._set_fix_enabled(a is not None)
        if a is not None:
            self.kind_buttons["section_task"].setEnabled(a.parsed.section_row >= 0)
            self.lead_edit.setText("、".join(a.parsed.lead_units))
            self.resp_edit.setText("、".join(a.parsed.resp_units))

    def fix_row_kind(self, kind: str) -> None:
        """The selected row is a category row or no task; or the section row above it (一、/（一）) is a task."""
        a = self._selected()
        if a is None:
            return
        if kind == "section_task":  # the 一、/（一） row above, read as this row's category, is a task itself
            if a.parsed.section_row < 0:
                return
            self.row_fixes[a.parsed.section_row] = "task"
        else:
            self.row_fixes[a.parsed.grid_row] = kind  # a category row, or no task: read again without it as a task
        self._parse()

    def _units_changed(self) -> None:
        a = self._selected()
        if a is None:
            return
        split = (lambda e: [u for u in (x.strip() for x in re.split(r"[、，,；;]", e.text())) if u])
        self.unit_fixes[a.parsed.grid_row] = (split(self.lead_edit), split(self.resp_edit))
        row = self.parsed_view.currentIndex().row()
        self._parse()
        self.parsed_view.setCurrentIndex(self.parsed_model.index(row, 0))

    def _fill_groups(self, rows) -> None:
        """One line per collective name the clerk has not answered: 包括本单位 / 不包括本单位."""
        while self.groups_grid.count():
            w = self.groups_grid.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()
        self._group_buttons = {}
        self._answered_buttons: dict[str, QPushButton] = {}
        asks = service.groups_to_ask(rows, self.profile)
        answered = service.groups_answered(rows, self.profile)
        self.groups_box.setVisible(bool(asks or answered))
        if not (asks or answered):
            return
        head = QLabel(self.tr("这些集体名称是否包括本单位？回答一次即记住，以后导入的清单都按此判断：") if asks else
                      self.tr("本清单中的集体名称已按您以前的回答判断："))
        head.setWordWrap(True)
        self.groups_grid.addWidget(head, 0, 0, 1, 4)
        i = 0
        for i, (group, n) in enumerate(asks[:6], start=1):
            label = QLabel(self.tr(f"“{group}”（{n}项）"))
            yes, no = QPushButton(self.tr("包括本单位")), QPushButton(self.tr("不包括本单位"))
            yes.clicked.connect(lambda _checked=False, g=group: self.answer_group(g, True))
            no.clicked.connect(lambda _checked=False, g=group: self.answer_group(g, False))
            self.groups_grid.addWidget(label, i, 0)
            self.groups_grid.addWidget(yes, i, 1)
            self.groups_grid.addWidget(no, i, 2)
            self._group_buttons[group] = (yes, no)
        for j, (group, n, said) in enumerate(answered[:3], start=i + 1):
            # an answer given before, shown where it is used, and changed in one click
            label = QLabel(self.tr(f"“{group}”（{n}项）：已确认{'包括' if said else '不包括'}本单位"))
            change = QPushButton(self.tr("改为不包括") if said else self.tr("改为包括"))
            change.clicked.connect(lambda _checked=False, g=group, s=said: self.answer_group(g, not s))
            self.groups_grid.addWidget(label, j, 0)
            self.groups_grid.addWidget(change, j, 1)
            self._answered_buttons[group] = change
        self.groups_grid.setColumnStretch(3, 1)  # the buttons beside their names

    def answer_group(self, group: str, includes: bool) -> None:
        """The clerk's answer about a collective name: saved in the unit's profile at once, the stored lists and
        this preview matched again."""
        from gwdesk.core import units
        try:
            units.answer_group(group, includes)
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法保存"), e.message)
            return
        self.profile = self.ctx.profile()
        service.rematch(self.profile)
        if self.parsed is not None:
            self._show_rows()

    def _issued(self) -> dt.date:
        """The 印发日期 typed (1 January of the list's year while it is empty or unreadable)."""
        return self.issued.value() or dt.date(self.year.value(), 1, 1)

    def _fill_mapping(self) -> None:
        while self.map_grid.count():
            w = self.map_grid.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()
        self._combos = []
        p = self.parsed
        ncols = len(p.columns)
        guesses = {g.column: g for g in p.guesses}
        for c in range(ncols):
            g = guesses.get(c)
            unsure = self.mapping is None and g is not None and g.field is not None and g.uncertain
            title = QLabel(f"第{c + 1}列 {p.columns[c] or self.tr('（无表头）')}"
                           + (self.tr(" · 请核对") if unsure else ""))
            title.setWordWrap(True)
            combo = ComboBox()
            combo.addItem(IGNORE, None)
            for f in FIELDS:
                combo.addItem(FIELD_LABELS[f], f)
            combo.setCurrentIndex(max(0, combo.findData(p.mapping.get(c))))
            combo.currentIndexChanged.connect(self._mapping_changed)
            if unsure:  # the reader's proposal, with why, for the clerk to confirm or change
                title.setStyleSheet("color: #b26a00; font-weight: bold;")
                combo.setStyleSheet("QComboBox { border: 2px solid #e0a030; border-radius: 3px; }")
                for w in (title, combo):
                    w.setToolTip(g.why)
            self.map_grid.addWidget(title, 0, c)
            self.map_grid.addWidget(combo, 1, c)
            self.map_grid.setColumnStretch(c, 1)
            self._combos.append(combo)
        self.source_model.beginResetModel()
        self.source_model.columns = [Column(f"{c + 1}", (lambda r, c=c: r[c] if c < len(r) else ""))
                                     for c in range(ncols)]
        self.source_model.endResetModel()
        self.source_model.set_rows(p.preview_rows)
        # columns as wide as the pickers above them, so each picker sits over its column
        self.source_view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)

    def set_mapping(self, column: int, field: str | None) -> None:
        self._combos[column].setCurrentIndex(self._combos[column].findData(field))

    def _mapping_changed(self) -> None:
        self.mapping = {c: combo.currentData() for c, combo in enumerate(self._combos)}
        self.recalled = False
        self._parse()

    # ---- which list the file goes to ---------------------------------------------------------
    def _choice(self) -> tuple[bool, int | None] | None:
        """(as_new, revision_of) as chosen under 导入为; None while nothing is chosen."""
        if self.target is None or not self.target.candidates:
            return (False, None)
        button = self.target_group.checkedButton()
        if button is None:
            return None
        list_id = button.property("list_id")
        return (True, None) if not list_id else (False, int(list_id))

    def choose_target(self, list_id: int | None) -> QRadioButton:
        """The 导入为 button of the stored list `list_id`, or of 新的任务清单 for None (for the clerk to click)."""
        for b in self.target_group.buttons():
            if (b.property("list_id") or None) == list_id:
                return b
        raise KeyError(list_id)

    def _fill_target(self) -> None:
        t = self.target
        key = (self.issuer.text(), self.year.value(), tuple(c.id for c in t.candidates) if t else ())
        if key == self._target_key:
            return  # the same stored lists: keep the clerk's choice
        self._target_key = key
        for b in self.target_group.buttons():
            self.target_group.removeButton(b)
            self.target_layout.removeWidget(b)
            b.hide()
            b.setParent(None)
            b.deleteLater()
        if t is None or not t.candidates:
            self.target_box.hide()
            return
        for c in t.candidates:
            b = QRadioButton(self.tr(f"“{c.title or c.file_name}”（第{c.revision}版，{c.tasks}项）的新版本："
                                     "未列入的任务标为已删除，进展保留"))
            b.setProperty("list_id", c.id)
            self.target_group.addButton(b)
            self.target_layout.addWidget(b)
        b = QRadioButton(self.tr("一份新的任务清单（已导入的清单不受影响）"))
        b.setProperty("list_id", 0)
        self.target_group.addButton(b)
        self.target_layout.addWidget(b)
        if t.kind != service.ASK:
            self.choose_target(t.list_id).setChecked(True)
        self.target_question.setText(self.tr("请选择：") + t.why if t.kind == service.ASK else "")
        self.target_question.setVisible(t.kind == service.ASK)
        self.target_box.show()

    def _choice_changed(self) -> None:
        self._show_changes()

    def _update_changes(self) -> None:
        if self.parsed is None:
            return
        try:
            self.target = service.plan(self.parsed, profile=self.profile, issuer=self.issuer.text(),
                                       year=self.year.value(), issued_on=self._issued())
        except GwdeskError:
            self.target = None
        self._fill_target()
        self._show_changes()

    def _show_changes(self) -> None:
        self.ok_button.setEnabled(False)
        if self.parsed is None:
            return
        choice = self._choice()
        if choice is None:
            lines = [self.tr("请在“导入为”中选择后再导入。")]
            lines += [c.describe() for c in self.target.candidates]
            self.changes.setText("\n".join(lines))
            return
        as_new, revision_of = choice
        try:
            d = service.diff(self.ctx, self.parsed, profile=self.profile, issuer=self.issuer.text(),
                             year=self.year.value(), issued_on=self._issued(), accept_unsure=True,
                             as_new=as_new or not self.target or not self.target.candidates,
                             revision_of=revision_of)
        except GwdeskError as e:
            problems = getattr(e, "problems", None)
            self.changes.setText(self.tr("导入前请补全：") + "；".join(problems) if problems else e.message)
            return
        if d.created:
            self.changes.setText(self.tr(f"这是一份新的任务清单，将导入 {d.total} 项任务。"))
        else:
            stored = self.target.candidate(revision_of) if self.target else None
            progress = {r.label: r.progress for r in stored.removals} if stored else {}
            lines = [self.tr(f"将就地更新“{stored.title if stored else ''}”并保留已填写的进展："
                             f"新增{len(d.new)}项，修改{len(d.changed)}项，删除{len(d.gone)}项，未变{d.unchanged}项。")]
            for label, items in ((self.tr("新增"), d.new), (self.tr("修改"), d.changed), (self.tr("删除"), d.gone)):
                if items:
                    shown = [x + (f"（{progress[x]}）" if progress.get(x) else "") for x in items[:6]]
                    more = f"等{len(items)}项" if len(items) > 6 else ""
                    lines.append(f"{label}：" + "；".join(shown) + more)
            with_progress = [x for x in d.gone if progress.get(x)]
            if with_progress:
                lines.append(self.tr(f"注意：删除的任务中有{len(with_progress)}项已有进展或佐证（标为已删除后仍保留，"
                                     "可在台账中查看）。"))
            self.changes.setText("\n".join(lines))
        self.ok_button.setEnabled(bool(self.parsed.tasks))

    def confirm(self) -> None:
        """Step 3: save everything in one transaction, or nothing."""
        if self.parsed is None:
            return
        choice = self._choice()
        if choice is None:
            alerts.warn(self, self.tr("无法导入"), self.tr("请先在“导入为”中选择：新的任务清单，还是已导入清单的新版本。"))
            return
        try:
            self.import_result = service.import_parsed(self.parsed, profile=self.profile,
                                                issuer=self.issuer.text(), year=self.year.value(),
                                                issued_on=self._issued(), accept_unsure=True,
                                                as_new=choice[0], revision_of=choice[1])
        except GwdeskError as e:
            alerts.warn(self, self.tr("无法导入"), e.message)
            return
        if self.mapping is not None or self.parsed.needs_mapping:
            # the columns the clerk confirmed (changed, or the proposal accepted), for this office's next list of
            # this shape
            mappings.remember(self.parsed.issuer or self.issuer.text(), self.parsed.columns,
                              self.mapping if self.mapping is not None else dict(self.parsed.mapping))
        from gwdesk.core.tasks import originals
        kept = originals.keep_after_import(self.import_result.list_id, Path(self.parsed.file))  # for 填回原表
        if kept:
            alerts.warn(self, self.tr("导入完成"), kept)
        self.accept()
