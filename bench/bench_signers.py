"""The 签字人 lists a 意见单 editor offers (gwdesk.core.review.signers) over 3,000 stored forms — ten years of a
busy unit. The editor reads them once and again after each save; this prints what one read costs.
`python bench/bench_signers.py`"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gwdesk import paths  # noqa: E402
from gwdesk.context import AppContext  # noqa: E402
from gwdesk.core.review import forms, signers  # noqa: E402
from gwdesk.store.base import db  # noqa: E402
from gwdesk.store.db import open_store  # noqa: E402

N = 3000


def main() -> None:
    d = Path(tempfile.mkdtemp())
    paths.set_data_dir(d)
    store = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    ctx = AppContext(store=store, data_dir=d, today=lambda: dt.date(2026, 11, 20))
    sample = json.loads((ROOT / "tests/fixtures/review/sample_form.json").read_text("utf-8"))
    with db.atomic():
        for _ in range(N):
            forms.create(ctx, copy.deepcopy(sample["values"]), copy.deepcopy(sample["signoffs"]))
    t = time.perf_counter()
    names = signers.names_by_role()
    one = time.perf_counter() - t
    assert names["leader"] == [sample["signoffs"]["leader"]["signer"]]
    print(f"签字人 lists over {N} forms: one read {one * 1000:.0f} ms "
          f"(paid at the editor's first load and after each save, not at every open)")
    store.close()


if __name__ == "__main__":
    main()
