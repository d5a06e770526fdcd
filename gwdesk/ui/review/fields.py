"""Editor widgets generated per field type of a form definition (text, date, choice, bool, …)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QGridLayout, QHBoxLayout, QLabel, QLayout, QLineEdit,
                               QListWidget, QPlainTextEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from gwdesk.core.formdef import Field, FormDef
from gwdesk.core.review.validate import parse_date
from gwdesk.ui.common.date_line import DateField
from gwdesk.ui.common.inputs import ComboBox
from gwdesk.ui.common.suggest import SuggestField


class FieldWidget(QWidget):
    """Base: `value()` / `set_value()` and a `changed` signal whenever the clerk edits."""

    changed = Signal()

    def __init__(self, field: Field, parent=None):
        super().__init__(parent)
        self.field = field
        self.setObjectName(f"field_{field.key}")
        if field.help:
            self.setToolTip(field.help)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class TextWidget(FieldWidget):
    def __init__(self, field: Field, suggestions: list[str] | None = None, parent=None):
        super().__init__(field, parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.box = SuggestField(suggestions) if suggestions else None  # 拟稿科室: the unit's 科室 behind a ▾
        self.edit = self.box.edit if self.box else QLineEdit()
        if field.key == "column" and field.help:
            self.edit.setPlaceholderText(field.help.removeprefix("如："))
        elif field.format == "doc_number":
            self.edit.setPlaceholderText(self.tr("如：青民发〔2026〕12号"))
        self.edit.textChanged.connect(self.changed)
        lay.addWidget(self.box or self.edit)

    def value(self):
        return self.edit.text().strip() or None

    def set_value(self, value):
        self.edit.setText("" if value is None else str(value))


class TextAreaWidget(FieldWidget):
    def __init__(self, field: Field, parent=None):
        super().__init__(field, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.counter = QLabel()
        self.counter.setStyleSheet("color:#666")
        self.counter.setAlignment(Qt.AlignRight)
        self.edit.textChanged.connect(self._count)
        self.edit.textChanged.connect(self.changed)
        lay.addWidget(self.edit)
        lay.addWidget(self.counter)
        self._count()

    def _count(self):
        n = len(self.edit.toPlainText().strip())
        limit = self.field.max_chars
        self.counter.setText(self.tr("{n} 字").format(n=n) + (self.tr(" / 上限 {m}").format(m=limit) if limit else ""))
        self.counter.setStyleSheet("color:#c62828" if limit and n > limit else "color:#666")

    def value(self):
        return self.edit.toPlainText().strip() or None

    def set_value(self, value):
        self.edit.setPlainText("" if value is None else str(value))


def mark_date(edit: QLineEdit, error: QLabel, text: str) -> None:
    """A date the clerk typed that cannot be read is marked on the field itself, at once."""
    bad = bool(text.strip()) and parse_date(text) is None
    edit.setStyleSheet("border:1px solid #c62828;background:#fff0f0" if bad else "")
    edit.setToolTip("日期无效：请写成 2026-11-20、2026年11月20日 或 11月20日（当年）" if bad else "")
    error.setText("日期无效" if bad else "")
    error.setStyleSheet("color:#c62828")
    error.setVisible(bad)


class DateWidget(FieldWidget):
    """A date typed as 2026-11-20 (or 2026年11月20日), or picked from the calendar beside it; empty is allowed,
    unlike QDateEdit."""

    def __init__(self, field: Field, parent=None):
        super().__init__(field, parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.line = DateField(placeholder=self.tr("如 2026-11-20"))
        self.edit = self.line.edit
        self.error = QLabel()
        self.edit.textChanged.connect(self.changed)
        self.edit.textChanged.connect(lambda text: mark_date(self.edit, self.error, text))
        lay.addWidget(self.line)
        lay.addWidget(self.error)
        lay.addStretch(1)
        mark_date(self.edit, self.error, "")

    def value(self):
        text = self.edit.text().strip()
        d = parse_date(text)
        return d.isoformat() if d else (text or None)

    def set_value(self, value):
        self.edit.setText("" if value is None else str(value))


class ChoiceWidget(FieldWidget):
    def __init__(self, field: Field, options: list[tuple[str, str]], parent=None):
        super().__init__(field, parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.combo = ComboBox()
        self.combo.addItem(self.tr("（请选择）"), None)
        for key, label in options:
            self.combo.addItem(label, key)
        self.combo.currentIndexChanged.connect(self.changed)
        lay.addWidget(self.combo)
        lay.addStretch(1)

    def value(self):
        return self.combo.currentData()

    def set_value(self, value):
        i = self.combo.findData(value) if value is not None else 0
        if i < 0:  # a value the definition no longer offers: keep it visible rather than drop it
            self.combo.addItem(str(value), value)
            i = self.combo.count() - 1
        self.combo.setCurrentIndex(i)


class MultiWidget(FieldWidget):
    """Checkboxes for multichoice options or checklist items; value is the list of ticked keys.

    Up to `columns` columns, fewer when the field is narrower than that many of its widest option: the boxes
    flow into as many columns as fit its width (the editor's form fits a 1366-px screen without scrolling
    sideways, and a wider window gets the columns back)."""

    def __init__(self, field: Field, options: list[tuple[str, str]], columns: int = 3, parent=None):
        super().__init__(field, parent)
        self.grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSizeConstraint(QLayout.SetNoConstraint)  # narrower than all its columns: resizeEvent reflows
        grid.setHorizontalSpacing(14)
        self.boxes: list[tuple[str, QCheckBox]] = []
        for key, label in options:
            box = QCheckBox(label)
            box.toggled.connect(self.changed)
            self.boxes.append((key, box))
        self.max_columns = max(1, columns)
        self._cell = max((b.sizeHint().width() for _, b in self.boxes), default=1) + grid.horizontalSpacing()
        self.columns = 0
        self._place(self.max_columns)

    def columns_for(self, width: int) -> int:
        """How many columns of the widest option fit `width` pixels (at least one, at most max_columns)."""
        return max(1, min(self.max_columns, (width + self.grid.horizontalSpacing()) // self._cell))

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        for _, box in self.boxes:
            self.grid.removeWidget(box)
        for i, (_, box) in enumerate(self.boxes):
            self.grid.addWidget(box, i // columns, i % columns)
        for c in range(max(columns, self.columns)):  # the columns share the width evenly, as a table's would
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self.columns = columns

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """One column of the widest option: the field may be that narrow (resizeEvent then flows the boxes)."""
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self._cell), hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        columns = self.columns_for(event.size().width())
        if columns != self.columns:
            self._place(columns)
            self.updateGeometry()  # the form gives the new rows their height

    def value(self):
        return [k for k, b in self.boxes if b.isChecked()]

    def set_value(self, value):
        chosen = set(value or [])
        for k, b in self.boxes:
            b.blockSignals(True)
            b.setChecked(k in chosen)
            b.blockSignals(False)
        self.changed.emit()


class BoolWidget(FieldWidget):
    """是 / 否 as two radio buttons; neither ticked means not answered yet."""

    def __init__(self, field: Field, parent=None):
        super().__init__(field, parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.yes, self.no = QRadioButton(self.tr("是")), QRadioButton(self.tr("否"))
        self.group = QButtonGroup(self)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        for b in (self.yes, self.no):
            b.toggled.connect(self.changed)
            lay.addWidget(b)
        lay.addStretch(1)

    def value(self):
        return True if self.yes.isChecked() else (False if self.no.isChecked() else None)

    def set_value(self, value):
        self.group.setExclusive(False)
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)
        self.group.setExclusive(True)


class AutoWidget(FieldWidget):
    def __init__(self, field: Field, parent=None):
        super().__init__(field, parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.label)
        self._value = None

    def value(self):
        return self._value

    def set_value(self, value):
        self._value = value
        self.label.setText(str(value) if value else self.tr("（保存时自动生成）"))


class FilesWidget(FieldWidget):
    """Files kept with the form (the item itself): 添加文件… copies each into the data folder, 移除 drops one."""

    def __init__(self, field: Field, parent=None):
        super().__init__(field, parent)
        self._entries: list[dict] = []
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 10)
        lay.addWidget(self.list, 1)
        col = QVBoxLayout()
        self.add_btn = QPushButton(self.tr("添加文件…"))
        self.add_btn.clicked.connect(self._add)
        self.remove_btn = QPushButton(self.tr("移除"))
        self.remove_btn.clicked.connect(self._remove)
        col.addWidget(self.add_btn)
        col.addWidget(self.remove_btn)
        lay.addLayout(col)

    def choose_files(self) -> list[str]:
        """The file the clerk picks (through the shared file dialogs; tests answer them there)."""
        from gwdesk.ui.common import files
        name = files.open_file(self, "review_item", self.tr("选择拟发布的原文"))
        return [name] if name else []

    def _add(self) -> None:
        from gwdesk.core.review import attachments
        from gwdesk.errors import GwdeskError
        from gwdesk.ui.common import alerts
        for name in self.choose_files():
            try:
                entry = attachments.attach(Path(name))
            except (GwdeskError, OSError) as e:
                alerts.error(self, self.tr("未能添加"), getattr(e, "message", None) or str(e))
                continue
            if all(x.get("sha256") != entry["sha256"] for x in self._entries):
                self._entries.append(entry)
        self._show()
        self.changed.emit()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._entries):
            del self._entries[row]
            self._show()
            self.changed.emit()

    def _show(self) -> None:
        self.list.clear()
        for e in self._entries:
            self.list.addItem(f"{e.get('name')}（{round((e.get('size') or 0) / 1024)} KB）")

    def value(self) -> list[dict]:
        return [dict(e) for e in self._entries]

    def set_value(self, value: Any) -> None:
        self._entries = [dict(e) for e in value or [] if isinstance(e, dict)]
        self._show()


def make_widget(definition: FormDef, field: Field, departments: list[str] | None = None) -> FieldWidget:
    t = field.type
    if t == "files":
        return FilesWidget(field)
    if t == "text":
        return TextWidget(field, departments if field.suggest_from == "departments" else None)
    if t == "textarea":
        return TextAreaWidget(field)
    if t == "date":
        return DateWidget(field)
    if t == "choice":
        return ChoiceWidget(field, definition.option_labels(field))
    if t == "multichoice":
        opts = definition.option_labels(field)
        return MultiWidget(field, opts, columns=2 if field.options_from == "reasons" else 4)
    if t == "checklist":
        return MultiWidget(field, [(i, i) for i in field.items], columns=1)
    if t == "bool":
        return BoolWidget(field)
    return AutoWidget(field)
