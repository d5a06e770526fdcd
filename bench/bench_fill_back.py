"""Time 填回原表 on a 5,000-row list (every row written: --all-rows) against openpyxl's own load + save of the same
file, which any fill-back of an xlsx must pay.

Run: python bench/bench_fill_back.py [rows]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main(n_rows: int = 5000, repeats: int = 3) -> None:
    import openpyxl

    from bench_tasks_import import _fixture_module
    from gwdesk import paths
    from gwdesk.core.tasks import fill_back, originals, service, tracking
    from gwdesk.io import fillback, tasklist
    from gwdesk.store.db import open_store

    tmp = Path(tempfile.mkdtemp())
    xlsx = tmp / "big.xlsx"
    _fixture_module().make_big_xlsx(xlsx, n_rows)
    paths.set_data_dir(tmp / "data")
    store = open_store(paths.db_path())
    parsed = tasklist.read(xlsx)
    lid = service.import_parsed(parsed, accept_unsure=True, issuer="某县", year=2026).list_id
    originals.keep(lid, xlsx)
    sheet = tracking.pick_list(lid).sheet
    items = fill_back.items(lid, today=dt.date(2026, 11, 20), all_rows=True)
    bare, fills = [], []
    for i in range(repeats):
        t0 = time.perf_counter()
        openpyxl.load_workbook(xlsx).save(tmp / f"plain{i}.xlsx")
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        report = fillback.write(originals.stored(lid), tmp / f"filled{i}.xlsx", items, sheet=sheet)
        fills.append(time.perf_counter() - t0)
        assert report.filled == n_rows and not report.missing, (report.filled, report.missing[:3])
    store.close()
    b, f = statistics.median(bare), statistics.median(fills)
    print(f"{n_rows} rows: openpyxl load+save {b:.2f} s; fill-back (every row) {f:.2f} s; ratio {f / b:.2f}×")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
