"""Benchmark: table 三/四 aggregation over 100,000 applications (target ≤ 50 ms per table)."""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gwdesk.core.applications import APPLICANT_TYPES, CASE_KINDS, CASE_RESULTS, OUTCOMES, aggregate  # noqa: E402
from gwdesk.store.applications_models import AppealCase, Application  # noqa: E402
from gwdesk.store.base import db  # noqa: E402
from gwdesk.store.db import open_store  # noqa: E402

N = 100_000


def fill(rng: random.Random) -> None:
    outcomes = list(OUTCOMES)
    start = dt.date(2019, 1, 1)
    rows, cases = [], []
    for i in range(N):
        received = start + dt.timedelta(days=rng.randrange(0, 8 * 365))
        closed = received + dt.timedelta(days=rng.randrange(5, 60))
        is_open = closed > dt.date(2026, 11, 20) or rng.random() < 0.01
        rows.append(dict(number=f"B{i:06d}", received=received, channel="网络",
                         applicant_type=rng.choice(APPLICANT_TYPES), applicant_name="某",
                         closed=None if is_open else closed, outcome=None if is_open else rng.choice(outcomes),
                         content="x"))
        if rng.random() < 0.02:
            filed = closed + dt.timedelta(days=30)
            result = rng.choice(CASE_RESULTS)
            cases.append(dict(kind=rng.choice(CASE_KINDS), filed=filed, result=result,
                              decided=None if result == "尚未审结" else filed + dt.timedelta(days=60)))
    with db.atomic():
        for k in range(0, len(rows), 1000):
            Application.insert_many(rows[k:k + 1000]).execute()
        for k in range(0, len(cases), 1000):
            AppealCase.insert_many(cases[k:k + 1000]).execute()
    db.execute_sql("ANALYZE")


def timed(fn, *args, repeat=7) -> float:
    best = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(*args)
        best.append(time.perf_counter() - t)
    best.sort()
    return best[len(best) // 2] * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        store = open_store(Path(d) / "bench.db")
        t = time.perf_counter()
        fill(random.Random(5))
        print(f"inserted {N} applications in {time.perf_counter() - t:.1f} s")
        for year in (2020, 2026):
            t3 = timed(aggregate.live_table3, year)
            t4 = timed(aggregate.live_table4, year)
            total = aggregate.live_table3(year)
            print(f"{year}: table3 median {t3:.1f} ms, table4 median {t4:.1f} ms "
                  f"(row 1 总计 {total['1'][6]}, row 4 总计 {total['4'][6]}); target ≤ 50 ms")
        store.close()


if __name__ == "__main__":
    main()
