"""Rotating log file in the log dir, and the crash report text (versions, traceback, log path)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

from gwdesk import __version__, paths

LOG_NAME = "gwdesk.log"


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to `<log dir>/gwdesk.log` (1 MB × 5 files); returns the log path."""
    log_path = paths.log_dir() / LOG_NAME
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_gwdesk", False):
            root.removeHandler(h)
            h.close()
    handler = logging.handlers.RotatingFileHandler(log_path, maxBytes=1_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler._gwdesk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return log_path


def versions() -> dict[str, str]:
    import platform  # for a crash report or 关于, not at every start
    out = {"gwdesk": __version__, "Python": platform.python_version(),
           "系统": f"{platform.system()} {platform.release()} ({platform.machine()})"}
    for mod, name in (("PySide6", "PySide6"), ("peewee", "peewee"), ("openpyxl", "openpyxl"),
                      ("docx", "python-docx"), ("reportlab", "reportlab")):
        m = sys.modules.get(mod)
        v = getattr(m, "__version__", None) or getattr(m, "Version", None) if m else None
        if v:
            out[name] = str(v)
    return out


def crash_report(exc_type, exc, tb) -> str:
    lines = ["gwdesk 错误报告", ""]
    lines += [f"{k}: {v}" for k, v in versions().items()]
    lines += [f"日志文件: {paths.log_dir() / LOG_NAME}", "", "".join(traceback.format_exception(exc_type, exc, tb))]
    return "\n".join(lines)


def crash_report_text(headline: str, body: str) -> str:
    """A crash report for a trace that is not a Python exception (a native crash's faulthandler output)."""
    lines = ["gwdesk 错误报告", headline, ""]
    lines += [f"{k}: {v}" for k, v in versions().items()]
    lines += [f"日志文件: {paths.log_dir() / LOG_NAME}", "", body]
    return "\n".join(lines)
