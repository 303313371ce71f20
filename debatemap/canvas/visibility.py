"""What the view hides: collapsed subtrees and the world outside a focus (pure, no Qt).

The hierarchy is the one the layout uses: reasons hang below what they are about. A link
``a -> b`` of type support, attack, premise, conclusion or undercut makes ``a`` a child of
``b``; an undercut aimed at a link hangs under the node that link (or the chain of links it
attacks) ends at.
"""

from __future__ import annotations

from collections import deque
from typing import Iterable

from debatemap.core.model import EdgeType

HIERARCHICAL = frozenset({EdgeType.SUPPORT, EdgeType.ATTACK, EdgeType.PREMISE,
                          EdgeType.CONCLUSION, EdgeType.UNDERCUT})


def _end_node(amap, edge_id: str) -> str | None:
    """The node a link (or a chain of undercuts of links) finally points at."""
    seen: set[str] = set()
    edge = amap.edges.get(edge_id)
    while edge is not None and edge.id not in seen:
        seen.add(edge.id)
        if edge.target in amap.nodes:
            return edge.target
        edge = amap.edges.get(edge.target)
    return None


def children_of(amap) -> dict[str, list[str]]:
    """Node id -> the ids of the nodes hanging below it."""
    children: dict[str, list[str]] = {}
    for edge in amap.edges.values():
        if str(edge.type) not in HIERARCHICAL or edge.source not in amap.nodes:
            continue
        parent = edge.target if edge.target in amap.nodes else _end_node(amap, edge.target)
        if parent is None or parent == edge.source:
            continue
        children.setdefault(parent, []).append(edge.source)
    return children


def collapsed_hidden(amap, collapsed: Iterable[str]) -> tuple[set[str], dict[str, int]]:
    """The nodes hidden because they hang (transitively) below a collapsed node and no other
    visible, expanded parent still holds them; and per collapsed node how many of the hidden
    ones hang below it."""
    collapsed = {c for c in collapsed if c in amap.nodes}
    if not collapsed:
        return set(), {}
    children = children_of(amap)
    below: set[str] = set()  # every descendant of a collapsed node
    queue = deque(collapsed)
    while queue:
        for child in children.get(queue.popleft(), ()):
            if child not in below:
                below.add(child)
                queue.append(child)
    visible = {n for n in amap.nodes if n not in below}
    queue = deque(n for n in visible if n not in collapsed)
    while queue:
        for child in children.get(queue.popleft(), ()):
            if child not in visible:
                visible.add(child)
                if child not in collapsed:
                    queue.append(child)
    hidden = below - visible
    counts: dict[str, int] = {}
    for node in collapsed:
        reached: set[str] = set()
        queue = deque([node])
        while queue:
            for child in children.get(queue.popleft(), ()):
                if child in hidden and child not in reached:
                    reached.add(child)
                    queue.append(child)
        counts[node] = len(reached)
    return hidden, counts


def neighbourhood(amap, node_id: str, levels: int) -> set[str]:
    """The node and every node within ``levels`` link steps of it, in any direction (an
    undercut of a link is a step to and from both ends of that link)."""
    if node_id not in amap.nodes:
        return set()
    adjacent: dict[str, set[str]] = {}

    def ends(target: str) -> list[str]:
        if target in amap.nodes:
            return [target]
        edge, seen, found = amap.edges.get(target), set(), []
        while edge is not None and edge.id not in seen:
            seen.add(edge.id)
            found.append(edge.source)
            if edge.target in amap.nodes:
                found.append(edge.target)
                break
            edge = amap.edges.get(edge.target)
        return found

    for edge in amap.edges.values():
        if edge.source not in amap.nodes:
            continue
        for other in ends(edge.target):
            if other != edge.source:
                adjacent.setdefault(edge.source, set()).add(other)
                adjacent.setdefault(other, set()).add(edge.source)
    seen = {node_id}
    frontier = [node_id]
    for _ in range(max(0, int(levels))):
        step = []
        for node in frontier:
            for other in adjacent.get(node, ()):
                if other not in seen:
                    seen.add(other)
                    step.append(other)
        frontier = step
        if not frontier:
            break
    return seen


def hidden_edges(amap, hidden_nodes: set[str]) -> set[str]:
    """Links with a hidden end (an undercut whose attacked link is hidden is hidden too)."""
    if not hidden_nodes:
        return set()
    result: set[str] = set()

    def hidden(edge_id: str, seen: frozenset = frozenset()) -> bool:
        if edge_id in result:
            return True
        edge = amap.edges.get(edge_id)
        if edge is None or edge_id in seen:
            return False
        if edge.source in hidden_nodes:
            return True
        if edge.target in amap.nodes:
            return edge.target in hidden_nodes
        return hidden(edge.target, seen | {edge_id})

    for edge_id in amap.edges:
        if hidden(edge_id):
            result.add(edge_id)
    return result
