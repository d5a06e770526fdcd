"""What every screen and command works with: the open store, the data dir and today's date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable


@dataclass
class AppContext:
    store: Any  # gwdesk.store.db.Store
    data_dir: Path
    today: Callable[[], dt.date] = field(default=dt.date.today)  # tests pin the date here

    @property
    def db(self):
        return self.store.db

    def profile(self):
        """The unit profile (gwdesk.core.units.Profile) or None before the first run is done."""
        from gwdesk.core import units
        return units.load()
