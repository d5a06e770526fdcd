"""Print preview inside the app (QtPdf) and direct printing of a rendered PDF to a printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout

from gwdesk.ui.common import alerts


def paint_pdf(pdf_path: str | Path, printer: QPrinter) -> int:
    """Draw every page of the PDF onto `printer` at its resolution; returns the number of pages."""
    doc = QPdfDocument()
    doc.load(str(pdf_path))
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
        raise RuntimeError(f"cannot read {pdf_path}")
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("printer refused to start")
    try:
        for i in range(doc.pageCount()):
            if i:
                printer.newPage()
            rect: QRect = painter.viewport()
            points = doc.pagePointSize(i)
            scale = min(rect.width() / points.width(), rect.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image = QImage(size, QImage.Format_ARGB32)
            image.fill(QColor("white"))
            page = doc.render(i, size)
            p2 = QPainter(image)
            p2.drawImage(QPointF(0, 0), page)  # render() gives a transparent background: paint on white
            p2.end()
            painter.drawImage(QPointF(0, 0), image)
    finally:
        painter.end()
    return doc.pageCount()


def print_pdf(pdf_path: str | Path, parent=None) -> bool:
    """Ask for a printer (QPrintDialog) and print the PDF; False when the clerk cancels."""
    printer = QPrinter(QPrinter.HighResolution)
    printer.setFullPage(True)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.Accepted:
        return False
    try:
        paint_pdf(pdf_path, printer)
    except RuntimeError as e:
        alerts.error(parent, parent.tr("打印失败") if parent else "打印失败", f"打印失败：{e}")
        return False
    return True


class PreviewDialog(QDialog):
    """Shows a rendered PDF page by page, with 打印 and 另存为."""

    def __init__(self, pdf_path: str | Path, title: str, save_as=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 960)
        self.pdf_path = Path(pdf_path)
        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        pr = QPushButton(self.tr("打印…"))
        pr.clicked.connect(lambda: print_pdf(self.pdf_path, self))
        buttons.addButton(pr, QDialogButtonBox.ActionRole)
        if save_as is not None:
            sv = QPushButton(self.tr("另存为…"))
            sv.clicked.connect(save_as)
            buttons.addButton(sv, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
