"""Benchmarks of the 依申请公开 ledger over 100,000 applications: table 三/四 aggregation (≤ 50 ms per table)
and the ledger screen (`ledger_figures`, run by `python bench/run.py --only filter`): open ≤ 0.3 s, every
keystroke and state filter ≤ 30 ms, each timed from the change to the visible rows painted."""

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
from gwdesk.store import dialect  # noqa: E402
from gwdesk.store.base import db  # noqa: E402
from gwdesk.store.db import open_store  # noqa: E402

N = 100_000


def fill(rng: random.Random, n: int = N) -> None:
    outcomes = list(OUTCOMES)
    start = dt.date(2019, 1, 1)
    rows, cases = [], []
    for i in range(n):
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
        # duplicates voided (schema 8): one row in 200, left out of every table through their own index
        if "voided" in {c.name for c in db.get_columns("application")}:
            dialect.run("UPDATE application SET voided = '2026-11-20T09:00:00', void_reason = '重复登记'"
                        " WHERE id % 200 = 0")
    db.execute_sql("ANALYZE")


def timed(fn, *args, repeat=7) -> float:
    best = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(*args)
        best.append(time.perf_counter() - t)
    best.sort()
    return best[len(best) // 2] * 1000


# this bench on the code before (commit 5205662: a model reset, data() per role, every count at once), same
# machine and day, (wall, CPU) seconds, medians of 3 runs (the README said 216 / 55 / 87 / 31 / 43 / 35 ms)
BEFORE: dict[str, tuple[float, float]] = {
    "open": (0.188, 0.162), "first": (0.854, 0.757), "long": (0.052, 0.052), "short": (0.079, 0.079),
    "last": (0.036, 0.036), "overdue": (0.050, 0.050), "soon": (0.044, 0.044),
}


def _both(fn) -> tuple[float, float]:
    """Wall and CPU seconds (time.process_time: this process only — the machine is shared) of fn()."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - c


def _med(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    walls, cpus = sorted(p[0] for p in pairs), sorted(p[1] for p in pairs)
    return walls[len(walls) // 2], cpus[len(cpus) // 2]


def _fmt(pair: tuple[float, float]) -> str:
    return f"{pair[0] * 1000:.0f} ms (CPU {pair[1] * 1000:.0f} ms)"


def _vs(key: str, pair: tuple[float, float]) -> tuple[str, str]:
    """The alternative and ratio columns: this figure on the code before, and the CPU time's ratio to it."""
    if key not in BEFORE:
        return "", ""
    wall, cpu = BEFORE[key]
    return f"before: {_fmt((wall, cpu))}", f"{pair[1] / cpu:.2f}× CPU"


def ledger_figures(ctx, runs: int, after_first=None) -> list[tuple[str, str, str, str, str, bool | None]]:
    """(figure, target, result, alternative, ratio, ok) rows for the ledger screen; every time is from the
    change (page open, setText, state picked) through processEvents to a forced repaint of the table's
    visible rows, so it counts the SQL, the model, the view and the paint."""
    from PySide6.QtWidgets import QApplication

    from gwdesk.app import make_application
    from gwdesk.core.applications import listing
    from gwdesk.ui.applications.page import STATES, Page

    app = QApplication.instance() or make_application([])
    holder = {}

    def shown(page) -> None:
        app.processEvents()
        page.table.viewport().repaint()  # the visible rows painted now, even if processEvents did it already

    def open_page() -> None:
        page = holder["page"] = Page(ctx)
        page.resize(1280, 800)
        page.show()
        shown(page)

    def close() -> None:
        page = holder.pop("page")
        page.close()
        page.deleteLater()
        app.processEvents()

    # the rows were written outside the screen (populate): the first open computes every stored due date
    first = _both(open_page)
    close()
    if after_first is not None:  # e.g. PostgreSQL's statistics brought up to date, as autovacuum does
        after_first()
    opens = []
    for _ in range(max(1, runs // 2)):
        opens.append(_both(open_page))
        close()
    opened = _med(opens)
    open_page()
    page = holder["page"]
    shown_all = page.model.rowCount()

    typed = ["B", "B0", "B09", "B099", "B0999"]  # the clerk types an application number

    def key(text: str) -> tuple[float, float]:
        return _both(lambda: (page.search.setText(text), shown(page)))

    def type_search() -> list[tuple[float, float]]:
        times = [key(text) for text in typed]
        key("")
        return times

    def pick_state(state: str) -> tuple[float, float]:
        took = _both(lambda: (page.state.setCurrentIndex(STATES.index(state)), shown(page)))
        page.state.setCurrentIndex(0)
        shown(page)
        return took

    def short_count() -> tuple[float, float]:
        """A short search's exact count when the typing pauses (the model's timer; called here directly)."""
        page.search.setText("B")
        shown(page)
        finish = getattr(page.model, "finish_count", None)  # the code before had no lazy count
        took = _both(lambda: (finish and finish(), shown(page)))
        assert page.model.rowCount() == shown_all
        page.search.setText("")
        shown(page)
        return took

    keys = [type_search() for _ in range(max(1, runs // 2))]
    short = _med([max(k[:listing.SEARCH_MIN - 1]) for k in keys])
    long = _med([max(k[listing.SEARCH_MIN - 1:]) for k in keys])
    last = _med([k[-1] for k in keys])
    state = _med([pick_state("逾期") for _ in range(max(1, runs // 2))])
    soon = _med([pick_state("即将到期") for _ in range(max(1, runs // 2))])
    counted = _med([short_count() for _ in range(max(1, runs // 2))])
    assert page.model.rowCount() == shown_all

    close()
    n = f"{shown_all:,} rows"

    def row(figure: str, key: str, pair: tuple[float, float], limit: float | None = 0.03):
        target = "—" if limit is None else (f"≤ {limit:g} s" if limit >= 0.1 else f"≤ {limit * 1000:.0f} ms")
        return (figure, target, _fmt(pair), *_vs(key, pair), None if limit is None else pair[0] <= limit)

    return [
        row(f"open the 依申请公开 ledger ({n}), to its rows painted", "open", opened, 0.3),
        row(f"… the first open after {n} were written elsewhere (every due date computed and stored)", "first",
            first, None),
        row("ledger search, slowest keystroke of 3+ characters typing “B0999” (FTS5 trigram), to the rows painted",
            "long", long),
        row("ledger search, “B” and “B0” (under 3 characters, every row matches: the first rows from a scan of the "
            "narrow search table), to the rows painted", "short", short),
        row("… their exact count and 未办结/逾期 figures, when the typing pauses 150 ms", "count", counted, None),
        row("ledger search, last keystroke (few matches), to the rows painted", "last", last),
        row("ledger state filter “逾期” (stored due dates), to the rows painted", "overdue", state),
        row("ledger state filter “即将到期”, to the rows painted", "soon", soon),
    ]


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
