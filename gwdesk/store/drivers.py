"""Which database drivers a process loads.

peewee imports every PostgreSQL driver it finds (psycopg, psycopg2) when it is itself first imported, whether or
not the process ever connects to a server: with psycopg installed that is about 0.5 s and 20 MB more for each
start of the window (issue 25, measured by `bench/run.py --only startup`). A process that will only use the
data folder's SQLite file says so before peewee's first import; the drivers then look absent to every import in
that process (Python's documented `sys.modules[name] = None`), and peewee loads without them. The bundle too: its
测试连接 runs the bundle's own executable with CHILD_FLAG (`child_main`), a fresh process that has the drivers.
"""

from __future__ import annotations

import sys

SERVER_DRIVERS = ("psycopg", "psycopg2")  # the ones peewee tries at import (psycopg2cffi through psycopg2)


def sqlite_only() -> bool:
    """Keep peewee from importing the PostgreSQL drivers in this process. Only before peewee's first import and
    for a driver not yet imported; returns whether it took effect."""
    if "peewee" in sys.modules:
        return False
    for name in SERVER_DRIVERS:
        sys.modules.setdefault(name, None)
    return all(sys.modules[name] is None for name in SERVER_DRIVERS)


def blocked() -> bool:
    """This process keeps the PostgreSQL drivers out (a window on the SQLite file): a connection to a server is
    tried in a fresh interpreter instead (`check_server`)."""
    return "psycopg" in sys.modules and sys.modules["psycopg"] is None


CHILD_FLAG = "--check-server-child"  # gwdesk.cli.main hands `gwdesk --check-server-child URL OUT` to child_main


def child_command(url_text: str, out: str) -> list[str]:
    """The fresh process that checks a server: this interpreter on child_main, or in the bundle its own executable
    with CHILD_FLAG (a bundle has no interpreter to give code to; the windowed one may have no stdout, so the
    answer goes through the file `out`)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_FLAG, url_text, out]
    return [sys.executable, "-c", _CHILD_CODE, url_text, out]


_CHILD_CODE = "import sys\nfrom gwdesk.store import drivers\nsys.exit(drivers.child_main(sys.argv[1:]))"


def child_main(argv: list[str]) -> int:
    """In the fresh process: store.server.check_login(URL, the password read from stdin) written as JSON to OUT."""
    import json
    from pathlib import Path

    from gwdesk.store import dburl, server
    url_text, out = argv
    password = (sys.stdin.read() if sys.stdin is not None else "") or None
    Path(out).write_text(json.dumps(server.check_login(dburl.parse(url_text), password), ensure_ascii=False),
                         encoding="utf-8")
    return 0


def check_server(url_text: str, timeout: float = 60, password: str | None = None) -> tuple[list[str], str, str]:
    """store.server.check_login(url, password) run in a fresh process with the drivers (for 测试连接 in a window on
    the SQLite file, whose peewee was loaded without them): (problems in Chinese, what was checked, '' or the
    password problem). The password travels on the child's stdin, never on its command line."""
    import json
    import os
    import subprocess
    import tempfile
    from pathlib import Path

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    with tempfile.TemporaryDirectory(prefix="gwdesk-check-") as tmp:
        out = Path(tmp) / "answer.json"
        done = None  # the child's run, once it has ended (its last words tell why it left no answer)
        try:
            done = subprocess.run(child_command(url_text, str(out)), capture_output=True, timeout=timeout, env=env,
                                  input=(password or "").encode("utf-8"),
                                  creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
            problems, checked, auth = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, subprocess.SubprocessError, ValueError) as e:
            why = type(e).__name__
            if isinstance(e, FileNotFoundError) and done is not None:
                log_tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
                why = log_tail[0][:200] if log_tail else f"退出码 {done.returncode}"
            return [f"无法检查共享数据库（{why}）"], "", ""
    return list(problems), checked, auth
