"""Turning canvas gestures into map changes: new nodes (one undo step), drop payloads, links."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPointF, QRectF

from debatemap.canvas import style
from debatemap.canvas.node_item import card_height
from debatemap.canvas.placement import column_below, free_spot
from debatemap.core.ids import new_id
from debatemap.core.model import Edge, EdgeType, Excerpt, Node, NodeKind
from debatemap.document.clipboard import NODES_MIME
from debatemap.document.excerpt_mime import EXCERPT_MIME_TYPE, excerpts_from_mime

if TYPE_CHECKING:
    from debatemap.canvas.scene import MapScene


@dataclass(frozen=True)
class NewNode:
    """A node to make: its text, kind, centre, an optional source, and an optional link."""

    text: str
    x: float
    y: float
    kind: str = NodeKind.CLAIM
    source: tuple[str, int, int] | None = None
    anchor: str | None = None  # link the new node to this node...
    edge_type: str = EdgeType.SUPPORT  # ...as this type, new node -> anchor


def create_nodes(scene: "MapScene", specs: list[NewNode], text: str) -> list[str]:
    """Make the nodes (and their links and excerpts) as ONE undo step; the new ids, or [].

    While the scene shows CLI-made nodes in a display grid (all stored at 0,0), the shown
    positions are written in the same step, so the old nodes stay where they are seen."""
    document = scene.document
    nodes: list[Node] = []
    edges: list[Edge] = []
    excerpts: list[Excerpt] = []
    for spec in specs:
        made = document.new_node(spec.text, spec.kind, x=spec.x, y=spec.y, source=spec.source)
        if made is None:
            return []  # reported by the document
        node, excerpt = made
        nodes.append(node)
        if excerpt is not None:
            excerpts.append(excerpt)
        if spec.anchor is not None:
            edges.append(Edge(id=new_id("e"), type=EdgeType(spec.edge_type), source=node.id,
                              target=spec.anchor))
    if not nodes:
        return []
    shown = None
    if scene.display_grid:
        shown = {i: (item.pos().x(), item.pos().y()) for i, item in scene.node_items.items()}
    done = document.add_items_placing(nodes, edges, excerpts, positions_to_write=shown, text=text)
    return [n.id for n in nodes] if done else []


def occupied_rects(scene: "MapScene", skip: str | None = None) -> list:
    return [item.rect.translated(item.pos()) for node_id, item in scene.node_items.items()
            if node_id != skip]


def spot_near(scene: "MapScene", anchor_id: str, text: str = "", direction: str = "below",
              has_source: bool = False) -> QPointF:
    """A free centre next to a node, for a child (below) or a sibling (right)."""
    item = scene.node_items[anchor_id]
    height = card_height(text, has_source) if text else style.DEFAULT_NODE_HEIGHT
    return free_spot(item.rect.translated(item.pos()), occupied_rects(scene), height,
                     direction=direction)


# ---- what a drag carries -------------------------------------------------------------------


def claim_text(text: str) -> str:
    """A passage as claim text: whitespace (line breaks of the source) collapsed."""
    return " ".join(text.split())


def can_accept(mime: QMimeData) -> bool:
    if mime.hasFormat(EXCERPT_MIME_TYPE) or mime.hasFormat(NODES_MIME):
        return True
    if mime.hasUrls() and all(url.isLocalFile() for url in mime.urls()):
        return False  # files: the document panel imports them
    return mime.hasText() and bool(mime.text().strip())


@dataclass
class DropPlan:
    """What a drop will make, and what to tell the user about it."""

    specs: list[NewNode]
    message: str = ""


def plan_drop(scene: "MapScene", mime: QMimeData, point: QPointF, anchor: str | None,
              edge_type: str) -> DropPlan:
    """Nodes for the passages (or plain text) of a drop at ``point``; linked to ``anchor``
    (as ``edge_type``) when dropped onto a node. Passages of documents not in this map
    become claims without a source, and the message says so."""
    amap = scene.document.map
    passages = excerpts_from_mime(mime)
    items: list[tuple[str, tuple[str, int, int] | None]] = []
    foreign = 0
    for passage in passages:
        document = amap.documents.get(passage.document)
        if document is not None and document.text[passage.start:passage.end] == passage.text:
            items.append((claim_text(passage.text), (passage.document, passage.start, passage.end)))
        else:
            foreign += 1
            items.append((claim_text(passage.text), None))
    if not passages and mime.hasText():
        text = mime.text().strip()
        if text:
            items.append((claim_text(text) if "\n" not in text.strip() else text, None))
    items = [(t, s) for t, s in items if t]
    if not items:
        return DropPlan([], "Nothing to add: the drop carries no text.")
    heights = [card_height(t, s is not None) for t, s in items]
    if anchor is not None and anchor in scene.node_items:
        anchor_item = scene.node_items[anchor]
        taken = occupied_rects(scene)
        centers = []
        for height in heights:
            center = free_spot(anchor_item.rect.translated(anchor_item.pos()), taken, height)
            centers.append(center)
            taken.append(_rect_at(center, height))
    else:
        centers = column_below(point, heights, occupied_rects(scene))
    specs = [NewNode(t, c.x(), c.y(), source=s, anchor=anchor if anchor in scene.node_items else None,
                     edge_type=edge_type) for (t, s), c in zip(items, centers)]
    message = ""
    if foreign:
        message = ("The passage comes from a document that is not in this map: the claim was"
                   " added without a source." if foreign == 1 else
                   f"{foreign} passages come from documents not in this map: added without a source.")
    return DropPlan(specs, message)


def _rect_at(center: QPointF, height: float) -> QRectF:
    return QRectF(center.x() - style.NODE_WIDTH / 2, center.y() - height / 2, style.NODE_WIDTH, height)


def fragment_offset(mime: QMimeData, point: QPointF) -> tuple[float, float]:
    """The offset that puts a copied fragment's centre at ``point``."""
    try:
        payload = json.loads(bytes(mime.data(NODES_MIME)).decode("utf-8"))
        xs = [float(n["x"]) for n in payload["nodes"]]
        ys = [float(n["y"]) for n in payload["nodes"]]
    except (ValueError, KeyError, TypeError):
        return (30.0, 30.0)
    if not xs:
        return (30.0, 30.0)
    return (point.x() - (min(xs) + max(xs)) / 2, point.y() - (min(ys) + max(ys)) / 2)
