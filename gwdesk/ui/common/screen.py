"""Windows and dialogs open inside the screen's available geometry (1366×768 with a taskbar leaves about
1366×728, and the title bar takes ~30 px more), scrolling inside where they must.

`fit_to_screen(widget)` is called by `Dialog` (every dialog's base) on its first show and by the main
window; `available_geometry` is the one place the screen is looked up, so tests can pretend a small screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication

# the window manager's decoration is unknown before the first show: room for a title bar and borders
TITLE_BAR = 32
BORDER = 8
SMALL_SCREEN = QSize(1440, 900)  # below this (in available pixels) the main window opens maximised


def available_geometry(widget=None) -> QRect:
    """The available geometry (without taskbar/panels) of the screen `widget` is on, else the primary one."""
    screen = None
    if widget is not None:
        anchor = widget.parentWidget().window() if widget.parentWidget() is not None else widget
        screen = anchor.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fits(widget, avail: QRect | None = None) -> bool:
    """The widget's frame (estimated when not yet decorated) lies inside the available geometry."""
    avail = avail or available_geometry(widget)
    return avail.contains(frame_rect(widget))


def margins(widget) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the window frame: the real one once decorated, else the usual one."""
    g, f = widget.geometry(), widget.frameGeometry()
    if f.size() != g.size():
        return g.left() - f.left(), g.top() - f.top(), f.right() - g.right(), f.bottom() - g.bottom()
    return BORDER, TITLE_BAR, BORDER, BORDER


def frame_rect(widget) -> QRect:
    """The rectangle the window takes on screen with its frame, from the frame's top-left corner (where
    move() puts it)."""
    left, top, right, bottom = margins(widget)
    size = widget.size()
    return QRect(widget.frameGeometry().topLeft(), QSize(size.width() + left + right, size.height() + top + bottom))


def fit_to_screen(widget, avail: QRect | None = None) -> None:
    """Shrink `widget` to the available geometry (never below what its layout needs: a dialog whose
    content may be taller holds it in a scroll area) and move it fully inside, centred on its parent."""
    avail = avail or available_geometry(widget)
    left, top, right, bottom = margins(widget)
    limit = QSize(avail.width() - left - right, avail.height() - top - bottom)
    size = widget.size().boundedTo(limit).expandedTo(widget.minimumSizeHint().boundedTo(limit))
    if size != widget.size():
        widget.resize(size)
    outer = QSize(widget.width() + left + right, widget.height() + top + bottom)
    parent = widget.parentWidget().window() if widget.parentWidget() is not None else None
    centre = parent.frameGeometry().center() if parent is not None and parent.isVisible() else avail.center()
    x = max(avail.left(), min(centre.x() - outer.width() // 2, avail.right() + 1 - outer.width()))
    y = max(avail.top(), min(centre.y() - outer.height() // 2, avail.bottom() + 1 - outer.height()))
    widget.move(QPoint(x, y))  # a window's position is its frame's


def is_small(avail: QRect) -> bool:
    return avail.width() < SMALL_SCREEN.width() or avail.height() < SMALL_SCREEN.height()


def place_main_window(window, avail: QRect | None = None) -> None:
    """No saved geometry: 1280×800 centred on a large screen; maximised on a small one (a 1366×768 laptop),
    with a normal size that fits should the clerk un-maximise it."""
    avail = avail or available_geometry(window)
    window.resize(QSize(1280, 800))
    fit_to_screen(window, avail)
    if is_small(avail):
        window.setWindowState(window.windowState() | Qt.WindowMaximized)
