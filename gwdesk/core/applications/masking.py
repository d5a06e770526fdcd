"""Masking personal data for lists and de-identified exports (张*三, 110***********1234, 138****5678)."""

from __future__ import annotations


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
