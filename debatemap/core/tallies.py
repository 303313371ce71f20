"""Vote tallies: dots and agreement ratings per node, per participant, and the results ranking."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from debatemap.core.errors import InvalidValueError
from debatemap.core.model import Vote

#: How ``ranked`` (and ``Workshop.results``) can order the voted nodes.
RESULT_ORDERS = ("dots", "rating")


@dataclass(frozen=True)
class ParticipantVotes:
    dots: int = 0
    rating: int | None = None


@dataclass(frozen=True)
class Tally:
    """The votes on one node: dots in total, the ratings, and each participant's share
    (``by_participant`` in the participants' order)."""

    node_id: str
    dots: int = 0
    dot_voters: int = 0
    rating_total: int = 0
    rating_count: int = 0
    by_participant: dict[str, ParticipantVotes] = field(default_factory=dict)

    @property
    def rating_mean(self) -> float | None:
        return self.rating_total / self.rating_count if self.rating_count else None


def tally_votes(votes: Iterable[Vote], participant_order: Sequence[str]) -> dict[str, Tally]:
    """The tally of every node that has a vote, by node id."""
    found: dict[str, dict[str, tuple[int, int | None]]] = {}
    for vote in votes:
        entry = found.setdefault(vote.node_id, {})
        dots, rating = entry.get(vote.participant_id, (0, None))
        if vote.kind == "dot":
            dots = vote.value
        else:
            rating = vote.value
        entry[vote.participant_id] = (dots, rating)
    order = {pid: i for i, pid in enumerate(participant_order)}
    result = {}
    for node_id, entry in found.items():
        people = sorted(entry, key=lambda pid: (order.get(pid, len(order)), pid))
        by = {pid: ParticipantVotes(*entry[pid]) for pid in people}
        ratings = [p.rating for p in by.values() if p.rating is not None]
        result[node_id] = Tally(
            node_id=node_id,
            dots=sum(p.dots for p in by.values()),
            dot_voters=sum(1 for p in by.values() if p.dots),
            rating_total=sum(ratings),
            rating_count=len(ratings),
            by_participant=by,
        )
    return result


def ranked(tallies: Iterable[Tally], node_order: Sequence[str], order: str = "dots") -> list[Tally]:
    """Best first: by dots (then mean rating, then number of ratings), or by mean rating (then
    number of ratings, then dots); ties keep ``node_order`` (the map's order)."""
    if order not in RESULT_ORDERS:
        raise InvalidValueError(f"unknown order {order!r} (one of: dots, rating)")
    position = {node_id: i for i, node_id in enumerate(node_order)}

    def mean(t: Tally) -> float:
        return t.rating_mean if t.rating_mean is not None else -math.inf

    if order == "dots":
        def key(t: Tally):
            return (-t.dots, -mean(t), -t.rating_count, position.get(t.node_id, len(position)))
    else:
        def key(t: Tally):
            return (-mean(t), -t.rating_count, -t.dots, position.get(t.node_id, len(position)))
    return sorted(tallies, key=key)
