"""The 签字人 lists a 意见单 editor offers (gwdesk.core.review.signers) over 3,000 stored forms — ten years of a
busy unit: one SQL query with SQLite's JSON functions against reading every form's JSON in Python.
`python bench/bench_signers.py` prints both times and their ratio."""

from __future__ import annotations

import copy
import datetime as dt
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gwdesk import paths  # noqa: E402
from gwdesk.context import AppContext  # noqa: E402
from gwdesk.core.review import forms, signers  # noqa: E402
from gwdesk.store.base import db  # noqa: E402
from gwdesk.store.db import open_store  # noqa: E402
from gwdesk.store.review_models import ReviewForm  # noqa: E402

N = 3000


def in_python() -> dict[str, list[str]]:
    counts: dict[str, Counter] = {}
    for (raw,) in ReviewForm.select(ReviewForm.data).tuples():
        for role, box in (json.loads(raw).get("signoffs") or {}).items():
            if box.get("signer"):
                counts.setdefault(role, Counter())[box["signer"]] += 1
    return {r: [n for n, _ in c.most_common(12)] for r, c in counts.items()}


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
    sql = signers.names_by_role()
    t_sql = time.perf_counter() - t
    t = time.perf_counter()
    py = in_python()
    t_py = time.perf_counter() - t
    assert sql == py
    print(f"签字人 lists over {N} forms: SQL {t_sql * 1000:.0f} ms, Python {t_py * 1000:.0f} ms, "
          f"ratio {t_py / t_sql:.1f}×")
    store.close()


if __name__ == "__main__":
    main()
