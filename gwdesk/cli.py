"""Command line: `gwdesk` (or `python main.py`) with no subcommand opens the window."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from gwdesk import __version__, commands, paths
from gwdesk.errors import GwdeskError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gwdesk",
        description="政务公开办公桌：不带子命令时打开图形界面；带子命令时在命令行中运行。",
    )
    parser._optionals.title = "选项"
    parser._actions[0].help = "显示本帮助并退出"
    parser.add_argument("--version", action="version", version=f"gwdesk {__version__}",
                        help="显示版本号并退出")
    parser.add_argument("--data-dir", metavar="DIR", help="数据目录（默认：用户数据目录下的 gwdesk）")
    parser.add_argument("--demo", action="store_true", help="载入演示数据（数据库为空时）")
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
    parser = build_parser()
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
    try:
        return int(args.func(args) or 0)
    except GwdeskError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return 2
    except Exception as e:  # a bug: one line for the clerk, the traceback in the log
        return _report_bug(e)


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
