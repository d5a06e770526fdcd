"""A smaller ICU data library for the bundle: Qt Core's ICU calls keep their data, for Chinese, English and root.

PySide6's libicudata.so.NN (32 MB) is one exported array, `icudtNN_dat`, in ICU's common-data format (a TOC of
named items). Qt Core calls only ICU's converters (ucnv_*), collation (ucol_*), time-zone ids and names (ucal_*)
and locale case mapping (u_strToUpper/Lower) — `nm -D --undefined-only libQt6Core.so.6` lists them; no other
bundled library links ICU. So the copy keeps every converter, the case/normalisation/property data, the
collation root and zh* tailorings (pinyin, stroke…), the time-zone rules and the zone names of root/en*/zh*, and
drops what those calls never read: other languages' locale, collation and zone-name bundles, and the
break-iterator, currency, language, region, unit, spell-out and transliteration trees. A locale that is gone
falls back to root, as ICU does for any locale it lacks.

    python tools/slim_icu.py LIBICUDATA OUT.so       (needs `as` and `ld` from binutils, as PyInstaller does)
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

# whole trees no Qt Core call reads
DROP_TREES = {"brkitr", "curr", "lang", "region", "unit", "rbnf", "translit"}
KEEP_LANGUAGES = {"zh", "en", "root"}
# a locale bundle: language (2–3 letters) with optional script/region/variant subtags
LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")  # also "de_" (de__PHONEBOOK)


def keep_item(name: str) -> bool:
    """`name` as in the TOC without its package prefix, e.g. "coll/zh.res", "de_AT.res", "cnvalias.icu"."""
    tree, _, base = name.rpartition("/")
    if tree in DROP_TREES:
        return False
    if base.endswith((".spp", ".cfu")):  # stringprep and spoof checks: Qt does IDNA itself
        return False
    m = LOCALE.match(base)
    return m is None or m.group(1) in KEEP_LANGUAGES or base == "res_index.res"  # each tree's locale list


def _elf_symbol(data: bytes, pattern: re.Pattern) -> tuple[str, int, int]:
    """(name, file offset, size) of the one exported object whose name matches, in a little-endian ELF64 file."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    for sh in sections:
        if sh[1] != 11:  # SHT_DYNSYM
            continue
        strtab = sections[sh[6]]
        for off in range(sh[4], sh[4] + sh[5], 24):
            st_name, _info, _other, shndx, value, size = struct.unpack_from("<IBBHQQ", data, off)
            end = data.index(b"\0", strtab[4] + st_name)
            name = data[strtab[4] + st_name:end].decode()
            if pattern.fullmatch(name):
                host = sections[shndx]
                return name, value - host[3] + host[4], size
    raise ValueError("no ICU data symbol")


def read_common_data(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (name, item) list of an ICU common-data (CmnD) blob."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD" or blob[8] != 0:
        raise ValueError("not little-endian ICU common data")
    count, = struct.unpack_from("<I", blob, header_size)
    entries = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    starts = [header_size + d for _, d in entries] + [len(blob)]
    order = sorted(range(count), key=lambda i: entries[i][1])
    ends = {order[k]: starts[order[k + 1]] if k + 1 < count else len(blob) for k in range(count)}
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        p = header_size + name_off
        name = blob[p:blob.index(b"\0", p)].decode("ascii")
        items.append((name, blob[header_size + data_off:ends[i]]))
    return blob[:header_size], items


def write_common_data(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The CmnD blob icupkg would write: TOC sorted by name, names, then 16-byte aligned items."""
    items = sorted(items, key=lambda it: it[0].encode("ascii"))
    names = b""
    name_offs = []
    toc_len = 4 + 8 * len(items)
    for name, _ in items:
        name_offs.append(toc_len + len(names))
        names += name.encode("ascii") + b"\0"
    body = bytearray(struct.pack("<I", len(items)))
    pos = toc_len + len(names)
    pad = (-(len(header) + pos)) % 16
    data = bytearray(b"\xaa" * pad)  # icupkg pads with 0xaa
    pos += pad
    data_offs = []
    for _, item in items:
        data_offs.append(pos)
        data += item
        extra = (-(len(header) + pos + len(item))) % 16
        data += b"\xaa" * extra
        pos += len(item) + extra
    for n, d in zip(name_offs, data_offs):
        body += struct.pack("<II", n, d)
    return header + bytes(body) + names + bytes(data)


def slim(lib: Path, out: Path) -> tuple[int, int]:
    """Write the smaller library to `out`; returns (bytes of ICU data before, after)."""
    raw = lib.read_bytes()
    symbol, offset, size = _elf_symbol(raw, re.compile(r"icudt\d+_dat"))
    header, items = read_common_data(raw[offset:offset + size])
    prefix = items[0][0].split("/", 1)[0] + "/"
    kept = [(n, d) for n, d in items if keep_item(n[len(prefix):])]
    blob = write_common_data(header, kept)
    soname = lib.name
    with tempfile.TemporaryDirectory(prefix="slim-icu-") as tmp:
        t = Path(tmp)
        (t / "data.bin").write_bytes(blob)
        (t / "data.S").write_text(
            f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n{symbol}:\n'
            f'.incbin "data.bin"\n.size {symbol}, {len(blob)}\n'
            '.section .note.GNU-stack,"",@progbits\n')  # no executable stack
        subprocess.run(["as", "-o", "data.o", "data.S"], cwd=t, check=True)
        subprocess.run(["ld", "-shared", "-soname", soname, "-z", "noexecstack", "-o", "out.so", "data.o"],
                       cwd=t, check=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(t / "out.so", out)
    return size, len(blob)


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.strip().splitlines()[-1].strip())
    before, after = slim(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"ICU data {before / 2**20:.1f} MiB → {after / 2**20:.1f} MiB: {sys.argv[2]}")


if __name__ == "__main__":
    main()
