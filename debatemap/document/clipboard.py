"""Copy and paste of map fragments: the private MIME type and the fresh-id copies it pastes as."""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import QMimeData

from debatemap.core.argmap import ArgumentMap
from debatemap.core.ids import new_id
from debatemap.core.model import Edge, EdgeType, Excerpt, Node, NodeKind, utc_now

NODES_MIME = "application/x-debatemap-nodes"


def fragment_mime(amap: ArgumentMap, node_ids: list[str], map_path: str = "") -> QMimeData:
    """The selected nodes, the links among them (undercuts of those included), and the
    passages they cite, as the private MIME type plus plain text (one claim per line)."""
    chosen = [amap.node(i) for i in dict.fromkeys(node_ids)]
    ids = {n.id for n in chosen}
    edges = [e for e in amap.edges.values() if e.source in ids and e.target in ids]
    edge_ids = {e.id for e in edges}
    changed = True
    while changed:  # undercuts between copied nodes and copied links
        changed = False
        for e in amap.edges.values():
            if e.id not in edge_ids and e.source in ids and e.target in edge_ids:
                edges.append(e)
                edge_ids.add(e.id)
                changed = True
    excerpts = [amap.excerpts[n.excerpt_id] for n in chosen if n.excerpt_id in amap.excerpts]
    payload = {
        "map": map_path,
        "nodes": [_node_json(n) for n in chosen],
        "edges": [{"id": e.id, "type": str(e.type), "source": e.source, "target": e.target}
                  for e in edges],
        "excerpts": [{"id": x.id, "document": x.document_id, "start": x.start, "end": x.end,
                      "quote": x.quote, "before": x.before, "after": x.after} for x in excerpts],
    }
    mime = QMimeData()
    mime.setData(NODES_MIME, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    mime.setText("\n".join(n.text for n in chosen))
    return mime


def has_fragment(mime: QMimeData | None) -> bool:
    return mime is not None and mime.hasFormat(NODES_MIME)


def fragment_origin(mime: QMimeData | None) -> tuple[float, float] | None:
    """The position of the fragment's first node (to paste it at a chosen point), or None."""
    if not has_fragment(mime):
        return None
    try:
        nodes = json.loads(bytes(mime.data(NODES_MIME)).decode("utf-8"))["nodes"]
        return (float(nodes[0]["x"]), float(nodes[0]["y"])) if nodes else None
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def fragment_copies(
    mime: QMimeData, amap: ArgumentMap, offset: tuple[float, float] = (30.0, 30.0)
) -> tuple[list[Node], list[Edge], list[Excerpt]]:
    """New nodes, edges and excerpts (fresh ids) for pasting a fragment into ``amap``.

    A cited passage keeps its source only when ``amap`` holds the same document (same id and
    text); otherwise the claim is pasted without a source rather than with a wrong one.
    Raises ValueError for a payload that is not a fragment.
    """
    payload = json.loads(bytes(mime.data(NODES_MIME)).decode("utf-8"))
    dx, dy = offset
    new_ids: dict[str, str] = {}
    excerpts: list[Excerpt] = []
    for item in payload["excerpts"]:
        document = amap.documents.get(item["document"])
        if document is None or document.text[item["start"]:item["end"]] != item["quote"]:
            continue
        new_ids[item["id"]] = new_id("x")
        excerpts.append(Excerpt(id=new_ids[item["id"]], document_id=item["document"],
                                start=item["start"], end=item["end"], quote=item["quote"],
                                before=item["before"], after=item["after"]))
    nodes = []
    for item in payload["nodes"]:
        new_ids[item["id"]] = new_id("n")
        nodes.append(Node(
            id=new_ids[item["id"]], text=item["text"], kind=NodeKind(item["kind"]),
            x=item["x"] + dx, y=item["y"] + dy, pinned=item["pinned"], tags=tuple(item["tags"]),
            color=item["color"], excerpt_id=new_ids.get(item["excerpt"]) if item["excerpt"] else None,
            created=utc_now(),
        ))
    edges = []
    for item in payload["edges"]:
        new_ids[item["id"]] = new_id("e")
    for item in payload["edges"]:
        edges.append(Edge(id=new_ids[item["id"]], type=EdgeType(item["type"]),
                          source=new_ids[item["source"]], target=new_ids[item["target"]]))
    return nodes, edges, excerpts


def _node_json(node: Node) -> dict:
    return {"id": node.id, "text": node.text, "kind": str(node.kind), "x": node.x, "y": node.y,
            "pinned": node.pinned, "tags": list(node.tags), "color": node.color,
            "excerpt": node.excerpt_id, "created": _iso(node.created)}


def _iso(moment: datetime) -> str:
    return moment.isoformat()
