"""Export Handout…: the workshop handout (interchange.handout) written as Markdown with the map
as a PNG beside it, or as an A4 PDF with the map embedded at the width of the page.

The PDF is the same Markdown turned into HTML (markdown-it, tables on), laid out by a
QTextDocument at 96 units an inch and painted page by page onto a QPdfWriter, with the title
and "page N of M" in the bottom margin. Every file is written to a temporary name first and
moved into place only when all of them are complete: a failure leaves nothing half-written.
"""

from __future__ import annotations

import datetime
import os
import re
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (QColor, QFont, QGuiApplication, QImage, QPageLayout, QPageSize,
                           QPainter, QPdfWriter, QTextBlockFormat, QTextCursor,
                           QTextDocument, QTextFormat)
from PySide6.QtWidgets import QFileDialog, QWidget

from debatemap.app import dialogs
from debatemap.canvas import style
from debatemap.canvas.export import MARGIN, ExportError, export_png
from debatemap.canvas.scene import MapScene
from debatemap.core.errors import DebatemapError
from debatemap.interchange.handout import build_handout

HANDOUT_FILTERS = {"Markdown handout with the map as PNG (*.md)": ".md",
                   "PDF handout, A4 (*.pdf)": ".pdf"}
PAGE_MARGINS_MM = QMarginsF(18, 16, 18, 18)  # left, top, right, bottom
PDF_DPI = 300
LAYOUT_DPI = 96  # the QTextDocument's units: CSS pixels
MAP_DPI = 200  # the map picture's pixels per inch at its printed width
MAP_MAX_SCALE = 3.0
MAP_MAX_HEIGHT = 0.8  # of the page's text height: the heading stays on the map's page
MAP_RESOURCE = "map.png"
FONT_POINTS = 10
STYLE_SHEET = """
h1 { font-size: 20pt; margin-bottom: 2pt; }
h2 { font-size: 14pt; margin-top: 14pt; color: #1f3a5f; }
h3 { font-size: 11.5pt; margin-top: 10pt; }
table { border-collapse: collapse; margin-top: 4pt; }
th { background-color: #e8edf3; text-align: left; }
th, td { border: 1px solid #9aa3ad; padding: 3px 6px; }
li { margin-bottom: 2pt; }
code { font-family: monospace; }
"""


class HandoutError(DebatemapError):
    """The handout could not be written (the message names the file)."""


@dataclass
class HandoutResult:
    path: Path
    image: Path | None = None  # the map PNG beside a Markdown handout
    pages: int = 0  # of a PDF handout


def map_image_name(path: Path) -> str:
    """The PNG a Markdown handout shows the map from: "<handout name>-map.png" beside it."""
    return f"{path.stem}-map.png"


def write_handout(document, path: Path | str, *, when: datetime.date | None = None) -> HandoutResult:
    """Write the handout of an open MapDocument to ``path``: .md (and the map PNG beside it) or
    .pdf. Raises HandoutError naming the file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".md", ".pdf"):
        raise HandoutError(f"{path}: a handout is written as .md or .pdf, not"
                           f" '{suffix or 'no suffix'}'")
    if path.is_dir():
        raise HandoutError(f"{path}: cannot write the handout: it is a folder")
    if not path.parent.is_dir():
        raise HandoutError(f"{path}: cannot write the handout: the folder {path.parent}"
                           " does not exist")
    try:
        if suffix == ".md":
            return _write_markdown(document, path, when)
        return _write_pdf(document, path, when)
    except ExportError as error:
        raise HandoutError(f"{path}: cannot write the handout: the map picture failed ({error})"
                           ) from None
    except OSError as error:
        raise HandoutError(f"{path}: cannot write the handout: {error.strerror or error}") from None


def _markdown(document, when, image: str | None) -> str:
    return build_handout(document.map, document.workshop.model, when=when, map_image=image)


# ---- Markdown ---------------------------------------------------------------------------------


def _write_markdown(document, path: Path, when) -> HandoutResult:
    image = path.with_name(map_image_name(path))
    with ExitStack() as cleanup:
        png = _temporary(path.parent, ".png", cleanup)
        export_png(document, png, scale=2.0)
        text = _temporary(path.parent, ".md", cleanup)
        text.write_text(_markdown(document, when, image.name), encoding="utf-8", newline="\n")
        _move_all([(png, image), (text, path)])
    return HandoutResult(path, image=image)


def _temporary(folder: Path, suffix: str, cleanup: ExitStack) -> Path:
    handle, name = tempfile.mkstemp(prefix=".handout-", suffix=suffix, dir=folder)
    os.close(handle)
    made = Path(name)
    cleanup.callback(lambda: made.unlink(missing_ok=True))
    return made


def _move_all(moves: list[tuple[Path, Path]]) -> None:
    """Move each finished temporary file over its target, all or none: a target that existed
    is kept aside until every move has worked, and put back if one fails."""
    kept: list[tuple[Path, Path]] = []  # (the old file set aside, its place)
    done: list[Path] = []
    try:
        for source, target in moves:
            if target.exists():
                aside = target.with_name(f".{target.name}.old-{os.getpid()}")
                os.replace(target, aside)
                kept.append((aside, target))
            os.replace(source, target)
            done.append(target)
    except OSError:
        for target in done:
            target.unlink(missing_ok=True)
        for aside, target in kept:
            os.replace(aside, target)
        raise
    for aside, _target in kept:
        aside.unlink(missing_ok=True)
    mask = os.umask(0)
    os.umask(mask)
    for _source, target in moves:
        os.chmod(target, 0o666 & ~mask)  # mkstemp made them private


# ---- PDF --------------------------------------------------------------------------------------


def _page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       PAGE_MARGINS_MM, QPageLayout.Unit.Millimeter)


def handout_text_document(document, when=None) -> QTextDocument:
    """The PDF's content laid out on A4 pages (its ``pageCount()`` is the PDF's)."""
    page = _page_layout().paintRect(QPageLayout.Unit.Inch)
    width, height = page.width() * LAYOUT_DPI, page.height() * LAYOUT_DPI
    text = QTextDocument()
    font = QFont(style.text_font())
    font.setPointSizeF(FONT_POINTS)
    text.setDefaultFont(font)
    text.setDefaultStyleSheet(STYLE_SHEET)
    text.setDocumentMargin(0)
    text.setPageSize(QSizeF(width, height))
    text.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, document.title)
    image = _map_picture(document, width)
    if image is not None:
        text.addResource(QTextDocument.ResourceType.ImageResource, QUrl(MAP_RESOURCE), image)
    html = MarkdownIt("commonmark").enable("table").render(
        _markdown(document, when, MAP_RESOURCE if image is not None else None))
    text.setHtml(_html_for_qt(html, image, width, height))
    _keep_headings_with_next(text)
    return text


def _keep_headings_with_next(text: QTextDocument, following: int = 2) -> None:
    """A heading that would end a page without what follows it starts the next page instead
    (Qt's rich text has no "keep with next")."""
    layout = text.documentLayout()
    page = text.pageSize().height()
    block = text.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            last, ahead = block, block.next()
            for _ in range(following):
                if not ahead.isValid():
                    break
                last, ahead = ahead, ahead.next()
            top = layout.blockBoundingRect(block).top()
            bottom = layout.blockBoundingRect(last).bottom()
            if int(top // page) != int((bottom - 1) // page) and top % page > 0:
                cursor = QTextCursor(block)
                breaking = QTextBlockFormat()
                breaking.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.mergeBlockFormat(breaking)
        block = block.next()


def _map_picture(document, width: float) -> QImage | None:
    """The whole map as an image sharp at MAP_DPI when printed ``width`` units wide."""
    scene = MapScene(document)
    try:
        if not scene.node_items:
            return None
        bounds = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        scale = min(MAP_MAX_SCALE, width / LAYOUT_DPI * MAP_DPI / max(bounds.width(), 1.0))
        with tempfile.TemporaryDirectory(prefix="debatemap-handout-") as folder:
            png = Path(folder) / MAP_RESOURCE
            export_png(scene, png, scale=max(scale, 0.1))
            image = QImage(str(png))
    finally:
        scene.detach()
        scene.deleteLater()
    if image.isNull():
        raise HandoutError("the map picture could not be read back")
    return image


def _html_for_qt(html: str, image: QImage | None, width: float, height: float) -> str:
    """Tables and the map picture sized for the page (Qt's rich text takes sizes as attributes)."""
    html = html.replace("<table>", '<table width="100%" cellspacing="0" cellpadding="3">')
    html = html.replace("</table>", '</table><p style="font-size: 4pt;">&nbsp;</p>')
    if image is not None:
        shown_width = min(width, height * MAP_MAX_HEIGHT * image.width() / image.height())
        shown_height = shown_width * image.height() / image.width()
        html = re.sub(r'<img src="map\.png"',
                      f'<img src="{MAP_RESOURCE}" width="{shown_width:.0f}"'
                      f' height="{shown_height:.0f}"', html)
    return f"<html><body>{html}</body></html>"


def _write_pdf(document, path: Path, when) -> HandoutResult:
    text = handout_text_document(document, when)
    pages = text.pageCount()
    with ExitStack() as cleanup:
        temporary = _temporary(path.parent, ".pdf", cleanup)
        writer = QPdfWriter(str(temporary))
        writer.setTitle(document.title or "Workshop handout")
        writer.setCreator("Debatemap")
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(_page_layout())
        painter = QPainter()
        if not painter.begin(writer):
            raise HandoutError(f"{path}: cannot write the handout: the PDF could not be started")
        try:
            _paint_pages(painter, writer, text, document.title)
        finally:
            painter.end()
        del writer
        if temporary.stat().st_size == 0:
            raise HandoutError(f"{path}: cannot write the handout: nothing was rendered")
        _move_all([(temporary, path)])
    return HandoutResult(path, pages=pages)


def _paint_pages(painter: QPainter, writer: QPdfWriter, text: QTextDocument, title: str) -> None:
    scale = writer.resolution() / LAYOUT_DPI
    page = text.pageSize()
    pages = text.pageCount()
    footer_font = QFont(style.text_font())
    footer_font.setPixelSize(11)  # layout units (the painter is scaled to them): 8 pt
    bottom = _page_layout().margins(QPageLayout.Unit.Inch).bottom() * LAYOUT_DPI
    for number in range(pages):
        if number:
            writer.newPage()
        painter.save()
        painter.scale(scale, scale)
        painter.save()
        painter.translate(0, -number * page.height())
        text.drawContents(painter, QRectF(0, number * page.height(), page.width(), page.height()))
        painter.restore()
        painter.setFont(footer_font)
        painter.setPen(QColor("#5f6670"))
        footer = QRectF(0, page.height() + bottom * 0.3, page.width(), bottom * 0.4)
        painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         title or "Workshop handout")
        painter.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"page {number + 1} of {pages}")
        painter.restore()


# ---- the menu action --------------------------------------------------------------------------


def ask_handout_path(parent: QWidget | None, directory: str = "") -> Path | None:
    """Where to write the handout; the chosen filter's suffix is added when the name has
    neither .md nor .pdf."""
    name, chosen = QFileDialog.getSaveFileName(parent, "Export Handout", directory,
                                               ";;".join(HANDOUT_FILTERS))
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".md", ".pdf"):
        path = path.with_name(path.name + HANDOUT_FILTERS.get(chosen, ".pdf"))
    return path


def export_handout(window) -> HandoutResult | None:
    """File/Workshop → Export Handout…: ask where, write, say so (errors in one dialog)."""
    document = window.document
    if document is None:
        return None
    suggested = document.path.with_name(f"{document.path.stem}-handout.pdf")
    path = ask_handout_path(window, str(suggested))
    if path is None:
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = write_handout(document, path)
    except DebatemapError as error:
        QGuiApplication.restoreOverrideCursor()
        dialogs.show_error(window, "Export Handout", str(error))
        return None
    QGuiApplication.restoreOverrideCursor()
    if result.image is not None:
        message = f"Wrote the handout {path} and the map {result.image.name} beside it"
    else:
        message = f"Wrote the handout {path} ({result.pages} page{'s' if result.pages != 1 else ''})"
    window.statusBar().showMessage(message, 8000)
    return result
