"""Per-view presentation style: one view of a shared MapScene paints in the projector palette.

The scene and its items are shared by every view (the editor and the audience window), and a
card's geometry must be the same in all of them. What differs is only how each view paints:
an event filter on the view's viewport runs that view's paint pass inside
``style.painting_with(style.presentation_palette())``, so every item reading ``style.palette()``
in ``paint`` gets the projector colours and thicker links there, while another view of the same
scene keeps the normal palette. The view's own background brush replaces the scene's.

A spotlight (``set_spotlight``) keeps some cards and the links among them (the presented
subtree) lit and veils the rest of the map in the backdrop colour, so it recedes without being
hidden: after the view's own paint pass the exposed area is veiled and the lit items are painted
once more on top. No shape is computed, so a spotlight on thousands of cards costs one more
paint of the lit items in view.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QStyle, QStyleOptionGraphicsItem

from debatemap.canvas import style
from debatemap.canvas.edge_item import EdgeItem
from debatemap.canvas.node_item import NodeItem
from debatemap.canvas.scene import MapScene

_FILTER_NAME = "presentationStyle"
VEIL_ALPHA = 185  # of 255: the cards outside the spotlight stay faintly visible


class _PresentationPainter(QObject):
    """Paints its view's viewport with the presentation palette in force (and the spotlight)."""

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.setObjectName(_FILTER_NAME)
        self._view = view
        self.lit_nodes: frozenset[str] | None = None  # None: no spotlight
        self.lit_edges: frozenset[str] = frozenset()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        with style.painting_with(style.presentation_palette()):
            # the view's own dispatch (QAbstractScrollArea -> paintEvent), with the palette set
            self._view.viewportEvent(event)
            if self.lit_nodes is not None and isinstance(self._view.scene(), MapScene):
                self._paint_spotlight(event)
        return True

    def _is_lit(self, item: QGraphicsItem) -> bool:
        if isinstance(item, NodeItem):
            return item.node_id in self.lit_nodes
        return isinstance(item, EdgeItem) and item.edge_id in self.lit_edges

    def _paint_spotlight(self, event: QPaintEvent) -> None:
        view = self._view
        region = event.region()
        area = region.boundingRect()
        exposed = view.mapToScene(area.adjusted(-2, -2, 2, 2)).boundingRect()
        veil = QColor(style.presentation_palette().background)
        veil.setAlpha(VEIL_ALPHA)
        painter = QPainter(view.viewport())
        painter.setClipRegion(region)
        painter.fillRect(area, veil)
        painter.setRenderHints(view.renderHints())
        to_viewport = view.viewportTransform()
        lit = [item for item in view.scene().items(exposed, Qt.ItemSelectionMode.IntersectsItemBoundingRect,
                                                   Qt.SortOrder.AscendingOrder)
               if item.isVisible() and self._is_lit(item)]
        for item in lit:  # bottom first, as the view paints them
            option = QStyleOptionGraphicsItem()
            option.state = QStyle.StateFlag.State_Enabled
            if item.isSelected():
                option.state |= QStyle.StateFlag.State_Selected
            option.exposedRect = item.boundingRect()
            painter.save()
            painter.setTransform(item.sceneTransform() * to_viewport)
            item.paint(painter, option, view.viewport())
            painter.restore()
        painter.end()


def _painter_of(view: QGraphicsView) -> _PresentationPainter | None:
    for child in view.children():
        if isinstance(child, _PresentationPainter):
            return child
    return None


def set_presentation_style(view: QGraphicsView, on: bool) -> None:
    """Paint this view (only this one) in the presentation palette, or normally again."""
    current = _painter_of(view)
    if bool(on) == (current is not None):
        return
    if on:
        painter = _PresentationPainter(view)
        view.viewport().installEventFilter(painter)
        view.setBackgroundBrush(style.presentation_palette().background)
    else:
        view.viewport().removeEventFilter(current)
        current.setParent(None)
        current.deleteLater()
        view.setBackgroundBrush(QBrush())  # no brush: the scene's background again
    view.resetCachedContent()
    view.viewport().update()


def has_presentation_style(view: QGraphicsView) -> bool:
    return _painter_of(view) is not None


def set_spotlight(view: QGraphicsView, node_ids: Iterable[str] | None) -> None:
    """Keep these nodes' cards and the links among them lit and veil the rest (None, or every
    node of the map: no veil). Call again after the map changed. Only a view in the
    presentation style has a spotlight."""
    painter = _painter_of(view)
    scene = view.scene()
    if painter is None:
        return
    lit_nodes, lit_edges = None, frozenset()
    if node_ids is not None and isinstance(scene, MapScene):
        lit_nodes = frozenset(node_ids)
        if lit_nodes.issuperset(scene.node_items):
            lit_nodes = None  # the whole map is lit
        else:
            lit_edges = _edges_among(scene, lit_nodes)
    if (lit_nodes, lit_edges) != (painter.lit_nodes, painter.lit_edges):
        painter.lit_nodes, painter.lit_edges = lit_nodes, lit_edges
        view.viewport().update()


def _edges_among(scene: MapScene, node_ids: frozenset[str]) -> frozenset[str]:
    """The links from a lit node to a lit node, or (an undercut) to a lit link."""
    lit: dict[str, bool] = {}

    def among(edge: EdgeItem, depth: int = 0) -> bool:
        if edge.edge_id not in lit:
            target = edge.target_item
            inside = isinstance(target, NodeItem) and target.node_id in node_ids
            if isinstance(target, EdgeItem) and depth < 32:
                inside = among(target, depth + 1)
            lit[edge.edge_id] = edge.source_item.node_id in node_ids and inside
        return lit[edge.edge_id]

    return frozenset(edge_id for edge_id, edge in scene.edge_items.items() if among(edge))


def spotlight(view: QGraphicsView) -> frozenset[str] | None:
    """The node ids the spotlight keeps lit (None: nothing is veiled)."""
    painter = _painter_of(view)
    return painter.lit_nodes if painter is not None else None
