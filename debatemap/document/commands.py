"""The undo commands: every user edit of a map, each one session action plus the signals it causes."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Callable, Iterable

from PySide6.QtGui import QUndoCommand

from debatemap.core.errors import DebatemapError
from debatemap.core.model import Edge, EdgeType, Excerpt, Node, NodeKind
from debatemap.store.session import Removal

if TYPE_CHECKING:
    from debatemap.document.mapdocument import MapDocument

EDIT_NODE_TEXT_ID = 1001  # QUndoCommand.id() of text edits, so consecutive ones merge
TEXT_MERGE_SECONDS = 3.0  # text edits further apart than this are separate undo steps
NUDGE_COMMAND_ID = 2001
NUDGE_MERGE_SECONDS = 2.0  # nudges closer together than this are one undo step
clock = time.monotonic  # when a mergeable edit was made (tests replace it)


class MapCommand(QUndoCommand):
    """A command pushed through ``MapDocument.push``, which runs the first redo (``apply``).

    Subclasses implement ``apply`` (the first redo), ``unapply`` (undo) and optionally
    ``reapply`` (later redos; ``apply`` by default). Each raises DebatemapError with the map
    unchanged when its session action fails.
    """

    def __init__(self, document: "MapDocument", text: str) -> None:
        super().__init__(text)
        self.document = document
        self._skip_next_redo = False

    def mark_applied(self) -> None:
        """The first redo has run already; the one QUndoStack.push makes must do nothing."""
        self._skip_next_redo = True

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._guarded("redo", self.reapply)

    def undo(self) -> None:
        self._guarded("undo", self.unapply)

    def _guarded(self, verb: str, step: Callable[[], None]) -> None:
        try:
            step()
        except DebatemapError as error:
            self.document.report_failed_step(verb, self, error)

    def reapply(self) -> None:
        self.apply()

    @property
    def session(self):
        return self.document.session


class AddItems(MapCommand):
    """Add nodes, edges and excerpts as one step (a new claim, a link, a pasted sub-map)."""

    def __init__(
        self,
        document: "MapDocument",
        nodes: Iterable[Node] = (),
        edges: Iterable[Edge] = (),
        excerpts: Iterable[Excerpt] = (),
        *,
        text: str = "Add items",
    ) -> None:
        super().__init__(document, text)
        self.nodes = list(nodes)
        self.edges = list(edges)
        self.excerpts = list(excerpts)
        self.removal: Removal | None = None  # what undo took away, exactly as it was

    def apply(self) -> None:
        self.session.add_items(self.nodes, self.edges, self.excerpts, action="add")
        _emit_added(self.document, [n.id for n in self.nodes], [e.id for e in self.edges])

    def unapply(self) -> None:
        self.removal = self.session.remove_items(
            [n.id for n in self.nodes], [e.id for e in self.edges]
        )
        _emit_removed(self.document, self.removal)

    def reapply(self) -> None:
        if self.removal is None:
            self.apply()
            return
        self.session.restore(self.removal)
        _emit_added(self.document, [n.id for n in self.removal.nodes],
                    [e.id for e in self.removal.edges], self.removal)


class RemoveItems(MapCommand):
    """Remove nodes and edges, and with them every edge that depends on them."""

    def __init__(
        self, document: "MapDocument", node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()
    ) -> None:
        self.node_ids = list(dict.fromkeys(node_ids))
        self.edge_ids = list(dict.fromkeys(edge_ids))
        super().__init__(document, _removal_text(self.node_ids, self.edge_ids))
        self.removal: Removal | None = None

    def apply(self) -> None:
        if not self.node_ids and not self.edge_ids:
            raise DebatemapError("nothing is selected")
        self.removal = self.session.remove_items(self.node_ids, self.edge_ids)
        _emit_removed(self.document, self.removal)

    def unapply(self) -> None:
        assert self.removal is not None
        self.session.restore(self.removal)
        _emit_added(self.document, [n.id for n in self.removal.nodes],
                    [e.id for e in self.removal.edges], self.removal)


class EditNodeText(MapCommand):
    """Change a node's text. Edits of the same node merge into one undo step while the typing
    goes on: each edit within ``TEXT_MERGE_SECONDS`` of the one before, in the same merge
    session (``MapDocument.close_text_merge`` ends a session). A command made with
    ``mergeable=False`` (a finished in-place edit) is a step of its own either way."""

    def __init__(
        self, document: "MapDocument", node_id: str, text: str, *, mergeable: bool = True,
        session: int = 0,
    ) -> None:
        super().__init__(document, "Edit text")
        self.node_id = node_id
        self.new_text = text
        self.old_text: str | None = None
        self.mergeable = mergeable
        self.merge_session = session
        self.stamp = clock()

    def id(self) -> int:
        return EDIT_NODE_TEXT_ID if self.mergeable else -1

    def apply(self) -> None:
        before = self.session.update_node(self.node_id, text=self.new_text)
        if self.old_text is None:
            self.old_text = before.text
        self.document.nodesChanged.emit([self.node_id])

    def unapply(self) -> None:
        self.session.update_node(self.node_id, text=self.old_text)
        self.document.nodesChanged.emit([self.node_id])

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (not isinstance(other, EditNodeText) or other.node_id != self.node_id
                or not (self.mergeable and other.mergeable)
                or other.merge_session != self.merge_session
                or other.stamp - self.stamp > TEXT_MERGE_SECONDS):
            return False
        self.new_text = other.new_text
        self.stamp = other.stamp
        # Typing back to where the edit started leaves nothing to undo: drop the command.
        self.setObsolete(self.new_text == self.old_text)
        return True


class SetNodeKind(MapCommand):
    """Change the kind (claim, objection, evidence...) of one or more nodes."""

    def __init__(
        self, document: "MapDocument", node_ids: Iterable[str] | str, kind: NodeKind | str
    ) -> None:
        self.node_ids = [node_ids] if isinstance(node_ids, str) else list(dict.fromkeys(node_ids))
        self.kind = kind
        super().__init__(document, f"Make {kind}" if len(self.node_ids) == 1 else f"Make {kind}s")
        self.before: list[Node] = []

    def apply(self) -> None:
        self.before = self.session.update_nodes(
            {node_id: {"kind": self.kind} for node_id in self.node_ids}, action="set_kind"
        )
        self.document.nodesChanged.emit(list(self.node_ids))

    def unapply(self) -> None:
        self.session.update_nodes(
            {node.id: {"kind": node.kind} for node in self.before}, action="set_kind"
        )
        self.document.nodesChanged.emit(list(self.node_ids))


class MoveNodes(MapCommand):
    """One drag: new positions for some nodes; the dragged ones become pinned.

    ``pinned`` names the nodes that the user moved (all of ``positions`` when None); other
    nodes in ``positions`` only have their displayed position written down, unpinned.
    """

    def __init__(
        self,
        document: "MapDocument",
        positions: dict[str, tuple[float, float]],
        pinned: Iterable[str] | None = None,
    ) -> None:
        self.positions = {node_id: (float(x), float(y)) for node_id, (x, y) in positions.items()}
        self.pinned = set(self.positions if pinned is None else pinned)
        count = len(self.pinned) or len(self.positions)
        super().__init__(document, "Move node" if count == 1 else f"Move {count} nodes")
        self.before: list[Node] = []

    def apply(self) -> None:
        changes = {}
        for node_id, (x, y) in self.positions.items():
            fields = {"x": x, "y": y}
            if node_id in self.pinned:
                fields["pinned"] = True
            changes[node_id] = fields
        self.before = self.session.update_nodes(changes, action="move")
        self.document.nodesChanged.emit(list(self.positions))

    def unapply(self) -> None:
        self.session.update_nodes(
            {n.id: {"x": n.x, "y": n.y, "pinned": n.pinned} for n in self.before}, action="move"
        )
        self.document.nodesChanged.emit(list(self.positions))


class NudgeNodes(MoveNodes):
    """A keyboard nudge: the nodes move (and become pinned); consecutive nudges of the same
    nodes, each within ``NUDGE_MERGE_SECONDS`` of the one before, merge into one undo step."""

    def __init__(self, document: "MapDocument", positions: dict[str, tuple[float, float]]) -> None:
        super().__init__(document, positions)
        self.setText("Nudge node" if len(positions) == 1 else f"Nudge {len(positions)} nodes")
        self.stamp = clock()

    def id(self) -> int:
        return NUDGE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, NudgeNodes) or set(other.positions) != set(self.positions):
            return False
        if other.stamp - self.stamp > NUDGE_MERGE_SECONDS:
            return False
        self.positions = dict(other.positions)
        self.stamp = other.stamp
        start = {n.id: (n.x, n.y) for n in self.before}
        self.setObsolete(all(start.get(i) == p for i, p in self.positions.items())
                         and all(n.pinned for n in self.before))
        return True


class SetNodeFields(MapCommand):
    """Change any fields of some nodes in one step: tags, colour, pinned, positions (align)."""

    def __init__(
        self, document: "MapDocument", changes: dict[str, dict], text: str = "Change nodes"
    ) -> None:
        super().__init__(document, text)
        self.changes = {node_id: dict(fields) for node_id, fields in changes.items()}
        self.before: list[Node] = []

    def apply(self) -> None:
        self.before = self.session.update_nodes(self.changes, action="set_fields")
        self.document.nodesChanged.emit(list(self.changes))

    def unapply(self) -> None:
        self.session.update_nodes(
            {n.id: {f: getattr(n, f) for f in self.changes[n.id]} for n in self.before},
            action="set_fields",
        )
        self.document.nodesChanged.emit(list(self.changes))


class ArrangeNodes(MapCommand):
    """An automatic layout: new x/y for some nodes, their pinned flags untouched.

    Emits ``nodesArranged`` (not ``nodesChanged``) on do, undo and redo, so that a view can
    animate the move instead of jumping."""

    def __init__(
        self,
        document: "MapDocument",
        positions: dict[str, tuple[float, float]],
        text: str = "Tidy up",
    ) -> None:
        super().__init__(document, text)
        self.positions = {node_id: (float(x), float(y)) for node_id, (x, y) in positions.items()}
        self.before: list[Node] = []

    def apply(self) -> None:
        if not self.positions:
            raise DebatemapError("every node is already in place")
        changes = {i: {"x": x, "y": y} for i, (x, y) in self.positions.items()}
        self.before = self.session.update_nodes(changes, action="layout")
        self.document.nodesArranged.emit(list(self.positions))

    def unapply(self) -> None:
        self.session.update_nodes(
            {n.id: {"x": n.x, "y": n.y} for n in self.before}, action="layout"
        )
        self.document.nodesArranged.emit(list(self.positions))


class SetEdgeType(MapCommand):
    """Turn links into supports, attacks, undercuts..."""

    def __init__(
        self, document: "MapDocument", edge_ids: Iterable[str], edge_type: EdgeType | str
    ) -> None:
        self.edge_ids = list(dict.fromkeys(edge_ids))
        self.edge_type = edge_type
        count = len(self.edge_ids)
        super().__init__(
            document, f"Make link {edge_type}" if count == 1 else f"Make {count} links {edge_type}"
        )
        self.before: dict[str, EdgeType] = {}

    def apply(self) -> None:
        self.before = self.session.set_edge_types({i: self.edge_type for i in self.edge_ids})
        self.document.edgesChanged.emit(list(self.edge_ids))

    def unapply(self) -> None:
        self.session.set_edge_types(dict(self.before))
        self.document.edgesChanged.emit(list(self.edge_ids))


class Sequence(MapCommand):
    """Several commands as one undo step (e.g. make a joint argument: remove the direct supports,
    add the argument with its premises). A step that fails puts the earlier ones back."""

    def __init__(self, document: "MapDocument", steps: list[MapCommand], text: str) -> None:
        super().__init__(document, text)
        self.steps = steps

    def apply(self) -> None:
        self._run([step.apply for step in self.steps], [step.unapply for step in self.steps])

    def reapply(self) -> None:
        self._run([step.reapply for step in self.steps], [step.unapply for step in self.steps])

    def unapply(self) -> None:
        reverse = list(reversed(self.steps))
        self._run([step.unapply for step in reverse], [step.reapply for step in reverse])

    @staticmethod
    def _run(forward: list[Callable[[], None]], backward: list[Callable[[], None]]) -> None:
        done = 0
        try:
            for step in forward:
                step()
                done += 1
        except DebatemapError:
            for step in reversed(backward[:done]):
                step()
            raise


class RenameMap(MapCommand):
    """Change the map's title."""

    def __init__(self, document: "MapDocument", title: str) -> None:
        super().__init__(document, "Rename map")
        self.new_title = title
        self.old_title: str | None = None

    def apply(self) -> None:
        before = self.session.set_title(self.new_title)
        if self.old_title is None:
            self.old_title = before
        self.document.titleChanged.emit(self.session.map.title)

    def unapply(self) -> None:
        self.session.set_title(self.old_title)
        self.document.titleChanged.emit(self.session.map.title)


def shortened(title: str, limit: int = 40) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _emit_added(document: "MapDocument", node_ids: list[str], edge_ids: list[str],
                removal: Removal | None = None) -> None:
    """``removal``: what is being put back, votes and agenda items included."""
    if node_ids:
        document.nodesAdded.emit(node_ids)
    if edge_ids:
        document.edgesAdded.emit(edge_ids)
    if removal is not None:
        document.workshop.nodes_left_or_came_back(removal)


def _emit_removed(document: "MapDocument", removal: Removal) -> None:
    document.itemsRemoved.emit([n.id for n in removal.nodes], [e.id for e in removal.edges])
    document.workshop.nodes_left_or_came_back(removal)


def _removal_text(node_ids: list[str], edge_ids: list[str]) -> str:
    parts = []
    if node_ids:
        parts.append("node" if len(node_ids) == 1 else f"{len(node_ids)} nodes")
    if edge_ids:
        parts.append("link" if len(edge_ids) == 1 else f"{len(edge_ids)} links")
    return "Delete " + " and ".join(parts or ["nothing"])
