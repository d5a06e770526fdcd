"""Metamorphic test (issue 12): every corpus list laid out the other ways offices lay lists out must give the
same truth, or ask (the affected column flagged unsure) — never be wrong silently.

The variants are in tests/tasklist_variants.py; a test per variant prints a summary line (fields right/total,
lists wrong silently); `-rP` shows which lists were wrong but asked and which were skipped, and why. The
everyday run reads every third corpus list; `-m slow` reads them all (~30 s on one core).
"""

from __future__ import annotations

from locations import TESTS

import importlib.util
from pathlib import Path

import pytest

from gwdesk.io import tasklist

HERE = TESTS
_spec = importlib.util.spec_from_file_location("corpus_test_v", TESTS / "io" / "tasklist" / "test_tasks_corpus.py")
ct = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ct)
_spec = importlib.util.spec_from_file_location("tasklist_variants", HERE / "tasklist_variants.py")
tv = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tv)

DESCS = ct.DESCS
SAMPLE = DESCS[::3]  # the everyday run: every third list (the whole corpus, ~30 s, is marked slow)


def read(path: Path):
    """As the import dialog does: several sheets → the first one that looks like a task list."""
    try:
        return tasklist.read(path)
    except tasklist.SheetChoiceNeeded as e:
        pick = next((s.name for s in e.sheets if s.has_header), None)
        assert pick, f"{path.name}: no sheet looks like a task list"
        return tasklist.read(path, sheet=pick)


def run_variant(name: str, descs, out: Path) -> tuple[str, list[str], list[str], list[str]]:
    """One variant over `descs`: (summary line, lists wrong silently, lists wrong but asked, skips with why)."""
    fn = tv.VARIANTS.get(name, tv.resolved)
    right = total = applied = 0
    silent, asked, skips = [], [], []
    for d in descs:
        if not d.get("tables"):
            skips.append(f"{d['id']}: a list written as paragraphs, no table to lay out otherwise")
            continue
        v = fn(d)
        if isinstance(v, str):
            skips.append(f"{d['id']}: {v}")
            continue
        applied += 1
        parsed = read(tv.build(v, out, f"{d['id']}-{applied}"))
        counts, wrong = ct.score(v, parsed)
        right += sum(c[0] for c in counts.values())
        total += sum(c[1] for c in counts.values())
        s = ct.silent(parsed, wrong)
        if s:
            silent.append(f"{d['id']}: {s[:3]}")
        elif wrong:
            asked.append(f"{d['id']}: {wrong[:3]} (asked: {[g.why for g in parsed.uncertain_columns()][:2]})")
    line = (f"{name:28} {applied:2} lists  {right}/{total} fields right ({100 * right / max(total, 1):.1f} %)  "
            f"wrong silently: {len(silent)}")
    return line, silent, asked, skips


def _check(name: str, descs, tmp_path, capsys) -> None:
    line, silent, asked, skips = run_variant(name, descs, tmp_path)
    with capsys.disabled():
        print(f"\n  layout variant {line}")
        for x in silent:
            print(f"    SILENT {x}")
    print("\n".join(f"    asked: {x}" for x in asked))
    print("\n".join(f"    skipped: {x}" for x in skips))
    assert not silent


@pytest.mark.parametrize("name", ["(as laid out)", *tv.VARIANTS])
def test_variant_never_wrong_silently_sample(name, tmp_path, capsys):
    _check(name, SAMPLE, tmp_path, capsys)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["(as laid out)", *tv.VARIANTS])
def test_variant_never_wrong_silently(name, tmp_path, capsys):
    _check(name, DESCS, tmp_path, capsys)
