"""Layered (Sugiyama-style) drawing of a general directed graph, in an abstract frame.

Nodes are integers ``0..n-1`` whose numbering is their stable order (the caller numbers them by
creation time and id), ``children[v]`` lists v's children in the order they should appear.
The steps:

1. cycle breaking: a depth-first search from the sources, then from any node not reached, both
   in node order, children in their order; every back edge is reversed;
2. layering: longest path from the top (a node sits one layer below its lowest parent);
3. long edges are cut into chains of dummy nodes, one per layer crossed;
4. crossing reduction: barycenter sweeps down and up from the depth-first order, keeping the
   order with the fewest crossings (counted exactly with a Fenwick tree);
5. coordinates: each layer in turn is placed as close as possible (least squares) to the mean
   of its neighbours in the layer just fixed, under the constraint that neighbours in the layer
   stay ``gap`` apart edge to edge; that problem is an isotonic regression, solved exactly in
   linear time by pool-adjacent-violators. Sweeps go down and up a few times, the last one up so
   that parents end centred over their children.
"""

from __future__ import annotations


def layered(
    n: int,
    children: list[list[int]],
    breadth: list[float],
    gap: float,
    *,
    sweeps: int = 8,
    coordinate_rounds: int = 6,
) -> tuple[list[float], list[int], dict]:
    """Centres across the layers and the layer of every node; and some statistics."""
    dag = _break_cycles(n, children)
    topo, preorder = _topological(n, dag)
    layer = [0] * n
    for v in topo:
        lv = layer[v] + 1
        for w in dag[v]:
            if layer[w] < lv:
                layer[w] = lv

    # proper layered graph: dummies for long edges
    size = list(breadth)
    dummy = [False] * n
    down: list[list[int]] = [[] for _ in range(n)]
    up: list[list[int]] = [[] for _ in range(n)]
    node_layer = list(layer)
    rank = [float(p) for p in preorder]
    for v in range(n):
        for w in dag[v]:
            prev = v
            for lay in range(layer[v] + 1, layer[w]):
                d = len(size)
                size.append(0.0)
                dummy.append(True)
                down.append([])
                up.append([])
                node_layer.append(lay)
                rank.append(preorder[w] - 0.5 + (lay - layer[v]) * 1e-6)
                down[prev].append(d)
                up[d].append(prev)
                prev = d
            down[prev].append(w)
            up[w].append(prev)
    total = len(size)
    depth = max(layer) + 1 if n else 0
    layers: list[list[int]] = [[] for _ in range(depth)]
    for v in sorted(range(total), key=lambda v: (rank[v], v)):
        layers[node_layer[v]].append(v)

    layers, crossings = _reduce_crossings(layers, up, down, total, sweeps)
    x = _coordinates(layers, up, down, size, dummy, gap, coordinate_rounds)
    stats = {"dummies": total - n, "layers": depth, "crossings": crossings}
    return x[:n], layer, stats


def _break_cycles(n: int, children: list[list[int]]) -> list[list[int]]:
    """The children lists with every depth-first back edge reversed (and duplicates dropped)."""
    has_parent = [False] * n
    for v in range(n):
        for w in children[v]:
            has_parent[w] = True
    starts = [v for v in range(n) if not has_parent[v]] + [v for v in range(n) if has_parent[v]]
    state = [0] * n  # 0 new, 1 on the stack, 2 finished
    dag: list[list[int]] = [[] for _ in range(n)]
    seen: set[tuple[int, int]] = set()

    def add(a: int, b: int) -> None:
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            dag[a].append(b)

    for s in starts:
        if state[s]:
            continue
        state[s] = 1
        stack = [(s, 0)]
        while stack:
            v, i = stack[-1]
            kids = children[v]
            if i < len(kids):
                stack[-1] = (v, i + 1)
                w = kids[i]
                if state[w] == 1:
                    add(w, v)  # a back edge: reversed
                else:
                    add(v, w)
                    if state[w] == 0:
                        state[w] = 1
                        stack.append((w, 0))
            else:
                state[v] = 2
                stack.pop()
    return dag


def _topological(n: int, dag: list[list[int]]) -> tuple[list[int], list[int]]:
    """A topological order (reverse depth-first postorder) and each node's preorder number."""
    has_parent = [False] * n
    for v in range(n):
        for w in dag[v]:
            has_parent[w] = True
    visited = [False] * n
    post: list[int] = []
    preorder = [0] * n
    counter = 0
    for s in [v for v in range(n) if not has_parent[v]] + list(range(n)):
        if visited[s]:
            continue
        visited[s] = True
        preorder[s] = counter
        counter += 1
        stack = [(s, 0)]
        while stack:
            v, i = stack[-1]
            kids = dag[v]
            if i < len(kids):
                stack[-1] = (v, i + 1)
                w = kids[i]
                if not visited[w]:
                    visited[w] = True
                    preorder[w] = counter
                    counter += 1
                    stack.append((w, 0))
            else:
                post.append(v)
                stack.pop()
    post.reverse()
    return post, preorder


def _count_crossings(layers: list[list[int]], down: list[list[int]], pos: list[int]) -> int:
    total = 0
    for i in range(len(layers) - 1):
        pairs = sorted((pos[v], pos[w]) for v in layers[i] for w in down[v])
        if len(pairs) < 2:
            continue
        m = len(layers[i + 1])
        tree = [0] * (m + 1)
        seen = 0
        for _, b in pairs:
            # count the earlier edges that end to the right of b
            j = b + 1
            below = 0
            while j > 0:
                below += tree[j]
                j -= j & -j
            total += seen - below
            j = b + 1
            while j <= m:
                tree[j] += 1
                j += j & -j
            seen += 1
    return total


def _reduce_crossings(layers, up, down, total, sweeps):
    pos = [0] * total
    for lay in layers:
        for i, v in enumerate(lay):
            pos[v] = i
    best = [list(lay) for lay in layers]
    best_count = _count_crossings(layers, down, pos)
    stale = 0
    for _ in range(sweeps):
        if best_count == 0:
            break
        for i in range(1, len(layers)):
            _sort_by_barycenter(layers[i], up, pos)
        for i in range(len(layers) - 2, -1, -1):
            _sort_by_barycenter(layers[i], down, pos)
        count = _count_crossings(layers, down, pos)
        if count < best_count:
            best_count = count
            best = [list(lay) for lay in layers]
            stale = 0
        else:
            stale += 1
            if stale >= 2:
                break
    return best, best_count


def _sort_by_barycenter(lay: list[int], neighbours: list[list[int]], pos: list[int]) -> None:
    keys = {}
    for v in lay:
        nb = neighbours[v]
        if nb:
            keys[v] = (sum(pos[w] for w in nb) / len(nb), pos[v])
        else:
            keys[v] = (float(pos[v]), pos[v])
    lay.sort(key=keys.__getitem__)
    for i, v in enumerate(lay):
        pos[v] = i


def _coordinates(layers, up, down, size, dummy, gap, rounds) -> list[float]:
    x = [0.0] * len(size)

    def separation(a: int, b: int) -> float:
        g = gap if not (dummy[a] or dummy[b]) else (gap / 2 if not (dummy[a] and dummy[b]) else gap / 4)
        return (size[a] + size[b]) / 2 + g

    seps = []
    for lay in layers:
        s = [separation(lay[i], lay[i + 1]) for i in range(len(lay) - 1)]
        seps.append(s)
        cursor = 0.0
        for i, v in enumerate(lay):
            if i:
                cursor += s[i - 1]
            x[v] = cursor
        shift = cursor / 2
        for v in lay:
            x[v] -= shift

    def place(i: int, neighbours: list[list[int]]) -> None:
        lay = layers[i]
        targets = []
        weights = []
        for v in lay:
            nb = neighbours[v]
            if nb:
                targets.append(sum(x[w] for w in nb) / len(nb))
                weights.append(4.0 if dummy[v] else 1.0)
            else:
                targets.append(x[v])
                weights.append(0.05)
        for v, value in zip(lay, _isotonic_with_gaps(targets, weights, seps[i])):
            x[v] = value

    for _ in range(rounds):
        for i in range(1, len(layers)):
            place(i, up)
        for i in range(len(layers) - 2, -1, -1):
            place(i, down)
    return x


def _isotonic_with_gaps(targets: list[float], weights: list[float], seps: list[float]) -> list[float]:
    """Minimise sum w_i (x_i - t_i)^2 subject to x_{i+1} - x_i >= seps_i (pool adjacent violators)."""
    offsets = [0.0]
    for s in seps:
        offsets.append(offsets[-1] + s)
    # y_i = x_i - offset_i must be non-decreasing
    blocks: list[list[float]] = []  # [weight, weighted sum, count]
    for t, w, o in zip(targets, weights, offsets):
        block = [w, w * (t - o), 1]
        while blocks and blocks[-1][1] / blocks[-1][0] >= block[1] / block[0]:
            prev = blocks.pop()
            block = [prev[0] + block[0], prev[1] + block[1], prev[2] + block[2]]
        blocks.append(block)
    result = []
    i = 0
    for weight, total, count in blocks:
        y = total / weight
        for _ in range(count):
            result.append(y + offsets[i])
            i += 1
    return result
