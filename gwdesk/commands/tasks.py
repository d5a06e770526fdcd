"""`gwdesk tasks …`: import a task list (or preview it with --dry-run), overview, exports."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from gwdesk.errors import GwdeskError


def register(sub) -> None:
    p = sub.add_parser("tasks", help="任务台账：导入任务清单、查看概况、导出台账和完成情况报告")
    tsub = p.add_subparsers(dest="tasks_command", metavar="操作", required=True)

    imp = tsub.add_parser("import", help="导入任务清单（.xlsx / .docx）；--dry-run 只显示解析结果不保存")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--sheet", metavar="NAME", help="工作表名称（Word 文件为“表格1”“表格2”…）")
    imp.add_argument("--unit", metavar="NAME", help="按此单位名称判断哪些任务涉及本单位（默认：单位信息）")
    imp.add_argument("--group", metavar="NAME", action="append", default=[],
                     help="与 --unit 一起使用：本单位所属的统称，如“区政府各部门”（可重复）")
    imp.add_argument("--issuer", metavar="NAME", help="下发单位（默认从标题识别，如“梁平区”）")
    imp.add_argument("--year", type=int, metavar="YEAR", help="清单年度（默认从标题识别）")
    imp.add_argument("--issued", metavar="YYYY-MM-DD", help="印发日期（用于推算“N个月内”）")
    imp.add_argument("--accept-proposed", action="store_true", help="列对应关系不确定时，采用建议的对应关系")
    imp.add_argument("--as-new", action="store_true",
                     help="导入为一份新的任务清单（同一下发单位、同一年度可有多份清单）")
    imp.add_argument("--as-revision-of", type=int, metavar="ID",
                     help="作为编号 ID 的已导入清单的新版本导入（不再列入的任务标为已删除，进展保留）")
    imp.add_argument("--dry-run", action="store_true", help="只解析并显示，不保存；并说明将导入为新清单还是已有清单的新版本")
    imp.add_argument("--json", action="store_true", help="以 JSON 输出")
    imp.set_defaults(func=run_import)

    ov = tsub.add_parser("overview", help="本单位任务概况：按状态、逾期、7天内到期、按类别")
    ov.add_argument("--json", action="store_true")
    ov.set_defaults(func=run_overview)

    ex = tsub.add_parser("export", help="导出任务台账（.xlsx）")
    ex.add_argument("output", metavar="OUT.xlsx")
    ex.add_argument("--list", type=int, metavar="ID", help="任务清单编号（默认最新一份）")
    ex.add_argument("--all", action="store_true", help="包括不涉及本单位的任务")
    ex.set_defaults(func=run_export)

    rp = tsub.add_parser("report", help="生成任务完成情况报告（.docx 或 .pdf，按扩展名）")
    rp.add_argument("output", metavar="OUT.docx|OUT.pdf")
    rp.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="统计期间开始（默认清单年度的1月1日）")
    rp.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="统计期间结束（默认清单年度的12月31日，年度未过完时为今天）")
    rp.add_argument("--list", type=int, metavar="ID")
    rp.set_defaults(func=run_report)

    fb = tsub.add_parser("fill-back", help="填回原表：在下发单位原表的副本中填写本单位的完成情况（原表格式不变）")
    fb.add_argument("--out", required=True, metavar="FILE", help="填好后另存的文件（与原表同为 .xlsx 或 .docx）")
    fb.add_argument("--list", type=int, metavar="ID", help="任务清单编号（默认最新一份）")
    fb.add_argument("--all-rows", "--all", dest="all_rows", action="store_true",
                    help="所有任务行都填写（默认只填涉及本单位的行）")
    fb.add_argument("--original", metavar="FILE",
                    help="下发单位发来的原表（导入时未保存原表的清单需要；核对是同一份清单后保存）")
    fb.set_defaults(func=run_fill_back)

    from gwdesk.commands import office
    office.register_progress(tsub)


def _date(text: str | None, what: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise GwdeskError(f"{what}格式不正确：“{text}”，应为 YYYY-MM-DD") from None


def _profile(args):
    from gwdesk.core import units
    if args.unit:
        return units.Profile(name=args.unit, level="其他", groups=list(args.group))
    return None


def _print_rows(parsed, rows, out=None) -> None:
    out = out or sys.stdout
    print(f"{parsed.title or Path(parsed.file).name}（{parsed.issuer or '下发单位未识别'}，"
          f"{parsed.year or '年度未识别'}年，工作表：{parsed.sheet}）", file=out)
    if parsed.needs_mapping:
        print("注意：列的对应关系不确定——" + "；".join(parsed.reasons), file=out)
    if parsed.addressee:
        print(f"这是下发给“{parsed.addressee}”一个单位的清单：各项任务都由该单位落实", file=out)
    for a in rows:
        d = a.as_dict()
        due = d["due_date"] or d["recurrence_label"] or ("长期" if d["deadline_kind"] == "ongoing" else "")
        if due and d["milestones"]:
            due += f"（阶段节点 {'、'.join(d['milestones'])}）"
        if due and d["deadline_flag"] == "before-month":
            due += "（请核对）"
        print(f"{d['sequence']:>4}  [{d['role']}]  {d['task'] or d['measure'][:30]}"
              f"  牵头：{'、'.join(d['lead_units']) or '—'}  责任：{'、'.join(d['responsible_units']) or '—'}"
              f"  时限：{d['deadline_text'] or '—'}{f' → {due}' if due and due != d['deadline_text'] else ''}",
              file=out)


def _recall_mapping(parsed):
    import peewee

    from gwdesk.commands._readonly import read_only_store
    from gwdesk.core.tasks import mappings
    with read_only_store() as bound:
        if not bound:
            return None
        try:
            return mappings.recall(parsed.issuer, parsed.columns)
        except (peewee.PeeweeException, ValueError):
            return None


def run_import(args) -> int:
    from gwdesk.core.tasks import service
    from gwdesk.io import tasklist
    from gwdesk.io.tasklist import FIELD_LABELS

    path = Path(args.file).expanduser()
    issued = _date(args.issued, "印发日期")
    try:
        parsed = tasklist.read(path, args.sheet)
    except tasklist.SheetChoiceNeeded as e:
        lines = [f"  {s.name}（{s.rows}行{'，像任务清单' if s.has_header else ''}）" for s in e.sheets]
        raise GwdeskError(e.message + "，用 --sheet 指定：\n" + "\n".join(lines)) from None
    if parsed.needs_mapping and not args.accept_proposed:
        # the columns the clerk confirmed for this office's earlier list of this shape (in the window)
        remembered = _recall_mapping(parsed)
        if remembered is not None:
            parsed = tasklist.read(path, parsed.sheet, mapping=remembered, header_row=parsed.header_row)
            print(f"已按上次为“{parsed.issuer}”同样格式的清单确认的列对应关系读取", file=sys.stderr)
    if args.issuer:
        parsed.issuer = args.issuer
    if args.year:
        parsed.year = args.year
    if issued:
        parsed.issued_on = issued
    profile = _profile(args)
    if args.dry_run:
        if profile is None:
            from gwdesk.commands._readonly import read_profile
            profile = read_profile()
        rows = service.analyse(parsed, profile)
        target = _dry_target(parsed, rows, args)
        if args.json:
            doc = {
                "file": str(path), "sheet": parsed.sheet, "title": parsed.title, "issuer": parsed.issuer,
                "year": parsed.year, "issued_on": parsed.issued_on.isoformat() if parsed.issued_on else None,
                "unit": profile.name if profile else None,
                "needs_mapping": parsed.needs_mapping, "reasons": parsed.reasons,
                "addressee": parsed.addressee or None,
                "uncertain_columns": [{"column": g.column + 1, "header": g.header,
                                       "proposed": FIELD_LABELS.get(g.field) if g.field else None,
                                       "confidence": round(g.confidence, 2), "why": g.why}
                                      for g in parsed.uncertain_columns() if g.field],
                "columns": [{"column": g.column + 1, "header": g.header,
                             "field": FIELD_LABELS.get(g.field) if g.field else None,
                             "confidence": round(g.confidence, 2)} for g in parsed.guesses],
                "mapping": {str(c + 1): FIELD_LABELS.get(f) if f else None for c, f in parsed.mapping.items()},
                "target": target.as_dict() if target is not None else None,
                "groups_to_confirm": [{"group": g, "rows": n} for g, n in service.groups_to_ask(rows, profile)],
                "tasks": [a.as_dict() for a in rows],
            }
            json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            _print_rows(parsed, rows)
            if target is not None:
                _print_target(target)
            asks = service.groups_to_ask(rows, profile)
            if asks:
                print("请确认这些集体名称是否包括本单位（在导入对话框中回答一次即记住）：" +
                      "、".join(f"“{g}”（{n}项）" for g, n in asks))
            print(f"共 {len(rows)} 项（未保存）")
        return 0
    from gwdesk.session import open_session
    from gwdesk.core.tasks import originals
    with open_session() as ctx:
        if profile is None:
            profile = ctx.profile()
        try:
            result = service.import_parsed(parsed, profile=profile, accept_unsure=args.accept_proposed,
                                           as_new=args.as_new, revision_of=args.as_revision_of)
        except service.ListChoiceNeeded as e:
            ids = [c.id for c in e.target.candidates]
            raise GwdeskError(e.message + "\n请重新运行并加上 --as-new（导入为新清单）或 "
                              + " / ".join(f"--as-revision-of {i}" for i in ids) + "（作为该清单的新版本）") from None
        kept = originals.keep_after_import(result.list_id, path)  # for 填回原表
    if kept:
        print(kept, file=sys.stderr)
    if args.json:
        json.dump({"list_id": result.list_id, "created": result.created, "new": result.new,
                   "changed": result.changed, "gone": result.gone, "unchanged": result.unchanged},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(result.summary())
        for label, items in (("新增", result.new if not result.created else []), ("修改", result.changed),
                             ("删除", result.gone)):
            for it in items:
                print(f"  {label}：{it}")
    return 0


def _dry_target(parsed, rows, args):
    """What importing would do with the stored lists (read without the lock); None when nothing is stored."""
    import peewee

    from gwdesk.commands._readonly import read_only_store
    from gwdesk.core.tasks import service
    with read_only_store() as bound:
        if not bound:
            return None
        try:
            if args.as_new:
                return service.Target(service.NEW, why="按 --as-new 导入为新清单")
            target = service.plan(parsed, rows=rows)
            if args.as_revision_of:
                return service.Target(service.REVISION, args.as_revision_of, "按 --as-revision-of 指定",
                                      target.candidates)
            return target
        except peewee.PeeweeException:  # an older or damaged file: the saving run will say what is wrong
            return None


def _print_target(target) -> None:
    from gwdesk.core.tasks import service
    head = {service.NEW: "将导入为一份新的任务清单", service.REVISION: f"将作为编号{target.list_id}的清单的新版本导入",
            service.ASK: "需要选择：新清单，还是已有清单的新版本"}[target.kind]
    print(f"{head}（{target.why}）")
    for c in target.candidates:
        print("  " + c.describe())


def run_overview(args) -> int:
    from gwdesk.core.tasks import overview
    from gwdesk.session import open_reading_session
    with open_reading_session() as ctx:
        o = overview.counts(ctx.today())
    if args.json:
        json.dump(o.__dict__, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"本单位任务 {o.total} 项：" + "，".join(f"{k}{v}项" for k, v in o.by_status.items()))
    print(f"逾期 {o.overdue} 项；7天内到期 {o.due_soon} 项")
    for cat, n, done in o.by_category:
        print(f"  {cat}：{n}项，已完成{done}项")
    return 0


def run_export(args) -> int:
    from gwdesk.core.tasks import export
    from gwdesk.io.tasklist.ledger import write_ledger
    from gwdesk.session import open_reading_session
    with open_reading_session() as ctx:
        from gwdesk.core.tasks import tracking
        tl = tracking.pick_list(args.list)
        out = write_ledger(Path(args.output), export.ledger_data(tl.id, today=ctx.today(), mine_only=not args.all))
    print(f"已导出：{out}")
    return 0


def run_report(args) -> int:
    from gwdesk.core.tasks import summary
    from gwdesk.render import glyphs
    from gwdesk.render.layouts import task_report
    from gwdesk.session import open_session
    out = Path(args.output)
    if out.suffix.lower() not in (".docx", ".pdf"):
        raise GwdeskError("报告文件的扩展名应为 .docx 或 .pdf")
    with open_session() as ctx:
        from gwdesk.core.tasks import tracking
        tl = tracking.pick_list(args.list)
        first, last = summary.default_period(tl.year, ctx.today())  # the list's own year
        start = _date(args.start, "开始日期") or first
        end = _date(args.end, "结束日期") or last
        profile = ctx.profile()
        data = summary.report_data(tl.id, start, end, today=ctx.today())
        doc = task_report.build(data, unit_name=profile.name if profile else "", today=ctx.today())
        task_report.render(doc, out)
    print(f"已生成：{out}")
    warning = glyphs.warning_text(glyphs.missing_glyphs(doc))
    if warning:
        print(warning, file=sys.stderr)
    return 0


def run_fill_back(args) -> int:
    from gwdesk.core.tasks import fill_back, originals, tracking
    from gwdesk.io import fillback
    from gwdesk.session import open_session
    out = Path(args.out).expanduser()
    with open_session() as ctx:
        tl = tracking.pick_list(args.list)
        items = fill_back.items(tl.id, today=ctx.today(), all_rows=args.all_rows)
        source = originals.stored(tl.id)
        if args.original:
            given = Path(args.original).expanduser()
            fillback.same_list(given, items, sheet=tl.sheet)  # the list's own rows, or refused naming them
            if source is None:
                source = originals.keep(tl.id, given)
                print(f"已核对并保存原表“{given.name}”，以后填回不必再指定")
            else:
                source = given
        if source is None:
            raise GwdeskError(f"清单“{tl.title or tl.file_name}”导入时没有保存原表，请用 --original 指定下发单位发来的"
                              f"原文件（{tl.file_name}），核对是同一份清单后填写并保存")
        report = fillback.write(source, out, items, sheet=tl.sheet)
    where = f"新增的最后一列“{report.column}”" if report.added else f"原表的“{report.column}”列"
    print(f"已在{where}填写 {report.filled} 处：{report.out}")
    for note in report.notes:
        print("注意：" + note, file=sys.stderr)
    if report.missing:
        print(f"原表中找不到 {len(report.missing)} 项，未填写：" + "；".join(report.missing[:6]), file=sys.stderr)
        return 1
    return 0
