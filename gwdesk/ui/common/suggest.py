"""A text field with a list of suggestions behind a ▾ (拟稿科室, 签字人): an editable drop-down.

Typing pops nothing up. A completer popup covered the field below it: a click meant for 拟稿人 picked a suggestion
(or was swallowed while the popup closed) and the name then typed landed in 科室 (issue 21). Here the list opens
only from the ▾ or Alt+↓, what is typed is never replaced unless the clerk picks from the list, and a click on
another field always reaches it. `edit` is the line the clerk types in."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from gwdesk.ui.common.inputs import ComboBox


class SuggestField(ComboBox):
    def __init__(self, suggestions: list[str], parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)
        self.setCompleter(None)  # no inline completion either: the typed text stays as typed
        self.set_suggestions(suggestions)
        self.edit = self.lineEdit()

    def set_suggestions(self, suggestions: list[str]) -> None:
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        self.addItems([s for s in dict.fromkeys(suggestions) if s])
        self.setCurrentIndex(-1)
        self.setEditText(text)
        self.blockSignals(False)
