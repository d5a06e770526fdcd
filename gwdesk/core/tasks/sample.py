"""A 梁平区-style 2021 任务清单 (invented rows in the real layout) and writers for it as xlsx/docx.

Used by the test fixture generator, the benchmark and the demo data, so all three exercise the
same office-made shape: title rows, a header with stray spaces and line breaks, full-width
section rows (一、… / （一）…), vertically merged 工作任务 and 牵头单位 cells, a 牵头/责任 cell
merged sideways, units named by group, and deadlines both in a column and inside the text.
"""

from __future__ import annotations

import re
from pathlib import Path

from gwdesk.core.tasks import deadlines
from gwdesk.core.tasks.parsed import ParsedList, ParsedTask

_PATH_INSIDE = re.compile(r"[（(]公开路径[:：]\s*(.+?)[)）]")

TITLE = "梁平区2021年政务公开任务清单"
SUBTITLE = "（梁平府办发〔2021〕37号　2021年5月31日印发）"
HEADER = ["序号", "工作任务", "贯 彻 举 措", "牵头单位", "责任单位", "完成\n时限"]

# ("一", text) / ("（一）", text) section rows, or a task row:
# (seq, task, measure, lead, responsible, deadline). `None` in task/lead means "merged with the row
# above"; lead == "=" means the lead cell is merged sideways over the 责任单位 column.
ROWS: list[tuple] = [
    ("一", "一、紧扣“十四五”开好局起好步深化政务公开"),
    ("（一）", "（一）做好各类规划主动公开。"),
    ("1", "规划信息公开",
     "公开我区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要，做好历史规划（计划）的归集整理和"
     "主动公开工作（公开路径：政府网站>政府信息公开>法定主动公开内容>规划信息>国民经济和社会发展规划）。",
     "区发展改革委", "区发展改革委、区政府有关部门", "2021年6月底前"),
    ("2", None, "公开我区“十四五”重点专项规划，养老服务、社会救助等民生领域专项规划同步公开。",
     None, "区发展改革委、区民政局，区政府有关部门", "2021年9月底前"),
    ("3", "国土空间规划公开", "公开我区法定国土空间规划或者现行法定城乡（城市）规划、土地利用规划。",
     "区规划自然资源局", "区规划自然资源局", "年底前"),
    ("（二）", "（二）做好财政信息公开。"),
    ("4", "财政预决算公开",
     "按照市财政局统一要求，及时公开区政府及区政府各部门财政预决算信息"
     "（公开路径：政府网站>政府信息公开>法定主动公开内容>预算/决算）。",
     "区财政局", "区财政局、区政府各部门", "持续推进"),
    ("5", "惠民惠农补贴公开",
     "公开我区纳入“一卡通”管理的惠民惠农财政补贴政策和补贴发放相关信息，每季度更新一次。",
     "区财政局", "区农业农村委；区民政局；各乡镇(街道)", "每季度"),
    ("二", "二、紧扣宏观政策落地见效深化政务公开"),
    ("（一）", "（一）持续加强重大政策发布解读。"),
    ("6", "政策解读",
     "严格按照《重庆市行政机关政策解读工作办法》规定的解读原则、解读范围、解读责任、解读程序，全面推进政策解读。",
     "区政府办公室", "区政府各部门、各乡镇(街道)", "长期坚持"),
    ("7", None, "重大行政决策在提交审议前，决策承办部门应当通过政府网站向社会公开征求意见。",
     None, "区政府有关部门", "持续推进"),
    ("8", None, "建设“政策咨询问答库”，统一政策咨询答复口径。", None, "区政府各部门", "6月10日前"),
    ("（二）", "（二）切实增强回应关切效果。"),
    ("9", "回应社会关切",
     "密切关注涉及养老、困难群众生活等方面的舆情，并在区委宣传部、区委网信办的指导下，及时作出回应。",
     "区委网信办", "区民政局(区老龄办)", "长期坚持"),
    ("10", None, "密切关注涉及教育方面的舆情，并在区委宣传部、区委网信办的指导下，及时作出回应。",
     "=区教委", None, "长期坚持"),
    ("11", "政民互动",
     "定期梳理并公开有一定代表性的网民留言，列清留言摘要、受理日期、答复日期、答复部门、答复内容。",
     "区政府办公室", "区政府各部门、各乡镇(街道)", "每月8日前"),
    ("三", "三、紧扣强基础抓基层深化政务公开"),
    ("（一）", "（一）做好政务信息管理工作。"),
    ("12", "法规规章文本更新",
     "1.对照中国政府法制信息网行政法规库公布的行政法规国家正式版本，在2021年6月底前以适当方式更新区政府门户"
     "网站上的行政法规文本。2.对照市司法局网站集中公布的市政府规章正式版本，在2021年10月底前以适当方式更新。",
     "区政府办公室、区司法局", "区政府办公室、区司法局", ""),
    ("13", "规范性文件清理",
     "在市司法局的指导下，对区政府、区政府各部门规范性文件进行清理，已公开的要按照“现行有效”“已失效”分类标注。",
     "区司法局", "区司法局、区政府各部门、各乡镇(街道)", "年底前"),
    ("（二）", "（二）推进基层政务公开标准化规范化。"),
    ("14", "基层政务公开标准目录",
     "在市政府有关部门印发基层政务公开标准指引3个月内，区政府有关部门要结合我区行政权责清单，"
     "编制区、乡镇政务公开标准目录。",
     "区政府办公室", "区政府各部门、各乡镇(街道)", "3个月内"),
    ("15", "民政领域公共企事业单位信息公开",
     "按照市民政局统一要求，公开我区民政领域公共企事业单位名称、业务范围、服务区域、办公地址、联系电话等基本信息"
     "（公开路径：政府网站>政务公开>政府信息公开目录>公共企事业单位信息公开）。",
     "区民政局", "区民政局", "2021年6月底前"),
    ("16", "专栏内容维护", "对本单位政府信息公开专栏内容进行自查，发现错链、空栏目及时整改。",
     "区政府办公室", "有关单位", "每月月底"),
    ("四", "四、紧扣抓保障促落实深化政务公开"),
    ("（一）", "（一）加强工作指导。"),
    ("17", "政务公开培训", "每年至少开展1次全区政务公开工作培训，不定期开展政务公开研讨交流。",
     "区政府办公室", "区委组织部、区委党校、区司法局", "年底前"),
    ("18", "完成情况报送",
     "各乡镇(街道)和区政府各部门对照《任务清单》，将完成情况报区政府办公室，并纳入政府信息公开工作年度报告。",
     "区政府办公室", "区政府各部门、各乡镇(街道)", "2022年1月5日前"),
]


def task_rows() -> list[tuple]:
    return [r for r in ROWS if len(r) == 6]


def parsed_list(rows: list[tuple] | None = None, *, title: str = TITLE, year: int = 2021,
                issued_on=None, file: str = "") -> ParsedList:
    """The list as the reader would parse it from write_xlsx's file, built without a file (demo data)."""
    rows = ROWS if rows is None else rows
    out = ParsedList(file=file or f"{title}.xlsx", sheet="任务清单", title=title, issuer=title.split(str(year))[0],
                     year=year, issued_on=issued_on, header_labels={"seq": "序号", "task": "工作任务",
                     "measure": "贯彻举措", "lead": "牵头单位", "resp": "责任单位", "deadline": "完成时限"})
    category = subcategory = task = lead = ""
    for i, r in enumerate(rows):
        if len(r) == 2:
            if r[0].startswith("（"):
                subcategory = r[1]
            else:
                category, subcategory = r[1], ""
            continue
        seq, t, measure, ld, resp, deadline = r
        task = task if t is None else t
        sideways = isinstance(ld, str) and ld.startswith("=")
        lead = lead if ld is None else ld.lstrip("=")
        resp = lead if sideways else resp
        in_text = ""
        if not deadline:
            in_text = deadlines.find_in_text(measure)
        out.tasks.append(ParsedTask(
            row=5 + i, position=len(out.tasks) + 1, seq=seq, category=category, subcategory=subcategory,
            task=task, measure=measure, lead_units=_units(lead), resp_units=_units(resp),
            deadline_text=deadline or in_text, deadline_in_text=bool(in_text),
            publish_path="；".join(_PATH_INSIDE.findall(measure))))
    return out


def _units(text: str) -> list[str]:
    return list(dict.fromkeys(u for u in re.split(r"[、，；]", text or "") if u))


def _spans(rows: list[tuple]) -> list[tuple[int, int, int]]:
    """(column, first row index, last row index) of each vertical merge (task=1, lead=3)."""
    spans = []
    for col in (1, 3):
        start = None
        for i, r in enumerate(rows):
            if len(r) != 6:
                start = None
                continue
            if r[col] is None and start is not None:
                spans.append((col, start, i))
            else:
                start = i
    # collapse consecutive extensions of one merge to the outermost
    best: dict[tuple[int, int], int] = {}
    for col, a, b in spans:
        best[(col, a)] = max(best.get((col, a), b), b)
    return [(c, a, b) for (c, a), b in best.items()]


def write_xlsx(path: Path, rows: list[tuple] | None = None, *, title: str = TITLE,
               sheet_title: str = "任务清单", wb=None, subtitle: str = SUBTITLE):
    """Write the list as an office would: title rows, header on row 4, merged cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = ROWS if rows is None else rows
    own = wb is None
    if own:
        wb = Workbook()
        ws = wb.active
        ws.title = sheet_title
    else:
        ws = wb.create_sheet(sheet_title)
    ncol = len(HEADER)
    ws.append(["附件"])
    ws.append([title])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    ws["A2"].font = Font(size=16, bold=True)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.append([subtitle])
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=ncol)
    ws.append(HEADER)
    first = 5
    for i, r in enumerate(rows):
        excel_row = first + i
        if len(r) == 2:
            ws.append([r[1]])
            ws.merge_cells(start_row=excel_row, start_column=1, end_row=excel_row, end_column=ncol)
            continue
        seq, task, measure, lead, resp, deadline = r
        sideways = isinstance(lead, str) and lead.startswith("=")
        ws.append([int(seq) if seq.isdigit() else seq, task, measure,
                   lead[1:] if sideways else lead, resp, deadline])
        if sideways:
            ws.merge_cells(start_row=excel_row, start_column=4, end_row=excel_row, end_column=5)
    for col, a, b in _spans(rows):
        ws.merge_cells(start_row=first + a, start_column=col + 1, end_row=first + b, end_column=col + 1)
    for letter, width in zip("ABCDEF", (6, 16, 60, 18, 24, 12)):
        ws.column_dimensions[letter].width = width
    if own:
        wb.save(path)
    return wb


def write_docx(path: Path, rows: list[tuple] | None = None, *, title: str = TITLE) -> None:
    """The same list as a Word table, merged the way Word merges (vMerge / gridSpan)."""
    import docx

    rows = ROWS if rows is None else rows
    d = docx.Document()
    d.add_paragraph("附件")
    d.add_paragraph(title)
    d.add_paragraph(SUBTITLE)
    t = d.add_table(rows=1 + len(rows), cols=len(HEADER))
    t.style = "Table Grid"
    for c, h in enumerate(HEADER):
        t.cell(0, c).text = h
    for i, r in enumerate(rows, start=1):
        if len(r) == 2:
            merged = t.cell(i, 0).merge(t.cell(i, len(HEADER) - 1))
            merged.text = r[1]
            continue
        seq, task, measure, lead, resp, deadline = r
        sideways = isinstance(lead, str) and lead.startswith("=")
        values = [seq, task, measure, lead[1:] if sideways else lead, resp, deadline]
        for c, v in enumerate(values):
            if v is not None and not (sideways and c == 4):
                t.cell(i, c).text = v
        if sideways:
            t.cell(i, 3).merge(t.cell(i, 4))
    for col, a, b in _spans(rows):
        top = t.cell(a + 1, col)
        text = top.text
        merged = top.merge(t.cell(b + 1, col))
        merged.text = text
    d.add_paragraph("重庆市梁平区人民政府办公室")
    d.save(path)
