"""AuthorHighlight: one participant's cards at full strength, everyone else's dimmed on the canvas.

Done from outside the items. A dimmed card gets a QGraphicsOpacityEffect: the card is painted as
it always is and then composited faint as a whole, whatever its paint does with the painter's
opacity (a card sets it outright — for a defeated card, and back to 1.0 for its badges — which
would undo a plain item opacity). Links only ever lower their own opacity to the dimmed level,
so they take the cheaper item opacity. It follows the scene: re-applied after every change of
its items (a rebuild, new cards) and of authorship (a participant removed), and given the new
scene when the window switches maps. Every view of the scene shows the dimming (the audience
window too: the filter is something the facilitator shows the room).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QGraphicsItem, QGraphicsOpacityEffect

from debatemap.widgets.following import refollow

DIM_OPACITY = 0.3  # faint enough to recede, still legible when someone asks about it


class DimEffect(QGraphicsOpacityEffect):
    """Ours (an item may carry someone else's effect, which we leave alone)."""

    def __init__(self) -> None:
        super().__init__()
        self.setOpacity(DIM_OPACITY)


def is_dimmed(item: QGraphicsItem) -> bool:
    return isinstance(item.graphicsEffect(), DimEffect) or item.opacity() < 1.0


class AuthorHighlight(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scene = None
        self._participant: str | None = None
        self._dimming = False  # something may be dimmed (nothing to restore otherwise)

    def participant(self) -> str | None:
        """Whose cards stay at full strength (None: everyone's)."""
        return self._participant

    def set_participant(self, participant_id: str | None) -> None:
        self._participant = participant_id
        self.apply()

    def set_scene(self, scene) -> None:
        """Follow another MapScene (or none); the filter starts again at everyone."""
        refollow(self._scene, scene, self._connections)
        self._scene = scene
        self._participant = None
        self._dimming = False  # a new scene has new items

    def _connections(self, scene):
        return ((scene.mapChanged, self.apply), (scene.document.nodesChanged, self._authors_changed))

    def _authors_changed(self, _node_ids: list) -> None:
        self.apply()

    def lit_node_ids(self) -> set[str]:
        """The cards at full strength (all of them without a filter)."""
        if self._scene is None:
            return set()
        nodes = self._scene.document.map.nodes
        if self._participant is None:
            return set(self._scene.node_items)
        return {i for i in self._scene.node_items if i in nodes and nodes[i].author_id == self._participant}

    def apply(self) -> None:
        """Dim every card and link the current filter leaves out; restore the others."""
        scene = self._scene
        if scene is None or (self._participant is None and not self._dimming):
            return
        self._dimming = self._participant is not None
        lit = self.lit_node_ids()
        for node_id, item in scene.node_items.items():
            _dim_card(item, node_id not in lit)
        edges = scene.document.map.edges
        for edge_id, item in scene.edge_items.items():
            edge = edges.get(edge_id)
            # a link stays strong when it touches a lit card: it says what that card answers
            touches = edge is not None and (edge.source in lit or edge.target in lit)
            opacity = 1.0 if touches or self._participant is None else DIM_OPACITY
            if item.opacity() != opacity:
                item.setOpacity(opacity)


def _dim_card(item: QGraphicsItem, dim: bool) -> None:
    effect = item.graphicsEffect()
    if dim and effect is None:
        item.setGraphicsEffect(DimEffect())
    elif not dim and isinstance(effect, DimEffect):
        item.setGraphicsEffect(None)  # the item deletes it
