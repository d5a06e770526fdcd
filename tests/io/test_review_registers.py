"""Registers (公开信息登记表, 不予公开政府信息登记表) by month and year: core gathers, io writes; the demo forms."""

from __future__ import annotations

from locations import TESTS

import copy
import json
from pathlib import Path

from openpyxl import load_workbook

import pytest

from gwdesk.core.review import demo, forms, registers, reminders, stats, workflow
from gwdesk.errors import GwdeskError
from gwdesk.io import review_registers
from xlsx_print import assert_prints_across_one_page, needs_libreoffice

pytestmark = pytest.mark.both_engines("slow")  # SQLite every day; PostgreSQL in CI's slow stage

SAMPLE = json.loads((TESTS / "fixtures/review/sample_form.json").read_text("utf-8"))


def export(year, path, unit="", month=None):
    return review_registers.write_registers(registers.gather(year, month, unit), path)


def approved(ctx, **changes):
    v = copy.deepcopy(SAMPLE["values"])
    v.update(changes)
    f = forms.create(ctx, v, copy.deepcopy(SAMPLE["signoffs"]))
    workflow.transition(f.id, "submit")
    return workflow.transition(f.id, "approve")


def test_registers_split_by_attribute_with_reasons(ctx, tmp_path):
    a = approved(ctx)
    b = approved(ctx, title="关于局机关考勤管理的通知", attribute="不予公开", reasons=["art16_internal"], channels=[],
                 column=None, planned_date=None, summary="")
    c = approved(ctx, title="关于上报低保抽查名单的函", attribute="删减后公开", reasons=["art15_third", "other"],  # “other”: an older form
                 other_basis="《社会救助暂行办法》第六十六条", withheld_content="名单中的身份证号码")
    forms.create(ctx, dict(SAMPLE["values"], title="草稿不登记"))
    out = export(2026, tmp_path / "reg.xlsx", unit="青川县民政局")
    wb = load_workbook(out)
    assert wb.sheetnames == ["公开信息登记表", "不予公开政府信息登记表"]
    op, wh = wb["公开信息登记表"], wb["不予公开政府信息登记表"]
    assert op["A1"].value == "青川县民政局2026年度公开信息登记表"
    assert [c.value for c in op[2]][:4] == ["序号", "编号", "文件标题", "发文字号"]
    assert [r[1] for r in op.iter_rows(min_row=3, values_only=True)] == [a.number, c.number]
    assert op["H3"].value == SAMPLE["values"]["summary"]  # 内容描述
    assert op["J3"].value == "政府网站、政务新媒体"
    rows = list(wh.iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in rows] == [b.number, c.number]
    assert rows[0][8] == "全文" and "第十六条第一款（内部事务信息）" in rows[0][9]
    assert "内部事务信息" in rows[0][10]
    assert rows[1][8] == "名单中的身份证号码"
    # an older form's “其他法定理由” reads as 条例第十四条 法律、行政法规禁止公开, with the law and article named
    assert "第十四条（法律、行政法规禁止公开：《社会救助暂行办法》第六十六条）" in rows[1][9]


def test_registers_are_formula_injection_safe(ctx, tmp_path):
    approved(ctx, title="=HYPERLINK(\"http://evil\",\"点我\")", column="+cmd|' /C calc'!A0",
             drafter="@SUM(1)")
    wb = load_workbook(export(2026, tmp_path / "r.xlsx"))
    ws = wb["公开信息登记表"]
    assert ws["C3"].value.startswith("'=HYPERLINK")
    assert ws["L3"].value.startswith("'+cmd")  # 公开栏目 stands in for the 网址 until published
    assert ws["C3"].data_type == "s"


def test_other_year_is_empty(ctx, tmp_path):
    approved(ctx)
    wb = load_workbook(export(2025, tmp_path / "r.xlsx"))
    assert wb["公开信息登记表"].max_row == 2


def test_demo_forms_cover_every_status(ctx, profile):
    demo.load(ctx)
    counts = {}
    for y in forms.years():
        for k, n in forms.counts_by_status(y).items():
            counts[k] = counts.get(k, 0) + n
    assert sum(counts.values()) == 25
    assert all(counts[s] >= 2 for s in forms.STATUSES), counts
    assert workflow.last_return_reason(next(r.id for r in forms.list_forms(status="草稿")
                                            if workflow.last_return_reason(r.id)))
    assert [r.severity for r in reminders.collect(ctx)].count("overdue") == 2
    assert stats.normative_docs_issued(2026) >= 3


def test_on_request_document_is_in_no_withheld_register(ctx, tmp_path):
    """依申请公开 end to end, register side: listed as 依申请公开 with its reason, never as 不予公开."""
    r = approved(ctx, title="关于同意某养老服务中心变更登记事项的批复", attribute="依申请公开", reasons=[],
                 request_reasons=["req_specific"], channels=[], column=None, planned_date=None, scope=None,
                 time_limit=None, summary="同意该中心变更法定代表人。")
    regs = registers.gather(2026)
    assert regs.withheld_rows == []
    assert [(x.number, x.attribute) for x in regs.open_rows] == [(r.number, "依申请公开")]
    assert regs.open_rows[0].note == "依申请公开：仅涉及特定对象"
    wb = load_workbook(export(2026, tmp_path / "r.xlsx"))
    assert wb["不予公开政府信息登记表"].max_row == 2
    assert "不予公开" not in "".join(str(c) for c in next(wb["公开信息登记表"].iter_rows(min_row=3, values_only=True)))


def test_month_register_by_document_date(ctx, tmp_path):
    approved(ctx)  # 成文 2026-11-10
    oct_form = approved(ctx, title="十月的通知", doc_date="2026-10-09", planned_date="2026-10-12",
                        fill_date="2026-10-09")
    assert [r.number for r in registers.gather(2026, 10).open_rows] == [oct_form.number]
    assert len(registers.gather(2026, 11).open_rows) == 1
    assert len(registers.gather(2026).open_rows) == 2
    wb = load_workbook(export(2026, tmp_path / "m.xlsx", unit="青川县民政局", month=10))
    assert wb["公开信息登记表"]["A1"].value == "青川县民政局2026年10月公开信息登记表"
    with pytest.raises(GwdeskError, match="月份"):
        registers.gather(2026, 13)


def test_registers_cli_month(ctx, tmp_path, capsys):
    from gwdesk.cli import main
    approved(ctx)
    out = tmp_path / "cli.xlsx"
    assert main(["review", "registers", "--year", "2026", "--month", "11", "--out", str(out)]) == 0
    assert load_workbook(out)["公开信息登记表"].max_row == 3


@needs_libreoffice
def test_registers_print_one_page_wide_with_the_head_on_every_page(ctx, profile, tmp_path):
    demo.load(ctx)
    out = export(2026, tmp_path / "demo.xlsx", unit="青川县民政局")
    wb = load_workbook(out)
    assert wb["公开信息登记表"].print_title_rows.replace("$", "") == "2:2" and wb["公开信息登记表"].page_setup.fitToWidth == 1
    assert_prints_across_one_page(out, ("序号", "状态"), ("序号", "审定状态"))


def _long_registers() -> registers.Registers:
    """Rows as clerks fill them: long 内容描述 and 理由说明, long URLs without spaces, 网址或位置 as a path;
    every cell's text differs from every other's, so a cut cell cannot hide behind a whole twin."""
    desc = ("明确城乡居民最低生活保障标准调整的范围、测算方法、资金保障渠道和发放时间，要求各乡镇在收到申请后"
            "5个工作日内完成入户调查并公示，公示期满无异议的报县民政局审批。")
    open_rows, withheld = [], []
    for i in range(1, 15):
        open_rows.append(registers.OpenRow(
            number=f"2026-{i:03d}", title=f"关于印发《青川县民政局第{i}号政府信息公开工作制度（修订）》的通知",
            doc_number=f"青民发〔2026〕{i}号", dept="社会救助股", doc_date=f"2026-03-{i:02d}", attribute="主动公开",
            description=f"第{i}件：" + desc * (1 + i % 2), scope="社会公众", channels="政府网站、政务新媒体、公开栏",
            column="", planned_date="", published_date=f"2026-04-{i:02d}",
            url=(f"http://www.cnqc.gov.cn/zwgk/gkml/mzj/zcwj/202604/t202604{i:02d}_{i}12345.html" if i % 3
                 else f"政府网站>政府信息公开>法定主动公开内容>政策文件>部门文件（第{i}件）"),
            normative=i % 2 == 0, interpretation=f"同步发布图解和答记者问（第{i}件）" if i % 2 else "",
            note="", status="已公开"))
    for i in range(1, 7):
        withheld.append(registers.WithheldRow(
            number=f"2026-1{i:02d}", title=f"关于上报第{i}批低保抽查名单的函", doc_number="", dept="社会救助股",
            doc_date=f"2026-05-{i:02d}", attribute="删减后公开", description=f"第{i}批：" + desc,
            withheld=f"名单中第{i}批人员的身份证号码和银行账号",
            articles=f"《中华人民共和国政府信息公开条例》第十五条（第三方合法权益，第{i}项）",
            sentences=f"第{i}批名单涉及个人隐私，公开后可能损害第三方合法权益，且第三方不同意公开。" * (1 + i % 2),
            status="已审定"))
    return registers.Registers(unit="青川县民政局", year=2026, month=None, open_rows=open_rows,
                               withheld_rows=withheld)


def test_register_rows_are_as_tall_as_their_wrapped_text(tmp_path):
    """Without LibreOffice: each row's height covers the lines its tallest cell wraps to in its column."""
    from openpyxl.utils import get_column_letter

    from gwdesk.io.xlsx_layout import LINE_PT, lines_needed

    out = review_registers.write_registers(_long_registers(), tmp_path / "reg.xlsx")
    for ws in load_workbook(out).worksheets:
        widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
        for r in range(3, ws.max_row + 1):
            cells = [c.value for c in ws[r]]
            need = max(lines_needed(v, w) for v, w in zip(cells, widths))
            assert need > 1 or r == 3  # the long texts do wrap
            assert ws.row_dimensions[r].height >= need * LINE_PT, (ws.title, r)
        # a 62-character URL in a 网址 column breaks at its slashes into several lines, counted as such
        url_col = [c.value for c in ws[2]].index("网址或位置") + 1 if ws.title == "公开信息登记表" else None
        if url_col:
            assert lines_needed(ws.cell(3, url_col).value, widths[url_col - 1]) >= 4


@needs_libreoffice
def test_registers_print_every_cell_whole(tmp_path):
    """Printed through LibreOffice, no cell is cut at its row's bottom: every cell's whole text is in the PDF's
    text (LibreOffice leaves out a line that falls below the cell), on A4 landscape pages."""
    from xlsx_print import pages, raw_text, to_pdf

    regs = _long_registers()
    out = review_registers.write_registers(regs, tmp_path / "reg.xlsx")
    pdf = to_pdf(out)
    text = raw_text(pdf)
    wb = load_workbook(out)
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows(min_row=3) for c in row
             if c.value not in (None, "")]
    assert len(cells) > 250
    missing = [v for v in cells if "".join(v.split()) not in text]
    assert missing == []
    assert all(abs(w - 841.9) < 2 and abs(h - 595.3) < 2 for w, h, _t in pages(pdf))
