"""Zip bombs built in a second: a raw deflate stream of one compressed block repeated (each block ends in a
full flush, so copies chain), written into an xlsx/docx's zip by hand with honest sizes and CRC."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def _raw(data: bytes, *, final: bool) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + (c.flush() if final else c.flush(zlib.Z_FULL_FLUSH))


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, i = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, row) for row in matrix]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """The CRC-32 of A + B from crc32(A), crc32(B) and len(B) (zlib's crc32_combine, which Python does not offer):
    a gigabyte's CRC without reading a gigabyte."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # the operator for one zero bit
    even = _gf2_square(odd)  # two zero bits
    odd = _gf2_square(even)  # four
    while True:  # apply len2 zero bytes to crc1, a power of two at a time
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def _repeated_crc(data: bytes, copies: int) -> int:
    """crc32(data × copies), by doubling."""
    crc, length = 0, 0  # of the copies so far
    power, power_len = zlib.crc32(data), len(data)  # of data × 2^k
    while copies:
        if copies & 1:
            crc, length = crc32_combine(crc, power, power_len), length + power_len
        copies >>= 1
        if copies:
            power, power_len = crc32_combine(power, power, power_len), power_len * 2
    return crc


def bomb_member(head: bytes, filler: bytes, copies: int, tail: bytes) -> tuple[bytes, int, int]:
    """(raw deflate, crc32, uncompressed size) of head + filler × copies + tail."""
    block = _raw(filler, final=False)
    stream = _raw(head, final=False) + block * copies + _raw(tail, final=True)
    crc = crc32_combine(zlib.crc32(head), _repeated_crc(filler, copies), len(filler) * copies)
    crc = crc32_combine(crc, zlib.crc32(tail), len(tail))
    return stream, crc, len(head) + len(filler) * copies + len(tail)


def build_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of already-deflated members (name, raw deflate, crc32, size); sizes below 4 GiB."""
    out = io.BytesIO()
    central = []
    for name, raw, crc, size in members:
        offset = out.tell()
        n = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), size, len(n), 0) + n)
        out.write(raw)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(raw), size,
                                   len(n), 0, 0, 0, 0, 0, offset) + n)
    start = out.tell()
    for c in central:
        out.write(c)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def replace_member(src: bytes, name: str, member: tuple[bytes, int, int]) -> bytes:
    """`src` (an xlsx/docx) with member `name` replaced by the given deflated (raw, crc, size)."""
    members = []
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        for info in z.infolist():
            if info.filename == name:
                members.append((name, *member))
            else:
                data = z.read(info.filename)
                members.append((info.filename, _raw(data, final=True), zlib.crc32(data), len(data)))
    return build_zip(members)


def sheet_bomb(src: bytes, gib: float = 1.0) -> bytes:
    """An xlsx whose first worksheet expands to `gib` GiB of whitespace between its rows (~1 MB on disk)."""
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    head, _, tail = xml.partition(b"</sheetData>")
    filler = b" " * (1 << 20)
    return replace_member(src, "xl/worksheets/sheet1.xml",
                          bomb_member(head, filler, int(gib * 1024), b"</sheetData>" + tail))


def shared_strings_bomb(src: bytes, million: int = 16) -> bytes:
    """An xlsx whose sharedStrings.xml holds `million` million tiny strings (each a Python object if parsed)."""
    head = b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    filler = b"<si><t>x</t></si>" * 62500  # one million strings per 16 copies
    member = bomb_member(head, filler, million * 16, b"</sst>")
    members = []
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                continue
            if info.filename == "[Content_Types].xml" and b"sharedStrings" not in data:
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            if info.filename == "xl/_rels/workbook.xml.rels" and b"sharedStrings" not in data:
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxml'
                                    b'formats.org/officeDocument/2006/relationships/sharedStrings" '
                                    b'Target="sharedStrings.xml"/></Relationships>')
            members.append((info.filename, _raw(data, final=True), zlib.crc32(data), len(data)))
    members.append(("xl/sharedStrings.xml", *member))
    return build_zip(members)
