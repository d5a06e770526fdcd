"""Run one command with a throwaway PostgreSQL cluster (tests/pg_support.py) as its 单位共享数据库.

    python tests/pg_cluster_run.py COMMAND [ARG ...]

An empty database `gwdesk` is made on a fresh cluster, COMMAND runs with GWDESK_DB_URL pointing at it, the
cluster is stopped and removed, and COMMAND's exit code is returned. CI runs the bundle's `selftest` this way
(.ci/run): the bundle's own PostgreSQL driver builds the schema on an empty server and reads and writes it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pg_support  # noqa: E402


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    cluster = pg_support.Cluster()
    try:
        url = cluster.create_database("gwdesk")
        print(f"PostgreSQL cluster: {url}", flush=True)
        return subprocess.run(argv, env=dict(os.environ, GWDESK_DB_URL=url)).returncode
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
