"""The domain's value types: nodes, edges, documents, excerpts, participants, events."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timezone


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class NodeKind(enum.StrEnum):
    CLAIM = "claim"
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"
    EVIDENCE = "evidence"
    QUESTION = "question"
    IDEA = "idea"
    NOTE = "note"
    ARGUMENT = "argument"  # an inference node (Argdown argument, AIF RA node)


class EdgeType(enum.StrEnum):
    SUPPORT = "support"
    ATTACK = "attack"
    UNDERCUT = "undercut"  # attacks an inference: a support/attack/premise/conclusion edge or an argument
    PREMISE = "premise"  # claim -> argument
    CONCLUSION = "conclusion"  # argument -> claim
    CONTRARY = "contrary"
    CONTRADICTORY = "contradictory"
    ENTAILS = "entails"


#: Edges an undercut may attack: the inferential ones.
INFERENCE_EDGE_TYPES = frozenset(
    {EdgeType.SUPPORT, EdgeType.ATTACK, EdgeType.PREMISE, EdgeType.CONCLUSION}
)
#: Manual evaluation marks a node may carry (``Node.mark``); None means "computed".
NODE_MARKS = ("accept", "reject", "undecided")
#: Relations with no direction: a->b and b->a are the same relation.
SYMMETRIC_EDGE_TYPES = frozenset({EdgeType.CONTRARY, EdgeType.CONTRADICTORY})


@dataclass(slots=True)
class Node:
    id: str
    text: str
    kind: NodeKind = NodeKind.CLAIM
    x: float = 0.0
    y: float = 0.0
    pinned: bool = False
    tags: tuple[str, ...] = ()
    color: str | None = None  # "#rrggbb" or None for the kind's own colour
    author_id: str | None = None  # a Participant
    excerpt_id: str | None = None  # the passage this claim was taken from
    created: datetime = field(default_factory=utc_now)
    #: a manual evaluation mark (Rationale style): "accept", "reject", "undecided", or None
    #: to let the evaluation compute the node's label (see core.evaluation)
    mark: str | None = None
    #: a short name (Argdown's [Title] of a statement, <Title> of an argument); None if untitled
    title: str | None = None


@dataclass(slots=True)
class Edge:
    id: str
    type: EdgeType
    source: str  # a node id
    target: str  # a node id, or an edge id when type is UNDERCUT and it attacks an inference edge
    created: datetime = field(default_factory=utc_now)


@dataclass(slots=True)
class Document:
    id: str
    title: str
    text: str  # the normalised text every excerpt offset points into
    format: str  # "txt", "md", "html", "pdf", "docx"
    encoding: str  # as detected on import
    origin: str = ""  # the path it was imported from
    sha256: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    imported: datetime = field(default_factory=utc_now)


@dataclass(slots=True)
class Excerpt:
    """A passage of a document: ``document.text[start:end] == quote`` while the text is unchanged.

    ``before`` and ``after`` keep some context so that the passage can be found again when the
    document is re-imported and its offsets move; ``status`` says how that went (a "lost"
    passage keeps its old quote and offsets and is flagged, never silently re-pointed).
    """

    id: str
    document_id: str
    start: int
    end: int
    quote: str
    before: str = ""
    after: str = ""
    status: str = "ok"  # "ok", "moved" (re-anchored after a re-import) or "lost" (not found)


@dataclass(slots=True)
class Participant:
    id: str
    name: str
    color: str | None = None


#: Vote kinds: dot-voting (value = dots, 1 or more) and agreement ratings (value -2..+2).
VOTE_KINDS = ("dot", "rating")
RATING_RANGE = range(-2, 3)


@dataclass(slots=True)
class Vote:
    """One participant's dots on a node, or their agreement rating of it (one of each at most)."""

    id: str
    node_id: str
    participant_id: str
    kind: str  # "dot" or "rating"
    value: int
    created: datetime = field(default_factory=utc_now)


@dataclass(slots=True)
class AgendaItem:
    """A workshop agenda item: a question node with a timebox, in agenda order."""

    id: str
    node_id: str
    ordinal: int
    timebox: int = 600  # seconds
    done: bool = False
    spent: float = 0.0  # seconds its timer has run


@dataclass(slots=True)
class ParkedItem:
    """An off-topic contribution kept in the parking lot, off the map until dragged back."""

    id: str
    text: str
    ordinal: int
    kind: str = "idea"
    author_id: str | None = None
    created: datetime = field(default_factory=utc_now)


@dataclass(slots=True)
class Event:
    """One entry of the append-only history: what was done, when, and by whom."""

    kind: str
    payload: dict
    at: datetime = field(default_factory=utc_now)
    participant_id: str | None = None
    seq: int | None = None  # assigned by the store
