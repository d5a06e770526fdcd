"""The 任务完成情况报告: structure and wording a supervising office expects, any length, both formats."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from gwdesk.core.tasks import service, summary, tracking
from gwdesk.core.tasks.summary import ReportTask, TaskReportData
from gwdesk.io import tasklist
from gwdesk.render.layouts import task_report
from gwdesk.render.model import Heading, Para, plain_text
from gwdesk.render.sample import check_pdf
from gwdesk.store.tasks_models import Task

F = Path(__file__).parent / "fixtures" / "tasks"
TODAY = dt.date(2021, 7, 1)


@pytest.fixture(autouse=True)
def _bundled(monkeypatch):
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")


@pytest.fixture
def imported(ctx, profile):
    r = service.import_parsed(tasklist.read(F / "lp2021.xlsx"), profile=profile)
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
