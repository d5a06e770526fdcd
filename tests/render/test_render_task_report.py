"""The 任务完成情况报告: structure and wording a supervising office expects, any length, both formats."""

from __future__ import annotations

from locations import TESTS

import datetime as dt
import re
from pathlib import Path

import pytest
from docx import Document as read_docx
from pypdf import PdfReader
from xlsx_print import needs_libreoffice

from gwdesk.core.tasks import service, summary, tracking
from gwdesk.core.tasks.summary import ReportTask, TaskReportData
from gwdesk.io import tasklist
from gwdesk.render.layouts import task_report
from gwdesk.render.model import Heading, Para, plain_text
from gwdesk.render.sample import check_pdf
from gwdesk.store.tasks_models import Task

F = TESTS / "fixtures" / "tasks"
TODAY = dt.date(2021, 7, 1)


@pytest.fixture(autouse=True)
def _bundled(monkeypatch):
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")


@pytest.fixture
def imported(ctx, lp_profile):
    r = service.import_parsed(tasklist.read(F / "lp2021.xlsx"), profile=lp_profile)
    t15 = Task.get(Task.seq == "15")
    tracking.add_note(t15.id, "已公开民政领域8家单位基本信息。", noted_on=dt.date(2021, 6, 21), today=TODAY)
    tracking.set_status(t15.id, "已完成", done_on=dt.date(2021, 6, 21), today=TODAY)
    tracking.add_url(t15.id, "http://www.lp.gov.cn/zwgk/mz/0621.html")
    t2 = Task.get(Task.seq == "2")
    tracking.set_status(t2.id, "推进中", today=TODAY)
    tracking.add_note(t2.id, "=HYPERLINK(\"http://evil\",\"点我\")", noted_on=dt.date(2021, 6, 1), today=TODAY)
    tracking.set_status(Task.get(Task.seq == "18").id, "不适用", today=TODAY)
    return r.list_id


def test_report_reads_data_not_the_store(imported):
    data = summary.report_data(imported, dt.date(2021, 6, 1), dt.date(2021, 6, 30), today=TODAY)
    assert isinstance(data, TaskReportData) and len(data.tasks) == 14
    assert data.list_title == "梁平区2021年政务公开任务清单"
    t15 = next(t for t in data.tasks if t.seq == "15")
    assert t15.status == "已完成" and t15.progress == [(dt.date(2021, 6, 21), "已公开民政领域8家单位基本信息。")]
    assert t15.evidence == ["http://www.lp.gov.cn/zwgk/mz/0621.html"]
    # the layout module has no store access of its own
    source = Path(task_report.__file__).read_text("utf-8")
    assert "gwdesk.store" not in source and "get_by_id" not in source


def test_report_sections_counts_and_wording(imported):
    data = summary.report_data(imported, dt.date(2021, 6, 1), dt.date(2021, 6, 30), today=TODAY)
    doc = task_report.build(data, unit_name="青川县民政局", today=TODAY)
    text = plain_text(doc)
    headings = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings == ["一、总体情况", "二、分项落实情况", "三、存在的问题", "四、下一步工作"]
    assert "青川县民政局关于2021年政务公开工作任务完成情况的报告" in text
    assert "（2021年6月1日至2021年6月30日）" in text
    assert "清单涉及本单位的任务共14项（其中牵头1项、参与落实13项）" in text
    assert "已完成1项" in text and "1项经核实不属于本单位职责" in text
    # on 6月30日 nothing dated 6月30日 is overdue yet; 6月10日前 (row 8) is
    assert "逾期未完成1项" in text
    assert "6月21日，已公开民政领域8家单位基本信息。已于2021年6月21日完成" in text
    assert "http://www.lp.gov.cn/zwgk/mz/0621.html" in text
    for word in ("可能涉及", "不涉及", "。。", "（一）(一)", "（一）（一）", "、、"):
        assert word not in text, word
    # no numbering doubled with the issuer's own: every 二级标题 has one "（x）" and no "一、" after it
    for b in doc.blocks:
        if isinstance(b, Heading) and b.level == 2:
            assert re.fullmatch(r"（[一二三四五六七八九十]+）[^（(一二三四五六七八九十\d].*", b.text), b.text


def test_next_steps_promise_no_date_in_the_past(imported):
    data = summary.report_data(imported, dt.date(2021, 1, 1), dt.date(2021, 6, 30), today=TODAY)
    doc = task_report.build(data, unit_name="青川县民政局", today=TODAY)
    blocks = doc.blocks
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "四、下一步工作")
    steps = [b for b in blocks[start + 1:] if isinstance(b, Para) and b.style == "body"]
    assert steps
    for p in steps:
        for y, m, d in re.findall(r"(\d{4})年(\d{1,2})月(\d{1,2})日前", p.content):
            assert dt.date(int(y), int(m), int(d)) >= TODAY, p.content
    assert any("已超过清单时限" in p.content for p in steps)  # row 8 was due 6月10日


def test_report_status_as_of_period_end(imported):
    data = summary.report_data(imported, dt.date(2021, 1, 1), dt.date(2021, 6, 15), today=TODAY)
    text = plain_text(task_report.build(data, unit_name="X", today=TODAY))
    assert "已完成0项" in text  # row 15 was finished on 6月21日, after the period
    assert "已公开民政领域8家单位基本信息" not in text  # the note is outside the period


def test_the_signature_follows_gb9704(imported):
    data = summary.report_data(imported, dt.date(2021, 1, 1), dt.date(2021, 6, 30), today=TODAY)
    doc = task_report.build(data, unit_name="青川县民政局", today=TODAY)
    unit, date = [b for b in doc.blocks if isinstance(b, Para) and b.style == "right"]
    assert (unit.content, date.content) == ("青川县民政局", "2021年7月1日")
    assert date.right_indent_chars == 4  # 成文日期右空四字
    # the unit's name centred over the date: 6 characters over 2021年7月1日 (3 + 6 × ½ = 6 characters wide)
    assert unit.right_indent_chars == pytest.approx(4 + (6 - 6) / 2)


def long_data(n_tasks: int, cell_chars: int) -> TaskReportData:
    measure = ("依托政府网站集中发布2021年度第12号文件要求的ABC事项，并做好政策解读和回应关切工作；" * 200)[:cell_chars]
    tasks = []
    for i in range(1, n_tasks + 1):
        status = ("已完成", "推进中", "未启动", "逾期", "不适用")[i % 5]
        tasks.append(ReportTask(
            seq=str(i), category=("一、围绕深化改革推进公开", "（二）加强政策解读", "3.回应社会关切")[i % 3],
            task=f"（{i}）第{i}项工作任务。。", measure=measure if i == 2 else f"第{i}项举措。",
            lead=i % 4 == 0, deadline="2021年6月底前", due=dt.date(2021, 6, 30), status=status,
            done_on=dt.date(2021, 6, 1) if status == "已完成" else None,
            progress=[(dt.date(2021, 5, 1), measure if i == 2 else "召开专题会议研究部署。")],
            evidence=["http://www.example.gov.cn/a.html", "会议纪要.pdf"] if i % 2 else []))
    return TaskReportData("梁平区人民政府办公室", "梁平区2021年政务公开任务清单", 2021,
                          dt.date(2021, 1, 1), dt.date(2021, 6, 30), tasks)


@pytest.mark.parametrize("chars", [700, 5000])
def test_long_cells_print_in_pdf_and_docx(chars, tmp_path):
    doc = task_report.build(long_data(23, chars), unit_name="青川县民政局", today=TODAY)
    text = plain_text(doc)
    assert "。。" not in text and "（一）(一)" not in text and "（1）第1项" not in text
    pdf = task_report.render(doc, tmp_path / "r.pdf")
    assert check_pdf(pdf, doc) == []
    pages = [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]
    # no near-blank page (the last page of the body, before the 附件, may be short)
    short = [i for i, t in enumerate(pages, 1) if len(re.sub(r"\s", "", t)) < 150]
    assert len(short) <= 2, short
    out = task_report.render(doc, tmp_path / "r.docx")
    body = "\n".join(p.text for p in read_docx(str(out)).paragraphs)
    assert "四、下一步工作" in body


def test_the_annual_report_paragraph_speaks_the_offices_words(imported):
    text = summary.completion_text(2021, TODAY)
    assert "（其中牵头1项、参与落实13项）" in text
    assert "可能涉及" not in text and "不涉及" not in text


# ---- a report a leader reads in five minutes ----------------------------------------------------------------

def _pdf_pages(path) -> list[str]:
    import subprocess
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True).stdout
    return [re.sub(r"\s+", "", p) for p in out.decode("utf-8").split("\f")][:-1]


def _body_pages(pages: list[str]) -> int:
    """Pages of sections 一 to 四 with the 落款: those before the 附件's own page."""
    return next(i for i, p in enumerate(pages) if p.startswith("附件") and "落实情况明细表" in p[:60])


@pytest.fixture
def office(ctx):
    """The seed 梁平 list read by the 区政府办公室: all 18 rows concern it, none started; today 2026-12-07."""
    from gwdesk.core import units
    units.save(units.Profile(name="梁平区人民政府办公室", level="县级政府", aliases=["区政府办公室"]))
    r = service.import_parsed(tasklist.read(F / "lp2021.xlsx"), profile=units.load())
    for t in Task.select().where(Task.list == r.list_id):
        tracking.set_role(t.id, "责任")
    today = dt.date(2026, 12, 7)
    start, end = summary.default_period(2021, today)
    data = summary.report_data(r.list_id, start, end, today=today)
    assert len(data.tasks) == 18 and data.count("已完成") == 0
    return task_report.build(data, unit_name="梁平区人民政府办公室", today=today)


def test_seed_list_as_office_report_is_short(office, tmp_path):
    text = plain_text(office)
    # the period is the list's year, not the year the report is written in
    assert "（2021年1月1日至2021年12月31日）" in text and "2026年1月1日" not in text
    pdf = task_report.render(office, tmp_path / "r.pdf")
    pages = _pdf_pages(pdf)
    assert len(pages) <= 6, len(pages)
    assert _body_pages(pages) <= 3
    assert len(pages) - _body_pages(pages) <= 3  # 18 tasks: about one page per 8
    import subprocess
    lines = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True).stdout.decode().splitlines()
    assert not [ln for ln in lines if re.fullmatch(r"\s*[。，；、：）》”]+\s*", ln)]  # no lone “。” line
    # not-started tasks told per category, in one paragraph each, not one line each
    assert "。尚未启动。" not in text and not re.search(r"\d．[^。]{1,40}。尚未启动。", text)
    items = office.blocks[next(i for i, b in enumerate(office.blocks) if getattr(b, "text", "") == "二、分项落实情况"):
                          next(i for i, b in enumerate(office.blocks) if getattr(b, "text", "") == "三、存在的问题")]
    cats = [b for b in items if isinstance(b, Heading) and b.level == 2]
    paras = [b for b in items if isinstance(b, Para)]
    assert len(paras) == len(cats) == 4
    assert all("项尚未启动" in p.content for p in paras)
    # next steps once per category, not item after item
    steps = office.blocks[next(i for i, b in enumerate(office.blocks) if getattr(b, "text", "") == "四、下一步工作"):]
    steps = [b for b in steps if isinstance(b, Para) and b.style == "body"]
    assert len([p for p in steps if re.match(r"\d．", p.content)]) == 4
    assert sum(p.content.count("常态化") for p in steps) <= 5


@needs_libreoffice
def test_seed_list_as_office_report_docx_is_short(office, tmp_path):
    from xlsx_print import to_pdf
    pages = _pdf_pages(to_pdf(task_report.render(office, tmp_path / "r.docx")))
    assert len(pages) <= 6, len(pages)
    assert _body_pages(pages) <= 3


@pytest.mark.parametrize("n", [23, 60])
def test_sections_one_to_four_fit_three_pages_whatever_the_count(n, tmp_path):
    doc = task_report.build(long_data(n, 300), unit_name="青川县民政局", today=TODAY)
    pages = _pdf_pages(task_report.render(doc, tmp_path / "r.pdf"))
    assert _body_pages(pages) <= 3
    assert len(pages) - _body_pages(pages) <= -(-n // 8) + 1


def test_annex_never_leaves_a_header_row_at_a_page_foot(tmp_path):
    """Every page of the 附件 carries its header row once, at its top: never a repeated header over a fragment."""
    doc = task_report.build(long_data(23, 700), unit_name="青川县民政局", today=TODAY)
    pages = _pdf_pages(task_report.render(doc, tmp_path / "r.pdf"))
    annex = pages[_body_pages(pages):]
    head = "序号工作任务完成时限状态落实情况佐证材料"
    for i, page in enumerate(annex):
        assert page.count(head) == 1, (i, page.count(head))
        assert page.index(head) < 80 if i else True


def _task(**kw) -> ReportTask:
    base = dict(seq="1", category="一、公开", task="政策解读", measure="做好政策解读。", lead=True, deadline="年底前",
                due=dt.date(2021, 12, 31), status="推进中")
    return ReportTask(**{**base, **kw})


def test_notes_are_dated_once_and_evidence_named_by_what_it_is():
    t = _task(progress=[(dt.date(2021, 12, 7), "11月20日召开政策解读专题会议。"),
                        (dt.date(2021, 12, 8), "完成解读材料初稿。")],
              evidence=["yjd-001.pdf", "IMG_2035.jpg", "IMG_2036.jpg", "会议纪要.docx",
                        "http://www.lp.gov.cn/zcjd/1.html"])
    data = TaskReportData("梁平区人民政府办公室", "梁平区2021年政务公开任务清单", 2021, dt.date(2021, 1, 1),
                          dt.date(2021, 12, 31), [t])
    text = plain_text(task_report.build(data, unit_name="X", today=dt.date(2021, 12, 20)))
    body = text[:text.index("附件：")]
    assert "11月20日召开政策解读专题会议" in body and "12月7日，11月20日" not in text
    assert "12月8日，完成解读材料初稿" in body
    assert "《yjd-001》" not in text and "yjd-001" not in body and "IMG_2035" not in body
    assert "相关信息已在网站公开" in body and "留存会议纪要、文件一份、照片两张等佐证材料" in body


def test_a_task_past_its_date_is_never_told_only_as_in_progress():
    """Seen in the window's 完成情况报告 for a past year: a task finished after the period (so 推进中 then) and past
    its date is counted 逾期 in 表1 and in 一 (“逾期未完成”), but 二 said only “1项正在推进”. 二 says it is past the
    list's date too, as it does for tasks not started."""
    late = _task(seq="2", task="规划信息公开", status="逾期", due=dt.date(2021, 9, 30), deadline="2021年9月底前")
    idle = _task(seq="4", task="财政预决算公开", status="未启动", begun=False, due=None, deadline="长期")
    data = TaskReportData("梁平区人民政府办公室", "梁平区2021年政务公开任务清单", 2021, dt.date(2021, 1, 1),
                          dt.date(2021, 12, 31), [late, idle])
    text = plain_text(task_report.build(data, unit_name="X", today=dt.date(2026, 12, 7)))
    body = text[:text.index("附件：")]
    assert "逾期未完成1项" in body
    assert re.search(r"“规划信息公开”1项正在推进，已过清单时限", body), body
