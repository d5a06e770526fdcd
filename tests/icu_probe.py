"""Prints, as JSON, what Qt Core's ICU calls answer: collation, case mapping, converters, time-zone names."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import (QBuffer, QByteArray, QCollator, QDateTime, QIODevice, QLocale, QStringConverter, QStringDecoder,
                            QStringEncoder, QTimeZone, QXmlStreamReader)

NAMES = ["张伟", "李娜", "王芳", "刘洋", "陈静", "赵敏", "黄强", "周杰", "吴昊", "重庆", "长沙", "厦门", "啊", "阿", "𠀀",
         "㐀", "abc", "ABC", "Zeta", "äpfel", "Apfel", "10", "9", "ı", "I"]
LOCALES = ["zh_CN", "zh_TW", "zh_HK", "en_US", "en_GB", "C", "sv_SE", "tr_TR", "de_DE"]
TEXT = "政务公开办公桌：依申请公开，繁體字，日本語テキスト, Ελληνικά, кириллица, ‰€"
ENCODINGS = ["GB18030", "GBK", "GB2312", "Big5", "Big5-HKSCS", "Shift_JIS", "EUC-KR", "windows-1252", "ISO-8859-15",
             "KOI8-R", "ISO-2022-JP", "ibm-1047", "UTF-7", "HZ-GB-2312", "windows-936"]
ZONES = ["Asia/Shanghai", "Asia/Urumqi", "America/New_York", "Europe/Berlin", "UTC", "Pacific/Chatham"]


def xml_decode(encoding: str, data: bytes) -> list:
    """Qt decodes an XML file in its declared encoding through ICU (PySide6 has no QStringDecoder.decode)."""
    buf = QBuffer()
    buf.setData(QByteArray(f'<?xml version="1.0" encoding="{encoding}"?><a>'.encode("ascii") + data + b"</a>"))
    buf.open(QIODevice.ReadOnly)
    reader, text = QXmlStreamReader(buf), []
    while not reader.atEnd():
        reader.readNext()
        if reader.isCharacters():
            text.append(reader.text())
    return ["".join(text), reader.hasError()]


def _encode(enc: str) -> bytes:
    try:
        return TEXT.encode(enc, errors="replace")
    except LookupError:  # no Python codec (ibm-1047, windows-936 under that name): ASCII is the same in each
        return b"abc"


def probe() -> dict:
    out = {}
    for loc in LOCALES:
        collator = QCollator(QLocale(loc))
        out[f"sort {loc}"] = sorted(NAMES, key=collator.sortKey)
        collator.setNumericMode(True)
        out[f"numeric sort {loc}"] = sorted(NAMES, key=collator.sortKey)
        out[f"upper {loc}"] = QLocale(loc).toUpper("istanbul iı straße ǆ")
        out[f"lower {loc}"] = QLocale(loc).toLower("İSTANBUL IΣ ΣΑΣ")
    for enc in ENCODINGS:
        encoder = QStringEncoder(enc)
        out[f"codec {enc}"] = [encoder.isValid(), encoder.name(), QStringDecoder(enc).isValid(),
                               *xml_decode(enc, _encode(enc))]
    out["codec list"] = sorted(QStringConverter.availableCodecs())
    out["zone ids"] = len(QTimeZone.availableTimeZoneIds())
    for zone in ZONES:
        tz = QTimeZone(zone.encode())
        for loc in ("zh_CN", "zh_TW", "en_US", "de_DE"):
            out[f"zone {zone} {loc}"] = [
                tz.isValid(), tz.displayName(QTimeZone.StandardTime, QTimeZone.LongName, QLocale(loc)),
                tz.displayName(QTimeZone.StandardTime, QTimeZone.ShortName, QLocale(loc)),
                tz.standardTimeOffset(QDateTime.fromSecsSinceEpoch(1_700_000_000))]
    return out


if __name__ == "__main__":
    json.dump(probe(), sys.stdout, ensure_ascii=False, sort_keys=True)
