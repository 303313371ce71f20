"""Rendering a map to PNG, SVG and PDF: the real MapScene with its real items and palette,
offscreen (no window, no display needed), written atomically.

Every function takes a MapScene or a MapDocument (a scene is made for the document and
detached afterwards). What is drawn: the cards and links shown (the view's collapsed or
focused-away items stay out), or only the selected cards and the links between them; never the
selection halo or a hover. The light palette is used for the output whatever the screen uses.
"""

from __future__ import annotations

import datetime
import math
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from debatemap.canvas import style
from debatemap.canvas.edge_item import EdgeItem
from debatemap.canvas.node_item import NodeItem
from debatemap.canvas.png_writer import write_png
from debatemap.canvas.scene import MapScene
from debatemap.canvas.svg_portable import SVG_DPI, portable_svg
from debatemap.core.errors import DebatemapError

MARGIN = 24.0  # scene units around the cards
MAX_SIDE = 16_384  # pixels per side of a PNG
MAX_PIXELS = 200_000_000  # pixels of a PNG in all (800 MB of memory at 4 bytes each)
MAX_PDF_POINTS = 14_400.0  # the largest page PDF readers accept (200 inches)
PDF_HEADER = 48.0  # scene units above the map for its title and date
PDF_DPI = 96  # a scene unit is a screen pixel: 0.75 pt on the page
FORMATS = (".png", ".svg", ".pdf")


class ExportError(DebatemapError):
    """The map could not be written to a file (the message names the file)."""


class ExportResult(tuple):
    """``(width, height)`` of what was written (pixels for PNG, SVG user units, PDF points),
    with ``path``, the ``scale`` used, and ``note``: why the scale was lowered ("" if it was not)."""

    path: Path
    scale: float
    note: str
    pages: int

    def __new__(cls, width: int | float, height: int | float, *, path: Path, scale: float = 1.0,
                note: str = "", pages: int = 1) -> "ExportResult":
        made = super().__new__(cls, (width, height))
        made.path, made.scale, made.note, made.pages = path, scale, note, pages
        return made

    @property
    def width(self):
        return self[0]

    @property
    def height(self):
        return self[1]


# ---- which scene, what of it, and how it looks ------------------------------------------------


@contextmanager
def _scene_of(scene_or_document) -> Iterator[MapScene]:
    if isinstance(scene_or_document, MapScene):
        scene_or_document.finish_animation()
        yield scene_or_document
        return
    scene = MapScene(scene_or_document)
    try:
        yield scene
    finally:
        scene.detach()


@contextmanager
def _export_look(scene: MapScene, selection_only: bool) -> Iterator[QRectF]:
    """Light palette, no selection or hover drawn, only the exported items visible; yields the
    bounds of what is drawn (scene coordinates, margin included). Restores everything after."""
    previous = style.palette()
    background = scene.backgroundBrush()
    selected_nodes, selected_edges = scene.selected_ids()
    chosen = set(selected_nodes)
    if selection_only and not chosen:
        raise ExportError("nothing is selected to export")
    hidden: list = []
    hovered: list = []
    if selection_only:
        for node_id, item in scene.node_items.items():
            if node_id not in chosen and item.isVisible():
                hidden.append(item)
        for item in scene.edge_items.values():
            if item.isVisible() and not _edge_within(item, chosen):
                hidden.append(item)
    for item in list(scene.node_items.values()) + list(scene.edge_items.values()):
        if getattr(item, "hovered", False):
            hovered.append(item)
            item.hovered = False
    style.refresh_palette(False)
    scene.setBackgroundBrush(Qt.BrushStyle.NoBrush)  # the export paints its own background
    for item in hidden:
        item.setVisible(False)
    scene.clearSelection()
    try:
        bounds = QRectF()
        for item in list(scene.node_items.values()) + list(scene.edge_items.values()):
            if item.isVisible():
                bounds = bounds.united(item.sceneBoundingRect())
        if bounds.isNull():
            bounds = QRectF(-100, -50, 200, 100)  # an empty map: a small blank picture
        yield bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    finally:
        for item in hidden:
            item.setVisible(True)
        for item in hovered:
            item.hovered = True
        style.refresh_palette(previous.dark)
        scene.setBackgroundBrush(background)
        for node_id in selected_nodes:
            if node_id in scene.node_items:
                scene.node_items[node_id].setSelected(True)
        for edge_id in selected_edges:
            if edge_id in scene.edge_items:
                scene.edge_items[edge_id].setSelected(True)


def _edge_within(item: EdgeItem, chosen: set[str]) -> bool:
    """A link belongs to a selection when both its ends do (an undercut: its source and the
    link it undercuts)."""
    ends = []
    for end in (item.source_item, item.target_item):
        if isinstance(end, NodeItem):
            ends.append(end.node_id in chosen)
        elif isinstance(end, EdgeItem):
            ends.append(_edge_within(end, chosen))
        else:
            ends.append(False)
    return all(ends)


def _render(scene: MapScene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)


# ---- writing atomically -------------------------------------------------------------------


@contextmanager
def _atomic(path: Path | str) -> Iterator[str]:
    """A temporary file beside ``path`` to write; moved over ``path`` only when the block
    finishes. Raises ExportError naming the file; leaves nothing behind on failure."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: cannot write the export: it is a folder")
    if not path.parent.is_dir():
        raise ExportError(f"{path}: cannot write the export: the folder {path.parent} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=f".part{path.suffix}",
                                             dir=path.parent)
    except OSError as error:
        raise ExportError(f"{path}: cannot write the export: {error.strerror or error}") from None
    os.close(handle)
    try:
        yield temporary
        if os.path.getsize(temporary) == 0:
            raise ExportError(f"{path}: cannot write the export: nothing was rendered")
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # mkstemp made it private
        os.replace(temporary, path)
    except OSError as error:
        raise ExportError(f"{path}: cannot write the export: {error.strerror or error}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _title(scene: MapScene) -> str:
    return scene.document.title or "Untitled map"


# ---- PNG ----------------------------------------------------------------------------------


def fit_scale(width: float, height: float, scale: float,
              max_side: int = MAX_SIDE, max_pixels: int = MAX_PIXELS) -> tuple[float, str]:
    """The scale to use for a ``width`` x ``height`` picture asked at ``scale``, lowered so the
    image stays within the limits; with a note saying so ("" if it fits)."""
    fitted = scale
    fitted = min(fitted, max_side / max(width, 1.0), max_side / max(height, 1.0))
    if width * height * fitted * fitted > max_pixels:
        fitted = math.sqrt(max_pixels / (width * height))
    fitted = min(fitted, scale)
    if fitted >= scale:
        return scale, ""
    fitted = math.floor(fitted * 1000) / 1000
    asked = (math.ceil(width * scale), math.ceil(height * scale))
    return fitted, (f"the map is {asked[0]} x {asked[1]} px at scale {scale:g}, more than the"
                    f" limit of {max_side} px per side and {max_pixels // 1_000_000} MP in all;"
                    f" exported at scale {fitted:g} instead")


def export_png(scene_or_document, path: Path | str, *, scale: float = 1.0, dpi: float | None = None,
               transparent: bool = False, selection_only: bool = False) -> ExportResult:
    """Write the map as a PNG. ``scale``: pixels per scene unit (or ``dpi``: 96 dpi is scale 1).
    A map too large at that scale is drawn at a lower scale, said in the result's ``note``."""
    if dpi is not None:
        scale = float(dpi) / 96.0
    if not scale > 0:
        raise ExportError(f"{path}: the scale must be more than 0 (got {scale})")
    with _scene_of(scene_or_document) as scene, _export_look(scene, selection_only) as source:
        scale, note = fit_scale(source.width(), source.height(), float(scale))
        width = max(1, math.ceil(source.width() * scale))
        height = max(1, math.ceil(source.height() * scale))
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied if transparent
                       else QImage.Format.Format_RGB32)  # no alpha to encode on white
        if image.isNull():
            raise ExportError(f"{path}: cannot make a {width} x {height} image (out of memory)")
        image.fill(QColor(0, 0, 0, 0) if transparent else QColor("#ffffff"))
        if dpi is not None:
            dots = round(float(dpi) / 0.0254)
            image.setDotsPerMeterX(dots)
            image.setDotsPerMeterY(dots)
        painter = QPainter(image)
        try:
            _render(scene, painter, QRectF(0, 0, width, height), source)
        finally:
            painter.end()
        with _atomic(path) as temporary, open(temporary, "wb") as out:
            write_png(image, out, {"Title": _title(scene), "Software": "Debatemap"})
    return ExportResult(width, height, path=Path(path), scale=scale, note=note)


# ---- SVG ----------------------------------------------------------------------------------


def export_svg(scene_or_document, path: Path | str, *, selection_only: bool = False,
               title: str | None = None, description: str | None = None) -> ExportResult:
    """Write the map as SVG: vector, the text as <text> elements (escaped by Qt's generator)
    in the canvas's face, spacing and widths for any viewer (svg_portable), the map's title and a
    description in <title>/<desc>, a viewBox of the map's size."""
    with _scene_of(scene_or_document) as scene, _export_look(scene, selection_only) as source:
        width, height = math.ceil(source.width()), math.ceil(source.height())
        with _atomic(path) as temporary:
            buffer = QBuffer()  # the generator's output is rewritten for browsers, then written once
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            generator = QSvgGenerator()
            generator.setOutputDevice(buffer)
            generator.setSize(QSize(width, height))
            generator.setViewBox(QRectF(0, 0, width, height))
            generator.setResolution(int(SVG_DPI))
            generator.setTitle(title if title is not None else _title(scene))
            generator.setDescription(description if description is not None else
                                     f"Argument map exported by Debatemap on {datetime.date.today()}")
            painter = QPainter()
            if not painter.begin(generator):
                raise ExportError(f"{path}: cannot write the export: the SVG could not be started")
            try:
                _render(scene, painter, QRectF(0, 0, width, height), source)
            finally:
                painter.end()
            svg = portable_svg(bytes(buffer.data()).decode("utf-8"), width, height)
            Path(temporary).write_text(svg, encoding="utf-8")
    return ExportResult(width, height, path=Path(path))


# ---- PDF ----------------------------------------------------------------------------------


def _pdf_header(painter: QPainter, title: str, width: float, scale: float = 1.0) -> None:
    font = QFont(style.text_font())
    font.setPointSizeF(13 * scale)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#1b1d21"))
    pad = 14 * scale
    line = PDF_HEADER * scale
    painter.drawText(QRectF(pad, 0, width - 2 * pad, line), Qt.AlignmentFlag.AlignVCenter
                     | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, title)
    small = QFont(style.text_font())
    small.setPointSizeF(9 * scale)
    painter.setFont(small)
    painter.setPen(QColor("#5f6670"))
    painter.drawText(QRectF(pad, 0, width - 2 * pad, line), Qt.AlignmentFlag.AlignVCenter
                     | Qt.AlignmentFlag.AlignRight | Qt.TextFlag.TextSingleLine,
                     datetime.date.today().isoformat())


def export_pdf(scene_or_document, path: Path | str, *, selection_only: bool = False,
               title: str | None = None, tiles: tuple[int, int] | None = None,
               paper: str = "A4") -> ExportResult:
    """Write the map as a vector PDF. One page fitted to the map (its size chosen for the map's
    aspect, 1 scene unit = 1 pt, shrunk past 200 inches) with the title and date on top; or with
    ``tiles=(columns, rows)`` a poster across A4 (or ``paper="Letter"``) pages."""
    with _scene_of(scene_or_document) as scene, _export_look(scene, selection_only) as source:
        name = title if title is not None else _title(scene)
        with _atomic(path) as temporary:
            writer = QPdfWriter(temporary)
            writer.setTitle(name)
            writer.setCreator("Debatemap")
            writer.setResolution(PDF_DPI)  # painter units are the canvas's: the fonts match
            if tiles:
                result = _pdf_tiles(scene, writer, source, name, tiles, paper, path)
            else:
                result = _pdf_page(scene, writer, source, name, path)
            del writer
    return result


def _pdf_page(scene, writer: QPdfWriter, source: QRectF, name: str, path) -> ExportResult:
    width, height = source.width(), source.height() + PDF_HEADER
    points = 72.0 / PDF_DPI
    scale = min(1.0, MAX_PDF_POINTS / (width * points), MAX_PDF_POINTS / (height * points))
    page = QPageSize(QSizeF(width * scale * points, height * scale * points), QPageSize.Unit.Point, name,
                     QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"{path}: cannot write the export: the PDF could not be started")
    try:
        _pdf_header(painter, name, width * scale, scale)
        _render(scene, painter, QRectF(0, PDF_HEADER * scale, source.width() * scale,
                                       source.height() * scale), source)
    finally:
        painter.end()
    note = "" if scale == 1.0 else f"the map is larger than a PDF page can be; drawn at {scale:.3g}"
    return ExportResult(round(width * scale * points, 2), round(height * scale * points, 2),
                        path=Path(path), scale=scale, note=note)


def _pdf_tiles(scene, writer: QPdfWriter, source: QRectF, name: str, tiles, paper: str,
               path) -> ExportResult:
    columns, rows = (max(1, int(n)) for n in tiles)
    size_id = QPageSize.PageSizeId.Letter if paper.lower() == "letter" else QPageSize.PageSizeId.A4
    poster = QSizeF(source.width(), source.height())
    landscape = poster.width() / columns > poster.height() / rows
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    margin = 28.0  # 1 cm of each page left blank for the printer
    writer.setPageLayout(QPageLayout(QPageSize(size_id), orientation,
                                     QMarginsF(margin, margin, margin, margin)))
    paint = writer.pageLayout().paintRectPixels(PDF_DPI)
    page_w, page_h = float(paint.width()), float(paint.height())
    header = PDF_HEADER * 0.6
    # the whole poster: the map scaled to fill columns x rows pages (below the header row)
    scale = min(columns * page_w / source.width(), (rows * page_h - header) / source.height())
    tile_w, tile_h = page_w / scale, page_h / scale  # scene units per page
    top = source.top() - header / scale
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"{path}: cannot write the export: the PDF could not be started")
    try:
        for row in range(rows):
            for column in range(columns):
                if row or column:
                    writer.newPage()
                painter.save()
                if row == 0 and column == 0:
                    _pdf_header(painter, name, page_w, 0.6)
                piece = QRectF(source.left() + column * tile_w, top + row * tile_h, tile_w, tile_h)
                painter.setClipRect(QRectF(0, 0, page_w, page_h))
                _render(scene, painter, QRectF(0, 0, page_w, page_h), piece)
                painter.setPen(QColor("#9aa3ad"))
                painter.setFont(QFont(style.text_font().family(), 7))
                painter.drawText(QRectF(0, page_h - 12, page_w, 12),
                                 Qt.AlignmentFlag.AlignRight,
                                 f"{name} — page {row * columns + column + 1} of {rows * columns}"
                                 f" (row {row + 1}, column {column + 1})")
                painter.restore()
    finally:
        painter.end()
    points = 72.0 / PDF_DPI
    return ExportResult(round(page_w * columns * points, 2), round(page_h * rows * points, 2),
                        path=Path(path), scale=scale, pages=columns * rows)


# ---- by suffix ----------------------------------------------------------------------------


def export_format(path: Path | str) -> str:
    """"png", "svg" or "pdf" from the file name; ExportError for any other suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path}: cannot export to '{suffix or 'no suffix'}':"
                          f" use one of {', '.join(FORMATS)}")
    return suffix[1:]


def render_document(scene_or_document, path: Path | str, **options) -> ExportResult:
    """Render a map (a MapDocument: no window needed; or a MapScene) to ``path``, the format
    chosen by its suffix (.png .svg .pdf). ``options`` go to that format's function."""
    kind = export_format(path)
    function = {"png": export_png, "svg": export_svg, "pdf": export_pdf}[kind]
    return function(scene_or_document, path, **options)


def render_map_file(map_path: Path | str, out: Path | str, **options) -> ExportResult:
    """Open a map file read for export, render it to ``out`` and close it (needs a
    QApplication, e.g. under QT_QPA_PLATFORM=offscreen)."""
    from debatemap.document import MapDocument

    export_format(out)
    document = MapDocument.open(map_path)
    try:
        return render_document(document, out, **options)
    finally:
        document.close()
