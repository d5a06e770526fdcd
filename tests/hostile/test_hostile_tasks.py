"""Hostile task lists: mutated xlsx/docx files end in ImportRejected (Chinese) or a clean import, and a
rejected import leaves the database file byte-for-byte as it was."""

from __future__ import annotations

from locations import TESTS

import random
import time
from pathlib import Path

from fuzz_support import SEED, Tally, attempt, fuzz_n, mutate_zip

FIXTURES = TESTS / "fixtures" / "tasks"
BASES = ["lp2021.xlsx", "lp2021_revised.xlsx", "multi_sheet.xlsx", "no_header.xlsx", "lp2021.docx",
         "no_table.docx"]


def import_like_the_dialog(ctx, profile, path: Path):
    """What the import dialog does: pick the first sheet when asked, confirm the columns, fill issuer/year."""
    from gwdesk.core.tasks import service
    from gwdesk.io import tasklist
    try:
        parsed = tasklist.read(path)
    except tasklist.SheetChoiceNeeded as e:
        assert e.sheets
        parsed = tasklist.read(path, e.sheets[0].name)
    service.analyse(parsed, profile)  # the preview
    service.diff(ctx, parsed, profile=profile, issuer=parsed.issuer or "青川县人民政府办公室",
                 year=parsed.year or 2026, accept_unsure=True)
    return service.import_parsed(parsed, profile=profile, issuer=parsed.issuer or "青川县人民政府办公室",
                                 year=parsed.year or 2026, accept_unsure=True)


def test_mutated_task_lists_are_rejected_cleanly_or_imported(ctx, profile, tmp_path):
    n = fuzz_n(500)
    rng = random.Random(f"{SEED}-tasks")
    bases = {name: (FIXTURES / name).read_bytes() for name in BASES}
    tally = Tally("task lists")
    start = time.monotonic()
    for i in range(n):
        name = BASES[i % len(BASES)]
        data, how = mutate_zip(bases[name], rng)
        path = tmp_path / f"m{i}{Path(name).suffix}"
        path.write_bytes(data)
        attempt(tally, f"#{i} {name} [{how}]", lambda path=path: import_like_the_dialog(ctx, profile, path), db=ctx.store.db,
                keep=tmp_path / "crashes", payload=data, suffix=Path(name).suffix)
        path.unlink()
    print(tally.summary(), f"in {time.monotonic() - start:.1f} s")
    assert not tally.crashes, "\n".join(tally.crashes)
    assert tally.rejected and tally.imported, tally.summary()  # both paths were exercised
