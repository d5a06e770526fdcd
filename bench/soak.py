"""Soak: 5,000 real key events into the 意见单 editor, with its live checks, autosaves and saves; then
3,000 focus changes through the editors, each leave writing a draft.

    python bench/soak.py [--keys 5000] [--focus 3000] [--json]
Issue 11: PySide6 6.12.0 on Python 3.11 aborted the window after ~850 keystrokes (`none_dealloc`). This
types like a clerk (Chinese and ASCII into 文件标题 and 内容概要, backspaces, a pause every 10 keys that
runs the live check, an autosave every 100, a save every 500) and reports: the process lived, resident
memory before and after (goal: growth ≤ 5 MB), how far None's reference count moved, and the time.
The focus phase moves the keyboard focus field to field through the 意见单 editor and a 依申请公开 dialog
(opened, typed into, deleted with the focus inside every 50 moves), one character typed after each move,
so every move is a focus-out that writes a draft (the no-argument focusChanged slot of autosave.FocusOut);
it reports the same figures and how many drafts were written.
`bench/run.py --only soak` runs it in a child process and puts its figures in the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TEXT = "关于做好二〇二六年冬春困难群众基本生活救助工作的通知 Notice on relief work "


def rss_mib() -> float:
    with open("/proc/self/status") as f:
        kb = next(int(ln.split()[1]) for ln in f if ln.startswith("VmRSS:"))
    return kb / 1024


def soak(keys: int, data_dir: Path, focus_moves: int = 3000) -> dict:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

    from gwdesk import paths
    from gwdesk.app import make_application
    from gwdesk.core import demo, units
    from gwdesk.session import open_session
    from gwdesk.ui.common import alerts

    paths.set_data_dir(data_dir)
    app = make_application([])
    alerts.responder = lambda kind, title, text: True  # a refused save must not block the soak
    with open_session(data_dir, daily_backup=False) as ctx:
        units.save(demo.DEMO_PROFILE)
        ctx = type(ctx)(ctx.store, ctx.data_dir, lambda: dt.date(2026, 11, 20))
        from gwdesk.ui.review.page import Page
        page = Page(ctx)
        page.resize(1366, 740)
        page.show()
        page.new_form()
        ed = page.editor
        fields = [ed.widgets["title"].findChild(QLineEdit), ed.widgets["summary"].findChild(QPlainTextEdit)]
        fields = [f for f in fields if f is not None]

        def press(target, ch: str) -> None:
            if ch == "\b":
                key, text = Qt.Key_Backspace, ""
            else:
                key, text = (Qt.Key_Space if ch == " " else Qt.Key_unknown), ch
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.NoModifier, text))

        def type_keys(n: int, start: int) -> None:
            for i in range(start, start + n):
                target = fields[(i // 250) % len(fields)]
                if target is not QApplication.focusWidget():
                    target.setFocus()
                press(target, "\b" if i % 7 == 6 else TEXT[i % len(TEXT)])
                if i % 10 == 9:  # a pause in typing: the live check runs
                    ed._check_timer.stop()
                    ed.refresh_checks()
                    app.processEvents()
                if i % 100 == 99:
                    ed.autosaver.timer.timeout.emit()
                if i % 500 == 499:
                    saves.append(ed.save())
                if i % 120 == 119:  # keep the fields from growing without end
                    ed.widgets["title"].set_value(TEXT[:12])

        saves: list[bool] = []
        type_keys(200, 0)  # warm-up: caches, fonts, the first saves
        gc.collect()
        rss0, none0, t0 = rss_mib(), sys.getrefcount(None), time.perf_counter()
        type_keys(keys, 200)
        seconds = time.perf_counter() - t0
        gc.collect()
        rss1, none1 = rss_mib(), sys.getrefcount(None)
        from gwdesk.core.review import forms
        stored = forms.get(ed.form.id) if ed.form.id else None
        typed = len(stored.values.get("summary", "")) if stored else 0
        focus = focus_phase(app, page, ctx, focus_moves, press)
        page.close()
    return {"keys": keys, "seconds": seconds, "rss_before": rss0, "rss_after": rss1,
            "none_drift": none1 - none0,
            "saves": f"{sum(saves)}/{len(saves)}", "summary_chars": typed, "python": sys.version.split()[0],
            "pyside": __import__("PySide6").__version__, **focus}


def focus_phase(app, page, ctx, moves: int, press) -> dict:
    """`moves` focus changes through the 意见单 editor and 依申请公开 dialogs, a character typed after each."""
    import shiboken6
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    from gwdesk.ui.applications.editor import ApplicationDialog

    ed = page.editor
    page.activateWindow()
    app.processEvents()
    editor_fields = [w for w in [*ed.findChildren(QLineEdit), *ed.findChildren(QPlainTextEdit)]
                     if w.isVisible() and w.isEnabled() and not w.isReadOnly()][:8]
    writes = [0]

    def count_writes(saver) -> None:
        real = saver._write
        saver._write = lambda: (writes.__setitem__(0, writes[0] + 1), real())
    count_writes(ed.autosaver)
    dlg = None

    def run(n: int, start: int) -> None:
        nonlocal dlg
        for i in range(start, start + n):
            if i % 50 == 0:  # a dialog opened, typed into, then deleted with the focus inside it
                if dlg is not None:
                    shiboken6.delete(dlg)
                    app.processEvents()
                dlg = ApplicationDialog(ctx)
                count_writes(dlg.autosaver)
                dlg.show()
                dlg.activateWindow()
                app.processEvents()
            in_dialog = (i // 25) % 2 == 1 and dlg is not None
            fields = [dlg.applicant_name, dlg.content, dlg.registration.contact] if in_dialog else editor_fields
            target = fields[i % len(fields)]
            if target.window() is not app.activeWindow():  # focus moves only inside the active window
                target.window().activateWindow()
                app.processEvents()
            target.setFocus()
            press(target, TEXT[i % len(TEXT)])
            if i % 200 == 199:
                app.processEvents()
                for f in (*editor_fields, dlg.applicant_name, dlg.content):  # keep the fields short
                    f.clear() if isinstance(f, QLineEdit) else f.setPlainText("")

    run(200, 0)
    gc.collect()
    rss0, none0, writes0, t0 = rss_mib(), sys.getrefcount(None), writes[0], time.perf_counter()
    run(moves, 200)
    seconds = time.perf_counter() - t0
    if dlg is not None:
        dlg.autosaver.cancel()
        shiboken6.delete(dlg)
    app.processEvents()
    gc.collect()
    return {"focus_moves": moves, "focus_seconds": seconds, "focus_writes": writes[0] - writes0,
            "focus_rss_before": rss0, "focus_rss_after": rss_mib(), "focus_none_drift": sys.getrefcount(None) - none0}


def lines(r: dict) -> list[str]:
    growth = r["rss_after"] - r["rss_before"]
    return [
        f"soak: {r['keys']} key events into the 意见单 editor (Python {r['python']}, PySide6 {r['pyside']}): "
        f"process lived",
        f"soak: saves {r['saves']} succeeded; the stored 内容概要 holds {r['summary_chars']} typed characters",
        f"soak: time {r['seconds']:.1f} s ({r['seconds'] / r['keys'] * 1000:.2f} ms per key, with live checks, "
        f"autosaves and saves)",
        f"soak: RSS {r['rss_before']:.1f} MiB → {r['rss_after']:.1f} MiB, growth {growth:+.1f} MiB "
        f"(goal ≤ 5 MiB) {'✓' if growth <= 5 else '✗'}",
        f"soak: None refcount drift {r['none_drift']:+d} (a loss aborts the process; ≥ 0 is safe) "
        f"{'✓' if r['none_drift'] >= 0 else '✗'}",
        f"soak: {r['focus_moves']} focus moves through the 意见单 editor and 依申请公开 dialogs (one deleted with "
        f"the focus inside every 50): process lived; {r['focus_writes']} drafts written on focus-out; "
        f"{r['focus_seconds'] / r['focus_moves'] * 1000:.2f} ms per move",
        f"soak: focus phase RSS {r['focus_rss_before']:.1f} MiB → {r['focus_rss_after']:.1f} MiB, growth "
        f"{r['focus_rss_after'] - r['focus_rss_before']:+.1f} MiB; None drift {r['focus_none_drift']:+d} "
        f"{'✓' if r['focus_none_drift'] >= 0 else '✗'}",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keys", type=int, default=5000)
    ap.add_argument("--focus", type=int, default=3000, help="focus moves in the second phase")
    ap.add_argument("--json", action="store_true", help="one JSON line (for bench/run.py)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="gwdesk-soak-"))
    try:
        r = soak(args.keys, tmp / "data", args.focus)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(r) if args.json else "\n".join(lines(r)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
