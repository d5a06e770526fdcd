"""Issue 26.9: PDF time linear in the text's length — and the same pages as before. Lines are broken in one
pass (the opener rule once re-split the rest of the paragraph at every fix), a paragraph split over pages hands
its lines on instead of being broken again on every page, and a cell of many lines is one paragraph a line.
Each fast way is compared with the old one here; the times are in bench/bench_long_text.py."""

from __future__ import annotations

import random
import subprocess

import pytest

from gwdesk.render import pdf
from gwdesk.render.model import Cell, Document, PageSetup, Para, Table, Title
from gwdesk.render.pdf import render_pdf

SENTENCE = "本机关严格落实《中华人民共和国政府信息公开条例》（以下简称《条例》），全年主动公开政府信息一百二十条。"


def test_one_pass_breaks_lines_as_the_recursive_rule_did():
    rng = random.Random(9)
    alphabet = "政府信息公开条例，。、；：（）《》“”0123456789 ABCxyz"
    for _ in range(300):
        n = rng.randrange(1, 400)
        word = "".join(rng.choice(alphabet) for _ in range(n))
        widths = [10.0 if ord(c) > 0x3000 else 5.5 for c in word]
        max_widths = [rng.choice([95.0, 120.0, 200.0]), rng.choice([120.0, 200.0])]
        assert pdf._split_keeping_openers(word, widths, max_widths) == \
            pdf._split_keeping_openers_recursive(word, widths, max_widths), word


def _docs() -> dict[str, Document]:
    long = Document(page=PageSetup())
    long.add(Title("长文本"))
    long.add(Para(SENTENCE * 160))  # one paragraph over several pages
    long.add(Para([SENTENCE * 40, "（附：", SENTENCE * 30]))  # several inline runs
    cell = Document(page=PageSetup.form())
    text = "\n".join(f"第{i}条：城乡低保标准调整为每人每月{600 + i}元" for i in range(150))
    cell.add(Table([[Cell("内容概述", shade=True), Cell(text)]], widths=[1, 4], font_size_pt=10.5))
    return {"long": long, "cell": cell}


# the long document's pixel comparison (every page drawn twice) runs in CI's slow stage; the cell case every day
@pytest.mark.parametrize("name", [pytest.param("long", marks=pytest.mark.slow), "cell"])
def test_the_pages_are_the_same_as_the_old_way(name, tmp_path, monkeypatch):
    from PIL import Image, ImageChops
    doc = _docs()[name]
    fast = render_pdf(doc, tmp_path / "fast.pdf")
    with monkeypatch.context() as m:
        m.setattr(pdf, "SPLIT_KEEPS_LINES", False)
        m.setattr(pdf, "LINES_AS_PARAGRAPHS", 10 ** 9)
        m.setattr(pdf._rl_textsplit, "dumbSplit", pdf._split_keeping_openers_recursive)
        ref = render_pdf(doc, tmp_path / "ref.pdf")
    pages = []
    for label, path in (("fast", fast), ("ref", ref)):
        subprocess.run(["pdftoppm", "-r", "60", "-gray", "-png", str(path), str(tmp_path / label)], check=True)
        pages.append(sorted(tmp_path.glob(f"{label}-*.png")))
    assert len(pages[0]) == len(pages[1]) >= 3
    for a, b in zip(*pages):
        assert ImageChops.difference(Image.open(a), Image.open(b)).getbbox() is None, a.name
