"""Automatic layout of an argument map: pure Python, no Qt.

What sits where
    The *parent* of a link is what the link is about: the target of a support, attack or
    undercut, the argument of its premises, the claim of an argument's conclusion. Parents are
    drawn above their reasons (``direction="TB"``) or left of them (``"LR"``); the main claims,
    which are nobody's reasons, come first. An undercut of a link is a child of the link's
    target, placed right next to the reason whose link it attacks. Contrary, contradictory and
    entails relations are not hierarchical and do not shape the layers.

    Children of one parent are grouped by relation, supports (and the arguments concluding the
    claim) first, then premises, attacks, undercuts; within a group by creation time, then id.

How
    Each connected part of the hierarchy is laid out on its own. A tree is drawn with the
    linear-time tidy tree of Buchheim, Jünger & Leipert (``layout_tree``); anything else
    (shared premises, cycles) with a Sugiyama-style layered method (``layout_layered``). Levels
    are as deep as their deepest card. Parts that hold no pinned node are packed side by side
    in shelves, the shelf length chosen for a screen-like overall shape.

Pinned nodes
    never move. By default (``move_all=False``) a part that holds pinned nodes is laid out as a
    whole, then every unpinned node is placed relative to its nearest pinned ancestor (or the
    part's first pinned node) and nudged to the nearest free spot if it would overlap a card
    already there. Parts without pinned nodes are shifted until they clear every placed card.

Everything is deterministic: nodes are ordered by (creation time, id), never by dict or hash
order, so the same map gives the same positions whatever order its nodes and edges were added.
"""

from __future__ import annotations

import math
from datetime import timezone
from typing import Mapping

from debatemap.core.card_metrics import estimate_size, text_lines  # noqa: F401 (public)
from debatemap.core.errors import MissingItemError
from debatemap.core.layout_layered import layered
from debatemap.core.layout_tree import tidy_tree
from debatemap.core.model import EdgeType

Size = tuple[float, float]
Point = tuple[float, float]

# ---- the hierarchy ---------------------------------------------------------------------------

_GROUP = {
    EdgeType.SUPPORT: 0,
    EdgeType.CONCLUSION: 0,
    EdgeType.PREMISE: 1,
    EdgeType.ATTACK: 2,
    EdgeType.UNDERCUT: 3,
}
_HIERARCHICAL = frozenset(_GROUP)

DEFAULT_SPACING = {"TB": (40.0, 60.0), "LR": (20.0, 80.0)}
CLEARANCE = 12.0  # unpinned cards keep at least this far from every other card


def _created_key(node) -> float:
    created = node.created
    try:
        if created.tzinfo is None:
            created = created.replace(tzinfo=timezone.utc)
        return created.timestamp()
    except (AttributeError, ValueError, OverflowError):
        return 0.0


class _Graph:
    """The map as integers in stable order, with the parent -> children hierarchy."""

    def __init__(self, amap) -> None:
        nodes = sorted(amap.nodes.values(), key=lambda n: (_created_key(n), n.id))
        self.nodes = nodes
        self.ids = [n.id for n in nodes]
        self.index = {node_id: i for i, node_id in enumerate(self.ids)}
        n = len(nodes)
        edges = sorted(amap.edges.values(), key=lambda e: (_created_key(e), e.id))
        best: dict[tuple[int, int], int] = {}  # (parent, child) -> group
        beside: dict[int, list[tuple[int, int]]] = {}  # parent -> [(undercutter, attacked reason)]
        for edge in edges:
            try:
                kind = EdgeType(edge.type)
            except ValueError:
                continue
            if kind not in _HIERARCHICAL:
                continue
            child = self.index.get(edge.source)
            if child is None:
                continue
            # the target is what the link is about: supported claim, the argument of a premise,
            # the claim an argument concludes, the attacked node
            parent = self.index.get(edge.target)
            reason = None
            if parent is None and kind == EdgeType.UNDERCUT:
                parent, reason = self._edge_parent(amap, edge.target)
            if parent is None or parent == child:
                continue
            key = (parent, child)
            group = _GROUP[kind]
            if key not in best or group < best[key]:
                best[key] = group
            if reason is not None and reason != child:
                beside.setdefault(parent, []).append((child, reason))
        self.pairs = sorted(best)
        children: list[list[int]] = [[] for _ in range(n)]
        for parent, child in self.pairs:
            children[parent].append(child)
        for parent in range(n):
            kids = children[parent]
            if len(kids) > 1:
                kids.sort(key=lambda c: (best[(parent, c)], c))
        for parent, moves in beside.items():
            children[parent] = _place_beside(children[parent], moves)
        self.children = children
        self.parents: list[list[int]] = [[] for _ in range(n)]
        for parent in range(n):
            for child in children[parent]:
                self.parents[child].append(parent)

    def _edge_parent(self, amap, edge_id: str):
        """The node an undercut of this edge hangs under, and the reason whose link it attacks."""
        seen = set()
        edge = amap.edges.get(edge_id)
        while edge is not None and edge.id not in seen:
            seen.add(edge.id)
            if edge.target in amap.nodes:
                return self.index.get(edge.target), self.index.get(edge.source)
            edge = amap.edges.get(edge.target)
        return None, None

    def components(self) -> list[list[int]]:
        n = len(self.ids)
        seen = [False] * n
        found = []
        for start in range(n):
            if seen[start]:
                continue
            seen[start] = True
            part = [start]
            stack = [start]
            while stack:
                v = stack.pop()
                for w in self.children[v]:
                    if not seen[w]:
                        seen[w] = True
                        part.append(w)
                        stack.append(w)
                for w in self.parents[v]:
                    if not seen[w]:
                        seen[w] = True
                        part.append(w)
                        stack.append(w)
            part.sort()
            found.append(part)
        return found


def _place_beside(kids: list[int], moves: list[tuple[int, int]]) -> list[int]:
    """Move each undercutter right after the reason whose link it attacks."""
    movers = {}
    for mover, reason in moves:
        if mover in kids and reason in kids and mover not in movers:
            movers[mover] = reason
    if not movers:
        return kids
    after: dict[int, list[int]] = {}
    for mover in kids:
        if mover in movers:
            after.setdefault(movers[mover], []).append(mover)
    result: list[int] = []
    placed: set[int] = set()

    def put(v: int) -> None:
        if v in placed:
            return
        placed.add(v)
        result.append(v)
        for m in after.get(v, ()):
            put(m)

    for v in kids:
        if v in movers and movers[v] not in placed:
            continue  # it comes with its reason
        put(v)
    for v in kids:  # movers whose reason chain loops back
        put(v)
    return result


# ---- geometry helpers ------------------------------------------------------------------------


class _Grid:
    """Rectangles (left, top, right, bottom) in a uniform grid, for "is this spot free?"."""

    CELL = 256.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.rects: list[tuple[float, float, float, float]] = []
        self.right = -math.inf
        self.bottom = -math.inf
        self.left = math.inf
        self.top = math.inf

    def _span(self, l, t, r, b):
        c = self.CELL
        return range(math.floor(l / c), math.floor(r / c) + 1), range(math.floor(t / c), math.floor(b / c) + 1)

    def add(self, rect) -> None:
        index = len(self.rects)
        self.rects.append(rect)
        xs, ys = self._span(*rect)
        for i in xs:
            for j in ys:
                self.cells.setdefault((i, j), []).append(index)
        l, t, r, b = rect
        self.left = min(self.left, l)
        self.top = min(self.top, t)
        self.right = max(self.right, r)
        self.bottom = max(self.bottom, b)

    def hits(self, rect, clearance: float) -> list[tuple[float, float, float, float]]:
        """The stored rectangles closer than ``clearance`` to ``rect``."""
        if not self.rects:
            return []
        l, t, r, b = rect
        l -= clearance
        t -= clearance
        r += clearance
        b += clearance
        if l >= self.right or r <= self.left or t >= self.bottom or b <= self.top:
            return []
        found = []
        seen = set()
        xs, ys = self._span(l, t, r, b)
        if len(xs) * len(ys) > 4 * len(self.rects):  # a huge query: scan instead
            candidates = range(len(self.rects))
        else:
            candidates = (k for i in xs for j in ys for k in self.cells.get((i, j), ()))
        for k in candidates:
            if k in seen:
                continue
            seen.add(k)
            ol, ot, orr, ob = self.rects[k]
            if l < orr and ol < r and t < ob and ot < b:
                found.append(self.rects[k])
        return found


def _rect(u: float, v: float, b: float, d: float) -> tuple[float, float, float, float]:
    return (u - b / 2, v - d / 2, u + b / 2, v + d / 2)


def _spacing(spacing, direction: str) -> tuple[float, float]:
    if spacing is None:
        return DEFAULT_SPACING[direction]
    if isinstance(spacing, (int, float)):
        return (float(spacing), float(spacing) * 1.5)
    across, along = spacing
    return (float(across), float(along))


def _check_direction(direction: str) -> None:
    if direction not in DEFAULT_SPACING:
        raise ValueError(f"unknown layout direction {direction!r} (TB or LR)")


# ---- one connected part ----------------------------------------------------------------------


class _Part:
    """One connected part laid out in its own abstract frame (u across levels, v along them),
    its bounding box starting at (0, 0)."""

    def __init__(self, graph: _Graph, members: list[int], breadth, depth, gaps, ops, stats) -> None:
        gap_b, gap_d = gaps
        self.members = members
        m = len(members)
        local = {v: i for i, v in enumerate(members)}
        kids = [[local[c] for c in graph.children[v]] for v in members]
        b = [breadth[v] for v in members]
        is_tree = all(len(graph.parents[v]) <= 1 for v in members) and sum(map(len, kids)) == m - 1
        if is_tree:
            root = next(i for i, v in enumerate(members) if not graph.parents[v])
            across, levels = tidy_tree(root, kids, b, gap_b, ops)
            u = [across[i] for i in range(m)]
            level = [levels[i] for i in range(m)]
            stats["trees"] = stats.get("trees", 0) + 1
        else:
            u, level, info = layered(m, kids, b, gap_b)
            stats["layered"] = stats.get("layered", 0) + 1
            stats["dummies"] = stats.get("dummies", 0) + info["dummies"]
            stats["crossings"] = stats.get("crossings", 0) + info["crossings"]
        self.is_tree = is_tree
        count = max(level) + 1
        thickness = [0.0] * count
        for i, v in enumerate(members):
            if depth[v] > thickness[level[i]]:
                thickness[level[i]] = depth[v]
        # levels are as deep as their deepest card; cards hang from the top of their level
        tops = []
        top = 0.0
        for t in thickness:
            tops.append(top)
            top += t + gap_d
        left = min(u[i] - b[i] / 2 for i in range(m))
        right = max(u[i] + b[i] / 2 for i in range(m))
        self.u = {v: u[i] - left for i, v in enumerate(members)}
        self.v = {v: tops[level[i]] + depth[v] / 2 for i, v in enumerate(members)}
        self.level = {v: level[i] for i, v in enumerate(members)}
        self.width = right - left
        self.height = top - gap_d


def _shelves(parts: list[_Part], limit: float, gap_u: float, gap_v: float):
    """Offsets of the parts packed in shelves no longer than ``limit``, and the total size."""
    offsets = []
    cu = 0.0
    cv = 0.0
    shelf = 0.0
    width = 0.0
    for part in parts:
        if cu > 0 and cu + part.width > limit:
            cv += shelf + gap_v
            cu = 0.0
            shelf = 0.0
        offsets.append((cu, cv))
        width = max(width, cu + part.width)
        shelf = max(shelf, part.height)
        cu += part.width + gap_u
    return offsets, width, cv + shelf


def _pack(parts: list[_Part], gap_u: float, gap_v: float, direction: str, aspect: float = 1.6):
    """Shelf packing whose overall shape on screen is closest to ``aspect`` (width / height)."""
    if len(parts) == 1:
        return [(0.0, 0.0)]
    widest = max(p.width for p in parts)
    total = sum(p.width for p in parts) + gap_u * (len(parts) - 1)
    candidates = [widest]
    if total > widest:
        steps = 24
        ratio = (total / widest) ** (1 / steps)
        candidates += [widest * ratio**k for k in range(1, steps + 1)]
    best = None
    for limit in candidates:
        offsets, w, h = _shelves(parts, limit * (1 + 1e-9), gap_u, gap_v)
        screen = (w / h) if direction == "TB" else (h / w)
        score = abs(math.log(max(screen, 1e-9) / aspect))
        if best is None or score < best[0] - 1e-12:
            best = (score, offsets)
    return best[1]


def _nudge(u, v, b, d, grid: _Grid, clearance: float, gaps) -> tuple[float, float]:
    """The free spot nearest to (u, v), searching a grid of offsets, preferring sideways moves."""
    step_u = max(b / 2, 20.0)
    step_v = max(d / 2, 20.0)
    reach = 10
    offsets = sorted(
        (i, j) for i in range(-reach, reach + 1) for j in range(-reach, reach + 1) if i or j
    )
    offsets.sort(
        key=lambda ij: ((ij[0] * step_u) ** 2 + (1.5 * ij[1] * step_v) ** 2, abs(ij[1]),
                        abs(ij[0]), -ij[0], -ij[1])
    )
    for i, j in offsets:
        cu = u + i * step_u
        cv = v + j * step_v
        if not grid.hits(_rect(cu, cv, b, d), clearance):
            return cu, cv
    return grid.right + clearance + gaps[0] + b / 2, v


# ---- the public functions --------------------------------------------------------------------


def layout(
    amap,
    sizes: Mapping[str, Size] | None = None,
    *,
    move_all: bool = False,
    direction: str = "TB",
    spacing: float | tuple[float, float] | None = None,
    stats: dict | None = None,
) -> dict[str, Point]:
    """New centre positions ``{node_id: (x, y)}`` for the nodes the layout moves.

    ``sizes`` gives card sizes ``(width, height)`` by node id; missing ones are estimated with
    ``estimate_size``. By default only unpinned nodes are returned (pinned ones never move and
    the others are placed around them, never overlapping them); ``move_all=True`` lays out and
    returns every node. ``direction`` is ``"TB"`` (main claims on top) or ``"LR"`` (main claims
    on the left). ``spacing`` is the gap between neighbouring cards of one level and between
    levels, as a pair, or one number (levels then get 1.5 times it). ``stats``, if given, is
    filled with counts (parts, trees, layered parts, tree steps, dummies, crossings, nudged).
    """
    _check_direction(direction)
    stats = {} if stats is None else stats
    graph = _Graph(amap)
    n = len(graph.ids)
    if not n:
        return {}
    gaps = _spacing(spacing, direction)
    gap_b, gap_d = gaps
    sizes = sizes or {}
    breadth = [0.0] * n
    depth = [0.0] * n
    cu = [0.0] * n
    cv = [0.0] * n
    movable = [True] * n
    for i, node in enumerate(graph.nodes):
        size = sizes.get(node.id)
        if size is None:
            size = estimate_size(node.text, node.kind, has_source=node.excerpt_id is not None,
                                 title=node.title)
        w, h = float(size[0]), float(size[1])
        if direction == "TB":
            breadth[i], depth[i], cu[i], cv[i] = w, h, float(node.x), float(node.y)
        else:
            breadth[i], depth[i], cu[i], cv[i] = h, w, float(node.y), float(node.x)
        movable[i] = move_all or not node.pinned

    ops = [0]
    parts = [_Part(graph, members, breadth, depth, gaps, ops, stats) for members in graph.components()]
    stats["parts"] = len(parts)
    stats["tree_ops"] = stats.get("tree_ops", 0) + ops[0]
    stats.setdefault("nudged", 0)

    pu = list(cu)
    pv = list(cv)
    grid = _Grid()
    for i in range(n):
        if not movable[i]:
            grid.add(_rect(cu[i], cv[i], breadth[i], depth[i]))
    anchored = [p for p in parts if not all(movable[v] for v in p.members)]
    free = [p for p in parts if all(movable[v] for v in p.members)]

    for part in anchored:
        _place_anchored(part, graph, movable, breadth, depth, cu, cv, pu, pv, grid, gaps, stats)

    if free:
        if grid.rects:
            origin = (grid.left, grid.top)
        else:
            origin = (
                min(cu[i] - breadth[i] / 2 for i in range(n)),
                min(cv[i] - depth[i] / 2 for i in range(n)),
            )
        gap_u, gap_v = 2 * gap_b, gap_d
        for part, (ou, ov) in zip(free, _pack(free, gap_u, gap_v, direction)):
            left, top = origin[0] + ou, origin[1] + ov
            for _ in range(10 * len(grid.rects) + 1):
                box = (left, top, left + part.width, top + part.height)
                hits = grid.hits(box, CLEARANCE)
                if not hits:
                    break
                left = max(r[2] for r in hits) + gap_u
            if grid.rects:
                grid.add((left, top, left + part.width, top + part.height))
            for v in part.members:
                pu[v] = left + part.u[v]
                pv[v] = top + part.v[v]

    result = {}
    for i, node_id in enumerate(graph.ids):
        if movable[i]:
            u, v = round(pu[i], 2) + 0.0, round(pv[i], 2) + 0.0
            result[node_id] = (u, v) if direction == "TB" else (v, u)
    return result


def _place_anchored(part, graph, movable, breadth, depth, cu, cv, pu, pv, grid, gaps, stats) -> None:
    """Place the unpinned nodes of a part that holds pinned ones, relative to those."""
    order = sorted(part.members, key=lambda v: (part.level[v], part.u[v], v))
    fixed = [v for v in order if not movable[v]]
    default = fixed[0]
    anchor: dict[int, int] = {}
    for v in order:
        if not movable[v]:
            anchor[v] = v
            continue
        for p in graph.parents[v]:
            if p in anchor and part.level[p] < part.level[v]:
                anchor[v] = anchor[p]
                break
        else:
            anchor[v] = default
    for v in order:
        if not movable[v]:
            continue
        a = anchor[v]
        u = part.u[v] + cu[a] - part.u[a]
        w = part.v[v] + cv[a] - part.v[a]
        if grid.hits(_rect(u, w, breadth[v], depth[v]), CLEARANCE):
            u, w = _nudge(u, w, breadth[v], depth[v], grid, CLEARANCE, gaps)
            stats["nudged"] += 1
        pu[v], pv[v] = u, w
        grid.add(_rect(u, w, breadth[v], depth[v]))


def place_near(
    amap,
    parent_id: str,
    size: Size | None = None,
    sizes: Mapping[str, Size] | None = None,
    *,
    direction: str = "TB",
    spacing: float | tuple[float, float] | None = None,
) -> Point:
    """A free centre for a new card of ``size`` next to ``parent_id``, moving nothing.

    The spot is in the row of the parent's existing children (below it, or right of it for
    ``"LR"``), right of the last child, else left of the first, else in a further row; with no
    children, straight under the parent and then sideways. No existing card is overlapped.
    """
    _check_direction(direction)
    if parent_id not in amap.nodes:
        raise MissingItemError(f"no node {parent_id!r} in this map")
    gap_b, gap_d = _spacing(spacing, direction)
    sizes = sizes or {}
    tb = direction == "TB"

    def frame(node):
        s = sizes.get(node.id)
        if s is None:
            s = estimate_size(node.text, node.kind, has_source=node.excerpt_id is not None,
                              title=node.title)
        w, h = float(s[0]), float(s[1])
        return (node.x, node.y, w, h) if tb else (node.y, node.x, h, w)

    grid = _Grid()
    boxes = {}
    for node in sorted(amap.nodes.values(), key=lambda n: n.id):
        u, v, b, d = frame(node)
        boxes[node.id] = (u, v, b, d)
        grid.add(_rect(u, v, b, d))
    if size is None:
        size = estimate_size("")
    b, d = (float(size[0]), float(size[1])) if tb else (float(size[1]), float(size[0]))
    pu, pv, pb, pd = boxes[parent_id]

    graph = _Graph(amap)
    kids = [boxes[graph.ids[c]] for c in graph.children[graph.index[parent_id]]]
    kids = [k for k in kids if k[1] > pv]
    if kids:
        row = min(k[1] - k[3] / 2 for k in kids) + d / 2
        right = max(k[0] + k[2] / 2 for k in kids) + gap_b + b / 2
        left = min(k[0] - k[2] / 2 for k in kids) - gap_b - b / 2
        across = []
        for k in range(8):
            across += [right + k * (b + gap_b), left - k * (b + gap_b)]
    else:
        row = pv + pd / 2 + gap_d + d / 2
        across = [pu]
        for k in range(1, 8):
            across += [pu + k * (b + gap_b), pu - k * (b + gap_b)]
    for j in range(12):
        v = row + j * (d + gap_d / 2)
        for u in across:
            if not grid.hits(_rect(u, v, b, d), CLEARANCE):
                return (u, v) if tb else (v, u)
    v = grid.bottom + gap_d + d / 2
    return (pu, v) if tb else (v, pu)
