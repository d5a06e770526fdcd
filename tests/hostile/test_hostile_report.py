"""Hostile annual-report JSON: every mutated file ends in ImportRejected (Chinese) or a clean import that
the checker and the layout can handle; a rejected import leaves the database file unchanged."""

from __future__ import annotations

from locations import TESTS

import random
import time
from pathlib import Path

from fuzz_support import SEED, Tally, attempt, fuzz_n, mutate_json, write_text

FIXTURES = TESTS / "fixtures" / "report"
BASES = ["qc_minzheng_2025.json", "qc_minzheng_2024.json", "published_lenient.json"]


def import_like_the_screen(path: Path):
    """Strict first; when refused, lenient (the screen asks the clerk); then saved, checked and laid out."""
    from gwdesk.core.annual_report import checker, records
    from gwdesk.errors import ImportRejected
    from gwdesk.io import report_json
    from gwdesk.render.layouts import annual_report
    try:
        data, _ = report_json.read(path)
    except ImportRejected:
        data, _ = report_json.read(path, lenient=True)
    data.unit = data.unit or "青川县民政局"
    records.save(data, {"import": f"导入自 {path.name}"})
    stored = records.load_data(data.unit, data.year)
    checker.check(stored)
    annual_report.build(stored)
    return data


def test_mutated_report_json_is_rejected_cleanly_or_imported(ctx, tmp_path):
    n = fuzz_n(600)
    rng = random.Random(f"{SEED}-report")
    bases = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in BASES}
    tally = Tally("report JSON")
    start = time.monotonic()
    for i in range(n):
        name = BASES[i % len(BASES)]
        text, how = mutate_json(bases[name], rng)
        if rng.random() < 0.3:  # a second mutation on top
            text, more = mutate_json(text, rng)
            how += "; " + more
        path = tmp_path / f"m{i}.json"
        write_text(path, text)
        attempt(tally, f"#{i} {name} [{how}]", lambda path=path: import_like_the_screen(path), db=ctx.store.db,
                keep=tmp_path / "crashes", payload=path.read_bytes(), suffix=".json")
    print(tally.summary(), f"in {time.monotonic() - start:.1f} s")
    assert not tally.crashes, "\n".join(tally.crashes)
    assert tally.rejected and tally.imported, tally.summary()


def test_mutated_table2_workbooks_are_rejected_cleanly_or_read(tmp_path):
    """The 表二 business-figures template (gwdesk's own, filled in) is an xlsx importer too."""
    import openpyxl
    from fuzz_support import mutate_zip

    from gwdesk.io import report_xlsx
    base_path = report_xlsx.write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(base_path)
    for row in wb.active.iter_rows():
        if row[0].value in ("行政许可", "行政处罚", "行政事业性收费", "行政规范性文件"):
            for c in row[1:4]:
                c.value = 3
    wb.save(base_path)
    base = base_path.read_bytes()
    n = fuzz_n(200)
    rng = random.Random(f"{SEED}-table2")
    tally = Tally("table 二 xlsx")
    for i in range(n):
        data, how = mutate_zip(base, rng)
        path = tmp_path / f"m{i}.xlsx"
        path.write_bytes(data)
        attempt(tally, f"#{i} [{how}]", lambda path=path: report_xlsx.read(path), keep=tmp_path / "crashes", payload=data,
                suffix=".xlsx")
        path.unlink()
    print(tally.summary())
    assert not tally.crashes, "\n".join(tally.crashes)
    assert tally.rejected and tally.imported, tally.summary()
