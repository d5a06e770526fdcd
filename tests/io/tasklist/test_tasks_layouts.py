"""One test per real layout of issue 12 (rows taken from the corpus' published lists, see tests/fixtures/tasklists)."""

from __future__ import annotations

from locations import TESTS

import importlib.util
import json
from pathlib import Path

import pytest

from gwdesk.core import units
from gwdesk.core.tasks import deadlines, service
from gwdesk.io import tasklist
from gwdesk.io.tasklist.units import roles

HERE = TESTS / "fixtures" / "tasklists"
_spec = importlib.util.spec_from_file_location("corpus_build", HERE / "build.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

CZ = json.loads((HERE / "cz_xinfang_short_header.json").read_text(encoding="utf-8"))
CZ_ROWS = CZ["tables"][0]["rows"][1:]  # 池州市信访局: task, 序号, 具体要求, 责任科室, 时限要求


def _read(tmp_path, desc, name="list"):
    desc = dict({"id": name, "format": "xlsx", "source": {}}, **desc)
    return tasklist.read(corpus.build(desc, tmp_path))


# 1. header cells spanning columns, headers with fewer cells than the rows, two-row headers ---------------------
def test_1_header_cell_over_task_and_seq(tmp_path):
    p = _read(tmp_path, {"tables": [{"rows": [["工作任务", "<", "具体要求", "责任科室", "时限要求"]] + CZ_ROWS}]})
    assert [g.field for g in p.guesses] == ["task", "seq", "measure", "resp", "deadline"]
    assert not p.needs_mapping  # a spanning header split by content is sure enough
    assert (p.tasks[3].seq, p.tasks[3].task) == ("4", "做好主动公开基础工作")  # the merged task fills row 4


def test_1_header_with_fewer_cells_than_rows_is_slid_and_asked(tmp_path):
    p = _read(tmp_path, {"tables": [{"rows": [["工作任务", "具体要求", "责任科室", "时限要求"]] + CZ_ROWS}]})
    assert [g.field for g in p.guesses] == ["task", "seq", "measure", "resp", "deadline"]
    assert p.needs_mapping and any("表头比数据少一列" in r for r in p.reasons)
    assert p.tasks[0].measure.startswith("对行政规范性文件") and p.tasks[0].resp_units == ["办公室"]


def test_1_two_row_header(tmp_path):
    rows = [["序号", "工作任务", "具体要求", "责任单位", "<", "完成时限"],
            ["^", "^", "^", "牵头单位", "配合单位", "^"],
            ["1", "规范办理依申请公开", "依法依规办理政府信息公开申请。", "区政府办公室", "区司法局", "持续推进"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [g.field for g in p.guesses] == ["seq", "task", "measure", "lead", "resp", "deadline"]
    assert (p.tasks[0].lead_units, p.tasks[0].resp_units) == (["区政府办公室"], ["区司法局"])
    assert len(p.tasks) == 1 and not p.needs_mapping


# 2. the many header words; columns left for the unit to fill never block -------------------------------------
@pytest.mark.parametrize("words, row, fields", [
    (["序号", "重点任务", "具体措施", "承办单位", "时间节点", "推进落实情况"],
     ["1", "政策解读", "积极做好政策解读工作,持续提升政策解读质量。", "办公室", "年底前", ""],
     ["seq", "task", "measure", "resp", "deadline", "note"]),
    (["编号", "工作任务", "贯彻举措", "牵头单位", "配合单位", "进度安排"],
     ["1", "政策解读", "积极做好政策解读工作,持续提升政策解读质量。", "办公室", "各科室", "6月底前"],
     ["seq", "task", "measure", "lead", "resp", "deadline"]),
    (["序号", "任务分解", "工作要求", "责任部门", "时间安排", "备注"],
     ["1", "做好政策解读", "持续提升政策解读质量,丰富解读形式。", "办公室", "每季度", ""],
     ["seq", "measure", "measure", "resp", "deadline", "note"]),
    (["序号", "工作内容", "责任科室", "时限要求", "落实情况", "完成情况"],
     ["1", "积极做好政策解读工作,持续提升政策解读质量。", "办公室", "持续推进", "", ""],
     ["seq", "measure", "resp", "deadline", "note", "note"]),
])
def test_2_header_words(tmp_path, words, row, fields):
    p = _read(tmp_path, {"tables": [{"rows": [words, row]}]})
    assert [g.field for g in p.guesses] == fields
    assert not p.needs_mapping  # the blank 落实情况/备注 columns do not block


# 3. header first; sentences saying 持续/及时 are not deadlines --------------------------------------------------
def test_3_header_decides_and_sentences_with_chixu_are_no_deadline(tmp_path):
    rows = [["工作任务", "具体要求", "责任科室"]] + [[r[0] if r[0] != "^" else "", r[2], r[3]] for r in CZ_ROWS]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [g.field for g in p.guesses] == ["task", "measure", "resp"]
    assert all(t.deadline_text == "" for t in p.tasks)  # “持续提升…”“及时、集中…” are not deadlines
    # without a header the same contents are guessed — and the guess is flagged, never silent
    q = _read(tmp_path, {"tables": [{"rows": rows[1:]}]}, "noheader")
    assert q.needs_mapping and "deadline" not in [g.field for g in q.guesses]


def test_3_a_second_requirement_column_of_sections_is_the_category_and_asked(tmp_path):
    """台山市: 工作要求 | 工作任务 | 具体要求 — the 工作要求 column holds only 一、 sections: category, asked."""
    desc = json.loads((HERE / "gd_taishan_gkgd_holdout.json").read_text(encoding="utf-8"))
    p = _read(tmp_path, {"format": "docx", "tables": desc["tables"]})
    # its 工作任务 column stays the task (issue 22: the levels named as the list names them)
    assert [g.field for g in p.guesses] == ["category", "task", "measure", "resp"]
    assert p.needs_mapping and [g.column for g in p.uncertain_columns()] == [0]
    assert (p.tasks[3].category, p.tasks[3].task, p.tasks[3].seq) == (
        "一、优化政务公开工作基础", "(二)持续推进基层政务公开标准化规范化。", "4")  # the table continued


# 4. roles written inside one cell -------------------------------------------------------------------------------
@pytest.mark.parametrize("cell, lead, resp", [
    ("市发展改革委牵头,市住建局等政府各有关部门负责落实", ["市发展改革委"], ["市住建局", "政府各有关部门"]),
    ("办公室牵头,各科室配合", ["办公室"], ["各科室"]),
    ("区民政局负责，区财政局参与", ["区民政局"], ["区财政局"]),
    ("区民政局、区财政局按职责分工负责", [], ["区民政局", "区财政局"]),
    ("由区司法局会同区政府办公室", ["区司法局"], ["区政府办公室"]),
    ("财政所、便民综合服务中心、土管所等", [], ["财政所", "便民综合服务中心", "土管所"]),
    ("区教委等单位", [], ["区教委"]),
    ("各乡镇（街道）、区政府各部门、各有关单位", [], ["各乡镇（街道）", "区政府各部门", "各有关单位"]),
    ("各科室、相关科室", [], ["各科室", "相关科室"]),
    # 台山市: the towns after “;” follow the city's units (参照落实), and 按职能分工落实
    ("市财政局牵头,市直各部门落实;各镇(街)参照落实", ["市财政局"], ["市直各部门", "各镇(街)"]),
    ("市财政局牵头,市有关单位、各镇(街)按职能分工落实", ["市财政局"], ["市有关单位", "各镇(街)"]),
    ("市直有关部门;各镇(街)", [], ["市直有关部门", "各镇(街)"]),
    ("各县(市、区)政府", [], ["各县(市、区)政府"]),
])
def test_4_roles_inside_one_cell(cell, lead, resp):
    assert roles(cell, "resp") == (lead, resp)


def test_4_groups_reach_the_unit_through_the_profile(tmp_path):
    rows = [["序号", "工作任务", "责任单位"], ["1", "政策解读", "区政府各部门、各乡镇（街道）"],
            ["2", "预决算公开", "区财政局牵头，区民政局等单位配合"], ["3", "回应关切", "各有关单位"]]
    p = _read(tmp_path, {"above": ["梁平区2021年政务公开任务清单"], "tables": [{"rows": rows}]})
    me = units.Profile(name="梁平区民政局", level="区县部门", groups=["区政府各部门"])
    got = [a.match.role for a in service.analyse(p, me)]
    assert got == ["责任", "责任", "可能涉及"]


# 5. a list addressed to one unit --------------------------------------------------------------------------------
def test_5_no_unit_column_every_row_is_the_units(tmp_path):
    rows = [["序号", "工作任务", "完成时限"], ["1", "规范办理依申请公开", "持续推进"], ["2", "加强宣传", "年底前"]]
    p = _read(tmp_path, {"above": ["青川县民政局2023年政务公开工作任务分解表"], "tables": [{"rows": rows}]})
    assert p.addressee == "青川县民政局" and p.year == 2023
    me = units.Profile(name="青川县民政局", level="县级部门")
    assert [a.match.role for a in service.analyse(p, me)] == ["责任", "责任"]
    other = units.Profile(name="青川县财政局", level="县级部门")
    assert [a.match.role for a in service.analyse(p, other)] == ["不涉及", "不涉及"]


def test_5_internal_list_by_keshi(tmp_path):
    p = _read(tmp_path, {"above": ["池州市信访局政务公开重点任务清单"],
                         "tables": [{"rows": [["工作任务", "<", "具体要求", "责任科室", "时限要求"]] + CZ_ROWS}]})
    assert p.addressee == "池州市信访局"
    rows = service.analyse(p, units.Profile(name="池州市信访局", level="市级部门"))
    assert {a.match.role for a in rows} == {"责任"}
    assert "各科室（含本科室）" in rows[1].match.reason and "办公室" in rows[0].match.reason


# 6. deadlines ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, due, flag", [
    ("2020年年底前", "date", "2020-12-31", ""),  # in a 2023 list: the written year wins
    ("到2023年", "date", "2023-12-31", ""),
    ("2022年6月底前", "date", "2022-06-30", ""),
    ("6月10日至7月10日", "text", None, "range"),
    ("每月8日前", "recurring", None, ""),
    ("1个工作日内", "text", None, "relative"),
    ("持续推进", "ongoing", None, ""),
])
def test_6_deadlines(text, kind, due, flag):
    d = deadlines.parse(text, year=2023)
    assert (d.kind, d.due.isoformat() if d.due else None, d.flag) == (kind, due, flag)


def test_6_a_month_in_a_progress_note_is_no_deadline(tmp_path):
    rows = [["序号", "工作任务", "具体要求", "责任单位", "落实情况"],
            ["1", "政策解读", "做好政策解读。", "区政府办公室", "5月份已开展解读2次"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert p.tasks[0].deadline_text == "" and p.tasks[0].note == "5月份已开展解读2次"


# 7. categories: merged rows, 一级/二级 columns, numbered prefixes -----------------------------------------------
def test_7_categories_in_columns_and_prefixes_never_glued(tmp_path):
    desc = json.loads((HERE / "hb_jingzhou_2022.json").read_text(encoding="utf-8"))
    p = _read(tmp_path, {"tables": desc["tables"]})
    t = p.tasks[0]
    # 工作任务 spanning 一、 | （一） columns: the first the category, the one under its own name the task
    assert (t.category, t.task, t.seq) == ("一、以公开助力经济平稳健康发展。", "（一）加强涉及市场主体的信息公开。", "1")
    assert t.measure.startswith("进一步增强") and t.subcategory == ""
    desc = json.loads((HERE / "gd_jiangmen_tdcb.json").read_text(encoding="utf-8"))
    q = _read(tmp_path, {"tables": desc["tables"]}, "jm")
    assert (q.tasks[2].category, q.tasks[2].seq, q.tasks[2].measure) == (
        "二、做好政府网站专栏信息公开。", "3", "及时反馈网民对调查征集信息的意见。")


def test_7_section_rows_across_the_table(tmp_path):
    rows = [["序号", "工作任务", "责任科室"], ["一、做好主动公开", "<", "<"], ["1", "规范专栏", "办公室"],
            ["（一）依申请公开", "<", "<"], ["2", "规范办理", "各科室"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [(t.category, t.subcategory, t.task) for t in p.tasks] == [
        ("一、做好主动公开", "", "规范专栏"), ("一、做好主动公开", "（一）依申请公开", "规范办理")]


def test_7_numbers_before_the_task_and_chinese_item_numbers(tmp_path):
    """南平市: “1.” before the 工作任务 when a 工作要求 column follows; 台山市: “（一）” before each 具体要求 of a
    category is the item's number, not a subcategory."""
    np_ = json.loads((HERE / "fj_nanping_2021.json").read_text(encoding="utf-8"))
    p = _read(tmp_path, {"format": "docx", "tables": np_["tables"]})
    assert (p.tasks[0].seq, p.tasks[0].task) == ("1", "主动公开“十四五”规划纲要、国土空间规划、专项规划和区域规划等")
    assert p.tasks[0].measure.startswith("通过本级政府门户网站")
    ts = json.loads((HERE / "gd_taishan_2019.json").read_text(encoding="utf-8"))
    q = _read(tmp_path, {"tables": ts["tables"]}, "ts")
    assert [(t.seq, t.subcategory) for t in q.tasks[:2]] == [("(一)", ""), ("(二)", "")]
    assert q.tasks[1].measure.startswith("对人民群众") and q.tasks[1].category == "一、深入解读重要政策措施"


# 8. Word: vMerge/gridSpan, one table per category, a table continued over pages with its header repeated -------
def test_8_word_one_table_per_category_and_repeated_headers(tmp_path):
    head = ["工作任务", "<", "具体要求", "责任科室", "时限要求"]
    desc = {"format": "docx", "above": ["池州市信访局政务公开重点任务清单"], "tables": [
        {"before": [], "rows": [head] + CZ_ROWS[:2]},
        {"before": ["二、主动公开"], "rows": [head] + CZ_ROWS[2:4], "repeat_header": [0]},
        {"before": [], "rows": [head] + CZ_ROWS[4:]},
    ]}
    p = _read(tmp_path, desc)
    assert [t.seq for t in p.tasks] == [str(i) for i in range(1, 9)]
    assert p.tasks[1].category == "" and p.tasks[2].category == "二、主动公开" and p.tasks[7].category == "二、主动公开"
    assert p.tasks[3].task == "做好主动公开基础工作"  # vMerge continued down
    assert tasklist.list_sheets(tmp_path / "list.docx")[0].name == "表格1"  # one list, not three tables to pick


def test_uncertain_columns_listed_by_dry_run_json(tmp_path, capsys):
    from gwdesk.cli import main
    _read(tmp_path, {"above": ["池州市信访局政务公开重点任务清单"],
                     "tables": [{"rows": [["工作任务", "具体要求", "责任科室", "时限要求"]] + CZ_ROWS}]})
    assert main(["tasks", "import", str(tmp_path / "list.xlsx"), "--dry-run", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["needs_mapping"] and doc["addressee"] == "池州市信访局"
    unsure = {u["column"]: u for u in doc["uncertain_columns"]}
    assert set(unsure) == {2, 3, 4, 5}
    assert unsure[5]["proposed"] == "完成时限" and "右移" in unsure[5]["why"] and unsure[5]["confidence"] < 0.8


def test_8_word_cells_spanning_columns_and_units_on_lines(tmp_path):
    """南平市 (docx): a 工作任务 cell across 工作要求 is a task with no requirement; units stacked one per line
    (Shift+Enter) stay apart; “各县(市、区)政府” is one unit."""
    rows = [["工作任务", "工作要求", "牵头单位", "责任单位"],
            ["5.及时公开落实举措", "<", "市发改委\n市市场监管局\n市商务局", "市直有关部门,各县(市、区)政府"]]
    t = _read(tmp_path, {"format": "docx", "tables": [{"rows": rows}]}).tasks[0]
    assert (t.seq, t.task, t.measure) == ("5", "及时公开落实举措", "")
    assert t.lead_units == ["市发改委", "市市场监管局", "市商务局"]
    assert t.resp_units == ["市直有关部门", "各县(市、区)政府"]
    x = _read(tmp_path, {"tables": [{"rows": rows}]}, "x").tasks[0]  # Excel: Alt+Enter lines, the same
    assert x.lead_units == ["市发改委", "市市场监管局", "市商务局"]


def test_never_wrong_silently_unit_names_read_oddly_are_asked(tmp_path):
    """A unit cell in a way the reader does not know leaves names that are no units: that column is unsure."""
    from gwdesk.io.tasklist.units import looks_like_unit
    assert all(looks_like_unit(u) for u in ["区委党校", "各镇(街)", "经开区", "市政府办公室", "广电旅游和公共服务股(行政审批服务股)"])
    assert not any(looks_like_unit(u) for u in ["各镇(街)向上对接", "按职能分工", "认真组织"])
    rows = [["工作任务", "责任单位"], ["规范专栏", "办公室"], ["规范办理", "各镇(街)向上对接"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert p.needs_mapping and [g.column for g in p.uncertain_columns()] == [1]
    assert "各镇(街)向上对接" in p.uncertain_columns()[0].why
