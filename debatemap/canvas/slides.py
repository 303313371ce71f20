"""What presentation mode steps through: a node's subtree and the order of the "slides" (no Qt).

The hierarchy is the one collapse and the layout use (``visibility.children_of``: reasons hang
below what they are about). A slide is a node shown with its subtree. The slides are every
top-level node, every node directly below one (so a map without questions, like the sample,
still steps through its main reasons) and every question anywhere, in reading order: depth
first, siblings left to right (top to bottom when they are stacked vertically).
"""

from __future__ import annotations

from typing import Mapping

from debatemap.canvas.visibility import children_of
from debatemap.core.model import NodeKind

Positions = Mapping[str, tuple[float, float]]


def subtree(amap, node_id: str) -> set[str]:
    """The node and everything hanging (transitively) below it."""
    if node_id not in amap.nodes:
        return set()
    children = children_of(amap)
    found = {node_id}
    stack = [node_id]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _reading_order(ids: list[str], positions: Positions) -> list[str]:
    """Left to right, or top to bottom when the nodes are stacked more than spread."""
    placed = [i for i in ids if i in positions]
    if len(placed) < 2:
        return sorted(ids, key=lambda i: positions.get(i, (0.0, 0.0)))
    xs = [positions[i][0] for i in placed]
    ys = [positions[i][1] for i in placed]
    vertical = max(ys) - min(ys) > max(xs) - min(xs)

    def key(node_id: str):
        x, y = positions.get(node_id, (0.0, 0.0))
        return (y, x, node_id) if vertical else (x, y, node_id)

    return sorted(ids, key=key)


def reading_order(amap, positions: Positions) -> list[str]:
    """Every node once: depth first from the top-level nodes, siblings in reading order. Nodes
    reachable only through a cycle start their own walk (so none is left out)."""
    children = children_of(amap)
    has_parent = {child for kids in children.values() for child in kids}
    roots = _reading_order([n for n in amap.nodes if n not in has_parent], positions)
    rest = _reading_order([n for n in amap.nodes if n in has_parent], positions)
    order: list[str] = []
    seen: set[str] = set()
    for start in roots + rest:
        stack = [start]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            order.append(node)
            kids = _reading_order([c for c in children.get(node, ()) if c not in seen], positions)
            stack.extend(reversed(kids))
    return order


def slides(amap, positions: Positions) -> list[str]:
    """The nodes presentation mode steps through, in order (see the module docstring)."""
    children = children_of(amap)
    has_parent = {child for kids in children.values() for child in kids}
    top = [n for n in amap.nodes if n not in has_parent]
    below_top = {child for node in top for child in children.get(node, ())}
    return [n for n in reading_order(amap, positions)
            if n not in has_parent or n in below_top or amap.nodes[n].kind == NodeKind.QUESTION]


def step_slide(amap, positions: Positions, current: str | None, step: int) -> str | None:
    """The slide ``step`` (+1 next, -1 previous) from ``current``; from a node that is not a
    slide itself, the nearest slide after (or before) it in reading order. None at the end, or
    the first (last) slide when there is no current node."""
    shown = slides(amap, positions)
    if not shown:
        return None
    if current is None or current not in amap.nodes:
        return shown[0] if step > 0 else shown[-1]
    if current in shown:
        index = shown.index(current) + (1 if step > 0 else -1)
        return shown[index] if 0 <= index < len(shown) else None
    order = reading_order(amap, positions)
    at = order.index(current)
    slide_set = set(shown)
    ahead = order[at + 1:] if step > 0 else reversed(order[:at])
    return next((n for n in ahead if n in slide_set), None)
