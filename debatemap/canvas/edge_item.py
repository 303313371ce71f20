"""EdgeItem: one link drawn as a line with an arrowhead; undercuts end at their edge's midpoint."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from debatemap.canvas import style
from debatemap.canvas.node_item import NodeItem
from debatemap.core.model import Edge

GAP = 3.0  # space between a node's border and the line or arrow tip


class EdgeItem(QGraphicsItem):
    """Drawn in scene coordinates (the item stays at the origin); geometry is cached and
    recomputed only when an end moves (``update_geometry``)."""

    def __init__(
        self, edge: Edge, source: NodeItem, target: "NodeItem | EdgeItem",
        parent: QGraphicsItem | None = None,
    ) -> None:
        super().__init__(parent)
        self.edge_id = edge.id
        self.edge_type = str(edge.type)
        self.source_item = source
        self.target_item = target
        self.dependents: list[EdgeItem] = []  # undercuts that end at this edge's midpoint
        self.setZValue(-1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setToolTip(f"{self.edge_type} link")
        self._pen = style.edge_pen(self.edge_type)
        self._line = QLineF()
        self._arrow = QPolygonF()
        self._bounds = QRectF()
        self._shape = QPainterPath()
        self.update_geometry()

    @property
    def line(self) -> QLineF:
        return QLineF(self._line)

    def midpoint(self) -> QPointF:
        return self._line.pointAt(0.5)

    def update_geometry(self) -> None:
        """Follow the ends; then let the undercuts aimed at this edge follow it."""
        source_center = self.source_item.scenePos()
        if isinstance(self.target_item, EdgeItem):
            end = self.target_item.midpoint()
        else:
            end = _border_point(self.target_item, source_center)
        start = _border_point(self.source_item, end)
        self.prepareGeometryChange()
        self._line = QLineF(start, end)
        self._arrow = _arrowhead(self._line)
        path = QPainterPath(start)
        path.lineTo(end)
        stroker = QPainterPathStroker()
        stroker.setWidth(10.0)  # easier to click than the thin line itself
        self._shape = stroker.createStroke(path)
        self._shape.addPolygon(self._arrow)
        self._bounds = self._shape.boundingRect().adjusted(-2, -2, 2, 2)
        self.update()
        for dependent in self.dependents:
            dependent.update_geometry()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self._line.length() < 1.0:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self._pen)
        if option.state & QStyle.StateFlag.State_Selected:
            pen.setWidthF(pen.widthF() + 2.0)
        painter.setPen(pen)
        # Stop the line at the arrow's base so that a thick or dashed pen does not blunt the tip.
        shaft = QLineF(self._line)
        shaft.setLength(max(0.0, shaft.length() - style.ARROW_SIZE * 0.8))
        painter.drawLine(shaft)
        painter.setPen(QPen(pen.color(), 1.0))
        painter.setBrush(pen.color())
        painter.drawPolygon(self._arrow)


def _border_point(item: NodeItem, toward: QPointF) -> QPointF:
    """Where the line from the item's centre toward a point leaves the card (plus a gap)."""
    center = item.scenePos()
    dx, dy = toward.x() - center.x(), toward.y() - center.y()
    if dx == 0 and dy == 0:
        return QPointF(center)
    rect = item.rect
    half_w, half_h = rect.width() / 2 + GAP, rect.height() / 2 + GAP
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    scale = min(scale, 1.0)  # the point lies inside the card: stop there
    return QPointF(center.x() + dx * scale, center.y() + dy * scale)


def _arrowhead(line: QLineF) -> QPolygonF:
    if line.length() < 1.0:
        return QPolygonF()
    tip = line.p2()
    angle = math.atan2(line.dy(), line.dx())
    size, spread = style.ARROW_SIZE, math.radians(24)
    left = QPointF(tip.x() - size * math.cos(angle - spread), tip.y() - size * math.sin(angle - spread))
    right = QPointF(tip.x() - size * math.cos(angle + spread), tip.y() - size * math.sin(angle + spread))
    return QPolygonF([tip, left, right])
