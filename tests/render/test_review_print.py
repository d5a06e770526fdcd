"""Printed 公文公开发布意见单: one A4 page, fonts embedded, every label present; the CLI commands."""

from __future__ import annotations

from locations import ROOT, TESTS

import copy
import datetime as dt
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from gwdesk.core import demo, formdef
from gwdesk.core.review.forms import Form
from gwdesk.render.layouts import review_form
from gwdesk.render.model import Check, plain_text

FIXTURE = TESTS / "fixtures/review/sample_form.json"
SAMPLE = json.loads(FIXTURE.read_text("utf-8"))
PRINT_DAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def d():
    return formdef.parse_file(formdef.paths.bundled_form("publication_review.toml"))


def sample_form(**changes) -> Form:
    f = Form.from_json(copy.deepcopy(SAMPLE))
    f.values.update(changes)
    return f


def labels(d) -> list[str]:
    """Every printed label: the fields' (编号 is printed in the footer instead), the roles, 签字 and 日期."""
    # fields printed only in some cases (print_when: 编号 goes in the footer, 修改/撤销 on such forms, 第二十一条
    # for the levels it binds, 保密审查延长 once granted) are looked for by their own tests
    return ([f.print_label or f.label for f in d.fields if f.print_when is None]
            + [s.role for s in d.signoffs] + ["签字：", "日期："])


# rows a filled 主动公开, 本机关制发 form leaves out (forbidden or not asked for in its case, or details of an
# option not chosen, printed inside that option's line), and 第二十一条事项 when nothing is ticked
LEFT_OUT = ("不予公开（删减）理由", "法律、行政法规及条款", "删减内容", "其他方式", "原文件", "原属性",
            "依申请公开理由", "其他理由", "第二十一条事项", "未主动公开理由", "报送", "答复", "答复日期",
            "书面同意")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text_and_pages(path: Path) -> tuple[str, list]:
    r = PdfReader(str(path))
    return "\n".join(p.extract_text() for p in r.pages), r.pages


def assert_fonts_embedded(path: Path):
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, "no fonts in PDF"
    for row in rows:
        cols = row.split()
        assert cols[-5] == "yes", f"font not embedded: {row}"


def test_model_has_unit_title_footer_marks_and_every_printed_label(d):
    doc = review_form.build(sample_form(), d, demo.DEMO_PROFILE, PRINT_DAY)
    text = plain_text(doc)
    assert text.splitlines()[0] == "青川县民政局公文公开发布意见单"
    assert doc.page.footer_left == "编号：2026-007"
    assert doc.page.footer_right == "打印日期：2026年11月22日"
    for lab in labels(d):
        if lab in LEFT_OUT:
            assert lab not in text  # 主动公开 with 其他 not chosen: those rows are left out
        else:
            assert lab in text, lab
    assert "☑主动公开" in text and "☐依申请公开" in text
    assert "青民发〔2026〕12号" in text and "2026年11月10日" in text


def test_reasons_print_article_and_plain_sentence(d):
    f = sample_form(attribute="删减后公开", reasons=["art15_third", "art14_law"],
                    other_basis="《中华人民共和国统计法》第三十九条", withheld_content="附件2中的个人身份信息")
    text = plain_text(review_form.build(f, d, demo.DEMO_PROFILE, PRINT_DAY))
    assert "☑条例第十五条（商业秘密、个人隐私）：涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息" in text
    assert ("☑条例第十四条（法律、行政法规禁止公开）：法律、行政法规禁止公开的政府信息，不予公开。禁止公开的法律、"
            "行政法规及条款：《中华人民共和国统计法》第三十九条") in text
    assert "规章规定不予公开" not in text  # 条例第十四条: a 规章 is no ground
    assert "☑删减后公开（删减内容：附件2中的个人身份信息）" in text


def test_pdf_one_a4_page_fonts_embedded_labels_present(d, tmp_path):
    from gwdesk.render.pdf import render_pdf
    out = render_pdf(review_form.build(sample_form(), d, demo.DEMO_PROFILE, PRINT_DAY), tmp_path / "f.pdf")
    text, pages = pdf_text_and_pages(out)
    assert len(pages) == 1
    box = pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    assert_fonts_embedded(out)
    flat = squash(text)
    for lab in ["青川县民政局公文公开发布意见单", "编号：2026-007", "打印日期：2026年11月22日", "签字：", "☑同意"]:
        assert lab in flat, lab
    for lab in labels(d):
        if lab not in LEFT_OUT:
            assert lab[:6] in flat, lab  # long labels wrap inside their cell


def test_a_heavy_form_keeps_one_sheet_its_long_text_on_a_continuation_page(d, tmp_path):
    from gwdesk.render.pdf import render_pdf
    f = sample_form(attribute="删减后公开", reasons=["art14_safety", "art15_third", "art16_process", "art14_law"],
                    other_basis="《中华人民共和国统计法》第三十九条", withheld_content="附件2中的个人身份信息" * 30,
                    summary="经" * 100, channels=["政府网站", "政府公报", "政务新媒体", "其他"], other_channel="乡镇公开栏")
    doc = review_form.build(f, d, demo.DEMO_PROFILE, PRINT_DAY)
    out = render_pdf(doc, tmp_path / "heavy.pdf")
    pages = PdfReader(str(out)).pages
    assert len(pages) == 2
    first, second = (squash(p.extract_text()) for p in pages)
    assert "科室负责人" in first and "发布登记" in first and "科室负责人" not in second  # the chain on the sheet
    assert "续页：第2页，共2页" in second and "编号：2026-007文件标题：青川县民政局关于进一步做好" in second
    assert "附件2中的个人身份信息" * 30 in second
    # the grounds stay on the sheet, the law named; their 条例 sentences may go on to the 续页
    assert "法律、行政法规禁止公开" in first and "《中华人民共和国统计法》第三十九条" in first


def test_blank_form_every_label_on_one_page(d, tmp_path):
    """The bundled form, blank with every option, fits one A4 page: the sign-off chain whole on it."""
    from gwdesk.render.pdf import render_pdf
    doc = review_form.build_blank(d, demo.DEMO_PROFILE, PRINT_DAY)
    text = plain_text(doc)
    for lab in labels(d) + [s.title for s in d.sections]:
        if lab != "答复日期" and lab != "修改撤销":  # printed once answered; on a 修改/撤销 form
            assert lab in squash(text), lab  # a short section's title is set two characters a line
    assert "第二十一条事项" in text and "未主动公开理由" in text  # the demo unit is a 县级部门
    assert "☑" not in text
    checks = [i for b in doc.blocks if hasattr(b, "rows") for row in b.rows for c in row
              for p in c.paras() for i in p.inlines() if isinstance(i, Check)]
    assert len(checks) > 40 and not any(c.checked for c in checks)
    out = render_pdf(doc, tmp_path / "blank.pdf")
    pages = PdfReader(str(out)).pages
    assert len(pages) == 1


def test_docx_has_every_label(d, tmp_path):
    from gwdesk.render import docx
    out = tmp_path / "f.docx"
    docx.render_docx(review_form.build(sample_form(), d, demo.DEMO_PROFILE, PRINT_DAY), out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    text = squash(re.sub(r"<[^>]+>", "", xml))
    for lab in ["青川县民政局公文公开发布意见单", "文件标题", "发文字号", "公开属性", "公开方式", "拟公开日期",
                "解读形式", "审查事项", "科室负责人", "政务公开工作机构", "实际公开日期", "网址或位置", "签字："]:
        assert lab in text, lab
    assert "☑主动公开" in text


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "gwdesk.cli", *args], capture_output=True, text=True,
                          cwd=str(ROOT))


def test_cli_render_and_blank(tmp_path, data_dir):
    out = tmp_path / "out" / "form.pdf"
    r = run_cli("--data-dir", str(data_dir), "review", "render", "--data", str(FIXTURE), "--format", "pdf",
                "--out", str(out), "--unit", "青川县民政局")
    assert r.returncode == 0, r.stderr
    assert len(PdfReader(str(out)).pages) == 1
    assert "青川县民政局公文公开发布意见单" in squash(PdfReader(str(out)).pages[0].extract_text())
    blank = tmp_path / "blank.pdf"
    r = run_cli("--data-dir", str(data_dir), "review", "blank", "--out", str(blank), "--unit", "青川县民政局")
    assert r.returncode == 0, r.stderr
    assert "青川县民政局公文公开发布意见单" in squash(PdfReader(str(blank)).pages[0].extract_text())


def test_cli_bad_json_names_file_and_line(tmp_path, data_dir):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "values": {\n    "title": "x",\n  }\n}', encoding="utf-8")
    r = run_cli("--data-dir", str(data_dir), "review", "render", "--data", str(bad), "--out",
                str(tmp_path / "x.pdf"), "--unit", "x")
    assert r.returncode == 2
    assert f"数据文件 {bad} 第4行" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.skipif(__import__("shutil").which("libreoffice") is None, reason="LibreOffice not installed")
def test_docx_is_one_a4_page_in_libreoffice(d, tmp_path):
    from gwdesk.render.docx import render_docx
    import os
    src = render_docx(review_form.build(sample_form(), d, demo.DEMO_PROFILE, PRINT_DAY), tmp_path / "f.docx")
    env = dict(os.environ, HOME=str(tmp_path))
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, env=env, timeout=120)
    pages = PdfReader(str(tmp_path / "f.pdf")).pages
    assert len(pages) == 1
    assert round(float(pages[0].mediabox.height) / 72 * 25.4) == 297


def test_cli_registers(tmp_path, data_dir):
    out = tmp_path / "reg.xlsx"
    r = run_cli("--data-dir", str(data_dir), "review", "registers", "--year", "2026", "--out", str(out))
    assert r.returncode == 0, r.stderr
    from openpyxl import load_workbook
    assert load_workbook(out).sheetnames == ["公开信息登记表", "不予公开政府信息登记表"]


@pytest.mark.parametrize("changes", [
    dict(attribute="不予公开", reasons=["art14_law"], other_basis="《中华人民共和国统计法》第三十九条"),
    dict(attribute="依申请公开", on_request_reasons=["req_specific"]),
])
def test_forms_not_published_say_the_publication_row_is_not_filled(d, changes):
    # QA walk: a printed 不予公开 / 依申请公开 意见单 showed 实际公开日期 and 网址 blanks that never apply to it,
    # while its 发布登记 row said 本件不需
    f = sample_form(published_date="", url="", interp_published=None, **changes)
    doc = review_form.build(f, d, demo.DEMO_PROFILE, PRINT_DAY)
    text = squash(plain_text(doc))
    assert "发布登记（本件不需）" in text
    for lab in ("实际公开日期", "网址或位置"):
        assert re.search(lab + r"[^\u4e00-\u9fff]*（本件不需填写）", text), (lab, text)


def test_a_published_form_keeps_its_publication_blanks(d):
    f = sample_form(published_date="", url="")
    text = squash(plain_text(review_form.build(f, d, demo.DEMO_PROFILE, PRINT_DAY)))
    assert "实际公开日期" in text and "本件不需填写" not in text
