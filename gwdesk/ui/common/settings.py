"""Every setting the window keeps (geometry, last folders, …) lives in the data folder's `gwdesk.ini`.

Nothing goes to the user's own Qt settings (registry on Windows, ~/.config on Linux): `--data-dir` isolates
it all, a test or `gwdesk selftest` on its temporary folder leaves the clerk's real window alone, and the
folder moves to another computer whole. Qt's own settings (the file dialog's history) are redirected there
too (`isolate_qt_settings`)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from gwdesk import paths

SETTINGS_FILE = "gwdesk.ini"
QT_SETTINGS_DIR = "qt-settings"  # where Qt's own QSettings (QtProject.conf: file dialog history) go


def settings_path():
    return paths.data_dir() / SETTINGS_FILE


def settings() -> QSettings:
    """The data folder's settings file (created on the first write)."""
    paths.private_dir(paths.data_dir())
    return QSettings(str(settings_path()), QSettings.IniFormat)


def isolate_qt_settings() -> None:
    """Send every QSettings Qt opens by organisation name (its file dialog's history, sidebar URLs) to the
    data folder as ini files instead of the registry or ~/.config."""
    folder = str(paths.data_dir() / QT_SETTINGS_DIR)
    QSettings.setDefaultFormat(QSettings.IniFormat)
    for fmt in (QSettings.IniFormat, QSettings.NativeFormat):
        for scope in (QSettings.UserScope, QSettings.SystemScope):
            QSettings.setPath(fmt, scope, folder)
