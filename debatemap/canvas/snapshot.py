"""Snapshots on the canvas: a map as it was (an ArgumentMap that is no open file) drawn by a real
MapScene with the canvas's own items, read-only, without touching the live map.

MapScene mirrors a document through its signals. ``SnapshotDocument`` is a stand-in document
that holds a plain ArgumentMap and refuses every edit; ``show(amap)`` replaces the map it holds
and emits the signals for exactly what differs (cards added, changed, moved, removed...), so a
scene on it steps from one moment of a replay to the next without being rebuilt. The workshop's
tallies of the moment go onto the cards' vote pills.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QObject, QRectF, Signal

from debatemap.canvas.scene import MapScene
from debatemap.core.argmap import ArgumentMap
from debatemap.core.errors import DebatemapError
from debatemap.core.evaluation import Evaluation, evaluate
from debatemap.core.tallies import Tally


class SnapshotDocument(QObject):
    """What MapScene reads from a document, for a map nobody edits (see the module docstring)."""

    nodesAdded = Signal(list)
    nodesChanged = Signal(list)
    edgesAdded = Signal(list)
    edgesChanged = Signal(list)
    itemsRemoved = Signal(list, list)
    titleChanged = Signal(str)
    documentsChanged = Signal(list)
    errorOccurred = Signal(str)
    nodesArranged = Signal(list)
    evaluationChanged = Signal()

    def __init__(self, amap: ArgumentMap | None = None, tallies: dict[str, Tally] | None = None,
                 semantics: str = "grounded", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._map = amap if amap is not None else ArgumentMap()
        self.semantics = semantics
        self._evaluation: Evaluation | None = None
        self._tallies: dict[str, Tally] = dict(tallies or {})

    @property
    def map(self) -> ArgumentMap:
        return self._map

    @property
    def title(self) -> str:
        return self._map.title

    def evaluation(self) -> Evaluation:
        """The labels of the map shown (the semantics asked, grounded if that is too large)."""
        if self._evaluation is None:
            try:
                self._evaluation = evaluate(self._map, self.semantics)
            except DebatemapError:
                self._evaluation = evaluate(self._map, "grounded")
        return self._evaluation

    def tallies(self) -> dict[str, Tally]:
        """The votes of the moment shown, by node id."""
        return self._tallies

    # ---- a snapshot is never edited: a stray drag is put back ------------------------------

    def move_nodes(self, positions, pinned=None) -> bool:
        return False

    def nudge_nodes(self, node_ids, dx, dy) -> bool:
        return False

    # ---- showing another moment ------------------------------------------------------------

    def show(self, amap: ArgumentMap, tallies: dict[str, Tally] | None = None) -> None:
        """Hold ``amap`` from now on and tell the scene what differs from the map held before."""
        old, self._map = self._map, amap
        self._tallies = dict(tallies or {})
        removed_nodes = [i for i in old.nodes if i not in amap.nodes]
        added_nodes = [i for i in amap.nodes if i not in old.nodes]
        changed_nodes = [i for i, node in amap.nodes.items()
                         if i in old.nodes and old.nodes[i] != node]
        removed_edges = {i for i, edge in old.edges.items() if not _same_ends(edge, amap.edges.get(i))}
        removed_edges |= _undercuts_of(old, removed_edges)  # they are re-added with their target
        added_edges = [i for i in amap.edges if i not in old.edges or i in removed_edges]
        retyped = [i for i, edge in amap.edges.items() if i in old.edges
                   and i not in removed_edges and old.edges[i].type != edge.type]
        sources_changed = old.documents != amap.documents or old.excerpts != amap.excerpts
        if old.title != amap.title:
            self.titleChanged.emit(amap.title)
        if removed_nodes or removed_edges:
            self.itemsRemoved.emit(removed_nodes, sorted(removed_edges))
        if added_nodes:
            self.nodesAdded.emit(added_nodes)
        if changed_nodes:
            self.nodesChanged.emit(changed_nodes)
        if added_edges:
            self.edgesAdded.emit(added_edges)
        if retyped:
            self.edgesChanged.emit(retyped)
        if sources_changed:
            self.documentsChanged.emit(sorted(set(old.documents) | set(amap.documents)))
        if added_nodes or removed_nodes or removed_edges or added_edges or retyped or any(
                old.nodes[i].mark != amap.nodes[i].mark for i in changed_nodes):
            self._evaluation = None
            self.evaluationChanged.emit()


def _same_ends(edge, other) -> bool:
    return other is not None and (edge.source, edge.target) == (other.source, other.target)


def _undercuts_of(amap: ArgumentMap, edge_ids: set[str]) -> set[str]:
    """The links that undercut these links (transitively)."""
    found: set[str] = set()
    frontier = set(edge_ids)
    while frontier:
        frontier = {e.id for e in amap.edges.values()
                    if e.target in frontier and e.id not in found and e.id not in edge_ids}
        found |= frontier
    return found


class SnapshotScene(MapScene):
    """A MapScene on a SnapshotDocument: ``show(amap, tallies)`` steps it to another moment."""

    def __init__(self, amap: ArgumentMap | None = None, tallies: dict[str, Tally] | None = None,
                 semantics: str = "grounded", parent: QObject | None = None) -> None:
        snapshot = SnapshotDocument(amap, tallies, semantics)
        super().__init__(snapshot, parent)
        self.snapshot = snapshot
        snapshot.setParent(self)
        self._show_votes()

    def show(self, amap: ArgumentMap, tallies: dict[str, Tally] | None = None) -> None:
        self.snapshot.show(amap, tallies)
        self.finish_animation()
        self._show_votes()

    def _show_votes(self) -> None:
        tallies = self.snapshot.tallies()
        for node_id, item in self.node_items.items():
            if hasattr(item, "set_votes"):  # cards that have a vote pill
                tally = tallies.get(node_id) or Tally(node_id)
                item.set_votes(tally.dots, tally.rating_mean, tally.rating_count)

    def cards_bounds(self, node_ids: Iterable[str] | None = None) -> QRectF:
        """The cards and links drawn (or these cards), in scene coordinates."""
        items = (list(self.node_items.values()) + list(self.edge_items.values())
                 if node_ids is None else [self.node_items[i] for i in node_ids
                                           if i in self.node_items])
        bounds = QRectF()
        for item in items:
            if item.isVisible():
                bounds = bounds.united(item.sceneBoundingRect())
        return bounds
