"""The canvas: a QGraphicsScene mirroring a MapDocument, its node and edge items, and the view."""

from debatemap.canvas.edge_item import EdgeItem
from debatemap.canvas.node_item import NodeItem
from debatemap.canvas.scene import MapScene
from debatemap.canvas.shortcuts import CANVAS_SHORTCUTS
from debatemap.canvas.view import MapView

__all__ = ["CANVAS_SHORTCUTS", "EdgeItem", "MapScene", "MapView", "NodeItem"]
