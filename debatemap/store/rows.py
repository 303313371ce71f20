"""Conversions between domain objects and table rows (plain dicts for SQLAlchemy Core)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Callable, Container, Mapping

from debatemap.core.model import (
    AgendaItem,
    Document,
    Edge,
    EdgeType,
    Event,
    Excerpt,
    Node,
    NodeKind,
    ParkedItem,
    Participant,
    Vote,
)


def _enum(kind, value: str):
    """The enum member, or the raw string when a damaged or foreign file holds an unknown value
    (``ArgumentMap.problems`` reports it; ``MapSession`` refuses it on a normal open)."""
    try:
        return kind(value)
    except ValueError:
        return value


def node_to_row(node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "text": node.text,
        "kind": str(node.kind),
        "x": float(node.x),
        "y": float(node.y),
        "pinned": bool(node.pinned),
        "tags": json.dumps(list(node.tags), ensure_ascii=False),
        "color": node.color,
        "author_id": node.author_id,
        "excerpt_id": node.excerpt_id,
        "created": node.created.isoformat(),
        "mark": node.mark,
        "title": node.title,
    }


def _as_is(value: Any) -> Any:
    return value


#: how ``node_to_row`` writes each field of a node but its id (to write only some fields)
NODE_COLUMN_VALUES: dict[str, Callable[[Any], Any]] = {
    "text": _as_is,
    "kind": str,
    "x": float,
    "y": float,
    "pinned": bool,
    "tags": lambda tags: json.dumps(list(tags), ensure_ascii=False),
    "color": _as_is,
    "author_id": _as_is,
    "excerpt_id": _as_is,
    "created": lambda created: created.isoformat(),
    "mark": _as_is,
    "title": _as_is,
}


def row_to_node(row: Mapping[str, Any]) -> Node:
    return Node(
        id=row["id"],
        text=row["text"],
        kind=_enum(NodeKind, row["kind"]),
        x=row["x"],
        y=row["y"],
        pinned=bool(row["pinned"]),
        tags=tuple(json.loads(row["tags"])),
        color=row["color"],
        author_id=row["author_id"],
        excerpt_id=row["excerpt_id"],
        created=datetime.fromisoformat(row["created"]),
        mark=row.get("mark"),
        title=row.get("title"),
    )


def edge_to_row(edge: Edge, edge_ids: Container[str]) -> dict[str, Any]:
    """``edge_ids`` tells whether an undercut's target is an edge rather than a node."""
    targets_edge = edge.type == EdgeType.UNDERCUT and edge.target in edge_ids
    return {
        "id": edge.id,
        "type": str(edge.type),
        "source_node": edge.source,
        "target_node": None if targets_edge else edge.target,
        "target_edge": edge.target if targets_edge else None,
        "created": edge.created.isoformat(),
    }


def row_to_edge(row: Mapping[str, Any]) -> Edge:
    return Edge(
        id=row["id"],
        type=_enum(EdgeType, row["type"]),
        source=row["source_node"],
        target=row["target_node"] if row["target_node"] is not None else row["target_edge"],
        created=datetime.fromisoformat(row["created"]),
    )


def document_to_row(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "format": document.format,
        "encoding": document.encoding,
        "origin": document.origin,
        "sha256": document.sha256,
        "metadata": json.dumps(document.metadata, ensure_ascii=False),
        "text": document.text,
        "imported": document.imported.isoformat(),
    }


def row_to_document(row: Mapping[str, Any]) -> Document:
    return Document(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        format=row["format"],
        encoding=row["encoding"],
        origin=row["origin"],
        sha256=row["sha256"],
        metadata=json.loads(row["metadata"]),
        imported=datetime.fromisoformat(row["imported"]),
    )


def excerpt_to_row(excerpt: Excerpt) -> dict[str, Any]:
    return {
        "id": excerpt.id,
        "document_id": excerpt.document_id,
        "start": excerpt.start,
        "end": excerpt.end,
        "quote": excerpt.quote,
        "before": excerpt.before,
        "after": excerpt.after,
        "status": excerpt.status,
    }


def row_to_excerpt(row: Mapping[str, Any]) -> Excerpt:
    return Excerpt(
        id=row["id"],
        document_id=row["document_id"],
        start=row["start"],
        end=row["end"],
        quote=row["quote"],
        before=row["before"],
        after=row["after"],
        status=row["status"],
    )


def participant_to_row(participant: Participant, ordinal: int = 0) -> dict[str, Any]:
    return {"id": participant.id, "name": participant.name, "color": participant.color,
            "ordinal": ordinal}


def row_to_participant(row: Mapping[str, Any]) -> Participant:
    return Participant(id=row["id"], name=row["name"], color=row["color"])


def event_to_row(event: Event) -> dict[str, Any]:
    return {
        "at": event.at.isoformat(),
        "kind": event.kind,
        "participant_id": event.participant_id,
        "payload": json.dumps(event.payload, ensure_ascii=False),
    }


def row_to_event(row: Mapping[str, Any]) -> Event:
    return Event(
        kind=row["kind"],
        payload=json.loads(row["payload"]),
        at=datetime.fromisoformat(row["at"]),
        participant_id=row["participant_id"],
        seq=row["seq"],
    )


def vote_to_row(vote: Vote) -> dict[str, Any]:
    return {
        "id": vote.id,
        "node_id": vote.node_id,
        "participant_id": vote.participant_id,
        "kind": vote.kind,
        "value": vote.value,
        "created": vote.created.isoformat(),
    }


def row_to_vote(row: Mapping[str, Any]) -> Vote:
    return Vote(
        id=row["id"],
        node_id=row["node_id"],
        participant_id=row["participant_id"],
        kind=row["kind"],
        value=row["value"],
        created=datetime.fromisoformat(row["created"]),
    )


def agenda_item_to_row(item: AgendaItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "node_id": item.node_id,
        "ordinal": item.ordinal,
        "timebox": item.timebox,
        "done": bool(item.done),
        "spent": float(item.spent),
    }


def row_to_agenda_item(row: Mapping[str, Any]) -> AgendaItem:
    return AgendaItem(
        id=row["id"],
        node_id=row["node_id"],
        ordinal=row["ordinal"],
        timebox=row["timebox"],
        done=bool(row["done"]),
        spent=row["spent"],
    )


def parked_item_to_row(item: ParkedItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "text": item.text,
        "kind": str(item.kind),
        "author_id": item.author_id,
        "ordinal": item.ordinal,
        "created": item.created.isoformat(),
    }


def row_to_parked_item(row: Mapping[str, Any]) -> ParkedItem:
    return ParkedItem(
        id=row["id"],
        text=row["text"],
        ordinal=row["ordinal"],
        kind=row["kind"],
        author_id=row["author_id"],
        created=datetime.fromisoformat(row["created"]),
    )
