"""Named hooks ("package.module:function") that each domain provides; a module not built yet is skipped."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Callable, Iterator


def module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def resolve(specs: list[str]) -> Iterator[tuple[str, Callable]]:
    """(module name, function) for every spec whose module exists."""
    for spec in specs:
        mod_name, func = spec.split(":")
        if module_exists(mod_name):
            yield mod_name, getattr(importlib.import_module(mod_name), func)
