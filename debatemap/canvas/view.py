"""MapView: the widget that shows a MapScene, with wheel zoom and fit-to-map."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from debatemap.canvas import style
from debatemap.canvas.scene import MapScene

MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
ZOOM_STEP = 1.2
FIT_MARGIN = 40.0


class MapView(QGraphicsView):
    """Plain wheel and Ctrl+wheel zoom around the mouse; Shift+wheel scrolls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._map_scene: MapScene | None = None  # a Python reference keeps the scene alive
        self._placeholder = ""
        self._auto_fit = False  # keep fitting the map on resize until the user zooms
        # QGraphicsView paints no foreground without a scene, and the placeholder needs one.
        self._empty_scene = QGraphicsScene(self)
        self._empty_scene.setBackgroundBrush(style.SCENE_BACKGROUND)
        self.setScene(self._empty_scene)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)

    def map_scene(self) -> MapScene | None:
        return self._map_scene

    def set_map_scene(self, scene: MapScene | None) -> None:
        self._map_scene = scene
        self.setScene(scene if scene is not None else self._empty_scene)
        self.resetTransform()
        self._auto_fit = False
        if scene is not None:
            self.fit_map()
        self.viewport().update()

    def set_placeholder(self, text: str) -> None:
        """A hint drawn in the middle of the view when there is nothing to show."""
        self._placeholder = text
        self.viewport().update()

    # ---- zoom ----------------------------------------------------------------------------

    def zoom_level(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        self._auto_fit = False
        target = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom_level() * factor))
        factor = target / self.zoom_level()
        if abs(factor - 1.0) > 1e-6:
            self.scale(factor, factor)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit_map(self) -> None:
        """Show the whole map, never enlarged beyond 100%, and keep doing so on resize."""
        if self._map_scene is None:
            return
        self._auto_fit = True
        bounds = self._map_scene.itemsBoundingRect()
        if bounds.isNull():
            self.resetTransform()
            self.centerOn(0, 0)
            return
        bounds = bounds.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        self.fitInView(bounds, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom_level() > 1.0:
            self.resetTransform()
        elif self.zoom_level() < MIN_ZOOM:
            self.resetTransform()
            self.scale(MIN_ZOOM, MIN_ZOOM)
        self.centerOn(bounds.center())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit_map()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta == 0 or event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)
            return
        self.zoom_by(1.0015**delta)  # one notch (120) is about 20%
        event.accept()

    # ---- placeholder ---------------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        super().drawForeground(painter, rect)
        empty = self._map_scene is None or not self._map_scene.node_items
        if not self._placeholder or not empty:
            return
        painter.save()
        painter.resetTransform()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        painter.setFont(font)
        painter.setPen(QColor("#6b6f76"))
        area = QRectF(self.viewport().rect()).adjusted(40, 40, -40, -40)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder)
        painter.restore()
