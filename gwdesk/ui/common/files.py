"""Every file and folder dialog of gwdesk goes through here: Chinese labels throughout, starting in the
clerk's 文档 folder or the last folder used for that kind of file (remembered in the data folder's
settings), and one seam (`responder`) so tests answer them.

Kinds name what the file is for (``"review_export"``, ``"tasklist"``, ``"evidence"``…): each remembers its
own folder, so exporting a register does not move where task lists are opened from.

Windows (and a Linux desktop whose Qt platform theme offers one) shows its own native dialog, in the
system's language. Elsewhere Qt's own dialog is used; its labels come from qtbase_zh_CN, which misses a few
Qt 6 strings (“Look in:”, “Files of type:”), so they are set here, and its dates follow the system locale
(see `chinese_file_dates`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from gwdesk.ui.common.screen import fit_to_screen
from gwdesk.ui.common.settings import settings

OPEN, SAVE, FOLDER = "open", "save", "folder"

# tests: responder(op, kind, title, start) -> a path, or "" for 取消; every call is recorded in `history`
responder: Callable[[str, str, str, str], str] | None = None
history: list[tuple[str, str, str, str]] = []

LABELS = {QFileDialog.LookIn: "查找范围：", QFileDialog.FileName: "文件名：", QFileDialog.FileType: "文件类型：",
          QFileDialog.Reject: "取消"}


def documents_dir() -> Path:
    """The clerk's 文档 (Documents) folder, else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def last_folder(kind: str, default: Path | None = None) -> Path:
    """Where a dialog for `kind` starts: the folder last used for it, if it still exists, else `default`
    (when given and there), else 文档."""
    saved = settings().value(f"folders/{kind}")
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    if default is not None and Path(default).is_dir():
        return Path(default)
    return documents_dir()


def remember(kind: str, chosen: str) -> None:
    if not chosen:
        return
    p = Path(chosen)
    folder = p if p.is_dir() else p.parent
    s = settings()
    s.setValue(f"folders/{kind}", str(folder))
    s.sync()


def open_file(parent, kind: str, title: str, filters: str = "", default: Path | None = None) -> str:
    """A file to read ("" when cancelled)."""
    return _ask(parent, OPEN, kind, title, str(last_folder(kind, default)), filters)


def save_file(parent, kind: str, title: str, suggested: str = "", filters: str = "") -> str:
    """Where to write; `suggested` is a file name (placed in the kind's folder) or a full path."""
    start = Path(suggested) if suggested and Path(suggested).is_absolute() else last_folder(kind) / (suggested or "")
    return _ask(parent, SAVE, kind, title, str(start), filters)


def open_folder(parent, kind: str, title: str) -> str:
    return _ask(parent, FOLDER, kind, title, str(last_folder(kind)), "")


def _ask(parent, op: str, kind: str, title: str, start: str, filters: str) -> str:
    history.append((op, kind, title, start))
    if responder is not None:
        chosen = responder(op, kind, title, start) or ""
    else:
        chosen = _run_dialog(parent, op, title, start, filters)
    remember(kind, chosen)
    return chosen


def _run_dialog(parent, op: str, title: str, start: str, filters: str) -> str:
    dlg = QFileDialog(parent, title, start, filters)
    if op == OPEN:
        dlg.setFileMode(QFileDialog.ExistingFile)
        dlg.setAcceptMode(QFileDialog.AcceptOpen)
    elif op == SAVE:
        dlg.setFileMode(QFileDialog.AnyFile)
        dlg.setAcceptMode(QFileDialog.AcceptSave)
        if Path(start).suffix == "" and filters:  # a name without suffix gets the filter's first one
            dlg.setDefaultSuffix(_first_suffix(filters))
        elif Path(start).suffix:
            dlg.setDefaultSuffix(Path(start).suffix.lstrip("."))
    else:
        dlg.setFileMode(QFileDialog.Directory)
        dlg.setOption(QFileDialog.ShowDirsOnly, True)
    for label, text in LABELS.items():
        dlg.setLabelText(label, text)
    dlg.resize(dlg.sizeHint().expandedTo(dlg.size()))  # Qt's own dialog (no native one here): on screen
    fit_to_screen(dlg)
    if dlg.exec() != QFileDialog.Accepted or not dlg.selectedFiles():
        return ""
    chosen = dlg.selectedFiles()[0]
    if op != SAVE:
        return chosen
    fitted = with_filter_suffix(chosen, filters)
    if fitted != chosen and Path(fitted).exists():  # the dialog asked about the name typed, not this one
        from gwdesk.ui.common import alerts
        if not alerts.ask(parent, title, f"“{Path(fitted).name}”已存在，要替换它吗？\n{fitted}"):
            return ""
    return fitted


def with_filter_suffix(path: str, filters: str) -> str:
    """A name whose ending is not one the filter offers gets the filter's first: Qt adds its default suffix
    only to a name without any, so “2026.11意见单” was saved as a PDF no program opens, and “x.xlsx” in
    “合并为 PDF” wrote a PDF under an Excel name."""
    import re
    wanted = [w.lower() for w in re.findall(r"\*\.(\w+)", filters)]
    if not path or not wanted or Path(path).suffix.lower().lstrip(".") in wanted:
        return path
    return f"{path}.{wanted[0]}"


def _first_suffix(filters: str) -> str:
    import re
    m = re.search(r"\*\.(\w+)", filters)
    return m.group(1) if m else ""


def chinese_file_dates(env=os.environ) -> None:
    """Qt's own file dialog writes dates in the system locale (“7 12 2026” under LANG=C): on Linux, when the
    date locale is not Chinese, ask for Chinese dates (LC_TIME) before the application starts. Windows and
    macOS use their native dialogs."""
    if sys.platform in ("win32", "darwin"):
        return
    current = env.get("LC_ALL") or env.get("LC_TIME") or env.get("LANG") or ""
    if current.startswith("zh"):
        return
    if env.get("LC_ALL"):  # LC_ALL overrides LC_TIME: keep its value for everything else through LANG
        env["LANG"] = env.pop("LC_ALL")
    env["LC_TIME"] = "zh_CN.UTF-8"
