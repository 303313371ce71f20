"""ArgumentMap: one map's nodes, edges, documents and excerpts, and the invariants that bind them."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from operator import attrgetter
from typing import Iterable

from debatemap.core.errors import (
    DomainError,
    DuplicateEdgeError,
    InvalidEdgeError,
    InvalidValueError,
    MissingItemError,
    SelfLinkError,
)
from debatemap.core.model import (
    INFERENCE_EDGE_TYPES,
    NODE_MARKS,
    SYMMETRIC_EDGE_TYPES,
    Document,
    Edge,
    EdgeType,
    Excerpt,
    Node,
    NodeKind,
    Participant,
)

_NODE_FIELDS = frozenset(Node.__slots__) - {"id"}
#: a node's field values in the order ``Node(...)`` takes them
_node_values = attrgetter(*(f.name for f in fields(Node)))


class ArgumentMap:
    """The in-memory map. Every mutation validates first and changes nothing when it fails."""

    def __init__(self, title: str = "") -> None:
        self.title = title
        self.nodes: dict[str, Node] = {}
        self.edges: dict[str, Edge] = {}
        self.documents: dict[str, Document] = {}
        self.excerpts: dict[str, Excerpt] = {}
        self.participants: dict[str, Participant] = {}
        self._edge_keys: dict[tuple[str, str, str], str] = {}  # (type, source, target) -> edge id

    @classmethod
    def from_parts(
        cls,
        title: str,
        nodes: Iterable[Node] = (),
        edges: Iterable[Edge] = (),
        documents: Iterable[Document] = (),
        excerpts: Iterable[Excerpt] = (),
        participants: Iterable[Participant] = (),
    ) -> "ArgumentMap":
        """A map from stored parts, without re-validating them (``problems()`` does that)."""
        amap = cls(title)
        amap.participants = {p.id: p for p in participants}
        amap.documents = {d.id: d for d in documents}
        amap.excerpts = {x.id: x for x in excerpts}
        amap.nodes = {n.id: n for n in nodes}
        amap.edges = {e.id: e for e in edges}
        amap._edge_keys = {_edge_key(e): e.id for e in amap.edges.values()}
        return amap

    # ---- lookups -------------------------------------------------------------------------

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise MissingItemError(f"no node {node_id!r} in this map") from None

    def edge(self, edge_id: str) -> Edge:
        try:
            return self.edges[edge_id]
        except KeyError:
            raise MissingItemError(f"no edge {edge_id!r} in this map") from None

    def edges_of(self, item_id: str) -> list[Edge]:
        """Edges that start or end at a node, or that undercut an edge."""
        return [e for e in self.edges.values() if e.source == item_id or e.target == item_id]

    def dependents(self, node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()) -> list[Edge]:
        """Every edge that must go when these nodes and edges go, undercuts of undercuts included."""
        gone = set(node_ids) | set(edge_ids)
        result: list[Edge] = []
        changed = True
        while changed:
            changed = False
            for edge in self.edges.values():
                if edge.id not in gone and (edge.source in gone or edge.target in gone):
                    gone.add(edge.id)
                    result.append(edge)
                    changed = True
        return result

    # ---- validation ----------------------------------------------------------------------

    def validate_node(self, node: Node, *, is_new: bool = True) -> None:
        if is_new and (node.id in self.nodes or node.id in self.edges):
            raise InvalidValueError(f"the id {node.id!r} is already in use")
        if not node.text or not node.text.strip():
            raise InvalidValueError("a node's text cannot be empty")
        if node.title is not None:
            clean_title(node.title)
        try:
            NodeKind(node.kind)
        except ValueError:
            kinds = ", ".join(k.value for k in NodeKind)
            raise InvalidValueError(f"unknown kind {node.kind!r} (one of: {kinds})") from None
        if node.mark is not None and node.mark not in NODE_MARKS:
            marks = ", ".join(NODE_MARKS)
            raise InvalidValueError(f"unknown mark {node.mark!r} (one of: {marks}, or none)")
        if node.excerpt_id is not None and node.excerpt_id not in self.excerpts:
            raise MissingItemError(f"no excerpt {node.excerpt_id!r} in this map")
        if node.author_id is not None and node.author_id not in self.participants:
            raise MissingItemError(f"no participant {node.author_id!r} in this map")
        current = None if is_new else self.nodes.get(node.id)
        # only an argument can have premises or a conclusion (add_edge sees to it), so only a
        # node that stops being one needs the look at every edge: moves of 10,000 nodes made
        # that look 10,000 times (37 s for Re-layout All)
        if current is not None and current.kind == NodeKind.ARGUMENT and node.kind != NodeKind.ARGUMENT:
            for edge in self.edges.values():
                if (edge.type == EdgeType.PREMISE and edge.target == node.id) or (
                    edge.type == EdgeType.CONCLUSION and edge.source == node.id
                ):
                    raise InvalidEdgeError(
                        f"{node.id} has premises or a conclusion, so it must stay an argument"
                    )

    def validate_edge(self, edge: Edge) -> None:
        if edge.id in self.edges or edge.id in self.nodes:
            raise InvalidValueError(f"the id {edge.id!r} is already in use")
        try:
            edge_type = EdgeType(edge.type)
        except ValueError:
            types = ", ".join(t.value for t in EdgeType)
            raise InvalidValueError(f"unknown link type {edge.type!r} (one of: {types})") from None
        if edge.source == edge.target:
            raise SelfLinkError(f"cannot link {edge.source} to itself")
        source = self.node(edge.source)
        if edge_type == EdgeType.UNDERCUT:
            self._validate_undercut_target(edge)
        else:
            target = self.node(edge.target)
            if edge_type == EdgeType.PREMISE and target.kind != NodeKind.ARGUMENT:
                raise InvalidEdgeError(
                    f"a premise must point at an argument node, and {target.id} is a {target.kind}"
                )
            if edge_type == EdgeType.CONCLUSION and source.kind != NodeKind.ARGUMENT:
                raise InvalidEdgeError(
                    f"a conclusion must come from an argument node, and {source.id} is a {source.kind}"
                )
        duplicate = self._edge_keys.get(_edge_key(edge))
        if duplicate is None and edge_type in SYMMETRIC_EDGE_TYPES:
            duplicate = self._edge_keys.get((edge_type, edge.target, edge.source))
        if duplicate is not None:
            other = self.edges[duplicate]
            raise DuplicateEdgeError(
                f"there is already {_article(edge_type)} {edge_type} link from {other.source} to"
                f" {other.target}"
                f" ({other.id})"
            )

    def _validate_undercut_target(self, edge: Edge) -> None:
        if edge.target in self.edges:
            attacked = self.edges[edge.target]
            if attacked.type not in INFERENCE_EDGE_TYPES:
                raise InvalidEdgeError(
                    f"an undercut attacks an inference; {attacked.id} is a {attacked.type} link"
                )
            if attacked.source == edge.source:
                raise SelfLinkError(f"{edge.source} cannot undercut its own link {attacked.id}")
        elif edge.target in self.nodes:
            if self.nodes[edge.target].kind != NodeKind.ARGUMENT:
                raise InvalidEdgeError(
                    f"an undercut attacks a link or an argument node; {edge.target} is a"
                    f" {self.nodes[edge.target].kind} (use an attack)"
                )
        else:
            raise MissingItemError(f"no node or edge {edge.target!r} in this map")

    def validate_excerpt(self, excerpt: Excerpt) -> None:
        document = self.documents.get(excerpt.document_id)
        if document is None:
            raise MissingItemError(f"no document {excerpt.document_id!r} in this map")
        if not 0 <= excerpt.start < excerpt.end <= len(document.text):
            raise InvalidValueError(
                f"offsets {excerpt.start}:{excerpt.end} are not a passage of {document.id}"
                f" ({len(document.text)} characters)"
            )
        if excerpt.status not in ("ok", "moved", "lost"):
            raise InvalidValueError(f"unknown excerpt status {excerpt.status!r}")
        # a "lost" passage was not found after a re-import: it keeps the quote that was meant
        if excerpt.status != "lost" and document.text[excerpt.start : excerpt.end] != excerpt.quote:
            raise InvalidValueError(
                f"the quote does not match {document.id}[{excerpt.start}:{excerpt.end}]"
            )

    # ---- mutations -----------------------------------------------------------------------

    def add_node(self, node: Node) -> None:
        self.validate_node(node)
        if node.title is not None:
            node.title = clean_title(node.title)
        self.nodes[node.id] = node

    def add_edge(self, edge: Edge) -> None:
        self.validate_edge(edge)
        edge.type = EdgeType(edge.type)
        self.edges[edge.id] = edge
        self._edge_keys[_edge_key(edge)] = edge.id

    def add_document(self, document: Document) -> None:
        if document.id in self.documents:
            raise InvalidValueError(f"the id {document.id!r} is already in use")
        self.documents[document.id] = document

    def add_excerpt(self, excerpt: Excerpt) -> None:
        if excerpt.id in self.excerpts:
            raise InvalidValueError(f"the id {excerpt.id!r} is already in use")
        self.validate_excerpt(excerpt)
        self.excerpts[excerpt.id] = excerpt

    def add_participant(self, participant: Participant) -> None:
        if participant.id in self.participants:
            raise InvalidValueError(f"the id {participant.id!r} is already in use")
        if not participant.name.strip():
            raise InvalidValueError("a participant needs a name")
        self.participants[participant.id] = participant

    def update_node(self, node_id: str, **changes) -> Node:
        """Change some fields of a node; returns the node as it was before. No other field
        changes, except that a title is tidied (``clean_title``)."""
        unknown = set(changes) - _NODE_FIELDS
        if unknown:
            raise InvalidValueError(f"nodes have no field {', '.join(sorted(unknown))}")
        before = self.node(node_id)
        after = _changed_node(before, changes)
        self.validate_node(after, is_new=False)
        if "kind" in changes:
            after.kind = NodeKind(after.kind)
        if after.title is not None:
            after.title = clean_title(after.title)
        self.nodes[node_id] = after
        return before

    def update_nodes(self, changes: dict[str, dict]) -> list[Node]:
        """``update_node`` for several nodes, all of them or none; returns the nodes as they
        were, in the order of ``changes``.

        A change of only x, y and pinned (numbers, a bool) is not validated again: no check
        of ``validate_node`` looks at those fields, so it cannot make a node invalid. (That
        saves 10,000 checks on a Re-layout All; a node that was already broken, which only a
        damaged file can hold, can still be moved instead of refusing the whole layout.)"""
        before: list[Node] = []
        nodes = self.nodes
        try:
            for node_id, fields in changes.items():
                old = nodes.get(node_id)
                if old is not None and _is_placement(fields):
                    nodes[node_id] = _changed_node(old, fields)
                    before.append(old)
                else:
                    before.append(self.update_node(node_id, **fields))
        except BaseException:
            for node in before:
                nodes[node.id] = node
            raise
        return before

    def set_edge_type(self, edge_id: str, edge_type: EdgeType | str) -> EdgeType:
        """Change a link's type (support <-> attack...); returns the old type."""
        edge = self.edge(edge_id)
        old = edge.type
        try:
            new = EdgeType(edge_type)
        except ValueError:
            types = ", ".join(t.value for t in EdgeType)
            raise InvalidValueError(f"unknown link type {edge_type!r} (one of: {types})") from None
        if new == old:
            return old
        if new not in INFERENCE_EDGE_TYPES and any(
            e.target == edge_id and e.type == EdgeType.UNDERCUT for e in self.edges.values()
        ):
            raise InvalidEdgeError(
                f"{edge_id} is undercut, so it must stay an inference (support, attack, premise"
                " or conclusion)"
            )
        self._forget_edge(edge)
        changed = replace(edge, type=new)
        try:
            self.add_edge(changed)
        except BaseException:
            self.edges[edge.id] = edge
            self._edge_keys[_edge_key(edge)] = edge.id
            raise
        return old

    def remove_node(self, node_id: str) -> tuple[Node, list[Edge]]:
        """Remove a node and every edge that depends on it; returns what was removed."""
        node = self.node(node_id)
        removed = self.dependents(node_ids=[node_id])
        for edge in removed:
            self._forget_edge(edge)
        del self.nodes[node_id]
        return node, removed

    def remove_edge(self, edge_id: str) -> list[Edge]:
        """Remove an edge and the undercuts aimed at it; returns the removed edges, it first."""
        edge = self.edge(edge_id)
        removed = [edge, *self.dependents(edge_ids=[edge_id])]
        for gone in removed:
            self._forget_edge(gone)
        return removed

    def _forget_edge(self, edge: Edge) -> None:
        del self.edges[edge.id]
        del self._edge_keys[_edge_key(edge)]

    # ---- integrity -----------------------------------------------------------------------

    def problems(self) -> list[str]:
        """Every broken invariant of a map built with ``from_parts``, as readable sentences."""
        found: list[str] = []
        probe = ArgumentMap(self.title)
        probe.participants = dict(self.participants)
        probe.documents = dict(self.documents)
        for excerpt in self.excerpts.values():
            try:
                probe.add_excerpt(excerpt)
            except DomainError as error:
                found.append(f"excerpt {excerpt.id}: {error}")
                probe.excerpts[excerpt.id] = excerpt  # so its nodes are judged on their own
        for node in self.nodes.values():
            try:
                probe.add_node(node)
            except DomainError as error:
                found.append(f"node {node.id}: {error}")
                probe.nodes[node.id] = node  # so its edges are judged on their own
        pending = list(self.edges.values())
        while pending:  # undercuts of edges need their target edge added first
            progress = []
            for edge in pending:
                if edge.target in self.edges and edge.target not in probe.edges:
                    continue
                progress.append(edge)
                try:
                    probe.add_edge(edge)
                except DomainError as error:
                    found.append(f"edge {edge.id}: {error}")
            if not progress:
                found.extend(f"edge {e.id}: undercuts form a cycle" for e in pending)
                break
            done = {e.id for e in progress}
            pending = [e for e in pending if e.id not in done]
        return found


def clean_title(title: object) -> str:
    """A node title as stored: stripped, non-empty, on one line (None, no title, is not passed
    here).  Raises InvalidValueError otherwise."""
    if not isinstance(title, str):
        raise InvalidValueError(f"a node's title must be text, not {type(title).__name__}")
    stripped = title.strip()
    if not stripped:
        raise InvalidValueError("a node's title cannot be blank (leave it unset for no title)")
    if len(stripped.splitlines()) > 1:
        raise InvalidValueError("a node's title must be a single line, without line breaks")
    return stripped


def _changed_node(node: Node, changes: dict) -> Node:
    """``dataclasses.replace(node, **changes)`` at a quarter of its cost (Re-layout All
    copies every node of the map: 50 ms at 10,000)."""
    changed = Node(*_node_values(node))
    for name, value in changes.items():
        setattr(changed, name, value)
    return changed


#: what a placement may change, and the types of value it takes for each
_PLACEMENT_TYPES = {"x": (float, int), "y": (float, int), "pinned": (bool,)}


def _is_placement(fields: dict) -> bool:
    """Whether a change only moves a node or pins it, with values of the right types."""
    for name, value in fields.items():
        if type(value) not in _PLACEMENT_TYPES.get(name, ()):
            return False
    return True


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _edge_key(edge: Edge) -> tuple[str, str, str]:
    return (str(edge.type), edge.source, edge.target)


EXCERPT_CONTEXT = 80  # characters of context kept on each side of an excerpt


def excerpt_of(document: Document, start: int, end: int, excerpt_id: str) -> Excerpt:
    """The passage ``document.text[start:end]`` with its context, for re-anchoring later."""
    if not 0 <= start < end <= len(document.text):
        raise InvalidValueError(
            f"offsets {start}:{end} are not a passage of {document.id}"
            f" ({len(document.text)} characters)"
        )
    text = document.text
    return Excerpt(
        id=excerpt_id,
        document_id=document.id,
        start=start,
        end=end,
        quote=text[start:end],
        before=text[max(0, start - EXCERPT_CONTEXT) : start],
        after=text[end : end + EXCERPT_CONTEXT],
    )


@dataclass(frozen=True)
class MapSnapshot:
    """The parts of a map that its evaluation, layout and analysis read, as they are at one
    moment, for reading in another thread.

    Shallow copies of the dicts are enough: ArgumentMap and MapSession never change a Node,
    Edge, Document or Excerpt that is in the map, an edit puts a new value in its place
    (tests/core/test_analysis_cancel.py holds them to that). Copying the dicts of a
    10,000-node map takes 0.1-2 ms; a deep copy took 0.56 s."""

    title: str
    nodes: dict
    edges: dict
    documents: dict
    excerpts: dict

    @classmethod
    def of(cls, amap) -> "MapSnapshot":
        return cls(amap.title, dict(amap.nodes), dict(amap.edges), dict(amap.documents),
                   dict(amap.excerpts))
