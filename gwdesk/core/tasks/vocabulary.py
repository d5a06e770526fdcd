"""The task-list vocabulary, as data: the words offices use, from which the reader's and the matcher's patterns
are built. A new wording is a line here plus a test, not a new regular expression in a pass.

Reviewed data only: tuples and dicts of plain strings. `gwdesk.io.tasklist` (reading) and
`gwdesk.core.tasks.matching` (which rows are the unit's) build their patterns from these names.
"""

from __future__ import annotations

# ---- header words ----------------------------------------------------------------------------------------
# a header cell's words (spaces removed, a trailing bracket dropped) → the field its column holds
HEADER_WORDS = {
    "序号": "seq", "编号": "seq",
    "一级": "category", "一级指标": "category", "目标": "category", "类别": "category", "工作类别": "category",
    "分类": "category", "工作目标": "category", "领域": "category", "类型": "category",
    "二级": "subcategory", "二级指标": "subcategory",
    "工作任务": "task", "重点任务": "task", "任务": "task", "任务名称": "task", "目标任务": "task",
    "工作事项": "task", "任务事项": "task", "三级指标": "task", "重点工作": "task", "工作项目": "task", "事项": "task",
    "主要内容": "measure", "贯彻举措": "measure", "具体措施": "measure", "工作内容": "measure",
    "工作措施": "measure", "具体内容": "measure", "任务内容": "measure", "落实举措": "measure",
    "主要措施": "measure", "工作要求": "measure", "具体任务": "measure", "具体要求": "measure",
    "任务分解": "measure", "工作举措": "measure", "重点内容": "measure", "任务要求": "measure",
    "细化分工": "measure", "目标清单": "measure",
    "牵头单位": "lead", "牵头部门": "lead", "牵头科室": "lead", "牵头处室": "lead", "牵头股室": "lead",
    "主办单位": "lead", "主办科室": "lead", "主办处室": "lead",
    # 主要责任单位 | 协同配合单位 (政府工作报告 breakdowns): the main unit leads, the others work with it
    "主要责任单位": "lead", "主要责任部门": "lead", "主责单位": "lead", "主责部门": "lead",
    "主要负责单位": "lead", "主要负责部门": "lead",
    "协同配合单位": "resp", "协同单位": "resp", "协同责任单位": "resp", "协同配合部门": "resp",
    "责任单位": "resp", "配合单位": "resp", "责任部门": "resp", "配合部门": "resp", "责任科室": "resp",
    "参与单位": "resp", "协办单位": "resp", "承办单位": "resp", "责任股室": "resp", "责任处室": "resp",
    "实施单位": "resp", "落实单位": "resp", "责任主体": "resp", "协办科室": "resp", "协办处室": "resp",
    "负责单位": "resp", "负责部门": "resp", "负责科室": "resp", "负责处室": "resp", "负责股室": "resp",
    "完成时限": "deadline", "时限要求": "deadline", "完成时间": "deadline", "时间节点": "deadline",
    "时限": "deadline", "完成期限": "deadline", "时间安排": "deadline", "进度安排": "deadline",
    "时间要求": "deadline",
    "公开路径": "path", "公开渠道": "path", "公开方式": "path",
    "备注": "note", "推进落实情况": "note", "完成情况": "note", "落实情况": "note", "进展情况": "note",
    "工作进展": "note", "进展落实情况": "note",
    # 民生实事 / 政府工作报告 lists
    "民生实事": "task", "实事项目": "task", "项目名称": "task", "民生实事项目": "task", "目标要求": "note",
    "完成效果评价": "note", "效果评价": "note",
    # a person, not a unit: kept as a note, never read as 责任单位 (责任人 contains 责任)
    "责任领导": "note", "分管领导": "note", "牵头领导": "note", "负责领导": "note", "联系领导": "note",
    "责任人": "note", "具体责任人": "note", "联系人": "note", "区政府分管领导": "note", "县政府分管领导": "note",
    "市政府分管领导": "note", "分管区领导": "note", "分管县领导": "note", "分管市领导": "note",
    "牵头区领导": "note", "牵头县领导": "note", "牵头市领导": "note",
    # 基层政务公开标准目录: what to publish, by whom, how fast
    "公开事项": "task", "公开内容": "measure", "公开时限": "deadline", "公开主体": "resp",
    "公开渠道和载体": "path", "公开载体": "path", "公开依据": "note",
}
# words a longer header contains (first match wins), when it is not one of the words above
HEADER_PARTS = (
    ("牵头", "lead"), ("主要责任", "lead"), ("主责", "lead"), ("责任", "resp"), ("配合", "resp"), ("承办", "resp"),
    ("时限", "deadline"), ("时间", "deadline"), ("进度", "deadline"), ("期限", "deadline"), ("节点", "deadline"),
    ("情况", "note"), ("进展", "note"), ("举措", "measure"), ("措施", "measure"), ("内容", "measure"),
    ("要求", "measure"), ("任务", "task"), ("公开路径", "path"), ("序号", "seq"), ("备注", "note"),
    ("一级", "category"), ("二级", "subcategory"),
    # a second column of units (局内处室, 市直单位): a unit column too, never 备注
    ("处室", "resp"), ("科室", "resp"), ("股室", "resp"), ("单位", "resp"), ("部门", "resp"),
)

# the office's own column for the units to report progress in (fill-back writes there)
PROGRESS_HEADERS = ("完成情况", "落实情况", "进展情况", "推进情况", "工作进展", "进展", "办理情况")

# a header naming a person, whatever else it says (责任人员, 工作责任人, 责任人及联系电话, 县级包抓领导): a note, never units
PERSON_HEADER_WORDS = ("责任人", "负责人", "联系人", "经办人", "具体人")
PERSON_HEADER_END_WORDS = ("领导",)
# an 整改台账's problem column (存在问题, 问题描述): the task to fix — its words before and after 问题
PROBLEM_WORD = "问题"
PROBLEM_BEFORE_WORDS = ("存在", "主要", "突出", "具体")
PROBLEM_AFTER_WORDS = ("描述", "表现", "清单", "内容")
# ticks under 全社会 / 主动公开 … columns: a cell holding one of these marks nothing a task needs
MARK_CHARS = "√✓✔☑■□●○◎★☆×✗✘"
# a cell holding only these (“——”, “/”) holds nothing
PLACEHOLDER_CHARS = "—–―─-－/／\\ "
# the labels a publishing path is written inside a measure with (“（公开路径：政府网站）”)
PATH_LABELS = ("公开路径",)

# ---- titles ----------------------------------------------------------------------------------------------
# a title line names what the document is with one of these (the first such line above the table is the title)
TITLE_WORDS = ("清单", "任务", "要点", "方案", "分工", "台账", "分解")
# “附件1” / “附表2” above a table: a label, not the title (its characters may be spaced: “附 件”)
ANNEX_WORDS = ("附件", "附表")
# a title's issuer ends before these (“泰山区政务公开…” → 泰山区) …
ISSUER_STOP_WORDS = ("政务公开", "关于", "重点", "工作要点", "任务")
# … and a title's head is cut at these (“重庆高新区贯彻落实国务院办公厅2021年…” → 重庆高新区)
ISSUER_CUT_WORDS = ("关于", "贯彻", "落实", "印发")

# ---- numbering and brackets ----------------------------------------------------------------------------------
# how items are numbered: 一、 (a category), （一） (a subcategory), 1. / 1、 / 1． (an item)
CN_NUMERALS = "一二三四五六七八九十"
NUMBER_ENDS = "、.．"
# round brackets (（一）, （牵头）, a name's trailing “（区金融办）”): the opening and the closing ones
ROUND_OPEN = "（("
ROUND_CLOSE = "）)"
# an item's roles may stand after it in any of these (“（牵头单位：…）”, 〔…〕, 【…】, […])
ROLE_OPEN = "（([【〔"
ROLE_CLOSE = "）)]】〕"
# a 文号's year stands in one of these (豫政办〔2015〕101号)
DOC_NO_OPEN = "〔[【(（"
DOC_NO_CLOSE = "〕]】)）"
# what parts the units of a cell: 、，；(and “A/B” in a unit cell)
UNIT_SEPARATORS = "、，,；;"
UNIT_SEPARATORS_IN_CELL = UNIT_SEPARATORS + "/"
# what ends a clause of a unit cell (“A牵头；B配合。”) and what parts the clauses of an item's closing sentence
CLAUSE_ENDS = "；;。"
CLAUSE_SEPARATORS = "，,；;"

# ---- units ---------------------------------------------------------------------------------------------
# the characters a unit's name ends with (…局, …委, …办, …中心); 等/和/及 after one starts the next unit
UNIT_END_CHARS = "局委办部室院厅会所中心站队处科股府组馆"
# the same endings as words (中心 whole, never 中 or 心 alone): for patterns matching a name's last word
UNIT_END_WORDS = tuple(c for c in UNIT_END_CHARS if c not in "中心") + ("中心",)
# “宣传处会办公室”: 会 (short for 会同) between two units' names — the endings the first name may have (not 委:
# 居委会, 管委会 are names; not 中心) and the second's (not 会 itself)
WITH_SHORT_FIRST_END = "".join(c for c in UNIT_END_CHARS if c not in "委会中心")
WITH_SHORT_SECOND_END = "".join(c for c in UNIT_END_CHARS if c not in "会中")
# a header column's cells read as units when they end so (besides UNIT_END_WORDS and GROUP_END_WORDS)
COLUMN_UNIT_END_WORDS = ("中心", "街道", "乡镇", "政府")
# the unit a group of its own belongs to (“市卫健委直属各单位”, “县教育局各股室”) ends with these
GROUP_OWNER_END_WORDS = ("局", "委", "办", "中心", "厅", "院", "政府", "办事处", "小组")
# an issuer the report can address by name (“县政府办公室：”) ends with these
ADDRESSABLE_END_WORDS = ("办公室", "政府", "办", "局", "委员会", "委", "中心", "小组")
# the words a whole body's name ends with (a line ending so is a unit of its own)
BODY_END_WORDS = ("政府", "局", "委员会", "办事处", "管委会")
# what goes on a body's name on the next line (“梁平区\n人民政府”)
BODY_NAME_GOES_ON = ("人民政府", "政府", "管委会", "党工委", "工委", "办事处", "委员会", "街道办")
# a line of a unit cell starting so goes on with the name above (“县\n人大”), never a unit of its own
LINE_GOES_ON_NAMES = ("人大", "政协")
# a line of a unit cell ending so (besides UNIT_END_CHARS and GROUP_END_WORDS) is a unit's whole name:
# a place or a company (“经开区”, “各街道”, “晋陵公司”)
LINE_END_WORDS = ("公司", "集团", "街道", "社区", "区", "镇")
# a group of units ends with these
GROUP_END_WORDS = ("单位", "部门")
# the unit's own divisions (科室, 股室, 处室) end with these
INTERNAL_END_WORDS = ("科", "股", "处", "室", "所", "站", "院")
INTERNAL_GROUPS = ("科室", "股室", "处室")
# a name outside the unit (局, 县, 街道…): a column naming these is not only the unit's own 科室
OUTSIDE_WORDS = ("局", "委", "政府", "县", "市", "区", "镇", "乡", "街道")
# what else a name in a unit cell may end with and still be a unit (places, companies, schools, 党组…)
OTHER_UNIT_END_WORDS = ("中心", "街道", "街", "镇", "乡", "村", "社区", "政府", "区", "县", "市", "主体", "机关",
                        "司", "团", "校", "台", "行", "社", "园", "联", "协", "厂", "场", "关", "段", "库", "报",
                        "党委", "党组", "旗", "州", "班", "机构")
# a list addressed to one unit names it in its title, ending like one of these (科/股/处 are divisions)
ADDRESSEE_END_WORDS = ("局", "委员会", "委", "办公室", "办", "中心", "院", "馆", "所", "站", "队", "政府",
                       "街道办事处", "街道", "镇", "乡")
# an issuer's name ends where a unit's or a place's name ends
ISSUER_END_WORDS = ("人民政府", "政府", "管委会", "委员会", "办公室", "办事处", "局", "委", "办", "中心", "省", "市",
                    "区", "县", "旗", "州", "盟", "镇", "乡", "街道")
PLACE_OR_OFFICE_END = ("省", "市", "区", "县", "旗", "州", "盟", "镇", "乡", "街道", "局", "委", "办", "中心")
# a closing bracket a name may end with (“区国资委(区金融工作办)”, “各乡镇<街道>”, “各镇〈街道〉”)
NAME_CLOSERS = ")）>〉》]】"
# a place's name ends with one of these; its rank (how high the place is) decides whose office it is
PLACE_RANK = {"省": 4, "市": 3, "州": 3, "盟": 3, "区": 2, "县": 2, "旗": 2, "镇": 1, "乡": 1}

# ---- roles ---------------------------------------------------------------------------------------------
# key–value role labels (“牵头单位：A、B，责任单位：C”): label → the column it fills
ROLE_LABELS = {
    "牵头负责领导": "leader", "责任领导": "leader", "牵头领导": "leader", "分管领导": "leader",
    "负责领导": "leader", "包抓领导": "leader",
    "主要责任单位": "lead", "牵头责任单位": "lead", "牵头单位": "lead", "牵头部门": "lead", "牵头科室": "lead",
    "牵头处室": "lead", "主办单位": "lead",
    "协同责任单位": "resp", "责任单位": "resp", "责任部门": "resp", "责任科室": "resp", "责任处室": "resp",
    "配合单位": "resp", "配合部门": "resp", "协办单位": "resp", "参与单位": "resp", "落实单位": "resp",
    "完成时限": "deadline", "完成时间": "deadline", "时间要求": "deadline", "时限要求": "deadline",
    "完成期限": "deadline", "时间节点": "deadline",
}
# verbs after a unit's name that give it a role: the lead's and the others' (longest first when matched)
LEAD_VERBS = ("牵头落实", "牵头负责", "牵头")
# the role words read inside a unit cell (units.roles): a unit's role is the word after it
LEAD_WORDS = ("牵头",)
HOST_WORD = "主办"  # a role only where a unit's words end (“局防控办主办、各工作组协办”), not in “局主办科室”
RESP_WORDS = ("参照落实", "参照执行", "负责落实", "具体落实", "负责", "配合", "参与", "协助", "协办", "落实", "承办")
HELPER_WORDS = ("配合", "参与", "协助", "协办")  # those who help: the one who 负责 then leads
DOER_WORDS = ("负责", "负责落实")  # who 负责 while others help (HELPER_WORDS) leads
# “按职责分工负责落实”, “按照职能分别落实”: one role phrase, never part of a unit's name
BY_DUTY = r"按(?:照)?职[责能](?:分工)?(?:分别|各自)?(?:负责落实|负责|落实)"
# what may follow the units of a “由X会同Y” or stand after them as the work (verbs ending a unit list)
VERB_TAIL_WORDS = ("参照落实", "参照执行", "分别负责", "分别落实", "负责落实", "具体落实", "共同负责", "负责", "落实",
                   "参与", "配合", "协助", "协办", "办理", "承办", "实施")
# an adverb before the role word is no part of the unit (“…分局分别牵头落实”)
ROLE_ADVERBS = ("分别", "各自", "共同", "联合", "协同", "具体", "统一")
RESP_VERBS = ("按照职责分工负责", "按照职责分工落实", "按照职能分工负责", "按照职能分别落实", "按照职责分别落实",
              "按职责分工负责", "按职责分工落实", "按职责分工分别落实", "按职责负责", "按职能分别落实",
              "分工负责", "分别落实", "分别负责", "负责落实", "具体落实", "共同负责", "配合落实", "参与落实",
              "负责", "配合", "参与", "协同", "协助")

# words that join two units' names (“市住建局等政府各有关部门”, “A和B”, “A及B”); 等 closing a list drops off
AND_WORDS = ("等", "和", "及", "以及")
ETC_WORD = "等"
# a unit cell's line (or clause) ending in one of these ends there (“区民政局牵头\n区农业局配合”)
ROLE_END_WORDS = ("牵头", "负责", "配合", "参与", "协助", "协办", "落实")
# “由X会同Y”: X leads, with Y (由 before a unit's name is no part of it)
WITH_WORDS = ("会同",)
BY_WORD = "由"
# “宣传处会办公室”: 会 alone between two names is short for 会同 — unless it starts one of these words
WITH_SHORT_WORD = "会"
NOT_WITH_SHORT_WORDS = ("会同", "会签", "会商", "会议")
# “…局等单位” / “…等有关单位”: what a list of units may end with before its group word
ETC_GROUP_WORDS = ("等", "等有关", "等相关")
# a line of a unit cell starting with one of these goes on with the line above (“区民政局\n牵头”)
LINE_GOES_ON_WORDS = ("按职责",)
# role words left on the end of a name (“局防控办主办”): no unit's name ends so
ROLE_LEFT_WORDS = ("主办", "协办", "会办", "承办", "督办", "牵头")
# a label before a colon in a unit cell (“牵头单位：”, “配合：”, “单位：”): its role part, then its unit part
LABEL_ROLE_WORDS = ("牵头", "责任", "配合", "协办", "参与", "承办")
LABEL_UNIT_WORDS = ("单位", "部门", "科室", "股室", "处室", "领导")
# “各县、市、区政府”: one group written with the places it covers; the places, what parts them, the bodies it names
GROUP_PLACE_CHARS = "省市州县区旗镇乡"  # each place may be written with several (“各市州、县市区人民政府”)
GROUP_PLACE_SEPARATORS = "、，,"
GROUP_BODY_WORDS = ("人民政府", "政府", "党委", "委员会")
# the unit's own divisions, named by a word before them (“各科室”, “有关股室”) or a start (“局属”, “下属”)
INTERNAL_GROUP_PREFIXES = ("各", "相关", "有关", "其他")
INTERNAL_START_WORDS = ("属下", "下属", "局属", "委属")

# “X均为责任单位”, “Y为牵头单位”: units, then a word saying what they are, then a role label (ROLE_LABELS)
ROLE_IS_WORDS = ("均为", "为", "均是", "是")
# a remark closing the roles' bracket that names no one (“…均为责任单位，以下不再列出”)
ROLE_REMARKS = ("以下不再一一列出", "以下不再列出", "以下不再列", "下同", "以下同")

# ---- collective addressees -------------------------------------------------------------------------------
# a name for many units at once (各…, …各部门, 有关单位, 全体成员单位): what a row may address the unit by
COLLECTIVE_MARKS = ("各", "有关", "相关", "全体", "所有", "成员单位", "直属单位", "所属单位", "下属单位")
# what the members of a group are, by the words of its name (first match wins)
GROUP_KINDS = (
    ("internal", ("科室", "股室", "处室", "内设机构", "各科", "各股", "各处")),  # a unit's own divisions
    ("members", ("成员单位", "成员")),  # a committee's members: anyone
    ("town", ("乡镇", "镇", "乡", "街道", "办事处")),
    ("county_gov", ("县市区", "县区", "区县", "县市", "市县", "县", "区", "旗")),  # 各县（市、区）政府
    ("department", ("部门", "委办局", "机关", "直属机构", "单位", "局")),
)
# the unit levels (core.units.LEVELS) each kind of group may hold
GROUP_KIND_LEVELS = {
    "internal": ("省级部门", "设区的市级部门", "县级政府", "县级部门", "乡镇", "街道", "其他"),
    "members": ("省级部门", "设区的市级部门", "县级政府", "县级部门", "乡镇", "街道", "其他"),
    "town": ("乡镇", "街道", "其他"),
    "county_gov": ("县级政府", "其他"),
    "department": ("省级部门", "设区的市级部门", "县级部门", "其他"),
    # 单位 holds every kind of unit
    "unit": ("省级部门", "设区的市级部门", "县级政府", "县级部门", "乡镇", "街道", "其他"),
}
# the place rank the departments of each level belong to (省直各部门: 4)
LEVEL_RANK = {"省级部门": 4, "设区的市级部门": 3, "县级政府": 2, "县级部门": 2, "乡镇": 1, "街道": 1}
# brackets a group's name may be written with: all of them compare equal (各镇（街道） = 各镇<街道>)
GROUP_BRACKETS = "（）()<>〈〉《》[]【】〔〕"

# ---- deadlines -----------------------------------------------------------------------------------------
# a line or bracket part that gives the deadline only (“完成时限：2024年6月底”)
DEADLINE_LABELS = tuple(k for k, v in ROLE_LABELS.items() if v == "deadline")
# a 时限 that is ongoing work, no date (order: the longer wording first where one contains another)
ONGOING_WORDS = ("长期坚持", "持续推进", "长期", "持续开展", "常态化", "持续", "及时")
# a month followed by one of these is when the work is done (“9月投入使用”): that month's end
MONTH_DONE_VERBS = ("完成", "建成", "投入使用", "投用", "开工", "动工", "竣工", "启动", "交付", "上线", "办结", "到位")
# 长期坚持 / 持续推进 set apart (closing the text, or in brackets) in a measure's text: its time limit; at a
# sentence's head the words are the work's verb (“持续推进学前教育…”)
ONGOING_SET_APART_WORDS = ("长期坚持", "持续推进")
# the words a 时限 is written in (core.tasks.deadlines builds its patterns from these)
CN_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10, "十一": 11, "十二": 12, "半": 0}
CN_DIGITS = "一二两三四五六七八九十"  # a count written in characters (“三个月内”, “五个工作日内”)
DAY_WORDS = ("日", "号")  # 6月30日 / 6月30号
PERIOD_END_WORDS = ("底", "末")  # 6月底 · 年末 · 三季度末: the period's last day
BEFORE_WORDS = ("之前", "以前", "前")  # 6月底前: by then
UNTIL_WORDS = ("止",)  # 2021年6月30日止: a full date's own “by”
RECURRING_BEFORE_WORDS = ("之前", "前")  # 每月底前 · 每年年底前 (a recurring phrase ends before 以前)
BY_YEAR_WORDS = ("到", "至", "于")  # 到2023年: the whole year
IN_YEAR_WORDS = ("内", "全年")  # 2023年内 · 2023年全年
YEAR_END_WORDS = ("年底", "年末")  # of the list's year
WITHIN_YEAR_WORDS = ("年内完成", "年内")  # of the list's year
WHOLE_YEAR_WORDS = ("全年",)  # a 时限 of 全年: within the list's year (“全年持续” stays ongoing)
QUARTER_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}  # 第三季度 · 3季度
QUARTER_WORDS = ("季度",)
HALF_YEARS = {"上半年": 6, "下半年": 12}  # the month a half-year ends in
MONTHS_WITHIN_WORDS = ("个月内", "个月以内", "个月之内")  # 3个月内: counted from the list's issue date
# in a measure's text, these list-year phrases are read as its deadline too (besides the dated ones)
TEXT_YEAR_WORDS = ("年底前", "年内完成")
# relative time limits (“5个工作日内”): counted from whenever the matter arises, never one date
RELATIVE_DAY_UNITS = ("工作日", "自然日", "日", "天")
WITHIN_WORDS = ("之内", "以内", "内")
# between two dates of a range (“6月10日至7月10日”): a span, the clerk sets the date
RANGE_SEPARATORS = ("至", "到", "—", "－", "-", "~", "～")
ISO_DATE_SEPARATORS = ("-", "/", ".")  # 2024-06-30 · 2024/6/30 · 2024.6.30
# recurring time limits: what each starts with
EVERY_MONTH_WORDS = ("每月",)
EVERY_QUARTER_WORDS = ("每季度",)
BY_QUARTER_WORDS = ("按季度",)  # a quarterly phrase that takes no 末/底 after it
QUARTER_DAY_ANCHORS = ("末月", "结束后次月")  # 每季度末月25日前 · 每季度结束后次月10日前
EVERY_HALF_YEAR_WORDS = ("每半年",)
EVERY_YEAR_WORDS = ("每年",)
EVERY_YEAR_END_WORDS = ("底", "末", "度")  # 每年年底 · 每年度


def alternation(*groups) -> str:
    """A regular-expression alternation of the words of `groups` (tuples of words; a string gives its characters),
    longest first so “负责落实” is tried before “负责”."""
    import re
    words = {w for g in groups for w in g}
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
