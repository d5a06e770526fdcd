"""A 单位共享数据库 under load: simulated clerks, each its own process, on one database, beside the same on SQLite.

    python bench/bench_shared.py [--clerks 20[,5…]] [--seconds 60] [--think 2-6] [--rows 100000]
                                 [--engine postgresql|sqlite|both] [--ledger-only]

Each simulated clerk is a process of its own (as each clerk has a PC of their own: no shared interpreter lock),
with its own connection. After a random start it repeats, pausing a think time drawn uniformly from --think
(seconds; default 2–6, so one clerk saves at most every few seconds) between actions:
  1. registers an application (its 编号 from the counter, in the saving transaction);
  2. edits one of 10 shared 意见单 at the version read: the edit adds one to a counter field; a conflict
     (another clerk saved first) is counted, re-read and retried, never overwritten;
  3. searches the ledger (3+ characters: an application number, pg_trgm / FTS5), its count and first 50 rows;
  4. opens the ledger (stale due dates computed, the count, the 未办结/逾期 figures and the first 50 rows).
At the end: no two applications share a 编号 and every registration told 保存成功 is stored with its 编号;
every form edit told 保存成功 is in the stored form (the counters add up: 0 lost updates).

Before the clerks, with --rows N (default 100,000) the ledger holds N applications, and the ledger screen's own
figures are measured on it by one clerk alone (bench_applications.ledger_figures: open ≤ 0.3 s, a keystroke
≤ 30 ms, to the rows painted), on both engines.

The PostgreSQL run starts its own throwaway cluster (tests/pg_support.py: initdb + pg_ctl, a private socket) as
an office's server runs: fsync and synchronous commit on (the test suite's cluster turns both off). SQLite is
gwdesk's own file (WAL, synchronous=FULL); its "clerks" are processes on one file, which one PC never does
(one gwdesk per data folder): the figures show what the same work costs there, not a supported set-up.

On this 2-core machine the clerks' processes, the bench and the server share the same two cores, where each
clerk would have a PC of their own and the server its own machine: the figures are an upper bound of what a
clerk waits, and a run with fewer clerks shows how much of it is the shared CPU.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from pathlib import Path

# the bench never writes into the clerk's own data folder (a server's file cache, logs): a folder of its own,
# inherited by the clerks' processes
if not os.environ.get("GWDESK_BENCH_DATA"):  # the first process makes it (and removes it at its end)
    os.environ["GWDESK_BENCH_DATA"] = os.environ["GWDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="gwdesk-bench-data-")
    import atexit
    import shutil
    atexit.register(shutil.rmtree, os.environ["GWDESK_BENCH_DATA"], True)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "tests", ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

FORMS = 10  # the shared 意见单 everybody edits
TODAY = dt.date(2026, 11, 20)


def _p(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def _ctx(store):
    from gwdesk.context import AppContext
    return AppContext(store=store, data_dir=Path(tempfile.mkdtemp(prefix="gwdesk-bench-")), today=lambda: TODAY)


def populate(target, rows: int) -> list[int]:
    """The ledger with `rows` applications (bench_applications.fill) and the shared forms; their ids."""
    import bench_applications
    from gwdesk.core.review import forms
    from gwdesk.store.db import open_store

    store = open_store(target)
    try:
        if rows:
            t = time.perf_counter()
            bench_applications.fill(random.Random(5), rows)
            print(f"  {rows:,} applications written in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        ctx = _ctx(store)
        return [forms.create(ctx, {"title": f"共享意见单{i}", "drafter": "0"}).id for i in range(FORMS)]
    finally:
        store.close()


def ledger_alone(target, runs: int) -> list[tuple]:
    """The ledger screen's figures (bench_applications.ledger_figures) with one clerk on the database."""
    import bench_applications
    from gwdesk.store.db import open_store

    def analyze():  # the first open rewrote every row's due date: the tables as autovacuum leaves them (within a
        if isinstance(target, Path):  # minute of so many changed rows), not mid-way through its work
            return
        import psycopg
        with psycopg.connect(**target.connect_params(), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")

    store = open_store(target)
    try:
        return bench_applications.ledger_figures(_ctx(store), runs, after_first=analyze)
    finally:
        store.close()


def clerk(n: int, target, shared: list[int], start_at: float, stop_at: float, think: tuple[float, float],
          out) -> None:
    """One simulated clerk (a process of its own); puts its measurements on `out`."""
    from gwdesk.core import formdef
    from gwdesk.core.applications import ledger, listing
    from gwdesk.core.review import forms
    from gwdesk.errors import ConflictError
    from gwdesk.store.db import open_store

    res = dict(app=[], form=[], search=[], open=[], cpu=[], conflicts=0, told_forms=[0] * len(shared),
               registered=[], errors=[])
    rng = random.Random(n)
    try:
        store = open_store(target)
        ctx = _ctx(store)
        formdef.load()
    except Exception as e:  # noqa: BLE001 - reported
        res["errors"].append(f"open: {e!r}")
        out.put(res)
        return

    def timed(key: str, fn):
        t, c = time.perf_counter(), time.process_time()
        r = fn()
        res[key].append(time.perf_counter() - t)
        if key in ("app", "form"):
            res["cpu"].append(time.process_time() - c)
        return r

    def register():
        app = timed("app", lambda: ledger.create(
            dict(received=dt.date(2026, 11, rng.randrange(1, 20)), channel="网络", applicant_type="自然人",
                 applicant_name=f"申请人{n}", content=f"政府信息{rng.randrange(1000)}号"), auto_number=True))
        res["registered"].append((app.id, app.number))

    def edit():
        i = rng.randrange(len(shared))
        while True:
            f = forms.get(shared[i])  # the clerk opens the form…
            f.values["drafter"] = str(int(f.values.get("drafter") or 0) + 1)
            try:
                timed("form", lambda: forms.save(ctx, f))
                res["told_forms"][i] += 1
                return
            except ConflictError:
                res["conflicts"] += 1  # …a colleague saved first: reload and do it again

    def search():
        needle = f"B0{rng.randrange(100):02d}{rng.randrange(10)}" if rng.random() < 0.5 else f"信息{rng.randrange(1000)}"

        def go():
            lst = listing.Listing(TODAY, listing.Filter(search=needle), lazy=True)
            lst.window(0, 50)
        timed("search", go)

    def open_ledger():
        def go():
            listing.refresh(TODAY)
            lst = listing.Listing(TODAY, listing.Filter(), lazy=True)
            lst.window(0, 50)
        timed("open", go)

    actions = [register, edit, search, open_ledger]
    time.sleep(max(0.0, start_at - time.time()) + rng.uniform(0, think[1]))
    k = rng.randrange(len(actions))
    while time.time() < stop_at:
        try:
            actions[k % len(actions)]()
        except Exception as e:  # noqa: BLE001 - reported (a save that failed is no save)
            res["errors"].append(repr(e)[:300])
        k += 1
        time.sleep(min(rng.uniform(*think), max(0.0, stop_at - time.time())))
    store.close()
    out.put(res)


def clerks_run(target, shared: list[int], clerks: int, seconds: float, think: tuple[float, float]) -> dict:
    from gwdesk.core.review import forms
    from gwdesk.store.db import open_store

    store = open_store(target)
    try:  # the forms' counters as the run finds them (an earlier run in this bench may have added to them)
        at_start = [int(forms.get(i).values.get("drafter") or 0) for i in shared]
    finally:
        store.close()
    spawn = mp.get_context("spawn")
    out = spawn.Queue()
    start_at = time.time() + 8 + clerks * 0.6  # every clerk connected and warm before the clock starts
    stop_at = start_at + seconds
    procs = [spawn.Process(target=clerk, args=(n, target, shared, start_at, stop_at, think, out))
             for n in range(clerks)]
    for p in procs:
        p.start()
    load = []
    results = []
    while len(results) < clerks:
        try:
            results.append(out.get(timeout=1))
        except Exception:  # noqa: BLE001 - queue.Empty: sample the load meanwhile
            if start_at < time.time() < stop_at:
                load.append(os.getloadavg()[0])
            if not any(p.is_alive() for p in procs) and out.empty():
                break
    for p in procs:
        p.join(timeout=30)
    merged = {k: [x for r in results for x in r[k]] for k in ("app", "form", "search", "open", "cpu",
                                                               "registered", "errors")}
    told_forms = [sum(r["told_forms"][i] for r in results) for i in range(len(shared))]
    store = open_store(target)
    try:
        from gwdesk.store.applications_models import Application
        stored = dict(Application.select(Application.id, Application.number).where(
            Application.id.in_([i for i, _ in merged["registered"]] or [0])).tuples())
        numbers = [num for _, num in merged["registered"]]
        missing = sum(1 for i, num in merged["registered"] if stored.get(i) != num)
        in_forms = [int(forms.get(i).values.get("drafter") or 0) - at_start[k] for k, i in enumerate(shared)]
    finally:
        store.close()
    saves = merged["app"] + merged["form"]
    return dict(clerks=clerks, finished=len(results), saves=len(saves), registered=len(numbers),
                form_saves=len(merged["form"]),
                p50_save=_p(saves, .5), p95_save=_p(saves, .95), p95_app=_p(merged["app"], .95),
                p95_form=_p(merged["form"], .95), cpu_save=_p(merged["cpu"], .5),
                p50_search=_p(merged["search"], .5), p95_search=_p(merged["search"], .95),
                p50_open=_p(merged["open"], .5), p95_open=_p(merged["open"], .95),
                duplicates=len(numbers) - len(set(numbers)), lost=sum(told_forms) - sum(in_forms) + missing,
                conflicts=sum(r["conflicts"] for r in results), errors=merged["errors"],
                load=max(load) if load else float("nan"))


HEADER = ("engine      clerks  saves  p50 save  p95 save  (register/edit p95)  CPU/save  p50/p95 search"
          "  p50/p95 open  dup 编号  lost  conflicts  errors  load")


def line(engine: str, r: dict) -> str:
    return (f"{engine:<10} {r['clerks']:>7}  {r['saves']:>5}  {r['p50_save']:>5.0f} ms  {r['p95_save']:>5.0f} ms"
            f"  ({r['p95_app']:>4.0f} / {r['p95_form']:>4.0f} ms)    {r['cpu_save']:>4.0f} ms"
            f"  {r['p50_search']:>5.0f} / {r['p95_search']:>4.0f} ms  {r['p50_open']:>4.0f} / {r['p95_open']:>4.0f} ms"
            f"  {r['duplicates']:>7}  {r['lost']:>4}  {r['conflicts']:>9}  {len(r['errors']):>6}  {r['load']:.1f}")


def measure(engines: list[str], rows: int, runs: int, counts: list[int], seconds: float,
            think: tuple[float, float], ledger_only: bool = False) -> tuple[dict, dict]:
    """({engine: ledger screen figures}, {(engine, clerks): clerks_run result})."""
    ledger, runs_ = {}, {}
    for engine in engines:
        cluster = None
        print(f"{engine}: preparing", file=sys.stderr)
        if engine == "sqlite":
            target = Path(tempfile.mkdtemp(prefix="gwdesk-bench-")) / "gwdesk.db"
        else:
            import pg_support
            from gwdesk.store import dburl
            cluster = pg_support.Cluster(durable=True)
            target = dburl.parse(cluster.create_database("bench"))
        try:
            shared = populate(target, rows)
            if rows:
                ledger[engine] = ledger_alone(target, runs)
            if not ledger_only:
                for n in counts:
                    print(f"{engine}: {n} clerks for {seconds:g} s", file=sys.stderr)
                    runs_[(engine, n)] = clerks_run(target, shared, n, seconds, think)
        finally:
            if cluster is not None:
                cluster.stop()
    return ledger, runs_


def table_rows(rows: int = 100_000, runs: int = 5, clerks: int = 20, seconds: float = 60,
               think: tuple[float, float] = (2, 6)) -> list[tuple]:
    """For bench/run.py (`--only shared`): (figure, target, result, alternative, ratio, ok), PostgreSQL beside
    SQLite."""
    ledger, sims = measure(["sqlite", "postgresql"], rows, runs, [clerks], seconds, think)
    out = []
    for pg, lite in zip(ledger["postgresql"], ledger["sqlite"]):
        out.append((f"PostgreSQL: {pg[0].replace('FTS5 trigram', 'pg_trgm')}", pg[1], pg[2], f"SQLite {lite[2]}",
                    "", pg[5]))
    pg, lite = sims[("postgresql", clerks)], sims[("sqlite", clerks)]
    who = (f"{clerks} clerks, each its own process, {seconds:g} s, {think[0]:g}–{think[1]:g} s between actions, "
           f"{rows:,} applications (2 cores shared with the server)")
    out += [
        (f"PostgreSQL: {who}: p95 save (p50)", "≤ 50 ms", f"{pg['p95_save']:.0f} ms ({pg['p50_save']:.0f} ms)",
         f"SQLite {lite['p95_save']:.0f} ms ({lite['p50_save']:.0f} ms)", _ratio(pg["p95_save"], lite["p95_save"]),
         pg["p95_save"] <= 50),
        ("… p95 search, 3+ characters, count and first 50 rows (p50)", "≤ 30 ms",
         f"{pg['p95_search']:.0f} ms ({pg['p50_search']:.0f} ms)",
         f"SQLite {lite['p95_search']:.0f} ms ({lite['p50_search']:.0f} ms)",
         _ratio(pg["p95_search"], lite["p95_search"]), pg["p95_search"] <= 30),
        ("… p95 ledger open: due dates, counts, first 50 rows (p50)", "≤ 0.3 s",
         f"{pg['p95_open']:.0f} ms ({pg['p50_open']:.0f} ms)",
         f"SQLite {lite['p95_open']:.0f} ms ({lite['p50_open']:.0f} ms)", _ratio(pg["p95_open"], lite["p95_open"]),
         pg["p95_open"] <= 300),
        ("… duplicate 编号 · lost updates · errors", "0 · 0 · 0",
         f"{pg['duplicates']} · {pg['lost']} · {len(pg['errors'])} ({pg['saves']} saves, {pg['conflicts']} conflicts)",
         f"SQLite {lite['duplicates']} · {lite['lost']} · {len(lite['errors'])} ({lite['saves']} saves)", "",
         pg["duplicates"] == pg["lost"] == len(pg["errors"]) == 0),
    ]
    return out


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "—"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clerks", default="20", help="how many clerks at once; several runs: 5,20")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--think", default="2-6", help="seconds a clerk pauses between actions, drawn from LOW-HIGH")
    ap.add_argument("--rows", type=int, default=100_000, help="applications in the ledger before the clerks start")
    ap.add_argument("--engine", default="both", choices=["postgresql", "sqlite", "both"])
    ap.add_argument("--ledger-only", action="store_true", help="only the ledger screen's figures, no clerks")
    ap.add_argument("--runs", type=int, default=5, help="repeats of each ledger screen figure")
    a = ap.parse_args(argv)
    counts = [int(x) for x in a.clerks.split(",") if x.strip()]
    lo, _, hi = a.think.partition("-")
    think = (float(lo), float(hi or lo))
    engines = ["sqlite", "postgresql"] if a.engine == "both" else [a.engine]
    load_before = os.getloadavg()[0]
    ledger, runs = measure(engines, a.rows, a.runs, counts, a.seconds, think, a.ledger_only)
    print(f"gwdesk shared-database bench · {os.cpu_count()} cores shared by the clerks, the bench and the server"
          f" · {a.rows:,} applications · 1-minute load average before: {load_before:.1f}")
    if ledger:
        print("\nThe ledger screen, one clerk alone (wall, and this process's CPU):")
        for i, row in enumerate(next(iter(ledger.values()))):
            figure, target = row[0], row[1]
            cells = "  ".join(f"{e}: {ledger[e][i][2]}{'' if ledger[e][i][5] in (None, True) else ' ✗'}"
                              for e in ledger)
            print(f"- {figure} [{target}]\n    {cells}")
    if runs:
        print(f"\nClerks, each its own process, {a.seconds:g} s, pausing {think[0]:g}–{think[1]:g} s between actions"
              " (register · edit a shared 意见单 · search · open the ledger); times in ms; CPU/save is the clerk"
              " process's own CPU per save (p50); load is the 1-minute load average at its highest. The clerks'"
              f" processes, this bench and the server share this machine's {os.cpu_count()} cores, where each clerk"
              " would have a PC and the server a machine of its own: these are upper bounds of a clerk's wait.")
        print(HEADER)
        for (engine, n), r in runs.items():
            print(line(engine, r))
            for e in r["errors"][:3]:
                print(f"    error: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
