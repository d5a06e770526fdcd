"""Which database drivers a process loads.

peewee imports every PostgreSQL driver it finds (psycopg, psycopg2) when it is itself first imported, whether or
not the process ever connects to a server: with psycopg installed that is about 0.5 s and 20 MB more for each
start of the window (issue 25, measured by `bench/run.py --only startup`). A process that will only use the
data folder's SQLite file says so before peewee's first import; the drivers then look absent to every import in
that process (Python's documented `sys.modules[name] = None`), and peewee loads without them.
"""

from __future__ import annotations

import sys

SERVER_DRIVERS = ("psycopg", "psycopg2")  # the ones peewee tries at import (psycopg2cffi through psycopg2)


def sqlite_only() -> bool:
    """Keep peewee from importing the PostgreSQL drivers in this process. Only before peewee's first import and
    for a driver not yet imported, and not in the bundle (whose 测试连接 cannot start a fresh interpreter, see
    `blocked`); returns whether it took effect."""
    if "peewee" in sys.modules or getattr(sys, "frozen", False):
        return False
    for name in SERVER_DRIVERS:
        sys.modules.setdefault(name, None)
    return all(sys.modules[name] is None for name in SERVER_DRIVERS)


def blocked() -> bool:
    """This process keeps the PostgreSQL drivers out (a window on the SQLite file): a connection to a server is
    tried in a fresh interpreter instead (`check_server`)."""
    return "psycopg" in sys.modules and sys.modules["psycopg"] is None


def check_server(url_text: str, timeout: float = 60, password: str | None = None) -> tuple[list[str], str, str]:
    """store.server.check_login(url, password) run in a fresh interpreter with the drivers (for 测试连接 in a
    window on the SQLite file, whose peewee was loaded without them): (problems in Chinese, what was checked,
    '' or the password problem). The password travels on the child's stdin, never on its command line."""
    import json
    import os
    import subprocess
    code = ("import json, sys\nfrom gwdesk.store import dburl, server\n"
            "pw = sys.stdin.read() or None\n"
            "print(json.dumps(server.check_login(dburl.parse(sys.argv[1]), pw), ensure_ascii=False))")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    try:
        out = subprocess.run([sys.executable, "-c", code, url_text], capture_output=True, text=True,
                             encoding="utf-8", timeout=timeout, env=env, input=password or "")
        problems, checked, auth = json.loads(out.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError) as e:
        return [f"无法检查共享数据库（{type(e).__name__}）"], "", ""
    return list(problems), checked, auth
