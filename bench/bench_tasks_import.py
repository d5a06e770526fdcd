"""Time a 5,000-row task-list import (parse + match + save) against openpyxl.load_workbook of the same file.

Run: python bench/bench_tasks_import.py [rows]   — target (README, bench/run.py): the import ≤ 1.2 × the bare load.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _fixture_module():
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "tests/fixtures/tasks/make_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(n_rows: int = 5000, repeats: int = 3) -> None:
    import openpyxl

    from gwdesk import paths
    from gwdesk.core import demo, units
    from gwdesk.core.tasks import service
    from gwdesk.io import tasklist
    from gwdesk.store.db import open_store
    from gwdesk.store.tasks_models import Task

    tmp = Path(tempfile.mkdtemp())
    xlsx = tmp / "big.xlsx"
    _fixture_module().make_big_xlsx(xlsx, n_rows)
    print(f"file: {n_rows} task rows, {xlsx.stat().st_size / 1024:.0f} KiB")

    loads, reads, imports = [], [], []
    for i in range(repeats):
        t0 = time.perf_counter()
        openpyxl.load_workbook(xlsx, data_only=True).close()
        loads.append(time.perf_counter() - t0)

        data = tmp / f"data{i}"
        paths.set_data_dir(data)
        store = open_store(paths.db_path())
        units.save(demo.DEMO_PROFILE)
        profile = units.load()
        t0 = time.perf_counter()
        parsed = tasklist.read(xlsx)
        t1 = time.perf_counter()
        result = service.import_parsed(parsed, profile=profile)
        t2 = time.perf_counter()
        reads.append(t1 - t0)
        imports.append(t2 - t0)
        assert result.total == n_rows == Task.select().count(), (result.total, n_rows)
        store.close()

    load, read, full = (statistics.median(x) for x in (loads, reads, imports))
    print(f"openpyxl.load_workbook: {load:.3f} s (median of {repeats})")
    print(f"tasklist.read (parse):  {read:.3f} s")
    print(f"full import (parse + deadlines + matching + insert_many): {full:.3f} s")
    print(f"ratio import / load: {full / load:.2f}×   target ≤ 2 s and ≤ 2×: "
          f"{'OK' if full <= 2 and full / load <= 2 else 'MISSED'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
