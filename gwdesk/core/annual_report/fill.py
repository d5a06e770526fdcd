"""Fill a report from the unit's own records, saying where each figure came from (数据来源).

Table 三/四 come from the 依申请公开 ledger, 行政规范性文件 本年制发 from review forms marked
规范性文件, 现行有效 from last year's report + 制发 − 废止, and section 六's task paragraph from
the task ledger. A figure that cannot be filled is named in `unavailable`, never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gwdesk.core.annual_report import spec
from gwdesk.core.annual_report.spec import ReportData
from gwdesk.core.applications import aggregate
from gwdesk.core.review import stats
from gwdesk.core.tasks import summary

TASKS_KEY = "text.other.tasks"  # sources[] entry holding the task paragraph last inserted


@dataclass
class FillResult:
    data: ReportData
    sources: dict[str, str] = field(default_factory=dict)  # figure key → 数据来源
    unavailable: list[str] = field(default_factory=list)  # figures that could not be filled, and why
    changed: list[str] = field(default_factory=list)  # entered figures the fill replaced with other values
    warnings: list[str] = field(default_factory=list)  # what the clerk must know about the figures (year not over)


def _diff(label: str, old, new, out: list[str]) -> None:
    if old is not None and old != new:
        out.append(f"{label}：原为{old}，现为{new}")


def fill(data: ReportData, *, previous: ReportData | None = None, today: dt.date | None = None,
         previous_sources: dict[str, str] | None = None) -> FillResult:
    """A copy of `data` with every figure the records can give filled in."""
    year = data.year
    d = data.copy()
    res = FillResult(d)
    if previous is not None and previous.year != year - 1:
        previous = None

    t3, t4 = aggregate.table3(year), aggregate.table4(year)
    note = f"（{year}年数据已于{t3.frozen_at[:10]}锁定）" if t3.frozen else ""
    for rid in spec.T3_IDS:
        new = [int(v) for v in t3.get(rid, [0] * 7)]
        old = d.table3.get(rid)
        if old is not None and old != new:
            res.changed.append(f"表三“{spec.T3_LABELS[rid]}”：原为{old}，现为{new}")
        d.table3[rid] = new
    for g in spec.T4_GROUP_KEYS:
        new = [int(v) for v in t4.get(g, [0] * 5)]
        old = d.table4.get(g)
        if old is not None and old != new:
            res.changed.append(f"表四“{spec.T4_GROUP_LABELS[g]}”：原为{old}，现为{new}")
        d.table4[g] = new
    res.sources["table3"] = (f"依申请公开台账：{year}年新收、上年结转、{year}年内办结（按首次答复的结果；重新答复不重复计算；"
                             f"已作废的申请不计）和结转下年度的申请，按申请人类型汇总{note}")
    mode = aggregate.TABLE4_MODES[aggregate.year_mode(year)]
    res.sources["table4"] = f"依申请公开台账：行政复议、行政诉讼案件{mode}（已作废的案件不计）{note}"
    if today is not None and today <= dt.date(year, 12, 31):
        res.warnings.append(f"{year}年尚未结束（今天是{today.isoformat()}）：表三、表四是截至今天的数字，"
                            f"12月31日以后请再“从台账取数”一次")

    nd = d.table2.setdefault("normative_docs", {})
    issued = int(stats.normative_docs_issued(year))
    _diff("表二“行政规范性文件”本年制发件数", nd.get("issued"), issued, res.changed)
    nd["issued"] = issued
    res.sources["table2.normative_docs.issued"] = (
        f"公开审查：标为行政规范性文件、已审定或已公开、成文日期在{year}年的意见单共{issued}份")

    last = previous.t2("normative_docs", "in_force") if previous else None
    if last is None:
        res.unavailable.append(f"表二“行政规范性文件”现行有效件数：没有{year - 1}年度报告的现行有效件数，请手工填写")
    else:
        repealed = nd.get("repealed")
        in_force = last + nd["issued"] - (repealed or 0)
        _diff("表二“行政规范性文件”现行有效件数", nd.get("in_force"), in_force, res.changed)
        nd["in_force"] = in_force
        res.sources["table2.normative_docs.in_force"] = (
            f"推算：{year - 1}年度报告现行有效{last}件＋本年制发{nd['issued']}件－本年废止{repealed or 0}件"
            + ("（本年废止件数未填写，按0计算）" if repealed is None else "") + "，可修改")

    para = summary.completion_text(year, today)
    d.text["other"] = _put_paragraph(d.text.get("other", ""), para, (previous_sources or {}).get(TASKS_KEY, ""))
    res.sources[TASKS_KEY] = para
    if para:
        res.sources["text.other"] = "任务台账：本单位承担的任务清单事项完成情况（自动生成的一段，可修改）"
    else:
        res.unavailable.append(f"六、其他需要报告的事项：任务台账中没有{year}年度的任务清单，未写任务完成情况")
    return res


def _put_paragraph(text: str, para: str, before: str) -> str:
    """Replace the paragraph inserted last time (if the clerk left it as it was), else append."""
    lines = [ln for ln in text.splitlines()]
    if before and before in lines:
        return "\n".join(para if ln == before else ln for ln in lines if para or ln != before)
    if not para or para in lines:
        return text
    return "\n".join([*[ln for ln in lines if ln.strip()], para])
