"""Simulated clerks on one database: N threads (each its own connection) saving and searching at once.

    python bench/bench_shared.py [--clerks 20] [--seconds 60] [--engine postgresql|sqlite|both]

Each clerk, in a loop: registers an application (its 编号 from the counter), edits one of the shared 意见单
(at the version read: a conflict is counted, re-read and retried, never overwritten), and searches the ledger
(3+ characters). At the end it checks: no two applications share a 编号, and every edit that was told 保存成功
is in the stored form (the edits counter matches: 0 lost updates). Prints p50/p95 of save and search. The
PostgreSQL run starts its own throwaway cluster (tests/pg_support.py: initdb + pg_ctl).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

FORMS = 10  # the shared 意见单 everybody edits


def _p(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def run(target, clerks: int, seconds: float) -> dict:
    from gwdesk.context import AppContext
    from gwdesk.core.applications import ledger, listing
    from gwdesk.core.review import forms
    from gwdesk.errors import ConflictError
    from gwdesk.store.base import db
    from gwdesk.store.db import open_store

    store = open_store(target)
    ctx = AppContext(store=store, data_dir=Path(tempfile.mkdtemp()), today=lambda: dt.date(2026, 11, 20))
    shared = [forms.create(ctx, {"title": f"共享意见单{i}", "drafter": "0"}).id for i in range(FORMS)]
    stop = time.monotonic() + seconds
    saves, searches, told_saved, conflicts, errors = [], [], [0] * FORMS, [0], []
    lock = threading.Lock()

    def clerk(n: int) -> None:
        rng = random.Random(n)
        try:
            while time.monotonic() < stop:
                t = time.perf_counter()
                ledger.create(dict(received=dt.date(2026, 11, rng.randrange(1, 20)), channel="网络",
                                   applicant_type="自然人", applicant_name=f"申请人{n}",
                                   content=f"政府信息{rng.randrange(1000)}号"), auto_number=True)
                i = rng.randrange(FORMS)
                while True:  # an edit that adds one to the form's counter field, at the version read
                    f = forms.get(shared[i])
                    f.values["drafter"] = str(int(f.values.get("drafter") or 0) + 1)
                    try:
                        forms.save(ctx, f)
                        break
                    except ConflictError:
                        with lock:
                            conflicts[0] += 1
                with lock:
                    told_saved[i] += 1
                    saves.append(time.perf_counter() - t)
                t = time.perf_counter()
                lst = listing.Listing(ctx.today(), listing.Filter(search=f"信息{rng.randrange(1000)}"))
                lst.window(0, 50)
                with lock:
                    searches.append(time.perf_counter() - t)
        except Exception as e:  # noqa: BLE001 - reported
            errors.append(repr(e))
        finally:
            db.close()

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(clerks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    numbers = [r[0] for r in db.execute_sql("SELECT number FROM application").fetchall()]
    stored = [int(forms.get(i).values.get("drafter") or 0) for i in shared]
    store.close()
    return dict(saves=len(saves), p50_save=_p(saves, .5), p95_save=_p(saves, .95), p95_search=_p(searches, .95),
                duplicates=len(numbers) - len(set(numbers)), lost=sum(told_saved) - sum(stored),
                conflicts=conflicts[0], errors=errors[:3])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clerks", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--engine", default="both", choices=["postgresql", "sqlite", "both"])
    a = ap.parse_args()
    results = {}
    if a.engine in ("sqlite", "both"):
        results["sqlite"] = run(Path(tempfile.mkdtemp()) / "gwdesk.db", a.clerks, a.seconds)
    if a.engine in ("postgresql", "both"):
        import pg_support
        from gwdesk.store import dburl
        cluster = pg_support.Cluster()
        try:
            results["postgresql"] = run(dburl.parse(cluster.create_database("bench")), a.clerks, a.seconds)
        finally:
            cluster.stop()
    print(f"{a.clerks} clerks, {a.seconds:g} s each engine")
    print("engine      saves  p50 save ms  p95 save ms  p95 search ms  duplicate 编号  lost updates  conflicts")
    for name, r in results.items():
        print(f"{name:<10} {r['saves']:>6}  {r['p50_save']:>11.1f}  {r['p95_save']:>11.1f}  {r['p95_search']:>13.1f}"
              f"  {r['duplicates']:>14}  {r['lost']:>12}  {r['conflicts']:>9}" + (f"  errors: {r['errors']}"
                                                                                       if r["errors"] else ""))


if __name__ == "__main__":
    main()
