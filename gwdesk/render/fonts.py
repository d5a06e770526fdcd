"""Fonts for documents: 公文 font names for DOCX, embeddable TrueType files for PDF.

Each font role (model.FontRole) has a Word font name (what a clerk's Word shows) and, for PDF, a
TrueType file: the workstation's own 公文 font when one is installed and loadable by reportlab,
else a bundled subset of Noto CJK (serif for song/fangsong/kai/xbs, sans for hei). A character a role's
font lacks is drawn with the bundled serif (every CJK ideograph of Noto: URO, Ext-A, part of Ext-B), then
with a workstation Ext-B font (SimSun-ExtB, HanaMinB); render.glyphs names what none of them has.
`GWDESK_BUNDLED_FONTS_ONLY=1` skips the workstation fonts so output does not depend on the machine.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from gwdesk.paths import resource

log = logging.getLogger(__name__)

ROLES = ("song", "fangsong", "hei", "kai", "xbs")

DOCX_NAMES = {
    "xbs": "方正小标宋简体",
    "hei": "黑体",
    "kai": "楷体_GB2312",
    "fangsong": "仿宋_GB2312",
    "song": "宋体",
}
# Latin text in DOCX runs goes to Times New Roman, the usual 公文 choice for digits and letters.
DOCX_LATIN = "Times New Roman"

SERIF = ("GwSerif SC", "GwSerifSC-Regular.ttf")
SANS = ("GwSans SC", "GwSansSC-Regular.ttf")
_BUNDLED_FOR_ROLE = {"song": SERIF, "fangsong": SERIF, "kai": SERIF, "xbs": SERIF, "hei": SANS}

# Workstation font files by role, best first (compared lower-case). Windows names, then common Linux ones.
_FILES = {
    "fangsong": ["仿宋_gb2312.ttf", "fangsong_gb2312.ttf", "fs_gb2312.ttf", "simfang.ttf", "仿宋.ttf"],
    "xbs": ["方正小标宋简体.ttf", "fzxbsjw.ttf", "fzxbsjw--gb1-0.ttf", "方正小标宋_gbk.ttf", "fzxbsk.ttf"],
    "hei": ["黑体.ttf", "simhei.ttf"],
    "kai": ["楷体_gb2312.ttf", "kaiti_gb2312.ttf", "simkai.ttf", "楷体.ttf", "gkai00mp.ttf"],
    "song": ["宋体.ttf", "simsun.ttc", "simsun.ttf"],
}
# fontconfig family names by role, best first (compared case-insensitively).
_FAMILIES = {
    "fangsong": ["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"],
    "xbs": ["方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"],
    "hei": ["黑体", "SimHei"],
    "kai": ["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "AR PL KaitiM GB", "AR PL UKai CN"],
    "song": ["宋体", "SimSun", "AR PL SungtiL GB"],
}


@dataclass(frozen=True)
class PdfFont:
    """A font registered with reportlab for one role."""

    role: str
    name: str  # the reportlab font name to draw with
    path: Path
    subfont: int
    bundled: bool


def bundled_only() -> bool:
    return os.environ.get("GWDESK_BUNDLED_FONTS_ONLY", "") not in ("", "0")


def bundled_path(face: tuple[str, str] = SERIF) -> Path:
    return resource("fonts", face[1])


def docx_font(role: str) -> str:
    return DOCX_NAMES[role]


# ---- discovery ---------------------------------------------------------------------------------

def _font_dirs() -> list[Path]:
    if sys.platform == "win32":
        dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    home = Path.home()
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
            home / ".local" / "share" / "fonts", Path("/Library/Fonts"), home / "Library" / "Fonts"]


@functools.lru_cache(maxsize=1)
def _scan_files() -> dict[str, Path]:
    """Lower-case file name → path for every .ttf/.ttc in the font dirs."""
    found: dict[str, Path] = {}
    for d in _font_dirs():
        if not d.is_dir():
            continue
        for root, _dirs, files in os.walk(d):
            for f in files:
                if f.lower().endswith((".ttf", ".ttc")):
                    found.setdefault(f.lower(), Path(root) / f)
    return found


@functools.lru_cache(maxsize=1)
def _fc_list() -> list[tuple[Path, int, list[str]]]:
    """(file, index, families) for each TrueType face fontconfig knows; empty without fc-list."""
    if sys.platform == "win32":
        return []
    import subprocess  # a PDF's first font look-up, not the window's start (ui.fonts reads the names here)
    try:
        out = subprocess.run(["fc-list", "-f", "%{file}\t%{index}\t%{family}\n"], capture_output=True,
                             text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0].lower().endswith((".ttf", ".ttc")):
            continue
        try:
            index = int(parts[1])
        except ValueError:
            index = 0
        faces.append((Path(parts[0]), index, [f.strip() for f in parts[2].split(",")]))
    return faces


def candidates(role: str) -> list[tuple[Path, int]]:
    """Workstation font files for a role, best first: fontconfig family matches, then file names."""
    out: list[tuple[Path, int]] = []
    faces = _fc_list()
    for fam in _FAMILIES[role]:
        for path, index, families in faces:
            if any(f.casefold() == fam.casefold() for f in families) and (path, index) not in out:
                out.append((path, index))
    files = _scan_files()
    for name in _FILES[role]:
        p = files.get(name)
        if p and (p, 0) not in out:
            out.append((p, 0))
    return out


# ---- reportlab registration (cached per process) --------------------------------------------------

_lock = threading.Lock()
_registered: dict[tuple[str, int], str] = {}  # (file, subfont) → reportlab name
_resolved: dict[tuple[str, bool], PdfFont] = {}
_bundled_fonts: dict[str, PdfFont] = {}


def _register(path: Path, subfont: int, name: str) -> str:
    """Register a TrueType file with reportlab once; raises if reportlab cannot load it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    key = (str(path), subfont)
    if key not in _registered:
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont))
        _registered[key] = name
    return _registered[key]


def _bundled(role: str) -> PdfFont:
    # asked for every paragraph's markup (fallback_font): resolving the path each time cost ~15 ms a form
    font = _bundled_fonts.get(role)
    if font is None:
        face = _BUNDLED_FOR_ROLE[role]
        path = bundled_path(face)
        name = _register(path, 0, face[1].removesuffix(".ttf"))
        font = _bundled_fonts[role] = PdfFont(role, name, path, 0, True)
    return font


def pdf_font(role: str) -> PdfFont:
    """The font to draw `role` with in PDFs (registered with reportlab on first use)."""
    if role not in ROLES:
        raise ValueError(f"unknown font role {role!r}")
    key = (role, bundled_only())
    with _lock:
        if key in _resolved:
            return _resolved[key]
        choice = None
        if not key[1]:
            for path, index in candidates(role):
                try:
                    name = _register(path, index, f"gw-{role}-{path.stem}-{index}")
                except Exception as exc:  # CFF outlines, broken files, unsupported ttc: skip
                    log.info("font %s#%d not usable for PDF: %s", path, index, exc)
                    continue
                choice = PdfFont(role, name, path, index, False)
                break
        if choice is None:
            choice = _bundled(role)
        _resolved[key] = choice
        log.info("PDF font for %s: %s", role, choice.path)
        return choice


def reset_cache() -> None:
    """Forget which file each role resolved to (registrations with reportlab stay; they are per file)."""
    with _lock:
        _resolved.clear()
        _bundled_fonts.clear()
        _extra.clear()
    for scan in (_scan_files, _fc_list):
        getattr(scan, "cache_clear", lambda: None)()


def fallback_font() -> PdfFont:
    """The bundled serif face: every CJK ideograph Noto has and ☐☑☒, for glyphs a workstation font lacks."""
    font = _bundled_fonts.get("song")  # asked for every run of text: no lock once it is known
    if font is not None:
        return font
    with _lock:
        return _bundled("song")


# Workstation fonts for the ideographs beyond the bundled serif (CJK Ext-B and later): Windows ships SimSun-ExtB
# and MingLiU-ExtB; Linux has HanaMinA/B (fonts-hanazono). Best first, compared lower-case.
_EXTRA_FILES = ["simsunb.ttf", "simsun-extb.ttf", "mingliub.ttc", "hanaminb.ttf", "hanamina.ttf"]
_extra: dict[bool, list[PdfFont]] = {}


def extra_fonts() -> list[PdfFont]:
    """Workstation fonts drawn for characters the bundled serif lacks (none when only bundled fonts are used)."""
    key = bundled_only()
    with _lock:
        if key in _extra:
            return _extra[key]
        found: list[PdfFont] = []
        if not key:
            files = _scan_files()
            for name in _EXTRA_FILES:
                path = files.get(name)
                if path is None:
                    continue
                try:
                    found.append(PdfFont("extra", _register(path, 0, f"gw-extra-{path.stem}"), path, 0, False))
                except Exception as exc:
                    log.info("font %s not usable for PDF: %s", path, exc)
        _extra[key] = found
        return found


def font_for(ch: str, font_name: str) -> str | None:
    """The font to draw `ch` with when the paragraph's font is `font_name`: itself, the bundled serif, a
    workstation Ext-B font, or None when none has the glyph."""
    if has_glyph(font_name, ch):
        return font_name
    for f in (fallback_font(), *extra_fonts()):
        if has_glyph(f.name, ch):
            return f.name
    return None


def has_glyph(font_name: str, ch: str) -> bool:
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(font_name).face
    return ord(ch) in face.charToGlyph


def font_report() -> dict[str, str]:
    """Role → where its PDF font comes from, for selftest and the settings screen."""
    return {role: ("内置 " if f.bundled else "") + str(f.path) for role in ROLES for f in [pdf_font(role)]}
