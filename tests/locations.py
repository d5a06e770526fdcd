"""Where the test suite's own files are, for tests in any folder under tests/ (they mirror gwdesk/)."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent  # tests/
ROOT = TESTS.parent  # the repository
FIXTURES = TESTS / "fixtures"
