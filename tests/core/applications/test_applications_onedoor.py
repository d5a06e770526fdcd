"""One door into the ledger: the xlsx import reports what the editor's validation reports, and an ID number
one digit short is checked as a 身份证号, not passed silently as 其他证件."""

import datetime as dt

import openpyxl
import pytest

from applications_support import actx  # noqa: F401
from gwdesk.core.applications import ids, ledger
from gwdesk.errors import ImportRejected, ValidationFailed
from gwdesk.io import ledger_xlsx as lx
from gwdesk.store.applications_models import Application

pytestmark = pytest.mark.both_engines  # the store tests run on SQLite and PostgreSQL

D = dt.date
GOOD_ID = "11010519491231002X"


def _book(path, rows, headers=("编号", "收到日期", "申请人类型", "申请人姓名或名称", "证件号码", "申请内容")):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def _fields(**kw):
    return dict(number="2026-001", received=D(2026, 1, 5), channel="网络", applicant_type="自然人",
                applicant_name="张三", id_kind="", id_number="", contact="", content="文件", delivery="") | kw


@pytest.mark.parametrize("bad", [GOOD_ID[:17], GOOD_ID + "1", GOOD_ID[:-1] + "1"])
def test_import_reports_the_editor_s_own_problem(actx, tmp_path, bad):
    kind = ids.guess_kind("自然人", bad)
    assert kind == "居民身份证"  # not silently 其他证件
    editor = ledger.validate(_fields(id_kind=kind, id_number=bad))
    assert editor and editor[0].startswith("证件号码：")
    with pytest.raises(ImportRejected) as e:
        lx.import_ledger(_book(tmp_path / "l.xlsx", [("2026-001", "2026-01-05", "自然人", "张三", bad, "文件")]))
    assert e.value.problems == [f"工作表“台账”第2行“证件号码”：{editor[0].split('：', 1)[1]}"]
    assert Application.select().count() == 0


def test_the_kind_column_is_read_and_checked(actx, tmp_path):
    headers = ("编号", "收到日期", "申请人类型", "申请人姓名或名称", "证件类型", "证件号码", "申请内容")
    rows = [("2026-001", "2026-01-05", "自然人", "张三", "其他证件", "E12345678", "文件"),
            ("2026-002", "2026-01-06", "自然人", "李四", "居民身份证", GOOD_ID, "文件"),
            ("2026-003", "2026-01-07", "自然人", "王五", "驾驶证", "X1", "文件")]
    with pytest.raises(ImportRejected) as e:
        lx.import_ledger(_book(tmp_path / "k.xlsx", rows, headers))
    assert len(e.value.problems) == 1 and "第4行“证件类型”" in e.value.problems[0]
    assert lx.import_ledger(_book(tmp_path / "k2.xlsx", rows[:2], headers)) == 2
    kinds = {a.number: a.id_kind for a in Application.select()}
    assert kinds == {"2026-001": "其他证件", "2026-002": "居民身份证"}


def test_editor_and_import_agree_on_every_field(actx, tmp_path):
    """Whatever the editor refuses, the import refuses too (a generator over bad registrations)."""
    cases = [dict(applicant_name=" "), dict(content="\u2028\u3000"), dict(received=D(2101, 1, 1)),
             dict(id_number="91440300708461136A", applicant_type="商业企业")]
    for i, change in enumerate(cases):
        fields = _fields(number=f"2026-{i:03d}") | change
        kind = ids.guess_kind(fields["applicant_type"], fields["id_number"])
        fields["id_kind"] = kind if fields["id_number"] else ""
        with pytest.raises(ValidationFailed):
            ledger.create(fields)
        row = (fields["number"], fields["received"], fields["applicant_type"], fields["applicant_name"],
               fields["id_number"], fields["content"])
        with pytest.raises(ImportRejected):
            lx.import_ledger(_book(tmp_path / f"c{i}.xlsx", [row]))
    assert Application.select().count() == 0
