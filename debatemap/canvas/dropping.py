"""DropMixin (for MapView): excerpts, copied fragments, parking-lot items and plain text dropped
onto the canvas."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent

from debatemap.canvas import menus
from debatemap.canvas.building import can_accept, create_nodes, fragment_offset, plan_drop
from debatemap.canvas.node_item import NodeItem
from debatemap.canvas.parked_drop import drop_parked, parked_here
from debatemap.core.model import EdgeType
from debatemap.document.clipboard import has_fragment


class DropMixin:
    """Drop on empty canvas: new claims at the drop point (stacked downward when several),
    holding their passages. Drop on a node: new claims linked to it, supporting by default,
    attacking with Shift, or chosen from a popup with Alt. All in one undo step. A parking-lot
    item of this map comes back the same way (canvas/parked_drop.py)."""

    _drop_highlight: NodeItem | None = None

    def _drop_action(self, mime) -> Qt.DropAction:
        """A parked item moves (it leaves the parking lot); everything else is copied."""
        return Qt.DropAction.MoveAction if parked_here(self, mime) else Qt.DropAction.CopyAction

    def ask_link_type(self, global_pos, allow_undercut: bool = False) -> str | None:
        """The popup that asks Support/Attack(/Undercut); tests replace it."""
        return menus.ask_link_type(self, global_pos, allow_undercut)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if self.map_scene() is not None and (can_accept(mime) or parked_here(self, mime)):
            event.setDropAction(self._drop_action(mime))
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        scene = self.map_scene()
        if scene is None or not (can_accept(event.mimeData()) or parked_here(self, event.mimeData())):
            event.ignore()
            return
        target = None
        if not has_fragment(event.mimeData()):
            target = scene.node_item_at(self.mapToScene(event.position().toPoint()))
        self._set_drop_highlight(target)
        event.setDropAction(self._drop_action(event.mimeData()))
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_highlight(None)
        event.accept()

    def _set_drop_highlight(self, item: NodeItem | None) -> None:
        if self._drop_highlight is not None and self._drop_highlight is not item:
            try:
                self._drop_highlight.set_drop_target(False)
            except RuntimeError:
                pass  # the item was deleted meanwhile
        self._drop_highlight = item
        if item is not None:
            item.set_drop_target(True)

    def dropEvent(self, event: QDropEvent) -> None:
        scene = self.map_scene()
        self._set_drop_highlight(None)
        mime = event.mimeData()
        parked = parked_here(self, mime) if scene is not None else None
        if scene is None or not (parked or can_accept(mime)):
            event.ignore()
            return
        point = self.mapToScene(event.position().toPoint())
        if parked is not None:
            if drop_parked(self, parked.id, point, event.modifiers(),
                           self.viewport().mapToGlobal(event.position().toPoint())) is None:
                event.ignore()
                return
        elif has_fragment(mime):
            ids = scene.document.paste_mime(mime, fragment_offset(mime, point))
            self.select_items(ids)
        else:
            ids = self.drop_passages(mime, point, event.modifiers(),
                                     self.viewport().mapToGlobal(event.position().toPoint()))
            if ids is None:
                event.ignore()
                return
        event.setDropAction(Qt.DropAction.MoveAction if parked else Qt.DropAction.CopyAction)
        event.accept()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def drop_passages(self, mime, point: QPointF, modifiers, global_pos) -> list[str] | None:
        """Make the nodes for a drop of passages or text; None when the user cancelled."""
        scene = self.map_scene()
        target = scene.node_item_at(point)
        anchor = target.node_id if target is not None else None
        edge_type = EdgeType.SUPPORT
        if anchor is not None:
            if modifiers & Qt.KeyboardModifier.AltModifier:
                chosen = self.ask_link_type(global_pos)
                if chosen is None:
                    return None
                edge_type = chosen
            elif modifiers & Qt.KeyboardModifier.ShiftModifier:
                edge_type = EdgeType.ATTACK
        plan = plan_drop(scene, mime, point, anchor, str(edge_type))
        if not plan.specs:
            self.statusMessage.emit(plan.message)
            return []
        count = len(plan.specs)
        noun = "claim" if count == 1 else f"{count} claims"
        label = f"Add {noun} ({edge_type})" if anchor else f"Add {noun}"
        ids = create_nodes(scene, plan.specs, label)
        if ids:
            self.select_items(ids)
            done = f"Added {noun}" + (f" ({edge_type} of the claim it was dropped on)" if anchor else "")
            self.statusMessage.emit(f"{done}. {plan.message}".strip())
        return ids
