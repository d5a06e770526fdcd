"""`gwdesk forms`: the office's own 意见单 definition (on a 单位共享数据库 kept in the database for every clerk)."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("forms", help="自定义意见单：查看在用的定义（show）、启用本单位的定义文件（set FILE）、改回内置定义（clear）")
    p.add_argument("action", choices=("show", "set", "clear"), help="show 查看；set 启用 FILE；clear 改回内置定义")
    p.add_argument("file", nargs="?", metavar="FILE.toml", help="与 set 同用：本单位的意见单定义文件")
    p.set_defaults(func=run)


def run(args) -> int:
    from gwdesk.core import custom_forms, formdef
    from gwdesk.errors import GwdeskError
    from gwdesk.session import open_session
    with open_session(daily_backup=False) as ctx:
        where = "共享数据库" if ctx.store.shared else "数据目录"
        if args.action == "set":
            if not args.file:
                raise GwdeskError("请给出意见单定义文件：gwdesk forms set 文件.toml")
            d = custom_forms.install(Path(args.file).expanduser())
            print(f"已启用自定义意见单“{d.name}”（保存在{where}中）。")
        elif args.action == "clear":
            had = custom_forms.remove()
            print("已改回内置意见单定义。" if had else "原本就在使用内置意见单定义。")
        d = formdef.load()
        if d.notice:
            print(d.notice)
        print(f"在用的意见单定义：{d.name}（{'内置' if d.bundled else '本单位自定义，保存在' + where + '中'}）")
    return 0
