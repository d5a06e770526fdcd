"""What every screen and command works with: the open store, the data dir, today's date and the unit profile."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from gwdesk.core import units


@dataclass
class AppContext:
    store: Any  # gwdesk.store.db.Store
    data_dir: Path
    today: Callable[[], dt.date] = field(default=dt.date.today)  # tests pin the date here
    clock_problem: Any = None  # store.clock.ClockProblem when the computer's date looked wrong at start
    _profile: tuple[int, units.Profile | None] | None = field(default=None, repr=False)

    @property
    def db(self):
        return self.store.db

    def profile(self) -> units.Profile | None:
        """The unit profile, or None before the first run is done; read once, again only after a save."""
        if self._profile is None or self._profile[0] != units.saved:
            self._profile = (units.saved, units.load())
        return self._profile[1]

    def forget_profile(self) -> None:
        """Read the profile again next time (the database file was replaced by a restore)."""
        self._profile = None
