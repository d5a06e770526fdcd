"""Test support for the applications area: the shared `ctx` fixture with the working-day cache reset."""

from __future__ import annotations

import pytest


@pytest.fixture
def actx(ctx):
    """An AppContext over a fresh migrated store (today pinned to 2026-11-20), holiday cache cleared."""
    from gwdesk.core import workdays
    workdays.invalidate()
    yield ctx
    workdays.invalidate()
