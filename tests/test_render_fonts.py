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
