"""Command line: `gwdesk` (or `python main.py`) with no subcommand opens the window."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from gwdesk import __version__, commands, paths
from gwdesk.cli_zh import ChineseParser, chinese_argparse
from gwdesk.errors import GwdeskError

# subcommands that never read the data folder: --demo does not apply to them
WITHOUT_DATA = {"calc": "只做日期和费用计算，不读取数据目录", "selftest": "在临时目录中自检，不使用数据目录"}


def build_parser() -> argparse.ArgumentParser:
    with chinese_argparse():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog="gwdesk",
        description="政务公开办公桌：不带子命令时打开图形界面；带子命令时在命令行中运行。",
    )
    parser.add_argument("--version", action="version", version=f"gwdesk {__version__}",
                        help="显示版本号并退出")
    parser.add_argument("--data-dir", metavar="DIR", help="数据目录（默认：用户数据目录下的 gwdesk）")
    parser.add_argument("--demo", action="store_true",
                        help="载入演示数据（虚构的“青川县民政局”，只载入到空的数据目录；可与子命令同用）")
    parser.add_argument("--db", metavar="URL",
                        help="本次使用单位共享数据库 postgresql://用户名@服务器[:端口]/数据库名（密码写在 pgpass 文件中；"
                             "也可用环境变量 GWDESK_DB_URL，或本机设置文件 database.json）")
    sub = parser.add_subparsers(dest="command", metavar="子命令", title="子命令")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from gwdesk.store import drivers
    if argv[:1] == [drivers.CHILD_FLAG]:  # the bundle's 测试连接 runs in a fresh process of its own executable
        return drivers.child_main(argv[1:])
    with chinese_argparse():
        parser = _build_parser()
        args = parser.parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    if args.db:
        from gwdesk.store import dburl
        try:
            dburl.set_override(args.db)
        except GwdeskError as e:
            print(f"错误：{e.message}", file=sys.stderr)
            return 2
    if not args.command:
        from gwdesk.app import run_gui
        return run_gui(demo=args.demo)
    if sys.stdin.isatty():  # a 单位共享数据库 that wants a password asks it here; else the message says how
        from gwdesk.store import credentials
        credentials.set_asker(ask_password_on_terminal)
    try:
        if args.demo:
            load_demo(args.command)
        with chinese_argparse():  # a command may still report a usage error
            return int(args.func(args) or 0)
    except GwdeskError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return 2
    except Exception as e:  # a bug: one line for the clerk, the traceback in the log
        return _report_bug(e)


def ask_password_on_terminal(url, problem: str, said: str = ""):
    """The password of a 单位共享数据库 login, typed on the terminal (not echoed); None when none is given."""
    import getpass

    from gwdesk.store import credentials
    head = "密码不正确，请重新输入。" if problem == credentials.WRONG else ""
    try:
        password = getpass.getpass(f"{head}{url.label()}，用户“{url.user}”的密码：")
        if not password:
            return None
        where = "系统凭据管理器" if credentials.keyring_available() else f"本机的 pgpass 文件 {credentials.pgpass_path()}"
        keep = input(f"记住密码（保存到{where}）？[y/N] ").strip().lower() in ("y", "yes", "是")
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        return None
    return credentials.Answer(password, keep)


def load_demo(command: str) -> None:
    """`--demo` before a subcommand: load the demo into the data folder (only an empty one, once), or say
    that this command does not use it."""
    if command in WITHOUT_DATA:
        print(f"提示：--demo 对“gwdesk {command}”无效（该命令{WITHOUT_DATA[command]}），已忽略。"
              "--demo 用于打开窗口，或为使用数据目录的命令载入演示数据。", file=sys.stderr)
        return
    from gwdesk.core import demo
    from gwdesk.session import open_session
    with open_session(daily_backup=False) as ctx:
        done = demo.load_into_empty(ctx)
    where = paths.data_dir()
    if done == demo.LOADED:
        print(f"已在数据目录“{where}”载入演示数据（虚构的“{demo.DEMO_PROFILE.name}”）。", file=sys.stderr)
    else:
        print(f"数据目录“{where}”中已有演示数据，未重复载入。", file=sys.stderr)


def _report_bug(exc: Exception) -> int:
    import logging
    import os
    import traceback

    from gwdesk.logs import setup_logging
    try:
        log_path = setup_logging()
        logging.getLogger("gwdesk.cli").error("命令出错", exc_info=exc)
        where = f"详细信息已写入日志：{log_path}"
    except OSError:
        where = "日志无法写入"
    print(f"程序错误：{type(exc).__name__}: {exc}\n{where}", file=sys.stderr)
    if os.environ.get("GWDESK_DEBUG") or os.environ.get("CI"):
        traceback.print_exception(exc, file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main())
