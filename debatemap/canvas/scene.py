"""MapScene: the graphics scene that mirrors one MapDocument through its signals (no editing UI)."""

from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from debatemap.canvas import style
from debatemap.canvas.display import grid_positions, needs_grid
from debatemap.canvas.edge_item import EdgeItem
from debatemap.canvas.motion import ArrangementMotion
from debatemap.canvas.node_item import NodeItem
from debatemap.canvas.overview import Overview
from debatemap.core.evaluation import Evaluation
from debatemap.core.model import Edge, Node
from debatemap.document.mapdocument import MapDocument

SCENE_MARGIN = 400.0  # room to scroll past the outermost nodes
EDGE_Z, SELECTED_EDGE_Z = -1.0, -0.5  # links under the cards, a selected one above the rest
NODE_Z, SELECTED_NODE_Z = 0.0, 1.0
RAISE_MAX = 500  # with more selected items than this none is raised above the others
PROGRESS_STEP = 250  # cards and links made between two progress reports (~50 ms of work)


class BuildCancelled(Exception):
    """The user stopped a large map's cards being made (see MapScene's ``progress``)."""


class MapScene(QGraphicsScene):
    """Items for every node and edge of the document, kept in step with its signals.

    The scene never changes the map itself: a finished drag becomes one MoveNodes command.
    """

    mapChanged = Signal()  # after the items changed in response to the document

    def __init__(self, document: MapDocument, parent=None, *,
                 progress: "Callable[[int, int], bool] | None" = None) -> None:
        """``progress(done, total)`` is called now and then while the cards are made (for a
        progress dialog); returning False stops and raises BuildCancelled."""
        super().__init__(parent)
        self.document = document
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: dict[str, EdgeItem] = {}
        self.display_grid = False  # nodes are shown in a grid because all are stored at 0,0
        self._drag_start: dict[str, QPointF] = {}
        self.labels_visible = True  # evaluation badges on the cards
        self._evaluation: Evaluation | None = None
        self._faded_edges: set[str] = set()
        self.hidden_nodes: set[str] = set()  # hidden by the view (collapsed, outside a focus)
        self.hidden_edges: set[str] = set()
        self.hidden_counts: dict[str, int] = {}  # collapsed node -> its "+N"
        #: the cards' bounding rectangle as of the last change (itemsBoundingRect walks every
        #: item: 60 ms at 10,000 cards, and views ask on every scroll)
        self.content_bounds = QRectF()
        self.overview = Overview(self)  # the map in miniature, for the minimap and far zoom
        self.motion = ArrangementMotion(self.node_items, self._arrived, self,
                                        after_slice=self.overview.refresh)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(style.palette().background)
        self._attached = False
        self._raised: list = []  # selected cards and links drawn above the others
        self._selection: tuple[list[str], list[str]] | None = None  # cached selected_ids()
        self.selectionChanged.connect(self.selection_changed)
        self._progress = progress
        try:
            self.rebuild()
        finally:
            self._progress = None
        for signal, slot in self._connections():
            signal.connect(slot)
        self._attached = True

    def selection_changed(self, chosen: tuple[list[str], list[str]] | None = None) -> None:
        """Follow a new selection (also called by whoever changed it with signals blocked;
        ``chosen``: the node and edge ids it selected after clearing, which spares reading
        10,000 items back): note the selected ids; draw the selected cards above the others
        and a selected link above the other links (still below the cards). Done here rather
        than in itemChange, which Qt calls ~10 times per item while a map is built; and not at
        all when very many are selected (select all at 10,000 cards), where it changes nothing."""
        for item in self._raised:
            if isinstance(item, EdgeItem):
                if item.edge_id in self.edge_items:  # not removed (or deleted by a rebuild) since
                    item.setZValue(EDGE_Z)
            elif self.node_items.get(item.node_id) is item:
                item.setZValue(NODE_Z)
        if chosen is None:
            selected = self.selectedItems()
            self._selection = ([i.node_id for i in selected if isinstance(i, NodeItem)],
                               [i.edge_id for i in selected if isinstance(i, EdgeItem)])
        else:  # Qt selects only what is shown
            nodes = [i for i in dict.fromkeys(chosen[0])
                     if i in self.node_items and i not in self.hidden_nodes]
            edges = [i for i in dict.fromkeys(chosen[1])
                     if i in self.edge_items and i not in self.hidden_edges]
            self._selection = (nodes, edges)
            selected = None
        count = len(self._selection[0]) + len(self._selection[1])
        if count > RAISE_MAX:
            self._raised = []
            return
        if selected is None:
            selected = ([self.node_items[i] for i in self._selection[0]]
                        + [self.edge_items[i] for i in self._selection[1]])
        self._raised = selected
        for item in self._raised:
            item.setZValue(SELECTED_EDGE_Z if isinstance(item, EdgeItem) else SELECTED_NODE_Z)

    def _connections(self):
        return (
            (self.document.evaluationChanged, self._on_evaluation_changed),
            (self.document.nodesArranged, self._on_nodes_arranged),
            (self.document.nodesAdded, self._on_nodes_added),
            (self.document.nodesChanged, self._on_nodes_changed),
            (self.document.edgesAdded, self._on_edges_added),
            (self.document.edgesChanged, self._on_edges_changed),
            (self.document.itemsRemoved, self._on_items_removed),
            (self.document.documentsChanged, self._on_documents_changed),
        )

    def detach(self) -> None:
        """Stop following the document (before it is closed or the scene is replaced)."""
        if not self._attached:
            return
        self._attached = False
        self.finish_animation()
        for signal, slot in self._connections():
            signal.disconnect(slot)
        for view in self.views():  # a view left on a dead scene is called back while it dies
            if hasattr(view, "set_map_scene"):
                view.set_map_scene(None)
            else:
                view.setScene(None)

    def refresh_palette(self, dark: bool | None = None) -> None:
        """Follow a changed system palette (or force light/dark)."""
        style.refresh_palette(dark)
        self.setBackgroundBrush(style.palette().background)
        self.overview.reset()
        self.update()

    def source_title(self, node: Node) -> str | None:
        """The title of the document a node's excerpt comes from, if it has one."""
        amap = self.document.map
        excerpt = amap.excerpts.get(node.excerpt_id) if node.excerpt_id else None
        if excerpt is None:
            return None
        document = amap.documents.get(excerpt.document_id)
        return document.title if document is not None else "missing document"

    def source_lost(self, node: Node) -> bool:
        """Whether a node's passage was lost when its document was re-imported."""
        excerpt = self.document.map.excerpts.get(node.excerpt_id) if node.excerpt_id else None
        return excerpt is not None and excerpt.status == "lost"

    def _show_node(self, item: NodeItem, node: Node) -> bool:
        return item.set_node(node, self.source_title(node), self.source_lost(node))

    def node_item_at(self, point: QPointF) -> NodeItem | None:
        """The card at ``point``, or the card whose link handle is there (half the handle lies
        outside the card, and a press on that half must still start a link)."""
        for item in self.items(point):
            if isinstance(item, NodeItem):
                return item
        reach = style.HANDLE_RADIUS + 4.0
        for item in self.items(QRectF(point.x() - reach, point.y() - reach, 2 * reach, 2 * reach)):
            if isinstance(item, NodeItem) and item.handle_contains(point):
                return item
        return None

    def edge_item_at(self, point: QPointF) -> EdgeItem | None:
        for item in self.items(point):
            if isinstance(item, NodeItem):
                return None  # a card covers the link here
            if isinstance(item, EdgeItem):
                return item
        return None

    def rebuild(self) -> None:
        self.finish_animation()
        self._raised = []  # clear() deletes them (and says the selection changed)
        self._selection = None
        self.clear()
        self.overview.reset()
        self._make_items()
        self._faded_edges = set()
        self._evaluation = None
        self._on_evaluation_changed()
        self.mapChanged.emit()

    def _make_items(self) -> None:
        self.node_items.clear()
        self.edge_items.clear()
        amap = self.document.map
        total = len(amap.nodes) + len(amap.edges)
        for count, node in enumerate(amap.nodes.values(), 1):
            self._add_node_item(node.id)
            if count % PROGRESS_STEP == 0:
                self._report(count, total)
        self.place_nodes()  # before the edges exist, so each edge is laid out once
        self._add_edge_items(self.document.map.edges)

    def selected_ids(self) -> tuple[list[str], list[str]]:
        """The selected node ids and edge ids (kept until the selection changes: half a dozen
        panels ask after each change, and 10,000 selected cards took 30 ms per asking)."""
        if self._selection is None:
            items = self.selectedItems()
            self._selection = ([i.node_id for i in items if isinstance(i, NodeItem)],
                               [i.edge_id for i in items if isinstance(i, EdgeItem)])
        nodes, edges = self._selection
        return list(nodes), list(edges)

    # ---- placement -----------------------------------------------------------------------

    def shown_positions(self) -> tuple[dict[str, tuple[float, float]], bool]:
        """Where the cards belong: the map's positions, or a display grid while every node is
        at 0,0 (then True)."""
        nodes = self.document.map.nodes
        grid = needs_grid(nodes)
        if grid:
            heights = {i: item.rect.height() for i, item in self.node_items.items()}
            return grid_positions(nodes, heights), True
        return {i: (n.x, n.y) for i, n in nodes.items()}, False

    def place_nodes(self, node_ids: Iterable[str] | None = None) -> None:
        """Put items where the map says, or in a display grid while every node is at 0,0."""
        positions, grid = self.shown_positions()
        if grid or grid != self.display_grid or node_ids is None:
            node_ids = positions.keys()
        self.display_grid = grid
        for node_id in node_ids:
            item = self.node_items.get(node_id)
            if item is not None and node_id in positions:
                item.setPos(*positions[node_id])
        self._update_scene_rect()

    # ---- arrangements glide ----------------------------------------------------------------

    def _on_nodes_arranged(self, node_ids: list[str]) -> None:
        """A layout (or its undo) moved these nodes: the cards glide there (or, very many,
        sweep there slice by slice). Nothing is written back; a second arrangement first
        finishes the running one."""
        self.motion.finish()
        positions, grid = self.shown_positions()
        ids = list(positions) if grid != self.display_grid else node_ids
        self.display_grid = grid
        moves = {}
        for node_id in ids:
            item = self.node_items.get(node_id)
            if item is not None and node_id in positions:
                target = QPointF(*positions[node_id])
                if item.pos() != target:
                    moves[node_id] = (item.pos(), target)
        if not self.motion.start(moves):
            self.mapChanged.emit()

    def _arrived(self) -> None:
        self._update_scene_rect()
        self.mapChanged.emit()

    def is_animating(self) -> bool:
        return self.motion.running()

    def finish_animation(self) -> None:
        """Put every moving card at its destination at once."""
        self.motion.finish()

    # ---- evaluation labels ---------------------------------------------------------------

    def evaluation(self) -> Evaluation | None:
        """The labels shown (the document's latest evaluation)."""
        return self._evaluation

    def _on_evaluation_changed(self) -> None:
        """The document's labels changed (once per event-loop turn of edits): relabel; only
        cards whose label or mark changed repaint."""
        self._evaluation = self.document.evaluation()
        self.apply_labels()

    def card_sizes(self) -> dict[str, tuple[float, float]]:
        """The cards' real sizes, for ``MapDocument.layout(sizes=...)``."""
        return {i: (item.rect.width(), item.rect.height()) for i, item in self.node_items.items()}

    def set_labels_visible(self, visible: bool) -> None:
        """Show or hide the evaluation badges (and the fading of defeated cards and links)."""
        visible = bool(visible)
        if visible != self.labels_visible:
            self.labels_visible = visible
            self.apply_labels()

    def apply_labels(self, node_ids: Iterable[str] | None = None) -> int:
        """Give the cards (all, or these) their labels; only cards whose label changed repaint.
        Returns how many changed."""
        evaluation = self._evaluation if self.labels_visible else None
        labels = evaluation.labels if evaluation is not None else {}
        manual = evaluation.manual if evaluation is not None else set()
        items = self.node_items
        changed = 0
        for node_id in (items if node_ids is None else node_ids):
            item = items.get(node_id)
            if item is not None and item.set_evaluation(labels.get(node_id), node_id in manual):
                changed += 1
        if node_ids is None:
            links = evaluation.link_labels if evaluation is not None else {}
            faded = {e for e, label in links.items() if label == "out" and e in self.edge_items}
            for edge_id in faded ^ self._faded_edges:
                item = self.edge_items.get(edge_id)
                if item is not None:
                    item.set_faded(edge_id in faded)
            self._faded_edges = faded
        return changed

    # ---- what the view hides -------------------------------------------------------------

    def set_hidden(self, node_ids: set[str], edge_ids: set[str],
                   counts: dict[str, int] | None = None) -> None:
        """Hide exactly these nodes and links (the view's collapse and focus); ``counts``: the
        "+N" of collapsed cards. Only items whose state changes are touched; hidden items
        leave the selection."""
        node_ids = {i for i in node_ids if i in self.node_items}
        edge_ids = {i for i in edge_ids if i in self.edge_items}
        for ids, items, old in ((node_ids, self.node_items, self.hidden_nodes),
                                (edge_ids, self.edge_items, self.hidden_edges)):
            for item_id in ids ^ old:
                item = items.get(item_id)
                if item is None:
                    continue
                hide = item_id in ids
                if hide and item.isSelected():
                    item.setSelected(False)
                item.setVisible(not hide)
        self.hidden_nodes, self.hidden_edges = node_ids, edge_ids
        self.overview.changed()
        counts = {i: n for i, n in (counts or {}).items() if i in self.node_items}
        for node_id in set(counts) | set(self.hidden_counts):
            item = self.node_items.get(node_id)
            if item is not None:
                item.set_hidden_count(counts.get(node_id, 0))
        self.hidden_counts = counts

    def visible_bounds(self, node_ids: Iterable[str] | None = None) -> QRectF:
        """The cards shown (or these of them), in scene coordinates."""
        bounds = QRectF()
        for node_id in (self.node_items if node_ids is None else node_ids):
            item = self.node_items.get(node_id)
            if item is not None and item.isVisible():
                bounds = bounds.united(item.sceneBoundingRect())
        return bounds

    def _update_scene_rect(self) -> None:
        bounds = self.content_bounds = self.overview.bounds()
        if bounds.isNull():
            bounds = QRectF(-200, -150, 400, 300)
        self.setSceneRect(bounds.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN))

    # ---- mirroring the document ----------------------------------------------------------

    def _add_node_item(self, node_id: str) -> NodeItem:
        node = self.document.map.nodes[node_id]
        item = NodeItem(node, self.source_title(node), source_lost=self.source_lost(node))
        # placed before it joins the scene: the BSP index may be built while a large map is
        # still being made (a progress dialog lets events run), and cards indexed at 0,0 and
        # moved later made every placement O(n) (23 s to open 10,000 cards)
        item.setPos(node.x, node.y)
        item.overview_dirty = self.overview.dirty_nodes
        self.overview.dirty_nodes.add(node_id)
        self.node_items[node_id] = item
        self.addItem(item)
        return item

    def _add_edge_items(self, edges: dict[str, Edge]) -> None:
        """Add items for these edges, an undercut's target edge before the undercut."""
        pending = dict(edges)

        def add(edge: Edge) -> None:
            pending.pop(edge.id, None)
            if edge.target in pending:
                add(pending[edge.target])
            source = self.node_items.get(edge.source)
            target = self.node_items.get(edge.target) or self.edge_items.get(edge.target)
            if source is None or target is None or edge.id in self.edge_items:
                return
            item = EdgeItem(edge, source, target)
            self.edge_items[edge.id] = item
            self.overview.dirty_edges.add(edge.id)
            source.edges.append(item)
            if isinstance(target, EdgeItem):
                target.dependents.append(item)
            else:
                target.edges.append(item)
            self.addItem(item)
            siblings = item.siblings()
            if len(siblings) > 1:  # links of one pair make room for each other
                for sibling in siblings:
                    sibling.update_geometry()

        done_before = len(self.node_items)
        while pending:
            add(next(iter(pending.values())))
            if self._progress is not None and len(self.edge_items) % PROGRESS_STEP == 0:
                self._report(done_before + len(self.edge_items), done_before + len(edges))

    def _report(self, done: int, total: int) -> None:
        if self._progress is not None and not self._progress(done, total):
            raise BuildCancelled("the cards were not all made")

    def _on_nodes_added(self, node_ids: list[str]) -> None:
        self.finish_animation()
        for node_id in node_ids:
            if node_id not in self.node_items and node_id in self.document.map.nodes:
                self._add_node_item(node_id)
        self.place_nodes(node_ids)
        self.apply_labels(node_ids)
        self._after_change()

    def _on_nodes_changed(self, node_ids: list[str]) -> None:
        self.finish_animation()
        changed = False
        for node_id in node_ids:
            item = self.node_items.get(node_id)
            if item is not None:
                changed = self._show_node(item, self.document.map.nodes[node_id]) or changed
        before = [(self.node_items[i].pos(), i) for i in node_ids if i in self.node_items]
        grid = self.display_grid
        self.place_nodes(node_ids)
        moved = grid != self.display_grid or any(self.node_items[i].pos() != p for p, i in before
                                                 if i in self.node_items)
        if changed or moved:  # a mark alone changes no card: its badge follows evaluationChanged
            self._after_change()

    def _on_edges_added(self, edge_ids: list[str]) -> None:
        edges = self.document.map.edges
        self._add_edge_items({i: edges[i] for i in edge_ids if i in edges})
        self._after_change()

    def _on_edges_changed(self, edge_ids: list[str]) -> None:
        for edge_id in edge_ids:
            item = self.edge_items.get(edge_id)
            edge = self.document.map.edges.get(edge_id)
            if item is not None and edge is not None:
                item.set_type(str(edge.type))
                self.overview.dirty_edges.add(edge_id)
        self._after_change()

    def _on_documents_changed(self, _document_ids: list) -> None:
        nodes = self.document.map.nodes
        for node_id, item in self.node_items.items():
            if nodes[node_id].excerpt_id:
                self._show_node(item, nodes[node_id])

    def _on_items_removed(self, node_ids: list[str], edge_ids: list[str]) -> None:
        self.finish_animation()
        for edge_id in edge_ids:
            item = self.edge_items.pop(edge_id, None)
            if item is None:
                continue
            siblings = [e for e in item.siblings() if e is not item]
            for holder in (item.source_item, item.target_item):
                for collection in (getattr(holder, "edges", []), getattr(holder, "dependents", [])):
                    if item in collection:
                        collection.remove(item)
            self.removeItem(item)
            for sibling in siblings:
                if sibling.edge_id in self.edge_items:
                    sibling.update_geometry()
        for node_id in node_ids:
            item = self.node_items.pop(node_id, None)
            if item is not None:
                self.removeItem(item)
        self.hidden_nodes -= set(node_ids)
        self.hidden_edges -= set(edge_ids)
        self.overview.dirty_nodes.update(node_ids)
        self.overview.dirty_edges.update(edge_ids)
        self._faded_edges -= set(edge_ids)
        for node_id in node_ids:
            self.hidden_counts.pop(node_id, None)
        self.place_nodes([])
        self._after_change()

    def _after_change(self) -> None:
        self.mapChanged.emit()

    # ---- a drag becomes one MoveNodes command --------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.finish_animation()
        super().mousePressEvent(event)
        self._drag_start = {
            item.node_id: item.pos() for item in self.selectedItems() if isinstance(item, NodeItem)
        }

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        start, self._drag_start = self._drag_start, {}
        moved = {
            node_id: (item.pos().x(), item.pos().y())
            for node_id, before in start.items()
            if (item := self.node_items.get(node_id)) is not None and item.pos() != before
        }
        if moved:
            self.commit_move(moved)

    def commit_move(self, moved: dict[str, tuple[float, float]]) -> bool:
        """Record where the user dragged nodes. While the display grid is showing, the other
        nodes' shown positions are written too (unpinned), so the map keeps looking the same."""
        positions = dict(moved)
        if self.display_grid:
            for node_id, item in self.node_items.items():
                positions.setdefault(node_id, (item.pos().x(), item.pos().y()))
        if not self.document.move_nodes(positions, pinned=list(moved)):
            self.place_nodes()  # the move was refused: put the items back where the map says
            return False
        return True
