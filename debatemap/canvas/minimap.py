"""Minimap: a small overview in the view's corner; shows the viewport and navigates on click/drag."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from debatemap.canvas import style

if TYPE_CHECKING:
    from debatemap.canvas.view import MapView

SIZE = QSize(168, 112)
MARGIN = 12


class Minimap(QWidget):
    """Cards as small blocks in their kind colours (cached as a pixmap until the map changes)
    and the visible area as a rectangle; pressing or dragging centres the view there."""

    def __init__(self, view: "MapView") -> None:
        super().__init__(view)
        self.view = view
        self.setFixedSize(SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: click or drag to move around the map")
        self._pixmap: QPixmap | None = None
        self._bounds = QRectF()
        self._scale = 1.0
        self._offset = QPointF()

    def invalidate(self) -> None:
        self._pixmap = None
        self.update()

    def place(self) -> None:
        viewport = self.view.viewport().geometry()
        self.move(viewport.right() - self.width() - MARGIN, viewport.bottom() - self.height() - MARGIN)

    def _layout(self) -> None:
        scene = self.view.map_scene()
        bounds = QRectF()
        if scene is not None:
            if not scene.hidden_nodes:
                bounds = QRectF(scene.content_bounds)
            else:
                bounds = scene.visible_bounds()  # collapsed and out-of-focus cards are not shown
        if bounds.isNull():
            bounds = QRectF(-200, -150, 400, 300)
        bounds = bounds.adjusted(-60, -60, 60, 60)
        inner = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        self._scale = min(inner.width() / bounds.width(), inner.height() / bounds.height())
        drawn_w, drawn_h = bounds.width() * self._scale, bounds.height() * self._scale
        self._offset = QPointF(inner.left() + (inner.width() - drawn_w) / 2,
                               inner.top() + (inner.height() - drawn_h) / 2)
        self._bounds = bounds

    def to_widget(self, point: QPointF) -> QPointF:
        return QPointF((point.x() - self._bounds.left()) * self._scale + self._offset.x(),
                       (point.y() - self._bounds.top()) * self._scale + self._offset.y())

    def to_scene(self, point: QPointF) -> QPointF:
        return QPointF((point.x() - self._offset.x()) / self._scale + self._bounds.left(),
                       (point.y() - self._offset.y()) / self._scale + self._bounds.top())

    def _render(self) -> QPixmap:
        self._layout()
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        colors = style.palette()
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        back = QColor(colors.node_fill)
        back.setAlpha(235)
        painter.setPen(QPen(colors.node_border, 1.0))
        painter.setBrush(back)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        scene = self.view.map_scene()
        if scene is not None:
            self._draw_map(painter, scene)
        painter.end()
        return pixmap

    def _draw_map(self, painter: QPainter, scene) -> None:
        """The scene's overview, scaled into the frame (a few batched calls however big)."""
        painter.save()
        painter.translate(self._offset)
        painter.scale(self._scale, self._scale)
        painter.translate(-self._bounds.topLeft())
        scene.overview.draw(painter, muted_links=True, blocks=True)
        painter.restore()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap is None or self._pixmap.size() != self.size() * self.devicePixelRatioF():
            self._pixmap = self._render()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        area = QRectF(self.to_widget(visible.topLeft()), self.to_widget(visible.bottomRight()))
        area = area.intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        colors = style.palette()
        fill = QColor(colors.hover)
        fill.setAlpha(40)
        painter.setPen(QPen(colors.hover, 1.5))
        painter.setBrush(fill)
        painter.drawRect(area)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.view.navigate_to(self.to_scene(event.position()))
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.view.navigate_to(self.to_scene(event.position()))
            event.accept()
