"""VoteSync: keeps the vote pills of a MapScene's cards in step with the workshop's votes.

Every view of the scene (the editor, presentation mode, the audience window) paints the same
items, so one VoteSync per scene is enough. It lives as long as the scene (its Qt parent).
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QObject

from debatemap.canvas.scene import MapScene
from debatemap.core.tallies import Tally


class VoteSync(QObject):
    """Shows every card's tally now, then follows ``votesChanged`` and new cards (a removed
    card that an undo brings back returns with its votes)."""

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self.scene = scene
        self.workshop = scene.document.workshop
        self.workshop.votesChanged.connect(self.refresh)
        scene.document.nodesAdded.connect(self.refresh)
        self.refresh()

    def refresh(self, node_ids: Iterable[str] | None = None) -> int:
        """Update the pills of these cards (every card when None); how many changed."""
        items = self.scene.node_items
        tallies = self.workshop.tallies()
        ids = items.keys() if node_ids is None else [i for i in node_ids if i in items]
        changed = 0
        for node_id in ids:
            tally = tallies.get(node_id) or Tally(node_id)
            changed += items[node_id].set_votes(tally.dots, tally.rating_mean, tally.rating_count)
        return changed


def install_vote_sync(scene: MapScene) -> VoteSync:
    """The scene's VoteSync, made on first call (installing twice changes nothing)."""
    existing = scene.findChild(VoteSync)
    return existing if existing is not None else VoteSync(scene)
