"""The base of every gwdesk dialog: it opens inside the screen's available geometry (common/screen.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from gwdesk.ui.common.screen import fit_to_screen


class Dialog(QDialog):
    """A QDialog fitted to the screen on its first show (its size and place; content that may be taller
    than a 1366×768 screen sits in a scroll area of the dialog itself)."""

    _fitted = False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        if not self._fitted:
            self._fitted = True
            fit_to_screen(self)
        super().showEvent(event)
