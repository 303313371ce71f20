"""Removal: what one removal took from a map, enough to put it back exactly."""

from __future__ import annotations

from dataclasses import dataclass, field

from debatemap.core.model import AgendaItem, Edge, Excerpt, Node, Vote


@dataclass
class Removal:
    """Nodes, edges and excerpts that went together, with the removed nodes' votes and agenda
    items (each agenda item's ordinal is the place it had)."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)  # in an order that can be re-added
    excerpts: list[Excerpt] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
