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
    parser.add_argument("--version", action="version", version=f"gwdesk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="数据目录（默认：用户数据目录下的 gwdesk）")
    parser.add_argument("--demo", action="store_true", help="载入演示数据（数据库为空时）")
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
    if not args.command:
        from gwdesk.app import run_gui
        return run_gui(demo=args.demo)
    try:
        return int(args.func(args) or 0)
    except GwdeskError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
