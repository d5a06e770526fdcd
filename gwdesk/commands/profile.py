"""`gwdesk profile show` / `gwdesk profile set`: the unit profile (单位信息) from the command line, through the
same core validation (units.Profile.problems, units.save) as the 设置 form, so `tasks progress` and
`report check` can be scripted on a fresh data folder."""

from __future__ import annotations

import dataclasses
import json

from gwdesk.errors import GwdeskError

FIELDS = [("name", "单位名称"), ("level", "层级"), ("supervisor", "主管单位"), ("contact", "联系人"), ("phone", "联系电话"),
          ("departments", "科室"), ("groups", "统称"), ("aliases", "简称"), ("issues_lists", "下发任务清单")]


def register(sub) -> None:
    from gwdesk.core.units import LEVELS
    p = sub.add_parser("profile", help="单位信息：查看（show）或设置（set）单位名称、层级、主管单位、统称等")
    psub = p.add_subparsers(dest="profile_command", metavar="操作", title="操作", required=True)
    show = psub.add_parser("show", help="显示本单位信息")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(func=run_show)
    s = psub.add_parser("set", help="设置本单位信息（首次设置须给出 --name 和 --level；以后只改给出的项）")
    s.add_argument("--name", metavar="名称", help="单位名称，如“青川县民政局”")
    s.add_argument("--level", metavar="层级", help="单位层级：" + "、".join(LEVELS))
    s.add_argument("--supervisor", metavar="名称", help="主管单位（上级）")
    s.add_argument("--group", metavar="统称", action="append",
                   help="任务清单称呼本单位所用的统称，如“县政府各部门”（可重复；给出即替换原有的）")
    s.add_argument("--department", metavar="科室", action="append", help="本单位科室（可重复；给出即替换原有的）")
    s.add_argument("--alias", metavar="简称", action="append", help="本单位简称（可重复；给出即替换原有的）")
    s.add_argument("--contact", metavar="姓名", help="联系人")
    s.add_argument("--phone", metavar="电话", help="联系电话")
    s.add_argument("--issues-lists", choices=["是", "否", "自动"], help="本单位是否下发任务清单（汇总）")
    s.set_defaults(func=run_set)


def _show_lines(p) -> list[str]:
    issues = {True: "是", False: "否", None: "自动（按层级和已存清单）"}[p.issues_lists]
    return [f"单位名称：{p.name}", f"层级：{p.level}", f"主管单位：{p.supervisor or '（未填）'}",
            f"联系人：{p.contact or '（未填）'}", f"联系电话：{p.phone or '（未填）'}",
            f"科室：{'、'.join(p.departments) or '（未填）'}", f"统称：{'、'.join(p.groups) or '（未填）'}",
            f"简称：{'、'.join(p.aliases) or '（未填）'}", f"下发任务清单：{issues}"]


def run_show(args) -> int:
    from gwdesk.commands._readonly import read_profile
    p = read_profile()
    if p is None:
        raise GwdeskError("尚未设置单位信息：用 gwdesk profile set --name 单位名称 --level 层级 设置，或打开窗口填写。")
    if args.json:
        print(json.dumps(dataclasses.asdict(p), ensure_ascii=False, indent=2))
    else:
        print("\n".join(_show_lines(p)))
    return 0


def run_set(args) -> int:
    from gwdesk.core import units
    from gwdesk.errors import ValidationFailed
    from gwdesk.session import open_session
    with open_session(daily_backup=False) as ctx:
        current = units.load()
        if current is None:
            missing = [flag for flag, value in (("--name", args.name), ("--level", args.level)) if not value]
            if missing:
                raise GwdeskError(f"首次设置单位信息须给出 {' 和 '.join(missing)}。")
            current = units.Profile(name="", level="")
        changes = {"name": args.name, "level": args.level, "supervisor": args.supervisor, "contact": args.contact,
                   "phone": args.phone, "groups": args.group, "departments": args.department, "aliases": args.alias}
        changes = {k: v for k, v in changes.items() if v is not None}
        if args.issues_lists is not None:
            changes["issues_lists"] = {"是": True, "否": False, "自动": None}[args.issues_lists]
        if not changes:
            raise GwdeskError("没有给出要设置的项（如 --name、--level、--supervisor、--group）。")
        updated = dataclasses.replace(current, **changes)
        try:
            units.save(updated)  # the 设置 form's own validation
        except ValidationFailed as e:
            raise GwdeskError(e.message) from None
        ctx.forget_profile()
        print("已保存单位信息：\n" + "\n".join(_show_lines(units.load())))
    return 0
