"""Render an xlsx through LibreOffice headless and read back its pages (size, text), for print-layout tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"


def _fontconfig(folder: Path) -> dict:
    """An environment whose fontconfig also sees the bundled Noto CJK subsets, so LibreOffice sets Chinese
    with real CJK metrics (a machine without a CJK font draws empty boxes of another width). Calibri is
    matched by its metric twin Carlito when installed (Debian: fonts-crosextra-carlito)."""
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f'<dir>{FONTS}</dir><cachedir>{folder / "fc-cache"}</cachedir></fontconfig>', "utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def to_pdf(path: Path) -> Path:
    """Convert an xlsx or docx to PDF with LibreOffice headless."""
    path = path.resolve()
    out = path.parent / "pdf"
    out.mkdir(exist_ok=True)
    profile = (path.parent / "lo-profile").resolve().as_uri()  # own profile: no clash with a running office
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=300,
                   env=_fontconfig(out))
    return out / (path.stem + ".pdf")


def raw_text(pdf: Path) -> str:
    """The PDF's text in drawing order with all white space removed: LibreOffice draws a wrapped cell's lines
    one after another, and leaves out a line that falls below the cell's bottom edge."""
    got = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, timeout=60)
    return "".join(got.stdout.decode("utf-8").split())


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
