"""Every de-identified export and roll-up read back: no personal data of the fixtures gets out — applicants'
names, ID numbers, phone numbers, e-mail addresses and house addresses, also where a clerk typed them
into 申请内容, 备注 or 理由."""

from __future__ import annotations

from locations import ROOT

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from applications_support import actx  # noqa: F401

D = dt.date
ROOT = ROOT

# invented people; each string below must not leave the machine in a de-identified file
PEOPLE = [
    dict(name="王建国", id="510822198701011235", phone="13812345678", mail="wangjg1987@example.cn",
         address="四川省青川县乔庄镇东河口村3组15号", below="东河口村3组15号"),
    dict(name="欧阳志远", id="51082219501231001X", phone="15908391234", mail="oyzy@example.cn",
         address="广元市利州区东坝街道滨河路88号3栋2单元501室", below="滨河路88号3栋2单元501室"),
    dict(name="刘芳", id="510822199912120026", phone="0839-7205566", mail="liufang@example.cn",
         address="青川县竹园镇新华村5组", below="新华村5组"),
]


def _fix_ids():
    from gwdesk.core.applications import ids
    for p in PEOPLE:
        p["id"] = p["id"][:17] + ids.id_card_check_digit(p["id"][:17])


def _secrets() -> list[str]:
    out = []
    for p in PEOPLE:
        out += [p["name"], p["id"], p["phone"], p["phone"].replace("-", ""), p["mail"], p["below"]]
    return out


@pytest.fixture
def ledger_with_people(actx):
    from gwdesk.core.applications import demo, ledger
    from gwdesk.store.applications_models import Application
    _fix_ids()
    demo.load(actx)
    others = [p for p in PEOPLE]
    for i, p in enumerate(PEOPLE):
        friend = others[(i + 1) % len(others)]
        app = ledger.create(dict(
            number=f"2025-9{i:02d}", received=D(2025, 6, 2 + i), channel="网络", applicant_type="自然人",
            applicant_name=p["name"], id_kind="居民身份证", id_number=p["id"],
            contact=f"{p['address']} {p['phone']}", delivery="电子邮件",
            content=(f"本人{p['name']}（身份证号{p['id']}，电话{p['phone']}，邮箱{p['mail']}）申请公开{p['address']}"
                     f"宅基地审批材料，以及邻居{friend['name']}的低保审批表"),
            note=f"申请人电话{p['phone']}，住{p['address']}；代理人：{friend['name']}"))
        ledger.reply(app, D(2025, 6, 20 + i), "3.3.4", reply_number=f"民公开〔2025〕9{i}号",
                     reason=f"涉及第三方{friend['name']}（{friend['id']}）的个人隐私")
    # an organisation whose free text names a person
    ledger.create(dict(number="2026-950", received=D(2026, 3, 2), channel="邮寄", applicant_type="法律服务机构",
                       applicant_name="四川川北律师事务所", id_kind="", id_number="", contact="0839-7201234",
                       delivery="邮寄", content=f"受{PEOPLE[0]['name']}委托，申请公开其户籍信息，寄{PEOPLE[1]['address']}",
                       note=f"委托人电话{PEOPLE[0]['phone']}"))
    assert Application.select().count() > 40
    return actx


def _xlsx_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return re.sub(r"<[^>]+>", "", xml)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def _assert_clean(label: str, text: str) -> None:
    flat = re.sub(r"\s+", "", text)
    leaks = [s for s in _secrets() if s in text or s in flat]
    assert not leaks, f"{label} carries personal data: {leaks}"


def test_every_de_identified_export_and_roll_up_is_free_of_personal_data(ledger_with_people, tmp_path, capsys):
    from gwdesk import cli
    from gwdesk.io import report_rollup as rollup
    from gwdesk.core.annual_report.fill import fill
    from gwdesk.core.annual_report.spec import ReportData
    from gwdesk.core.applications import reminders
    from gwdesk.io import ledger_xlsx, report_json
    ctx = ledger_with_people
    walked = []

    # the 台账 as exported "已去除个人身份信息": all years and each year
    for year in (None, 2025, 2026):
        out = tmp_path / f"台账-{year}.xlsx"
        ledger_xlsx.export_ledger(out, ctx.today(), year=year)
        text = _xlsx_text(out)
        assert "已去除个人身份信息" in text and "****" in text
        _assert_clean(out.name, text)
        walked.append(out.name)
    # the same export with personal data is what the check is about: it does carry them
    full = tmp_path / "含个人信息.xlsx"
    ledger_xlsx.export_ledger(full, ctx.today(), reveal=True)
    with pytest.raises(AssertionError):
        _assert_clean(full.name, _xlsx_text(full))

    # the annual report filled from the ledger: JSON, DOCX, PDF; and a roll-up of it
    for year in (2025, 2026):
        data = fill(ReportData(year=year, unit="青川县民政局"), today=ctx.today()).data
        js = tmp_path / f"report-{year}.json"
        report_json.write(data, js)
        _assert_clean(js.name, js.read_text(encoding="utf-8"))
        for fmt in ("docx", "pdf"):
            out = tmp_path / f"report-{year}.{fmt}"
            assert cli.main(["report", "build", "--data", str(js), "--format", fmt, "--out", str(out),
                             "--allow-empty"]) == 0  # the filled report's 总体情况 and 五 are still to be written
            _assert_clean(out.name, _docx_text(out) if fmt == "docx" else _pdf_text(out))
            walked.append(out.name)
        r = rollup.collect([js], year=year)
        out = rollup.export_xlsx(r, tmp_path / f"rollup-{year}.xlsx")
        _assert_clean(out.name, _xlsx_text(out))
        walked.append(out.name)
    capsys.readouterr()

    # 今日提醒 lines (shown at start-up, often on a shared screen)
    _assert_clean("reminders", "\n".join(r.text for r in reminders.collect(ctx)))
    assert len(walked) == 9


def test_scrub_keeps_what_is_not_personal():
    from gwdesk.core.applications.masking import scrub
    for text in ["2025年度城乡低保资金发放明细（乔庄镇）", "举报乔庄镇某村干部优亲厚友评低保", "第3号文件",
                 "青川县乔庄镇东河口村民委员会", "县社会福利院2024年度财务决算", "国办函〔2020〕109号"]:
        assert scrub(text) == text
    assert scrub("住青川县乔庄镇东河口村3组15号") == "住青川县乔庄镇******"
    assert scrub("电话13812345678") == "电话138****5678"
