"""What telling the other clerks' windows costs a save (单位共享数据库, gwdesk.store.changes), and how soon they hear.

    python bench/bench_notify.py [--rounds 3000]

On a throwaway PostgreSQL cluster (tests/pg_support.py), with one connection LISTENing:
- one transaction (BEGIN; UPDATE; COMMIT) as it is without notifications, with the NOTIFY sent together with the
  COMMIT (what AnnouncingDatabase does), and with a `SELECT pg_notify(...)` of its own (one round trip more),
  interleaved round by round so the machine's load falls on all three alike: median and p95;
- how long after the COMMIT returns the listener has the notification (reading without waiting, as the window does).
"""

from __future__ import annotations

import argparse
import select
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3000)
    args = ap.parse_args(argv)
    import psycopg

    import pg_support
    from gwdesk.store.changes import CHANNEL
    cluster = pg_support.Cluster()
    try:
        cluster.create_database("bench")
        kw = dict(host=str(cluster.socket), port=pg_support.PORT, user=pg_support.SUPERUSER, dbname="bench")
        clerk = psycopg.connect(autocommit=True, **kw)
        listener = psycopg.connect(autocommit=True, **kw)
        listener.execute(f"LISTEN {CHANNEL}")
        clerk.execute("CREATE TABLE application(id int PRIMARY KEY, content text)")
        clerk.execute("INSERT INTO application VALUES (1, '')")
        kinds = {"without notification": "COMMIT",
                 "NOTIFY with the COMMIT": f"NOTIFY {CHANNEL}, 'application'; COMMIT",
                 "pg_notify of its own": "COMMIT"}
        took: dict[str, list[float]] = {k: [] for k in kinds}
        heard: list[float] = []
        for i in range(args.rounds):
            for kind, commit in kinds.items():
                t = time.perf_counter()
                clerk.execute("BEGIN")
                clerk.execute("UPDATE application SET content = %s WHERE id = 1", (str(i),))
                if kind == "pg_notify of its own":
                    clerk.execute("SELECT pg_notify(%s, 'application')", (CHANNEL,))
                clerk.execute(commit)
                done = time.perf_counter()
                took[kind].append(done - t)
                if kind != "without notification":
                    while not list(listener.notifies(timeout=0)):
                        select.select([listener.fileno()], [], [], 1.0)
                    heard.append(time.perf_counter() - done)
        for kind, values in took.items():
            v = sorted(values[len(values) // 10:])
            print(f"{kind:24s} median {statistics.median(v) * 1000:6.3f} ms   "
                  f"p95 {v[int(len(v) * .95)] * 1000:6.3f} ms")
        h = sorted(heard)
        print(f"{'heard after the COMMIT':24s} median {statistics.median(h) * 1000:6.3f} ms   p95 "
              f"{h[int(len(h) * .95)] * 1000:6.3f} ms")
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
