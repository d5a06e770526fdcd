"""The 政府信息公开工作年度报告 as a render-model Document, in the 2021 national format (A4 portrait)."""

from __future__ import annotations

from decimal import Decimal

from gwdesk.core.annual_report import spec
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.render.model import Cell, Document, Heading, PageSetup, Para, Spacer, Table, Title

TABLE2_PT = 10.5  # 五号
TABLE34_PT = 9.0  # 小五: table 三 has 10 columns and table 四 15 on a portrait page
T3_WIDTHS = [7.0, 7.0, 50.0] + [13.0] * 7
T4_WIDTHS = [1.0] * 15


def title_text(data: ReportData, unit_name: str) -> str:
    return f"{unit_name}{data.year}年政府信息公开工作年度报告"


def opening_text(data: ReportData, unit_name: str) -> str:
    y = data.year
    return (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开"
            f"工作年度报告格式》（国办公开办函〔2021〕30号）要求，由{unit_name}编制。全文包括总体情况、"
            "主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
            "存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自"
            f"{y}年1月1日起至{y}年12月31日止。")


def fmt_number(v) -> str:
    """A figure as printed: blank while not entered, money without trailing zeros."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        s = format(v, "f")
        if "." in s:
            s = s.rstrip("0").rstrip(".")
        return s or "0"
    return str(v)


def _label(text: str, colspan: int = 1, rowspan: int = 1, align: str = "center", vertical: bool = False) -> Cell:
    return Cell(text, colspan=colspan, rowspan=rowspan, align=align, vertical_text=vertical)


def _num(v, colspan: int = 1) -> Cell:
    return Cell(fmt_number(v), colspan=colspan, align="center")


# Pages break the official tables only between whole rows, the same in PDF and DOCX: table 二 between its
# blocks (a “第二十条第（五）项” row never ends a page without its rows), table 三 only before its 办理结果, table 四
# not at all; a table's first rows stay with its section heading.
def table2(data: ReportData) -> Table:
    rows: list[list[Cell]] = []
    blocks: list[tuple[int, int]] = []
    for block in spec.TABLE2:
        first = len(rows)
        rows.append([_label(block.caption, colspan=4)])
        span = 3 if len(block.fields) == 1 else 1
        rows.append([_label(spec.T2_CONTENT_LABEL)] + [_label(lab, colspan=span) for _, lab in block.fields])
        for item in block.items:
            rows.append([_label(item.label)] + [_num(data.t2(item.key, f), colspan=span) for f, _ in block.fields])
        blocks.append((first, len(rows) - 1))
    return Table(rows, widths=[40.0, 38.0, 38.0, 38.0], font_size_pt=TABLE2_PT, min_row_height_mm=7.0,
                 keep_rows=blocks, split_in_rows=False)


def table3(data: ReportData) -> Table:
    rows: list[list[Cell]] = [
        [_label(spec.T3_CORNER, colspan=3, rowspan=3), _label(spec.T3_APPLICANT, colspan=7)],
        [_label(spec.T3_NATURAL, rowspan=2), _label(spec.T3_LEGAL, colspan=5), _label(spec.T3_TOTAL, rowspan=2)],
        [_label(k) for k in spec.T3_LEGAL_KINDS],
    ]
    n_results = len(spec.T3_RESULT_IDS)
    seen_groups: set[str] = set()
    for r in spec.T3_ROWS:
        nums = [_num(data.t3(r.id, c)) for c in range(7)]
        if r.id in ("1", "2", "4"):
            rows.append([_label(r.label, colspan=3, align="left")] + nums)
            continue
        lead: list[Cell] = []
        if r.id == spec.T3_RESULT_IDS[0]:
            lead.append(_label(spec.T3_RESULT_GROUP, rowspan=n_results, vertical=True))
        if r.group:
            gid = r.id.rsplit(".", 1)[0]
            if gid not in seen_groups:
                seen_groups.add(gid)
                size = sum(1 for x in spec.T3_ROWS if x.group == r.group)
                lead.append(_label(r.group, rowspan=size, vertical=True))
            lead.append(_label(r.label, align="left"))
        else:
            lead.append(_label(r.label, colspan=2, align="left"))
        rows.append(lead + nums)
    # one break at most, before 三、本年度办理结果 (its rows, the 总计 and 四、结转 stay together): the heading, the
    # header and the 新收/结转 rows may end a page rather than leave most of it empty
    results = 3 + sum(1 for r in spec.T3_ROWS if r.id in ("1", "2"))
    return Table(rows, widths=list(T3_WIDTHS), header_rows=3, font_size_pt=TABLE34_PT,
                 keep_rows=[(0, results - 1), (results, len(rows) - 1)], split_in_rows=False)


def table4(data: ReportData) -> Table:
    leaves = list(spec.T4_LEAVES)
    rows = [
        [_label(spec.T4_REVIEW, colspan=5), _label(spec.T4_LITIGATION, colspan=10)],
        [_label(x, rowspan=2) for x in leaves]
        + [_label(spec.T4_GROUP_LABELS["litigation_direct"], colspan=5),
           _label(spec.T4_GROUP_LABELS["litigation_after_review"], colspan=5)],
        [_label(x) for x in leaves + leaves],
        [_num(data.t4(g, c)) for g in spec.T4_GROUP_KEYS for c in range(5)],
    ]
    return Table(rows, widths=list(T4_WIDTHS), header_rows=3, font_size_pt=TABLE34_PT, min_row_height_mm=8.0,
                 keep_rows=[(0, len(rows) - 1)], split_in_rows=False)


TITLE_LINE_CHARS = 20  # full-width characters of 22 pt 小标宋 on one line of the 156 mm 版心


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)


def title_lines(data: ReportData, unit_name: str) -> str:
    """The printed title: unit name on its own line when the whole does not fit one line."""
    text = title_text(data, unit_name)
    if _width(text) > TITLE_LINE_CHARS and unit_name:
        return f"{unit_name}\n{data.year}年政府信息公开工作年度报告"
    return text


def _paras(text: str) -> list[Para]:
    return [Para(line.strip()) for line in (text or "").splitlines() if line.strip()]


def build(data: ReportData, unit_name: str | None = None) -> Document:
    """The whole report; `unit_name` defaults to the unit named in the data."""
    unit = (unit_name or data.unit or "").strip()
    title = title_text(data, unit)
    doc = Document(page=PageSetup(), title=title, author=unit)
    doc.add(Title(title_lines(data, unit)), Para(opening_text(data, unit)))
    doc.add(Heading(spec.SECTIONS[0]), *_paras(data.text.get("overview", "")))
    gap = Spacer(3.0)
    doc.add(Heading(spec.SECTIONS[1]), table2(data), gap)
    doc.add(Heading(spec.SECTIONS[2]), table3(data), gap)
    doc.add(Heading(spec.SECTIONS[3]), table4(data), gap)
    doc.add(Heading(spec.SECTIONS[4]), *_paras(data.text.get("problems", "")))
    doc.add(Heading(spec.SECTIONS[5]), *_paras(data.text.get("other", "")))
    return doc


def cell_refs(table_no: str) -> dict[tuple[int, int], tuple[str, str | int]]:
    """Grid position of every figure in table 二/三/四 → (row key, column) as ReportData addresses it.

    Table 二: (block key, field key); table 三: (row id, column 0–6); table 四: (group key, column 0–4).
    The editor lays out its grids with the same tables and uses this to find the figure under a cell.
    """
    refs: dict[tuple[int, int], tuple[str, str | int]] = {}
    if table_no == "2":
        r = 0
        for block in spec.TABLE2:
            r += 2
            for item in block.items:
                for i, (f, _) in enumerate(block.fields):
                    refs[(r, 1 + i)] = (item.key, f)
                r += 1
    elif table_no == "3":
        for i, rid in enumerate(spec.T3_IDS):
            for c in range(7):
                refs[(3 + i, 3 + c)] = (rid, c)
    elif table_no == "4":
        for gi, g in enumerate(spec.T4_GROUP_KEYS):
            for c in range(5):
                refs[(3, gi * 5 + c)] = (g, c)
    else:
        raise ValueError(table_no)
    return refs


def table_for(table_no: str, data: ReportData) -> Table:
    return {"2": table2, "3": table3, "4": table4}[table_no](data)
