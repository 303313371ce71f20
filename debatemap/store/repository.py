"""MapRepository: reads and writes one .debatemap file, one transaction per user action."""

from __future__ import annotations

import json
from contextlib import contextmanager
from operator import call
from pathlib import Path
from typing import Any, Container, Iterable, Iterator

from sqlalchemy import Connection, bindparam, delete, func, insert, literal_column, select, update

from debatemap.core.argmap import ArgumentMap
from debatemap.core.changes import Change
from debatemap.core.model import (
    AgendaItem,
    Document,
    Edge,
    Event,
    Excerpt,
    Node,
    ParkedItem,
    Participant,
    Vote,
)
from debatemap.core.workshop import DEFAULT_DOT_BUDGET, Workshop, WorkshopSettings
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
    AgendaItemRow,
    CandidateRow,
    DocumentRow,
    EdgeRow,
    EventRow,
    ExcerptRow,
    MetaRow,
    NodeRow,
    ParagraphRow,
    ParkedItemRow,
    ParticipantRow,
    VoteRow,
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
VOTE = VoteRow.__table__
AGENDA = AgendaItemRow.__table__
PARKED = ParkedItemRow.__table__
BASELINE_KEY = "replay_baseline"  # meta: where replayable history starts (core.replay)


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

    def insert_participants(self, participants: Iterable[Participant], first_ordinal: int = 0) -> None:
        self._insert(PARTICIPANT, [
            rows.participant_to_row(p, first_ordinal + i) for i, p in enumerate(participants)
        ])

    def update_participants(self, participants: Iterable[Participant]) -> None:
        """Write names and colours (the order is ``order_participants``'s)."""
        values = [{"participant_id": p.id, "name": p.name, "color": p.color} for p in participants]
        if values:
            statement = update(PARTICIPANT).where(PARTICIPANT.c.id == bindparam("participant_id"))
            self.connection.execute(
                statement.values(name=bindparam("name"), color=bindparam("color")), values
            )

    def order_participants(self, ids: Iterable[str]) -> None:
        """Write the participants' order: ordinal = position in ``ids``."""
        values = [{"participant_id": i, "ordinal": n} for n, i in enumerate(ids)]
        if values:
            statement = update(PARTICIPANT).where(PARTICIPANT.c.id == bindparam("participant_id"))
            self.connection.execute(statement.values(ordinal=bindparam("ordinal")), values)

    def delete_participants(self, ids: Iterable[str]) -> None:
        """Their votes go with them; their nodes and parked items keep no author (the schema's
        ON DELETE rules)."""
        self._delete(PARTICIPANT, ids)

    def put_votes(self, votes: Iterable[Vote]) -> None:
        """Insert votes, each replacing the row with its id or its (node, participant, kind)."""
        values = [rows.vote_to_row(v) for v in votes]
        if values:
            self.connection.execute(insert(VOTE).prefix_with("OR REPLACE"), values)

    def delete_votes(self, ids: Iterable[str]) -> None:
        self._delete(VOTE, ids)

    def replace_agenda(self, items: Iterable[AgendaItem]) -> None:
        """Write the whole agenda (a handful of rows) as it now is."""
        self.connection.execute(delete(AGENDA))
        self._insert(AGENDA, [rows.agenda_item_to_row(a) for a in items])

    def replace_parked(self, items: Iterable[ParkedItem]) -> None:
        """Write the whole parking lot as it now is."""
        self.connection.execute(delete(PARKED))
        self._insert(PARKED, [rows.parked_item_to_row(p) for p in items])

    def update_nodes(self, nodes: Iterable[Node]) -> None:
        values = [{**rows.node_to_row(n), "node_id": n.id} for n in nodes]
        if values:
            statement = update(NODE).where(NODE.c.id == bindparam("node_id"))
            self.connection.execute(statement, values)

    def patch_nodes(self, patch: dict[str, dict[str, Any]]) -> None:
        """Write only the given fields of each node ({node id: {field: value}}): one UPDATE
        per set of fields, run for all its nodes at once (a Re-layout All of 10,000 nodes
        writes x and y in 20 ms; whole rows took 200 ms)."""
        groups: dict[tuple[str, ...], tuple[list, list[tuple]]] = {}
        for node_id, fields in patch.items():
            if fields:
                names = tuple(fields)
                group = groups.get(names)
                if group is None:
                    group = groups[names] = ([rows.NODE_COLUMN_VALUES[n] for n in names], [])
                convert, params = group
                params.append((*map(call, convert, fields.values()), node_id))
        for names, (_, params) in groups.items():
            columns = ", ".join(f'"{name}" = ?' for name in names)
            self.connection.exec_driver_sql(f"UPDATE node SET {columns} WHERE id = ?", params)

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
        self, kind: str, change: Change | dict | None = None, participant_id: str | None = None
    ) -> Iterator[Writer]:
        """One user action: one transaction and one history event; all of it or nothing.

        ``change`` is what the action does, recorded in full so that it can be replayed
        (core.changes); a plain dict is stored as it is and ends the replayable history
        (only tests and tools write such events). ``participant_id``: who acted."""
        if self.readonly:
            raise MapFileError(self.path, "opened read-only")
        payload = change.to_payload() if isinstance(change, Change) else (change or {})
        try:
            with self.engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                yield Writer(connection)
                event = Event(kind=kind, payload=payload, participant_id=participant_id)
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
            participants = connection.execute(select(PARTICIPANT).order_by(
                PARTICIPANT.c.ordinal, literal_column("participant.rowid"))).mappings()
            return ArgumentMap.from_parts(
                title=self._meta(connection, "title") or self.path.stem,
                participants=[rows.row_to_participant(r) for r in participants],
                documents=[rows.row_to_document(r) for r in fetch(DOCUMENT)],
                excerpts=[rows.row_to_excerpt(r) for r in fetch(EXCERPT)],
                nodes=[rows.row_to_node(r) for r in fetch(NODE)],
                edges=[rows.row_to_edge(r) for r in fetch(EDGE)],
            )

    def load_workshop(self, amap: ArgumentMap) -> Workshop:
        """The workshop state of a loaded map: votes, agenda and parked items in order, and
        the settings (not validated again: ``Workshop.problems`` does that)."""
        try:
            with self.engine.connect() as connection:
                ordered = lambda table: connection.execute(  # noqa: E731
                    select(table).order_by(table.c.ordinal, literal_column(f"{table.name}.rowid"))
                ).mappings()
                votes = connection.execute(select(VOTE).order_by(literal_column("vote.rowid")))
                budget = self._meta(connection, "dot_budget")
                anonymous = self._meta(connection, "anonymous")
                return Workshop.from_parts(
                    amap,
                    votes=[rows.row_to_vote(r) for r in votes.mappings()],
                    agenda=[rows.row_to_agenda_item(r) for r in ordered(AGENDA)],
                    parked=[rows.row_to_parked_item(r) for r in ordered(PARKED)],
                    settings=WorkshopSettings(
                        dot_budget=int(budget) if budget is not None else DEFAULT_DOT_BUDGET,
                        anonymous=anonymous == "1",
                    ),
                )
        except (ValueError, TypeError, KeyError) as error:
            raise MapFileError(self.path, f"damaged ({type(error).__name__}: {error})") from None

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

    def events(self, after_seq: int = 0) -> list[Event]:
        """The history in order (only the events numbered above ``after_seq``)."""
        statement = select(EVENT).where(EVENT.c.seq > after_seq).order_by(EVENT.c.seq)
        with self.engine.connect() as connection:
            return [rows.row_to_event(r) for r in connection.execute(statement).mappings()]

    def event_count(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(EVENT)).scalar()

    def last_seq(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.max(EVENT.c.seq))).scalar() or 0

    def baseline(self) -> tuple[int, Change] | None:
        """Where the replayable history starts: (the event number it follows, the snapshot
        of the map then); None when this file has none yet (see ``write_baseline``)."""
        with self.engine.connect() as connection:
            stored = self._meta(connection, BASELINE_KEY)
        if stored is None:
            return None
        try:
            data = json.loads(stored)
            return int(data["after_seq"]), Change.from_payload(data["change"])
        except (ValueError, TypeError, KeyError) as error:
            raise MapFileError(self.path, f"damaged replay baseline ({error})") from None

    def write_baseline(self, change: Change) -> None:
        """Record a snapshot of the map as it is now as the start of replayable history (no
        event: it changes nothing). Written once per file: when it is made, or when a file of
        an older version, whose events hold only ids, is first opened for editing."""
        if self.readonly:
            raise MapFileError(self.path, "opened read-only")
        try:
            with self.engine.begin() as connection:
                after = connection.execute(select(func.max(EVENT.c.seq))).scalar() or 0
                value = json.dumps({"after_seq": after, "change": change.to_payload()},
                                   ensure_ascii=False)
                Writer(connection).set_meta(BASELINE_KEY, value)
        except Exception as error:
            if type(error).__module__.startswith(("sqlalchemy", "sqlite3")):
                raise MapFileError(self.path, f"could not save: {_reason(error)}") from error
            raise

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
