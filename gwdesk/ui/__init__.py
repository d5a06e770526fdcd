"""The Qt screens.

Importing this package first (every screen module is below it) makes PySide6's look at each later import cheap:
its `__feature__` support asks of every module imported after it whether the source names PySide6, through
`inspect.getsource`, which keeps every module's source lines in `linecache` (5 MB for gwdesk's start, issue 25).
The same question is answered from the file's bytes, nothing kept."""

from __future__ import annotations

import sys


def _scan_sources_without_keeping_them() -> None:
    import shiboken6  # noqa: F401  (loads shibokensupport.feature; PySide6.QtCore's import then asks it)
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "gwdesk", False):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as f:
                    return b"PySide6" in f.read()
            except OSError:  # no source beside it (a bundle): PySide6's own answer
                pass
        return original(module)

    uses_pyside.gwdesk = True
    feature._mod_uses_pyside = uses_pyside


_scan_sources_without_keeping_them()
