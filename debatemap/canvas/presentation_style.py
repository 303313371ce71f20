"""Per-view presentation style: one view of a shared MapScene paints in the projector palette.

The scene and its items are shared by every view (the editor and the audience window), and a
card's geometry must be the same in all of them. What differs is only how each view paints:
an event filter on the view's viewport runs that view's paint pass inside
``style.painting_with(style.presentation_palette())``, so every item reading ``style.palette()``
in ``paint`` gets the projector colours and thicker links there, while another view of the same
scene keeps the normal palette. The view's own background brush replaces the scene's.

A spotlight (``set_spotlight``) veils everything but some cards and the links among them (the
presented subtree) in the backdrop colour, so the rest of the map recedes without being hidden.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsView

from debatemap.canvas import style
from debatemap.canvas.edge_item import EdgeItem
from debatemap.canvas.node_item import NodeItem
from debatemap.canvas.scene import MapScene

_FILTER_NAME = "presentationStyle"
SPOTLIGHT_MARGIN = 6.0  # scene units kept clear around a lit card (its selection halo)
SPOTLIGHT_RADIUS = 10.0
VEIL_ALPHA = 185  # of 255: the cards outside the spotlight stay faintly visible


class _PresentationPainter(QObject):
    """Paints its view's viewport with the presentation palette in force."""

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.setObjectName(_FILTER_NAME)
        self._view = view
        self.spotlight: QPainterPath | None = None  # what stays lit, in scene coordinates

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        with style.painting_with(style.presentation_palette()):
            # the view's own dispatch (QAbstractScrollArea -> paintEvent), with the palette set
            self._view.viewportEvent(event)
        if self.spotlight is not None:
            self._paint_veil()
        return True

    def _paint_veil(self) -> None:
        view = self._view
        veil = QPainterPath()  # odd-even: the viewport minus the (non-overlapping) lit shapes
        veil.addRect(QRectF(view.viewport().rect()))
        veil.addPath(view.viewportTransform().map(self.spotlight))
        color = QColor(style.presentation_palette().background)
        color.setAlpha(VEIL_ALPHA)
        painter = QPainter(view.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(veil, color)
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


def lit_shape(scene: MapScene, node_ids: Iterable[str]) -> QPainterPath:
    """The visible cards of these nodes (with a little room around them) and the links among
    them, as one path without overlaps, in scene coordinates."""
    ids = set(node_ids)
    shape = QPainterPath()
    shape.setFillRule(Qt.FillRule.WindingFill)
    for node_id in ids:
        item = scene.node_items.get(node_id)
        if item is not None and item.isVisible():
            room = item.sceneBoundingRect().adjusted(-SPOTLIGHT_MARGIN, -SPOTLIGHT_MARGIN,
                                                    SPOTLIGHT_MARGIN, SPOTLIGHT_MARGIN)
            shape.addRoundedRect(room, SPOTLIGHT_RADIUS, SPOTLIGHT_RADIUS)
    lit: dict[str, bool] = {}

    def among(edge: EdgeItem, depth: int = 0) -> bool:
        if edge.edge_id not in lit:
            target = edge.target_item
            inside = isinstance(target, NodeItem) and target.node_id in ids
            if isinstance(target, EdgeItem) and depth < 32:
                inside = among(target, depth + 1)
            lit[edge.edge_id] = edge.source_item.node_id in ids and inside
        return lit[edge.edge_id]

    for edge in scene.edge_items.values():
        if edge.isVisible() and among(edge):
            shape.addPath(edge.mapToScene(edge.shape()))
    return shape.simplified()


def set_spotlight(view: QGraphicsView, node_ids: Iterable[str] | None) -> None:
    """Veil everything but these nodes' cards and the links among them (None: no veil). Call
    again after the map changed. Only a view in the presentation style has a spotlight."""
    painter = _painter_of(view)
    scene = view.scene()
    if painter is None:
        return
    shape = None
    if node_ids is not None and isinstance(scene, MapScene):
        shape = lit_shape(scene, node_ids)
    if shape != painter.spotlight:
        painter.spotlight = shape
        view.viewport().update()


def spotlight(view: QGraphicsView) -> QPainterPath | None:
    """What the spotlight keeps lit, in scene coordinates (None: nothing is veiled)."""
    painter = _painter_of(view)
    return QPainterPath(painter.spotlight) if painter is not None and painter.spotlight else None
