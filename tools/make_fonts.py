"""Regenerate resources/fonts/: subsets of Noto Serif CJK SC (every CJK ideograph it has) and Noto Sans CJK SC
(GB2312) with TrueType outlines.

reportlab only embeds TrueType (glyf) outlines, and Noto CJK ships CFF, so each face is
subset with fontTools, converted CFF→glyf (the fontTools otf2ttf recipe: Cu2QuPen into
TTGlyphPen), given the ballot-box marks ☐☑☒ that Noto lacks, and renamed (OFL-1.1 asks a
modified copy not to pose as the original).

    python tools/make_fonts.py [--src /usr/share/fonts/opentype/noto] [--out resources/fonts]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
# (source collection, family name in the .ttc, output file, new family name, new PostScript name)
# the serif is the fallback for every role, so it alone carries every ideograph; the sans (黑体 headings, the
# app) keeps GB2312 and lends the rest from the serif
FACES = [
    ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "GwSerifSC-Regular.ttf", "GwSerif SC", "GwSerifSC-Regular",
     True),
    ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "GwSansSC-Regular.ttf", "GwSans SC", "GwSansSC-Regular",
     False),
]
BALLOT = (0x2610, 0x2611, 0x2612)  # ☐ ☑ ☒


def gb2312_codepoints() -> set[int]:
    cps = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return cps


# Every CJK Unified Ideograph the serif source has: URO, Ext-A, and the Ext-B characters Noto carries
# (for names such as 喆 堃 珺 昇 镕 祎 赟 玥 outside GB2312), with radicals, strokes and compatibility forms.
ALL_HAN = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF), (0x30000, 0x3134F),
           (0xF900, 0xFAFF), (0x2F800, 0x2FA1F), (0x2E80, 0x2FDF), (0x31C0, 0x31EF), (0x3200, 0x33FF)]


def wanted_codepoints(all_han: bool = False) -> set[int]:
    cps = gb2312_codepoints()
    if all_han:
        for lo, hi in ALL_HAN:
            cps.update(range(lo, hi + 1))
    cps.update(range(0x20, 0x7F))
    cps.update(range(0x3000, 0x3040))
    cps.update(range(0xFF00, 0xFFF0))
    cps.update(range(0x2010, 0x2060))
    cps.update(BALLOT)
    cps.update((0x2713, 0x00A0, 0x00B7, 0x00D7, 0x00F7, 0x2014, 0x201C, 0x201D, 0x2116, 0x2103))
    return cps


def load_face(path: Path, family: str) -> TTFont:
    """Open the subfont of a .ttc whose family name (name ID 1) is `family`."""
    coll = TTCollection(str(path), lazy=True)
    for index, font in enumerate(coll.fonts):
        if font["name"].getDebugName(1) == family:
            return TTFont(str(path), fontNumber=index, recalcTimestamp=False)  # reproducible output
    raise SystemExit(f"{path}: no subfont named {family!r}")


def cff_to_glyf(font: TTFont) -> None:
    """The fontTools otf2ttf snippet: quadratic outlines, new loca/glyf/maxp, post format 2."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, 1.0, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\000\001\000\000"


def _rect(pen, x0, y0, x1, y1, clockwise=True):
    pts = [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]
    if not clockwise:
        pts.reverse()
    pen.moveTo(pts[0])
    for p in pts[1:]:
        pen.lineTo(p)
    pen.closePath()


def _poly(pen, pts):
    pen.moveTo(pts[0])
    for p in pts[1:]:
        pen.lineTo(p)
    pen.closePath()


def add_ballot_boxes(font: TTFont) -> None:
    """Draw ☐ ☑ ☒ (a square on the ideographic body, with a tick or a cross) where Noto has none."""
    cmap = font.getBestCmap()
    glyf = font["glyf"]
    upm = font["head"].unitsPerEm
    s = upm / 1000
    x0, x1, y0, y1, w = 110 * s, 890 * s, -60 * s, 720 * s, 60 * s  # box centred on the CJK body
    order = font.getGlyphOrder()
    for cp in BALLOT:
        if cp in cmap:
            continue
        pen = TTGlyphPen(None)
        _rect(pen, x0, y0, x1, y1, clockwise=True)
        _rect(pen, x0 + w, y0 + w, x1 - w, y1 - w, clockwise=False)
        if cp == 0x2611:  # tick: two thick strokes, clockwise
            _poly(pen, [(240 * s, 340 * s), (430 * s, 110 * s), (780 * s, 600 * s), (705 * s, 655 * s),
                        (425 * s, 245 * s), (310 * s, 395 * s)])
        elif cp == 0x2612:  # cross
            d = 45 * s
            a, b, c, e = x0 + w + 60 * s, x1 - w - 60 * s, y0 + w + 60 * s, y1 - w - 60 * s
            _poly(pen, [(a, c + d), (b - d, e), (b, e - d), (a + d, c)])
            _poly(pen, [(a, e - d), (a + d, e), (b, c + d), (b - d, c)])
        name = f"uni{cp:04X}"
        glyph = pen.glyph()
        glyph.recalcBounds(glyf)
        order.append(name)
        glyf.glyphs[name] = glyph
        font["hmtx"][name] = (upm, int(glyph.xMin))
        if "vmtx" in font:
            font["vmtx"][name] = (upm, int(880 * s - glyph.yMax))
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[cp] = name
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    font["post"].glyphOrder = order


def rename(font: TTFont, family: str, psname: str) -> None:
    name = font["name"]
    copyright_ = name.getDebugName(0) or ""
    version = name.getDebugName(5) or "Version 1.0"
    name.names = []
    entries = {
        0: copyright_,
        1: family,
        2: "Regular",
        3: f"{psname};{version}",
        4: f"{family} Regular",
        5: version,
        6: psname,
        10: "Subset of Noto CJK with TrueType outlines, made for gwdesk by tools/make_fonts.py",
        13: "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        14: "https://openfontlicense.org",
    }
    for nid, text in entries.items():
        name.setName(text, nid, 3, 1, 0x409)
    if "CFF " in font:
        font["CFF "].cff.fontNames = [psname]


def build_face(src: Path, family_in: str, out: Path, family: str, psname: str, all_han: bool) -> None:
    t = time.perf_counter()
    font = load_face(src, family_in)
    opts = subset.Options()
    opts.layout_features = []
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "DSIG"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=wanted_codepoints(all_han))
    sub.subset(font)
    rename(font, family, psname)
    cff_to_glyf(font)
    add_ballot_boxes(font)
    font["OS/2"].fsType = 0  # installable embedding, as the OFL allows
    font.save(str(out))
    print(f"{out.name}: {len(font.getBestCmap())} code points, {out.stat().st_size / 1e6:.2f} MB, "
          f"{time.perf_counter() - t:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=Path("/usr/share/fonts/opentype/noto"))
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "fonts")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for src_name, family_in, out_name, family, psname, all_han in FACES:
        build_face(args.src / src_name, family_in, args.out / out_name, family, psname, all_han)


if __name__ == "__main__":
    main()
