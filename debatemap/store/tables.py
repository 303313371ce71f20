"""SQLModel tables of the current schema; migrations.py builds the same tables step by step."""

from typing import Optional

from sqlmodel import Field, SQLModel


class MetaRow(SQLModel, table=True):
    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str


class DocumentRow(SQLModel, table=True):
    __tablename__ = "document"
    id: str = Field(primary_key=True)
    title: str
    format: str
    encoding: str
    origin: str = ""
    sha256: str = ""
    metadata_json: str = Field(default="{}", sa_column_kwargs={"name": "metadata"})
    text: str
    imported: str  # ISO 8601, UTC


class CandidateRow(SQLModel, table=True):
    __tablename__ = "candidate"
    id: Optional[int] = Field(default=None, primary_key=True)
    document_id: str = Field(foreign_key="document.id", ondelete="CASCADE", index=True)
    start: int
    end: int


class ParagraphRow(SQLModel, table=True):
    __tablename__ = "paragraph"
    id: Optional[int] = Field(default=None, primary_key=True)
    document_id: str = Field(foreign_key="document.id", ondelete="CASCADE", index=True)
    start: int
    end: int
    kind: str  # heading, paragraph, list_item, quote, table_row, metadata, noise


class ExcerptRow(SQLModel, table=True):
    __tablename__ = "excerpt"
    id: str = Field(primary_key=True)
    document_id: str = Field(foreign_key="document.id", ondelete="CASCADE", index=True)
    start: int
    end: int
    quote: str
    before: str = ""
    after: str = ""
    status: str = "ok"  # "ok" | "moved" | "lost" (after a re-import; migration 4)


class ParticipantRow(SQLModel, table=True):
    __tablename__ = "participant"
    id: str = Field(primary_key=True)
    name: str
    color: Optional[str] = None
    ordinal: int = 0  # place in the participants' order (migration 7)


class NodeRow(SQLModel, table=True):
    __tablename__ = "node"
    id: str = Field(primary_key=True)
    text: str
    kind: str
    x: float = 0.0
    y: float = 0.0
    pinned: bool = False
    tags: str = "[]"  # JSON list of strings
    color: Optional[str] = None
    excerpt_id: Optional[str] = Field(default=None, foreign_key="excerpt.id", ondelete="SET NULL")
    created: str
    author_id: Optional[str] = Field(
        default=None, foreign_key="participant.id", ondelete="SET NULL"
    )
    mark: Optional[str] = None  # "accept", "reject", "undecided" or NULL (computed)
    title: Optional[str] = None  # migration 6


class EdgeRow(SQLModel, table=True):
    """``target_node`` or ``target_edge`` is set, never both: undercuts may attack an edge."""

    __tablename__ = "edge"
    id: str = Field(primary_key=True)
    type: str
    source_node: str = Field(foreign_key="node.id", ondelete="CASCADE")
    target_node: Optional[str] = Field(default=None, foreign_key="node.id", ondelete="CASCADE")
    target_edge: Optional[str] = Field(default=None, foreign_key="edge.id", ondelete="CASCADE")
    created: str


class EventRow(SQLModel, table=True):
    __tablename__ = "event"
    seq: Optional[int] = Field(default=None, primary_key=True)
    at: str
    kind: str
    #: who acted; not a foreign key (migration 7), so that the history keeps it when that
    #: participant is removed (the removal's own event holds the participant's record)
    participant_id: Optional[str] = None
    payload: str = "{}"  # JSON: a core.changes.Change (older versions: ids only)


class VoteRow(SQLModel, table=True):
    """One participant's dots on a node (``kind`` "dot", value >= 1) or rating (-2..+2)."""

    __tablename__ = "vote"
    id: str = Field(primary_key=True)
    node_id: str = Field(foreign_key="node.id", ondelete="CASCADE")
    participant_id: str = Field(foreign_key="participant.id", ondelete="CASCADE")
    kind: str
    value: int
    created: str


class AgendaItemRow(SQLModel, table=True):
    __tablename__ = "agenda_item"
    id: str = Field(primary_key=True)
    node_id: str = Field(foreign_key="node.id", ondelete="CASCADE")
    ordinal: int
    timebox: int = 600  # seconds
    done: bool = False
    spent: float = 0.0  # seconds the item's timer has run


class ParkedItemRow(SQLModel, table=True):
    __tablename__ = "parked_item"
    id: str = Field(primary_key=True)
    text: str
    kind: str = "idea"
    author_id: Optional[str] = Field(
        default=None, foreign_key="participant.id", ondelete="SET NULL"
    )
    ordinal: int
    created: str
