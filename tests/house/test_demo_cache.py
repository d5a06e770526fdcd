"""The test suite's demo cache (tests/demo_cache.py) writes exactly what the real demo loader writes."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

import demo_cache
from gwdesk.context import AppContext
from gwdesk.core import demo
from gwdesk.store.base import db
from gwdesk.store.db import open_store


def _rows() -> dict[str, list[str]]:
    conn = db.connection()
    return {name: sorted(demo_cache._MOMENT.sub("·", repr(r)) for r in conn.execute(f'SELECT * FROM "{name}"'))
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")}


@pytest.fixture
def cached():
    if getattr(demo.load, "real", None) is None:
        pytest.skip("GWDESK_DEMO_CACHE=0: the suite runs the real loader every time")
    return demo.load


def _load_fresh(template, path, today, loader) -> dict[str, list[str]]:
    shutil.copyfile(template, path)
    s = open_store(path)
    try:
        loader(AppContext(store=s, data_dir=path.parent, today=today))
        return _rows()
    finally:
        s.close()


def test_a_repeated_start_is_copied_and_holds_what_the_real_loader_writes(cached, ctx, tmp_path, _sqlite_template):
    cached(ctx)  # built here, or copied if an earlier test built it: this start is known from now on
    ctx.store.close()
    hits = demo_cache.HITS[0]
    copied = _load_fresh(_sqlite_template, tmp_path / "copied.db", ctx.today, cached)
    assert demo_cache.HITS[0] == hits + 1, "the same start was loaded again instead of copied"
    real = _load_fresh(_sqlite_template, tmp_path / "real.db", ctx.today, cached.real)
    assert sum(map(len, real.values())) > 100  # the demo fills every ledger
    assert copied == real


def test_another_day_is_loaded_not_copied(cached, ctx, tmp_path, _sqlite_template):
    cached(ctx)
    ctx.store.close()
    hits = demo_cache.HITS[0]
    day = lambda: dt.date(2026, 6, 17)  # noqa: E731 — a day no other test starts the demo on
    other = _load_fresh(_sqlite_template, tmp_path / "other.db", day, cached)
    assert demo_cache.HITS[0] == hits
    assert other == _load_fresh(_sqlite_template, tmp_path / "real.db", day, cached.real)
