"""Child process for the start-up figure: open gwdesk's main window (or a bare Qt window) offscreen, then exit.

    python bench/startup_child.py gwdesk DATA_DIR   — what `python main.py` does up to the window shown
    python bench/startup_child.py bare              — the alternative: an empty QMainWindow
    python bench/startup_child.py bare-text         — the same window showing one line of Chinese (the cost of
                                                      text alone: Qt's font database and a CJK face)
    python bench/startup_child.py bare-text-store   — and peewee with SQLite loaded first (gwdesk's store layer,
                                                      the server drivers kept out): the floor under any gwdesk code
    python bench/startup_child.py bare-text-modules — and the gwdesk modules the first screen and 今日提醒 import,
                                                      only imported (no data read, no gwdesk widget built)
Prints “shown SECONDS_SINCE_INTERPRETER_START CPU_SECONDS” once the window has been shown and painted, then
(gwdesk) “reminders SECONDS CPU_SECONDS COUNT” once the 今日提醒 dialog that follows it is up, and last “peak KB”:
the process's own peak RSS since it started this program (VmHWM; the parent's ru_maxrss would also count the
memory of the bench process it was forked from).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _since_start() -> float:
    # process start → now, including the interpreter's own start-up (what the clerk waits for)
    with open(f"/proc/{os.getpid()}/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def _peak_kb() -> int:
    with open("/proc/self/status") as f:
        return int(next(line for line in f if line.startswith("VmHWM")).split()[1])


def bare(text: bool = False, store: bool = False, modules: bool = False) -> None:
    if store or modules:
        from gwdesk.store import drivers
        drivers.sqlite_only()
        import sqlite3

        import peewee  # noqa: F401 - loaded, as the window loads it
        sqlite3.connect(":memory:").execute("SELECT 1")
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
    app = QApplication(sys.argv[:1])
    if modules:
        import gwdesk.app  # noqa: F401
        import gwdesk.session  # noqa: F401
        import gwdesk.ui.main_window  # noqa: F401
        import gwdesk.ui.review.page  # noqa: F401
        from gwdesk.ui.sections import reminder_providers
        reminder_providers()  # imports 今日提醒's providers
    w = QMainWindow()
    w.resize(1280, 800)
    if text:
        w.setCentralWidget(QLabel("政务公开审查　依申请公开　任务台账　年度报告"))
    w.show()
    app.processEvents()
    w.grab()
    print("shown", f"{_since_start():.3f}", f"{time.process_time():.3f}", flush=True)
    print("peak", _peak_kb(), flush=True)
    os._exit(0)


def gwdesk(data_dir: str) -> None:
    from gwdesk.store import drivers
    drivers.sqlite_only()  # as app.run_gui does first
    from gwdesk import paths
    paths.set_data_dir(data_dir)
    from gwdesk.app import install_excepthook, make_application, start_window
    from gwdesk.logs import setup_logging
    from gwdesk.session import open_session
    from gwdesk.ui.common import alerts

    alerts.responder = lambda kind, title, text: True  # a message box would block the measurement
    setup_logging()
    app = make_application()
    install_excepthook()
    with open_session() as ctx:
        window = start_window(ctx)
        window.grab()  # the first paint of the window as shown
        print("shown", f"{_since_start():.3f}", f"{time.process_time():.3f}", len(alerts.history), flush=True)
        deadline = time.monotonic() + 60
        while getattr(window, "reminders_dialog", None) is None and time.monotonic() < deadline:
            app.processEvents()  # the 今日提醒 dialog follows once the window is up
            time.sleep(0.005)
        dialog = window.reminders_dialog
        dialog.grab()
        print("reminders", f"{_since_start():.3f}", f"{time.process_time():.3f}", dialog.list.count(), flush=True)
        print("peak", _peak_kb(), flush=True)
        window.close()
    # the store is closed as the clerk's closing the window closes it (the next start is the usual one)
    os._exit(0)  # the parent has its figures; skip interpreter teardown


if __name__ == "__main__":
    if sys.argv[1] in ("bare", "bare-text", "bare-text-store", "bare-text-modules"):
        bare(text=sys.argv[1] != "bare", store=sys.argv[1] == "bare-text-store",
             modules=sys.argv[1] == "bare-text-modules")
    else:
        gwdesk(sys.argv[2])
