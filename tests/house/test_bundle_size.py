"""tools/bundle_size.py, CI's size check of the bundle: a link counts once, above the limit it fails."""

from __future__ import annotations

from locations import ROOT

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = ROOT
spec = importlib.util.spec_from_file_location("bundle_size", ROOT / "tools" / "bundle_size.py")
bundle_size = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bundle_size)


@pytest.mark.skipif(os.name == "nt", reason="the bundle links gwdesk-cli to gwdesk outside Windows only")
def test_a_link_takes_no_room_and_the_limit_fails(tmp_path, capsys):
    dist = tmp_path / "gwdesk"
    (dist / "_internal" / "PySide6" / "Qt" / "lib").mkdir(parents=True)
    (dist / "gwdesk").write_bytes(b"x" * 3 * 2 ** 20)
    (dist / "gwdesk-cli").symlink_to("gwdesk")
    (dist / "_internal" / "PySide6" / "Qt" / "lib" / "libicudata.so.73").write_bytes(b"x" * 2 ** 20)
    assert bundle_size.size_mib(dist) == 4
    assert bundle_size.parts(dist)["PySide6/Qt/lib/libicudata.so.73"] == 2 ** 20
    assert bundle_size.main([str(dist), "--max-mib", "4"]) == 0
    assert bundle_size.main([str(dist), "--max-mib", "3.9"]) == 1
    assert "TOO BIG" in capsys.readouterr().out
