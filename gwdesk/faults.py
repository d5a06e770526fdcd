"""A native crash (abort, segfault) leaves its trace in the log folder; the next start finds and archives it.

`enable()` points `faulthandler` at `<log dir>/fault.log` for the life of the process; a clean run leaves
that file empty. `take_previous()` reads a non-empty one left by a crashed run, moves it aside as
`fault-<time>.log` and returns its text, so it is shown once and kept.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
from pathlib import Path
from typing import IO

from gwdesk import paths

FAULT_NAME = "fault.log"
_open: list[IO] = []  # the file faulthandler writes into must stay open


def fault_path() -> Path:
    return paths.log_dir() / FAULT_NAME


def take_previous() -> tuple[str, Path] | None:
    """The trace a crashed run left (text, where it was archived), or None."""
    p = fault_path()
    try:
        if not p.exists() or p.stat().st_size == 0:
            return None
        text = p.read_text("utf-8", errors="replace")
        archived = p.with_name(f"fault-{dt.datetime.now():%Y%m%d-%H%M%S}.log")
        p.replace(archived)
    except OSError:
        return None
    return text, archived


def enable() -> Path:
    """Send faulthandler's trace of a native crash to a fresh fault.log (call after take_previous)."""
    p = fault_path()
    f = open(p, "w", encoding="utf-8")  # noqa: SIM115 - kept open until the process ends
    _open[:] = [f]
    faulthandler.enable(file=f, all_threads=True)
    return p
