"""Overview: the whole map as miniature cards and straight links, kept in step with the scene's
items card by card, drawn in a few batched calls for the minimap and for the view when it is
zoomed out too far to read a card (painting 10,000 items one by one took half a second)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from debatemap.canvas import style

if TYPE_CHECKING:
    from debatemap.canvas.edge_item import EdgeItem
    from debatemap.canvas.node_item import NodeItem
    from debatemap.canvas.scene import MapScene

BLOCK_BELOW_PX = 24.0  # a card narrower than this on screen is drawn as one block of its kind colour
LINK_ALPHA = 150


class Overview:
    """Scene-space geometry of every card (its rectangle, centre and bounds with badges) and
    every link (centre to centre). Items report what changed into ``dirty_nodes`` and
    ``dirty_edges``; ``refresh`` reads only those items again."""

    def __init__(self, scene: "MapScene") -> None:
        self.scene = scene
        self.dirty_nodes: set[str] = set()
        self.dirty_edges: set[str] = set()
        self._everything = True  # read every item at the next refresh
        #: node id -> (kind colour, card, centre x, y, bounds left, top, right, bottom) (flat:
        #: at 10,000 cards every object per card is a megabyte)
        self._cards: dict[str, tuple] = {}
        self._links: dict[str, tuple[str, QLineF]] = {}
        self._version = 0
        self._bounds: QRectF | None = None
        self._batches_key: tuple | None = None
        self._batches: tuple = ({}, {}, [])
        self._band_batches: dict[int, list[QRectF]] | None = None

    def reset(self) -> None:
        """The scene was rebuilt: read every item again."""
        self._everything = True
        self.dirty_nodes.clear()
        self.dirty_edges.clear()

    def changed(self) -> None:
        """Something not tracked per item changed (e.g. what is hidden): batch again."""
        self._version += 1

    # ---- keeping in step -----------------------------------------------------------------

    def refresh(self) -> None:
        """Read the items that changed since the last refresh (all of them after ``reset``)."""
        nodes, edges = self.scene.node_items, self.scene.edge_items
        if self._everything:
            self._everything = False
            self.dirty_nodes.clear()
            self.dirty_edges.clear()
            self._cards = {node_id: _card(item) for node_id, item in nodes.items()}
            self._links = {}
            for edge_id, item in edges.items():
                self._put_link(edge_id, item)
            self._touch()
            return
        if not self.dirty_nodes and not self.dirty_edges:
            return
        dirty_nodes, dirty_edges = set(self.dirty_nodes), set(self.dirty_edges)
        self.dirty_nodes.clear()  # emptied, not replaced: every card holds this very set
        self.dirty_edges.clear()
        for node_id in dirty_nodes:
            item = nodes.get(node_id)
            if item is None:
                self._cards.pop(node_id, None)
                continue
            self._cards[node_id] = _card(item)
            for edge in item.edges:
                dirty_edges.add(edge.edge_id)
        pending = list(dirty_edges)
        while pending:  # an undercut ends on the middle of the link it attacks
            item = edges.get(pending.pop())
            if item is not None:
                pending.extend(d.edge_id for d in item.dependents if d.edge_id not in dirty_edges)
                dirty_edges.update(d.edge_id for d in item.dependents)
        for edge_id in sorted(dirty_edges, key=lambda i: _depth(edges.get(i))):
            item = edges.get(edge_id)  # links before the undercuts that end on them
            if item is None:
                self._links.pop(edge_id, None)
            else:
                self._put_link(edge_id, item)
        self._touch()

    def _touch(self) -> None:
        self._version += 1
        self._bounds = None

    def _put_link(self, edge_id: str, item: "EdgeItem") -> None:
        start = self._centre(item.source_item)
        end = self._centre(item.target_item)
        if start is not None and end is not None:
            self._links[edge_id] = (item.edge_type, QLineF(start[0], start[1], end[0], end[1]))

    def _centre(self, item) -> tuple[float, float] | None:
        node_id = getattr(item, "node_id", None)
        if node_id is not None:
            card = self._cards.get(node_id)
            return None if card is None else (card[2], card[3])
        link = self._links.get(item.edge_id)
        if link is None:
            self._put_link(item.edge_id, item)
            link = self._links.get(item.edge_id)
        if link is None:
            return None
        middle = link[1].center()
        return middle.x(), middle.y()

    # ---- reading -------------------------------------------------------------------------

    def bounds(self) -> QRectF:
        """Every card with its badges and handle, in scene coordinates (null for no cards)."""
        self.refresh()
        if self._bounds is None:
            cards = self._cards.values()
            if cards:
                left = min(card[4] for card in cards)
                top = min(card[5] for card in cards)
                right = max(card[6] for card in cards)
                bottom = max(card[7] for card in cards)
                self._bounds = QRectF(left, top, right - left, bottom - top)
            else:
                self._bounds = QRectF()
        return QRectF(self._bounds)

    def card_rect(self, node_id: str) -> QRectF | None:
        self.refresh()
        card = self._cards.get(node_id)
        return None if card is None else QRectF(card[1])

    def _batched(self):
        """(cards by colour, links by type, all shown cards), without what is hidden; made
        again only when something changed."""
        self.refresh()
        scene = self.scene
        hidden_nodes, hidden_edges = scene.hidden_nodes, scene.hidden_edges
        key = (self._version, id(hidden_nodes), len(hidden_nodes), id(hidden_edges), len(hidden_edges))
        if key != self._batches_key:
            cards: dict[int, list[QRectF]] = {}
            shown: list[QRectF] = []
            for node_id, (colour, rect, *_rest) in self._cards.items():
                if node_id in hidden_nodes:
                    continue
                cards.setdefault(colour, []).append(rect)
                shown.append(rect)
            links: dict[str, list[QLineF]] = {}
            for edge_id, (edge_type, line) in self._links.items():
                if edge_id not in hidden_edges:
                    links.setdefault(edge_type, []).append(line)
            self._batches_key, self._batches = key, (cards, links, shown)
            self._band_batches = None
        return self._batches

    def _bands(self, cards: dict[int, list[QRectF]]) -> dict[int, list[QRectF]]:
        """The bands of the batched cards, made when miniature cards are first drawn."""
        if self._band_batches is None:
            band = style.BAND_HEIGHT
            self._band_batches = {colour: [QRectF(r.x(), r.y(), r.width(), min(band, r.height()))
                                           for r in rects] for colour, rects in cards.items()}
        return self._band_batches

    # ---- drawing -------------------------------------------------------------------------

    def draw(self, painter: QPainter, selected: Iterable[str] = (), muted_links: bool = False,
             blocks: bool = False) -> None:
        """Draw into a painter whose transform maps scene coordinates: links, then cards (one
        block of their kind colour when tiny or ``blocks``, else a miniature card with its band), then an
        outline around the selected ones. Cosmetic pens keep every card and link at least one
        pixel however far out."""
        cards, links, shown = self._batched()
        colors = style.palette()
        scale = abs(painter.worldTransform().m11()) or 1.0
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for edge_type, lines in links.items():
            color = QColor(colors.muted if muted_links else style.edge_color(edge_type))
            color.setAlpha(110 if muted_links else LINK_ALPHA)
            painter.setPen(QPen(color, 0))
            painter.drawLines(lines)
        if blocks or style.NODE_WIDTH * scale < BLOCK_BELOW_PX:
            for colour, rects in cards.items():
                color = QColor.fromRgba(colour)
                painter.setPen(QPen(color, 0))
                painter.setBrush(color)
                painter.drawRects(rects)
        else:
            painter.setPen(QPen(colors.node_border, 0))
            painter.setBrush(colors.node_fill)
            painter.drawRects(shown)
            painter.setPen(Qt.PenStyle.NoPen)
            for colour, rects in self._bands(cards).items():
                painter.setBrush(QColor.fromRgba(colour))
                painter.drawRects(rects)
        outlined = [rect for node_id in selected
                    if (card := self._cards.get(node_id)) is not None for rect in (card[1],)]
        if outlined:
            pen = QPen(colors.selection, 2.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects([r.adjusted(-2 / scale, -2 / scale, 2 / scale, 2 / scale) for r in outlined])
        painter.restore()


def _card(item: "NodeItem") -> tuple:
    """(kind colour, card rectangle, centre x, centre y, bounds incl. badges as left, top,
    right, bottom), in scene coordinates."""
    pos = item.pos()
    x, y = pos.x(), pos.y()
    left, top, width, height = item.card_geometry()
    bounds = item.boundingRect()
    return (item.band_rgba(), QRectF(x + left, y + top, width, height),
            x + left + width / 2, y + top + height / 2,
            x + bounds.left(), y + bounds.top(), x + bounds.right(), y + bounds.bottom())


def _depth(item: "EdgeItem | None") -> int:
    """0 for a link between cards (or a removed one), 1 for an undercut of such a link..."""
    depth = 0
    while item is not None and not hasattr(item.target_item, "node_id"):
        item, depth = item.target_item, depth + 1
    return depth
