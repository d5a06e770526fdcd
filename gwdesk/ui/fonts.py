"""The bundled CJK faces registered with Qt, so every screen draws Chinese the same on any machine."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from gwdesk.render.fonts import SANS, SERIF, bundled_path

log = logging.getLogger(__name__)

_family: str | None = None


def register_qt_fonts() -> str:
    """Add the bundled faces to Qt's font database; returns the family to use as the app font.

    Needs a QGuiApplication. Calling it again returns the cached family.
    """
    global _family
    if _family:
        return _family
    family = ""
    for face in (SANS, SERIF):
        fid = QFontDatabase.addApplicationFont(str(bundled_path(face)))
        families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        if fid < 0:
            log.warning("Qt could not load %s", bundled_path(face))
        if face is SANS and families:
            family = families[0]
    _family = family or SANS[0]
    return _family
