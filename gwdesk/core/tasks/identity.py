"""Which stored task list a file is: a list's identity is its title without the version words.

An office sends several lists a year (政务公开, 民生实事, 政府工作报告重点工作, 整改清单), and revises some of them
(“…任务清单（修订版）”, “调整后的…”, “…第二版”). Two lists are the same list when their titles, stripped of the
wordings below, are equal. The wordings are data: a new one is a line here and a test.
"""

from __future__ import annotations

import difflib
import re

_NUM = r"[一二三四五六七八九十0-9０-９]+"
_VERSION = r"(?:修订|修改|调整|更新|补充|完善|最新)"
# version words, each a pattern removed from the title (in this order)
VERSION_PATTERNS: tuple[str, ...] = (
    # in brackets: （修订版）（修订稿）（调整后）（第二版）（2024年3月修订）（更新）
    rf"[（(\[【〔]\s*(?:[0-9０-９]{{4}}年(?:{_NUM}月)?(?:{_NUM}日)?)?\s*(?:{_VERSION}[版稿后]?|第{_NUM}[版稿]|[新终定]稿|征求意见稿|送审稿)\s*[）)\]】〕]",
    # 调整后的… / 修订后的… at the start
    rf"^{_VERSION}后的?",
    # …第二版 / …第2稿 anywhere
    rf"第{_NUM}[版稿]",
    # …（the title ends with）修订版 / 调整版 / 更新版 / 修订稿 / 修订
    rf"{_VERSION}[版稿]$",
    r"[新终定]稿$",
    r"(?:修订|调整|更新)$",
    # V2 / v2.0
    r"[vV][0-9]+(?:\.[0-9]+)*$",
)
_COMPILED = tuple(re.compile(p) for p in VERSION_PATTERNS)
_NOISE = re.compile(r"[\s\u3000\xa0“”\"'《》〈〉「」：:，,。.、·\-—_]+")
# the words every list's title has, left out when judging whether two titles could be one list renamed
GENERIC_WORDS: tuple[str, ...] = (
    "任务分解表", "任务分解", "任务分工", "任务清单", "责任清单", "工作清单", "清单", "分工方案", "实施方案", "方案",
    "工作要点", "要点", "分解表", "分工表", "一览表", "台账", "表", "重点工作", "重点任务", "工作任务", "任务",
    "工作", "关于印发", "的通知", "通知", "附件", "年度", "全年", "贯彻落实", "落实", "推进", "做好", "主要",
)
_YEAR = re.compile(r"(?:[0-9０-９]{4}|二[〇○零][一二三四五六七八九〇○零十]{2})年度?")
_ATTACHMENT = re.compile(r"^\s*附件\s*[0-9０-９一二三四五六七八九十]*\s*[:：、.．]?\s*")
# how alike the distinctive parts of two titles must be before a file might be the other list renamed
SIMILAR = 0.5


def identity(title: str | None) -> str:
    """The title without version words, spaces and punctuation ('' when there is no title)."""
    text = _NOISE.sub("", _ATTACHMENT.sub("", title or ""))
    changed = True
    while changed and text:
        changed = False
        for pat in _COMPILED:
            new = pat.sub("", text)
            if new != text:
                text, changed = new, True
    return text


def same_list(a: str | None, b: str | None) -> bool:
    """True when two titles name the same list (both known and equal once the version words are gone)."""
    ia, ib = identity(a), identity(b)
    return bool(ia) and ia == ib


def subject(title: str | None, issuer: str = "") -> str:
    """What a list is about: its identity without the issuer, the year and the words every list has.

    “青川县2026年政务公开任务清单” → “政务公开”; “青川县2026年民生实事任务清单” → “民生实事”.
    """
    text = identity(title)
    if issuer:
        text = text.replace(_NOISE.sub("", issuer), "")
    text = _YEAR.sub("", text)
    for word in GENERIC_WORDS:
        text = text.replace(word, "")
    return text


def could_be_same(a: str | None, b: str | None, issuer: str = "") -> bool:
    """True when one title might be the other's list renamed: either is unknown, or what they are about is alike.

    Two titles about different things (政务公开 / 民生实事) are two lists; a revision that only rewords the
    list's own words (任务清单 → 任务分解表) could be either, so the clerk is asked.
    """
    ia, ib = identity(a), identity(b)
    if not ia or not ib or ia == ib:
        return True
    sa, sb = subject(a, issuer), subject(b, issuer)
    if not sa or not sb or sa == sb or sa in sb or sb in sa:
        return True
    return difflib.SequenceMatcher(None, sa, sb).ratio() >= SIMILAR
