"""The report layout as a render model: title, headings, and every label, span and number of the tables."""

from decimal import Decimal

from report_helpers import fixture

from gwdesk.core.annual_report import spec
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.render.layouts import annual_report as ar
from gwdesk.render.model import Heading, Para, Table, Title, cell_text, grid


def _tables(doc):
    return [b for b in doc.blocks if isinstance(b, Table)]


def _at(table):
    return {(r, c): cell for r, c, cell in grid(table)}


def expected_t3_cells(data):
    """(row, col) → (text, rowspan, colspan) of table 三 as the 2021 format draws it."""
    exp = {(0, 0): (spec.T3_CORNER, 3, 3), (0, 3): ("申请人情况", 1, 7), (1, 3): ("自然人", 2, 1),
           (1, 4): ("法人或其他组织", 1, 5), (1, 9): ("总计", 2, 1)}
    for i, k in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        exp[(2, 4 + i)] = (k, 1, 1)
    exp[(5, 0)] = ("三、本年度办理结果", 22, 1)
    groups = {"3.3": (7, 8), "3.4": (15, 3), "3.5": (18, 5), "3.6": (23, 3)}  # first grid row, size
    for gid, (row, size) in groups.items():
        exp[(row, 1)] = (spec.T3_SUBGROUPS[gid], size, 1)
    for i, rid in enumerate(spec.T3_IDS):
        r = 3 + i
        if rid in ("1", "2", "4"):
            exp[(r, 0)] = (spec.T3_LABELS[rid], 1, 3)
        elif rid.count(".") == 2:
            exp[(r, 2)] = (spec.T3_LABELS[rid], 1, 1)
        else:
            exp[(r, 1)] = (spec.T3_LABELS[rid], 1, 2)
        for c in range(7):
            v = data.t3(rid, c)
            exp[(r, 3 + c)] = ("" if v is None else str(v), 1, 1)
    return exp


def expected_t4_cells(data):
    leaves = list(spec.T4_LEAVES)
    exp = {(0, 0): ("行政复议", 1, 5), (0, 5): ("行政诉讼", 1, 10),
           (1, 5): ("未经复议直接起诉", 1, 5), (1, 10): ("复议后起诉", 1, 5)}
    for i, lab in enumerate(leaves):
        exp[(1, i)] = (lab, 2, 1)
        exp[(2, 5 + i)] = (lab, 1, 1)
        exp[(2, 10 + i)] = (lab, 1, 1)
    for gi, g in enumerate(spec.T4_GROUP_KEYS):
        for c in range(5):
            exp[(3, gi * 5 + c)] = (str(data.t4(g, c)), 1, 1)
    return exp


def expected_t2_cells(data):
    exp, r = {}, 0
    for block in spec.TABLE2:
        exp[(r, 0)] = (block.caption, 1, 4)
        span = 3 if len(block.fields) == 1 else 1
        exp[(r + 1, 0)] = ("信息内容", 1, 1)
        for i, (_, lab) in enumerate(block.fields):
            exp[(r + 1, 1 + i)] = (lab, 1, span)
        r += 2
        for item in block.items:
            exp[(r, 0)] = (item.label, 1, 1)
            for i, (f, _) in enumerate(block.fields):
                exp[(r, 1 + i)] = (ar.fmt_number(data.t2(item.key, f)), 1, span)
            r += 1
    return exp


def _as_expected(table):
    return {pos: (cell_text(cell), cell.rowspan, cell.colspan) for pos, cell in _at(table).items()}


def test_title_opening_and_sections():
    d = fixture()
    doc = ar.build(d, "青川县民政局")
    assert doc.title == "青川县民政局2025年政府信息公开工作年度报告"
    title = doc.blocks[0]
    assert isinstance(title, Title) and title.text.replace("\n", "") == doc.title
    assert isinstance(doc.blocks[1], Para) and "国办公开办函〔2021〕30号" in doc.blocks[1].content
    assert "2025年1月1日起至2025年12月31日止" in doc.blocks[1].content
    assert [b.text for b in doc.blocks if isinstance(b, Heading)] == spec.SECTIONS
    assert not doc.page.landscape and (doc.page.width_mm, doc.page.height_mm) == (210.0, 297.0)
    # narrative text follows its heading, one paragraph per line
    i = [k for k, b in enumerate(doc.blocks) if isinstance(b, Heading)][0]
    assert doc.blocks[i + 1].content.startswith("2025年，青川县民政局")


def test_short_title_stays_on_one_line():
    assert ar.build(ReportData(year=2025), "某某镇").blocks[0].text == "某某镇2025年政府信息公开工作年度报告"


def test_tables_follow_their_headings():
    doc = ar.build(fixture())
    for section, n_cols in ((1, 4), (2, 10), (3, 15)):
        k = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text == spec.SECTIONS[section])
        assert isinstance(doc.blocks[k + 1], Table) and doc.blocks[k + 1].ncols == n_cols


def test_table2_labels_spans_numbers():
    d = fixture()
    t2 = _tables(ar.build(d))[0]
    assert _as_expected(t2) == expected_t2_cells(d)
    assert _at(t2)[(3, 3)].align == "center" and cell_text(_at(t2)[(3, 3)]) == "18"


def test_table3_labels_spans_numbers():
    d = fixture()
    t3 = _tables(ar.build(d))[1]
    assert t3.header_rows == 3 and len(t3.rows) == 3 + 25
    assert _as_expected(t3) == expected_t3_cells(d)
    at = _at(t3)
    assert at[(5, 0)].vertical_text and at[(7, 1)].vertical_text
    assert all(at[(r, c)].align == "center" for r in range(3, 28) for c in range(3, 10))


def test_table4_labels_spans_numbers():
    d = fixture()
    t4 = _tables(ar.build(d))[2]
    assert _as_expected(t4) == expected_t4_cells(d)


def test_not_entered_prints_blank_not_zero():
    d = fixture()
    del d.table3["3.3.1"]
    d.table2["fees"] = {"amount_wan_yuan": None}
    d.table2["penalty"]["decisions"] = 0
    t2, t3, _ = _tables(ar.build(d))
    assert cell_text(_at(t3)[(7, 3)]) == ""  # 3.3.1 is grid row 7
    assert cell_text(_at(t2)[(13, 1)]) == ""
    assert cell_text(_at(t2)[(9, 1)]) == "0"


def test_money_format():
    assert ar.fmt_number(Decimal("12.3400")) == "12.34"
    assert ar.fmt_number(Decimal(0)) == "0" and ar.fmt_number(None) == "" and ar.fmt_number(7) == "7"


def test_cell_refs_point_at_the_printed_figures():
    d = fixture()
    d.table3["3.5.2"] = [1, 2, 3, 4, 5, 6, 21]
    d.table4["litigation_after_review"] = [5, 6, 7, 8, 26]
    for no, getter in (("2", d.t2), ("3", d.t3), ("4", d.t4)):
        at = _at(ar.table_for(no, d))
        refs = ar.cell_refs(no)
        assert len(refs) == {"2": 10, "3": 175, "4": 15}[no]
        for pos, (row, col) in refs.items():
            assert cell_text(at[pos]) == ar.fmt_number(getter(row, col)), (no, pos)
