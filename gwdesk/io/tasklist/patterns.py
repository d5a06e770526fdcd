"""The reader's shared patterns, built from the vocabulary (core/tasks/vocabulary.py): how items are numbered,
the brackets roles and names are written in, what parts units and clauses. A new numbering style or bracket is
a line of vocabulary, not a new regular expression here.

    SECTION_1.match("一、…")      SECTION_2.match("（一）…")      ITEM.match("1.…")
    chars("、，")                 → a character class of those characters
    words(("牵头", "负责"))       → an alternation, longest first
    spaced("附件")                → the word with any spaces between its characters (“附 件”)
"""

from __future__ import annotations

import re

from gwdesk.core.tasks.vocabulary import (
    CLAUSE_ENDS,
    CLAUSE_SEPARATORS,
    CN_NUMERALS,
    NUMBER_ENDS,
    PLACEHOLDER_CHARS,
    ROLE_CLOSE,
    ROLE_OPEN,
    ROUND_CLOSE,
    ROUND_OPEN,
    UNIT_SEPARATORS,
    alternation,
)


def chars(text: str, *, negated: bool = False) -> str:
    """A character class of the characters of `text` (`negated`: any other character)."""
    return ("[^" if negated else "[") + "".join(re.escape(c) for c in dict.fromkeys(text)) + "]"


def words(*groups) -> str:
    """A non-capturing alternation of the words of `groups`, longest first."""
    return f"(?:{alternation(*groups)})"


def spaced(word: str) -> str:
    """`word` with any white space between its characters (“附 件”, letter-spaced headers)."""
    return r"\s*".join(re.escape(c) for c in word)


CN = chars(CN_NUMERALS)  # 一 … 十
NUMBER_END = chars(NUMBER_ENDS)  # 、 . ．
OPEN, CLOSE = chars(ROUND_OPEN), chars(ROUND_CLOSE)
NOT_CLOSE = chars(ROUND_CLOSE, negated=True)
ROLE_OPENS, ROLE_CLOSES = chars(ROLE_OPEN), chars(ROLE_CLOSE)
UNIT_SEP = chars(UNIT_SEPARATORS)
CLAUSE_END = chars(CLAUSE_ENDS)
CLAUSE_SEP = chars(CLAUSE_SEPARATORS)

# “一、…”: a category; “（一）…”: a subcategory; “1.…” an item (not “1.5倍”)
SECTION_1 = re.compile(rf"^{CN}+{NUMBER_END}")
SECTION_2 = re.compile(rf"^{OPEN}{CN}+{CLOSE}")
ITEM_NUMBER = rf"\d{{1,3}}\s*{NUMBER_END}(?!\d)"
# a trailing bracket (“责任单位（牵头）”, “区国资委（区金融办）”)
BRACKET_TAIL = re.compile(rf"{OPEN}{NOT_CLOSE}*{CLOSE}$")
# a cell holding only “——” or “/”
PLACEHOLDER = re.compile(rf"^{chars(PLACEHOLDER_CHARS)}+$")
