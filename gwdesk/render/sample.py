"""The sample document that exercises every block type, and checks of its rendered DOCX and PDF (selftest)."""

from __future__ import annotations

import os
import re
import zipfile
from collections import Counter

from gwdesk.render.model import (Blank, Cell, Check, Document, Heading, PageBreak, PageSetup, Para,
                                 SignBox, SignOff, Spacer, Table, Title, plain_text)

A4_PT = (595.28, 841.89)


def _row(no: str, kind: list[Cell], item: str, *nums_and_note) -> list[Cell]:
    nums = [Cell(v, align="right") for v in nums_and_note[:4]]
    note = nums_and_note[4] if len(nums_and_note) > 4 else [Cell("")]
    return [Cell(no, align="center"), *kind, Cell(item), *nums, *note]


def sample_table() -> Table:
    """A statistics table with a three-row header: vertical merges, column spans and repeated header rows."""
    h = dict(align="center", bold=True, shade=True)
    rows = [
        [Cell("序号", rowspan=3, **h), Cell("类别", rowspan=3, **h), Cell("公开事项", rowspan=3, **h),
         Cell("公开情况", colspan=4, **h), Cell("备注", rowspan=3, **h)],
        [Cell("主动公开", colspan=2, **h), Cell("依申请公开", colspan=2, **h)],
        [Cell("条数", **h), Cell("占比（%）", **h), Cell("件数", **h), Cell("办结", **h)],
        _row("1", [Cell("机构职能", align="center")], "机构设置、领导分工及内设科室职责", "12", "8.6", "3", "3"),
        _row("2", [Cell("社会救助", rowspan=2, align="center")], "城乡最低生活保障对象名单及资金发放",
             "46", "33.1", "9", "8", [Cell("1件延期答复", rowspan=2)]),
        _row("3", [], "特困人员供养对象认定及供养标准", "58", "41.7", "5", "5", []),
        _row("4", [Cell("养老服务", align="center")],
             "高龄津贴发放、养老机构等级评定结果及居家养老服务补贴（按季度公开）", "23", "16.6", "2", "2"),
        [Cell("合计", colspan=3, align="center", bold=True)] + [Cell(v, align="right", bold=True)
                                                             for v in ("139", "100.0", "19", "18")] + [Cell("")],
    ]
    return Table(rows, widths=[1.1, 1.8, 3.6, 1.1, 2.0, 1.1, 1.1, 1.7], header_rows=3,
                 caption="表1  2026年政府信息公开情况统计", min_row_height_mm=8)


def sample_result_table() -> Table:
    """A small table with a vertical label cell spanning rows (依申请公开办理结果)."""
    rows = [
        [Cell("办理结果", rowspan=3, vertical_text=True, align="center", bold=True, shade=True),
         Cell("予以公开", shade=True), Cell("11件", align="right")],
        [Cell("部分公开", shade=True), Cell("4件", align="right")],
        [Cell("不予公开（含本机关不掌握相关信息）", shade=True), Cell("3件", align="right")],
    ]
    return Table(rows, widths=[1, 6, 2])


def sample_document() -> Document:
    """A two-page 政务公开 report with every block type, for selftest and the renderer goldens."""
    doc = Document(title="青川县民政局2026年政务公开工作自查报告", author="青川县民政局",
                   page=PageSetup(footer_left="编号 2026-007", footer_right="打印日期 2026年11月20日"))
    doc.add(
        Title("青川县民政局2026年政务公开工作自查报告", subtitle="（2026年11月20日）"),
        Para("根据县政务公开领导小组办公室《关于开展2026年度政务公开工作自查的通知》要求，"
             "我局对照年度工作要点逐项开展自查，现将有关情况报告如下。"),
        Heading("一、主要工作开展情况", level=1),
        Heading("（一）主动公开", level=2),
        Para("全年通过县政府门户网站“民政信息”专栏主动公开政府信息139条，其中社会救助类104条，"
             "低保、特困人员名单按月更新，做到“应公开尽公开”。"),
        sample_table(),
        Spacer(4),
        Heading("（二）依申请公开", level=2),
        Para(["本年度共收到政府信息公开申请19件，已办结18件，其中", Check("按期答复", True),
              "，", Check("未发生行政复议或诉讼", True), "；", Check("收取信息处理费", False), "。"]),
        Para(["经办人：", Blank(6), "  联系电话：", Blank(8, "")], first_indent=False, align="left"),
        Para("注：数据统计截至2026年11月20日。", style="note", first_indent=False),
        PageBreak(),
        Heading("二、存在的问题及下一步打算", level=1),
        Para("个别栏目更新不够及时，政策解读形式较为单一。下一步，我局将严格落实“三审三校”发布审查制度，"
             "确保信息发布及时、准确、规范。"),
        sample_result_table(),
        SignOff([
            SignBox("科室负责人审核", chosen="同意", opinion="内容属实，同意报送。", signer="李明",
                    date="2026年11月18日"),
            SignBox("保密审查", chosen="同意", signer="王芳", date="2026年11月19日"),
            SignBox("分管领导审定"),
        ], columns=2, title="审核签批"),
        Para("青川县民政局", style="right", first_indent=False),
    )
    return doc


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---- DOCX -----------------------------------------------------------------------------------------------

def docx_texts(path: str | os.PathLike) -> list[str]:
    """Text of every paragraph in the body, including table cells, in document order."""
    from docx import Document as Docx

    d = Docx(str(path))
    body = d.element.body
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return ["".join(t.text or "" for t in p.iter(f"{ns}t")) for p in body.iter(f"{ns}p")]


def check_docx(path: str | os.PathLike, doc: Document) -> list[str]:
    """Problems with a rendered DOCX: it must open, and hold every line of the model's text in order."""
    problems: list[str] = []
    try:
        with zipfile.ZipFile(path) as z:
            if "word/document.xml" not in z.namelist():
                return [f"{path}: 不是Word文档（缺少word/document.xml）"]
        texts = docx_texts(path)
    except Exception as exc:  # any failure to open is the finding
        return [f"{path}: 无法打开：{exc}"]
    have = _squash("".join(texts))
    pos = 0
    for line in plain_text(doc).splitlines():
        want = _squash(line)
        if not want:
            continue
        at = have.find(want, pos)
        if at < 0:
            problems.append(f"DOCX缺少文字：{line}")
        else:
            pos = at + len(want)
    return problems


# ---- PDF ------------------------------------------------------------------------------------------------

def pdf_fonts(reader) -> dict[str, bool]:
    """Base font name → embedded? for every font used on any page (descending into Type0 descendants)."""
    out: dict[str, bool] = {}
    for page in reader.pages:
        res = page.get("/Resources")
        res = res.get_object() if res is not None else {}
        fonts = res.get("/Font")
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            targets = [font]
            if "/DescendantFonts" in font:
                targets = [x.get_object() for x in font["/DescendantFonts"]]
            for f in targets:
                desc = f.get("/FontDescriptor")
                desc = desc.get_object() if desc is not None else {}
                embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                out[str(f.get("/BaseFont", font.get("/BaseFont")))] = embedded
    return out


def _footer_strings(doc: Document, page_no: int) -> list[str]:
    from gwdesk.render.pdf import page_number_text

    out = [page_number_text(page_no)] if doc.page.page_numbers else []
    return out + [t for t in (doc.page.footer_left, doc.page.footer_right) if t]


def _header_texts(doc: Document) -> str:
    from gwdesk.render.model import cell_text, grid

    return "".join(_squash(cell_text(c)) for b in doc.blocks if isinstance(b, Table)
                   for r, _c, c in grid(b) if r < b.header_rows)


def pdf_body_text(path: str | os.PathLike, doc: Document) -> str:
    """The PDF's extracted text, whitespace removed, with page numbers and footer texts taken out."""
    from pypdf import PdfReader

    parts = []
    for i, page in enumerate(PdfReader(str(path)).pages, start=1):
        text = _squash(page.extract_text() or "")
        for s in _footer_strings(doc, i):
            s = _squash(s)
            at = text.rfind(s)
            if at >= 0:
                text = text[:at] + text[at + len(s):]
        parts.append(text)
    return "".join(parts)


def check_pdf(path: str | os.PathLike, doc: Document) -> list[str]:
    """Problems with a rendered PDF: page size, fonts not embedded, text differing from the model.

    The text check removes whitespace from both sides and drops each page's footer (page number,
    footer_left/right), then wants exact equality with `plain_text(doc)`: reportlab draws tables
    cell by cell in `grid()` order, so pypdf's stream-order extraction matches the model. When a
    table splits across pages its repeated header rows appear again; then the check falls back to
    comparing characters as multisets, allowing extra characters only from header-row text.
    """
    from pypdf import PdfReader

    problems: list[str] = []
    try:
        reader = PdfReader(str(path))
        pages = list(reader.pages)
    except Exception as exc:
        return [f"{path}: 无法打开PDF：{exc}"]
    if not pages:
        return [f"{path}: PDF没有页面"]
    pw, ph = doc.page.width_mm / 25.4 * 72, doc.page.height_mm / 25.4 * 72
    want_size = (ph, pw) if doc.page.landscape else (pw, ph)
    for i, page in enumerate(pages, start=1):
        box = page.mediabox
        size = (float(box.width), float(box.height))
        if abs(size[0] - want_size[0]) > 1 or abs(size[1] - want_size[1]) > 1:
            problems.append(f"第{i}页尺寸{size[0]:.1f}×{size[1]:.1f}pt，应为{want_size[0]:.1f}×{want_size[1]:.1f}pt")
    for name, embedded in pdf_fonts(reader).items():
        if not embedded:
            problems.append(f"字体未嵌入：{name}")
    have, want = pdf_body_text(path, doc), _squash(plain_text(doc))
    if have != want:
        extra, missing = Counter(have) - Counter(want), Counter(want) - Counter(have)
        header = Counter(_header_texts(doc))
        if missing or any(ch not in header for ch in extra):
            shown_missing = "".join(sorted(missing.elements()))[:40]
            shown_extra = "".join(sorted(extra.elements()))[:40]
            problems.append(f"PDF文字与文档不一致：缺少“{shown_missing}”，多出“{shown_extra}”")
    return problems


def is_a4(path: str | os.PathLike) -> bool:
    from pypdf import PdfReader

    box = PdfReader(str(path)).pages[0].mediabox
    return abs(float(box.width) - A4_PT[0]) < 1 and abs(float(box.height) - A4_PT[1]) < 1
