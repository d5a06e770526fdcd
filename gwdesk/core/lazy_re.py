"""Regular expressions compiled on their first use, not when their module is imported.

The vocabulary-built patterns (task deadlines, personal data in free text) are long alternations that take tens of
milliseconds to compile; the window's start and its 今日提醒 import those modules without matching any text
(issue 25). `lazy_re.compile(...)` takes re.compile's arguments and stands for the compiled pattern."""

from __future__ import annotations

import re


class LazyPattern:
    __slots__ = ("args", "compiled")

    def __init__(self, *args):
        self.args, self.compiled = args, None

    def __getattr__(self, name: str):
        if self.compiled is None:
            self.compiled = re.compile(*self.args)
        return getattr(self.compiled, name)

    @property
    def pattern(self) -> str:  # a pattern built from others' (deadlines._ANY) compiles none of them
        return self.args[0]

    def __repr__(self) -> str:
        return f"lazy_re.compile{self.args!r}"


def compile(pattern: str, flags: int = 0) -> LazyPattern:  # noqa: A001 (re.compile's name, on purpose)
    return LazyPattern(pattern, flags)
