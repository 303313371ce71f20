"""EdgeItem: one link as a line between node borders with a type-specific pattern and end marker."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsSceneHoverEvent, QStyle,
                               QStyleOptionGraphicsItem, QWidget)

from debatemap.canvas import style
from debatemap.canvas.node_item import NodeItem
from debatemap.core.model import Edge

GAP = 3.0  # space between a node's border and the line's end
LANE_SPACING = 16.0  # links between the same two nodes (a->b and b->a) run this far apart


HIT_WIDTH = 10.0  # a link is easier to hit than its thin line


class EdgeItem(QGraphicsItem):
    """Drawn in scene coordinates (the item stays at the origin); the line, its markers and
    its shape are cached and recomputed only when an end moves (``update_geometry``)."""

    def __init__(self, edge: Edge, source: NodeItem, target: "NodeItem | EdgeItem",
                 parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.edge_id = edge.id
        self.edge_type = str(edge.type)
        self.source_item = source
        self.target_item = target
        self.dependents: list[EdgeItem] = []  # undercuts that end at this edge's midpoint
        self.hovered = False
        self.drop_target = False
        self.faded = False  # an undercut disabled this link (its evaluation label is out)
        self.setZValue(-1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self._line = QLineF()
        self._shaft = QLineF()
        self._markers: list[tuple[QPainterPath, bool]] = []  # path, filled
        self._bounds = QRectF()
        self._shape: QPainterPath | None = QPainterPath()
        self.set_type(self.edge_type)

    @property
    def line(self) -> QLineF:
        """From the source's border to the target's border (or the attacked link's middle)."""
        return QLineF(self._line)

    def midpoint(self) -> QPointF:
        return self._line.pointAt(0.5)

    def set_type(self, edge_type: str) -> None:
        self.edge_type = str(edge_type)
        self._set_tip()
        self.update_geometry()

    def _set_tip(self) -> None:
        disabled = " — disabled by an undercut" if self.faded else ""
        self.setToolTip(f"{self.edge_type.capitalize()} link{disabled} — right-click to change")

    def siblings(self) -> list["EdgeItem"]:
        """Every link between the same two nodes (either direction), this one included, in a
        fixed order; [] for an undercut (it ends on a link)."""
        if not isinstance(self.target_item, NodeItem):
            return []
        pair = {self.source_item, self.target_item}
        return sorted((e for e in self.source_item.edges
                       if isinstance(e.target_item, NodeItem) and {e.source_item, e.target_item} == pair),
                      key=lambda e: e.edge_id)

    def lane_offset(self) -> QPointF:
        """How far sideways this link runs from the line between the node centres: 0 when it
        is the only link of its pair; else the pair's links sit side by side (a->b and b->a
        both visible), measured in one frame shared by the pair."""
        siblings = self.siblings()
        if len(siblings) < 2:
            return QPointF(0.0, 0.0)
        first, second = sorted((self.source_item, self.target_item), key=lambda item: item.node_id)
        direction = second.scenePos() - first.scenePos()
        length = math.hypot(direction.x(), direction.y())
        if length < 1e-6:
            return QPointF(0.0, 0.0)
        lane = siblings.index(self) - (len(siblings) - 1) / 2
        normal = QPointF(-direction.y() / length, direction.x() / length)
        # keep inside the narrower card's half height, so each end still starts on its border
        limit = min(first.rect.height(), second.rect.height()) / 2 - 4
        spacing = min(LANE_SPACING, 2 * limit / max(len(siblings) - 1, 1))
        return normal * (lane * spacing)

    def update_geometry(self) -> None:
        """Follow the ends; then let the undercuts aimed at this edge follow it."""
        if isinstance(self.target_item, EdgeItem):
            end = self.target_item.midpoint()
            start = border_point(self.source_item, end)
        else:
            shift = self.lane_offset()
            source_origin = self.source_item.scenePos() + shift
            target_origin = self.target_item.scenePos() + shift
            end = border_point(self.target_item, source_origin, target_origin)
            start = border_point(self.source_item, target_origin, source_origin)
        self.prepareGeometryChange()
        self._line = QLineF(start, end)
        _pattern, end_marker, start_marker = style.edge_style(self.edge_type)
        self._markers = []
        shaft = QLineF(self._line)
        if self._line.length() >= 1.0:
            cut = _add_marker(self._markers, self._line, end_marker)
            shaft.setP2(self._line.pointAt(1 - cut / self._line.length()))
            if start_marker:
                back = QLineF(end, start)
                cut = _add_marker(self._markers, back, start_marker)
                shaft.setP1(back.pointAt(1 - cut / back.length()))
        self._shaft = shaft
        self._shape = None  # made when first asked for (hit tests): most links never are
        half = HIT_WIDTH / 2
        bounds = QRectF(start, end).normalized().adjusted(-half, -half, half, half)
        for marker, _filled in self._markers:
            bounds = bounds.united(marker.boundingRect())
        self._bounds = bounds.adjusted(-4, -4, 4, 4)
        self.update()
        for dependent in self.dependents:
            dependent.update_geometry()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            path = QPainterPath(self._line.p1())
            path.lineTo(self._line.p2())
            stroker = QPainterPathStroker()
            stroker.setWidth(HIT_WIDTH)
            self._shape = stroker.createStroke(path)
            for marker, _filled in self._markers:
                self._shape.addPath(marker)
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self._line.length() < 1.0:
            return
        colors = style.palette()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = self.hovered and colors.chrome  # a palette without chrome shows no hover
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.faded and not (selected or hovered):
            painter.setOpacity(painter.opacity() * style.OUT_LINK_OPACITY)
        if selected or hovered or self.drop_target:
            glow = QColor(colors.selection if selected else colors.hover)
            glow.setAlpha(90 if selected else 60)
            painter.setPen(QPen(glow, 8.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(self._line)
        width = style.EDGE_WIDTH + (0.8 if selected or hovered else 0.0)
        pen = style.edge_pen(self.edge_type, width)
        painter.setPen(pen)
        painter.drawLine(self._shaft)
        color = pen.color()
        for marker, filled in self._markers:
            painter.setPen(QPen(color, 1.0 if filled else max(3.0, width + 0.8), Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.RoundJoin))
            painter.setBrush(color if filled else Qt.BrushStyle.NoBrush)
            painter.drawPath(marker)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    def set_drop_target(self, on: bool) -> None:
        if on != self.drop_target:
            self.drop_target = on
            self.update()

    def set_faded(self, faded: bool) -> bool:
        """Draw the link faded (an undercut disables it); True when that changed."""
        faded = bool(faded)
        if faded == self.faded:
            return False
        self.faded = faded
        self._set_tip()
        self.update()
        return True


def border_point(item: NodeItem, toward: QPointF, origin: QPointF | None = None) -> QPointF:
    """Where the line from ``origin`` (the item's centre by default; a point inside the card)
    toward a point leaves the card (plus a gap)."""
    center = item.scenePos()
    start = center if origin is None else origin
    dx, dy = toward.x() - start.x(), toward.y() - start.y()
    if dx == 0 and dy == 0:
        return QPointF(start)
    rect = item.rect
    half_w, half_h = rect.width() / 2 + GAP, rect.height() / 2 + GAP
    ox, oy = start.x() - center.x(), start.y() - center.y()
    scale_x = ((half_w if dx > 0 else -half_w) - ox) / dx if dx else math.inf
    scale_y = ((half_h if dy > 0 else -half_h) - oy) / dy if dy else math.inf
    scale = min(max(scale_x, 0.0), max(scale_y, 0.0), 1.0)  # the point inside the card: stop there
    return QPointF(start.x() + dx * scale, start.y() + dy * scale)


def _add_marker(markers: list, line: QLineF, kind: str) -> float:
    """Append the marker drawn at ``line.p2()``; return how much of the shaft it replaces."""
    tip = line.p2()
    angle = math.atan2(line.dy(), line.dx())
    ux, uy = math.cos(angle), math.sin(angle)
    nx, ny = -uy, ux
    size = style.ARROW_SIZE

    def at(back: float, side: float) -> QPointF:
        return QPointF(tip.x() - ux * back + nx * side, tip.y() - uy * back + ny * side)

    if kind == "arrow":
        path = QPainterPath()
        path.addPolygon(QPolygonF([tip, at(size, size * 0.45), at(size * 0.8, 0), at(size, -size * 0.45), tip]))
        markers.append((path, True))
        return size * 0.8
    if kind == "bar":
        half = style.BAR_WIDTH / 2
        path = QPainterPath(at(1.5, half))
        path.lineTo(at(1.5, -half))
        markers.append((path, False))
        return 1.5
    if kind == "open":
        path = QPainterPath(at(size, size * 0.5))
        path.lineTo(tip)
        path.lineTo(at(size, -size * 0.5))
        markers.append((path, False))
        return 0.0
    if kind == "double":
        path = QPainterPath(at(size * 0.8, size * 0.45))
        path.lineTo(tip)
        path.lineTo(at(size * 0.8, -size * 0.45))
        path.moveTo(at(size * 1.5, size * 0.45))
        path.lineTo(at(size * 0.7, 0))
        path.lineTo(at(size * 1.5, -size * 0.45))
        markers.append((path, False))
        return 0.0
    if kind == "dot":
        path = QPainterPath()
        path.addEllipse(at(3.5, 0), 3.5, 3.5)
        markers.append((path, True))
        return 7.0
    return 0.0
