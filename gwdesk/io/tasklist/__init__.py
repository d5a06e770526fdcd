"""Task lists (任务清单 / 任务分解表) from .xlsx sheets and .docx tables (or .docx paragraphs naming each item's
牵头/责任单位, no table at all), as offices really make them.

    sheets = list_sheets(path)                 # several → the caller picks one
    parsed = read(path, sheet="任务清单")       # core's ParsedList; parsed.needs_mapping → ask the clerk
    parsed.guesses                             # each column's field, confidence and why
    parsed = read(path, sheet=..., mapping={0: "seq", 1: "task", ...}, header_row=3)

Bad files raise gwdesk.errors.ImportRejected naming the file and the reason.

The stages, in order (STAGES), each a function with its own tests (tests/test_tasklist_<stage>.py):
sniff (sniff.kind) → grid (xlsx/docx read_grids; paragraphs.paragraph_grid for text) → header (header.find_header,
header.propose with its fix-up passes header.PASSES) → row kinds (rows.row_kinds) → fields (fields.FieldReader.read) →
units and roles (units.roles) → deadlines (core.tasks.deadlines) → matching (core.tasks.matching). The words
they go by are core/tasks/vocabulary.py; the thresholds io/tasklist/settings.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gwdesk.core.tasks import deadlines
from gwdesk.core.tasks.matching import Matcher
from gwdesk.errors import ImportRejected
from gwdesk.io import zipguard
from gwdesk.io.tasklist import sniff
from gwdesk.io.tasklist.fields import FieldReader
from gwdesk.io.tasklist.grid import Grid
from gwdesk.io.tasklist.paragraphs import paragraph_grid, sheet_lines
from gwdesk.io.tasklist.rows import row_kinds
from gwdesk.io.tasklist.settings import SETTINGS
from gwdesk.io.tasklist.table import (
    FIELD_LABELS,
    FIELDS,
    ParsedList,
    ParsedTask,
    find_header,
    parse_grid,
    split_units,
)
from gwdesk.io.tasklist.units import roles

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "ParsedList",
    "ParsedTask",
    "SheetChoiceNeeded",
    "SheetInfo",
    "list_sheets",
    "read",
    "split_units",
]


class SheetChoiceNeeded(ImportRejected):
    """The workbook holds several sheets with content; `sheets` lists them for the clerk to pick."""

    def __init__(self, message: str, *, file: str, sheets: list[SheetInfo]):
        super().__init__(message, file=file)
        self.sheets = sheets


@dataclass
class SheetInfo:
    name: str
    rows: int
    has_header: bool  # the header words were found: most likely the task list


def _grids(path: Path) -> list[Grid]:
    path = Path(path)
    kind = sniff.kind(path)
    zipguard.check(path)
    if kind == "xlsx":
        from gwdesk.io.tasklist import xlsx
        grids = xlsx.read_grids(path)
        if all(g.is_empty() for g in grids):
            raise sniff.reject(path, "工作簿是空的，没有任何内容")
        grids = [_as_paragraphs(g) for g in grids]
    else:
        from gwdesk.io.tasklist import docx
        grids = docx.read_grids(path)
        if not grids:
            raise sniff.reject(path, "文件中没有表格，任务清单应是 Word 表格")
    return grids


def _as_paragraphs(g: Grid) -> Grid:
    """A sheet holding a list typed one paragraph a row (“（一）…（牵头单位：…）”), no table: read as paragraphs."""
    if g.is_empty() or find_header(g) is not None:
        return g
    lines = sheet_lines(g)
    text = paragraph_grid(lines) if lines else None
    if text is None:
        return g
    text.name = g.name
    return text


def _info(g: Grid) -> SheetInfo:
    return SheetInfo(g.name, sum(1 for r in g.rows if any(r)), find_header(g) is not None)


# the stages in order, each a function with its own tests
STAGES = (
    ("sniff", sniff.kind),
    ("grid", _grids),
    ("header", find_header),
    ("row kinds", row_kinds),
    ("fields", FieldReader.read),
    ("units and roles", roles),
    ("deadlines", deadlines.parse),
    ("matching", Matcher.match),
)


def list_sheets(path: Path) -> list[SheetInfo]:
    """Sheets (or Word tables, named 表格1…) that have content."""
    return [_info(g) for g in _grids(path) if not g.is_empty()]


def read(path: Path, sheet: str | None = None, *, mapping: dict[int, str | None] | None = None,
         header_row: int | None = -1, row_fixes: dict[int, str] | None = None,
         unit_fixes: dict[int, tuple[list[str], list[str]]] | None = None) -> ParsedList:
    """Parse one sheet/table. Without `sheet`, a file with one candidate is read; several → SheetChoiceNeeded."""
    path = Path(path)
    grids = [g for g in _grids(path) if not g.is_empty()]
    if sheet is not None:
        chosen = next((g for g in grids if g.name == sheet), None)
        if chosen is None:
            names = "、".join(g.name for g in grids) or "（无）"
            raise sniff.reject(path, f"没有名为“{sheet}”的工作表（有：{names}）")
    elif len(grids) == 1:
        chosen = grids[0]
    else:
        infos = [_info(g) for g in grids]
        names = "、".join(i.name for i in infos)
        raise SheetChoiceNeeded(f"“{path.name}”包含多个工作表（{names}），请选择要导入的一个",
                                file=str(path), sheets=infos)
    zipguard.refuse_formulas(path, chosen.name)
    parsed = parse_grid(chosen, file=str(path), file_stem=path.stem, mapping=mapping, header_row=header_row,
                        row_fixes=row_fixes, unit_fixes=unit_fixes)
    if chosen.from_paragraphs and mapping is None:  # read from the text, not a table: the clerk confirms
        parsed.needs_mapping = True
        parsed.reasons.insert(0, "文件中没有表格，已按正文段落读取（每段一项，括号内或下一行写明的牵头单位、责任单位），请核对")
        for g in parsed.guesses:  # units picked out of sentences: those columns are the ones to check
            if g.field in ("lead", "resp") and not g.uncertain:
                g.confidence = SETTINGS.flagged_confidence
                g.why = f"第{g.column + 1}列“{g.header}”是从正文句子里读出的单位，请核对"
    if parsed.header_row is None and mapping is None and (chosen.ncols < 2 or not parsed.tasks):
        raise sniff.reject(path, "没有找到任务表格（缺少“工作任务”“牵头单位”等表头）", sheet=chosen.name)
    if not parsed.tasks:
        if parsed.header_row is None and mapping is None:
            raise sniff.reject(path, "没有找到任务表格（缺少“工作任务”“牵头单位”等表头）", sheet=chosen.name)
        if mapping is None and not parsed.needs_mapping:
            raise sniff.reject(path, "表头下面没有任务行", sheet=chosen.name)
    return parsed
