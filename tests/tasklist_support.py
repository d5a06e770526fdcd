"""The corpus builder (tests/fixtures/tasklists/build.py) and a one-call reader for task-list rule tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from gwdesk.io import tasklist

HERE = Path(__file__).parent / "fixtures" / "tasklists"
_spec = importlib.util.spec_from_file_location("corpus_build", HERE / "build.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def read(tmp_path, desc, fmt="xlsx", name="list"):
    """Build `desc` (rows as an office laid them out) as a file and read it the way an import does."""
    return tasklist.read(corpus.build(dict({"id": name, "format": fmt, "source": {}}, **desc), tmp_path))
