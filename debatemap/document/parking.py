"""Parking-lot intents WorkshopDocument does not have: park cards, and unpark while writing the
shown positions of a display grid, each as ONE undo step built from the existing commands.

``park_nodes``: the cards leave the map (with their links, votes and agenda places) and become
parked items; undo brings the cards back as they were. ``unpark_placing``: as
``WorkshopDocument.unpark``, and in the same step the positions a view shows CLI-made nodes at
(all stored at 0,0, shown in a grid) are written, so they do not collapse onto the origin when
the first node with a real position arrives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from debatemap.core.card_metrics import shown_title
from debatemap.core.ids import new_id
from debatemap.core.model import Edge, EdgeType, Node, NodeKind, ParkedItem
from debatemap.document.commands import MoveNodes, RemoveItems, Sequence, shortened
from debatemap.document.workshop_commands import Park, Unpark

if TYPE_CHECKING:
    from debatemap.document.mapdocument import MapDocument


def park_nodes(document: "MapDocument", node_ids: Iterable[str]) -> tuple[bool, str]:
    """Move cards off the map into the parking lot as one step: each becomes an item with its
    text (its title in front, when it shows one), kind and author. Returns (done, a sentence
    for the user). Arguments are refused: their premises hang on them."""
    amap = document.map
    nodes = [amap.nodes[i] for i in dict.fromkeys(node_ids) if i in amap.nodes]
    if not nodes:
        return False, "Select a card to park."
    if any(str(n.kind) == NodeKind.ARGUMENT for n in nodes):
        return False, ("An argument cannot be parked (its premises hang on it):"
                       " park its claims instead.")
    items = []
    for node in nodes:
        title = shown_title(node.text, node.title)
        text = f"{title}: {node.text}" if title else node.text
        items.append(ParkedItem(id=new_id("k"), text=text, ordinal=0, kind=str(node.kind),
                                author_id=node.author_id))
    label = (f"Park “{shortened(nodes[0].text, 30)}”" if len(nodes) == 1
             else f"Park {len(nodes)} cards")
    steps = [RemoveItems(document, [n.id for n in nodes]), *(Park(document, i) for i in items)]
    if not document.push(Sequence(document, steps, label)):
        return False, "Could not park the card."  # the document said why
    noun = "the card" if len(nodes) == 1 else f"{len(nodes)} cards"
    return True, f"Parked {noun}: drag it back onto the map when its time comes."


def unpark_placing(
    document: "MapDocument",
    item_id: str,
    parent_id: str | None = None,
    *,
    x: float,
    y: float,
    edge_type: EdgeType | str = EdgeType.SUPPORT,
    positions_to_write: dict[str, tuple[float, float]] | None = None,
) -> Node | None:
    """Bring a parked item onto the map at (x, y), linked to ``parent_id`` when given, and
    write ``positions_to_write`` (unpinned) in the same step. None when refused (reported)."""
    workshop = document.workshop
    if not positions_to_write:
        return workshop.unpark(item_id, parent_id, x=x, y=y, edge_type=edge_type)
    item = next((p for p in workshop.parked if p.id == item_id), None)
    if item is None:
        document.errorOccurred.emit(f"Could not unpark: no parked item {item_id!r}")
        return None
    if parent_id is not None and parent_id not in document.map.nodes:
        document.errorOccurred.emit(f"Could not unpark: no node {parent_id!r} in this map")
        return None
    node = Node(id=new_id("n"), text=item.text, kind=item.kind, x=x, y=y, author_id=item.author_id)
    edges = [] if parent_id is None else [
        Edge(id=new_id("e"), type=edge_type, source=node.id, target=parent_id)]
    write = MoveNodes(document, positions_to_write, pinned=())
    unpark = Unpark(document, item_id, node, edges)
    if not document.push(Sequence(document, [write, unpark], unpark.text())):
        return None
    return document.map.nodes[node.id]
