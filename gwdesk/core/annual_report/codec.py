"""The `gwdesk.annual-report/1` JSON codec (the report data contract): strict by default, lenient for published reports."""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal, InvalidOperation
from typing import Any

from gwdesk.core import inputs
from gwdesk.core.annual_report import spec
from gwdesk.core.annual_report.findings import Finding
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.errors import ImportRejected

# what one unit's annual report can plausibly hold: beyond these a figure is a typing or export error
MAX_COUNT = 10_000_000  # 件/条/次 in a year
MAX_MONEY = Decimal(100_000_000)  # 万元 (一万亿元)

TOP_KEYS = ("schema", "format", "year", "unit", "as_of", "table2", "table3", "table4", "text")


class _Reader:
    def __init__(self, lenient: bool, file: str):
        self.lenient, self.file = lenient, file
        self.problems: list[str] = []
        self.first_key = ""
        self.findings: list[Finding] = []

    def bad(self, key: str, problem: str) -> None:
        if not self.first_key:
            self.first_key = key
        self.problems.append(f"“{key}”：{problem}")

    def relaxed(self, key: str, raw: Any, value: Any, where: tuple[str, str | None, Any], problem: str) -> None:
        table, row, col = where
        self.findings.append(Finding(
            "IMPORT", "warn", table, row, col,
            f"“{key}”原值 {json.dumps(raw, ensure_ascii=False)}（{problem}），已按 {value} 读入，请核对原报告"))

    def count(self, key: str, raw: Any, where) -> int | None:
        if isinstance(raw, float) and not math.isfinite(raw):
            problem = "应为数字，不能是 NaN 或无穷大"
        elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw > MAX_COUNT:
            problem = f"数值过大（超过{MAX_COUNT:,}），请核对"
        elif isinstance(raw, int) and not isinstance(raw, bool):
            if raw >= 0:
                return raw
            problem = "不能为负数"
        elif isinstance(raw, float) and raw.is_integer() and raw >= 0:
            return int(raw)
        elif isinstance(raw, float):
            problem = "件数必须是整数" if raw >= 0 else "不能为负数"
        elif isinstance(raw, str) and not raw.strip():
            problem = "应为数字，不能为空白"
        elif isinstance(raw, str):
            problem = f"应为数字，不能是文字“{raw}”"
        elif raw is None:
            problem = "应为数字，不能为空"
        else:
            problem = "应为非负整数"
        if not self.lenient:
            self.bad(key, problem)
            return None
        value = 0
        if isinstance(raw, str) and raw.strip().isdigit():
            value = int(raw.strip())
        self.relaxed(key, raw, value, where, problem)
        return value

    def money(self, key: str, raw: Any, where) -> Decimal | None:
        problem = ""
        value: Decimal | None = None
        if isinstance(raw, bool) or raw is None:
            problem = "应为金额数字（万元）"
        elif isinstance(raw, (int, float, str)):
            text = str(raw).strip()
            try:
                value = Decimal(text) if text else None
                if value is None:
                    raise InvalidOperation
            except InvalidOperation:
                problem = (f"应为金额数字（万元），不能是文字“{raw}”" if text
                           else "应为金额数字（万元），不能为空白")
            else:
                if not value.is_finite():
                    problem, value = "应为金额数字（万元）", None
                elif value > MAX_MONEY:
                    problem, value = f"金额过大（超过{MAX_MONEY:,}万元），请核对", None
                elif value < 0:
                    problem, value = "金额不能为负数", None
                elif value.as_tuple().exponent < -4:
                    problem, value = "金额最多保留4位小数（单位：万元）", None
        else:
            problem = "应为金额数字（万元）"
        if not problem:
            return value
        if not self.lenient:
            self.bad(key, problem)
            return None
        self.relaxed(key, raw, 0, where, problem)
        return Decimal(0)

    def unknown(self, key: str, where) -> None:
        if self.lenient:
            table, row, col = where
            self.findings.append(Finding("IMPORT", "warn", table, row, col, f"未知的键“{key}”，已忽略"))
        else:
            self.bad(key, "未知的键（请检查拼写）")


def from_dict(obj: Any, *, lenient: bool = False, file: str = "") -> tuple[ReportData, list[Finding]]:
    """Build ReportData from parsed JSON. Strict: any problem raises ImportRejected listing all."""
    rd = _Reader(lenient, file)
    if not isinstance(obj, dict):
        raise ImportRejected(f"{file or '文件'}不是年度报告数据（应为 JSON 对象）", file=file)
    if obj.get("schema") != spec.SCHEMA:
        raise ImportRejected(f"{file or '文件'}不是 {spec.SCHEMA} 格式（“schema”为 "
                             f"{json.dumps(obj.get('schema'), ensure_ascii=False)}）", file=file, field="schema")
    for k in obj:
        if k not in TOP_KEYS:
            rd.unknown(k, ("report", None, None))
    fmt = obj.get("format", spec.FORMAT)
    if str(fmt) != spec.FORMAT:
        rd.bad("format", f"只支持 {spec.FORMAT} 年版格式（国办公开办函〔2021〕30号），不支持“{fmt}”")
    year = obj.get("year")
    if not (isinstance(year, int) and not isinstance(year, bool) and 2008 <= year <= 2100):
        rd.bad("year", "年份应为2008–2100年之间的整数，例如 2025（条例修订施行于2008年）")
        year = 0
    unit = obj.get("unit", "")
    if not isinstance(unit, str):
        rd.bad("unit", "单位名称应为文字")
        unit = ""
    data = ReportData(year=year, unit=inputs.clean_text(unit, multiline=False).strip())
    as_of = obj.get("as_of")
    if as_of is not None:
        try:
            data.as_of = dt.date.fromisoformat(as_of) if isinstance(as_of, str) and len(as_of) == 10 else None
        except ValueError:
            pass
        if data.as_of is None:
            rd.bad("as_of", f"应为日期 YYYY-MM-DD，现为 {json.dumps(as_of, ensure_ascii=False)}")

    t2 = obj.get("table2", {})
    if not isinstance(t2, dict):
        rd.bad("table2", "应为对象")
        t2 = {}
    for block, fields in t2.items():
        if block not in spec.T2_FIELDS:
            rd.unknown(f"table2.{block}", ("2", None, None))
            continue
        if not isinstance(fields, dict):
            rd.bad(f"table2.{block}", "应为对象")
            continue
        out: dict = {}
        for f, raw in fields.items():
            key = f"table2.{block}.{f}"
            if f not in spec.T2_FIELDS[block]:
                rd.unknown(key, ("2", block, None))
                continue
            if raw is None:
                out[f] = None  # not entered
            elif (block, f) in spec.MONEY_FIELDS:
                out[f] = rd.money(key, raw, ("2", block, f))
            else:
                out[f] = rd.count(key, raw, ("2", block, f))
        data.table2[block] = out

    t3 = obj.get("table3", {})
    if not isinstance(t3, dict):
        rd.bad("table3", "应为对象")
        t3 = {}
    for row, vals in t3.items():
        key = f"table3.{row}"
        if row not in spec.T3_LABELS:
            rd.unknown(key, ("3", None, None))
            continue
        if not isinstance(vals, list) or len(vals) != 7:
            rd.bad(key, "应为7个数字（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）")
            continue
        data.table3[row] = [None if v is None else rd.count(f"{key}[{i}]（{spec.T3_COLUMNS[i]}）", v, ("3", row, i))
                            for i, v in enumerate(vals)]  # null: that cell not entered

    t4 = obj.get("table4", {})
    if not isinstance(t4, dict):
        rd.bad("table4", "应为对象")
        t4 = {}
    for group, vals in t4.items():
        key = f"table4.{group}"
        if group not in spec.T4_GROUP_LABELS:
            rd.unknown(key, ("4", None, None))
            continue
        if not isinstance(vals, list) or len(vals) != 5:
            rd.bad(key, "应为5个数字（结果维持、结果纠正、其他结果、尚未审结、总计）")
            continue
        data.table4[group] = [None if v is None else rd.count(f"{key}[{i}]（{spec.T4_LEAVES[i]}）", v, ("4", group, i))
                              for i, v in enumerate(vals)]

    text = obj.get("text", {})
    if not isinstance(text, dict):
        rd.bad("text", "应为对象")
        text = {}
    for k, v in text.items():
        if k not in spec.TEXT_KEYS:
            rd.unknown(f"text.{k}", ("text", None, None))
        elif not isinstance(v, str):
            rd.bad(f"text.{k}", "应为文字")
        else:
            data.text[k] = inputs.clean_text(v)

    if rd.problems:
        where = f"{file}：" if file else ""
        msg = f"{where}年度报告数据有 {len(rd.problems)} 处问题，未导入。第一处：{rd.problems[0]}"
        raise ImportRejected(msg, file=file, field=rd.first_key, problems=rd.problems)
    return data, rd.findings


def loads(text: str, *, lenient: bool = False, file: str = "") -> tuple[ReportData, list[Finding]]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise ImportRejected(f"{file or '文件'}不是有效的 JSON（第{e.lineno}行第{e.colno}列）", file=file) from e
    except (ValueError, RecursionError) as e:  # a number thousands of digits long; nesting thousands deep
        raise ImportRejected(f"{file or '文件'}不是有效的年度报告数据（数字过长或括号嵌套过深）", file=file) from e
    bad = _unencodable(obj)
    if bad is not None:  # a lone "\ud800" escape: valid JSON, but no UTF-8 text (nor SQLite) can hold it
        raise ImportRejected(f"{file or '文件'}中“{bad}”附近有无效的字符（不成对的 \\u 转义），未导入", file=file)
    return from_dict(obj, lenient=lenient, file=file)


def _unencodable(obj: Any) -> str | None:
    """The first text (or key) in `obj` that cannot be written as UTF-8, shown safely; None when all can."""
    todo = [obj]
    while todo:
        x = todo.pop()
        if isinstance(x, dict):
            todo.extend(x.keys())
            todo.extend(x.values())
        elif isinstance(x, list):
            todo.extend(x)
        elif isinstance(x, str):
            try:
                x.encode("utf-8")
            except UnicodeEncodeError:
                return x.encode("utf-8", "replace").decode("utf-8")[:20]
    return None


def _money_str(v: Decimal) -> str:
    s = format(v, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s or "0"


def to_dict(data: ReportData) -> dict:
    """The JSON object; not-entered blocks, rows and groups stay absent."""
    t2: dict = {}
    for block, fields in spec.T2_FIELDS.items():
        if block not in data.table2:
            continue
        t2[block] = {}
        for f in fields:
            v = data.table2[block].get(f)
            if (block, f) in spec.MONEY_FIELDS and v is not None:
                v = _money_str(Decimal(v))
            t2[block][f] = v
    return {
        "schema": spec.SCHEMA,
        "format": data.format,
        "year": data.year,
        "unit": data.unit,
        **({"as_of": data.as_of.isoformat()} if data.as_of else {}),
        "table2": t2,
        "table3": {r: list(data.table3[r]) for r in spec.T3_IDS if r in data.table3},
        "table4": {g: list(data.table4[g]) for g in spec.T4_GROUP_KEYS if g in data.table4},
        "text": {k: data.text[k] for k in spec.TEXT_KEYS if k in data.text},
    }


def dumps(data: ReportData) -> str:
    return json.dumps(to_dict(data), ensure_ascii=False, indent=2) + "\n"
