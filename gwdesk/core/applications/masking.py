"""Masking personal data for lists and de-identified exports (张*三, 110***********1234, 138****5678)."""

from __future__ import annotations

import re


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

_NUM = "0-9０-９一二三四五六七八九十百零〇两"
_NAME = r"(?:(?![省市县区镇乡州盟旗道])[\u4e00-\u9fa5])"  # a place name's characters, never across an admin level
_PLACE = (rf"(?:{_NAME}{{1,8}}?(?:村|社区|居委会|小区|花园|大厦|公寓|家园|新村|苑)"
          rf"|{_NAME}{{1,8}}?(?:大道|路|街|巷|弄|胡同))")
_UNIT = rf"(?:[{_NUM}A-Za-z]+[-－#]?[{_NUM}]*(?:组|社|号院|号楼|号|栋|幢|座|单元|楼|层|室|户))"
_PLACE_RE, _UNIT_RE = re.compile(_PLACE), re.compile(_UNIT)
# parts of an address below 乡镇/街道: villages and communities, roads and lanes, numbered groups, houses, rooms
_ADDRESS = re.compile(rf"(?:{_PLACE}|{_UNIT}){{1,8}}")
_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15}|[0-9A-Z]{18})(?![0-9A-Za-z])")
_PHONE_LIKE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(?:1[3-9]\d[- ]?\d{4}[- ]?\d{4}|0\d{2,3}[- ]?\d{7,8}|\d{7,8})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_KIN = "邻居|代理人|委托人|受托人|父亲|母亲|儿子|女儿|配偶|丈夫|妻子|爷爷|奶奶|外公|外婆|哥哥|姐姐|弟弟|妹妹|户主|家属|亲属|联系人|当事人|本人|申请人|姓名"
_NAMED = re.compile(rf"(?:{_KIN})[：:为是]?\s*([\u4e00-\u9fa5]{{2,4}}?)(?=[，,。；;、\s（(的之于在与和]|$|\d)"
                    rf"|受([\u4e00-\u9fa5]{{2,4}}?)委托")
_NOT_NAMES = re.compile(rf"^(?:{_KIN}|某|该|其|自己|申请|本|所|已|未|的|在|于|名下|户籍|信息|身份)")


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
        if _NOT_NAMES.match(word):
            return m.group(0)
        return m.group(0)[:m.start(g) - m.start(0)] + mask_name(word) + m.group(0)[m.end(g) - m.start(0):]
    out = _NAMED.sub(named, out)
    return _ADDRESS.sub(_mask_address, out)


def scrub_contact(contact: str, names: set[str] | frozenset[str] = frozenset()) -> str:
    """A personal 联系方式: a bare phone or e-mail as mask_contact; anything with an address through scrub."""
    c = contact.strip()
    if not re.search(r"[\u4e00-\u9fa5]", c):
        return mask_contact(c) if c else c
    return scrub(c, names)
