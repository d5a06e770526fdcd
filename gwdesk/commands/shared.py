"""`gwdesk users` and `gwdesk audit`: the clerks of a 单位共享数据库 with their roles, and the audit trail."""

from __future__ import annotations

from pathlib import Path

from gwdesk.errors import GwdeskError


def register(sub) -> None:
    p = sub.add_parser("users", help="共享数据库的用户和角色（科员、审核人、管理员）；--set 由管理员修改")
    p.add_argument("--set", nargs=2, metavar=("LOGIN", "ROLE"), help="把数据库用户 LOGIN 设为角色 ROLE")
    p.add_argument("--name", metavar="NAME", help="与 --set 同用：该用户的姓名")
    p.add_argument("--disable", action="store_true", help="与 --set 同用：停用该用户")
    p.set_defaults(func=run_users)
    p = sub.add_parser("audit", help="修改记录：谁在何时把什么从什么改成了什么（--out 导出为 xlsx）")
    p.add_argument("--table", metavar="TABLE", help="只看某类记录，如 review_form、application、task")
    p.add_argument("--id", metavar="ID", help="只看某条记录")
    p.add_argument("--limit", type=int, default=200, metavar="N", help="最多显示多少条（默认200，最新的在前）")
    p.add_argument("--out", metavar="FILE.xlsx", help="导出到 xlsx 文件")
    p.set_defaults(func=run_audit)


def run_users(args) -> int:
    from gwdesk.core import users
    from gwdesk.session import open_session
    with open_session(daily_backup=False) as ctx:
        if not ctx.store.shared:
            raise GwdeskError("本机数据只有一位用户（本机用户，可做全部操作）；用户和角色只用于单位共享数据库。")
        if args.set:
            login, role = args.set
            users.set_role(login, role, name=args.name, active=not args.disable)
            print(f"已把用户“{login}”设为{role}{'（已停用）' if args.disable else ''}。")
        me = users.current()
        for u in users.all_users():
            mark = "  ← 您" if u.login == me.login else ""
            print(f"{u.login}  {u.name}  {u.role}{mark}")
    return 0


def run_audit(args) -> int:
    from gwdesk.session import open_session
    from gwdesk.store import audit
    with open_session(daily_backup=False):
        rows = audit.entries(args.table, args.id, limit=args.limit)
    if args.out:
        from gwdesk.io.audit_xlsx import write
        out = write(rows, Path(args.out).expanduser())
        print(f"已导出 {len(rows)} 条修改记录到：{out}")
        return 0
    if not rows:
        print("没有修改记录。")
    for at, by, table, row_id, action, before, after in rows:
        print(f"{at.replace('T', ' ')}  {by}  {table}#{row_id}  {action}  {before} → {after}")
    return 0
