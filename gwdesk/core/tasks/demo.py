"""Demo 任务台账 for 青川县民政局: the 梁平-style sample list as if issued by 青川县 for this year, with progress."""

from __future__ import annotations

import datetime as dt

from gwdesk.core.tasks import sample, service, tracking
from gwdesk.store.tasks_models import Task, TaskList


def _localised(year: int) -> list[tuple]:
    """The sample rows with 区 → 县 (区民政局 → 县民政局, 我区 → 我县) and the years moved to `year`, so the unit finds its rows and dates are current."""
    out = []
    for row in sample.ROWS:
        cells = []
        for v in row:
            if isinstance(v, str):
                v = v.replace("区", "县").replace("2022年", f"{year + 1}年").replace("2021年", f"{year}年")
            cells.append(v)
        out.append(tuple(cells))
    return out


def load(ctx) -> None:
    today = ctx.today()
    year = today.year
    if TaskList.select().where(TaskList.year == year).exists():
        return
    from gwdesk.core import units
    parsed = sample.parsed_list(_localised(year), title=f"青川县{year}年政务公开任务清单", year=year,
                                issued_on=dt.date(year, 3, 15))
    result = service.import_parsed(parsed, profile=units.load(), issuer="青川县", year=year)
    by_seq = {t.seq: t for t in Task.select().where(Task.list == result.list_id)}

    def by(on: dt.date) -> dt.date:
        """A demo date no later than today: progress is never dated in the future (early in the year)."""
        return min(on, today)

    def done(seq, on, note, url=""):
        on = by(on)
        t = by_seq[seq]
        tracking.add_note(t.id, note, noted_on=on, today=today)
        tracking.set_status(t.id, "已完成", done_on=on, today=today)
        if url:
            tracking.add_url(t.id, url)

    done("15", dt.date(year, 6, 21), "已在政府信息公开目录“公共企事业单位信息公开”栏目公开本系统养老机构、救助站等8家单位基本信息。",
         "http://www.cnqc.gov.cn/zwgk/gkml/mzj/gqsydw/202106/t20210621_001.html")
    done("2", dt.date(year, 9, 18), "配合县发展改革委公开《青川县“十四五”养老服务体系建设规划》。")
    t9 = by_seq["9"]
    tracking.set_status(t9.id, "推进中", today=today)
    tracking.add_note(t9.id, "建立养老、低保等民生舆情日监测台账，本季度回应网民留言12条。",
                      noted_on=by(dt.date(year, 9, 30)), today=today)
    tracking.add_portal_path(t9.id, "政府网站>互动交流>留言回复")
    t5 = by_seq["5"]
    tracking.set_status(t5.id, "推进中", today=today)
    tracking.add_note(t5.id, "第三季度惠民惠农补贴（高龄津贴、低保金）发放信息已公开。", noted_on=by(dt.date(year, 10, 12)),
                      today=today)
    tracking.set_role(by_seq["16"].id, "责任")  # 有关单位: the clerk confirmed it concerns the unit
    tracking.set_role(by_seq["7"].id, "不涉及")
    tracking.set_status(by_seq["13"].id, "推进中", today=today)
    done("8", dt.date(year, 6, 8), "“政策咨询问答库”民政部分已建成，收录社会救助、养老服务问答46条。")
    # 长期坚持 has no date: the clerk set this year's checkpoint herself
    tracking.set_due(by_seq["6"].id, today + dt.timedelta(days=5))
