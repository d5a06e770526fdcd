"""Shared helpers for the annual-report tests: load the realistic fixtures."""

from __future__ import annotations

import json
from pathlib import Path

from gwdesk.io import report_json

FIX = Path(__file__).parent / "fixtures" / "report"


def fixture_dict(name: str = "qc_minzheng_2025.json") -> dict:
    return json.loads((FIX / name).read_text(encoding="utf-8"))


def fixture(name: str = "qc_minzheng_2025.json"):
    return report_json.read(FIX / name)[0]
