"""`gwdesk office rollup` (the supervising office's 汇总) and `gwdesk tasks progress` (the unit's 报送文件)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gwdesk.errors import GwdeskError


def _date(text: str | None, what: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise GwdeskError(f"{what}格式不正确：“{text}”，应为 YYYY-MM-DD") from None


def register(sub) -> None:
    p = sub.add_parser("office", help="主管单位：汇总各单位报送的任务落实情况")
    osub = p.add_subparsers(dest="office_command", metavar="操作", required=True)
    r = osub.add_parser("rollup", help="汇总各单位的任务进展报送文件（文件或文件夹），导出矩阵 xlsx")
    r.add_argument("inputs", nargs="+", metavar="FILES_OR_DIRS")
    r.add_argument("--list", metavar="LIST.xlsx", help="本单位下发的任务清单（默认：多数报送文件所对应的清单）")
    r.add_argument("--sheet", metavar="NAME", help="任务清单所在工作表")
    r.add_argument("--year", type=int, metavar="YEAR", help="清单年度（清单标题中没有年份时）")
    r.add_argument("--deadline", metavar="YYYY-MM-DD", help="报送截止日期（按报送文件内的日期判断是否逾期）")
    r.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="汇总日期（判断任务是否逾期，默认今天）")
    r.add_argument("--out", required=True, metavar="MATRIX.xlsx")
    r.add_argument("--report", metavar="REPORT.docx|pdf", help="同时生成任务落实情况汇总报告")
    r.add_argument("--office", metavar="NAME", help="报告落款单位（默认：单位信息中的单位名称）")
    r.set_defaults(func=run_rollup)


def register_progress(tsub) -> None:
    """`tasks progress`, registered under `gwdesk tasks`."""
    p = tsub.add_parser("progress", help="导出任务进展报送文件（gwdesk.task-progress/1，报主管单位汇总）")
    p.add_argument("--out", required=True, metavar="FILE.json")
    p.add_argument("--list", type=int, metavar="ID", help="任务清单编号（默认最新一份）")
    p.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="截至日期（默认今天）")
    p.set_defaults(func=run_progress)


def run_progress(args) -> int:
    from gwdesk.core.office import gather
    from gwdesk.core.tasks import tracking
    from gwdesk.io import progress_json
    from gwdesk.session import open_reading_session
    with open_reading_session() as ctx:
        as_of = _date(args.as_of, "截至日期") or ctx.today()
        if as_of > ctx.today():
            raise GwdeskError("截至日期不能晚于今天")
        p = gather.progress(tracking.pick_list(args.list).id, ctx.profile(), as_of=as_of)
    out = progress_json.write(p, Path(args.out).expanduser())
    done = sum(1 for t in p.tasks if t.status == "已完成")
    print(f"{p.unit.name}：{len(p.tasks)}项任务（已完成{done}项），截至{as_of.isoformat()}")
    print(f"已导出：{out}")
    return 0


def _office_name(args) -> str:
    if args.office:
        return args.office
    from gwdesk.commands._readonly import read_profile
    prof = read_profile()
    return prof.name if prof else ""


def run_rollup(args) -> int:
    from gwdesk.core.office import rollup
    from gwdesk.io import office_xlsx, progress_json

    today = _date(args.as_of, "汇总日期")
    if today is None:  # overdue is judged from the computer's date: say so when it looks wrong
        from gwdesk.session import warn_clock_read_only
        today = dt.date.today()
        warn_clock_read_only(today)
    reference = rows = None
    if args.list:
        reference, rows = progress_json.list_from_file(Path(args.list).expanduser(), args.sheet)
        if args.year:
            reference = rollup.ListIdentity(reference.issuer, args.year, reference.title, reference.rows,
                                            reference.fingerprint)
        elif not reference.year:
            raise GwdeskError(f"{Path(args.list).name} 的标题中没有年份，请用 --year 指定清单年度")
    r = rollup.collect(progress_json.read_many(args.inputs), today=today, reference=reference, rows=rows,
                       deadline=_date(args.deadline, "报送截止日期"))
    out = office_xlsx.write(r, Path(args.out).expanduser())
    t = r.identity
    print(f"《{t.title or t.issuer}》（{t.year}年，{t.rows}项）：汇总 {len(r.units)} 个单位；"
          f"逾期报送 {len(r.late)} 个；清单中点名未报送 {len(r.missing)} 个")
    for f in r.files:
        if f.problem:
            print(f"  {f.file}：{f.status}，{f.problem}")
    if r.missing:
        print(f"  未报送：{'、'.join(r.missing)}")
    print(f"已导出：{out}")
    if args.report:
        from gwdesk.render.layouts import office_report
        rep = office_report.write(r, Path(args.report).expanduser(), office=_office_name(args))
        print(f"已导出：{rep}")
    return 0
