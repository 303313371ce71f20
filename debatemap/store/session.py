"""MapSession: one open map, its model in memory and its file on disk, changed together.

Every method is one user action: it validates against the model, writes one transaction, and
only then is the model changed (or it is put back when the write fails). The GUI's undo commands
and the command line both go through here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from debatemap.core.argmap import ArgumentMap, excerpt_of
from debatemap.core.changes import Change
from debatemap.core.collector import collector_paused
from debatemap.core.errors import DomainError, InvalidValueError, MissingItemError
from debatemap.core.ids import new_id
from debatemap.core.model import Document, Edge, EdgeType, Excerpt, Node, NodeKind
from debatemap.core.replay import History, MapState
from debatemap.core.workshop import NodeTraces, Workshop
from debatemap.store.imports import DocumentImport
from debatemap.store.mapfile import MapFileError
from debatemap.store.removal import Removal
from debatemap.store.repository import MapRepository, Writer
from debatemap.store.workshop_actions import WorkshopActions

__all__ = ["MapSession", "Removal"]


class MapSession(WorkshopActions):
    """One open map: ``map`` (an ArgumentMap) and ``workshop`` (its Workshop) in memory, the
    file through ``repository``. Each action also records, in its event, what it changed
    (core.changes) and who acted (``speaker_id``), so ``state_at`` can replay the history."""

    def __init__(self, repository: MapRepository, *, strict: bool = True) -> None:
        """``strict=False`` loads even values no version of Debatemap writes (for ``check``)."""
        self.repository = repository
        self.map: ArgumentMap = repository.load()
        self.workshop: Workshop = repository.load_workshop(self.map)
        self._speaker_id: str | None = None
        self._history: History | None = None
        self._history_texts: dict[str, str] = {}
        if strict:
            self._refuse_unknown_values()
        if not repository.readonly and repository.baseline() is None:
            repository.write_baseline(MapState.of(self.map, self.workshop).as_change())

    @classmethod
    def open(
        cls, path: Path | str, *, readonly: bool = False, strict: bool = True
    ) -> "MapSession":
        repository = MapRepository.open(path, readonly=readonly)
        try:
            return cls(repository, strict=strict)
        except BaseException:
            repository.close()
            raise

    @classmethod
    def create(cls, path: Path | str, title: str | None = None) -> "MapSession":
        return cls(MapRepository.create(path, title))

    @classmethod
    def create_from(cls, path: Path | str, amap: ArgumentMap) -> "MapSession":
        """A new map file holding a whole map read from elsewhere (a conversion), written as
        one import and one addition; a failure leaves no file behind."""
        session = cls.create(path, amap.title or None)
        try:
            if amap.participants:
                session.add_participants(amap.participants.values())
            if amap.documents:
                session.import_documents([DocumentImport(d) for d in amap.documents.values()])
            session.add_items(amap.nodes.values(), amap.edges.values(), amap.excerpts.values(),
                              action="convert")
        except BaseException:
            session.close()
            for leftover in (session.path, *(Path(f"{session.path}{s}") for s in ("-wal", "-shm"))):
                if leftover.exists():
                    leftover.unlink()
            raise
        return session

    @property
    def path(self) -> Path:
        return self.repository.path

    def close(self) -> None:
        self.repository.close()

    def __enter__(self) -> "MapSession":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _refuse_unknown_values(self) -> None:
        unknown = next(
            (f"node {n.id} has the unknown kind {n.kind!r}" for n in self.map.nodes.values()
             if not isinstance(n.kind, NodeKind)),
            None,
        ) or next(
            (f"link {e.id} has the unknown type {e.type!r}" for e in self.map.edges.values()
             if not isinstance(e.type, EdgeType)),
            None,
        )
        if unknown:
            raise MapFileError(
                self.path, f"damaged or foreign content: {unknown} (`debatemap check` lists all)"
            )

    # ---- who acts, and the history -------------------------------------------------------

    @property
    def speaker_id(self) -> str | None:
        """The participant recorded as acting in every event from now on (None: nobody)."""
        return self._speaker_id

    def set_speaker(self, participant_id: str | None) -> None:
        if participant_id is not None:
            self.workshop.participant(participant_id)
        self._speaker_id = participant_id

    def _action(self, kind: str, change: Change):
        """One action (see MapRepository.action) recording ``change`` and the speaker."""
        return self.repository.action(kind, change, participant_id=self._speaker_id)

    def history(self) -> History:
        """The map's events and the states they rebuild (read incrementally, kept)."""
        texts = {d.id: d.text for d in self.map.documents.values()}
        if self._history is None or texts != self._history_texts:
            baseline = self.repository.baseline()
            change, after = (baseline[1], baseline[0]) if baseline else (None, 0)
            self._history = History(self.repository.events(), change, after, texts)
            self._history_texts = texts
        else:
            newest = self._history.events[-1].seq if self._history.events else 0
            self._history.extend(self.repository.events(after_seq=newest or 0))
        return self._history

    def event_count(self) -> int:
        """How many events the history holds (without reading them)."""
        return self.repository.event_count()

    def state_at(self, k: int) -> MapState:
        """The map and workshop as they were after the first ``k`` events (k = event_count():
        now). Raises ReplayUnavailableError for points the history cannot rebuild."""
        history = self.history()
        if k == history.count and not history.can_replay(k):
            return MapState.of(self.map, self.workshop)
        return history.state_at(k)

    # ---- actions -------------------------------------------------------------------------

    def set_title(self, title: str) -> str:
        """Rename the map; returns the old title."""
        title = title.strip()
        if not title:
            raise InvalidValueError("a map's title cannot be empty")
        before = self.map.title
        with self._action("set_title", Change(meta={"title": title})) as writer:
            writer.set_meta("title", title)
        self.map.title = title
        return before

    def new_node(
        self,
        text: str,
        kind: NodeKind | str = NodeKind.CLAIM,
        *,
        x: float = 0.0,
        y: float = 0.0,
        source: tuple[str, int, int] | None = None,
        author_id: str | None = None,
    ) -> tuple[Node, Excerpt | None]:
        """A node (and its excerpt, when ``source`` is (document id, start, end)) not yet added."""
        excerpt = None
        if source is not None:
            document_id, start, end = source
            document = self.map.documents.get(document_id)
            if document is None:
                raise MissingItemError(f"no document {document_id!r} in this map")
            excerpt = excerpt_of(document, start, end, new_id("x"))
        node = Node(
            id=new_id("n"),
            text=text.strip(),
            kind=kind,
            x=x,
            y=y,
            excerpt_id=excerpt.id if excerpt else None,
            author_id=author_id,
        )
        return node, excerpt

    def add_node(self, text: str, kind: NodeKind | str = NodeKind.CLAIM, **kwargs) -> Node:
        node, excerpt = self.new_node(text, kind, **kwargs)
        self.add_items([node], excerpts=[excerpt] if excerpt else [], action="add_node")
        return self.map.nodes[node.id]

    def add_edge(self, source: str, target: str, edge_type: EdgeType | str) -> Edge:
        edge = Edge(id=new_id("e"), type=edge_type, source=source, target=target)
        self.add_items(edges=[edge], action="add_edge")
        return edge

    def add_items(
        self,
        nodes: Iterable[Node] = (),
        edges: Iterable[Edge] = (),
        excerpts: Iterable[Excerpt] = (),
        *,
        action: str = "add",
    ) -> None:
        """Add many items as one action; all or nothing."""
        self._add(Removal(list(nodes), list(edges), list(excerpts)), action)

    def restore(self, removal: Removal) -> None:
        """Put back what ``remove_items`` took, votes and agenda items included."""
        self._add(removal, "restore")

    def _add(self, items: Removal, action: str, change: Change | None = None,
             also=None) -> None:
        """Add ``items`` in one action; ``change`` and ``also(writer)`` add to the same action."""
        self._apply_to_model(items)
        try:
            with self._action(action, self._addition(items, change)) as writer:
                self._write_addition(writer, items)
                if also is not None:
                    also(writer)
        except BaseException:
            self._take_from_model(items)
            raise

    def _addition(self, items: Removal, change: Change | None = None) -> Change:
        change = change or Change()
        put = {"excerpts": items.excerpts, "nodes": items.nodes, "edges": items.edges,
               "votes": items.votes,
               "agenda": [self.workshop.agenda_item(a.id) for a in items.agenda]}
        change.put.update({k: v for k, v in put.items() if v})
        if items.agenda:
            change.order["agenda"] = [a.id for a in self.workshop.agenda]
        return change

    def _write_addition(self, writer: Writer, items: Removal) -> None:
        writer.insert_excerpts(items.excerpts)
        writer.insert_nodes(items.nodes)
        writer.insert_edges(items.edges, self.map.edges)
        writer.put_votes(items.votes)
        if items.agenda:
            writer.replace_agenda(self.workshop.agenda)

    def update_nodes(self, changes: dict[str, dict], *, action: str = "update_nodes") -> list[Node]:
        """Change fields of several nodes in one action; returns the nodes as they were.
        Only the fields that changed are written, to the rows as to the event."""
        with collector_paused():
            before = self.map.update_nodes(changes)
            try:
                patch = _changes_made(before, self.map.nodes, changes)
                with self._action(action, Change(patch={"nodes": patch})) as writer:
                    writer.patch_nodes(patch)
            except BaseException:
                for node in before:
                    self.map.nodes[node.id] = node
                raise
        return before

    def update_node(self, node_id: str, **fields) -> Node:
        return self.update_nodes({node_id: fields}, action="update_node")[0]

    def set_edge_types(self, types: dict[str, EdgeType | str]) -> dict[str, EdgeType]:
        """Change the type of some links as one action; returns their old types."""
        before: dict[str, EdgeType] = {}
        try:
            for edge_id, edge_type in types.items():
                before[edge_id] = self.map.set_edge_type(edge_id, edge_type)
            patch = {i: {"type": self.map.edges[i].type} for i in types}
            with self._action("set_edge_type", Change(patch={"edges": patch})) as writer:
                writer.update_edge_types({i: self.map.edges[i].type for i in types})
        except BaseException:
            for edge_id, old in reversed(before.items()):
                self.map.set_edge_type(edge_id, old)
            raise
        return before

    def put_nodes(self, nodes: Iterable[Node], *, action: str = "update_nodes") -> None:
        """Write whole node values back (how an update is undone)."""
        self.update_nodes({n.id: _fields_of(n) for n in nodes}, action=action)

    def remove_items(self, node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()) -> Removal:
        """Remove nodes and edges with every edge that depends on them, and the nodes' votes
        and agenda items, as one action."""
        removal = self._removal(node_ids, edge_ids)
        self._remove(removal, "remove")
        return removal

    def _removal(self, node_ids: Iterable[str], edge_ids: Iterable[str]) -> Removal:
        """What removing these nodes and edges takes away (nothing is changed)."""
        node_ids = list(dict.fromkeys(node_ids))
        edge_ids = list(dict.fromkeys(edge_ids))
        removal = Removal(
            nodes=[self.map.node(i) for i in node_ids],
            edges=[self.map.edge(i) for i in edge_ids],
        )
        for edge in self.map.dependents(node_ids, edge_ids):
            if edge.id not in edge_ids:
                removal.edges.append(edge)
        leaving = set(node_ids)
        kept_excerpts = {n.excerpt_id for n in self.map.nodes.values() if n.id not in leaving}
        removal.excerpts = [
            self.map.excerpts[n.excerpt_id]
            for n in removal.nodes
            if n.excerpt_id and n.excerpt_id not in kept_excerpts
        ]
        traces = self.workshop.traces_of(node_ids)
        removal.votes, removal.agenda = traces.votes, traces.agenda
        return removal

    def _remove(self, removal: Removal, action: str, change: Change | None = None,
                also=None) -> None:
        """Take ``removal`` away in one action; ``change`` and ``also(writer)`` add to it."""
        self._take_from_model(removal)
        change = change or Change()
        gone = {"edges": [e.id for e in removal.edges], "nodes": [n.id for n in removal.nodes],
                "excerpts": [x.id for x in removal.excerpts],
                "votes": [v.id for v in removal.votes], "agenda": [a.id for a in removal.agenda]}
        change.remove.update({k: v for k, v in gone.items() if v})
        if removal.agenda:
            change.order["agenda"] = [a.id for a in self.workshop.agenda]
        try:
            with self._action(action, change) as writer:
                writer.delete_edges([e.id for e in reversed(removal.edges)])
                writer.delete_nodes([n.id for n in removal.nodes])  # their votes go with them
                writer.delete_excerpts([x.id for x in removal.excerpts])
                if removal.agenda:
                    writer.replace_agenda(self.workshop.agenda)
                if also is not None:
                    also(writer)
        except BaseException:
            self._apply_to_model(removal)
            raise

    def import_documents(self, imports: list[DocumentImport]) -> None:
        """Add documents with their paragraphs and candidates as one action; all or nothing."""
        added: list[str] = []
        try:
            for item in imports:
                self.map.add_document(item.document)
                added.append(item.document.id)
            change = Change(put={"documents": [item.document for item in imports]})
            with self._action("import", change) as writer:
                writer.insert_documents([item.document for item in imports])
                for item in imports:
                    writer.insert_paragraphs(item.document.id, item.paragraphs)
                    writer.insert_candidates(item.document.id, item.candidates)
        except BaseException:
            for document_id in added:
                del self.map.documents[document_id]
            raise

    def remove_documents(self, document_ids: Iterable[str]) -> list[DocumentImport]:
        """Remove documents no claim cites (how an import is undone); returns them whole."""
        document_ids = list(dict.fromkeys(document_ids))
        removed = []
        for document_id in document_ids:
            document = self.map.documents.get(document_id)
            if document is None:
                raise MissingItemError(f"no document {document_id!r} in this map")
            cited = [x for x in self.map.excerpts.values() if x.document_id == document_id]
            if cited:
                raise DomainError(
                    f"{document.title!r} is the source of {len(cited)} excerpt(s) on the map;"
                    " remove those claims first"
                )
            removed.append(DocumentImport(
                document,
                self.repository.paragraphs(document_id),
                [(start, end) for _, start, end in self.repository.candidates(document_id)],
            ))
        change = Change(remove={"documents": document_ids})
        with self._action("remove_documents", change) as writer:
            writer.delete_documents(document_ids)
        for document_id in document_ids:
            del self.map.documents[document_id]
        return removed

    def replace_document(
        self, new: DocumentImport, excerpts: Iterable[Excerpt]
    ) -> tuple[DocumentImport, list[Excerpt]]:
        """Put a new version of a document (same id) in place with its paragraphs and
        candidates, and the given (re-anchored) excerpts of it, as one action.

        Returns the document and excerpts as they were, so that calling this again with them
        undoes it exactly."""
        document_id = new.document.id
        old_document = self.map.documents.get(document_id)
        if old_document is None:
            raise MissingItemError(f"no document {document_id!r} in this map")
        excerpts = list(excerpts)
        foreign = [x.id for x in excerpts if x.document_id != document_id]
        if foreign:
            raise InvalidValueError(f"excerpts {foreign} are not of document {document_id!r}")
        old = DocumentImport(
            old_document,
            self.repository.paragraphs(document_id),
            [(start, end) for _, start, end in self.repository.candidates(document_id)],
        )
        old_excerpts = [self.map.excerpts[x.id] for x in excerpts]
        try:
            self.map.documents[document_id] = new.document
            for excerpt in excerpts:
                self.map.validate_excerpt(excerpt)
            change = Change(put={"documents": [new.document], "excerpts": excerpts})
            with self._action("reimport", change) as writer:
                writer.replace_document(new.document)
                writer.insert_paragraphs(document_id, new.paragraphs)
                writer.insert_candidates(document_id, new.candidates)
                writer.update_excerpts(excerpts)
        except BaseException:
            self.map.documents[document_id] = old_document
            raise
        for excerpt in excerpts:
            self.map.excerpts[excerpt.id] = excerpt
        return old, old_excerpts

    def find_document_by_origin(self, origin: str) -> Document | None:
        return next((d for d in self.map.documents.values() if origin and d.origin == origin), None)

    def find_document_by_content(self, sha256: str) -> Document | None:
        return next((d for d in self.map.documents.values() if sha256 and d.sha256 == sha256), None)

    # ---- model bookkeeping ---------------------------------------------------------------

    def _apply_to_model(self, items: Removal) -> None:
        done = Removal()
        try:
            for excerpt in items.excerpts:
                self.map.add_excerpt(excerpt)
                done.excerpts.append(excerpt)
            for node in items.nodes:
                self.map.add_node(node)
                done.nodes.append(node)
            for edge in _dependency_order(items.edges):
                self.map.add_edge(edge)
                done.edges.append(edge)
            self.workshop.reattach(NodeTraces(items.votes, items.agenda))
        except BaseException:
            self._take_from_model(done)
            raise

    def _take_from_model(self, items: Removal) -> None:
        self.workshop.detach_nodes([n.id for n in items.nodes])
        for edge in reversed(_dependency_order(items.edges)):
            if edge.id in self.map.edges:
                self.map.remove_edge(edge.id)
        for node in items.nodes:
            self.map.nodes.pop(node.id, None)
        for excerpt in items.excerpts:
            self.map.excerpts.pop(excerpt.id, None)


def _dependency_order(edges: list[Edge]) -> list[Edge]:
    """Edges ordered so that an undercut comes after the edge it attacks."""
    by_id = {e.id: e for e in edges}
    ordered: list[Edge] = []
    placed: set[str] = set()

    def place(edge: Edge, depth: int = 0) -> None:
        if edge.id in placed:
            return
        if edge.target in by_id and depth < len(edges):
            place(by_id[edge.target], depth + 1)
        placed.add(edge.id)
        ordered.append(edge)

    for edge in edges:
        place(edge)
    return ordered


def _changes_made(before: list[Node], nodes: dict[str, Node], asked: dict[str, dict]) -> dict:
    """{node id: {field: new value}} for the fields ``ArgumentMap.update_nodes`` changed (in
    the node's field order): only those asked for can change, and the title, which it
    tidies. Comparing every field of 10,000 moved nodes took 25 ms."""
    patch: dict[str, dict] = {}
    compared: dict[tuple[str, ...], tuple[str, ...]] = {}
    for old, fields in zip(before, asked.values()):
        keys = tuple(fields)
        names = compared.get(keys)
        if names is None:
            names = compared[keys] = tuple(n for n in _NODE_FIELDS if n in keys or n == "title")
        new = nodes[old.id]
        patch[old.id] = {n: getattr(new, n) for n in names if getattr(new, n) != getattr(old, n)}
    return patch


_NODE_FIELDS = tuple(name for name in Node.__slots__ if name != "id")


def _fields_of(node: Node) -> dict:
    return {name: getattr(node, name) for name in Node.__slots__ if name != "id"}
