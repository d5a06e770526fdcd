"""At start: the computer's date looks wrong (store/clock.py): say so with both dates, and let the clerk
either go on and correct the clock later (the default) or confirm that the computer's date is right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from gwdesk.store import clock
from gwdesk.ui.common import alerts

LATER, CONFIRM = "later", "confirm"


def ask(parent, problem: clock.ClockProblem) -> str:
    """LATER (校正之前照常使用) or CONFIRM (计算机日期无误); a test's responder answers with the key."""
    alerts.record("clock", problem.title, problem.message)
    if alerts.responder is not None:
        answer = alerts.responder("clock", problem.title, problem.message)
        return CONFIRM if answer == CONFIRM else LATER
    head, _, rest = problem.message.partition("，")  # the two dates first, what to do below them
    box = QMessageBox(QMessageBox.Warning, problem.title, head + "。", parent=parent)
    box.setInformativeText(rest)
    box.setStyleSheet("QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 460px; }")
    later = box.addButton("我知道了，稍后校正", QMessageBox.AcceptRole)
    right = box.addButton(f"计算机日期无误（今天是 {problem.today:%Y-%m-%d}）", QMessageBox.DestructiveRole)
    box.setDefaultButton(later)
    box.setEscapeButton(later)
    box.exec()
    return CONFIRM if box.clickedButton() is right else LATER  # closed any other way: nothing changes


def warn_at_start(parent, problem: clock.ClockProblem | None, data_dir: str | Path, db=None) -> str | None:
    """Show the warning (nothing when there is no problem); CONFIRM moves the last-seen mark to today
    (`db`: the open database, whose records saved so far then no longer count against it)."""
    if problem is None:
        return None
    answer = ask(parent, problem)
    if answer == CONFIRM:
        clock.confirm(data_dir, problem.today, db)
    return answer
