"""Benchmark: one backup archive of a busy unit (100,000 applications, 200 MB of evidence): make, verify, restore."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_applications import fill  # noqa: E402
from gwdesk.store import backup  # noqa: E402
from gwdesk.store.db import open_store  # noqa: E402
from gwdesk.store.restore import restore  # noqa: E402

EVIDENCE_MB = 200


def main() -> None:
    import random
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        s = open_store(data / "gwdesk.db")
        fill(random.Random(7))
        s.close()
        ev = data / "evidence" / "tasks"
        for i in range(EVIDENCE_MB // 2):  # 2 MB scans, incompressible like real PDFs and photos
            (ev / str(i % 40)).mkdir(parents=True, exist_ok=True)
            (ev / str(i % 40) / f"扫描件{i}.pdf").write_bytes(os.urandom(2 * 1024 * 1024))
        db_mb = (data / "gwdesk.db").stat().st_size / 1e6
        t = time.perf_counter()
        made = backup.backup_now(data / "gwdesk.db", data / "backups", "daily")
        t_make = time.perf_counter() - t
        t = time.perf_counter()
        backup.verify_backup(made)
        t_verify = time.perf_counter() - t
        t = time.perf_counter()
        restore(data / "gwdesk.db", made, Path(tmp) / "other-backups")
        t_restore = time.perf_counter() - t
        print(f"database {db_mb:.1f} MB + evidence {EVIDENCE_MB} MB → archive {made.stat().st_size / 1e6:.1f} MB")
        print(f"make {t_make:.2f} s   verify {t_verify:.2f} s   restore (incl. before-restore backup) {t_restore:.2f} s")


if __name__ == "__main__":
    main()
