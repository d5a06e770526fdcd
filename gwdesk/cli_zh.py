"""argparse's own words in Chinese (“usage:”, “options:”, “show this help message and exit”, its error
messages), for `gwdesk … --help` and the errors a clerk sees at the command line.

argparse looks its strings up through the module's `_`/`ngettext` when a parser is built, prints its help
or reports an error; `chinese_argparse()` swaps in this table for that time only (so nothing else in the
process is affected). A string not in the table (a newer Python's) stays as argparse wrote it."""

from __future__ import annotations

import argparse
from contextlib import contextmanager
from typing import Iterator

TEXTS = {
    "usage: ": "用法：",
    "options": "选项",
    "optional arguments": "选项",
    "positional arguments": "位置参数",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n（用 %(prog)s --help 查看用法）\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的参数值 %r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "至多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的%(type)s：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的子命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "cannot have multiple subparser arguments": "只能有一组子命令",
}
# the type names argparse puts into “invalid %(type)s value”
TYPES = {"int": "整数", "float": "数字", "str": "文字"}


def translate(text):
    if text is None:
        return None
    return TEXTS.get(text, text)


def ntranslate(singular, plural, n):
    return translate(singular if n == 1 else plural)


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Section headings end with a full-width colon (“选项：”), as Chinese text does."""

    def format_help(self):
        import re
        return re.sub(r"^(\S[^\n]*):$", r"\1：", super().format_help(), flags=re.M)


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser with Chinese headings, whose type errors name the type in Chinese."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)

    def _get_value(self, action, arg_string):
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as e:
            name = getattr(action.type, "__name__", "")
            if name in TYPES and e.message.startswith("无效的" + name):
                e.message = e.message.replace("无效的" + name, "无效的" + TYPES[name], 1)
            raise


@contextmanager
def chinese_argparse() -> Iterator[None]:
    """argparse speaks Chinese inside the block."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = translate, ntranslate
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
