"""MapDocument: one open map (a MapSession), its QUndoStack, and the signals views mirror."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from debatemap.core.argmap import ArgumentMap, MapSnapshot
from debatemap.core.errors import DebatemapError
from debatemap.core.evaluation import SEMANTICS, Evaluation, Explanation, evaluate, explain
from debatemap.core.ids import new_id
from debatemap.core.layout import layout as compute_layout
from debatemap.core.model import NODE_MARKS, Document, Edge, EdgeType, Excerpt, Node, NodeKind
from debatemap.document.commands import (
    AddItems,
    ArrangeNodes,
    EditNodeText,
    MapCommand,
    MoveNodes,
    NudgeNodes,
    RemoveItems,
    RenameMap,
    Sequence,
    SetEdgeType,
    SetNodeFields,
    SetNodeKind,
)
from debatemap.document.source_commands import ImportDocuments, ReimportDocument
from debatemap.document import evaluation_runner
from debatemap.document.evaluation_runner import EvaluationRunner
from debatemap.document.workshop import WorkshopDocument
from debatemap.document.clipboard import fragment_copies, fragment_mime
from debatemap.store.imports import DocumentImport
from debatemap.store.mapfile import copy_map_file
from debatemap.store.session import MapSession


@dataclass(frozen=True)
class DocumentStructure:
    paragraphs: list[tuple[int, int, str]]  # start, end, kind
    candidates: list[tuple[int, int]]  # start, end, in text order


class MapDocument(QObject):
    """The one place the GUI changes a map: every edit is a command pushed on ``undo_stack``.

    Views never write to the session themselves; they call the intent methods below (or push a
    command) and mirror the signals, which are emitted only after the file has been written.
    """

    nodesAdded = Signal(list)  # node ids
    nodesChanged = Signal(list)  # node ids whose text, kind, position or other fields changed
    edgesAdded = Signal(list)  # edge ids
    edgesChanged = Signal(list)  # edge ids whose type changed
    itemsRemoved = Signal(list, list)  # node ids, edge ids (dependent edges included)
    titleChanged = Signal(str)
    documentsChanged = Signal(list)  # ids of documents that were added or removed
    errorOccurred = Signal(str)  # a message fit for the user
    #: node ids an automatic layout moved (do, undo or redo of ``ArrangeNodes``); only x/y
    #: changed, so a view may animate the move; nodesChanged is not emitted for these
    nodesArranged = Signal(list)
    #: the labels may have changed: read ``evaluation()`` again. Emitted once per event-loop
    #: turn however many edits that turn made, and after ``set_semantics``.
    evaluationChanged = Signal()
    semanticsChanged = Signal(str)  # "grounded" or "preferred" (also after a fallback)

    def __init__(self, session: MapSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = QUndoStack(self)
        self._structure: dict[str, DocumentStructure] = {}
        self._text_merge_session = 0  # text edits merge only within one session
        self._semantics = "grounded"
        self._evaluation: Evaluation | None = None  # None: to be recomputed on demand
        self._latest: Evaluation | None = None  # the last one computed (a large map's may lag)
        self._generation = 0  # counts the changes that matter to the labels
        self._marks = {n.id: n.mark for n in session.map.nodes.values() if n.mark is not None}
        self._evaluation_timer = QTimer(self)
        self._evaluation_timer.setSingleShot(True)
        self._evaluation_timer.setInterval(0)
        self._evaluation_timer.timeout.connect(self._evaluation_due)
        self._runner = EvaluationRunner(self)
        self._runner.finished.connect(self._evaluated_in_background)
        self.nodesAdded.connect(self._structure_changed)
        self.edgesAdded.connect(self._structure_changed)
        self.edgesChanged.connect(self._structure_changed)
        self.itemsRemoved.connect(self._structure_changed)
        self.nodesChanged.connect(self._nodes_changed)
        self.nodesArranged.connect(self._nodes_changed)
        #: participants, the current speaker, votes, agenda, parking lot, capture, replay
        self.workshop = WorkshopDocument(self)

    @classmethod
    def open(cls, path: Path | str, parent: QObject | None = None) -> "MapDocument":
        """Open a map file; raises MapFileError (a DebatemapError) when it cannot be opened."""
        return cls(MapSession.open(path), parent)

    @classmethod
    def create(
        cls, path: Path | str, title: str | None = None, parent: QObject | None = None
    ) -> "MapDocument":
        return cls(MapSession.create(path, title), parent)

    @property
    def map(self) -> ArgumentMap:
        return self.session.map

    @property
    def path(self) -> Path:
        return self.session.path

    @property
    def title(self) -> str:
        return self.session.map.title

    def close(self) -> None:
        self._evaluation_timer.stop()
        self._runner.close()
        self.undo_stack.clear()
        self.session.close()

    # ---- evaluation ----------------------------------------------------------------------

    @property
    def semantics(self) -> str:
        return self._semantics

    def set_semantics(self, semantics: str) -> bool:
        """Evaluate with "grounded" or "preferred" from now on. When preferred is too large
        for this map, fall back to grounded and say so (errorOccurred); returns whether the
        requested semantics is in force."""
        if semantics not in SEMANTICS:
            self.errorOccurred.emit(f"Unknown semantics {semantics!r}: use grounded or preferred")
            return False
        if semantics != self._semantics:
            self._semantics = semantics
            self._evaluation = None
            self._latest = None  # labels of the other semantics are not "a moment old"
            self._generation += 1
            self.evaluation()  # computed now, so a fallback is reported right away
            self.semanticsChanged.emit(self._semantics)
            self._evaluation_timer.stop()
            self.evaluationChanged.emit()
        return self._semantics == semantics

    def evaluation(self) -> Evaluation:
        """The labels of the map as it is now (computed on first use after a change). A large
        map is evaluated in a worker thread after a change: until that is done (evaluationChanged
        says so) this is the previous evaluation, a moment old; ``current_evaluation`` waits
        for nothing and computes it here."""
        if self._evaluation is None and self._latest is not None and self._large():
            return self._latest
        return self.current_evaluation()

    def current_evaluation(self) -> Evaluation:
        """The labels of the map exactly as it is now, computed here if need be."""
        if self._evaluation is None:
            self._evaluation = self._latest = self._evaluate()
        return self._evaluation

    def _large(self) -> bool:
        return len(self.map.nodes) >= evaluation_runner.BACKGROUND_FROM_NODES

    def _evaluation_due(self) -> None:
        """Once per event-loop turn after changes: a large map is evaluated in the background
        (evaluationChanged follows when it is done), a small one is announced now."""
        if self._evaluation is None and self._large():
            self._runner.request(self.map, self._semantics, self._generation)
        else:
            self.evaluationChanged.emit()

    def _evaluated_in_background(self, generation: int, result: Evaluation | None, error: str) -> None:
        if generation != self._generation:
            return  # the map changed since: a newer evaluation is on its way
        if self._evaluation is None:  # (else it was computed here meanwhile: the same labels)
            if result is None:  # the preferred semantics is too large for this map
                self._semantics = "grounded"
                self.errorOccurred.emit(f"Preferred semantics is too large for this map ({error}); "
                                        "showing grounded labels instead.")
                self.semanticsChanged.emit("grounded")
                self._generation += 1
                self._runner.request(self.map, self._semantics, self._generation)
                return
            self._evaluation = self._latest = result
        self.evaluationChanged.emit()

    def _evaluate(self) -> Evaluation:
        if self._semantics != "grounded":
            try:
                return evaluate(self.map, self._semantics)
            except DebatemapError as error:  # EvaluationTooLarge
                self._semantics = "grounded"
                self.errorOccurred.emit(
                    f"Preferred semantics is too large for this map ({error}); "
                    "showing grounded labels instead."
                )
                self.semanticsChanged.emit("grounded")
        return evaluate(self.map, "grounded")

    def explain(self, node_id: str) -> Explanation:
        """Why a node has its label (raises MissingItemError for an unknown node)."""
        return explain(self.map, self.current_evaluation(), node_id)

    def _structure_changed(self, *args) -> None:
        self._invalidate_evaluation()

    def _nodes_changed(self, node_ids: list[str]) -> None:
        """Only marks matter to the labels: moves, text and kind edits leave them as they are."""
        nodes = self.map.nodes
        changed = False
        for node_id in node_ids:
            node = nodes.get(node_id)
            mark = node.mark if node is not None else None
            if self._marks.get(node_id) != mark:
                changed = True
        if changed:
            self._invalidate_evaluation()

    def _invalidate_evaluation(self) -> None:
        self._evaluation = None
        self._generation += 1
        self._marks = {n.id: n.mark for n in self.map.nodes.values() if n.mark is not None}
        self._evaluation_timer.start()

    # ---- undo stack ----------------------------------------------------------------------

    def push(self, command: MapCommand) -> bool:
        """Apply a command and put it on the stack; on failure report it and change nothing.

        The first redo runs here rather than inside QUndoStack.push, so that a command whose
        session call fails never reaches the stack (and a Python exception never has to cross
        the C++ boundary of QUndoStack).
        """
        try:
            command.apply()
        except DebatemapError as error:
            what = command.text()  # "Add participant Ada": only the verb loses its capital
            self.errorOccurred.emit(f"Could not {what[:1].lower()}{what[1:]}: {error}")
            return False
        command.mark_applied()
        self.undo_stack.push(command)
        return True

    def report_failed_step(self, verb: str, command: MapCommand, error: Exception) -> None:
        """An undo or redo failed (the file could not be written): the map is unchanged, the
        command is dropped, and the history is cleared so that no later step undoes the wrong
        state. Clearing is deferred because the stack is still inside the failed call."""
        command.setObsolete(True)
        QTimer.singleShot(0, self.undo_stack.clear)
        self.errorOccurred.emit(
            f"Could not {verb} “{command.text()}”: {error}. The map is as it was before;"
            " the undo history was cleared."
        )

    # ---- intents: each builds one command and pushes it ------------------------------------

    def new_node(
        self,
        text: str,
        kind: NodeKind | str = NodeKind.CLAIM,
        *,
        x: float = 0.0,
        y: float = 0.0,
        source: tuple[str, int, int] | None = None,
    ) -> tuple[Node, Excerpt | None] | None:
        """A node (and its excerpt, when ``source`` is (document id, start, end)) made but NOT
        added, for ``add_items``/``add_items_placing``; None (reported) when the source is bad.
        Its author is the workshop's current speaker."""
        try:
            return self.session.new_node(text, kind, x=x, y=y, source=source,
                                         author_id=self.workshop.current_speaker)
        except DebatemapError as error:
            self.errorOccurred.emit(f"Could not add the claim: {error}")
            return None

    def add_node(
        self,
        text: str,
        kind: NodeKind | str = NodeKind.CLAIM,
        *,
        x: float = 0.0,
        y: float = 0.0,
        source: tuple[str, int, int] | None = None,
    ) -> Node | None:
        made = self.new_node(text, kind, x=x, y=y, source=source)
        if made is None:
            return None
        node, excerpt = made
        command = AddItems(self, [node], excerpts=[excerpt] if excerpt else [], text="Add claim")
        return self.map.nodes[node.id] if self.push(command) else None

    def add_items(
        self,
        nodes: Iterable[Node] = (),
        edges: Iterable[Edge] = (),
        excerpts: Iterable[Excerpt] = (),
        *,
        text: str = "Add items",
    ) -> bool:
        return self.push(AddItems(self, nodes, edges, excerpts, text=text))

    def add_items_placing(
        self,
        nodes: Iterable[Node] = (),
        edges: Iterable[Edge] = (),
        excerpts: Iterable[Excerpt] = (),
        *,
        positions_to_write: dict[str, tuple[float, float]] | None = None,
        text: str = "Add items",
    ) -> bool:
        """Add items and, in the same undo step, write down where other nodes are shown
        (unpinned): a view showing stored-at-0,0 nodes in a display grid keeps them there."""
        add = AddItems(self, nodes, edges, excerpts, text=text)
        if not positions_to_write:
            return self.push(add)
        write = MoveNodes(self, positions_to_write, pinned=())
        return self.push(Sequence(self, [write, add], text))

    def add_edge(self, source: str, target: str, edge_type: EdgeType | str) -> Edge | None:
        edge = Edge(id=new_id("e"), type=edge_type, source=source, target=target)
        command = AddItems(self, edges=[edge], text=f"Add {edge_type} link")
        return edge if self.push(command) else None

    def remove_items(self, node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()) -> bool:
        return self.push(RemoveItems(self, node_ids, edge_ids))

    def set_node_text(self, node_id: str, text: str, *, merge: bool = True) -> bool:
        """Change a node's text. While someone keeps typing (``merge``, edits a few seconds
        apart, no ``close_text_merge`` between) the edits are one undo step; ``merge=False``
        (a committed in-place edit) makes a step of its own."""
        command = EditNodeText(self, node_id, text, mergeable=merge,
                               session=self._text_merge_session)
        return self.push(command)

    def close_text_merge(self) -> None:
        """The typing is over (the editor lost focus, another node is shown): the next text
        edit starts a new undo step."""
        self._text_merge_session += 1

    def set_node_kind(self, node_ids: Iterable[str], kind: NodeKind | str) -> bool:
        return self.push(SetNodeKind(self, node_ids, kind))

    def move_nodes(
        self, positions: dict[str, tuple[float, float]], pinned: Iterable[str] | None = None
    ) -> bool:
        return self.push(MoveNodes(self, positions, pinned))

    def nudge_nodes(self, node_ids: Iterable[str], dx: float, dy: float) -> bool:
        """Move nodes by (dx, dy) from where the map has them, pinning them; nudges of the
        same nodes in quick succession are one undo step."""
        ids = [i for i in dict.fromkeys(node_ids) if i in self.map.nodes]
        if not ids:
            return False
        nodes = self.map.nodes
        positions = {i: (nodes[i].x + dx, nodes[i].y + dy) for i in ids}
        return self.push(NudgeNodes(self, positions))

    def set_node_fields(self, changes: dict[str, dict], text: str = "Change nodes") -> bool:
        """Tags, colour, pinned, positions... of some nodes as one step."""
        return self.push(SetNodeFields(self, changes, text))

    def set_pinned(self, node_ids: Iterable[str], pinned: bool) -> bool:
        ids = list(dict.fromkeys(node_ids))
        verb = "Pin" if pinned else "Unpin"
        text = f"{verb} node" if len(ids) == 1 else f"{verb} {len(ids)} nodes"
        return self.set_node_fields({i: {"pinned": pinned} for i in ids}, text)

    def set_mark(self, node_ids: Iterable[str] | str, mark: str | None) -> bool:
        """Mark nodes accepted / rejected / undecided by hand (None: computed again)."""
        ids = [node_ids] if isinstance(node_ids, str) else list(dict.fromkeys(node_ids))
        ids = [i for i in ids if i in self.map.nodes and self.map.nodes[i].mark != mark]
        if mark is not None and mark not in NODE_MARKS:
            self.errorOccurred.emit(f"Unknown mark {mark!r}: use accept, reject or undecided")
            return False
        if not ids:
            return False
        words = {"accept": "Mark accepted", "reject": "Mark rejected",
                 "undecided": "Mark undecided", None: "Clear mark"}
        text = words[mark] if len(ids) == 1 else f"{words[mark]} ({len(ids)} nodes)"
        return self.set_node_fields({i: {"mark": mark} for i in ids}, text)

    def layout(
        self,
        move_all: bool = False,
        direction: str = "TB",
        sizes: dict[str, tuple[float, float]] | None = None,
    ) -> bool:
        """Arrange the map as one undo step: "Tidy up" places the unpinned nodes around the
        pinned ones; ``move_all`` ("Re-layout all") places every node. Pinned flags are kept.
        ``sizes`` are the cards' real sizes where a view knows them. False when nothing moves."""
        try:
            positions = self.layout_plan(move_all, direction, sizes)()
        except DebatemapError as error:
            self.errorOccurred.emit(f"Could not lay out the map: {error}")
            return False
        return self.apply_layout(positions, move_all)

    def layout_plan(
        self,
        move_all: bool = False,
        direction: str = "TB",
        sizes: dict[str, tuple[float, float]] | None = None,
    ) -> Callable[[], dict[str, tuple[float, float]]]:
        """The layout's computation over a snapshot of the map as it is now, to be run later or
        in a worker thread (it touches nothing else); ``apply_layout`` then takes its result."""
        snapshot = MapSnapshot.of(self.map)
        sizes = dict(sizes) if sizes is not None else None
        return lambda: compute_layout(snapshot, sizes, move_all=move_all, direction=direction)

    def apply_layout(self, positions: dict[str, tuple[float, float]], move_all: bool = False) -> bool:
        """Move the nodes that are still there to these positions, as one undo step ("Re-layout
        all" or "Tidy up"). False when nothing moves."""
        nodes = self.map.nodes
        moving = {i: p for i, p in positions.items() if i in nodes and (nodes[i].x, nodes[i].y) != p}
        if not moving:
            return False
        text = "Re-layout all" if move_all else "Tidy up"
        return self.push(ArrangeNodes(self, moving, text))

    def set_edge_type(self, edge_ids: Iterable[str] | str, edge_type: EdgeType | str) -> bool:
        ids = [edge_ids] if isinstance(edge_ids, str) else list(edge_ids)
        return self.push(SetEdgeType(self, ids, edge_type))

    def add_linked_node(
        self,
        anchor_id: str,
        text: str,
        kind: NodeKind | str,
        edge_type: EdgeType | str,
        *,
        x: float,
        y: float,
        outgoing: bool = True,
        source: tuple[str, int, int] | None = None,
    ) -> Node | None:
        """A new node linked to ``anchor_id`` in one step: by default it supports/attacks the
        anchor (Tab, Shift+Tab, a drop onto a node); ``outgoing=False`` links anchor -> node."""
        made = self.new_node(text, kind, x=x, y=y, source=source)
        if made is None:
            return None
        node, excerpt = made
        link_ends = (node.id, anchor_id) if outgoing else (anchor_id, node.id)
        edge = Edge(id=new_id("e"), type=edge_type, source=link_ends[0], target=link_ends[1])
        command = AddItems(self, [node], [edge], [excerpt] if excerpt else [],
                           text=f"Add {kind} ({edge_type})")
        return self.map.nodes[node.id] if self.push(command) else None

    def make_joint_argument(
        self, premise_ids: Iterable[str], conclusion_id: str | None = None,
        *, title: str = "Joint argument",
    ) -> Node | None:
        """Co-premises: one argument node the premises jointly support, linked to the conclusion.

        Without ``conclusion_id``, the one claim that every premise supports is the conclusion
        and those direct supports are replaced by the argument (one undo step)."""
        premises = list(dict.fromkeys(premise_ids))
        if len(premises) < 2:
            self.errorOccurred.emit("Select two or more claims to make a joint argument.")
            return None
        supports: set[str] = set()
        if conclusion_id is None:
            targets = [{e.target: e.id for e in self.map.edges.values()
                        if e.source == p and e.type == EdgeType.SUPPORT} for p in premises]
            common = set(targets[0]).intersection(*targets[1:]) if targets else set()
            if len(common) == 1:
                conclusion_id = common.pop()
                supports = {t[conclusion_id] for t in targets}
        nodes = [self.map.node(p) for p in premises]
        x = sum(n.x for n in nodes) / len(nodes)
        y = min(n.y for n in nodes) - 90.0
        argument = Node(id=new_id("n"), text=title, kind=NodeKind.ARGUMENT, x=x, y=y)
        edges = [Edge(id=new_id("e"), type=EdgeType.PREMISE, source=p, target=argument.id)
                 for p in premises]
        if conclusion_id is not None:
            edges.append(Edge(id=new_id("e"), type=EdgeType.CONCLUSION, source=argument.id,
                              target=conclusion_id))
        steps: list[MapCommand] = []
        if supports:
            steps.append(RemoveItems(self, (), supports))
        steps.append(AddItems(self, [argument], edges, text="Add argument"))
        done = self.push(Sequence(self, steps, "Make joint argument"))
        return self.map.nodes[argument.id] if done else None

    # ---- clipboard -----------------------------------------------------------------------

    def copy_mime(self, node_ids: Iterable[str]) -> QMimeData:
        return fragment_mime(self.map, list(node_ids), str(self.path))

    def paste_mime(self, mime: QMimeData, offset: tuple[float, float] = (30.0, 30.0)) -> list[str]:
        """Paste a copied fragment with fresh ids; returns the new node ids ([] on failure)."""
        try:
            nodes, edges, excerpts = fragment_copies(mime, self.map, offset)
        except (ValueError, KeyError, TypeError) as error:
            self.errorOccurred.emit(f"Could not paste: the clipboard holds no map fragment ({error})")
            return []
        count = len(nodes)
        text = "Paste node" if count == 1 else f"Paste {count} nodes"
        return [n.id for n in nodes] if self.push(AddItems(self, nodes, edges, excerpts, text=text)) else []

    def duplicate(self, node_ids: Iterable[str]) -> list[str]:
        return self.paste_mime(self.copy_mime(node_ids))

    def cut(self, node_ids: Iterable[str]) -> QMimeData:
        ids = list(node_ids)
        mime = self.copy_mime(ids)
        self.remove_items(ids)
        return mime

    def rename(self, title: str) -> bool:
        return self.push(RenameMap(self, title))

    def import_documents(self, imports: Iterable[DocumentImport]) -> bool:
        """Add read documents as one undoable step (all or nothing)."""
        return self.push(ImportDocuments(self, imports))

    def reimport_document(self, document_id: str, new: DocumentImport) -> ReimportDocument | None:
        """Replace a document by its newer version and re-anchor its excerpts (one step);
        returns the command (its ``counts()`` say how many passages moved or were lost)."""
        if document_id not in self.map.documents:
            self.errorOccurred.emit(f"Could not re-import: no document {document_id!r} in this map")
            return None
        command = ReimportDocument(self, document_id, new)
        return command if self.push(command) else None

    # ---- documents: what views read besides the model -------------------------------------

    def find_document_by_origin(self, origin: str) -> Document | None:
        return self.session.find_document_by_origin(origin)

    def find_document_by_content(self, sha256: str) -> Document | None:
        return self.session.find_document_by_content(sha256)

    def document_structure(self, document_id: str) -> "DocumentStructure":
        """A document's paragraphs and candidates (code point offsets), read once and kept."""
        structure = self._structure.get(document_id)
        if structure is None:
            repository = self.session.repository
            structure = DocumentStructure(
                paragraphs=list(repository.paragraphs(document_id)),
                candidates=[(start, end) for _, start, end in repository.candidates(document_id)],
            )
            self._structure[document_id] = structure
        return structure

    def candidate_counts(self) -> dict[str, int]:
        """How many candidate claims each document has (documents with none are left out)."""
        return self.session.repository.candidate_counts()

    def forget_structure(self, document_ids: Iterable[str]) -> None:
        for document_id in document_ids:
            self._structure.pop(document_id, None)

    # ---- file ----------------------------------------------------------------------------

    def save_copy(self, target: Path | str) -> Path:
        """Copy the map, as it is now, to a new file (raises MapFileError when it cannot)."""
        return copy_map_file(self.path, Path(target))
