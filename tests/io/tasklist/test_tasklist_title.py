"""Title stage (table.describe, table._addressee): the title, issuer, year and addressee from the lines above."""

from __future__ import annotations

import pytest
from tasklist_support import read as _read

from gwdesk.core.tasks import deadlines
from gwdesk.io.tasklist.table import describe


def test_numbered_lines_above_the_table_are_no_title(tmp_path):
    """A county 局: “一、工作要点”, “1.…”, “二、重点工作任务分解” run above the table: none is the title or the issuer."""
    p = _read(tmp_path, {"format": "docx", "above": ["一、工作要点", "1.深入推进政策解读,创新解读形式。"],
                         "tables": [{"before": ["二、重点工作任务分解"],
                                     "rows": [["重点任务", "工作内容", "负责科室"], ["政策解读", "对政策文件进行全面解读。", "各责任科室"]]}]})
    assert p.issuer == "" and p.year is None
    q = _read(tmp_path, {"format": "docx", "above": ["江门市卫生健康局2021年政务公开工作要点分工方案"],
                         "tables": [{"rows": [["工作任务", "具体要求", "责任科室"], ["一、做好财政信息公开", "1.推进预算公开。", "局财务科"]]}]}, name="q")
    assert (q.issuer, q.year, q.addressee) == ("江门市卫生健康局", 2021, "江门市卫生健康局")


@pytest.mark.parametrize("line, issuer", [
    ("元马镇人民政府基层政务公开标准目录", "元马镇人民政府"),  # 基层 is no part of the name
    ("涉农资金领域基层政务公开标准目录", ""),  # no unit or place named
    ("池州市信访局政务公开重点任务清单", "池州市信访局"),
    ("重庆高新区贯彻落实国务院办公厅2021年政务公开工作要点任务分解表", "重庆高新区"),
])
def test_issuer_ends_where_a_unit_or_place_name_ends(line, issuer):
    assert describe([line], "")[1] == issuer


@pytest.mark.parametrize("lines, issuer", [
    (["现将《赣州市2023年政务公开工作方案》印发给你们，请结合实际认真抓好贯彻落实。", "赣州市2023年政务公开工作方案"], "赣州市"),
    (["各县（区）人民政府：", "2021年泰山区政务公开工作要点"], "泰山区"),
])
def test_a_sentence_is_no_title(lines, issuer):
    from gwdesk.io.tasklist.table import describe
    assert describe(lines, "x")[1] == issuer


@pytest.mark.parametrize("title, issuer, year", [
    ("2018年泰山区政务公开重点工作任务分解表", "泰山区", 2018),
    ("2017年西藏自治区政务公开重点工作任务分工", "西藏自治区", 2017),
    ("重庆高新区贯彻落实国务院办公厅2021年政务公开工作要点任务分解表", "重庆高新区", 2021),
    ("荆州市2022年政务公开任务分解责任清单", "荆州市", 2022),
    ("2022年11—12月政务公开重点工作任务清单", "", 2022),
    ("2021年政务公开工作主要任务分解表", "", 2021),
])
def test_issuer_before_or_after_the_year(title, issuer, year):
    _, got, got_year, _ = describe([title], "x")
    assert (got, got_year) == (issuer, year)


def test_word_title_with_a_line_break_stays_one_title(tmp_path):
    rows = [["序号", "工作任务", "责任单位"], ["1", "政策解读", "区政府办公室"]]
    p = _read(tmp_path, {"above": ["2018年泰山区\n政务公开重点工作任务分解表"], "tables": [{"rows": rows}]}, "docx")
    assert (p.title, p.issuer, p.year) == ("2018年泰山区政务公开重点工作任务分解表", "泰山区", 2018)


def test_year_from_the_deadlines_when_the_title_has_none(tmp_path):
    # 禹会区 整改清单: no year in the title, every 时限 cell says 2020 → 年底前 is 2020-12-31
    rows = [["序号", "重点任务", "完成时限及要求", "责任单位"],
            ["1", "疫情防控", "2020年6月30日前,完成自查整改", "区卫生健康委"],
            ["2", "污染防治信息公开", "2020年6月30日前,完成自查整改,年底前模板化公开", "生态环境分局"]]
    p = _read(tmp_path, {"above": ["禹会区政务公开专项行动整改清单"], "tables": [{"rows": rows}]}, "xlsx")
    assert p.year == 2020
    assert deadlines.parse(p.tasks[1].deadline_text, year=p.year).due.isoformat() == "2020-12-31"
    rows[2][2] = "2021年6月30日前"
    rows.append(["3", "预决算公开", "2022年底前", "区财政局"])
    assert _read(tmp_path, {"above": ["禹会区整改清单"], "tables": [{"rows": rows}]}, "xlsx").year is None  # no agreement


def test_title_row_after_an_empty_leading_column(tmp_path):
    rows = [["", "石羊镇义务教育领域基层政务公开标准目录", "<", "<"],
            ["", "工作任务", "具体要求", "责任单位"], ["", "招生政策", "公开招生办法。", "镇中心学校"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert p.title == "石羊镇义务教育领域基层政务公开标准目录" and p.issuer == "石羊镇"


def test_annex_label_and_salutation_are_not_the_title():
    title = "石羊镇义务教育领域基层政务公开标准目录"
    assert describe(["附件1", title], "x")[0] == title
    assert describe(["附件 2：", "各有关单位：", title], "x")[0] == title
    assert describe(["附表一", "各有关单位："], "stem")[0] == "stem"


def test_addressee_from_a_column_of_科室_written_one_a_line(tmp_path):
    rows = [["工作任务", "具体要求", "责任部门"],
            ["一、做好规划公开", "1.公开规划。", "办公室\n各股室\n属下单位"],
            ["二、做好财政公开", "2.公开预决算。", "财务股"]]
    desc = {"above": ["江门市文化广电旅游体育局政务公开工作任务清单"], "tables": [{"rows": rows}]}
    p = _read(tmp_path, desc)
    assert p.tasks[0].resp_units == ["办公室", "各股室", "属下单位"]
    assert p.addressee == "江门市文化广电旅游体育局"


@pytest.mark.parametrize("title, addressee", [
    ("2024年3月财政局政务公开重点工作完成情况", "财政局"),  # the date the title starts with is no part of the name
    ("2024年财政局政务公开工作要点", "财政局"),
    ("2024年第一季度县财政局政务公开重点工作", "县财政局"),
    ("青川县民政局2021年政务公开工作任务清单", "青川县民政局"),
])
def test_the_addressee_in_a_title_is_a_units_name_never_a_date(tmp_path, title, addressee):
    rows = [["序号", "重点工作", "责任科室"], ["1", "预决算公开", "预算股"], ["2", "政策解读", "各股室"]]
    assert _read(tmp_path, {"above": [title], "tables": [{"rows": rows}]}).addressee == addressee


# ---- each word of the vocabulary the title stage's patterns are built from is read (issue 22) ----------------

from gwdesk.core.tasks import vocabulary as voc  # noqa: E402
from gwdesk.io.tasklist import table  # noqa: E402


@pytest.mark.parametrize("word", voc.TITLE_WORDS)
def test_the_line_naming_what_the_document_is_is_the_title(word):
    assert describe(["某县人民政府办公室", f"某县2024年政务公开工作{word}"], "文件")[0] == f"某县2024年政务公开工作{word}"


@pytest.mark.parametrize("word", voc.ANNEX_WORDS)
def test_an_annex_label_is_no_title(word):
    assert describe([f"{word[0]} {word[1]}1", "某县政务公开"], "文件")[0] == "某县政务公开"


@pytest.mark.parametrize("word", voc.ISSUER_STOP_WORDS)
def test_the_issuer_ends_before_a_stop_word(word):
    assert describe([f"某县{word}清单"], "文件")[1] == "某县"


@pytest.mark.parametrize("word", voc.ISSUER_CUT_WORDS)
def test_the_issuer_is_cut_at_a_cut_word(word):
    assert describe([f"某县{word}国务院办公厅2021年政务公开工作要点"], "文件")[1] == "某县"


@pytest.mark.parametrize("brackets", list(zip(voc.DOC_NO_OPEN, voc.DOC_NO_CLOSE)))
def test_the_year_of_a_doc_number_in_each_bracket(brackets):
    o, c = brackets
    assert describe(["某县政务公开工作要点", f"某政办{o}2015{c}101号"], "文件")[2] == 2015


@pytest.mark.parametrize("when", [f"第{n}季度" for n in voc.QUARTER_NUMBERS] + list(voc.HALF_YEARS))
def test_a_period_the_title_starts_with_is_no_part_of_the_addressee(when):
    assert table._WHEN.match(f"2024年{when}财政局政务公开").end() == len(f"2024年{when}")


@pytest.mark.parametrize("sep", voc.RANGE_SEPARATORS)
def test_a_title_naming_a_range_of_years_is_the_first_years(sep):
    """北京市政务公开工作重点任务分工(2016-2020年) (batch 8): made in 2016 for five years — its year is 2016, not 2020."""
    title, issuer, year, _ = describe([f"北京市政务公开工作重点任务分工(2016{sep}2020年)"], "文件")
    assert (issuer, year) == ("北京市", 2016)
    assert describe([f"某县2016年{sep}2020年政务公开工作任务清单"], "文件")[2] == 2016
