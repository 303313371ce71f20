"""MapRepository: reads and writes one .debatemap file, one transaction per user action."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Container, Iterable, Iterator

from sqlalchemy import Connection, bindparam, delete, func, insert, literal_column, select, update

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import Document, Edge, Event, Excerpt, Node, Participant
from debatemap.store import rows
from debatemap.store.mapfile import (
    MapFileError,
    _reason,
    check_readable,
    connect_engine,
    connect_memory_copy,
    create_file,
    migrate,
    read_header,
)
from debatemap.store.migrations import SCHEMA_VERSION
from debatemap.store.tables import (
    CandidateRow,
    DocumentRow,
    EdgeRow,
    EventRow,
    ExcerptRow,
    MetaRow,
    NodeRow,
    ParagraphRow,
    ParticipantRow,
)

NODE = NodeRow.__table__
EDGE = EdgeRow.__table__
DOCUMENT = DocumentRow.__table__
CANDIDATE = CandidateRow.__table__
EXCERPT = ExcerptRow.__table__
PARTICIPANT = ParticipantRow.__table__
EVENT = EventRow.__table__
META = MetaRow.__table__
PARAGRAPH = ParagraphRow.__table__


class Writer:
    """The writes of one action, all inside its transaction (see ``MapRepository.action``)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def insert_nodes(self, nodes: Iterable[Node]) -> None:
        self._insert(NODE, [rows.node_to_row(n) for n in nodes])

    def insert_edges(self, edges: Iterable[Edge], edge_ids: Container[str]) -> None:
        self._insert(EDGE, [rows.edge_to_row(e, edge_ids) for e in edges])

    def insert_documents(self, documents: Iterable[Document]) -> None:
        self._insert(DOCUMENT, [rows.document_to_row(d) for d in documents])

    def insert_candidates(self, document_id: str, spans: Iterable[tuple[int, int]]) -> None:
        self._insert(CANDIDATE, [
            {"document_id": document_id, "start": start, "end": end} for start, end in spans
        ])

    def insert_paragraphs(self, document_id: str, spans: Iterable[tuple[int, int, str]]) -> None:
        self._insert(PARAGRAPH, [
            {"document_id": document_id, "start": start, "end": end, "kind": kind}
            for start, end, kind in spans
        ])

    def delete_documents(self, ids: Iterable[str]) -> None:
        self._delete(DOCUMENT, ids)  # candidates and paragraphs go with them (ON DELETE CASCADE)

    def replace_document(self, document: Document) -> None:
        """Write a document's new text and fields; its paragraphs and candidates are dropped
        (insert the new ones after this)."""
        row = rows.document_to_row(document)
        self.connection.execute(
            update(DOCUMENT).where(DOCUMENT.c.id == document.id).values(
                **{k: v for k, v in row.items() if k != "id"}
            )
        )
        for table in (CANDIDATE, PARAGRAPH):
            self.connection.execute(delete(table).where(table.c.document_id == document.id))

    def update_excerpts(self, excerpts: Iterable[Excerpt]) -> None:
        values = [{**rows.excerpt_to_row(x), "excerpt_id": x.id} for x in excerpts]
        if values:
            statement = update(EXCERPT).where(EXCERPT.c.id == bindparam("excerpt_id"))
            self.connection.execute(statement, values)

    def insert_excerpts(self, excerpts: Iterable[Excerpt]) -> None:
        self._insert(EXCERPT, [rows.excerpt_to_row(x) for x in excerpts])

    def insert_participants(self, participants: Iterable[Participant]) -> None:
        self._insert(PARTICIPANT, [rows.participant_to_row(p) for p in participants])

    def update_nodes(self, nodes: Iterable[Node]) -> None:
        values = [{**rows.node_to_row(n), "node_id": n.id} for n in nodes]
        if values:
            statement = update(NODE).where(NODE.c.id == bindparam("node_id"))
            self.connection.execute(statement, values)

    def update_edge_types(self, types: dict[str, str]) -> None:
        values = [{"edge_id": edge_id, "type": str(t)} for edge_id, t in types.items()]
        if values:
            statement = update(EDGE).where(EDGE.c.id == bindparam("edge_id"))
            self.connection.execute(statement.values(type=bindparam("type")), values)

    def delete_nodes(self, ids: Iterable[str]) -> None:
        self._delete(NODE, ids)

    def delete_edges(self, ids: Iterable[str]) -> None:
        self._delete(EDGE, ids)

    def delete_excerpts(self, ids: Iterable[str]) -> None:
        self._delete(EXCERPT, ids)

    def set_meta(self, key: str, value: str) -> None:
        self.connection.exec_driver_sql(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _insert(self, table, values: list[dict[str, Any]]) -> None:
        if values:
            self.connection.execute(insert(table), values)  # executemany

    def _delete(self, table, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
            chunk = ids[start : start + 500]
            self.connection.execute(delete(table).where(table.c.id.in_(chunk)))


class MapRepository:
    """An open .debatemap file. Read-only repositories never change a byte of the file."""

    def __init__(self, path: Path, *, readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        header = read_header(path)
        self.engine = connect_engine(path, readonly=readonly)
        try:
            check_readable(path, self.engine)
            if header.schema_version < SCHEMA_VERSION:
                if readonly:  # upgrade a copy in memory; the file stays as it is
                    self.engine.dispose()
                    self.engine = connect_memory_copy(path)
                migrate(self.engine, path)
        except BaseException:
            self.engine.dispose()
            raise

    @classmethod
    def create(cls, path: Path | str, title: str | None = None) -> "MapRepository":
        path = Path(path)
        create_file(path, title if title is not None else path.stem)
        return cls(path, readonly=False)

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False) -> "MapRepository":
        return cls(Path(path), readonly=readonly)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "MapRepository":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    @contextmanager
    def action(
        self, kind: str, payload: dict | None = None, participant_id: str | None = None
    ) -> Iterator[Writer]:
        """One user action: one transaction and one history event; all of it or nothing."""
        if self.readonly:
            raise MapFileError(self.path, "opened read-only")
        try:
            with self.engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                yield Writer(connection)
                event = Event(kind=kind, payload=payload or {}, participant_id=participant_id)
                connection.execute(insert(EVENT), [rows.event_to_row(event)])
        except MapFileError:
            raise
        except Exception as error:
            if type(error).__module__.startswith(("sqlalchemy", "sqlite3")):
                raise MapFileError(self.path, f"could not save: {_reason(error)}") from error
            raise

    # ---- reading -------------------------------------------------------------------------

    def load(self) -> ArgumentMap:
        try:
            return self._load()
        except (ValueError, TypeError, KeyError) as error:  # undecodable JSON, dates...
            raise MapFileError(self.path, f"damaged ({type(error).__name__}: {error})") from None

    def _load(self) -> ArgumentMap:
        with self.engine.connect() as connection:
            fetch = lambda table: connection.execute(select(table)).mappings().all()  # noqa: E731
            return ArgumentMap.from_parts(
                title=self._meta(connection, "title") or self.path.stem,
                participants=[rows.row_to_participant(r) for r in fetch(PARTICIPANT)],
                documents=[rows.row_to_document(r) for r in fetch(DOCUMENT)],
                excerpts=[rows.row_to_excerpt(r) for r in fetch(EXCERPT)],
                nodes=[rows.row_to_node(r) for r in fetch(NODE)],
                edges=[rows.row_to_edge(r) for r in fetch(EDGE)],
            )

    def title(self) -> str:
        with self.engine.connect() as connection:
            return self._meta(connection, "title") or self.path.stem

    def candidate_counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            statement = select(CANDIDATE.c.document_id, func.count()).group_by(
                CANDIDATE.c.document_id
            )
            return {document_id: count for document_id, count in connection.execute(statement)}

    def candidates(self, document_id: str | None = None) -> list[tuple[str, int, int]]:
        """(document id, start, end) of every candidate, in document order."""
        statement = select(CANDIDATE.c.document_id, CANDIDATE.c.start, CANDIDATE.c.end).join(
            DOCUMENT, DOCUMENT.c.id == CANDIDATE.c.document_id
        )
        if document_id is not None:
            statement = statement.where(CANDIDATE.c.document_id == document_id)
        # documents in the order they were imported, candidates in text order
        statement = statement.order_by(literal_column("document.rowid"), CANDIDATE.c.start)
        with self.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(statement)]

    def paragraphs(self, document_id: str) -> list[tuple[int, int, str]]:
        statement = (
            select(PARAGRAPH.c.start, PARAGRAPH.c.end, PARAGRAPH.c.kind)
            .where(PARAGRAPH.c.document_id == document_id)
            .order_by(PARAGRAPH.c.start)
        )
        with self.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(statement)]

    def events(self) -> list[Event]:
        with self.engine.connect() as connection:
            result = connection.execute(select(EVENT).order_by(EVENT.c.seq)).mappings()
            return [rows.row_to_event(r) for r in result]

    def sqlite_problems(self) -> list[str]:
        """What SQLite itself finds wrong: page damage and dangling foreign keys."""
        with self.engine.connect() as connection:
            integrity = [r[0] for r in connection.exec_driver_sql("PRAGMA integrity_check")]
            found = [] if integrity == ["ok"] else [f"sqlite: {line}" for line in integrity]
            for table, rowid, parent, _ in connection.exec_driver_sql("PRAGMA foreign_key_check"):
                key = "seq" if table == "event" else "id"
                name = connection.exec_driver_sql(
                    f"SELECT {key} FROM {table} WHERE rowid = ?", (rowid,)
                ).scalar()
                found.append(f"{table} {name}: refers to a missing {parent}")
        return found

    @staticmethod
    def _meta(connection: Connection, key: str) -> str | None:
        return connection.execute(select(META.c.value).where(META.c.key == key)).scalar()
