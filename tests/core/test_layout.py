"""core.layout: no overlaps, pinned nodes untouched, determinism, hierarchy, linear-time trees."""

from __future__ import annotations

import random
import time

import pytest

from debatemap.core.argmap import ArgumentMap
from debatemap.core.errors import MissingItemError
from debatemap.core.layout import estimate_size, layout, place_near, text_lines
from debatemap.core.layout_samples import MapBuilder, random_graph, random_tree, showcase
from debatemap.core.model import EdgeType, NodeKind

GAP = 10.0  # every two cards the layout placed keep at least this far apart

S, T, U, P, K = EdgeType.SUPPORT, EdgeType.ATTACK, EdgeType.UNDERCUT, EdgeType.PREMISE, EdgeType.CONCLUSION


def card_sizes(amap, sizes=None):
    sizes = dict(sizes or {})
    for node_id, node in amap.nodes.items():
        if node_id not in sizes:
            sizes[node_id] = estimate_size(node.text, node.kind, has_source=node.excerpt_id is not None)
    return sizes


def final_positions(amap, result):
    return {i: result.get(i, (n.x, n.y)) for i, n in amap.nodes.items()}


def overlaps(amap, result, sizes=None, gap=GAP):
    """Pairs of cards closer than ``gap``, ignoring pairs of two pinned (unmoved) cards."""
    sizes = card_sizes(amap, sizes)
    pos = final_positions(amap, result)
    boxes = []
    for node_id in sorted(pos):
        x, y = pos[node_id]
        w, h = sizes[node_id]
        boxes.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2, node_id, node_id in result))
    boxes.sort()
    found = []
    for i, a in enumerate(boxes):  # sweep over the left edges
        for b in boxes[i + 1 :]:
            if b[0] >= a[2] + gap:
                break
            if not (a[5] or b[5]):
                continue
            if b[0] < a[2] + gap and a[0] < b[2] + gap and b[1] < a[3] + gap and a[1] < b[3] + gap:
                found.append((a[4], b[4]))
    return found


def hierarchy_pairs(amap):
    """(parent, child) for every support/attack/premise/conclusion/undercut link."""
    pairs = []
    for e in amap.edges.values():
        if e.type in (S, T, P, K) or (e.type == U and e.target in amap.nodes):
            pairs.append((e.target, e.source))
        elif e.type == U:
            pairs.append((amap.edges[e.target].target, e.source))
    return pairs


def rebuilt(amap, seed):
    """The same map with its nodes and edges inserted in a shuffled order."""
    rng = random.Random(seed)
    nodes = list(amap.nodes.values())
    edges = list(amap.edges.values())
    rng.shuffle(nodes)
    rng.shuffle(edges)
    return ArgumentMap.from_parts("shuffled", nodes, edges)


# ---- estimate_size -------------------------------------------------------------------------


def test_estimate_size_matches_the_canvas_cards():
    # heights measured with the canvas's own card_height (10 pt DejaVu Sans, offscreen Qt)
    sentence = "The quick brown fox jumps over the lazy dog and argues that claims need support. "
    assert estimate_size("short claim", "claim") == (230.0, 55.0)
    assert estimate_size(sentence, "claim")[1] == 87.0
    assert estimate_size(sentence * 2, "claim")[1] == 135.0
    assert estimate_size(sentence * 4, "claim")[1] == 231.0
    assert estimate_size("Lorem ipsum dolor sit amet " * 10, "claim")[1] == 199.0
    assert estimate_size("a" * 100, "claim")[1] == 55.0  # a long word overflows, as in Qt
    assert estimate_size("a" * 30 + " " + "b" * 30, "claim")[1] == 71.0
    assert estimate_size("short", "claim", has_source=True)[1] == 75.0
    assert estimate_size("", "argument") == (230.0, 55.0)


def test_text_lines_grow_with_the_text():
    assert text_lines("") == 1
    assert text_lines("word " * 200) > text_lines("word " * 20) > 1
    assert text_lines("한국어 " * 40) > 1


# ---- no overlaps ---------------------------------------------------------------------------


@pytest.mark.parametrize("direction", ["TB", "LR"])
@pytest.mark.parametrize(
    "make",
    [
        lambda: random_tree(200, seed=1),
        lambda: random_tree(150, seed=2, shape="binary"),
        lambda: random_tree(60, seed=3, shape="caterpillar"),
        lambda: random_tree(80, seed=3, shape="broom"),
        lambda: random_graph(150, seed=4, extra=0.0, back=0.0, roots=7),  # a forest
        lambda: random_graph(150, seed=5, extra=0.4, back=0.0),  # shared premises
        lambda: random_graph(150, seed=6, extra=0.3, back=0.1),  # and cycles
        showcase,
    ],
    ids=["tree", "binary", "caterpillar", "broom", "forest", "dag", "cycles", "showcase"],
)
def test_no_overlaps(make, direction):
    amap = make()
    result = layout(amap, move_all=True, direction=direction)
    assert set(result) == set(amap.nodes)
    assert overlaps(amap, result) == []


def test_no_overlaps_with_given_variable_sizes():
    amap = random_graph(120, seed=8, extra=0.3, back=0.05)
    rng = random.Random(8)
    sizes = {i: (rng.uniform(60, 420), rng.uniform(30, 260)) for i in amap.nodes}
    for direction in ("TB", "LR"):
        result = layout(amap, sizes, move_all=True, direction=direction)
        assert overlaps(amap, result, sizes) == []


def test_spacing_is_respected():
    amap = random_tree(40, seed=9)
    result = layout(amap, move_all=True, spacing=(80, 120))
    assert overlaps(amap, result, gap=79.0) == []


def test_undercuts_of_links_sit_beside_the_attacked_reason():
    b = MapBuilder()
    b.node("claim")
    for name in ("r1", "r2", "r3"):
        b.node(name)
    links = {name: b.edge(S, name, "claim") for name in ("r1", "r2", "r3")}
    b.node("obj", NodeKind.OBJECTION)
    b.edge(T, "obj", "claim")
    b.node("cut", NodeKind.OBJECTION)
    b.edge(U, "cut", links["r1"])
    b.node("cut2", NodeKind.OBJECTION)
    b.edge(U, "cut2", links["r3"])
    amap = b.amap
    result = layout(amap, move_all=True)
    assert overlaps(amap, result) == []
    row = sorted(["r1", "r2", "r3", "obj", "cut", "cut2"], key=lambda i: result[i][0])
    assert row == ["r1", "cut", "r2", "r3", "cut2", "obj"]
    assert all(result[i][1] > result["claim"][1] for i in row)


def test_supports_left_of_attacks_ordered_by_creation():
    b = MapBuilder()
    b.node("claim")
    b.node("a1", NodeKind.OBJECTION)
    b.edge(T, "a1", "claim")
    b.node("s1")
    b.edge(S, "s1", "claim")
    b.node("a2", NodeKind.OBJECTION)
    b.edge(T, "a2", "claim")
    b.node("s2")
    b.edge(S, "s2", "claim")
    result = layout(b.amap, move_all=True)
    reasons = [i for i in result if i != "claim"]
    assert sorted(reasons, key=lambda i: result[i][0]) == ["s1", "s2", "a1", "a2"]
    # the claim is centred over its reasons
    xs = [result[i][0] for i in ("s1", "a2")]
    assert result["claim"][0] == pytest.approx(sum(xs) / 2)


def test_arguments_with_premises_and_conclusions():
    b = MapBuilder()
    b.node("claim")
    b.node("arg", NodeKind.ARGUMENT)
    b.edge(K, "arg", "claim")
    b.node("p1")
    b.node("p2")
    b.edge(P, "p1", "arg")
    b.edge(P, "p2", "arg")
    result = layout(b.amap, move_all=True)
    sizes = card_sizes(b.amap)
    top = {i: result[i][1] - sizes[i][1] / 2 for i in result}  # cards hang from their level's top
    assert top["claim"] < top["arg"] < top["p1"] == top["p2"]


# ---- hierarchy -----------------------------------------------------------------------------


@pytest.mark.parametrize("shape", ["random", "binary", "caterpillar"])
def test_parents_above_children_top_to_bottom(shape):
    amap = random_tree(120, seed=11, shape=shape)
    sizes = card_sizes(amap)
    result = layout(amap, move_all=True, direction="TB")
    for parent, child in hierarchy_pairs(amap):
        assert result[parent][1] + sizes[parent][1] / 2 < result[child][1] - sizes[child][1] / 2


@pytest.mark.parametrize("shape", ["random", "binary"])
def test_parents_left_of_children_left_to_right(shape):
    amap = random_tree(120, seed=12, shape=shape)
    sizes = card_sizes(amap)
    result = layout(amap, move_all=True, direction="LR")
    for parent, child in hierarchy_pairs(amap):
        assert result[parent][0] + sizes[parent][0] / 2 < result[child][0] - sizes[child][0] / 2


def test_parents_above_children_in_a_dag_with_shared_premises():
    amap = random_graph(150, seed=13, extra=0.4, back=0.0)
    result = layout(amap, move_all=True)
    for parent, child in hierarchy_pairs(amap):
        assert result[parent][1] < result[child][1]


def test_every_cycle_is_broken_and_laid_out():
    b = MapBuilder()
    for name in "abcd":
        b.node(name)
    b.edge(S, "a", "b")
    b.edge(S, "b", "c")
    b.edge(S, "c", "d")
    b.edge(S, "d", "a")  # no root at all
    stats = {}
    result = layout(b.amap, move_all=True, stats=stats)
    assert stats["layered"] == 1
    assert overlaps(b.amap, result) == []
    assert len({round(y) for _, y in result.values()}) == 4  # one layer each


def test_components_are_packed_side_by_side():
    amap = random_graph(60, seed=14, extra=0.0, back=0.0, roots=4)
    stats = {}
    result = layout(amap, move_all=True, stats=stats)
    assert stats["parts"] == 4
    roots = [f"n{i}" for i in range(4)]
    xs = sorted(result[r][0] for r in roots)
    assert len(set(xs)) >= 2  # not all stacked in one column
    assert overlaps(amap, result) == []


# ---- pinned nodes --------------------------------------------------------------------------


def pin_some(amap, seed, share=0.2, spread=1500.0):
    rng = random.Random(seed)
    pinned = {}
    for node_id in sorted(amap.nodes):
        node = amap.nodes[node_id]
        if rng.random() < share:
            node.pinned = True
            node.x = round(rng.uniform(-spread, spread))
            node.y = round(rng.uniform(-spread / 2, spread / 2))
            pinned[node_id] = (node.x, node.y)
    return pinned


@pytest.mark.parametrize(
    "make",
    [lambda: random_tree(150, seed=21), lambda: random_graph(150, seed=22, back=0.05), showcase],
    ids=["tree", "graph", "showcase"],
)
def test_pinned_nodes_never_move_and_others_avoid_them(make):
    amap = make()
    pinned = pin_some(amap, seed=23)
    assert pinned
    result = layout(amap)
    assert set(result) == set(amap.nodes) - set(pinned)
    for node_id, xy in pinned.items():
        assert (amap.nodes[node_id].x, amap.nodes[node_id].y) == xy
    assert overlaps(amap, result) == []


def test_move_all_moves_pinned_nodes_too():
    amap = random_tree(30, seed=24)
    pin_some(amap, seed=24, share=0.5)
    result = layout(amap, move_all=True)
    assert set(result) == set(amap.nodes)
    assert overlaps(amap, result) == []


def test_unpinned_children_stay_with_their_pinned_parent():
    b = MapBuilder(varied_text=False)
    b.node("root", pinned=True, x=5000.0, y=-300.0)
    for i in range(3):
        b.node(f"r{i}")
        b.edge(S, f"r{i}", "root")
    result = layout(b.amap)
    assert set(result) == {"r0", "r1", "r2"}
    for i in range(3):
        x, y = result[f"r{i}"]
        assert abs(x - 5000.0) < 400 and y > -300.0
    assert overlaps(b.amap, result) == []


def test_pinned_cards_in_the_way_are_walked_around():
    b = MapBuilder(varied_text=False)
    b.node("root", pinned=True, x=0.0, y=0.0)
    for i in range(5):
        b.node(f"r{i}")
        b.edge(S, f"r{i}", "root")
    # a wall of pinned cards right where the reasons would go
    for i in range(6):
        b.node(f"wall{i}", pinned=True, x=-600.0 + 240.0 * i, y=115.0)
    stats = {}
    result = layout(b.amap, stats=stats)
    assert stats["nudged"] > 0
    assert overlaps(b.amap, result) == []


def test_free_parts_clear_pinned_cards():
    amap = random_graph(80, seed=25, extra=0.0, back=0.0, roots=5)
    b = MapBuilder(varied_text=False)
    for i in range(20):  # a separate cloud of pinned notes at the origin
        amap.nodes[f"p{i}"] = b.amap.nodes[b.node(f"p{i}", NodeKind.NOTE, pinned=True,
                                                   x=(i % 5) * 250.0, y=(i // 5) * 80.0)]
    result = layout(amap)
    assert overlaps(amap, result) == []


# ---- determinism ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [lambda: random_tree(200, seed=31), lambda: random_graph(200, seed=32, back=0.08), showcase],
    ids=["tree", "graph", "showcase"],
)
def test_deterministic_and_independent_of_insertion_order(make):
    amap = make()
    pin_some(amap, seed=33, share=0.1)
    first = layout(amap)
    assert layout(amap) == first
    for seed in range(3):
        assert layout(rebuilt(amap, seed)) == first
    assert layout(rebuilt(amap, 9), move_all=True, direction="LR") == layout(
        amap, move_all=True, direction="LR"
    )


def test_empty_and_single():
    assert layout(ArgumentMap()) == {}
    b = MapBuilder()
    b.node("only", x=10.0, y=20.0)
    assert layout(b.amap) == {"only": (10.0, 20.0)}  # a lone card stays where it is
    with pytest.raises(ValueError):
        layout(b.amap, direction="RL")


# ---- linear time for trees -----------------------------------------------------------------


@pytest.mark.parametrize("shape", ["random", "binary", "chain", "caterpillar", "broom"])
def test_tree_steps_grow_linearly(shape):
    counts = []
    for n in (1000, 8000):
        stats = {}
        layout(random_tree(n, seed=41, shape=shape, varied_text=False), move_all=True, stats=stats)
        assert stats["trees"] == 1
        counts.append(stats["tree_ops"])
    ratio = counts[1] / counts[0]
    assert ratio < 8 * 1.25, (shape, counts)  # linear: 8; quadratic would be 64


def test_tree_time_grows_linearly():
    def best(n):
        amap = random_tree(n, seed=42, varied_text=False)
        sizes = card_sizes(amap)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            layout(amap, sizes, move_all=True)
            times.append(time.perf_counter() - start)
        return min(times)

    small, large = best(1000), best(8000)
    assert large / small < 24, (small, large)  # linear: 8; quadratic would be 64


# ---- place_near ----------------------------------------------------------------------------


def test_place_near_below_a_childless_parent():
    b = MapBuilder(varied_text=False)
    b.node("p", x=100.0, y=100.0)
    b.node("other", x=2000.0, y=0.0)
    x, y = place_near(b.amap, "p", (230.0, 55.0))
    assert x == 100.0 and y > 100.0 + 55.0


def test_place_near_beside_existing_children_without_overlap():
    amap = random_tree(40, seed=51)
    result = layout(amap, move_all=True)
    for node_id, (x, y) in result.items():
        amap.nodes[node_id].x, amap.nodes[node_id].y = x, y
    parent = "n0"
    kids = [e.source for e in amap.edges.values() if e.target == parent]
    before = {i: (n.x, n.y) for i, n in amap.nodes.items()}
    x, y = place_near(amap, parent, (230.0, 55.0))
    assert {i: (n.x, n.y) for i, n in amap.nodes.items()} == before  # nothing moved
    assert y > amap.nodes[parent].y
    assert x > max(amap.nodes[k].x for k in kids) or x < min(amap.nodes[k].x for k in kids)
    b = MapBuilder(varied_text=False)
    new = b.amap.nodes[b.node("new", x=x, y=y)]
    amap.nodes["new"] = new
    assert overlaps(amap, {"new": (x, y)}) == []


def test_place_near_left_to_right_and_crowded():
    b = MapBuilder(varied_text=False)
    b.node("p", x=0.0, y=0.0)
    for i in range(30):  # a crowd around the parent
        b.node(f"c{i}", x=(i % 6 - 2) * 250.0, y=(i // 6 - 2) * 70.0)
    x, y = place_near(b.amap, "p", (230.0, 55.0), direction="LR")
    b.amap.nodes["new"] = b.amap.nodes[b.node("new", x=x, y=y)]
    assert overlaps(b.amap, {"new": (x, y)}) == []
    with pytest.raises(MissingItemError):
        place_near(b.amap, "nope", (230.0, 55.0))
