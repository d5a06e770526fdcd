"""Hostile 依申请公开 ledgers: mutated xlsx files (made by gwdesk's own export) end in ImportRejected with a
Chinese message or a clean import; a rejected import leaves the database file byte-for-byte as it was."""

from __future__ import annotations

import random
import time

from fuzz_support import SEED, Tally, attempt, fuzz_n, mutate_zip


def _base_ledger(ctx, tmp_path):
    """The demo ledger exported with personal data (so it imports cleanly), then the table emptied."""
    from gwdesk.core.applications import demo
    from gwdesk.io import ledger_xlsx
    from gwdesk.store.applications_models import AppealCase, Application, Step
    demo.load(ctx)
    path = tmp_path / "ledger.xlsx"
    n = ledger_xlsx.export_ledger(path, ctx.today(), reveal=True)
    AppealCase.delete().execute()
    Step.delete().execute()
    Application.delete().execute()
    assert ledger_xlsx.import_ledger(path) == n  # the unmutated file imports
    Application.delete().execute()
    return path.read_bytes()


def test_mutated_ledgers_are_rejected_cleanly_or_imported(ctx, tmp_path):
    from gwdesk.io import ledger_xlsx
    from gwdesk.store.applications_models import Application

    base = _base_ledger(ctx, tmp_path)
    n = fuzz_n(500)
    rng = random.Random(f"{SEED}-ledger")
    tally = Tally("ledgers")
    start = time.monotonic()
    for i in range(n):
        data, how = mutate_zip(base, rng)
        path = tmp_path / f"m{i}.xlsx"
        path.write_bytes(data)

        def run(path=path):
            sheet = ledger_xlsx.read(path)  # the import dialog's preview first
            assert sheet.headers is not None
            return ledger_xlsx.import_ledger(path)

        if attempt(tally, f"#{i} [{how}]", run, db=ctx.store.db, keep=tmp_path / "crashes", payload=data,
                   suffix=".xlsx"):
            Application.delete().execute()  # so the next clean file is not refused as duplicates
        path.unlink()
    print(tally.summary(), f"in {time.monotonic() - start:.1f} s")
    assert not tally.crashes, "\n".join(tally.crashes)
    assert tally.rejected and tally.imported, tally.summary()
