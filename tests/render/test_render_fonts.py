"""Bundled CJK fonts (coverage, outlines, names) and font discovery with fallback."""

from __future__ import annotations

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont

from gwdesk.render import fonts


def gb2312() -> set[int]:
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


@pytest.fixture
def discovery(monkeypatch, tmp_path):
    """Discovery over a fake font dir only (no fontconfig), cache reset before and after."""
    monkeypatch.delenv("GWDESK_BUNDLED_FONTS_ONLY", raising=False)
    monkeypatch.setattr(fonts, "_font_dirs", lambda: [tmp_path])
    monkeypatch.setattr(fonts, "_fc_list", lambda: [])
    fonts.reset_cache()
    yield tmp_path
    fonts.reset_cache()


def small_font(path, text: str) -> None:
    """A genuine TrueType font holding only `text` and ASCII: a stand-in for a workstation 公文 font."""
    font = TTFont(str(fonts.bundled_path(fonts.SANS)))
    opts = subset.Options()
    opts.layout_features = []
    sub = subset.Subsetter(opts)
    sub.populate(text=text + "".join(chr(c) for c in range(0x20, 0x7F)))
    sub.subset(font)
    font.save(str(path))


@pytest.mark.parametrize("face", [fonts.SERIF, fonts.SANS])
def test_bundled_face_covers_gb2312_with_truetype_outlines(face):
    font = TTFont(str(fonts.bundled_path(face)))
    assert "glyf" in font and "CFF " not in font
    cmap = font.getBestCmap()
    missing = gb2312() - set(cmap)
    assert not missing, f"{len(missing)} GB2312 characters missing, e.g. {sorted(missing)[:5]}"
    for ch in "☐☑☒✓—“”，。、（）【】《》ABCxyz0123456789":
        assert ord(ch) in cmap, ch
    assert font["name"].getDebugName(1) == face[0]
    assert "Noto" not in (font["name"].getDebugName(4) or "")
    assert font["OS/2"].fsType == 0
    glyph = font["glyf"][cmap[0x2611]]
    assert glyph.numberOfContours >= 3  # box outline, its counter, and the tick


def test_licence_and_readme_ship_with_fonts():
    readme = fonts.bundled_path().parent / "README-fonts.txt"
    ofl = fonts.bundled_path().parent / "OFL.txt"
    assert "Noto CJK" in readme.read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in ofl.read_text(encoding="utf-8")


def test_docx_names_for_every_role():
    assert {r: fonts.docx_font(r) for r in fonts.ROLES} == {
        "song": "宋体", "fangsong": "仿宋_GB2312", "hei": "黑体", "kai": "楷体_GB2312", "xbs": "方正小标宋简体"}


def test_bundled_only_uses_bundled_faces(monkeypatch):
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")
    assert fonts.pdf_font("hei").path == fonts.bundled_path(fonts.SANS)
    for role in ("song", "fangsong", "kai", "xbs"):
        f = fonts.pdf_font(role)
        assert f.bundled and f.path == fonts.bundled_path(fonts.SERIF)
    assert fonts.pdf_font("song") is fonts.pdf_font("song")  # cached


def cff_font() -> bytes:
    """A tiny OpenType font with CFF outlines, built here so the test needs no system font."""
    import io

    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder([".notdef", "uni6977"])
    fb.setupCharacterMap({0x6977: "uni6977"})
    pen = T2CharStringPen(600, None)
    pen.moveTo((100, 0)); pen.lineTo((500, 0)); pen.lineTo((500, 700)); pen.closePath()
    box = pen.getCharString()
    fb.setupCFF("Probe", {"FullName": "Probe"}, {".notdef": T2CharStringPen(600, None).getCharString(),
                                                 "uni6977": box}, {})
    fb.setupHorizontalMetrics({".notdef": (600, 0), "uni6977": (600, 100)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Probe", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


def test_workstation_font_preferred_and_broken_files_skipped(discovery):
    small_font(discovery / "simfang.ttf", "本年度共收到申请")
    (discovery / "simhei.ttf").write_bytes(b"not a font at all")
    # CFF outlines: reportlab refuses them, so discovery must skip to the bundled face
    (discovery / "simkai.ttf").write_bytes(cff_font())
    fang = fonts.pdf_font("fangsong")
    assert not fang.bundled and fang.path.name == "simfang.ttf"
    assert fonts.pdf_font("hei").bundled
    assert fonts.pdf_font("kai").bundled
    assert fonts.pdf_font("xbs").bundled
    report = fonts.font_report()
    assert report["fangsong"].endswith("simfang.ttf") and report["hei"].startswith("内置")


def test_fontconfig_family_names_are_matched(monkeypatch, discovery):
    small_font(discovery / "whatever.ttf", "黑体字")
    monkeypatch.setattr(fonts, "_fc_list", lambda: [(discovery / "whatever.ttf", 0, ["SimHei", "黑体"])])
    assert fonts.candidates("hei")[0] == (discovery / "whatever.ttf", 0)
    assert fonts.pdf_font("hei").path.name == "whatever.ttf"
    assert fonts.candidates("kai") == []


def test_env_var_overrides_discovery(monkeypatch, discovery):
    small_font(discovery / "simfang.ttf", "仿宋")
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")
    assert fonts.pdf_font("fangsong").bundled


def test_register_qt_fonts(qtbot):
    from PySide6.QtGui import QFontDatabase

    from gwdesk.ui.fonts import register_qt_fonts
    family = register_qt_fonts()
    assert family == "GwSans SC"
    assert "GwSans SC" in QFontDatabase.families() and "GwSerif SC" in QFontDatabase.families()
    assert register_qt_fonts() == family


NAME_CHARS = "喆堃珺昇镕祎赟玥"  # in names and places, outside GB2312


def test_bundled_serif_covers_every_cjk_ideograph_noto_has():
    cmap = TTFont(str(fonts.bundled_path(fonts.SERIF))).getBestCmap()
    # URO to U+9FEA and Ext-A to U+4DB5: all of them (the 31 encoded since Unicode 11 are in no free font
    # of Debian 12; render.glyphs names them when they occur)
    for lo, hi in ((0x4E00, 0x9FEA), (0x3400, 0x4DB5)):
        missing = [c for c in range(lo, hi + 1) if c not in cmap]
        assert not missing, f"{len(missing)} missing from U+{lo:04X}–U+{hi:04X}, e.g. {missing[:5]}"
    assert sum(1 for c in range(0x20000, 0x2A6E0) if c in cmap) > 2000  # the Ext-B that Noto carries
    for ch in NAME_CHARS:
        assert ord(ch) in cmap, ch
    assert (0xF900 in cmap) and (0x2F00 in cmap)  # compatibility ideographs, Kangxi radicals


def test_name_characters_print_in_every_role(monkeypatch, tmp_path):
    """A character the role's font lacks (the sans holds GB2312 only) is drawn with the serif: no empty box."""
    from pypdf import PdfReader

    from gwdesk.render.model import Document, Heading, Para, Title
    from gwdesk.render.pdf import render_pdf
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")
    fonts.reset_cache()
    doc = Document(blocks=[Title(f"关于{NAME_CHARS}的报告"), Heading(f"一、{NAME_CHARS}"), Para(NAME_CHARS)])
    out = render_pdf(doc, tmp_path / "n.pdf")
    text = "".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert text.count(NAME_CHARS) == 3
    from gwdesk.render import glyphs
    assert glyphs.missing_glyphs(doc) == []


def ext_b_font(path) -> None:
    """A TrueType font whose only ideograph is mapped at U+20000 (𠀀): a stand-in for SimSun-ExtB."""
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
    small_font(path, "中")
    font = TTFont(str(path), lazy=False)
    glyph = font.getBestCmap()[ord("中")]
    sub = CmapSubtable.newSubtable(12)
    sub.platformID, sub.platEncID, sub.language = 3, 10, 0
    sub.cmap = {**font.getBestCmap(), 0x20000: glyph}
    font["cmap"].tables.append(sub)
    for rec in font["name"].names:  # its own PostScript name: reportlab keys faces by it
        if rec.nameID in (1, 4, 6):
            rec.string = "SimSun-ExtB"
    font.save(str(path))


def test_ext_b_comes_from_a_workstation_font_when_bundled_fonts_lack_it(discovery):
    from gwdesk.render import glyphs
    from gwdesk.render.model import Document, Para
    doc = Document(blocks=[Para("申请人：张𠀀")])
    assert [(m.field, m.char) for m in glyphs.missing_glyphs(doc)] == [("正文第1段", "𠀀")]
    ext_b_font(discovery / "simsunb.ttf")
    fonts.reset_cache()
    assert [f.path.name for f in fonts.extra_fonts()] == ["simsunb.ttf"]
    assert glyphs.missing_glyphs(doc) == []
    from gwdesk.render import pdf
    markup = pdf._markup_uncached("张𠀀", fonts.pdf_font("fangsong").name)
    assert f'<font name="{fonts.extra_fonts()[0].name}">𠀀</font>' in markup
