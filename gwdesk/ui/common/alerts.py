"""One alert API for every screen, so tests can neutralise modal dialogs in one place.

Tests set `alerts.responder = callable(kind, title, text) -> answer`; every call is recorded in
`alerts.history` so a test can assert what the clerk would have been told.
"""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("gwdesk.alerts")
# what the clerk is told is also in the log, so a support call can see it: problems as warnings, the rest as info
_LEVELS = {"info": logging.INFO, "ask": logging.INFO, "choose": logging.INFO,
           "warn": logging.WARNING, "clock": logging.WARNING, "error": logging.ERROR, "crash": logging.ERROR}

responder: Callable[[str, str, str], object] | None = None
history: list[tuple[str, str, str]] = []


def record(kind: str, title: str, text: str, detail: str = "") -> None:
    history.append((kind, title, text))
    log.log(_LEVELS.get(kind, logging.WARNING), "%s【%s】%s%s", kind, title, text, f"\n{detail}" if detail else "")


def _show(kind: str, parent: QWidget | None, title: str, text: str, detail: str = ""):
    record(kind, title, text, detail)
    if responder is not None:
        return responder(kind, title, text)
    box = message_box(kind, parent, title, text, detail)
    if kind == "ask":
        box.setStandardButtons(QMessageBox.Yes | QMessageBox.No)
        box.setDefaultButton(QMessageBox.No)
        return box.exec() == QMessageBox.Yes
    box.setStandardButtons(QMessageBox.Ok)
    box.exec()
    return None


MAX_LINES = 18  # a message box taller than this would run off a 1366×768 screen: the rest goes to 详细信息


def message_box(kind: str, parent, title: str, text: str, detail: str = "") -> QMessageBox:
    """The box for `text`, kept on the screen: a long text (a list of rows) shows its first lines and puts the
    whole of it in the box's scrolling 显示详细信息."""
    icon = {"info": QMessageBox.Information, "warn": QMessageBox.Warning,
            "error": QMessageBox.Critical, "ask": QMessageBox.Question}[kind]
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        shown = "\n".join(lines[:MAX_LINES - 2]) + f"\n……（共 {len(lines)} 行，全部内容见“显示详细信息”）"
        detail = text + ("\n\n" + detail if detail else "")
        text = shown
    box = QMessageBox(icon, title, text, parent=parent)
    if detail:
        box.setDetailedText(detail)
    return box


def info(parent, title: str, text: str, detail: str = "") -> None:
    _show("info", parent, title, text, detail)


def warn(parent, title: str, text: str, detail: str = "") -> None:
    _show("warn", parent, title, text, detail)


def error(parent, title: str, text: str, detail: str = "") -> None:
    _show("error", parent, title, text, detail)


def ask(parent, title: str, text: str) -> bool:
    return bool(_show("ask", parent, title, text))


def choose(parent, title: str, text: str, options: list[tuple[str, str]]) -> str:
    """A question with several answers, `options` as (key, button text), the last one being 取消 (Esc).

    A test's responder answers with a key; True stands for the first option, False/None for the last."""
    record("choose", title, text)
    if responder is not None:
        answer = responder("choose", title, text)
        if isinstance(answer, str) and answer in dict(options):
            return answer
        return options[0][0] if answer is True else options[-1][0]
    box = QMessageBox(QMessageBox.Question, title, text, parent=parent)
    buttons = {}
    for i, (key, label) in enumerate(options):
        role = (QMessageBox.AcceptRole if i == 0 else
                QMessageBox.RejectRole if i == len(options) - 1 else QMessageBox.DestructiveRole)
        buttons[box.addButton(label, role)] = key
    box.setDefaultButton(next(iter(buttons)))
    box.setEscapeButton(list(buttons)[-1])
    box.exec()
    return buttons.get(box.clickedButton(), options[-1][0])


def text(parent, title: str, prompt: str, default: str = "", chars: int = 0) -> tuple[str, bool]:
    """A line of text from the clerk: (text, accepted); `chars` makes the field that many characters wide (a
    70-character 网址 is seen whole). A test's responder answers ("text", title, prompt) with the text (a str),
    or False/None for 取消."""
    history.append(("text", title, prompt))
    if responder is not None:
        answer = responder("text", title, prompt)
        if isinstance(answer, str):
            return answer, True
        return (default, True) if answer is True else ("", False)
    from PySide6.QtWidgets import QInputDialog, QLineEdit
    dlg = QInputDialog(parent)
    dlg.setWindowTitle(title)
    dlg.setLabelText(prompt)
    dlg.setTextEchoMode(QLineEdit.Normal)
    dlg.setTextValue(default)
    dlg.setOkButtonText("确定")
    dlg.setCancelButtonText("取消")
    field = dlg.findChild(QLineEdit)  # made by setTextValue
    if chars and field is not None:
        field.setMinimumWidth(min(field.fontMetrics().horizontalAdvance("x" * chars) + 12, 1200))
    ok = dlg.exec() == QInputDialog.Accepted
    return (dlg.textValue(), True) if ok else ("", False)
