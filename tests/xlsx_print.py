"""Render an xlsx through LibreOffice headless and read back its pages (size, text), for print-layout tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def to_pdf(xlsx: Path) -> Path:
    out = xlsx.parent / "pdf"
    out.mkdir(exist_ok=True)
    profile = (xlsx.parent / "lo-profile").resolve().as_uri()  # own profile: no clash with a running office
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(xlsx)], check=True, capture_output=True, timeout=180)
    return out / (xlsx.stem + ".pdf")


def pages(pdf: Path) -> list[tuple[float, float, str]]:
    """(width pt, height pt, text) of every page."""
    from pypdf import PdfReader

    out = []
    for p in PdfReader(str(pdf)).pages:
        box = p.mediabox
        out.append((float(box.width), float(box.height), p.extract_text() or ""))
    return out


def assert_prints_across_one_page(xlsx: Path, *heads: tuple[str, str]) -> list:
    """Every page A4 landscape and carries one sheet's first and last column header: the head repeats
    on every page and no column spilled onto a page of its own."""
    got = pages(to_pdf(xlsx))
    assert got, "no pages"
    for w, h, text in got:
        assert abs(w - 841.9) < 2 and abs(h - 595.3) < 2, (w, h)  # A4 landscape
        flat = "".join(text.split())
        assert any(first in flat and last in flat for first, last in heads), flat[:300]
    return got
