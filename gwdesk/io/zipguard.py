"""Checks on an xlsx/docx zip before any parser opens it: expansion limits (zip bombs) and formula cells
that carry no computed value.

A zip member's header states its uncompressed size; a liar is caught while reading (zipfile checks the
size and CRC as it inflates), so the declared sizes are checked first and the bytes are read in bounded
chunks only when a member must be looked into.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from gwdesk.errors import ImportRejected

MAX_MEMBER = 64 * 1024 * 1024    # one XML part: beyond a 100,000-row ledger sheet (~40 MB)
MAX_TOTAL = 128 * 1024 * 1024    # all parts together (openpyxl needs ~2× this in objects)
MAX_RATIO = 150                  # uncompressed / compressed for any part over 1 MB (real parts: 5–40)
MAX_MEMBERS = 10_000
MAX_SHARED_STRINGS = 1_000_000   # each becomes a Python object in openpyxl (~80 B): 80 MB at most
_RATIO_FLOOR = 1024 * 1024


def _refuse(path: Path, reason: str) -> ImportRejected:
    return ImportRejected(f"无法导入“{path.name}”：{reason}。文件可能已损坏或被恶意构造，请向发送方重新索取。",
                          file=path.name)


def check(path: str | Path) -> None:
    """Raise ImportRejected (naming the file) when the zip would expand past the limits; not a zip: no-op
    (the parser that follows gives its own message)."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, UnicodeDecodeError):
        return
    if len(infos) > MAX_MEMBERS:
        raise _refuse(path, f"压缩包内有{len(infos)}个部件，超过{MAX_MEMBERS}个的上限")
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > MAX_MEMBER:
            raise _refuse(path, f"其中“{info.filename[:60]}”解压后有{size // 2**20} MB，超过{MAX_MEMBER // 2**20} MB的上限")
        if size > _RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(path, f"其中“{info.filename[:60]}”的压缩比异常（{size // max(info.compress_size, 1)}倍，"
                                f"正常文件不超过{MAX_RATIO}倍）")
        if total > MAX_TOTAL:
            raise _refuse(path, f"解压后总计超过{MAX_TOTAL // 2**20} MB的上限")
    shared = next((i for i in infos if i.filename.lower().endswith("sharedstrings.xml")), None)
    if shared is not None and shared.file_size > MAX_SHARED_STRINGS * 8:  # fewer bytes cannot hold that many
        n = _count_strings(path, shared)
        if n > MAX_SHARED_STRINGS:
            raise _refuse(path, f"共享字符串表有{n}条以上，超过{MAX_SHARED_STRINGS}条的上限")


def _count_strings(path: Path, info: zipfile.ZipInfo) -> int:
    """About how many <si> entries the shared-strings part holds, read in 1 MB pieces (stops past the limit).

    Each entry is <si>…</si> (any namespace prefix) or <si/>: "si>" twice, or "si/>" once; bytes.count
    keeps this at memory speed (a regex over 60 MB takes seconds)."""
    halves = empty = 0
    tail = b""
    try:
        with zipfile.ZipFile(path) as z, z.open(info) as f:
            while halves // 2 + empty <= MAX_SHARED_STRINGS:
                chunk = f.read(1 << 20)
                if not chunk:
                    break
                data = tail + chunk
                halves += data.count(b"si>") - tail.count(b"si>")
                empty += data.count(b"si/>") - tail.count(b"si/>")
                tail = data[-3:]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return 0  # the parser that follows reports the damage
    return halves // 2 + empty


# ---- formula cells without a cached value ------------------------------------------------------

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3}\d{1,7})"')
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]|<(?:\w+:)?is>")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"|'
                    rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"|'
                  rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


def _unescape(b: bytes) -> str:
    return (b.decode("utf-8", "replace").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Zip member name of each worksheet -> its title."""
    try:
        wb = z.read("xl/workbook.xml")
        rels = z.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for m in _REL.finditer(rels):
        rid, target = (m[1], m[2]) if m[1] is not None else (m[4], m[3])
        t = _unescape(target)
        t = t.lstrip("/") if t.startswith("/") else str(PurePosixPath("xl") / t)
        targets[rid] = t
    out = {}
    for m in _SHEET.finditer(wb):
        name, rid = (m[1], m[2]) if m[1] is not None else (m[4], m[3])
        if rid in targets:
            out[targets[rid]] = _unescape(name)
    return out


def formulas_without_values(path: str | Path, sheet: str | None = None) -> list[tuple[str, str]]:
    """(sheet title, cell ref) of every formula cell with no cached result (a file written by a program
    that never calculated it: openpyxl, some exporters). Reading with data_only gives such cells as empty."""
    found: list[tuple[str, str]] = []
    try:
        with zipfile.ZipFile(path) as z:
            for part, title in _sheet_parts(z).items():
                if sheet is not None and title != sheet:
                    continue
                try:
                    xml = z.read(part)
                except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
                    continue
                if not _FORMULA.search(xml):
                    continue
                for m in _CELL.finditer(xml):
                    body = m[2] or b""
                    if _FORMULA.search(body) and not _VALUE.search(body):
                        ref = _REF.search(m[1])
                        found.append((title, ref[1].decode() if ref else "?"))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, UnicodeDecodeError):
        return found
    return found


def formula_message(file: str, cells: list[tuple[str, str]]) -> str:
    """One Chinese message naming the file and the first cells."""
    shown = "、".join(f"工作表“{s}”{ref}" for s, ref in cells[:10]) + ("等" if len(cells) > 10 else "")
    return (f"“{file}”中有{len(cells)}个公式单元格没有计算结果（{shown}），导入会把它们当成空白。"
            "请在 Excel 或 WPS 中打开该文件、保存后再导入，或把公式改为数值。")


def refuse_formulas(path: str | Path, sheet: str | None = None) -> None:
    """ImportRejected naming each formula cell without a computed value in `sheet` (all sheets: None)."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    cells = formulas_without_values(path, sheet)
    if cells:
        raise ImportRejected(formula_message(path.name, cells), file=path.name, sheet=cells[0][0],
                             problems=[f"工作表“{s}”单元格{ref}：公式没有计算结果" for s, ref in cells])
