"""GB/T 9704-2012 in both renderers, measured on the pages: every glyph inside the type area (156 × 225 mm at
28 mm from the left and 37 mm from the top), 3号 body, 4号 page numbers "— 1 —" right on odd pages and left on
even ones, the 落款 with its date four characters in from the right and the unit centred over it."""

from __future__ import annotations

from locations import TESTS

import datetime as dt
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from report_helpers import fixture

from gwdesk.core.tasks.summary import ReportTask, TaskReportData
from gwdesk.render import fonts
from gwdesk.render.docx import render_docx
from gwdesk.render.layouts import annual_report, task_report
from gwdesk.render.pdf import render_pdf
from gwdesk.render.sample import sample_document

sys.path.insert(0, str(TESTS))
from test_render_long_and_pasted import long_doc  # noqa: E402
from test_render_task_report import long_data  # noqa: E402

MM = 72 / 25.4
LEFT, RIGHT, TOP, BOTTOM = 28.0, 184.0, 37.0, 262.0
TODAY = dt.date(2021, 7, 1)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(autouse=True)
def _bundled(monkeypatch):
    monkeypatch.setenv("GWDESK_BUNDLED_FONTS_ONLY", "1")


def documents():
    return {
        "task_report": lambda: task_report.build(long_data(23, 700), unit_name="青川县民政局", today=TODAY),
        "annual_report": lambda: annual_report.build(fixture(), "青川县民政局"),
        "sample": sample_document,
        "long_cell": lambda: long_doc(5000),
    }


def chars(path):
    """(page number, char dict in mm from the page's top-left) for every drawn glyph."""
    with pdfplumber.open(str(path)) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            for ch in page.chars:
                if not ch["text"].isspace():
                    yield n, {k: ch[k] / MM for k in ("x0", "x1", "top", "bottom")} | {
                        "text": ch["text"], "size": ch["size"], "font": ch["fontname"]}


def outside_type_area(path_or_chars) -> list:
    """The glyphs outside the type area, of a PDF (a path) or of its `chars` already read."""
    out = []
    for n, c in (chars(path_or_chars) if isinstance(path_or_chars, (str, Path)) else path_or_chars):
        if c["top"] > BOTTOM + 3:  # the page-number line, below the type area by design
            continue
        if c["x0"] < LEFT - 0.05 or c["x1"] > RIGHT + 0.05 or c["top"] < TOP - 0.05 or c["bottom"] > BOTTOM + 0.05:
            out.append((n, c["text"], round(c["x0"], 1), round(c["x1"], 1), round(c["top"], 1)))
    return out


@pytest.mark.parametrize("name", list(documents()))
def test_pdf_glyphs_stay_inside_the_type_area(name, tmp_path):
    doc = documents()[name]()
    path = render_pdf(doc, tmp_path / f"{name}.pdf")
    glyphs = list(chars(path))  # read once for both checks
    assert outside_type_area(glyphs) == []
    # the measure is real: digits, Latin and Chinese all reach the right edge somewhere
    right = [c for _, c in glyphs if c["x1"] > RIGHT - 6 and c["top"] < BOTTOM]
    assert right


def test_page_numbers_are_4hao_dashes_right_on_odd_pages_left_on_even(tmp_path):
    doc = task_report.build(long_data(23, 700), unit_name="青川县民政局", today=TODAY)
    path = render_pdf(doc, tmp_path / "r.pdf")
    lines: dict[int, list[dict]] = {}
    for n, c in chars(path):
        if c["top"] > BOTTOM + 3:
            lines.setdefault(n, []).append(c)
    assert len(lines) >= 3
    for n, cs in lines.items():
        text = "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"]))
        assert text == f"—{n}—"
        assert {round(c["size"]) for c in cs} == {14}
        dash_top = min(c["top"] for c in cs if c["text"] == "—")
        assert BOTTOM + 4 < dash_top < BOTTOM + 10  # the dashes about 7 mm under the type area
        if n % 2:
            assert RIGHT - 6 < max(c["x1"] for c in cs) < RIGHT - 4  # one 4号 character in from the right
        else:
            assert LEFT + 4 < min(c["x0"] for c in cs) < LEFT + 6


def test_body_heading_fonts_and_the_signature(tmp_path):
    doc = task_report.build(long_data(6, 50), unit_name="青川县民政局", today=TODAY)
    path = render_pdf(doc, tmp_path / "r.pdf")
    by_line: dict[tuple[int, float], list[dict]] = {}
    for n, c in chars(path):
        by_line.setdefault((n, round(c["top"], 0)), []).append(c)

    def line(starting: str, whole: bool = False) -> list[dict]:
        for cs in by_line.values():
            text = "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"]))
            if text == starting if whole else text.startswith(starting):
                return sorted(cs, key=lambda c: c["x0"])
        raise AssertionError(starting)

    fangsong, hei, kai = (fonts.pdf_font(r).name for r in ("fangsong", "hei", "kai"))
    body = line("根据《")
    assert {round(c["size"]) for c in body} == {16} and fangsong in body[0]["font"]
    assert hei in line("一、总体情况")[0]["font"]
    assert kai in line("（一）")[0]["font"]
    date, unit = line("2021年7月1日", whole=True), line("青川县民政局", whole=True)
    char_mm = 16 / MM
    assert date[-1]["x1"] == pytest.approx(RIGHT - 4 * char_mm, abs=0.6)  # 成文日期右空四字
    centre = (date[0]["x0"] + date[-1]["x1"]) / 2
    assert (unit[0]["x0"] + unit[-1]["x1"]) / 2 == pytest.approx(centre, abs=1.0)  # 署名以成文日期为准居中


def test_docx_says_the_same(tmp_path):
    doc = task_report.build(long_data(6, 50), unit_name="青川县民政局", today=TODAY)
    path = render_docx(doc, tmp_path / "r.docx")
    with zipfile.ZipFile(path) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
        body = etree.fromstring(z.read("word/document.xml"))
        footers = {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/footer")}
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    sect = body.find(f".//{W}sectPr")
    refs = {r.get(f"{W}type"): r for r in sect.findall(f"{W}footerReference")}
    assert set(refs) >= {"default", "even"}
    jc = sorted(f.find(f".//{W}jc").get(f"{W}val") for f in footers.values())
    assert jc == ["left", "right"]
    pgmar = sect.find(f"{W}pgMar")
    twips = {k: int(pgmar.get(f"{W}{k}")) / 56.7 for k in ("top", "left", "right", "bottom")}
    assert twips == pytest.approx({"top": 37, "left": 28, "right": 26, "bottom": 35}, abs=0.1)
    paras = body.findall(f".//{W}p")

    def text(p):
        return "".join(t.text or "" for t in p.iter(f"{W}t"))

    date = next(p for p in paras if text(p) == "2021年7月1日")
    assert date.find(f".//{W}jc").get(f"{W}val") == "right"
    assert int(date.find(f".//{W}ind").get(f"{W}right")) == 4 * 16 * 20  # four 3号 characters
    heading = next(p for p in paras if text(p) == "一、总体情况")
    assert heading.find(f".//{W}rFonts").get(f"{W}eastAsia") == "黑体"
    sub = next(p for p in paras if text(p).startswith("（一）"))
    assert sub.find(f".//{W}rFonts").get(f"{W}eastAsia") == "楷体_GB2312"
    run = next(p for p in paras if text(p).startswith("根据《")).find(f".//{W}r")
    assert run.find(f".//{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
    assert run.find(f".//{W}sz").get(f"{W}val") == "32"  # 16 pt, 3号


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice not installed")
@pytest.mark.parametrize("name", ["task_report", "annual_report"])
def test_docx_through_libreoffice_stays_inside_the_type_area(name, tmp_path):
    doc = documents()[name]()
    path = render_docx(doc, tmp_path / f"{name}.docx")
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / f"{name}.pdf"
    # LibreOffice lays out with its own substitutes for 仿宋_GB2312 and Times New Roman; glyph boxes of a
    # substitute may reach a hair past its advance, so allow 0.5 mm
    far = [c for c in outside_type_area(pdf) if c[3] > RIGHT + 0.5 or c[2] < LEFT - 0.5]
    assert far == []
    if name == "task_report":  # 23 tasks once made 14 nearly blank pages in Word and LibreOffice
        with pdfplumber.open(str(pdf)) as doc_pdf:
            sizes = [len((p.extract_text() or "").replace(" ", "").replace("\n", "")) for p in doc_pdf.pages]
        assert sum(1 for n in sizes if n < 150) <= 2, sizes


def demo_like_data() -> TaskReportData:
    """The demo unit's 13 tasks of a list modelled on 梁平区2021年政务公开任务清单, as of 2026-11-30: a 表1 of four
    categories leaves a few lines on page 1 for 二、 and （一）."""
    d = dt.date
    rows = [  # seq, category, task, measure, lead, deadline, due, status, done_on, progress, evidence
        ("1", 1, "规划信息公开", "公开我县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要，做好历史规划（计划）的归集整理和"
         "主动公开工作（公开路径：政府网站>政府信息公开>法定主动公开内容>规划信息>国民经济和社会发展规划）。", False,
         "2026年6月底前", d(2026, 6, 30), "逾期", None, [], []),
        ("2", 1, "规划信息公开", "公开我县“十四五”重点专项规划，养老服务、社会救助等民生领域专项规划同步公开。", False,
         "2026年9月底前", d(2026, 9, 30), "已完成", d(2026, 9, 18),
         [(d(2026, 9, 18), "配合县发展改革委公开《青川县“十四五”养老服务体系建设规划》。")], []),
        ("4", 1, "财政预决算公开", "按照市财政局统一要求，及时公开县政府及县政府各部门财政预决算信息（公开路径：政府网站>"
         "政府信息公开>法定主动公开内容>预算/决算）。", False, "持续推进", None, "未启动", None, [], []),
        ("5", 1, "惠民惠农补贴公开", "公开我县纳入“一卡通”管理的惠民惠农财政补贴政策和补贴发放相关信息，每季度更新一次。", False,
         "每季度", d(2026, 12, 31), "推进中", None,
         [(d(2026, 10, 12), "第三季度惠民惠农补贴（高龄津贴、低保金）发放信息已公开。")], []),
        ("6", 2, "政策解读", "严格按照《重庆市行政机关政策解读工作办法》规定的解读原则、解读范围、解读责任、解读程序，全面推进政策解读。",
         False, "2026-12-05（长期坚持）", d(2026, 12, 5), "未启动", None, [], []),
        ("8", 2, "政策解读", "建设“政策咨询问答库”，统一政策咨询答复口径。", False, "6月10日前", d(2026, 6, 10), "已完成",
         d(2026, 6, 8), [(d(2026, 6, 8), "“政策咨询问答库”民政部分已建成，收录社会救助、养老服务问答46条。")], []),
        ("9", 2, "回应社会关切", "密切关注涉及养老、困难群众生活等方面的舆情，并在县委宣传部、县委网信办的指导下，及时作出回应。",
         False, "长期坚持", None, "推进中", None, [(d(2026, 9, 30), "建立养老、低保等民生舆情日监测台账，本季度回应网民留言12条。")],
         ["政府网站>互动交流>留言回复"]),
        ("11", 2, "政民互动", "定期梳理并公开有一定代表性的网民留言，列清留言摘要、受理日期、答复日期、答复部门、答复内容。", False,
         "每月8日前", d(2026, 12, 8), "未启动", None, [], []),
        ("13", 3, "规范性文件清理", "在市司法局的指导下，对县政府、县政府各部门规范性文件进行清理，已公开的要按照“现行有效”“已失效”"
         "分类标注。", False, "年底前", d(2026, 12, 31), "推进中", None, [], []),
        ("14", 3, "基层政务公开标准目录", "在市政府有关部门印发基层政务公开标准指引3个月内，县政府有关部门要结合我县行政权责清单，"
         "编制县、乡镇政务公开标准目录。", False, "3个月内", d(2026, 6, 15), "逾期", None, [], []),
        ("15", 3, "民政领域公共企事业单位信息公开", "按照市民政局统一要求，公开我县民政领域公共企事业单位名称、业务范围、服务县域、"
         "办公地址、联系电话等基本信息。", True, "2026年6月底前", d(2026, 6, 30), "已完成", d(2026, 6, 21),
         [(d(2026, 6, 21), "已在政府信息公开目录“公共企事业单位信息公开”栏目公开本系统养老机构、救助站等8家单位基本信息。")],
         ["http://www.cnqc.gov.cn/zwgk/gkml/mzj/gqsydw/202106/t20210621_001.html"]),
        ("16", 3, "专栏内容维护", "对本单位政府信息公开专栏内容进行自查，发现错链、空栏目及时整改。", False, "每月月底",
         d(2026, 11, 30), "未启动", None, [], []),
        ("18", 4, "完成情况报送", "各乡镇(街道)和县政府各部门对照《任务清单》，将完成情况报县政府办公室，并纳入政府信息公开工作"
         "年度报告。", False, "2027年1月5日前", d(2027, 1, 5), "未启动", None, [], []),
    ]
    cats = {1: "一、紧扣“十四五”开好局起好步深化政务公开", 2: "二、紧扣宏观政策落地见效深化政务公开",
            3: "三、紧扣强基础抓基层深化政务公开", 4: "四、紧扣抓保障促落实深化政务公开"}
    tasks = [ReportTask(seq, cats[c], task, measure, lead, deadline, due, status, done, progress, evidence)
             for seq, c, task, measure, lead, deadline, due, status, done, progress, evidence in rows]
    return TaskReportData("青川县", "青川县2026年政务公开任务清单", 2026, d(2026, 1, 1), d(2026, 11, 30), tasks)


def pages_as_filled(pdf) -> list[tuple[float, str]]:
    """Each page: how far down the type area its lowest line of text reaches (0 top, 1 bottom), and its text."""
    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            bottoms = [ch["bottom"] / MM for ch in page.chars
                       if not ch["text"].isspace() and ch["top"] / MM < BOTTOM + 3]  # not the page number
            text = "\n".join(re.sub(r"[ \u3000]", "", ln) for ln in (page.extract_text() or "").splitlines())
            out.append(((max(bottoms, default=TOP) - TOP) / (BOTTOM - TOP), text))
    return out


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice not installed")
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_task_report_pages_run_full_and_the_signature_page_carries_body_text(fmt, tmp_path):
    """Word and LibreOffice once left page 1 a fifth empty below 表1 (widow control pushed 二、, （一） and a
    three-line item over), and the 落款 with its 附件说明 alone on a page."""
    today = dt.date(2026, 11, 30)
    doc = task_report.build(demo_like_data(), unit_name="青川县民政局", today=today)
    pdf = tmp_path / "r.pdf"
    if fmt == "docx":
        path = render_docx(doc, tmp_path / "r.docx")
        subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                       check=True, capture_output=True, timeout=180)
    else:
        render_pdf(doc, pdf)
    pages = pages_as_filled(pdf)
    signed = next(i for i, (_, text) in enumerate(pages)
                  if "附件：青川县2026年政务公开任务清单落实情况明细表" in text.splitlines())
    assert pages[signed][1].rstrip("—0123456789\n").endswith("青川县民政局\n2026年11月30日")
    # the body's pages run to their foot: at most 3 of the 22 lines free (a heading kept with its text)
    assert [round(f, 2) for f, _ in pages[:signed]] == [pytest.approx(1, abs=0.15)] * signed, pages[:signed]
    # the 落款's page carries body text besides the 附件说明 and the 落款 (GB/T 9704: no page of 落款 alone)
    rest = [ln for ln in pages[signed][1].splitlines()
            if ln and not re.match(r"(附件：|青川县民政局$|2026年11月30日$|—\d+—$)", ln)]
    assert rest, pages[signed][1]
