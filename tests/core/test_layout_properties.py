"""Property tests of core.layout on random small maps (hypothesis)."""

from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from debatemap.core.argmap import ArgumentMap  # noqa: E402
from debatemap.core.layout import estimate_size, layout  # noqa: E402
from debatemap.core.layout_samples import MapBuilder  # noqa: E402
from debatemap.core.model import EdgeType, NodeKind  # noqa: E402

LINKS = [EdgeType.SUPPORT, EdgeType.ATTACK, EdgeType.UNDERCUT, EdgeType.CONTRARY]


@st.composite
def small_maps(draw):
    n = draw(st.integers(1, 14))
    b = MapBuilder(varied_text=False)
    for i in range(n):
        pinned = draw(st.booleans()) and draw(st.booleans())  # about a quarter
        words = draw(st.integers(1, 40))
        b.node(
            f"n{i}",
            NodeKind.CLAIM,
            text=" ".join(["word"] * words),
            pinned=pinned,
            x=float(draw(st.integers(-600, 600))),
            y=float(draw(st.integers(-400, 400))),
        )
    links = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                                    st.sampled_from(LINKS)), max_size=2 * n))
    seen = set()
    for a, c, kind in links:
        if a == c or (a, c, kind) in seen:
            continue
        seen.add((a, c, kind))
        target = f"n{c}"
        if kind == EdgeType.UNDERCUT:  # undercut an existing support or attack, if any
            attacked = [e for e in b.amap.edges.values()
                        if e.type in (EdgeType.SUPPORT, EdgeType.ATTACK) and e.source != f"n{a}"]
            if not attacked:
                continue
            target = attacked[c % len(attacked)].id
        b.edge(kind, f"n{a}", target)
    return b.amap


def assert_clear(amap, result, gap=10.0):
    boxes = {}
    for node_id, node in amap.nodes.items():
        x, y = result.get(node_id, (node.x, node.y))
        w, h = estimate_size(node.text, node.kind)
        boxes[node_id] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    ids = sorted(boxes)
    for i, a in enumerate(ids):
        for c in ids[i + 1:]:
            if a not in result and c not in result:
                continue  # two pinned cards may overlap: the user put them there
            p, q = boxes[a], boxes[c]
            assert not (p[0] < q[2] + gap and q[0] < p[2] + gap and p[1] < q[3] + gap
                        and q[1] < p[3] + gap), (a, c, p, q)


@settings(max_examples=300, deadline=None)
@given(small_maps(), st.sampled_from(["TB", "LR"]))
def test_random_maps_pinned_untouched_and_no_overlap(amap, direction):
    pinned = {i: (n.x, n.y) for i, n in amap.nodes.items() if n.pinned}
    result = layout(amap, direction=direction)
    assert set(result) == set(amap.nodes) - set(pinned)
    assert {i: (amap.nodes[i].x, amap.nodes[i].y) for i in pinned} == pinned
    assert_clear(amap, result)


@settings(max_examples=200, deadline=None)
@given(small_maps(), st.randoms(use_true_random=False))
def test_random_maps_deterministic(amap, rng):
    nodes = list(amap.nodes.values())
    edges = list(amap.edges.values())
    rng.shuffle(nodes)
    rng.shuffle(edges)
    again = ArgumentMap.from_parts("shuffled", nodes, edges)
    assert layout(again) == layout(amap)
    everything = layout(amap, move_all=True)
    assert everything == layout(again, move_all=True)
    assert set(everything) == set(amap.nodes)
    assert_clear(amap, everything)
