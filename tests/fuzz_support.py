"""Hostile-input helpers: seeded mutations of real files (bytes, zip members, XML inside the zip, JSON
and TOML tokens), a check that an importer ends in gwdesk's own error or a clean import, and a
byte-for-byte snapshot of the database file.

GWDESK_FUZZ_N sets how many mutated files each importer gets; without it the everyday run takes a fifth of
each importer's full count and GWDESK_FUZZ_FULL=1 (CI's robustness stage) the full count;
GWDESK_FUZZ_SEED changes the seed (the default is fixed, so a CI failure reproduces). A crash
saves the mutated file under GWDESK_FUZZ_KEEP (default: the test's tmp dir) and names it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gwdesk.errors import GwdeskError

CJK = re.compile(r"[\u4e00-\u9fff]")
SEED = int(os.environ.get("GWDESK_FUZZ_SEED", "20261122"))


def fuzz_n(full: int) -> int:
    """How many mutated files an importer gets: GWDESK_FUZZ_N when set; `full` with GWDESK_FUZZ_FULL=1 (CI);
    a fifth of it in the everyday run, which must stay quick (the seed is the same, so it is a prefix)."""
    if os.environ.get("GWDESK_FUZZ_N"):
        return int(os.environ["GWDESK_FUZZ_N"])
    return full if os.environ.get("GWDESK_FUZZ_FULL") == "1" else max(20, full // 5)


# ---- hostile values ---------------------------------------------------------------------------

HOSTILE_TEXT = [
    "", " ", "\u3000", "=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\t", "\r\n", "\x01\x02", "\ufeff",
    "A" * 40000, "任务" * 5000, "😀🀄️", "\u202e反向", "2021年13月45日", "0000-00-00", "9999年12月31日前",
    "<script>", "&amp;", "]]>", "NaN", "-1", "1e309", "None", "null", "1" * 5000, "第１项", "　牵头单位　",
]
HOSTILE_ATTR = [
    "", "-1", "0", "1", "99999999", "4294967296", "A0", "A1:A1", "B2:A1", "A1:XFD1048576",
    "ZZZZ99999999:A1", "AAAAAAAAAAAAAAA1", "$A$1:$C$3", "1e400", "NaN", "&amp;", "x", "true",
    "A1:A1048576", "r:id99", "../../../../etc/passwd", "rId1", "s", "str", "inlineStr", "e", "n", "b", "d",
]


def _pick(rng: random.Random, items):
    return items[rng.randrange(len(items))]


# ---- raw bytes ----------------------------------------------------------------------------------

def mutate_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Flip bytes, cut the file, drop or repeat a chunk, or splice noise in."""
    b = bytearray(data)
    op = rng.randrange(6)
    if not b:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64))), "noise"
    if op == 0:
        n = rng.randint(1, 8)
        for _ in range(n):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b), f"flip {n} bits"
    if op == 1:
        cut = rng.randrange(len(b))
        return bytes(b[:cut]), f"truncate at {cut}"
    i = rng.randrange(len(b))
    j = min(len(b), i + rng.randint(1, 256))
    if op == 2:
        return bytes(b[:i] + b[j:]), f"drop {i}:{j}"
    if op == 3:
        return bytes(b[:j] + b[i:j] + b[j:]), f"repeat {i}:{j}"
    if op == 4:
        noise = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        return bytes(b[:i] + noise + b[i:]), f"insert noise at {i}"
    for k in range(i, j):
        b[k] = rng.randrange(256)
    return bytes(b), f"scramble {i}:{j}"


# ---- XML text inside a zip ----------------------------------------------------------------------

_ATTR = re.compile(rb'(\w[\w:]*)="([^"]*)"')
_TEXT = re.compile(rb">([^<]+)<")
_TAG = re.compile(rb"<(\w[\w:]*)\b[^>]*?(?:/>|>.*?</\1>)", re.DOTALL)
_TARGETED = [  # attributes where broken values hurt most: merges, dimensions, spans, shared-string refs
    rb'(<(?:\w+:)?mergeCell ref=")([^"]*)(")', rb'(<(?:\w+:)?dimension ref=")([^"]*)(")',
    rb'(<w:gridSpan w:val=")([^"]*)(")', rb'(<w:vMerge w:val=")([^"]*)(")', rb'(<c r=")([^"]*)(")',
    rb'(<(?:\w+:)?sheet [^>]*?r:id=")([^"]*)(")', rb'(<(?:\w+:)?mergeCells count=")([^"]*)(")',
    rb'(<(?:\w+:)?c [^>]*?t=")([^"]*)(")', rb'(<(?:\w+:)?sz w:val=")([^"]*)(")',
]
_SHARED_INDEX = re.compile(rb'(<c [^>]*t="s"[^>]*><v>)(\d+)(</v>)')


def mutate_xml(xml: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One structural or textual change to an XML document (kept as bytes; may leave it ill-formed)."""
    op = rng.randrange(9)
    if op == 0:
        pat = re.compile(_pick(rng, _TARGETED))
        hits = list(pat.finditer(xml))
        if hits:
            m = _pick(rng, hits)
            val = _pick(rng, HOSTILE_ATTR).encode()
            return xml[:m.start(2)] + val + xml[m.end(2):], f"targeted {m.group(1)[:20]!r}={val[:20]!r}"
    if op == 1:
        hits = list(_SHARED_INDEX.finditer(xml))
        if hits:
            m = _pick(rng, hits)
            val = _pick(rng, [b"999999", b"-1", b"", b"x", b"1.5"])
            return xml[:m.start(2)] + val + xml[m.end(2):], f"shared-string index {val!r}"
    if op <= 2:
        hits = list(_ATTR.finditer(xml))
        if hits:
            m = _pick(rng, hits)
            val = _pick(rng, HOSTILE_ATTR).encode()
            return xml[:m.start(2)] + val + xml[m.end(2):], f"attr {m.group(1)[:20]!r}={val[:20]!r}"
    if op <= 4:
        hits = list(_TEXT.finditer(xml))
        if hits:
            m = _pick(rng, hits)
            val = _pick(rng, HOSTILE_TEXT)
            enc = val.encode("utf-8", "surrogatepass").replace(b"&", b"&amp;").replace(b"<", b"&lt;")
            if rng.random() < 0.2:
                enc = val.encode("utf-8", "surrogatepass")  # unescaped: ill-formed XML
            return xml[:m.start(1)] + enc + xml[m.end(1):], f"text {val[:20]!r}"
    if op == 5:
        hits = list(_TAG.finditer(xml))
        if hits:
            m = _pick(rng, hits)
            return xml[:m.start()] + xml[m.end():], f"remove element {m.group(1)[:20]!r}"
    if op == 6:
        hits = list(_TAG.finditer(xml))
        if hits:
            m = _pick(rng, hits)
            times = _pick(rng, [2, 3, 50])
            return xml[:m.end()] + m.group(0) * (times - 1) + xml[m.end():], f"repeat element {m.group(1)[:20]!r}"
    if op == 7:
        cut = rng.randrange(len(xml) + 1)
        return xml[:cut], f"truncate xml at {cut}"
    if op == 8:
        return xml.replace(b'encoding="UTF-8"', b'encoding="GBK"').replace(b"utf-8", b"utf-16"), "claim another encoding"
    data, how = mutate_bytes(xml, rng)
    return data, "xml " + how


def _rezip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return out.getvalue()


def mutate_zip(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Mutate an xlsx/docx: a member's XML (mostly), a member removed/emptied/garbled, or the raw bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    xml_members = [k for k, (i, _) in enumerate(members) if i.filename.endswith((".xml", ".rels"))]
    op = rng.random()
    if op < 0.12:
        return mutate_bytes(data, rng)
    k = _pick(rng, xml_members) if xml_members and op < 0.85 else rng.randrange(len(members))
    info, body = members[k]
    name = info.filename
    if op < 0.7:
        # most weight on the parts that hold the table
        preferred = [j for j in xml_members if re.search(
            r"sheet\d*\.xml|sharedStrings|workbook\.xml|document\.xml|styles\.xml", members[j][0].filename)]
        if preferred and rng.random() < 0.75:
            k = _pick(rng, preferred)
            info, body = members[k]
            name = info.filename
        new, how = body, ""
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            new, step = mutate_xml(new, rng)
            how += ("; " if how else "") + step
        members[k] = (info, new)
        return _rezip(members), f"{name}: {how}"
    if op < 0.8:
        del members[k]
        return _rezip(members), f"remove member {name}"
    if op < 0.88:
        members[k] = (info, b"")
        return _rezip(members), f"empty member {name}"
    if op < 0.94:
        members[k] = (info, bytes(rng.randrange(256) for _ in range(rng.randint(1, 2000))))
        return _rezip(members), f"garbage member {name}"
    # corrupt the compressed stream of one member in place (CRC / deflate errors)
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        zi = z.infolist()[k]
    start = zi.header_offset + 30 + len(zi.filename.encode()) + len(zi.extra)
    if zi.compress_size > 0:
        i = start + rng.randrange(zi.compress_size)
        if i < len(raw):
            raw[i] ^= 0xFF
    return bytes(raw), f"corrupt compressed bytes of {name}"


# ---- JSON and TOML ------------------------------------------------------------------------------

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}\[\]:,]')
HOSTILE_JSON = ['"', '1e999', '-1', '1.5', '"无"', '"/"', 'null', '[]', '{}', '""', 'NaN', 'Infinity',
                '-Infinity', '"\\ud800"', '9' * 5000, '[' * 5000, '{"a":' * 3000, 'true', '0.00001',
                '"12"', '" 7 "', '"2025"', '1' + '0' * 30, '"=1+1"', '-0', '"\\u0000"', ',', ':']


def mutate_json(text: str, rng: random.Random) -> tuple[str, str]:
    """Replace, drop or repeat a token; change the structure; or damage the bytes (then decoded)."""
    op = rng.random()
    toks = list(_JSON_TOKEN.finditer(text))
    if op < 0.55 and toks:
        m = _pick(rng, toks)
        val = _pick(rng, HOSTILE_JSON)
        return text[:m.start()] + val + text[m.end():], f"token {m.group(0)[:20]!r} → {val[:20]!r}"
    if op < 0.65 and toks:
        m = _pick(rng, toks)
        return text[:m.start()] + text[m.end():], f"drop token {m.group(0)[:20]!r}"
    if op < 0.85:
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError):
            obj = None
        if isinstance(obj, dict):
            return json.dumps(_mutate_obj(obj, rng), ensure_ascii=False), "structure"
    if op < 0.9:
        return text.replace("table", "tab1e", 1), "misspelt key"
    data, how = mutate_bytes(text.encode("utf-8", "surrogateescape"), rng)
    return data.decode("utf-8", "surrogateescape"), how


def _mutate_obj(obj, rng: random.Random, depth: int = 0):
    """A copy of `obj` with one random value somewhere replaced by a value of another kind."""
    if isinstance(obj, dict) and obj and depth < 6:
        obj = dict(obj)
        k = _pick(rng, list(obj))
        r = rng.random()
        if r < 0.2:
            del obj[k]
        elif r < 0.3:
            obj[k + "_x"] = obj[k]
        else:
            obj[k] = _mutate_obj(obj[k], rng, depth + 1)
        return obj
    if isinstance(obj, list) and obj and depth < 6:
        obj = list(obj)
        r = rng.random()
        i = rng.randrange(len(obj))
        if r < 0.2:
            del obj[i]
        elif r < 0.3:
            obj.append(obj[i])
        else:
            obj[i] = _mutate_obj(obj[i], rng, depth + 1)
        return obj
    return _pick(rng, [None, -1, 1.5, 10 ** 30, "", "无", "12", [], {}, True, [1, 2], {"a": 1}, "x" * 10000,
                       float("inf") if rng.random() < 0.1 else 0, -0.0])


_TOML_VALUE = re.compile(r'(=\s*)("(?:[^"\\\n]|\\.)*"|\[[^\]\n]*\]|[-+\w.:]+)')
HOSTILE_TOML = ['""', '"x"', '1', '-1', '0', '1.5', 'true', '[]', '[1, 2]', '["a", 1]', '{}', '{a = 1}',
                '1979-05-27', '"' + "字" * 5000 + '"', 'inf', 'nan', '"__import__(\'os\')"',
                '"' + "(" * 300 + "a" + ")" * 300 + '"', '"a == "', '"lambda: 1"', '"x.y"',
                '"attribute in [1, [2]]"', '"not not not x"', '"a < b < c"', '"[]"', '"{}"',
                '"1 if a else 2"', '"f(x)"', '"a[0]"', '"-a"', '"a and"', '"a == 1 or b"']


def mutate_toml(text: str, rng: random.Random) -> tuple[str, str]:
    """Replace a value, drop/repeat/swap lines, rename a key, add a table header, or damage the bytes."""
    lines = text.split("\n")
    op = rng.random()
    if op < 0.45:
        hits = list(_TOML_VALUE.finditer(text))
        if hits:
            m = _pick(rng, hits)
            val = _pick(rng, HOSTILE_TOML)
            return text[:m.start(2)] + val + text[m.end(2):], f"value {m.group(2)[:20]!r} → {val[:24]!r}"
    if op < 0.55:
        i = rng.randrange(len(lines))
        return "\n".join(lines[:i] + lines[i + 1:]), f"drop line {i + 1}"
    if op < 0.62:
        i = rng.randrange(len(lines))
        return "\n".join(lines[:i + 1] + [lines[i]] + lines[i + 1:]), f"repeat line {i + 1}"
    if op < 0.68:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines), f"swap lines {i + 1},{j + 1}"
    if op < 0.76:
        keyed = [i for i, ln in enumerate(lines) if re.match(r"\s*\w+\s*=", ln)]
        if keyed:
            i = _pick(rng, keyed)
            new = _pick(rng, ["key", "type", "label", "options", "when", "required_when", "zzz", "stage", "sections"])
            lines[i] = re.sub(r"^(\s*)\w+", lambda m: m.group(1) + new, lines[i], count=1)
            return "\n".join(lines), f"rename key on line {i + 1} → {new}"
    if op < 0.82:
        i = rng.randrange(len(lines))
        header = _pick(rng, ["[[sections]]", "[[sections.fields]]", "[[reasons]]", "[[signoffs]]", "[print]",
                             "[sections]", "[[print]]"])
        return "\n".join(lines[:i] + [header] + lines[i:]), f"insert {header} at line {i + 1}"
    data, how = mutate_bytes(text.encode("utf-8", "surrogateescape"), rng)
    return data.decode("utf-8", "surrogateescape"), how


def write_text(path: Path, text: str) -> None:
    try:
        path.write_bytes(text.encode("utf-8", "surrogateescape"))  # bytes a mutation put in stay as they were
    except UnicodeEncodeError:
        path.write_bytes(text.encode("utf-8", "surrogatepass"))  # a lone surrogate from a JSON "\ud800"


# ---- the database file ----------------------------------------------------------------------------

def db_digest(db) -> str:
    """SHA-256 of the main database file after moving every committed WAL frame into it."""
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(db.database)
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- running one importer over many files ---------------------------------------------------------

@dataclass
class Tally:
    """What happened to each mutated file; `crashes` are the findings (must stay empty)."""

    name: str
    rejected: int = 0
    imported: int = 0
    crashes: list[str] = field(default_factory=list)
    messages: set[str] = field(default_factory=set)

    def summary(self) -> str:
        return f"{self.name}: {self.rejected} rejected, {self.imported} imported, {len(self.crashes)} crashes"


def attempt(tally: Tally, label: str, action: Callable[[], object], *, db=None, keep: Path | None = None,
            payload: bytes | None = None, suffix: str = "") -> object | None:
    """Run `action`; gwdesk's error with a Chinese message, or success, is fine. Anything else, a
    message without Chinese, or a database file changed by a rejected import is recorded as a crash."""
    before = db_digest(db) if db is not None else None
    try:
        result = action()
    except GwdeskError as e:
        tally.rejected += 1
        msg = getattr(e, "message", str(e))
        if not CJK.search(msg or ""):
            tally.crashes.append(f"{label}: {type(e).__name__} without a Chinese message: {msg!r}")
        tally.messages.add(msg[:80])
        if db is not None and db_digest(db) != before:
            tally.crashes.append(f"{label}: rejected import changed the database file")
        return None
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt):
            raise
        where = traceback.extract_tb(e.__traceback__)[-1]
        saved = ""
        if keep is not None and payload is not None:
            keep.mkdir(parents=True, exist_ok=True)
            target = keep / f"crash-{len(tally.crashes):03d}{suffix}"
            target.write_bytes(payload)
            saved = f" (file kept: {target})"
        tally.crashes.append(f"{label}: {type(e).__name__}: {str(e)[:160]} at {where.filename}:{where.lineno}{saved}")
        return None
    tally.imported += 1
    return result
