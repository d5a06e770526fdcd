"""`gwdesk review render|blank|check|registers`: print a 公文公开发布意见单 (filled from JSON, or blank),
check its data as the editor does, export the 公开/不予公开 registers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from gwdesk.errors import GwdeskError, os_error_text


def register(subparsers) -> None:
    p = subparsers.add_parser("review", help="公文公开发布意见单：按数据打印或打印空白单")
    sub = p.add_subparsers(dest="review_command", metavar="操作", required=True)
    r = sub.add_parser("render", help="把 JSON 数据的意见单生成 PDF 或 DOCX")
    r.add_argument("--data", required=True, metavar="FORM.json",
                   help="意见单数据：{\"number\", \"values\": {字段: 值}, \"signoffs\": {...}}")
    _common(r)
    r.set_defaults(func=run_render)
    b = sub.add_parser("blank", help="生成供手写填写的空白意见单")
    _common(b)
    b.set_defaults(func=run_blank)
    c = sub.add_parser("check", help="按编辑界面的规则检查 JSON 数据的意见单；有问题时退出码为 1")
    c.add_argument("--data", required=True, metavar="FORM.json", help="意见单数据（同 render）")
    c.add_argument("--stage", choices=["submit", "approve", "publish"], default="submit",
                   help="检查到哪一步：submit 送审（默认）、approve 审定、publish 登记公开")
    c.add_argument("--json", action="store_true", help="以 JSON 输出问题和提示")
    c.add_argument("--level", default=None, metavar="层级",
                   help="本单位层级（如 县级部门、乡镇），条例第二十一条的检查要用；不填时读取本机已保存的单位信息")
    c.set_defaults(func=run_check)
    g = sub.add_parser("registers", help="导出某年度（或某月）公开信息登记表和不予公开政府信息登记表（xlsx）")
    g.add_argument("--year", type=int, required=True, help="年度，如 2026")
    g.add_argument("--month", type=int, default=None, help="月份 1–12（按成文日期；不填为全年）")
    g.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    g.set_defaults(func=run_registers)


def _common(p) -> None:
    p.add_argument("--format", choices=["pdf", "docx"], default=None, help="输出格式（默认按 --out 的扩展名，否则 pdf）")
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件")
    p.add_argument("--unit", default=None, help="单位名称（默认读取本机已保存的单位信息）")


def _format(args) -> str:
    if args.format:
        return args.format
    return "docx" if Path(args.out).suffix.lower() == ".docx" else "pdf"


class _Unit:
    def __init__(self, name: str):
        self.name = name


def _profile(args):
    if args.unit:
        return _Unit(args.unit)
    from gwdesk.commands._readonly import read_profile
    return read_profile() or _Unit("")  # no lock: works beside an open window


def _write(doc, fmt: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        if fmt == "docx":
            from gwdesk.render.docx import render_docx
            render_docx(doc, out)
        else:
            from gwdesk.render.pdf import render_pdf
            render_pdf(doc, out)
    except PermissionError:
        raise GwdeskError(f"无法写入 {out}：文件可能正在被其他程序打开") from None
    except OSError as e:
        raise GwdeskError(f"无法写入 {out}：{os_error_text(e)}") from None


def _definition():
    from gwdesk.core import formdef
    import sys
    d = formdef.load()
    if d.notice:
        print(f"提示：{d.notice}", file=sys.stderr)
    return d


def _read_form(path: Path):
    from gwdesk.core.review.forms import Form
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise GwdeskError(f"找不到数据文件 {path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise GwdeskError(f"无法读取数据文件 {path}：{e}") from None
    except json.JSONDecodeError as e:
        raise GwdeskError(f"数据文件 {path} 第{e.lineno}行第{e.colno}列：JSON 格式错误（{e.msg}）") from None
    try:
        return Form.from_json(data)
    except GwdeskError as e:
        raise GwdeskError(f"数据文件 {path}：{e.message}") from None


def run_check(args) -> int:
    from gwdesk.core.review import last_step, validate
    form = _read_form(Path(args.data))
    definition = _definition()
    rep = validate.check(definition, form.values, form.signoffs, args.stage, _context(args))
    step = last_step.for_values(definition, validate.normalise(definition, form.values))
    stage = {"submit": "送审", "approve": "审定"}.get(args.stage) or (step.label if step else "登记")
    if args.json:
        print(json.dumps({"ok": rep.ok, "stage": args.stage,
                          "problems": [{"field": i.key, "text": i.text} for i in rep.problems],
                          "warnings": [{"field": i.key, "text": i.text} for i in rep.warnings]},
                         ensure_ascii=False, indent=2))
    else:
        for text in rep.problem_texts():
            print(f"✗ {text}")
        for text in rep.warning_texts():
            print(f"⚠ {text}")
        print(f"可以{stage}：没有缺项" if rep.ok else f"{stage}前还缺 {len(rep.problems)} 项")
    return 0 if rep.ok else 1


def _context(args, quiet: bool = False) -> dict:
    """The unit's level for the rules: --level, else the saved unit profile (read without the lock)."""
    import sys

    from gwdesk.core import units
    from gwdesk.core.review import validate
    level = getattr(args, "level", None)
    if level is not None:
        if level not in units.LEVELS:
            raise GwdeskError(f"--level 应为以下之一：{'、'.join(units.LEVELS)}")
        return {"unit_level": level}
    from gwdesk.commands._readonly import read_profile
    context = validate.unit_context(read_profile())
    if not context["unit_level"] and not quiet:
        print("提示：未读到本单位层级，条例第二十一条的检查未进行（可用 --level 指定）", file=sys.stderr)
    return context


def run_render(args) -> int:
    from gwdesk.core.review import validate
    from gwdesk.render.layouts import review_form
    form = _read_form(Path(args.data))
    definition = _definition()
    rep = validate.check(definition, form.values, form.signoffs, "submit", _context(args, quiet=True))
    for text in rep.problem_texts() + rep.warning_texts():
        print(f"提示：{text}")
    doc = review_form.build(form, definition, _profile(args), dt.date.today())
    out = Path(args.out)
    _write(doc, _format(args), out)
    print(f"已生成 {out}")
    return 0


def run_blank(args) -> int:
    from gwdesk.render.layouts import review_form
    doc = review_form.build_blank(_definition(), _profile(args), dt.date.today())
    out = Path(args.out)
    _write(doc, _format(args), out)
    print(f"已生成 {out}")
    return 0


def run_registers(args) -> int:
    from gwdesk.core.review import registers
    from gwdesk.io.review_registers import write_registers
    from gwdesk.session import open_reading_session
    with open_reading_session() as ctx:
        profile = ctx.profile()
        regs = registers.gather(args.year, args.month, profile.name if profile else "", _definition())
        out = write_registers(regs, Path(args.out))
    print(f"已生成 {out}")
    return 0
