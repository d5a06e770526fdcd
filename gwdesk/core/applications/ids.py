"""Identity number checks: 居民身份证 (GB 11643 check digit) and 统一社会信用代码 (GB 32100 check character)."""

from __future__ import annotations

import datetime as dt
import re

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def id_card_check_digit(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def check_id_card(number: str) -> str | None:
    """None when `number` is a valid 18-digit 居民身份证号码, else a Chinese problem description."""
    n = number.strip().upper()
    if len(n) != 18:
        return f"居民身份证号码应为18位，现为{len(n)}位"
    if not n[:17].isdigit() or not (n[17].isdigit() or n[17] == "X"):
        return "居民身份证号码前17位应为数字，最后一位为数字或X"
    try:
        dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return f"居民身份证号码中的出生日期“{n[6:14]}”不存在"
    if id_card_check_digit(n[:17]) != n[17]:
        return "居民身份证号码校验位不符（可能有数字录错）"
    return None


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31]


def check_uscc(code: str) -> str | None:
    """None when `code` is a valid 统一社会信用代码, else a Chinese problem description."""
    c = code.strip().upper()
    if len(c) != 18:
        return f"统一社会信用代码应为18位，现为{len(c)}位"
    bad = sorted({ch for ch in c if ch not in _USCC_CHARS})
    if bad:
        return f"统一社会信用代码含有不允许的字符“{''.join(bad)}”（不使用I、O、Z、S、V）"
    if not c[2:8].isdigit():
        return "统一社会信用代码第3–8位应为登记管理机关行政区划码（数字）"
    if uscc_check_char(c[:17]) != c[17]:
        return "统一社会信用代码校验位不符（可能有字符录错）"
    return None


def check(kind: str, number: str) -> str | None:
    """Check a number by its kind; other kinds are not checked."""
    if not number.strip():
        return None
    if kind == "居民身份证":
        return check_id_card(number)
    if kind == "统一社会信用代码":
        return check_uscc(number)
    return None


def guess_kind(applicant_type: str, number: str) -> str:
    """The 证件类型 a ledger without that column most likely means. A number that looks like a 身份证号 or
    统一社会信用代码 but has a digit too many or too few keeps that kind, so the check reports it instead of
    the number passing silently as 其他证件."""
    n = number.strip().upper()
    if not n:
        return ""
    if applicant_type == "自然人":
        return "居民身份证" if re.fullmatch(r"[\dX]{15,19}", n) and n.count("X") <= 1 else "其他证件"
    if re.fullmatch(r"[0-9A-Z]{15,20}", n) and sum(c.isdigit() for c in n) >= 8:
        return "统一社会信用代码"
    return "其他证件"
