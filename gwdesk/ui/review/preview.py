"""Print preview inside the app (pages rendered by pypdfium2) and direct printing of a rendered PDF to a printer.

pypdfium2 (PDFium) and QtPrintSupport are loaded when a PDF is first drawn or printed, not with the main window
(start-up imports only what the first screen needs: issue 25).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gwdesk.ui.common.dialog import Dialog
from gwdesk.ui.common.screen import available_geometry
from gwdesk.ui.common import alerts

if TYPE_CHECKING:
    import pypdfium2 as pdfium
    from PySide6.QtPrintSupport import QPrinter

PRINT_DPI = 300


def page_image(page: pdfium.PdfPage, scale: float) -> QImage:
    """One page as a QImage on white (pdfium fills the background itself)."""
    bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB byte order
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    fmt = QImage.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format_RGBA8888
    # copy(): the QImage must own its pixels once the pdfium bitmap is gone
    return QImage(bytes(bitmap.buffer), width, height, stride, fmt).copy()


def open_pdf(pdf_path: str | Path) -> pdfium.PdfDocument:
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(str(pdf_path))
    except (pdfium.PdfiumError, OSError) as e:
        raise RuntimeError(f"无法读取 {pdf_path}：{e}") from e
    if len(doc) == 0:
        doc.close()
        raise RuntimeError(f"{pdf_path} 没有页面")
    return doc


def paint_pdf(pdf_path: str | Path, printer: QPrinter) -> int:
    """Draw every page of the PDF onto `printer` at its resolution; returns the number of pages."""
    doc = open_pdf(pdf_path)
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise RuntimeError("打印机未能开始打印")
        try:
            for i in range(len(doc)):
                if i:
                    printer.newPage()
                page = doc[i]
                rect: QRect = painter.viewport()
                width_pt, height_pt = page.get_size()
                scale = min(rect.width() / width_pt, rect.height() / height_pt)
                # 300 dpi is sharp on paper; a 1200 dpi printer page would be a 400 MB bitmap
                image = page_image(page, min(scale, PRINT_DPI / 72))
                painter.drawImage(QRectF(0, 0, width_pt * scale, height_pt * scale), image)
                page.close()
        finally:
            painter.end()
        return len(doc)
    finally:
        doc.close()


def print_pdf(pdf_path: str | Path, parent=None) -> bool:
    """Ask for a printer (QPrintDialog) and print the PDF; False when the clerk cancels."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    printer = QPrinter(QPrinter.HighResolution)
    printer.setFullPage(True)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.Accepted:
        return False
    try:
        paint_pdf(pdf_path, printer)
    except RuntimeError as e:
        alerts.error(parent, "打印失败", f"打印失败：{e}")
        return False
    return True


class _PageScroll(QScrollArea):
    """The pages' scroll area; tells `on_width` its viewport's new width after each resize (a virtual override,
    not a Python event filter: filters that wrap events have crashed PySide6 6.11 inside shiboken)."""

    def __init__(self, on_width, parent=None):
        super().__init__(parent)
        self._on_width = on_width

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._on_width(self.viewport().width())


class PreviewDialog(Dialog):
    """Shows a rendered PDF page by page, fitted to the width, with 打印 and 另存为; sized to the screen."""

    MARGIN = 12

    def __init__(self, pdf_path: str | Path, title: str, save_as=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf_path = Path(pdf_path)
        self.document = open_pdf(self.pdf_path)
        self.page_count = len(self.document)
        self._sizes = [self.document[i].get_size() for i in range(self.page_count)]
        self._width = 0

        self.scroll_area = _PageScroll(self._render, self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignHCenter)
        self.scroll_area.setStyleSheet("QScrollArea { background: #808080; }")
        self.pages = QWidget()
        self.pages.setStyleSheet("background: #808080;")
        pages_lay = QVBoxLayout(self.pages)
        pages_lay.setSpacing(self.MARGIN)
        pages_lay.setContentsMargins(self.MARGIN, self.MARGIN, self.MARGIN, self.MARGIN)
        self.labels: list[QLabel] = []
        for _ in range(self.page_count):
            label = QLabel()
            label.setAlignment(Qt.AlignCenter)
            pages_lay.addWidget(label, 0, Qt.AlignHCenter)
            self.labels.append(label)
        self.scroll_area.setWidget(self.pages)

        lay = QVBoxLayout(self)
        lay.addWidget(self.scroll_area, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        pr = QPushButton("打印…")
        pr.clicked.connect(lambda: print_pdf(self.pdf_path, self))
        buttons.addButton(pr, QDialogButtonBox.ActionRole)
        if save_as is not None:
            sv = QPushButton("另存为…")
            sv.clicked.connect(save_as)
            buttons.addButton(sv, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.finished.connect(lambda _=None: self.document.close())

        avail = available_geometry(self)
        # an A4 page across most of the height, never beyond the screen (1366×768 keeps its buttons visible)
        self.resize(min(820, avail.width() - 40), min(960, avail.height() - 60))
        self._render(self.width() - 40)

    def _render(self, viewport_width: int) -> None:
        width = max(200, viewport_width - 2 * self.MARGIN - 4)
        if abs(width - self._width) < 8:
            return
        self._width = width
        ratio = self.devicePixelRatioF()
        for i, label in enumerate(self.labels):
            width_pt, _ = self._sizes[i]
            page = self.document[i]
            image = page_image(page, width * ratio / width_pt)
            page.close()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
