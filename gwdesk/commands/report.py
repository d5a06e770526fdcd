"""`gwdesk report build|check|rollup`: the annual report from a gwdesk.annual-report/1 JSON file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from gwdesk.errors import os_error_text

LEVEL_HELP = ("单位层级（乡镇、街道、县级部门、县级政府、设区的市级部门、省级部门、其他），用于规则 R9；"
              "不指定时取本机单位信息中的层级")


def register(sub) -> None:
    p = sub.add_parser("report", help="政府信息公开工作年度报告：生成 DOCX/PDF、校验、汇总")
    rs = p.add_subparsers(dest="report_command", metavar="操作", title="操作")
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])

    b = rs.add_parser("build", help="由 JSON 数据生成年度报告 DOCX 或 PDF")
    b.add_argument("--data", required=True, metavar="F.json", help="gwdesk.annual-report/1 数据文件")
    b.add_argument("--format", required=True, choices=["docx", "pdf"], help="输出格式")
    b.add_argument("--out", required=True, metavar="PATH", help="输出文件")
    b.add_argument("--unit", metavar="名称", help="报告标题中的单位名称（默认取数据中的 unit）")
    b.add_argument("--lenient", action="store_true", help="宽松读取：把“无”、空白等读作 0 并列为问题")
    b.add_argument("--allow-empty", action="store_true", help="确认导出有部分（一、五、六）没有内容的报告")
    b.set_defaults(func=run_build)

    c = rs.add_parser("check", help="按规则 R0–R12 校验年度报告数据；有错误时退出码为 1")
    c.add_argument("--data", required=True, metavar="F.json", help="gwdesk.annual-report/1 数据文件")
    c.add_argument("--level", metavar="层级", help=LEVEL_HELP)
    c.add_argument("--previous", metavar="F.json", help="上年度报告数据，用于规则 R5、R6")
    c.add_argument("--json", action="store_true", help="以 JSON 输出问题清单")
    c.add_argument("--lenient", action="store_true", help="宽松读取：把“无”、空白等读作 0 并列为问题")
    c.set_defaults(func=run_check)

    r = rs.add_parser("rollup", help="汇总多个单位的年度报告数据（文件或文件夹），导出 xlsx")
    r.add_argument("inputs", nargs="+", metavar="DIR_OR_FILE", help="JSON 文件或包含 JSON 文件的文件夹")
    r.add_argument("--out", required=True, metavar="X.xlsx", help="汇总表")
    r.add_argument("--expected", metavar="名单.txt", help="应报单位名单，每行“单位名称”或“单位名称<Tab>层级”")
    r.add_argument("--year", type=int, help="汇总年度（默认取多数报告的年度）")
    r.add_argument("--deadline", metavar="YYYY-MM-DD", help="报送截止日期（默认次年1月31日）")
    r.set_defaults(func=run_rollup)


def _print_findings(findings) -> None:
    from gwdesk.core.annual_report.rollup import SEVERITY
    for f in findings:
        print(f"[{SEVERITY.get(f.severity, f.severity)}] {f.rule} {f.where}：{f.message}")


def run_build(args) -> int:
    from gwdesk.core.annual_report.checker import check, empty_sections
    from gwdesk.core.annual_report.findings import count
    from gwdesk.errors import GwdeskError
    from gwdesk.io import report_json
    from gwdesk.render.layouts import annual_report

    data, read_findings = report_json.read(args.data, lenient=args.lenient)
    unit = (args.unit or data.unit).strip()
    if not unit:
        raise GwdeskError("数据中没有单位名称，请用 --unit 指定")
    empty = empty_sections(data)
    if empty and not args.allow_empty:
        raise GwdeskError(f"{'、'.join(empty)}没有内容，未生成报告；请补写，或确需导出时加 --allow-empty")
    doc = annual_report.build(data, unit)
    out = Path(args.out).expanduser()
    if args.format == "docx":
        from gwdesk.render.docx import render_docx as render
    else:
        from gwdesk.render.pdf import render_pdf as render
    try:
        render(doc, out)
    except OSError as e:
        raise GwdeskError(f"无法写入 {out}：{os_error_text(e)}") from e
    findings = read_findings + check(data)
    print(f"已生成：{out}")
    if findings:
        print(f"校验发现 {count(findings, 'error')} 个错误、{count(findings, 'warn')} 个提醒"
              f"（运行 gwdesk report check --data {args.data} 查看）")
    return 0


def run_check(args) -> int:
    from gwdesk.core.annual_report.checker import check
    from gwdesk.core.annual_report.findings import count
    from gwdesk.core.units import LEVELS
    from gwdesk.errors import GwdeskError, ImportRejected
    from gwdesk.io import report_json

    if args.level and args.level not in LEVELS:
        raise GwdeskError(f"未知的单位层级“{args.level}”，可选：{'、'.join(LEVELS)}")
    try:
        data, findings = report_json.read(args.data, lenient=args.lenient)
        previous = report_json.read(args.previous, lenient=True)[0] if args.previous else None
    except ImportRejected as e:
        print(f"错误：{e.message}", file=sys.stderr)
        for p in e.problems[1:]:
            print(f"  {p}", file=sys.stderr)
        return 2
    level = args.level
    if level is None:
        from gwdesk.commands._readonly import read_profile
        profile = read_profile()
        level = profile.level if profile is not None else None
        assumed = (f"未指定 --level，按本单位信息中的层级“{level}”检查规则 R9" if level
                   else "未指定 --level，本机也没有单位信息：规则 R9（规章制定权）未检查")
        print(assumed, file=sys.stderr if args.json else sys.stdout)
    findings = findings + check(data, previous=previous, level=level)
    errors, warns = count(findings, "error"), count(findings, "warn")
    if args.json:
        print(json.dumps({"unit": data.unit, "year": data.year, "errors": errors, "warnings": warns,
                          "findings": [f.to_dict() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        _print_findings(findings)
        print(f"{data.unit}{data.year}年度报告：{errors} 个错误，{warns} 个提醒" if findings
              else f"{data.unit}{data.year}年度报告：未发现问题")
    return 1 if errors else 0


def run_rollup(args) -> int:
    import datetime as dt

    from gwdesk.errors import GwdeskError
    from gwdesk.io import report_rollup as rollup

    deadline = None
    if args.deadline:
        try:
            deadline = dt.date.fromisoformat(args.deadline)
        except ValueError as e:
            raise GwdeskError(f"截止日期“{args.deadline}”格式不对，应为 YYYY-MM-DD") from e
    expected = rollup.read_expected(args.expected) if args.expected else None
    r = rollup.collect(args.inputs, year=args.year, expected=expected, deadline=deadline)
    out = rollup.export_xlsx(r, Path(args.out).expanduser())
    used = [e for e in r.entries if e.used]
    print(f"{r.year}年度：汇总 {r.units_in_totals} 个单位；有错误的 {sum(1 for e in used if e.errors)} 个；"
          f"逾期 {len(r.late)} 个；未报送 {len(r.missing)} 个；"
          f"无法使用的文件 {sum(1 for e in r.entries if e.file and not e.used)} 个")
    for e in r.entries:
        if e.problem:
            print(f"  {e.unit or e.file}：{e.status}，{e.problem}")
    print(f"已导出：{out}")
    return 0
