"""AudienceView: a read-only, presentation-style second view of the editor's own MapScene.

It shares the scene (so every edit shows at once) but hands nothing back to it: the view is not
interactive (no clicks, drags, hovers, double-clicks or context menus reach the items), accepts
no drops and no keyboard focus, and ignores the wheel. It shows whatever scene rectangle it is
told to (``show_rect``), fitted, and keeps it fitted on resize.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (QContextMenuEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent,
                           QKeyEvent, QMouseEvent, QPainter, QResizeEvent, QWheelEvent)
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

from debatemap.canvas import style
from debatemap.canvas.presentation_style import set_presentation_style
from debatemap.canvas.scene import MapScene

FIT_MARGIN = 48.0  # scene units around what is shown
MAX_ZOOM = 3.0  # a single card is shown large, not screen-filling


def fitted_zoom(viewport_width: float, viewport_height: float, rect: QRectF,
                max_zoom: float = MAX_ZOOM, margin: float = FIT_MARGIN) -> float:
    """The zoom at which ``rect`` plus ``margin`` fits a viewport, at most ``max_zoom``."""
    width, height = rect.width() + 2 * margin, rect.height() + 2 * margin
    if width <= 0 or height <= 0 or viewport_width <= 0 or viewport_height <= 0:
        return 1.0
    return max(0.05, min(viewport_width / width, viewport_height / height, max_zoom))


class AudienceView(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._map_scene: MapScene | None = None  # a Python reference keeps the scene alive
        self._empty_scene = QGraphicsScene(self)
        self._empty_scene.setBackgroundBrush(style.presentation_palette().background)
        self.setScene(self._empty_scene)
        self._shown = QRectF()  # the scene rectangle kept fitted
        self._max_zoom = MAX_ZOOM
        self._margin = FIT_MARGIN
        self.setInteractive(False)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        set_presentation_style(self, True)

    # ---- the scene -----------------------------------------------------------------------

    def map_scene(self) -> MapScene | None:
        return self._map_scene

    def set_map_scene(self, scene: MapScene | None) -> None:
        """Show this scene (None: nothing). MapScene.detach calls this with None."""
        self._map_scene = scene
        self.setScene(scene if scene is not None else self._empty_scene)
        self._shown = QRectF()
        self.setSceneRect(QRectF())  # the scene's own rectangle until something is shown
        self.resetTransform()

    # ---- what is shown -------------------------------------------------------------------

    def shown_rect(self) -> QRectF:
        """The scene rectangle the view keeps fitted (null: none yet)."""
        return QRectF(self._shown)

    def visible_rect(self) -> QRectF:
        """The scene rectangle actually on screen."""
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def zoom_level(self) -> float:
        return self.transform().m11()

    def show_rect(self, rect: QRectF, max_zoom: float = MAX_ZOOM, margin: float = FIT_MARGIN) -> None:
        """Fit this scene rectangle (plus a margin), enlarged at most to ``max_zoom``."""
        self._shown = QRectF(rect)
        self._max_zoom = max_zoom
        self._margin = margin
        self._fit()

    def _fit(self) -> None:
        rect = self._shown
        if rect.isNull() or self._map_scene is None:
            return
        viewport = self.viewport().rect()
        zoom = fitted_zoom(viewport.width(), viewport.height(), rect, self._max_zoom, self._margin)
        if abs(zoom - self.zoom_level()) > 1e-9 or self.transform().isRotating():
            self.resetTransform()
            self.scale(zoom, zoom)
        # room to centre on any rectangle: the view would otherwise stop at the scene's edges
        # (or centre the whole scene when it is smaller than the viewport)
        reach = QRectF(0, 0, viewport.width() / zoom, viewport.height() / zoom)
        reach.moveCenter(rect.center())
        self.setSceneRect(self._map_scene.sceneRect().united(reach))
        self.centerOn(rect.center())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    # ---- nothing goes back to the scene --------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        event.ignore()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.ignore()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        event.ignore()

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # the view follows the facilitator; it is not scrolled on its own

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()  # the window above handles its few keys
