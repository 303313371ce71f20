"""The canvas: a QGraphicsScene mirroring a MapDocument, its node and edge items, and the view."""

from debatemap.canvas.edge_item import EdgeItem
from debatemap.canvas.node_item import NodeItem
from debatemap.canvas.scene import MapScene
from debatemap.canvas.view import MapView

__all__ = ["EdgeItem", "MapScene", "MapView", "NodeItem"]
