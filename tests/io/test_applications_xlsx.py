"""Ledger xlsx import (header detection, mapping, all-or-nothing, row messages) and export (masked, safe)."""

import datetime as dt

import openpyxl
import pytest

from applications_support import actx  # noqa: F401
from xlsx_print import needs_libreoffice
from gwdesk.core.applications import demo, ledger
from gwdesk.errors import ImportRejected
from gwdesk.io import ledger_xlsx as lx
from gwdesk.store.applications_models import Application

pytestmark = pytest.mark.both_engines("slow")  # SQLite every day; PostgreSQL in CI's slow stage

D = dt.date
HEADERS = ["序号", "申请日期", "申请方式", "申请人类别", "申请人", "身份证号", "联系电话", "申请公开内容",
           "答复日期", "答复结果", "答复文号", "备注"]
GOOD = [
    ["2025-001", D(2025, 3, 3), "网上", "个人", "王建国", "11010519491231002X", "13812345678",
     "2024年低保资金发放明细", "2025/3/20", "予以公开", "青民依申复〔2025〕1号", ""],
    ["2025-002", "2025年4月1日", "信函", "律师事务所", "四川川北律师事务所", "", "0839-7201234",
     "养老机构补贴名单", 45762, "3.2", "青民依申复〔2025〕2号", ""],
    ["2025-003", 45800, "当面", "企业", "青川县康宁养老服务有限公司", "91440300708461136T", "",
     "委托运营合同", None, None, "", "办理中"],
]


def make(path, rows, headers=HEADERS, title=True):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025年台账"
    if title:
        ws.append(["青川县民政局政府信息公开申请登记台账"])
        ws.append([])
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_header_detection_and_mapping(tmp_path):
    data = lx.read(make(tmp_path / "l.xlsx", GOOD))
    assert data.sheet == "2025年台账" and data.header_row == 3
    m = data.mapping
    assert HEADERS[m["number"]] == "序号" and HEADERS[m["received"]] == "申请日期"
    assert HEADERS[m["applicant_name"]] == "申请人" and HEADERS[m["outcome"]] == "答复结果"
    assert [n for n, _ in data.rows] == [4, 5, 6]


def test_import_good_ledger(actx, tmp_path):
    assert lx.import_ledger(make(tmp_path / "l.xlsx", GOOD)) == 3
    a = Application.get(Application.number == "2025-002")
    assert (a.received, a.channel, a.applicant_type) == (D(2025, 4, 1), "邮寄", "法律服务机构")
    assert a.closed == D(2025, 4, 15) and a.outcome == "3.2"
    b = Application.get(Application.number == "2025-003")
    assert b.received == D(2025, 5, 23) and b.closed is None and b.id_kind == "统一社会信用代码"
    assert Application.get(Application.number == "2025-001").outcome == "3.1"


def test_bad_import_saves_nothing_and_names_sheet_row_field(actx, tmp_path):
    rows = [list(r) for r in GOOD]
    rows[0][1] = "2025-02-30"            # row 4: impossible date
    rows[1][3] = "外星人"                 # row 5: unknown applicant type
    rows[2][5] = "91440300708461136A"    # row 6: wrong check character
    rows.append(["2025-001", D(2025, 6, 1), "网络", "个人", "李四", "", "", "x", None, None, "", ""])
    with pytest.raises(ImportRejected) as e:
        lx.import_ledger(make(tmp_path / "bad.xlsx", rows))
    p = e.value.problems
    assert "工作表“2025年台账”第4行“申请日期”：“2025-02-30”不是有效日期（应写成 2025-09-26 这样的格式）" in p
    assert any(x.startswith("工作表“2025年台账”第5行“申请人类别”：“外星人”无法识别") for x in p)
    assert any(x.startswith("工作表“2025年台账”第6行“身份证号”：统一社会信用代码校验位不符") for x in p)
    assert "工作表“2025年台账”第7行“序号”：“2025-001”与第4行重复" in p
    assert e.value.sheet == "2025年台账" and "未导入" in e.value.message
    assert Application.select().count() == 0


def test_missing_columns_and_existing_numbers(actx, tmp_path):
    with pytest.raises(ImportRejected, match="没有找到台账表头"):
        lx.import_ledger(make(tmp_path / "x.xlsx", [["a", "b"]], headers=["甲", "乙"]))
    lx.import_ledger(make(tmp_path / "l.xlsx", GOOD))
    with pytest.raises(ImportRejected) as e:
        lx.import_ledger(make(tmp_path / "l2.xlsx", GOOD[:1]))
    assert "“2025-001”在台账中已存在" in e.value.problems[0]
    assert Application.select().count() == 3


def test_not_an_xlsx(tmp_path):
    f = tmp_path / "fake.xlsx"
    f.write_text("hello")
    with pytest.raises(ImportRejected, match="fake.xlsx"):
        lx.read(f)


def test_export_masked_and_formula_safe(actx, tmp_path):
    demo.load(actx)
    a = Application.get(Application.applicant_type == "自然人")
    ledger.update(a, {"content": "=HYPERLINK(\"http://x\",\"点我\")"})
    out = tmp_path / "out.xlsx"
    n = lx.export_ledger(out, D(2026, 11, 20))
    assert n == Application.select().count()
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[3]]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == a.number)
    rec = dict(zip(header, row))
    assert rec["申请人姓名或名称"] != a.applicant_name and "*" in rec["申请人姓名或名称"]
    assert rec["证件号码"] == a.id_number[:3] + "*" * 11 + a.id_number[-4:]
    assert rec["申请内容"].startswith("'=HYPERLINK")
    assert "已去除个人身份信息" in ws["A2"].value
    text = " ".join(str(v) for r in ws.iter_rows(values_only=True) for v in r if v)
    assert a.applicant_name not in text and a.id_number not in text


def test_export_revealed_round_trips(actx, tmp_path):
    demo.load(actx)
    before = {a.number: (a.received, a.applicant_type, a.applicant_name, a.id_number, a.closed, a.outcome)
              for a in Application.select()}
    out = tmp_path / "full.xlsx"
    lx.export_ledger(out, D(2026, 11, 20), reveal=True)
    Application.delete().execute()
    assert lx.import_ledger(out) == len(before)
    after = {a.number: (a.received, a.applicant_type, a.applicant_name, a.id_number, a.closed, a.outcome)
             for a in Application.select()}
    assert after == before


def test_export_gives_every_date_column_a_whole_date_of_width(actx, tmp_path):
    """The layout side of the check below, without LibreOffice (every day): a date never wraps, so each column
    holding dates is at least as wide as a whole “2026-11-20” (the width sharing once made them 6 units)."""
    from gwdesk.io.xlsx_layout import text_width
    demo.load(actx)
    out = tmp_path / "台账.xlsx"
    lx.export_ledger(out, D(2026, 11, 20))
    ws = openpyxl.load_workbook(out).active
    columns = {c.column_letter for r in ws.iter_rows(min_row=4) for c in r if isinstance(c.value, dt.datetime)}
    assert len(columns) >= 3  # 收到日期, 答复期限, 答复日期
    narrow = {c: ws.column_dimensions[c].width for c in columns
              if ws.column_dimensions[c].width < text_width("2026-11-20")}
    assert not narrow, narrow


@needs_libreoffice  # printed through LibreOffice: with the other printing checks in CI's slow stage (conftest.py)
def test_export_prints_every_date_whole(actx, tmp_path):
    """Seen printing the window's 导出台账 through LibreOffice: 收到日期, 答复期限 and 答复日期 printed as “###” —
    the width sharing let a date column wrap like text (“2025-” / “01-06”) to 6 units, but a date cell never wraps.
    Every date of the ledger is in the printed PDF."""
    from xlsx_print import raw_text, to_pdf
    demo.load(actx)
    out = tmp_path / "台账.xlsx"
    lx.export_ledger(out, D(2026, 11, 20))
    ws = openpyxl.load_workbook(out).active
    dates = {v.strftime("%Y-%m-%d") for r in ws.iter_rows(min_row=4, values_only=True) for v in r
             if isinstance(v, dt.datetime)}
    assert len(dates) > 20
    text = raw_text(to_pdf(out))
    assert "###" not in text
    missing = sorted(d for d in dates if d not in text)
    assert not missing, missing[:5]


def test_a_masked_export_is_not_imported_as_the_ledger(actx, tmp_path):
    """Seen moving a ledger through the window: 导出台账 (已去除个人身份信息 by default) then 导入台账 on the other
    computer. With only organisations' applications (their 统一社会信用代码 is kept, every ID check passes) the
    masked names and contacts (“李*英”, “138****5574”) were imported as the applicants' own, without a word.
    The export's own note is recognised and the file refused, saying what to do instead; nothing is stored."""
    demo.load(actx)
    Application.delete().where(Application.applicant_type == "自然人").execute()
    kept = Application.select().count()
    assert kept > 0
    out = tmp_path / "脱敏.xlsx"
    lx.export_ledger(out, D(2026, 11, 20))
    Application.delete().execute()
    with pytest.raises(ImportRejected) as e:
        lx.import_ledger(out)
    assert "去除了个人身份信息" in e.value.message and "完整" in e.value.message and "脱敏.xlsx" in e.value.message
    assert Application.select().count() == 0
    full = tmp_path / "完整.xlsx"
    Application.delete().execute()
    demo.load(actx)
    lx.export_ledger(full, D(2026, 11, 20), reveal=True)
    Application.delete().execute()
    assert lx.import_ledger(full) > 0  # the full export still moves the ledger
