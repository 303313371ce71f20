"""Bringing parking-lot items back onto the canvas: a drop of ``application/x-debatemap-parked``
(see canvas/dropping.py), or a placement without a drag (the parking lot's Place on Map).

Dropped onto a card the item supports it (Shift: attacks, Alt: a popup asks) and is placed free
beside it; dropped elsewhere it is centred on the drop point. Always one undo step, through
``document.parking.unpark_placing``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt

from debatemap.canvas.building import spot_near
from debatemap.canvas.node_item import card_height
from debatemap.canvas.parked_mime import ParkedPayload, parked_from_mime, same_map
from debatemap.core.model import EdgeType
from debatemap.document.parking import unpark_placing

if TYPE_CHECKING:
    from debatemap.canvas.scene import MapScene
    from debatemap.canvas.view import MapView

BELOW_GAP = 60.0  # between the lowest card and an item placed below all of them


def parked_here(view: "MapView", mime) -> ParkedPayload | None:
    """The parked item a drag carries, when it is in the parking lot of the view's map (an
    item of another map is only its text there)."""
    scene = view.map_scene()
    payload = parked_from_mime(mime)
    if scene is None or payload is None or not same_map(payload, scene.document.path):
        return None
    known = any(item.id == payload.id for item in scene.document.workshop.parked)
    return payload if known else None


def drop_parked(view: "MapView", item_id: str, point: QPointF, modifiers, global_pos) -> str | None:
    """Unpark where it was dropped; the new node's id (selected), or None when cancelled or
    refused."""
    target = view.map_scene().node_item_at(point)
    edge_type = EdgeType.SUPPORT
    if target is not None:
        if modifiers & Qt.KeyboardModifier.AltModifier:
            edge_type = view.ask_link_type(global_pos)
            if edge_type is None:
                return None
        elif modifiers & Qt.KeyboardModifier.ShiftModifier:
            edge_type = EdgeType.ATTACK
    anchor = target.node_id if target is not None else None
    node_id = unpark_at(view, item_id, None if anchor else point, anchor, edge_type)
    if node_id is not None:
        view.select_items([node_id])
        how = f" ({edge_type} of the claim it was dropped on)" if anchor else ""
        view.statusMessage.emit(f"Brought the parked item back onto the map{how}.")
    return node_id


def unpark_at(view: "MapView", item_id: str, point: QPointF | None = None,
              anchor: str | None = None, edge_type: str = EdgeType.SUPPORT) -> str | None:
    """Unpark as one undo step: linked to ``anchor`` and placed free beside it, else centred on
    ``point``, else below the cards. While CLI-made nodes are shown in a display grid, their
    shown positions are written in the same step (as for other drops), so they stay put."""
    scene = view.map_scene()
    item = next((p for p in scene.document.workshop.parked if p.id == item_id), None)
    if item is None:
        return None
    if anchor is not None:
        spot = spot_near(scene, anchor, item.text)
    elif point is not None:
        spot = point
    else:
        spot = spot_below(scene, item.text)
    shown = None
    if scene.display_grid:
        shown = {i: (card.pos().x(), card.pos().y()) for i, card in scene.node_items.items()}
    node = unpark_placing(scene.document, item_id, anchor, x=spot.x(), y=spot.y(),
                          edge_type=edge_type, positions_to_write=shown)
    return node.id if node is not None else None


def spot_below(scene: "MapScene", text: str) -> QPointF:
    """A centre under every card as shown, in line with the leftmost."""
    cards = [item.rect.translated(item.pos()) for item in scene.node_items.values()]
    if not cards:
        return QPointF(0.0, 0.0)
    left = min(r.center().x() for r in cards)
    bottom = max(r.bottom() for r in cards)
    return QPointF(left, bottom + BELOW_GAP + card_height(text) / 2)
