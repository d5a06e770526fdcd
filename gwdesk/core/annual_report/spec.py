"""The 2021 national annual-report format (国办公开办函〔2021〕30号) as data, and the figures model.

Every label here is copied character for character from the official format; layouts, the
checker, the JSON reader and the editor all read them from this module.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

SCHEMA = "gwdesk.annual-report/1"
FORMAT = "2021"
FORMAT_NAME = "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"

# ---- sections -------------------------------------------------------------------------------
SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
# Narrative keys of `text` and the section each belongs to.
TEXT_KEYS = {"overview": SECTIONS[0], "problems": SECTIONS[4], "other": SECTIONS[5]}


# ---- table 2 --------------------------------------------------------------------------------
@dataclass(frozen=True)
class T2Item:
    key: str  # JSON block key
    label: str  # 信息内容


@dataclass(frozen=True)
class T2Block:
    caption: str
    fields: tuple[tuple[str, str], ...]  # (JSON field key, column label)
    items: tuple[T2Item, ...]
    money: bool = False


TABLE2 = (
    T2Block("第二十条第（一）项",
            (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")),
            (T2Item("rules", "规章"), T2Item("normative_docs", "行政规范性文件"))),
    T2Block("第二十条第（五）项", (("decisions", "本年处理决定数量"),),
            (T2Item("licensing", "行政许可"),)),
    T2Block("第二十条第（六）项", (("decisions", "本年处理决定数量"),),
            (T2Item("penalty", "行政处罚"), T2Item("coercion", "行政强制"))),
    T2Block("第二十条第（八）项", (("amount_wan_yuan", "本年收费金额（单位：万元）"),),
            (T2Item("fees", "行政事业性收费"),), money=True),
)
T2_CONTENT_LABEL = "信息内容"
T2_FIELDS: dict[str, tuple[str, ...]] = {
    item.key: tuple(k for k, _ in block.fields) for block in TABLE2 for item in block.items
}
T2_LABELS: dict[str, str] = {item.key: item.label for block in TABLE2 for item in block.items}
T2_FIELD_LABELS: dict[str, str] = {k: lab for block in TABLE2 for k, lab in block.fields}
MONEY_FIELDS = {("fees", "amount_wan_yuan")}


# ---- table 3 --------------------------------------------------------------------------------
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANT = "申请人情况"
T3_NATURAL = "自然人"
T3_LEGAL = "法人或其他组织"
T3_LEGAL_KINDS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
T3_TOTAL = "总计"
T3_COLUMNS = (T3_NATURAL, *T3_LEGAL_KINDS, T3_TOTAL)  # the 7 numbers of each row, in order
T3_RESULT_GROUP = "三、本年度办理结果"


@dataclass(frozen=True)
class T3Row:
    id: str
    label: str
    group: str = ""  # vertical group label under 三、本年度办理结果 (（三）…（六）), if any


_T3_SUBGROUPS = (
    ("3.3", "（三）不予公开", ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                        "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
                        "7.属于行政执法案卷", "8.属于行政查询事项")),
    ("3.4", "（四）无法提供", ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
                        "3.补正后申请内容仍不明确")),
    ("3.5", "（五）不予处理", ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                        "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息")),
    ("3.6", "（六）其他处理", ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                        "3.其他")),
)
T3_SUBGROUPS = {gid: label for gid, label, _ in _T3_SUBGROUPS}

T3_ROWS: tuple[T3Row, ...] = (
    T3Row("1", "一、本年新收政府信息公开申请数量"),
    T3Row("2", "二、上年结转政府信息公开申请数量"),
    T3Row("3.1", "（一）予以公开"),
    T3Row("3.2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    *(T3Row(f"{gid}.{i}", lab, group) for gid, group, labs in _T3_SUBGROUPS
      for i, lab in enumerate(labs, start=1)),
    T3Row("3.7", "（七）总计"),
    T3Row("4", "四、结转下年度继续办理"),
)
T3_IDS = tuple(r.id for r in T3_ROWS)
T3_LABELS = {r.id: r.label for r in T3_ROWS}
T3_RESULT_IDS = tuple(i for i in T3_IDS if i.startswith("3."))  # rows under 三、本年度办理结果
T3_OUTCOME_IDS = tuple(i for i in T3_RESULT_IDS if i != "3.7")  # the parts of 3.7


# ---- table 4 --------------------------------------------------------------------------------
T4_REVIEW = "行政复议"
T4_LITIGATION = "行政诉讼"
T4_GROUPS = (  # JSON key, label
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)
T4_GROUP_KEYS = tuple(k for k, _ in T4_GROUPS)
T4_GROUP_LABELS = dict(T4_GROUPS)
T4_LEAVES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

LEVELS_WITHOUT_RULES = ("县级政府", "县级部门", "乡镇", "街道")  # cannot make 规章 (《立法法》)


def cell_name(table: str, row: str, col: str | int | None) -> str:
    """A clerk-readable name of one cell, e.g. 表三“（一）予以公开”行“自然人”列; a whole table without a row."""
    if not row and table in ("2", "3", "4"):
        return "表" + "二三四"[int(table) - 2]
    if table == "2":
        lab = T2_LABELS.get(row, row)
        return f"表二“{lab}”" + (f"“{T2_FIELD_LABELS.get(str(col), col)}”" if col is not None else "")
    if table == "3":
        lab = T3_LABELS.get(row, row)
        return f"表三“{lab}”行" + (f"“{T3_COLUMNS[col]}”列" if isinstance(col, int) else "")
    if table == "4":
        lab = T4_GROUP_LABELS.get(row, row)
        return f"表四“{lab}”" + (f"“{T4_LEAVES[col]}”" if isinstance(col, int) else "")
    if table == "text":
        return f"“{TEXT_KEYS.get(row, row)}”"
    return "报告"


# ---- the figures -------------------------------------------------------------------------
Number = int | Decimal


@dataclass
class ReportData:
    """One unit's `gwdesk.annual-report/1` figures for one year.

    A block, row or group that is absent means "not entered" (not 0); a field inside a table-2
    block that is absent or None likewise. Totals are kept as given, never recomputed here.
    """

    year: int
    unit: str = ""
    format: str = FORMAT
    table2: dict[str, dict[str, Number | None]] = field(default_factory=dict)
    table3: dict[str, list[int | None]] = field(default_factory=dict)  # None: that cell not entered
    table4: dict[str, list[int | None]] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    as_of: dt.date | None = None  # the day the unit exported the file (lateness is judged by it, never mtime)

    # -- access that tells "not entered" (None) from 0
    def t2(self, key: str, fld: str) -> Number | None:
        return (self.table2.get(key) or {}).get(fld)

    def t3(self, row: str, col: int) -> int | None:
        vals = self.table3.get(row)
        return None if vals is None else vals[col]

    def t4(self, group: str, col: int) -> int | None:
        vals = self.table4.get(group)
        return None if vals is None else vals[col]

    def copy(self) -> ReportData:
        return copy.deepcopy(self)

    @classmethod
    def zeros(cls, year: int, unit: str = "") -> ReportData:
        """Every figure entered as 0 (what a clerk confirms for a quiet year)."""
        return cls(
            year=year, unit=unit,
            table2={k: {f: (Decimal(0) if (k, f) in MONEY_FIELDS else 0) for f in fs}
                    for k, fs in T2_FIELDS.items()},
            table3={r: [0] * 7 for r in T3_IDS},
            table4={g: [0] * 5 for g in T4_GROUP_KEYS},
            text={k: "" for k in TEXT_KEYS},
        )

    def missing(self) -> list[tuple[str, str, str | None]]:
        """(table, row/block, field) of everything not entered."""
        out: list[tuple[str, str, str | None]] = []
        for key, fields in T2_FIELDS.items():
            if key not in self.table2:
                out.append(("2", key, None))
                continue
            out.extend(("2", key, f) for f in fields if self.table2[key].get(f) is None)
        for table, ids, rows in (("3", T3_IDS, self.table3), ("4", T4_GROUP_KEYS, self.table4)):
            for r in ids:
                if r not in rows:
                    out.append((table, r, None))
                else:
                    out.extend((table, r, c) for c, v in enumerate(rows[r]) if v is None)
        return out


def _sum(values) -> int | None:
    values = list(values)
    return None if any(v is None for v in values) else sum(values)


def computed_t3_total(values: list[int | None]) -> int | None:
    """总计 of a table-3 row computed from its six applicant columns; None while one is not entered."""
    return _sum(values[:6])


def computed_t3_row37(data: ReportData) -> list[int | None] | None:
    """Row 3.7 computed from 3.1–3.6.* per column (None where a part is not entered); None if a row is absent."""
    if any(r not in data.table3 for r in T3_OUTCOME_IDS):
        return None
    return [_sum(data.table3[r][c] for r in T3_OUTCOME_IDS) for c in range(7)]


def computed_t4_total(values: list[int | None]) -> int | None:
    return _sum(values[:4])
