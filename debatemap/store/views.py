"""Read-only summaries of a map in the JSON shapes of the command-line contract."""

from __future__ import annotations

from typing import Any

from debatemap.store.session import MapSession


def document_summaries(session: MapSession) -> list[dict[str, Any]]:
    counts = session.repository.candidate_counts()
    return [
        {
            "id": d.id,
            "title": d.title,
            "format": d.format,
            "encoding": d.encoding,
            "characters": len(d.text),
            "candidates": counts.get(d.id, 0),
            "origin": d.origin,
            "sha256": d.sha256,
        }
        for d in session.map.documents.values()
    ]


def map_summary(session: MapSession) -> dict[str, Any]:
    amap = session.map
    nodes = []
    for n in amap.nodes.values():
        excerpt = amap.excerpts.get(n.excerpt_id) if n.excerpt_id else None
        nodes.append({
            "id": n.id,
            "text": n.text,
            "kind": str(n.kind),
            "x": n.x,
            "y": n.y,
            "pinned": n.pinned,
            "tags": list(n.tags),
            "color": n.color,
            "author": n.author_id,
            "created": n.created.isoformat(),
            "source": None if excerpt is None else {
                "document": excerpt.document_id,
                "start": excerpt.start,
                "end": excerpt.end,
                "quote": excerpt.quote,
            },
        })
    edges = [
        {"id": e.id, "from": e.source, "to": e.target, "type": str(e.type)}
        for e in amap.edges.values()
    ]
    return {
        "title": amap.title,
        "nodes": nodes,
        "edges": edges,
        "documents": document_summaries(session),
    }
