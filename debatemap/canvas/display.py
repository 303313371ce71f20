"""Display-only placement: where to show nodes whose stored positions say nothing (all at 0,0)."""

from __future__ import annotations

import math
from typing import Mapping

from debatemap.canvas import style
from debatemap.core.model import Node

H_GAP = 60.0
V_GAP = 50.0


def needs_grid(nodes: Mapping[str, Node]) -> bool:
    """True when every node sits at the origin, as nodes added on the command line do."""
    return len(nodes) > 1 and all(n.x == 0 and n.y == 0 for n in nodes.values())


def grid_positions(
    nodes: Mapping[str, Node], heights: Mapping[str, float]
) -> dict[str, tuple[float, float]]:
    """Centres for the nodes in a grid, in creation order, rows as tall as their tallest card,
    the whole grid centred on the origin. Nothing is written back to the map."""
    ordered = sorted(nodes.values(), key=lambda n: n.created)
    if not ordered:
        return {}
    columns = max(1, min(5, math.ceil(math.sqrt(len(ordered)))))
    rows = [ordered[i : i + columns] for i in range(0, len(ordered), columns)]
    row_heights = [max(heights.get(n.id, 80.0) for n in row) for row in rows]
    cell_width = style.NODE_WIDTH + H_GAP
    total_width = cell_width * min(columns, len(ordered)) - H_GAP
    total_height = sum(row_heights) + V_GAP * (len(rows) - 1)
    positions: dict[str, tuple[float, float]] = {}
    top = -total_height / 2
    for row, height in zip(rows, row_heights):
        for column, node in enumerate(row):
            x = -total_width / 2 + style.NODE_WIDTH / 2 + column * cell_width
            positions[node.id] = (x, top + height / 2)
        top += height + V_GAP
    return positions
