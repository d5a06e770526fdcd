"""`gwdesk calc due` and `gwdesk calc fee`: statutory deadline and 信息处理费 arithmetic from the command line."""

from __future__ import annotations

import argparse
import datetime as dt

from gwdesk.errors import GwdeskError

WEEKDAYS = "一二三四五六日"


def register(sub) -> None:
    p = sub.add_parser("calc", help="计算依申请公开的答复期限或信息处理费")
    calc = p.add_subparsers(dest="calc_command", metavar="计算项", title="计算项")
    calc.required = True
    due = calc.add_parser("due", help="答复期限：收到日期后第N个工作日（不含收到当日）")
    due.add_argument("--received", required=True, metavar="DATE", help="收到申请日期，如 2025-09-26")
    due.add_argument("--days", type=int, default=20, metavar="N", help="答复期限（工作日，默认20）")
    due.add_argument("--extension", type=int, default=0, metavar="DAYS", help="延期的工作日数（至多20）")
    due.add_argument("--paused", type=int, default=0, metavar="DAYS",
                     help="不计入期限的工作日数（征求第三方意见、收费通知至缴费）")
    due.set_defaults(func=run_due)
    fee = calc.add_parser("fee", help="信息处理费（国办函〔2020〕109号）")
    group = fee.add_mutually_exclusive_group(required=True)
    group.add_argument("--items", type=int, metavar="N", help="按件计收：同一申请人本月累计件数")
    group.add_argument("--pages", type=int, metavar="N", help="按量计收：页数")
    fee.add_argument("--already", type=int, default=0, metavar="M",
                     help="按件：该申请人本月此前已申请的件数（默认0）")
    fee.set_defaults(func=run_fee)


def _date(text: str) -> dt.date:
    """2025-09-26, 2025/9/26, 2025.09.26 or 2025年9月26日, in half- or full-width digits."""
    import re
    import unicodedata

    from gwdesk.core import inputs
    norm = unicodedata.normalize("NFKC", text).strip()
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", norm)
    try:
        if not m:
            raise ValueError(text)
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise GwdeskError(f"日期“{text}”无法识别或不存在，请写成 2025-09-26 这样的格式。") from None
    if not inputs.date_ok(day):
        raise GwdeskError(f"收到日期“{day.isoformat()}”超出可计算的范围（{inputs.RANGE_TEXT}），请核对年份。")
    return day


def _fmt(d: dt.date) -> str:
    return f"{d.isoformat()}（星期{WEEKDAYS[d.weekday()]}）"


def run_due(args: argparse.Namespace) -> int:
    from gwdesk.core import workdays as wd
    from gwdesk.core.applications import MAX_EXTENSION_DAYS
    received = _date(args.received)
    if not 1 <= args.days <= 250:
        raise GwdeskError("答复期限（--days）应为1–250个工作日（条例规定为20个工作日）。")
    if not 0 <= args.extension <= MAX_EXTENSION_DAYS:
        raise GwdeskError(f"延期（--extension）应为0–{MAX_EXTENSION_DAYS}个工作日（第三十三条：延长期限最长不得超过20个工作日）。")
    if not 0 <= args.paused <= 250:
        raise GwdeskError("不计入期限的天数（--paused）应为0–250个工作日。")
    from gwdesk.commands._readonly import read_only_store
    total = args.days + args.extension + args.paused
    with read_only_store():  # the user's holiday table, if any; no lock, works beside an open window
        due = wd.add_workdays(received, total)
        warning = wd.range_warning(received, due)
    print(f"收到日期：{_fmt(received)}")
    parts = [f"答复期限{args.days}个工作日"]
    if args.extension:
        parts.append(f"延期{args.extension}个工作日")
    if args.paused:
        parts.append(f"不计入期限{args.paused}个工作日")
    print("计算：" + " + ".join(parts) + f" = {total}个工作日（收到当日不计）")
    print(f"到期日：{_fmt(due)}")
    if warning:
        print(f"注意：{warning}")
    return 0


def run_fee(args: argparse.Namespace) -> int:
    from gwdesk.core.applications import fees
    if args.items is not None:
        if args.items < 0 or args.already < 0:
            raise GwdeskError("件数不能为负数。")
        if args.items + args.already > fees.MAX_ITEMS:
            raise GwdeskError(f"件数过大：同一申请人一个自然月内最多按{fees.MAX_ITEMS}件计算，请核对 --items / --already。")
        q = fees.by_items(args.items, already=args.already)
        head = f"按件计收（同一申请人同一自然月内累计）：本次{args.items}件"
        if args.already:
            head += f"，本月此前已有{args.already}件（本次为第{args.already + 1}–{args.already + args.items}件）"
    else:
        if args.pages < 0:
            raise GwdeskError("页数不能为负数。")
        if args.pages > fees.MAX_PAGES:
            raise GwdeskError(f"页数过大：一件申请最多按{fees.MAX_PAGES}页计算，请核对 --pages。")
        q = fees.by_pages(args.pages)
        head = f"按量计收：{args.pages}页"
    print(head)
    for line in q.lines():
        print(f"  {line}")
    print(f"合计：{q.amount}元")
    return 0
