"""Demo annual reports for 青川县民政局: 2024 (sent) and 2025 (being prepared, filled from the demo records)."""

from __future__ import annotations

from decimal import Decimal

from gwdesk.core.annual_report import records
from gwdesk.core.annual_report.fill import fill
from gwdesk.core.annual_report.spec import ReportData

UNIT = "青川县民政局"


_FOCUS = {  # each year's report says what that year did: a copied 总体情况 is what the checker warns about
    2024: ("围绕社会救助、养老服务等重点领域", "按季度公开城乡低保、特困供养资金发放情况",
           "开通政府信息公开专栏“社会救助”子栏目"),
    2025: ("聚焦养老服务体系建设和困难群众救助", "按月公开城乡低保、特困供养对象名单和资金发放情况",
           "改版民政局专栏，新增政策解读专区"),
}


def _texts(d: ReportData) -> dict[str, str]:
    """The narratives of the demo reports, quoting the year's own figures (they must match the tables)."""
    year = d.year
    areas, active, platform = _FOCUS[year]
    return {
        "overview": (
            f"{year}年，{UNIT}认真贯彻落实《中华人民共和国政府信息公开条例》和省、市、县政务公开工作部署，"
            f"{areas}，不断深化政务公开工作。\n"
            f"（一）主动公开。通过县政府门户网站民政局专栏主动公开政府信息，{active}。"
            f"全年作出行政许可决定{d.t2('licensing', 'decisions')}件、行政处罚决定{d.t2('penalty', 'decisions')}件，"
            "均按规定公示。\n"
            f"（二）依申请公开。全年新收政府信息公开申请{d.t3('1', 6)}件，上年结转{d.t3('2', 6)}件，"
            "均在法定期限内答复。\n"
            "（三）政府信息管理。落实公文公开属性源头认定和公文公开发布意见单审核制度。\n"
            f"（四）平台建设。{platform}，及时更新办事指南。\n"
            "（五）监督保障。将政务公开纳入年度目标考核，组织业务培训。"
        ),
        "problems": (
            f"{year}年政务公开工作仍存在一些不足：一是政策解读形式较为单一；二是部分股室对公开属性认定把握不准。\n"
            "改进措施：一是丰富解读形式，重要政策同步制作图文解读；二是开展公开属性认定专题培训。"
        ),
        "other": "本年度未收取信息处理费。",
    }


def load(ctx) -> None:
    prev = ReportData.zeros(2024, UNIT)
    prev.table2["normative_docs"] = {"issued": 2, "repealed": 0, "in_force": 16}
    prev.table2["licensing"] = {"decisions": 37}
    prev.table2["penalty"] = {"decisions": 2}
    # carried over into 2025: whatever the ledger says was open on 1 January 2025
    res_prev = fill(prev, today=ctx.today())
    prev = res_prev.data
    prev.table2["normative_docs"]["in_force"] = 16
    prev.text = _texts(prev)
    records.save(prev, res_prev.sources)
    records.mark_sent(UNIT, 2024, ctx.today().replace(year=2025, month=1, day=22))

    cur = ReportData(year=2025, unit=UNIT, text=_texts(ReportData.zeros(2025, UNIT)))
    cur.table2["rules"] = {"issued": 0, "repealed": 0, "in_force": 0}
    cur.table2["normative_docs"] = {"repealed": 1}
    cur.table2["licensing"] = {"decisions": 42}
    cur.table2["penalty"] = {"decisions": 3}
    cur.table2["coercion"] = {"decisions": 0}
    cur.table2["fees"] = {"amount_wan_yuan": Decimal(0)}
    res = fill(cur, previous=prev, today=ctx.today())
    res.data.text["overview"] = _texts(res.data)["overview"]  # quoting the figures the fill brought
    records.save(res.data, res.sources)
