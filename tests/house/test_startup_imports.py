"""What the window loads at start-up (issue 25): only what its first screen needs.

The window is opened as `python main.py` opens it (app.run_gui) in a fresh interpreter on a data folder with a
unit; once it is shown, the modules the process holds are listed and it exits. The document and spreadsheet
libraries load when a clerk first prints, previews, imports or exports; the PostgreSQL drivers peewee would
import by itself are never loaded for the data folder's SQLite file.
"""

from __future__ import annotations

from locations import ROOT

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = ROOT
HEAVY = ["reportlab", "openpyxl", "docx", "pypdfium2", "pypdf", "lunar_python", "psycopg", "psycopg2",
         "PySide6.QtPrintSupport", "gwdesk.core.demo", "gwdesk.ui.first_run",
         # 今日提醒's providers load after the window (gwdesk.ui.sections.reminder_providers)
         "gwdesk.core.applications.reminders", "gwdesk.core.tasks.reminders", "gwdesk.core.review.reminders",
         # 公开审查's editor and preview load when a form is first opened or previewed (issue 25)
         "gwdesk.ui.review.editor", "gwdesk.ui.review.preview", "gwdesk.io.xlsx_safe",
         # a current database imports no migration step; the font look-up's fc-list, strptime: when first used
         "gwdesk.store.migrations.m001_foundation", "gwdesk.store.migrations.m012_task_milestones",
         "subprocess", "_strptime"]

CHILD = r"""
import json, os, sys
from gwdesk import paths
paths.set_data_dir(sys.argv[1])
from gwdesk import app
from gwdesk.ui.common import alerts
alerts.responder = lambda kind, title, text: True
heavy = json.loads(sys.argv[2])
start_window = app.start_window

def shown(ctx, *a, **kw):
    window = start_window(ctx, *a, **kw)
    from PySide6.QtCore import QTimer

    def report():
        loaded = sorted(m for m in heavy if sys.modules.get(m) is not None)
        import linecache
        print(json.dumps({"visible": window.isVisible(), "section": window.current_section(),
                          "sources_kept": sorted(f for f in linecache.cache if "gwdesk" in f),
                          "page": type(window.pages[window.current_section()]).__module__,
                          "loaded": loaded, "gwdesk": sorted(m for m in sys.modules if m.startswith("gwdesk."))}),
              flush=True)
        os._exit(0)
    QTimer.singleShot(0, report)  # once the window is up, before 今日提醒 (which reads the ledgers)
    return window

app.start_window = shown
sys.exit(app.run_gui())
"""


def _unit_folder(tmp_path: Path) -> Path:
    from gwdesk.core import demo, units
    from gwdesk.session import open_session
    data = tmp_path / "data"
    with open_session(data, daily_backup=False) as ctx:
        units.save(demo.DEMO_PROFILE)
        assert ctx.profile() is not None
    return data


def test_the_window_opens_without_the_document_libraries_or_server_drivers(tmp_path):
    data = _unit_folder(tmp_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", CHILD, str(data), json.dumps(HEAVY)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["visible"] and report["section"] == "review"
    assert report["page"] == "gwdesk.ui.review.page"
    assert report["loaded"] == []
    # PySide6 asks of each import whether its source names PySide6; gwdesk.ui answers from the file's bytes, so no
    # module's source lines are kept in linecache (5 MB at start-up before, issue 25)
    assert report["sources_kept"] == []
    # the other sections are built on their first visit: none of their screens was imported
    others = ("tasks", "applications", "report", "office", "settings")
    assert not [f"gwdesk.ui.{k}.page" for k in others if f"gwdesk.ui.{k}.page" in report["gwdesk"]]


def test_sqlite_only_keeps_drivers_out_only_before_peewee(tmp_path):
    """The guard is Python's own: a None in sys.modules makes `import psycopg` fail for peewee, which then loads
    without PostgreSQL; once peewee is loaded it changes nothing."""
    code = ("import sys\nfrom gwdesk.store import drivers\nprint(drivers.sqlite_only())\nimport peewee\n"
            "print(peewee.psycopg is None, 'psycopg' in sys.modules and sys.modules['psycopg'] is None)\n"
            "print(drivers.sqlite_only())\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "True", "False"]


def test_a_window_on_a_shared_database_keeps_the_drivers(tmp_path):
    """With a 单位共享数据库 chosen for this computer the window needs psycopg: nothing is kept out (here the server
    cannot be reached, the clerk is told, and the process did load the driver to try)."""
    code = ("import sys\nfrom gwdesk import app, paths\nfrom gwdesk.ui.common import alerts\n"
            "paths.set_data_dir(sys.argv[1])\nseen = []\nalerts.responder = lambda k, t, x: seen.append((k, x)) or True\n"
            "rc = app.run_gui()\nprint(rc, sys.modules.get('psycopg') is not None, seen[-1][0])\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               GWDESK_DB_URL="postgresql://clerk@127.0.0.1:1/gw")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.stdout.split()[-3:] == ["1", "True", "error"], out.stderr[-2000:]
