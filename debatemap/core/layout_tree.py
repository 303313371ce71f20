"""Tidy tree drawing in linear time (Buchheim, Jünger & Leipert 2002, after Walker 1990).

Works on one rooted tree given as integer nodes ``0..n-1`` with ordered child lists, in an
abstract frame: ``breadth`` is a node's extent across the levels (its width when the tree grows
top to bottom), and nodes of one level are kept ``gap`` apart edge to edge. Variable breadths
are handled by measuring every separation between two contour nodes from their half-breadths.
Iterative throughout (no recursion), so deep chains are fine.
"""

from __future__ import annotations


def tidy_tree(
    root: int,
    children: list[list[int]],
    breadth: list[float],
    gap: float,
    ops: list[int] | None = None,
) -> tuple[dict[int, float], dict[int, int]]:
    """Centres across the levels and the depth of every node of the tree under ``root``.

    ``ops`` (a one-element list) is increased by the number of elementary steps taken, so
    tests can check the running time grows linearly.
    """
    # preorder, parents, sibling numbers
    order: list[int] = []
    parent: dict[int, int] = {root: -1}
    number: dict[int, int] = {root: 0}
    depth: dict[int, int] = {root: 0}
    stack = [root]
    while stack:
        v = stack.pop()
        order.append(v)
        kids = children[v]
        d = depth[v] + 1
        for i, w in enumerate(kids):
            parent[w] = v
            number[w] = i
            depth[w] = d
        stack.extend(reversed(kids))
    steps = len(order)

    prelim = dict.fromkeys(order, 0.0)
    mod = dict.fromkeys(order, 0.0)
    shift = dict.fromkeys(order, 0.0)
    change = dict.fromkeys(order, 0.0)
    thread = dict.fromkeys(order, -1)
    ancestor = {v: v for v in order}
    mid = dict.fromkeys(order, 0.0)

    def next_left(v: int) -> int:
        kids = children[v]
        return kids[0] if kids else thread[v]

    def next_right(v: int) -> int:
        kids = children[v]
        return kids[-1] if kids else thread[v]

    def apportion(v: int, left: int, first: int, default_ancestor: int) -> int:
        nonlocal steps
        vip = vop = v
        vim = left
        vom = first
        sip = mod[vip]
        sop = mod[vop]
        sim = mod[vim]
        som = mod[vom]
        pv = parent[v]
        while True:
            nr = next_right(vim)
            nl = next_left(vip)
            if nr < 0 or nl < 0:
                break
            steps += 1
            vim = nr
            vip = nl
            vom = next_left(vom)
            vop = next_right(vop)
            ancestor[vop] = v
            amount = (prelim[vim] + sim) - (prelim[vip] + sip) + (breadth[vim] + breadth[vip]) / 2 + gap
            if amount > 0:
                a = ancestor[vim]
                wm = a if parent.get(a, -2) == pv else default_ancestor
                subtrees = number[v] - number[wm]
                change[v] -= amount / subtrees
                shift[v] += amount
                change[wm] += amount / subtrees
                prelim[v] += amount
                mod[v] += amount
                sip += amount
                sop += amount
            sim += mod[vim]
            sip += mod[vip]
            som += mod[vom]
            sop += mod[vop]
        if next_right(vim) >= 0 and next_right(vop) < 0:
            thread[vop] = next_right(vim)
            mod[vop] += sim - sop
        if next_left(vip) >= 0 and next_left(vom) < 0:
            thread[vom] = next_left(vip)
            mod[vom] += sip - som
            default_ancestor = v
        return default_ancestor

    # first walk: a node's children are finished before the node (reversed preorder)
    for v in reversed(order):
        kids = children[v]
        if not kids:
            continue
        first = kids[0]
        default_ancestor = first
        left = -1
        for w in kids:
            steps += 1
            if left < 0:
                prelim[w] = mid[w]
            else:
                prelim[w] = prelim[left] + (breadth[left] + breadth[w]) / 2 + gap
                if children[w]:
                    mod[w] = prelim[w] - mid[w]
                default_ancestor = apportion(w, left, first, default_ancestor)
            left = w
        # execute the shifts queued by apportion
        acc_shift = 0.0
        acc_change = 0.0
        for w in reversed(kids):
            steps += 1
            prelim[w] += acc_shift
            mod[w] += acc_shift
            acc_change += change[w]
            acc_shift += shift[w] + acc_change
        mid[v] = (prelim[first] + prelim[kids[-1]]) / 2
    prelim[root] = mid[root]

    # second walk: sum the modifiers of the ancestors
    position: dict[int, float] = {}
    walk = [(root, 0.0)]
    while walk:
        v, m = walk.pop()
        steps += 1
        position[v] = prelim[v] + m
        inner = m + mod[v]
        for w in children[v]:
            walk.append((w, inner))
    if ops is not None:
        ops[0] += steps
    return position, depth
