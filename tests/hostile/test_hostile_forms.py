"""Hostile form definitions (forms/*.toml): every mutated file ends in FormDefError with a Chinese message
naming the file, or a definition the validator and the printed layout can use."""

from __future__ import annotations

from locations import ROOT

import pytest
import random
import time
from pathlib import Path

from fuzz_support import SEED, Tally, attempt, fuzz_n, mutate_toml, write_text

ROOT = ROOT
BASE = ROOT / "forms" / "publication_review.toml"


def use_definition(path: Path, profile):
    """Parse, then what the screens do with a definition: check a form, lay out the blank form."""
    from gwdesk.core import formdef
    from gwdesk.core.review import validate
    from gwdesk.render.layouts import review_form
    try:
        d = formdef.parse_file(path)
    except formdef.FormDefError as e:
        assert e.file == str(path) and str(path) in e.message, e.message  # the clerk is told which file
        raise
    values = validate.normalise(d, {"title": "关于做好冬春困难群众救助工作的通知", "attribute": "主动公开"})
    for stage in ("submit", "approve", "publish"):
        validate.check(d, values, {}, stage)
    review_form.build_blank(d, profile)
    return d


def test_mutated_form_definitions_are_refused_or_usable(profile, tmp_path):
    n = fuzz_n(600)
    rng = random.Random(f"{SEED}-forms")
    base = BASE.read_text(encoding="utf-8")
    tally = Tally("form TOML")
    start = time.monotonic()
    for i in range(n):
        text, how = mutate_toml(base, rng)
        if rng.random() < 0.3:
            text, more = mutate_toml(text, rng)
            how += "; " + more
        path = tmp_path / f"m{i}.toml"
        write_text(path, text)
        attempt(tally, f"#{i} [{how}]", lambda path=path: use_definition(path, profile), keep=tmp_path / "crashes",
                payload=path.read_bytes(), suffix=".toml")
    print(tally.summary(), f"in {time.monotonic() - start:.1f} s")
    assert not tally.crashes, "\n".join(tally.crashes)
    assert tally.rejected and tally.imported, tally.summary()


@pytest.mark.allow_log_warnings
def test_a_broken_user_definition_falls_back_to_the_bundled_one(profile, data_dir):
    from gwdesk import paths
    from gwdesk.core import formdef
    target = paths.user_forms_dir() / "publication_review.toml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(BASE.read_bytes()[:-200] + b"\xff\xfe[[sections")
    d = formdef.load()
    assert d.bundled and "已改用内置定义" in d.notice
