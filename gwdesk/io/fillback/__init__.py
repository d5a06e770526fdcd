"""Report back in the office's own table (填回原表): a copy of the list exactly as the office sent it — title, columns,
merges, widths and fonts untouched — with the unit's progress in its 完成情况 column: the office's own one where the
list has it (完成情况 / 落实情况 / 进展情况 / 工作进展 …, core.tasks.vocabulary.PROGRESS_HEADERS), otherwise a column
added as the last one, drawn like its neighbour.

    report = write(original, out, items, sheet=tl.sheet)          # items: core.tasks.fill_back.items(…)
    same_list(original, items, sheet=tl.sheet)                    # a file the clerk picked: the list's own rows?

Each item carries where its task came from (`source_row`), its text (`task`, `measure`, `seq`), what to write
(`text`) and whether to write it (`write`); rows are found as locate.py says, and a row not found is named, never
guessed at.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from gwdesk.errors import GwdeskError, ImportRejected, os_error_text
from gwdesk.io import zipguard
from gwdesk.io.fillback import docx as docx_fill
from gwdesk.io.fillback import locate
from gwdesk.io.fillback import xlsx as xlsx_fill
from gwdesk.io.tasklist import sniff

ADDED_HEADER = "完成情况"
PARAGRAPHS = "正文段落"  # the sheet name the reader gives a list written as paragraphs (io.tasklist.paragraphs)


@dataclass
class FillReport:
    out: Path
    column: str  # the header of the column written into
    added: bool  # the column was added as the last one
    filled: int = 0  # cells written
    missing: list[str] = field(default_factory=list)  # the unit's tasks not found in the file (none written there)
    notes: list[str] = field(default_factory=list)  # what the copy may not carry over (Chinese, for the clerk)


def refuse(path: Path, reason: str, *, sheet: str = "") -> ImportRejected:
    where = f"（{sheet}）" if sheet and sheet != PARAGRAPHS else ""
    return ImportRejected(f"无法填回“{Path(path).name}”{where}：{reason}", file=str(path), sheet=sheet,
                          problems=[reason])


def label(item) -> str:
    text = item.task or item.measure
    text = text if len(text) <= 24 else text[:24] + "…"
    return f"{item.seq} {text}".strip()


class _Opened:
    """The office's file opened for writing, seen as tables."""

    def __init__(self, path: Path, sheet: str):
        self.path, self.sheet = path, sheet
        if sheet == PARAGRAPHS:
            raise refuse(path, "这份清单是正文段落，没有表格，无法在原表中填写完成情况；请用“导出台账”或“完成情况报告”报送")
        self.kind = sniff.kind(path)
        zipguard.check(path)
        try:
            if self.kind == "xlsx":
                import openpyxl
                self.book = openpyxl.load_workbook(path)
            else:
                import docx
                self.book = docx.Document(str(path))
        except Exception as e:  # openpyxl / python-docx raise many types for broken files
            raise refuse(path, f"文件已损坏或无法打开（{type(e).__name__}）") from None
        if self.kind == "xlsx":
            names = self.book.sheetnames
            if sheet and sheet not in names:
                raise refuse(path, f"没有名为“{sheet}”的工作表（有：{'、'.join(names)}），不是导入时的那份文件")
            self.ws = self.book[sheet] if sheet else self.book.worksheets[0]
            self.tables = [xlsx_fill.table(self.ws)]
            self.start = 0
        else:
            self.tbls = docx_fill.body_tables(self.book)
            if not self.tbls:
                raise refuse(path, "文件中没有表格")
            self.tables = [docx_fill.table(t, i) for i, t in enumerate(self.tbls)]
            n = sheet[2:] if sheet.startswith("表格") else ""
            self.start = int(n) - 1 if n.isdigit() and 0 < int(n) <= len(self.tbls) else 0


def same_list(path: Path, items, *, sheet: str = "") -> None:
    """ImportRejected naming the rows when the file at `path` does not hold every task of the list, in order."""
    path = Path(path)
    opened = _Opened(path, sheet)
    _, missing = locate.locate(opened.tables, items, opened.start)
    if missing:
        shown = "；".join(label(i) for i in missing[:5]) + (f"等{len(missing)}项" if len(missing) > 5 else "")
        raise refuse(path, f"不是这份清单的原表：清单中的{len(missing)}项在文件中找不到（{shown}）", sheet=sheet)


def write(source: Path, out: Path, items, *, sheet: str = "") -> FillReport:
    """Write the items' texts into a copy of `source` saved as `out` (never over `source`)."""
    source, out = Path(source), Path(out)
    if out.exists() and out.resolve() == source.resolve():
        raise GwdeskError("请另存为一个新文件，不要覆盖下发单位的原表")
    opened = _Opened(source, sheet)
    if out.suffix.lower() != f".{opened.kind}":
        raise GwdeskError(f"原表是 .{opened.kind} 文件，填好的文件也应保存为 .{opened.kind}（“{out.name}”）")
    places, missing = locate.locate(opened.tables, items, opened.start)
    if not places:
        raise refuse(source, "文件中找不到这份清单的任何一项任务，不是导入时的那份文件", sheet=sheet)
    by_table: dict[int, list[int]] = {}
    for p in places.values():
        by_table.setdefault(p.table, []).append(p.row)
    first_table = min(by_table)
    t0 = opened.tables[first_table]
    band0 = locate.header_band(t0, min(by_table[first_table]))
    column, header = locate.progress_column(t0, band0)
    added = column is None
    if added and not band0:
        raise refuse(source, "找不到原表的表头，无法确定在哪一列填写完成情况", sheet=sheet)
    tmp = out.with_name(f".{out.stem}.part{out.suffix}")  # written whole, then put in place
    try:
        if opened.kind == "xlsx":
            filled = _write_xlsx(opened, items, places, by_table[0], band0, column)
        else:
            filled = _write_docx(opened, items, places, by_table, column)
        opened.book.save(str(tmp))
        tmp.replace(out)
    except OSError as e:
        raise GwdeskError(f"无法保存“{out}”：{os_error_text(e)}") from None
    except GwdeskError:
        raise
    except Exception as e:  # openpyxl / python-docx on a file they read but cannot write back: said, not a traceback
        raise refuse(source, f"无法在原表上填写（{type(e).__name__}）", sheet=sheet) from None
    finally:
        tmp.unlink(missing_ok=True)
    unwritten = [i for i in items if i.write and i.text and id(i) not in places]  # not found, or no cell to take it
    return FillReport(out, ADDED_HEADER if added else header, added, filled, [label(i) for i in unwritten],
                      _notes(source, opened.kind))


def _notes(source: Path, kind: str) -> list[str]:
    """openpyxl keeps cells, styles, merges, widths, comments, page setup, pictures and charts, but not shapes (text
    boxes, lines, a drawn seal): a workbook holding any is said to the clerk rather than losing them unseen."""
    if kind != "xlsx":
        return []
    import re
    import zipfile
    shape = re.compile(rb"<(?:\w+:)?(?:sp|grpSp|cxnSp)[\s>]")
    with zipfile.ZipFile(source) as z:
        for n in z.namelist():
            if n.startswith("xl/drawings/drawing") and n.endswith(".xml") and shape.search(z.read(n)):
                return ["原表中有文本框、线条等图形，填好的副本中不会保留（图片和图表会保留），请在 Excel 或 WPS 中核对后报送"]
    return []


def _texts(items, places, keyfn) -> dict:
    """target cell → the items written there (several tasks under one merged 完成情况 cell share it)."""
    out: dict = {}
    for item in items:
        p = places.get(id(item))
        if p is None or not item.write or not item.text:
            continue
        key = keyfn(p)
        if key is None:  # a row with no cell in that column (a short Word row): said, not dropped
            places.pop(id(item))
            continue
        out.setdefault(key, []).append(item)
    return out


def _joined(group) -> str:
    if len(group) == 1:
        return group[0].text
    return "\n".join(f"{i.seq}. {i.text}" if i.seq else i.text for i in group)


def _write_xlsx(o: _Opened, items, places, rows: list[int], band: list[int], column: int | None) -> int:
    ws = o.ws
    if column is None:
        first = band[0] + 1
        last = max(rows) + 1
        for rng in ws.merged_cells.ranges:  # a task's last row may carry on below, merged
            if rng.min_row <= last <= rng.max_row:
                last = max(last, rng.max_row)
        repeats = locate.repeated_header(o.tables[0], band, band[-1])
        col = xlsx_fill.add_column(ws, [r + 1 for r in band], first, last, ADDED_HEADER,
                                   tuple(r + 1 for r in repeats if r + 1 <= last))
    else:
        col = column + 1
    merges = xlsx_fill.Merges(ws)
    groups = _texts(items, places, lambda p: xlsx_fill.top_left(ws, merges, p.row + 1, col).coordinate)
    for coord, group in groups.items():
        cell = ws[coord]
        xlsx_fill.write(ws, merges, cell.row, cell.column, _joined(group))
    return len(groups)


def _write_docx(o: _Opened, items, places, by_table: dict[int, list[int]], column: int | None) -> int:
    cols: dict[int, int] = {}
    for ti, rows in sorted(by_table.items()):
        if column is None:
            band = locate.header_band(o.tables[ti], min(rows))
            repeats = locate.repeated_header(o.tables[ti], band, band[-1]) if band else ()
            cols[ti] = docx_fill.add_column(o.book, o.tbls[ti], band, ADDED_HEADER, repeats)
        else:
            cols[ti] = column
    cells: dict[int, object] = {}

    def key(p):
        tc = docx_fill.target_cell(o.tbls[p.table], p.row, cols[p.table])
        if tc is None:
            return None
        cells[id(tc)] = tc
        return id(tc)

    groups = _texts(items, places, key)
    for k, group in groups.items():
        tc = cells[k]
        tr = tc.getparent()
        tcs = tr.findall(docx_fill.W + "tc")
        at = tcs.index(tc)
        docx_fill.set_text(tc, _joined(group), like=tcs[at - 1] if at else None)
    return len(groups)
