"""EditingMixin (for MapView): in-place text editing, new nodes by double-click, Tab and Enter."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsPathItem

from debatemap.canvas import style
from debatemap.canvas.building import NewNode, create_nodes, spot_near
from debatemap.canvas.edge_item import border_point
from debatemap.canvas.editor import InlineEditor
from debatemap.core.model import EdgeType

LINK_TYPES_FOR_SIBLINGS = (EdgeType.SUPPORT, EdgeType.ATTACK)


class EditingMixin:
    """The view opens one InlineEditor at a time, over an existing card (``edit_node``) or over
    a dashed placeholder card where a new node will appear (``start_new_node``, ``add_child``,
    ``add_sibling``). A new node is made only when its text is committed, so Esc or empty
    text leaves the map and the undo stack untouched."""

    editor: InlineEditor | None = None  # class default: safe during interpreter shutdown

    def init_editing(self) -> None:
        self.editor: InlineEditor | None = None
        self._edit_node_id: str | None = None
        self._pending: NewNode | None = None  # the node the open editor will create
        self._placement: tuple[str, str] | None = None  # (next to node, direction) to re-find
        self._ghosts: list = []

    # ---- opening ---------------------------------------------------------------------------

    def edit_node(self, node_id: str | None = None) -> bool:
        """Edit a node's text in place (the current node when none is named)."""
        scene = self.map_scene()
        node_id = node_id or self.current_node_id()
        if scene is None or node_id not in scene.node_items:
            return False
        self.close_editor()
        self.select_items([node_id])
        self._edit_node_id = node_id
        self.ensureVisible(scene.node_items[node_id], 40, 40)
        self._open_editor(scene.document.map.nodes[node_id].text)
        return True

    def start_new_node(self, scene_pos: QPointF, spec: NewNode | None = None,
                       placement: tuple[str, str] | None = None) -> bool:
        """Open the editor for a new claim centred at ``scene_pos`` (or for ``spec``)."""
        scene = self.map_scene()
        if scene is None:
            return False
        self.close_editor()
        self._pending = spec or NewNode("", scene_pos.x(), scene_pos.y())
        self._placement = placement
        self._show_ghost()
        self._open_editor("")
        return True

    def add_child(self, edge_type: str = EdgeType.SUPPORT) -> bool:
        """A new node that supports (or attacks) the current node, placed below it (Tab)."""
        scene = self.map_scene()
        anchor = self.current_node_id()
        if scene is None or anchor is None:
            self.statusMessage.emit("Select a claim to add a child to it.")
            return False
        spot = spot_near(scene, anchor, direction="below")
        spec = NewNode("", spot.x(), spot.y(), anchor=anchor, edge_type=str(edge_type))
        return self.start_new_node(spot, spec, placement=(anchor, "below"))

    def add_sibling(self) -> bool:
        """A new node beside the current one, linked to the same parent with the same type as
        the current node's first outgoing support/attack (a free claim when it has none)."""
        scene = self.map_scene()
        current = self.current_node_id()
        if scene is None or current is None:
            return False
        amap = scene.document.map
        parent, edge_type = None, EdgeType.SUPPORT
        for edge in amap.edges.values():
            if edge.source == current and edge.type in LINK_TYPES_FOR_SIBLINGS and edge.target in amap.nodes:
                parent, edge_type = edge.target, edge.type
                break
        spot = spot_near(scene, current, direction="right")
        spec = NewNode("", spot.x(), spot.y(), anchor=parent, edge_type=str(edge_type))
        return self.start_new_node(spot, spec, placement=(current, "right"))

    # ---- the editor widget -----------------------------------------------------------------

    def _open_editor(self, text: str) -> None:
        editor = InlineEditor(text, self.viewport())
        editor.committed.connect(self._on_committed)
        editor.cancelled.connect(self._on_cancelled)
        self.editor = editor
        self.place_editor()
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _editor_scene_rect(self) -> QRectF | None:
        scene = self.map_scene()
        if scene is None:
            return None
        if self._edit_node_id is not None:
            item = scene.node_items.get(self._edit_node_id)
            return item.rect.translated(item.pos()) if item is not None else None
        if self._pending is not None:
            return _card_at(self._pending.x, self._pending.y)
        return None

    def place_editor(self) -> None:
        """Keep the editor over its card's text area (after scrolling, zooming, resizing)."""
        if self.editor is None:
            return
        rect = self._editor_scene_rect()
        if rect is None:
            return
        band = style.BAND_HEIGHT
        text_area = rect.adjusted(0, band, 0, 0)
        shown = self.mapFromScene(text_area).boundingRect()
        zoom = self.transform().m11()
        self.editor.set_zoom(zoom)
        width = max(shown.width(), 200)
        left = shown.center().x() - width / 2
        self.editor.setFixedWidth(int(width))
        self.editor.move(int(left), int(shown.top()))

    def close_editor(self) -> None:
        """Drop the editor without committing (used before switching maps)."""
        editor, self.editor = self.editor, None
        if editor is not None:
            editor.finished = True
            editor.hide()
            editor.deleteLater()
        self._edit_node_id = None
        self._pending = None
        self._placement = None
        self._hide_ghost()

    def _on_committed(self, text: str) -> None:
        scene = self.map_scene()
        node_id, pending, placement = self._edit_node_id, self._pending, self._placement
        self.close_editor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        text = text.strip()
        if scene is None or not text:
            return  # empty text: no new node, and an existing one keeps its text
        if node_id is not None:
            node = scene.document.map.nodes.get(node_id)
            if node is not None and node.text != text:
                # one finished in-place edit is one undo step: it never merges with another
                scene.document.set_node_text(node_id, text, merge=False)
            return
        if pending is None:
            return
        if placement is not None and placement[0] in scene.node_items:
            # the spot was found for a one-line card: find it again for the real height
            spot = spot_near(scene, placement[0], text, direction=placement[1])
            pending = replace(pending, x=spot.x(), y=spot.y())
        spec = replace(pending, text=text)
        label = f"Add {spec.edge_type} claim" if spec.anchor else "Add claim"
        ids = create_nodes(scene, [spec], label)
        if ids:
            self.select_items(ids)

    def _on_cancelled(self) -> None:
        self.close_editor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- the placeholder card of a node not made yet -----------------------------------------

    def _show_ghost(self) -> None:
        scene = self.map_scene()
        if scene is None or self._pending is None:
            return
        colors = style.palette()
        rect = _card_at(self._pending.x, self._pending.y)
        path = QPainterPath()
        path.addRoundedRect(rect, style.CORNER_RADIUS, style.CORNER_RADIUS)
        card = QGraphicsPathItem(path)
        fill = QColor(colors.node_fill)
        card.setBrush(fill)
        card.setPen(QPen(colors.hover, 1.5, Qt.PenStyle.DashLine))
        card.setZValue(2)
        scene.addItem(card)
        self._ghosts = [card]
        anchor = scene.node_items.get(self._pending.anchor) if self._pending.anchor else None
        if anchor is not None:
            end = border_point(anchor, QPointF(self._pending.x, self._pending.y))
            start = _rect_border(rect, end)
            line = QGraphicsLineItem(QLineF(start, end))
            line.setPen(style.edge_pen(self._pending.edge_type))
            line.setZValue(-1)
            scene.addItem(line)
            self._ghosts.append(line)

    def _hide_ghost(self) -> None:
        for ghost in self._ghosts:
            if ghost.scene() is not None:
                ghost.scene().removeItem(ghost)
        self._ghosts = []

    def pending_node(self) -> NewNode | None:
        """The node the open editor will create on commit (None when editing an existing one)."""
        return self._pending


def _card_at(x: float, y: float) -> QRectF:
    height = style.DEFAULT_NODE_HEIGHT
    return QRectF(x - style.NODE_WIDTH / 2, y - height / 2, style.NODE_WIDTH, height)


def _rect_border(rect: QRectF, toward: QPointF) -> QPointF:
    center = rect.center()
    dx, dy = toward.x() - center.x(), toward.y() - center.y()
    if dx == 0 and dy == 0:
        return center
    sx = rect.width() / 2 / abs(dx) if dx else float("inf")
    sy = rect.height() / 2 / abs(dy) if dy else float("inf")
    scale = min(sx, sy, 1.0)
    return QPointF(center.x() + dx * scale, center.y() + dy * scale)
