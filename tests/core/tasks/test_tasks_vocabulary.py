"""The task-list vocabulary is the one place a unit's name endings are written: the reader, the group matcher and
the report build their patterns from it (issue 22: a new wording is a line of data plus a test)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gwdesk.core.tasks import vocabulary as voc

ROOT = Path(voc.__file__).resolve().parents[2]


def test_unit_end_words_are_the_end_characters_with_zhongxin_whole():
    assert "中心" in voc.UNIT_END_WORDS and "中" not in voc.UNIT_END_WORDS and "心" not in voc.UNIT_END_WORDS
    assert set("".join(voc.UNIT_END_WORDS)) == set(voc.UNIT_END_CHARS)


def test_short_with_endings_come_from_the_unit_endings():
    assert set(voc.WITH_SHORT_FIRST_END) < set(voc.UNIT_END_CHARS) and "委" not in voc.WITH_SHORT_FIRST_END
    assert set(voc.WITH_SHORT_SECOND_END) < set(voc.UNIT_END_CHARS) and "会" not in voc.WITH_SHORT_SECOND_END


@pytest.mark.parametrize("text, short", [("宣传处会办公室", True), ("区居委会办公室", False), ("市发改委会同财政局", False)])
def test_short_with_reads_by_the_vocabulary(text, short):
    from gwdesk.io.tasklist.units import shorthand_with
    assert bool(shorthand_with(text)) is short


def _sources():
    for p in sorted((ROOT / "gwdesk").rglob("*.py")):
        if p.name != "vocabulary.py":
            yield p


def test_no_unit_endings_written_outside_the_vocabulary():
    """A character class or an alternation of four or more unit endings (局, 委, 办, 中心, 人民政府…) in a pattern
    anywhere else is a second place they are written: build it from vocabulary.py instead. (Found before: the
    会-shorthand's two classes, the line-joining words in units.py, the group owner's and the report's endings.)"""
    ends = set(voc.UNIT_END_WORDS) | set(voc.ADDRESSEE_END_WORDS) | set(voc.BODY_NAME_GOES_ON) | set(voc.BODY_END_WORDS)
    found = []
    for p in _sources():
        text = p.read_text(encoding="utf-8")
        for m in re.finditer(r"\[([^\]\n\"', ]{4,})\]", text):  # [局委办…]
            if len(set(m.group(1)) & set(voc.UNIT_END_CHARS)) >= 4:
                found.append(f"{p.relative_to(ROOT)}: {m.group(0)}")
        for m in re.finditer(r"[\u4e00-\u9fff]+(?:\|[\u4e00-\u9fff]+)+", text):  # 局|委|办|…
            if len(set(m.group(0).split("|")) & ends) >= 4:
                found.append(f"{p.relative_to(ROOT)}: {m.group(0)}")
    assert found == []
