"""The slides presentation mode steps through, and a node's subtree (pure, no Qt needed)."""

from debatemap.canvas.slides import reading_order, slides, step_slide, subtree
from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import Edge, EdgeType, Node, NodeKind


def build(nodes, links):
    """nodes: key -> (kind, x, y); links: (from, to, type) with keys as ids."""
    return ArgumentMap.from_parts(
        "t", [Node(id=key, text=key, kind=kind, x=x, y=y) for key, (kind, x, y) in nodes.items()],
        [Edge(id=f"e{number}", type=edge_type, source=source, target=target)
         for number, (source, target, edge_type) in enumerate(links)])


def positions(amap):
    return {i: (n.x, n.y) for i, n in amap.nodes.items()}


Q, C = NodeKind.QUESTION, NodeKind.CLAIM
# an IBIS-like map: a question with two ideas, a sub-question under the second, and a pro below it
WORKSHOP = build(
    {"q": (Q, 0, 0), "idea_a": (NodeKind.IDEA, -200, 200), "idea_b": (NodeKind.IDEA, 200, 200),
     "pro_a": (C, -200, 400), "sub_q": (Q, 300, 400), "answer": (NodeKind.IDEA, 300, 600),
     "lonely": (NodeKind.NOTE, 900, 0)},
    [("idea_a", "q", EdgeType.SUPPORT), ("idea_b", "q", EdgeType.SUPPORT),
     ("pro_a", "idea_a", EdgeType.SUPPORT), ("sub_q", "idea_b", EdgeType.SUPPORT),
     ("answer", "sub_q", EdgeType.SUPPORT)])


def test_subtree_is_the_node_and_everything_below_it():
    assert subtree(WORKSHOP, "idea_b") == {"idea_b", "sub_q", "answer"}
    assert subtree(WORKSHOP, "q") == {"q", "idea_a", "idea_b", "pro_a", "sub_q", "answer"}
    assert subtree(WORKSHOP, "missing") == set()


def test_reading_order_is_depth_first_left_to_right():
    assert reading_order(WORKSHOP, positions(WORKSHOP)) == [
        "q", "idea_a", "pro_a", "idea_b", "sub_q", "answer", "lonely"]


def test_slides_are_top_level_nodes_their_children_and_questions():
    assert slides(WORKSHOP, positions(WORKSHOP)) == ["q", "idea_a", "idea_b", "sub_q", "lonely"]


def test_stepping_forward_and_back_and_from_a_card_that_is_no_slide():
    at = positions(WORKSHOP)
    assert step_slide(WORKSHOP, at, "q", +1) == "idea_a"
    assert step_slide(WORKSHOP, at, "idea_b", +1) == "sub_q"
    assert step_slide(WORKSHOP, at, "sub_q", -1) == "idea_b"
    assert step_slide(WORKSHOP, at, "pro_a", +1) == "idea_b"  # the arrows went to a pro
    assert step_slide(WORKSHOP, at, "pro_a", -1) == "idea_a"
    assert step_slide(WORKSHOP, at, "lonely", +1) is None  # the end
    assert step_slide(WORKSHOP, at, "q", -1) is None
    assert step_slide(WORKSHOP, at, None, +1) == "q"
    assert step_slide(WORKSHOP, at, None, -1) == "lonely"


def test_siblings_stacked_vertically_are_read_top_to_bottom():
    amap = build({"root": (Q, 0, 0), "low": (C, 300, 200), "high": (C, 310, -200)},
                 [("low", "root", EdgeType.SUPPORT), ("high", "root", EdgeType.ATTACK)])
    assert slides(amap, positions(amap)) == ["root", "high", "low"]


def test_a_cycle_without_a_top_level_node_is_still_walked():
    amap = build({"a": (C, 0, 0), "b": (C, 100, 0)},
                 [("a", "b", EdgeType.SUPPORT), ("b", "a", EdgeType.SUPPORT)])
    assert sorted(reading_order(amap, positions(amap))) == ["a", "b"]
    assert step_slide(amap, positions(amap), None, +1) is None  # no top-level node, no question
