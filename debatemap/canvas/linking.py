"""LinkDragMixin (for MapView): drag from a node's handle (or Alt+drag) onto a node or a link."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsLineItem

from debatemap.canvas import style
from debatemap.canvas.edge_item import EdgeItem, border_point
from debatemap.canvas.node_item import NodeItem
from debatemap.core.model import EdgeType


class LinkDragMixin:
    """While dragging, a rubber line follows the pointer and the node or link under it is
    highlighted. Released on a node: Support/Attack popup (Shift: attack, Ctrl: support at
    once). Released on a link: an undercut of that link. Elsewhere or Esc: nothing."""

    def init_linking(self) -> None:
        self._link_source: str | None = None
        self._rubber: QGraphicsLineItem | None = None
        self._link_target: NodeItem | EdgeItem | None = None

    def link_dragging(self) -> bool:
        return self._link_source is not None

    def begin_link_drag(self, item: NodeItem, scene_pos: QPointF) -> None:
        scene = self.map_scene()
        self.cancel_link_drag()
        self._link_source = item.node_id
        rubber = QGraphicsLineItem()
        pen = QPen(style.palette().hover, 2.0, Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        rubber.setPen(pen)
        rubber.setZValue(3)
        scene.addItem(rubber)
        self._rubber = rubber
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.update_link_drag(scene_pos)

    def update_link_drag(self, scene_pos: QPointF) -> None:
        scene = self.map_scene()
        source = scene.node_items.get(self._link_source) if scene else None
        if source is None or self._rubber is None:
            self.cancel_link_drag()
            return
        self._rubber.setLine(QLineF(border_point(source, scene_pos), scene_pos))
        target = self._target_at(scene_pos)
        if target is not self._link_target:
            if self._link_target is not None:
                self._link_target.set_drop_target(False)
            self._link_target = target
            if target is not None:
                target.set_drop_target(True)

    def _target_at(self, scene_pos: QPointF):
        scene = self.map_scene()
        node = scene.node_item_at(scene_pos)
        if node is not None:
            return node if node.node_id != self._link_source else None
        edge = scene.edge_item_at(scene_pos)
        if edge is not None and edge.source_item.node_id != self._link_source:
            return edge
        return None

    def finish_link_drag(self, scene_pos: QPointF, global_pos, modifiers) -> str | None:
        """Make the link the drag asks for; the new edge id, or None."""
        scene = self.map_scene()
        source = self._link_source
        target = self._target_at(scene_pos) if scene is not None else None
        self.cancel_link_drag()
        if scene is None or source is None or target is None:
            return None
        document = scene.document
        if isinstance(target, EdgeItem):
            edge = document.add_edge(source, target.edge_id, EdgeType.UNDERCUT)
        else:
            if modifiers & Qt.KeyboardModifier.ShiftModifier:
                edge_type = EdgeType.ATTACK
            elif modifiers & Qt.KeyboardModifier.ControlModifier:
                edge_type = EdgeType.SUPPORT
            else:
                edge_type = self.ask_link_type(global_pos)
            if edge_type is None:
                return None
            edge = document.add_edge(source, target.node_id, edge_type)
        if edge is None:
            return None
        self.select_items([], [edge.id])
        return edge.id

    def cancel_link_drag(self) -> None:
        if self._link_target is not None:
            try:
                self._link_target.set_drop_target(False)
            except RuntimeError:
                pass
        self._link_target = None
        if self._rubber is not None and self._rubber.scene() is not None:
            self._rubber.scene().removeItem(self._rubber)
        self._rubber = None
        if self._link_source is not None:
            self.viewport().unsetCursor()
        self._link_source = None
