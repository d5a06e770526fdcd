"""The checker's named rules (R0–R12 of `findings.RULES`), each finding naming its cell."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from gwdesk.core.annual_report import spec
from gwdesk.core.annual_report.findings import RULES, Finding
from gwdesk.core.annual_report.spec import ReportData

COLS = spec.T3_COLUMNS


@dataclass(frozen=True)
class Rule:
    """One check: its code in `findings.RULES`, what it needs, and the function that finds."""
    code: str
    run: Callable[..., list[Finding]]
    needs: str = ""  # "" (the report alone), "previous" (last year's report) or "level" (the unit's 层级)

    @property
    def title(self) -> str:
        return RULES[self.code]


def check(data: ReportData, *, previous: ReportData | None = None, level: str | None = None) -> list[Finding]:
    """All findings for one report; `previous` is last year's report (R5, R6, R10), `level` the unit's (R9)."""
    if previous is not None and previous.year != data.year - 1:
        previous = None
    out: list[Finding] = []
    for rule in (NOT_ENTERED, COUNTS_ARE_COUNTS):
        out += rule.run(data)
    if any(f.rule == COUNTS_ARE_COUNTS.code for f in out):
        return out  # arithmetic on negative or fractional figures would only repeat the same problem
    for rule in ARITHMETIC + NARRATIVE:
        if rule.needs == "previous":
            out += rule.run(data, previous) if previous is not None else []
        elif rule.needs == "level":
            out += rule.run(data, level)
        else:
            out += rule.run(data)
    return out


# What to do when a whole table is still empty: one line instead of one per row.
_EMPTY_TABLE = {
    "2": "表二尚未填写：请按本年制发、废止的规章和行政规范性文件及行政许可、处罚、强制、事业性收费填写，没有的填0",
    "3": "表三尚未填写，可用“从台账取数”从依申请公开台账生成",
    "4": "表四尚未填写，可用“从台账取数”从依申请公开台账的复议、诉讼记录生成；本年没有的填0",
}


def _not_entered(d: ReportData) -> list[Finding]:
    out = []
    missing = d.missing()
    whole = {"2": spec.T2_FIELDS.keys(), "3": spec.T3_IDS, "4": spec.T4_GROUP_KEYS}
    empty = {t for t, rows in whole.items()
             if {(t, r, None) for r in rows} <= set(missing)}
    for table in sorted(empty):
        out.append(Finding("R0", "error", table, None, None, _EMPTY_TABLE[table]))
    for table, row, fld in missing:
        if table in empty:
            continue
        if table == "2" and fld is None:
            msg = f"表二“{spec.T2_LABELS[row]}”未填写；如本年确实为0，请填写0"
        elif table == "2":
            msg = f"{spec.cell_name('2', row, fld)}未填写；如本年确实为0，请填写0"
        elif table == "3" and fld is None:
            msg = f"表三“{spec.T3_LABELS[row]}”一行未填写；如本年确实为0，请填写0"
        elif table == "4" and fld is None:
            msg = f"表四“{spec.T4_GROUP_LABELS[row]}”未填写；如本年确实为0，请填写0"
        else:
            msg = f"{spec.cell_name(table, row, fld)}未填写；如本年确实为0，请填写0"
        out.append(Finding("R0", "error", table, row, fld, msg))
    return out


def _bad_count(v) -> bool:
    return v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0)


def _counts_are_counts(d: ReportData) -> list[Finding]:
    out = []
    for block, fields in d.table2.items():
        for f, v in fields.items():
            if v is None:
                continue
            if (block, f) in spec.MONEY_FIELDS:
                try:
                    ok = Decimal(v).is_finite() and Decimal(v) >= 0 and Decimal(v).as_tuple().exponent >= -4
                except (ArithmeticError, TypeError, ValueError):
                    ok = False
                if not ok:
                    out.append(Finding("R7", "error", "2", block, f,
                                       f"{spec.cell_name('2', block, f)}应为非负金额（万元，最多4位小数），现为“{v}”"))
            elif _bad_count(v):
                out.append(Finding("R7", "error", "2", block, f,
                                   f"{spec.cell_name('2', block, f)}应为非负整数，现为“{v}”"))
    for table, rows in (("3", d.table3), ("4", d.table4)):
        for row, vals in rows.items():
            for c, v in enumerate(vals):
                if _bad_count(v):
                    out.append(Finding("R7", "error", table, row, c,
                                       f"{spec.cell_name(table, row, c)}应为非负整数，现为“{v}”"))
    return out


def _table3_balance(d: ReportData) -> list[Finding]:
    out = []
    if not all(r in d.table3 for r in ("1", "2", "3.7", "4")):
        return out
    for c in range(7):
        a, b, t, n = (d.table3[r][c] for r in ("1", "2", "3.7", "4"))
        if None in (a, b, t, n):
            continue
        if a + b != t + n:
            out.append(Finding("R1", "error", "3", "4", c,
                               f"表三“{COLS[c]}”列勾稽关系不成立：第一项{a}＋第二项{b}＝{a + b}，"
                               f"而第三项总计{t}＋第四项{n}＝{t + n}"))
    return out


def _table3_row_totals(d: ReportData) -> list[Finding]:
    out = []
    for row in spec.T3_IDS:
        vals = d.table3.get(row)
        if vals is None:
            continue
        s = spec.computed_t3_total(vals)
        if s is not None and vals[6] is not None and vals[6] != s:
            out.append(Finding("R2", "error", "3", row, 6,
                               f"表三“{spec.T3_LABELS[row]}”行总计填{vals[6]}，六类申请人之和为{s}"))
    return out


def _table3_result_total(d: ReportData) -> list[Finding]:
    out = []
    computed = spec.computed_t3_row37(d)
    if computed is None or "3.7" not in d.table3:
        return out
    for c in range(7):
        given = d.table3["3.7"][c]
        if given is not None and computed[c] is not None and given != computed[c]:
            out.append(Finding("R3", "error", "3", "3.7", c,
                               f"表三“（七）总计”行“{COLS[c]}”列填{given}，（一）至（六）各项之和为{computed[c]}"
                               "（每件申请只计一种办理结果）"))
    return out


def _table4_group_totals(d: ReportData) -> list[Finding]:
    out = []
    for g in spec.T4_GROUP_KEYS:
        vals = d.table4.get(g)
        if vals is None:
            continue
        s = spec.computed_t4_total(vals)
        if s is not None and vals[4] is not None and vals[4] != s:
            out.append(Finding("R4", "error", "4", g, 4,
                               f"表四“{spec.T4_GROUP_LABELS[g]}”总计填{vals[4]}，"
                               f"结果维持、结果纠正、其他结果、尚未审结之和为{s}"))
    return out


def _carried_over_from_last_year(d: ReportData, prev: ReportData) -> list[Finding]:
    out = []
    if "2" not in d.table3 or "4" not in prev.table3:
        return out
    for c in range(7):
        now, before = d.table3["2"][c], prev.table3["4"][c]
        if None not in (now, before) and now != before:
            out.append(Finding("R5", "warn", "3", "2", c,
                               f"表三“上年结转”行“{COLS[c]}”列填{now}，但{prev.year}年报告"
                               f"“结转下年度继续办理”为{before}"))
    return out


def _in_force_follows_last_year(d: ReportData, prev: ReportData) -> list[Finding]:
    out = []
    for key in ("rules", "normative_docs"):
        last = prev.t2(key, "in_force")
        now = [d.t2(key, f) for f in ("issued", "repealed", "in_force")]
        if last is None or any(v is None for v in now):
            continue
        issued, repealed, in_force = now
        expected = last + issued - repealed
        if in_force != expected:
            out.append(Finding("R6", "warn", "2", key, "in_force",
                               f"表二“{spec.T2_LABELS[key]}”现行有效件数填{in_force}；按{prev.year}年的{last}件"
                               f"＋本年制发{issued}件－本年废止{repealed}件应为{expected}件，请核对"))
    return out


# Figures commonly quoted in 一、总体情况 and the cell each must match. The gap before a number never crosses
# a clause (，。；、) and the number must be counted in a unit that fits (件/条/起…), so "包括…行政诉讼情况…6个部分"
# is no count of lawsuits.
_GAP = r"[^，。；,;、\d]{0,10}?"
_COUNT = _GAP + r"(\d+)\s*(?:件|个|条|宗|起)(?!部分)"
_CASES = _GAP + r"(\d+)\s*(?:件|宗|起)"


def _t3_total(row: str):
    return lambda d: d.t3(row, 6)


def _received(d: ReportData) -> tuple[int, ...] | None:
    """受理/收到 N 件 reads as the new applications or as new plus carried over, as reports write both."""
    new, carried = d.t3("1", 6), d.t3("2", 6)
    if new is None:
        return None
    return (new,) if carried is None else (new, new + carried)


def _litigation(d: ReportData):
    direct, after = d.t4("litigation_direct", 4), d.t4("litigation_after_review", 4)
    return None if direct is None or after is None else direct + after


_NARRATIVE_FIGURES = [
    (re.compile(r"新收[^，。；,;、\d]{0,12}?" + _COUNT), "新收申请", _t3_total("1"), ("3", "1", 6)),
    (re.compile(r"(?<!新)(?:受理|收到|接收)[^，。；,;、\d]{0,14}?申请" + _COUNT), "收到申请", _received, ("3", "1", 6)),
    (re.compile(r"上年结转" + _COUNT), "上年结转申请", _t3_total("2"), ("3", "2", 6)),
    (re.compile(r"(?:办结|答复)(?:政府信息公开申请|申请)?" + _COUNT), "办结申请", _t3_total("3.7"), ("3", "3.7", 6)),
    (re.compile(r"结转下(?:一)?年(?:度)?(?:继续)?(?:办理)?" + _COUNT), "结转下年度办理", _t3_total("4"), ("3", "4", 6)),
    (re.compile(r"(\d+)\s*件(?:申请)?结转下(?:一)?年"), "结转下年度办理", _t3_total("4"), ("3", "4", 6)),
    (re.compile(r"(?:制发|印发|出台)[^，。；,;、\d]{0,8}?(?:行政)?规范性文件" + _COUNT), "本年制发行政规范性文件",
     lambda d: d.t2("normative_docs", "issued"), ("2", "normative_docs", "issued")),
    (re.compile(r"废止[^，。；,;、\d]{0,8}?(?:行政)?规范性文件" + _COUNT), "本年废止行政规范性文件",
     lambda d: d.t2("normative_docs", "repealed"), ("2", "normative_docs", "repealed")),
    (re.compile(r"行政许可(?:决定)?" + _COUNT), "行政许可决定",
     lambda d: d.t2("licensing", "decisions"), ("2", "licensing", "decisions")),
    (re.compile(r"行政处罚(?:决定)?" + _COUNT), "行政处罚决定",
     lambda d: d.t2("penalty", "decisions"), ("2", "penalty", "decisions")),
    (re.compile(r"(?<!后起诉)行政复议(?:案件)?" + _CASES), "政府信息公开行政复议",
     lambda d: d.t4("review", 4), ("4", "review", 4)),
    (re.compile(r"行政诉讼(?:案件)?" + _CASES), "政府信息公开行政诉讼", _litigation, ("4", "litigation_direct", 4)),
]


# 规范性文件 figures are often written as one clause: “制定规范性文件4件，废止0件，现行有效的规范性文件32件”.
# A verb with its count belongs to the document kind it names, or else to the nearest kind named before it in
# the same sentence (so the 废止 inside “规章13件（含新制定5件，修改4件，废止4件）” is about 规章).
_NORMATIVE_VERBS = {"issued": "新制定|制定|制发|印发|出台", "repealed": "废止", "in_force": "现行有效"}
_NORMATIVE_LABELS = {"issued": "本年制发行政规范性文件", "repealed": "本年废止行政规范性文件",
                     "in_force": "现行有效行政规范性文件"}
_DOC_KIND = re.compile(r"规章|规范性文件")
_KIND_CLAUSE = re.compile(
    r"(?P<verb>" + "|".join(f"(?P<{k}>{v})" for k, v in _NORMATIVE_VERBS.items()) + r")"
    r"(?:的)?(?P<kind>(?:行政)?规范性文件|规章)?[^，。；,;、\d（(]{0,6}?(?P<n>\d+)\s*件")


def _normative_clauses(text: str):
    """(field, quoted, words) for each 规范性文件 figure of the text, whichever way the clause is written."""
    for sentence in re.split(r"[。；;\n]", text):
        for m in _KIND_CLAUSE.finditer(sentence):
            kind = m.group("kind")
            if not kind:
                if not re.fullmatch(r"(?:" + m.group("verb") + r")\s*\d+\s*件", m.group(0)):
                    continue  # “制定工作方案3件”: only a bare “废止0件” takes the kind named before it
                before = _DOC_KIND.findall(sentence[:m.start()])
                kind = before[-1] if before else ""
            if "规范性文件" not in kind:
                continue
            field = next(k for k in _NORMATIVE_VERBS if m.group(k))
            yield field, int(m.group("n")), m.group(0)


# A zero written in words (“未收到政府信息公开申请”, “无行政复议”, “未发生因政府信息公开工作被申请行政复议、提起
# 行政诉讼的情况”) against a table that counts some. The words between the negation and the noun never hold a
# number or cross a clause; “无被行政复议纠错的案件” says nothing of how many there were.
_NEGATION = r"(?:未发生|没有发生|未出现|未有|尚未收到|未收到|没有收到|未被|不存在|没有|无(?=[因涉有被政关针对行]))"
_ZERO_GAP = r"[^，。；,;\d]{0,24}?"
_NOT_A_ZERO = r"(?!\s*(?:纠错|被纠错|撤销|败诉|确认违法|被纠正|改变))"
_ZERO_CLAIMS = [
    (re.compile(r"(?:尚未|未|没有)(?:收到|受理|接到)(?:过)?(?:任何)?(?:政府信息公开|信息公开|依申请公开)?(?:的)?申请"
                r"(?!\s*[人书表])|无(?:政府信息公开|依申请公开)申请"),
     "收到政府信息公开申请", lambda d: d.t3("1", 6), ("3", "1", 6)),
    (re.compile(_NEGATION + _ZERO_GAP + r"行政复议" + _NOT_A_ZERO), "政府信息公开行政复议",
     lambda d: d.t4("review", 4), ("4", "review", 4)),
    (re.compile(_NEGATION + _ZERO_GAP + r"行政诉讼" + _NOT_A_ZERO), "政府信息公开行政诉讼", _litigation,
     ("4", "litigation_direct", 4)),
]


def _overview_figures_match(d: ReportData) -> list[Finding]:
    out = []
    text = d.text.get("overview", "")
    for pattern, what, value, (table, row, col) in _NARRATIVE_FIGURES:
        for m in pattern.finditer(text):
            quoted = int(m.group(1))
            actual = value(d)
            accepted = actual if isinstance(actual, tuple) else (actual,)
            if actual is not None and quoted not in accepted:
                out.append(Finding("R8", "warn", table, row, col,
                                   f"“一、总体情况”写“{m.group(0)}”，{what}为{quoted}，"
                                   f"而{spec.cell_name(table, row, col)}为{accepted[0]}"))
                break
    named = {(f.table, f.row, f.col) for f in out}
    for field, quoted, words in _normative_clauses(text):
        actual = d.t2("normative_docs", field)
        cell = ("2", "normative_docs", field)
        if actual is not None and quoted != actual and cell not in named:
            named.add(cell)
            out.append(Finding("R8", "warn", *cell, f"“一、总体情况”写“{words}”，{_NORMATIVE_LABELS[field]}为"
                                                    f"{quoted}件，而{spec.cell_name(*cell)}为{actual}"))
    for pattern, what, value, cell in _ZERO_CLAIMS:
        m = pattern.search(text)
        actual = value(d) if m else None
        if m and actual and cell not in named:
            named.add(cell)
            out.append(Finding("R8", "warn", *cell, f"“一、总体情况”写“{m.group(0)}”，即{what}为0，"
                                                    f"而{spec.cell_name(*cell)}为{actual}"))
    return out


def _same_text(text: str) -> str:
    """The overview with spacing and every year taken out: what stays when only the year was changed."""
    return re.sub(r"(?:19|20)\d{2}", "", re.sub(r"\s+", "", text))


def _overview_not_copied(d: ReportData, prev: ReportData) -> list[Finding]:
    now, before = _same_text(d.text.get("overview", "")), _same_text(prev.text.get("overview", ""))
    if len(now) < 20 or not before:
        return []
    if now == before:
        how = "与上年报告相同，只改了年份"
    elif difflib.SequenceMatcher(None, now, before, autojunk=False).ratio() >= 0.95:
        how = "与上年报告几乎相同"
    else:
        return []
    return [Finding("R10", "warn", "text", "overview", None,
                    f"“一、总体情况”{how}：年度报告应反映本年工作，内容雷同、敷衍塞责的，"
                    "依《条例》第四十七条追究责任，请按本年情况重写")]


# R11 wants a statistic of the year's work: a number counted in a unit (主动公开信息80条, 培训两次, 办结率100%).
# Not a statistic: the year and dates, a document's number (国办公开办函〔2019〕60号, 国务院令第711号), an article
# (第五十条), a telephone or postcode, the report's “六个部分”, a hotline's name (12345热线).
_UNITS = r"(?:件次|人次|场次|个工作日|小时|件|条|个|次|项|篇|场|期|家|份|批|部|名|人|户|起|宗|万|亿|元|天)"
_STATISTIC = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|(?:余|多)?\s*" + _UNITS + r")|"
                        r"(?<![第])[一二三四五六七八九十百千两]+\s*(?:余|多)?" + _UNITS)
_NOT_STATISTICS = [
    r"(?:19|20)\d{2}\s*年(?:度)?",  # years
    r"\d{1,2}\s*(?:[-—–~至到]\s*\d{1,2}\s*)?月(?:\s*\d{1,2}\s*日)?",  # dates, 1-12月
    r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号",  # 文号
    r"第\s*[\d一二三四五六七八九十百零〇]+\s*[号条款项章节]",  # 令第711号, 第五十条
    r"\d{3,4}\s*[-—–]\s*\d{7,8}|邮政编码[:：]?\s*\d{6}|邮编[:：]?\s*\d{6}",  # telephone, postcode
    r"[一二三四五六七八九十]+\s*个\s*(?:部分|方面)",  # the report's six parts
]
_NOT_STATISTIC = re.compile("|".join(_NOT_STATISTICS))


def _overview_has_figures(d: ReportData) -> list[Finding]:
    text = d.text.get("overview", "").strip()
    if not text:
        return []  # an empty section is R12's
    if _STATISTIC.search(_NOT_STATISTIC.sub("，", text)):
        return []
    return [Finding("R11", "warn", "text", "overview", None,
                    "“一、总体情况”没有一个数字：请写明本年主动公开条数、收到和办结的申请件数等，与表格一致")]


# What each written section must say when it is empty (tables 二–四 empty are R0's).
_EMPTY_SECTION = {
    "overview": "请概述本年主动公开、依申请公开、政府信息管理、平台建设和监督保障情况",
    "problems": "请写明本年工作存在的主要问题和改进措施（上年问题的整改情况也在此报告）",
    "other": "请写明其他需要报告的事项，如信息处理费收取情况、人大代表建议和政协提案办理结果公开、年度工作要点"
             "落实情况；确无其他事项的，写“无其他需要报告的事项。”",
}


def _no_empty_section(d: ReportData) -> list[Finding]:
    return [Finding("R12", "error", "text", key, None, f"“{spec.TEXT_KEYS[key]}”没有内容：{what}")
            for key, what in _EMPTY_SECTION.items() if not (d.text.get(key) or "").strip()]


def empty_sections(d: ReportData) -> list[str]:
    """The headings of the written sections that are still empty (what an export asks about)."""
    return [spec.TEXT_KEYS[key] for key in _EMPTY_SECTION if not (d.text.get(key) or "").strip()]


def _no_rules_below_city_level(d: ReportData, level: str | None) -> list[Finding]:
    if level not in spec.LEVELS_WITHOUT_RULES:
        return []
    out = []
    for f, lab in spec.TABLE2[0].fields:
        v = d.t2("rules", f)
        if v:
            out.append(Finding("R9", "warn", "2", "rules", f,
                               f"表二“规章”“{lab}”填{v}：{level}不能制定规章（规章只由国务院部门和省级、"
                               "设区的市级人民政府制定），很可能把内部规章制度计入了规章，请核对"))
    return out


NOT_ENTERED = Rule("R0", _not_entered)
COUNTS_ARE_COUNTS = Rule("R7", _counts_are_counts)
ARITHMETIC = (
    Rule("R1", _table3_balance),
    Rule("R2", _table3_row_totals),
    Rule("R3", _table3_result_total),
    Rule("R4", _table4_group_totals),
    Rule("R5", _carried_over_from_last_year, "previous"),
    Rule("R6", _in_force_follows_last_year, "previous"),
)
NARRATIVE = (
    Rule("R8", _overview_figures_match),
    Rule("R9", _no_rules_below_city_level, "level"),
    Rule("R10", _overview_not_copied, "previous"),
    Rule("R11", _overview_has_figures),
    Rule("R12", _no_empty_section),
)
ALL_RULES = (NOT_ENTERED, COUNTS_ARE_COUNTS) + ARITHMETIC + NARRATIVE
