"""Masking personal data for lists and de-identified exports (张*三, 110***********1234, 138****5678)."""

from __future__ import annotations

import re

from gwdesk.core import lazy_re
from gwdesk.core.applications import masking_words as W


def mask_name(name: str) -> str:
    """Keep the first and last character of a personal name: 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明."""
    n = name.strip()
    if len(n) <= 1:
        return n
    if len(n) == 2:
        return n[0] + "*"
    return n[0] + "*" * (len(n) - 2) + n[-1]


def mask_id(number: str) -> str:
    """Keep the first 3 and last 4 characters: 110***********1234."""
    n = number.strip()
    if len(n) <= 7:
        return "*" * len(n)
    return n[:3] + "*" * (len(n) - 7) + n[-4:]


def mask_contact(contact: str) -> str:
    """Mask digits in the middle of phone numbers and the local part of e-mail addresses."""
    c = contact.strip()
    if "@" in c:
        local, _, domain = c.partition("@")
        return (local[:1] + "***" if local else "") + "@" + domain
    digits = [i for i, ch in enumerate(c) if ch.isdigit()]
    if len(digits) < 7:
        return "*" * len(c)
    keep = set(digits[:3] + digits[-4:])
    return "".join(ch if (not ch.isdigit() or i in keep) else "*" for i, ch in enumerate(c))


def applicant_display(name: str, applicant_type: str, reveal: bool = False) -> str:
    """Personal names (自然人) are masked unless revealed; organisations' names are not personal data."""
    if reveal or applicant_type != "自然人":
        return name
    return mask_name(name)


# ---- free text: 申请内容, 备注, 理由 and addresses in 联系方式 -----------------------------------------------
# (compiled on the first scrub: the ledger's list and 今日提醒 mask names only, issue 25)

_NUM = "0-9０-９一二三四五六七八九十百零〇两"
_CJK = "\u4e00-\u9fa5"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NAME = r"(?:(?![省市县区镇乡州盟旗道])[\u4e00-\u9fa5])"  # a place name's characters, never across an admin level
_PLACE = (rf"(?:{_NAME}{{1,8}}?(?:{_alt(W.PLACE_SUFFIX)})"
          rf"|{_NAME}{{1,8}}?(?:{_alt(W.ROAD_SUFFIX)})(?:{_alt(W.ROAD_SECTION)})?)")
_UNIT = rf"(?:[{_NUM}A-Za-z]+[-－#]?[{_NUM}]*(?:{_alt(W.HOUSE_SUFFIX)}))"
# parts of an address below 乡镇/街道: villages and communities, roads and lanes, numbered groups, houses, rooms;
# a bare number after a house (“…2单元301”, “…15号-2”) is its room
_ADDRESS = lazy_re.compile(rf"(?:{_PLACE}|{_UNIT}){{1,8}}(?:[-－]?[0-9０-９]{{1,5}}(?![0-9０-９]))?")
_SEP = f"[{re.escape(W.NUMBER_SEPARATORS)}]?"
_ID_LIKE = lazy_re.compile(rf"(?<![0-9A-Za-z])(?:\d{{6}}{_SEP}\d{{8}}{_SEP}\d{{3}}[\dXx]|\d{{6}}{_SEP}\d{{6}}{_SEP}\d{{3}}"
                           r"|[0-9A-Z]{18})(?![0-9A-Za-z])")
_PHONE_LIKE = lazy_re.compile(rf"(?<!\d)(?:\+?86{_SEP})?(?:1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}|0\d{{2,3}}{_SEP}(?:\d{{7,8}}|\d{{3,4}}{_SEP}\d{{4}})"
                              rf"|\d{{3,4}}{_SEP}\d{{4}})(?!\d)")
_EMAIL = lazy_re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_END = rf"(?=(?:{_alt(W.NAME_END)})|$|\d)"
_NAMED = lazy_re.compile(rf"(?:{_alt(W.NAME_AFTER)})[：:为是]?\s*([{_CJK}]{{2,4}}?){_END}|受([{_CJK}]{{2,4}}?)委托")
_NAMED_BEFORE = lazy_re.compile(rf"([{_CJK}]{{2,4}})(?={_alt(W.NAME_BEFORE)})")
_NOT_NAMES = lazy_re.compile(rf"^(?:{_alt(W.NAME_AFTER)}|{_alt(W.NOT_NAMES)})")
_TITLES = lazy_re.compile(rf"(?:{_alt(w.lstrip('的之') for w in W.NAME_BEFORE)})$")
_PLACE_RE, _UNIT_RE = lazy_re.compile(_PLACE), lazy_re.compile(_UNIT)


def _mask_address(m: re.Match) -> str:
    text = m.group(0)
    units = len(_UNIT_RE.findall(text))
    if not units or (units == 1 and not _PLACE_RE.search(text)):  # “某村干部”, “第3号文件”: not an address
        return text
    return "*" * min(len(text), 6)


def scrub(text: str, names: set[str] | frozenset[str] = frozenset()) -> str:
    """`text` with personal data masked: the given personal names, names after 父亲/姓名/申请人…, ID-like and
    phone-like numbers, e-mail addresses, and the part of an address below 乡镇/街道 (村, 组, 路, 号, 室…)."""
    if not text:
        return text
    out = _EMAIL.sub(lambda m: mask_contact(m.group(0)), text)
    out = _ID_LIKE.sub(lambda m: mask_id(m.group(0)), out)
    out = _PHONE_LIKE.sub(lambda m: mask_contact(m.group(0)), out)
    for name in sorted((n.strip() for n in names if len(n.strip()) >= 2), key=len, reverse=True):
        out = out.replace(name, mask_name(name))

    def named(m: re.Match) -> str:
        g = 1 if m.group(1) is not None else 2
        word = m.group(g)
        if _NOT_NAMES.match(word):  # “本人父亲苏洵”: 父亲 was taken for the name; look again after it
            rest = _NAMED.sub(named, word) if _NAMED.search(word) else word
            return m.group(0)[:m.start(g) - m.start(0)] + rest + m.group(0)[m.end(g) - m.start(0):]
        return m.group(0)[:m.start(g) - m.start(0)] + mask_name(word) + m.group(0)[m.end(g) - m.start(0):]
    out = _NAMED.sub(named, out)
    out = _NAMED_BEFORE.sub(_named_before, out)
    return _ADDRESS.sub(_mask_address, out)


def _named_before(m: re.Match) -> str:
    """A name right before 同志/之子/的学籍…: the longest tail of the match that starts like a name."""
    text, tail = m.group(1), ""
    title = _TITLES.search(text)  # “李四老人” before “的低保”: the name is before 老人
    if title:
        text, tail = text[:title.start()], text[title.start():]
    for k in range(len(text) - 1):  # drop a leading word caught with it (“公开王建国” → 王建国)
        word = text[k:]
        if ((len(word) <= 3 or word[:2] in W.COMPOUND_SURNAMES) and word[0] not in W.NOT_NAME_START
                and not _NOT_NAMES.match(word) and "*" not in word):
            return text[:k] + mask_name(word) + tail
    return text + tail


def scrub_contact(contact: str, names: set[str] | frozenset[str] = frozenset()) -> str:
    """A 联系方式 of any applicant (an organisation's is its handler's: name, mobile, home address, e-mail): a bare
    phone or e-mail as mask_contact; anything with words through scrub."""
    c = contact.strip()
    if not re.search(r"[\u4e00-\u9fa5]", c):
        return mask_contact(c) if c else c
    out = scrub(c, names)
    # a contact that starts with a bare name (“刘洋 137…”, “张三，住…”) is its handler's
    return _LEADING_NAME.sub(lambda m: mask_name(m.group(1)) if not _NOT_NAMES.match(m.group(1)) else m.group(0), out)


_LEADING_NAME = re.compile(r"^([\u4e00-\u9fa5]{2,4})(?=\s*[\s,，、;；/]|\s*[0-9+（(])")
