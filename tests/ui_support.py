"""Typing as a clerk types: ASCII through real key presses (QTest.keyClicks), Chinese as an input method delivers
it — a QInputMethodEvent committing the characters to the focused field. (QTest.keyClicks aborts on characters
outside ASCII.)"""

from __future__ import annotations

import re

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            QTest.keyClicks(widget, chunk)
        else:
            ev = QInputMethodEvent()
            ev.setCommitString(chunk)
            QApplication.sendEvent(widget, ev)
