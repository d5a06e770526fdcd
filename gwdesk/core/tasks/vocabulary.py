"""The task-list vocabulary, as data: the words offices use, from which the reader's and the matcher's patterns
are built. A new wording is a line here plus a test, not a new regular expression in a pass.

Reviewed data only: tuples and dicts of plain strings. `gwdesk.io.tasklist` (reading) and
`gwdesk.core.tasks.matching` (which rows are the unit's) build their patterns from these names.
"""

from __future__ import annotations

# ---- units ---------------------------------------------------------------------------------------------
# the characters a unit's name ends with (…局, …委, …办, …中心 is 心 after 中) — one list for every stage
UNIT_END_CHARS = "局委办部室院厅会所中心站队处科股府组馆"
# whole words a unit's name (or a group of units) may end with, beyond those characters
UNIT_END_WORDS = ("中心", "街道", "乡镇", "政府", "单位", "部门", "办事处", "管委会", "委员会")
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
RESP_VERBS = ("按照职责分工负责", "按照职责分工落实", "按照职能分工负责", "按照职能分别落实", "按照职责分别落实",
              "按职责分工负责", "按职责分工落实", "按职责分工分别落实", "按职责负责", "按职能分别落实",
              "分工负责", "分别落实", "分别负责", "负责落实", "具体落实", "共同负责", "配合落实", "参与落实",
              "负责", "配合", "参与", "协同", "协助")

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

# ---- reporting back ------------------------------------------------------------------------------------
# the office's own column for the units to report progress in (fill-back writes there)
PROGRESS_HEADERS = ("完成情况", "落实情况", "进展情况", "推进情况", "工作进展", "进展", "办理情况")
