"""Long work (a PDF of hundreds of pages) off the GUI thread, with a progress dialog that can cancel it.

    result = background.run(parent, "导出", "正在生成 PDF…", lambda progress: render_pdf(doc, path, progress))

The work runs in a Python thread; the window keeps repainting and answering while a local event loop waits
for it, and the dialog shows the pages done so far (the work calls `progress(n)`). 取消 makes the next
`progress` call raise Cancelled, which `run` raises in the GUI thread (nothing is written: a PDF is saved
only when it is complete). Any error of the work is raised in the GUI thread as it was.
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

T = TypeVar("T")
SHOW_AFTER_MS = 400  # a quick render never flashes a dialog
LOOK_EVERY_MS = 20  # how often the GUI thread looks whether the work is done (each look is a few attribute reads)


class Cancelled(Exception):
    """The clerk pressed 取消."""


def run(parent, title: str, label: str, work: Callable[[Callable[[int], None]], T], *,
        unit: str = "页") -> T:
    state = {"n": 0, "cancel": False, "done": False, "result": None, "error": None}

    def progress(n: int) -> None:
        state["n"] = n
        if state["cancel"]:
            raise Cancelled()

    def target() -> None:
        try:
            state["result"] = work(progress)
        except BaseException as e:  # noqa: BLE001 - handed to the GUI thread as it was
            state["error"] = e
        finally:
            state["done"] = True

    dialog = QProgressDialog(label, "取消", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(lambda: state.__setitem__("cancel", True))
    thread = threading.Thread(target=target, name="gwdesk-render", daemon=True)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(LOOK_EVERY_MS)  # a short render ends ~10 ms after its work on average, not 50
    shown = {"n": 0}

    def tick() -> None:
        if state["n"] and state["n"] != shown["n"]:
            shown["n"] = state["n"]
            dialog.setLabelText(f"{label}（已生成 {state['n']} {unit}）")
        if state["done"]:
            timer.stop()
            loop.quit()
    timer.timeout.connect(tick)
    thread.start()
    timer.start()
    dialog.setValue(0)  # starts the minimum-duration clock
    if not state["done"]:
        loop.exec()
    thread.join()
    dialog.reset()  # stops its own show-after timer: hide() alone lets it pop up over the next message, stuck
    dialog.hide()
    dialog.deleteLater()
    if state["error"] is not None:
        raise state["error"]
    return state["result"]
