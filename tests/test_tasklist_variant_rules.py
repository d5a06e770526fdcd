"""Rules added after the layout variants (tests/test_tasks_variants.py, session h12f): the same list laid out
another way reads the same. One test each."""

from __future__ import annotations

from tasklist_support import read as _read

from gwdesk.io.tasklist.table import describe

SECTIONED = [["工作任务", "具体要求", "责任单位"],
             ["一、做好规划公开", "1.公开“十四五”规划纲要。", "市发改委"],
             ["^", "2.公开专项规划。", "市有关部门"],
             ["二、做好财政信息公开", "3.公开预决算。", "市财政局"],
             ["^", "4.公开政府债务信息。", "市财政局"]]


def test_header_repeated_mid_sheet_is_not_a_row_and_does_not_change_the_columns(tmp_path):
    # the header typed again where the printout breaks: a 工作任务 column of “一、…” cells is still the category
    rows = SECTIONED[:3] + [SECTIONED[0]] + SECTIONED[3:]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [t.category for t in p.tasks] == ["一、做好规划公开"] * 2 + ["二、做好财政信息公开"] * 2
    assert [t.seq for t in p.tasks] == ["1", "2", "3", "4"]
    assert not p.needs_mapping


def test_word_table_continued_with_repeated_header(tmp_path):
    desc = {"tables": [{"rows": SECTIONED[:3], "repeat_header": [0]}, {"rows": [SECTIONED[0]] + SECTIONED[3:]}]}
    p = _read(tmp_path, desc, fmt="docx")
    assert [t.category for t in p.tasks] == ["一、做好规划公开"] * 2 + ["二、做好财政信息公开"] * 2
    assert p.mapping[0] == "category"


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


def test_word_table_continued_without_header_whose_last_column_is_blank(tmp_path):
    # the second table carries on the list; its 完成情况 column is empty all the way down (Word still draws it)
    head = ["工作任务", "具体要求", "责任单位", "完成情况"]
    desc = {"tables": [{"rows": [head, ["一、做好规划公开", "1.公开规划纲要。", "市发改委", "已完成"]]},
                       {"rows": [["二、做好财政信息公开", "2.公开预决算。", "市财政局", ""]]}]}
    p = _read(tmp_path, desc, fmt="docx")
    assert [(t.category, t.resp_units) for t in p.tasks] == [("一、做好规划公开", ["市发改委"]),
                                                             ("二、做好财政信息公开", ["市财政局"])]


def test_header_one_cell_ahead_after_an_empty_margin_column(tmp_path):
    # 舒城县: 负责领导 | 序号 | 重点工作 … over rows that start with the 序号, the sheet starting in column B
    rows = [["", "负责领导", "序号", "重点工作", "基本措施", "牵头部门", "责任部门", "完成情况"],
            ["", "1", "推进书香城市建设。", "1.做好悦书房免费开放。", "县文旅体局", "县图书馆", "已开放", ""],
            ["", "2", "开展文化惠民工程。", "2.做好农村电影放映。", "县文旅体局", "县文化馆", "已完成", ""]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [(t.seq, t.task, t.lead_units) for t in p.tasks] == [("1", "推进书香城市建设。", ["县文旅体局"]),
                                                                ("2", "开展文化惠民工程。", ["县文旅体局"])]
    assert p.needs_mapping  # the shift is asked, as without the margin


def test_units_parted_by_semicolons_before_a_role_share_it_and_are_asked(tmp_path):
    from gwdesk.io.tasklist.units import roles, units_before_role
    text = "市金融办；人民银行潍坊市中心支行；潍坊银监分局分别牵头落实"
    assert roles(text, "resp") == (["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"], [])
    assert units_before_role(text)
    assert not units_before_role("区发改委牵头；区财政局") and not units_before_role("市直有关部门；各镇(街)")
    assert not units_before_role("牵头单位：区发改委；责任单位：区财政局")
    rows = [["工作任务", "责任单位"], ["加强预期引导", text], ["做好解读", "市发改委牵头落实"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert p.tasks[0].lead_units == ["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"]
    assert [g.column for g in p.uncertain_columns()] == [1] and p.needs_mapping


def test_header_repeated_with_a_cell_left_empty_is_not_a_task(tmp_path):
    head = ["序号", "项目名称", "主要内容", "牵头单位", "完成情况"]
    rows = [head, ["1", "增加教育资源供给", "新建学校12个。", "教育局", ""],
            ["序号", "项目名称", "主要内容", "牵头单位", ""],  # the 完成情况 word not typed again
            ["2", "促进就业稳定增长", "新增就业1万人。", "人社局", ""]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [t.task for t in p.tasks] == ["增加教育资源供给", "促进就业稳定增长"]
    # a task row sharing only its first word with the header is still a task
    rows[2] = ["序号", "做好解读", "", "", ""]
    assert len(_read(tmp_path, {"tables": [{"rows": rows}]}, name="b").tasks) == 3


def test_a_line_after_a_whole_body_is_the_next_unit():
    from gwdesk.io.tasklist.units import join_lines
    assert join_lines("各县市区政府\n各乡镇政府\n街道办事处") == "各县市区政府、各乡镇政府、街道办事处"
    assert join_lines("梁平区\n人民政府") == "梁平区人民政府"  # a place's name goes on with its body
    assert join_lines("市数据资源局\n（市政务服务中心）") == "市数据资源局（市政务服务中心）"


def test_addressee_from_a_column_of_科室_written_one_a_line(tmp_path):
    rows = [["工作任务", "具体要求", "责任部门"],
            ["一、做好规划公开", "1.公开规划。", "办公室\n各股室\n属下单位"],
            ["二、做好财政公开", "2.公开预决算。", "财务股"]]
    desc = {"above": ["江门市文化广电旅游体育局政务公开工作任务清单"], "tables": [{"rows": rows}]}
    p = _read(tmp_path, desc)
    assert p.tasks[0].resp_units == ["办公室", "各股室", "属下单位"]
    assert p.addressee == "江门市文化广电旅游体育局"


LOST = [["序号", "工作任务", "具体要求", "责任单位", "完成时限"],
        ["1", "做好疫情防控信息发布", "公开隔离管控政策。", "应急处", "长期推进"],
        ["", "", "公开疫苗接种点。", "疾控处", ""],
        ["2", "做好财政信息公开", "公开预决算。", "财务处", "年底前"],
        ["3", "", "公开政府债务信息。", "", ""]]


def test_blank_cells_under_a_task_where_nothing_is_merged_take_the_text_above_and_are_asked(tmp_path):
    p = _read(tmp_path, {"tables": [{"rows": LOST}]})
    assert [(t.seq, t.task, t.resp_units, t.deadline_text) for t in p.tasks] == [
        ("1", "做好疫情防控信息发布", ["应急处"], "长期推进"), ("1", "做好疫情防控信息发布", ["疾控处"], "长期推进"),
        ("2", "做好财政信息公开", ["财务处"], "年底前"), ("3", "做好财政信息公开", ["财务处"], "年底前")]
    assert [g.column for g in p.uncertain_columns()] == [0, 1, 3, 4]
    assert "合并单元格丢失" in p.reasons[0]


def test_blank_cells_in_a_list_that_merges_down_stay_blank(tmp_path):
    rows = [list(r) for r in LOST]
    rows[2][0] = rows[2][1] = "^"  # the office merges: a blank cell is blank
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [(t.task, t.resp_units, t.deadline_text) for t in p.tasks][3] == ("", [], "")
    assert not p.needs_mapping


def test_a_numbered_requirement_alone_right_of_the_first_column_is_a_row_not_a_section(tmp_path):
    rows = [["工作任务", "具体要求", "责任单位"],
            ["一、深入解读重要政策", "(一)按照“谁起草、谁解读”原则做好解读。", "市直各单位"],
            ["", "(二)对关注度高的文件做好解读。", ""],
            ["二、积极回应关切", "(三)做好舆情回应。", "市直各单位"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [(t.seq, t.category) for t in p.tasks] == [("(一)", "一、深入解读重要政策"), ("(二)", "一、深入解读重要政策"),
                                                      ("(三)", "二、积极回应关切")]
    assert p.tasks[1].resp_units == ["市直各单位"] and p.needs_mapping


def test_section_rows_give_the_category_so_a_spanned_sub_column_is_the_subcategory(tmp_path):
    rows = [["工作任务", "<", "具体要求", "责任单位"],
            ["一、主动公开", "<", "<", "<"],
            ["基础信息公开", "行政规范性文件", "做好行政规范性文件的集中公开。", "区司法局"],
            ["^", "政策解读", "做好政策解读。", "区政府办"]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert [(t.category, t.subcategory, t.task) for t in p.tasks] == [
        ("一、主动公开", "基础信息公开", "行政规范性文件"), ("一、主动公开", "基础信息公开", "政策解读")]


def test_a_header_over_one_lower_label_keeps_its_field(tmp_path):
    # 公开事项 over 二级事项 alone (the 一级 given by section rows): the column is the 公开事项, not a 二级 category
    rows = [["序号", "公开事项", "公开内容", "公开主体", "公开对象", "<"],
            ["^", "二级事项", "^", "^", "全社会", "特定群体"],
            ["招生管理", "<", "<", "<", "<", "<"],
            ["1", "招生政策", "随迁子女入学办法。", "区教育局", "√", ""]]
    p = _read(tmp_path, {"tables": [{"rows": rows}]})
    assert (p.tasks[0].category, p.tasks[0].task, p.tasks[0].subcategory) == ("招生管理", "招生政策", "")


def test_a_form_row_under_the_list_is_no_task_and_does_not_change_the_columns(tmp_path):
    form = ["填报单位（盖章）：", "填报人：", "联系电话："]
    desc = {"tables": [{"rows": SECTIONED}, {"rows": [form]}]}  # a form table as wide as the list, in Word
    p = _read(tmp_path, desc, fmt="docx")
    assert [t.seq for t in p.tasks] == ["1", "2", "3", "4"] and p.mapping[0] == "category"
    assert not p.needs_mapping
    p = _read(tmp_path, {"tables": [{"rows": SECTIONED + [form]}]}, name="x")  # its last row, in Excel
    assert len(p.tasks) == 4 and not p.needs_mapping


def test_a_table_per_category_the_first_category_above_the_first_header(tmp_path):
    head = ["序号", "工作任务", "责任单位"]
    desc = {"above": ["2025年政务公开工作任务清单"],
            "tables": [{"before": ["一、深化政策公开"], "rows": [head, ["1", "公开规划纲要。", "县发改委"]]},
                       {"before": ["二、做好财政公开"], "rows": [head, ["2", "公开预决算。", "县财政局"]]}]}
    p = _read(tmp_path, desc, fmt="docx")
    assert [t.category for t in p.tasks] == ["一、深化政策公开", "二、做好财政公开"]
    assert p.title == "2025年政务公开工作任务清单"
    # one table under a numbered heading of the document: no category from it
    one = {"above": ["2025年政务公开工作任务清单", "一、重点任务"], "tables": [{"rows": [head, ["1", "公开规划。", "县发改委"]]}]}
    assert _read(tmp_path, one, fmt="docx", name="one").tasks[0].category == ""
