"""MapDocument: one open map (a MapSession), its QUndoStack, and the signals views mirror."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from debatemap.core.argmap import ArgumentMap
from debatemap.core.errors import DebatemapError
from debatemap.core.ids import new_id
from debatemap.core.model import Document, Edge, EdgeType, Excerpt, Node, NodeKind
from debatemap.document.commands import (
    AddItems,
    EditNodeText,
    ImportDocuments,
    MapCommand,
    MoveNodes,
    RemoveItems,
    RenameMap,
    SetNodeKind,
)
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
    itemsRemoved = Signal(list, list)  # node ids, edge ids (dependent edges included)
    titleChanged = Signal(str)
    documentsChanged = Signal(list)  # ids of documents that were added or removed
    errorOccurred = Signal(str)  # a message fit for the user

    def __init__(self, session: MapSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = QUndoStack(self)
        self._structure: dict[str, DocumentStructure] = {}

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
        self.undo_stack.clear()
        self.session.close()

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
            self.errorOccurred.emit(f"Could not {command.text().lower()}: {error}")
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

    def add_node(
        self,
        text: str,
        kind: NodeKind | str = NodeKind.CLAIM,
        *,
        x: float = 0.0,
        y: float = 0.0,
        source: tuple[str, int, int] | None = None,
    ) -> Node | None:
        try:
            node, excerpt = self.session.new_node(text, kind, x=x, y=y, source=source)
        except DebatemapError as error:
            self.errorOccurred.emit(f"Could not add the claim: {error}")
            return None
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

    def add_edge(self, source: str, target: str, edge_type: EdgeType | str) -> Edge | None:
        edge = Edge(id=new_id("e"), type=edge_type, source=source, target=target)
        command = AddItems(self, edges=[edge], text=f"Add {edge_type} link")
        return edge if self.push(command) else None

    def remove_items(self, node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()) -> bool:
        return self.push(RemoveItems(self, node_ids, edge_ids))

    def set_node_text(self, node_id: str, text: str) -> bool:
        return self.push(EditNodeText(self, node_id, text))

    def set_node_kind(self, node_ids: Iterable[str], kind: NodeKind | str) -> bool:
        return self.push(SetNodeKind(self, node_ids, kind))

    def move_nodes(
        self, positions: dict[str, tuple[float, float]], pinned: Iterable[str] | None = None
    ) -> bool:
        return self.push(MoveNodes(self, positions, pinned))

    def rename(self, title: str) -> bool:
        return self.push(RenameMap(self, title))

    def import_documents(self, imports: Iterable[DocumentImport]) -> bool:
        """Add read documents as one undoable step (all or nothing)."""
        return self.push(ImportDocuments(self, imports))

    # ---- documents: what views read besides the model -------------------------------------

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
