"""Rules R1–R9 of the 2021 format (plus R0 “not entered”), each finding naming its cell."""

from __future__ import annotations

import re
from decimal import Decimal

from gwdesk.core.annual_report import spec
from gwdesk.core.annual_report.findings import Finding
from gwdesk.core.annual_report.spec import ReportData

COLS = spec.T3_COLUMNS


def check(data: ReportData, *, previous: ReportData | None = None, level: str | None = None) -> list[Finding]:
    """All findings for one report; `previous` is last year's report (R5, R6), `level` the unit's (R9)."""
    if previous is not None and previous.year != data.year - 1:
        previous = None
    out: list[Finding] = []
    out += _r0_missing(data)
    out += _r7_values(data)
    if any(f.rule == "R7" for f in out):
        return out  # arithmetic on negative or fractional figures would only repeat the same problem
    out += _r1(data) + _r2(data) + _r3(data) + _r4(data)
    if previous is not None:
        out += _r5(data, previous) + _r6(data, previous)
    out += _r8(data)
    out += _r9(data, level)
    return out


def _r0_missing(d: ReportData) -> list[Finding]:
    out = []
    for table, row, fld in d.missing():
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


def _r7_values(d: ReportData) -> list[Finding]:
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


def _r1(d: ReportData) -> list[Finding]:
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


def _r2(d: ReportData) -> list[Finding]:
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


def _r3(d: ReportData) -> list[Finding]:
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


def _r4(d: ReportData) -> list[Finding]:
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


def _r5(d: ReportData, prev: ReportData) -> list[Finding]:
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


def _r6(d: ReportData, prev: ReportData) -> list[Finding]:
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


# Figures commonly quoted in 一、总体情况 and the cell each must match.
_NUM = r"[^，。；,;\d]{0,10}?(\d+)\s*(?:件|个|条|宗|起)"
_R8_PATTERNS = [
    (re.compile(r"(?:新收|收到|受理|接收)[^，。；\d]{0,12}?申请" + _NUM), "新收申请",
     lambda d: d.t3("1", 6), ("3", "1", 6)),
    (re.compile(r"上年结转" + _NUM), "上年结转申请", lambda d: d.t3("2", 6), ("3", "2", 6)),
    (re.compile(r"(?:制发|印发|出台)[^，。；\d]{0,8}?(?:行政)?规范性文件" + _NUM), "本年制发行政规范性文件",
     lambda d: d.t2("normative_docs", "issued"), ("2", "normative_docs", "issued")),
    (re.compile(r"废止[^，。；\d]{0,8}?(?:行政)?规范性文件" + _NUM), "本年废止行政规范性文件",
     lambda d: d.t2("normative_docs", "repealed"), ("2", "normative_docs", "repealed")),
    (re.compile(r"行政许可(?:决定)?" + _NUM), "行政许可决定",
     lambda d: d.t2("licensing", "decisions"), ("2", "licensing", "decisions")),
    (re.compile(r"行政处罚(?:决定)?" + _NUM), "行政处罚决定",
     lambda d: d.t2("penalty", "decisions"), ("2", "penalty", "decisions")),
    (re.compile(r"(?<!后起诉)行政复议(?:案件)?" + _NUM), "政府信息公开行政复议",
     lambda d: d.t4("review", 4), ("4", "review", 4)),
    (re.compile(r"行政诉讼(?:案件)?" + _NUM), "政府信息公开行政诉讼",
     lambda d: (None if d.t4("litigation_direct", 4) is None or d.t4("litigation_after_review", 4) is None
                else d.t4("litigation_direct", 4) + d.t4("litigation_after_review", 4)),
     ("4", "litigation_direct", 4)),
]


def _r8(d: ReportData) -> list[Finding]:
    out = []
    text = d.text.get("overview", "")
    for pattern, what, value, (table, row, col) in _R8_PATTERNS:
        for m in pattern.finditer(text):
            quoted = int(m.group(1))
            actual = value(d)
            if actual is not None and quoted != actual:
                out.append(Finding("R8", "warn", table, row, col,
                                   f"“一、总体情况”写“{m.group(0)}”，{what}为{quoted}，"
                                   f"而{spec.cell_name(table, row, col)}为{actual}"))
                break
    return out


def _r9(d: ReportData, level: str | None) -> list[Finding]:
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
