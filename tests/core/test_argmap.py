"""Domain invariants of ArgumentMap: pure Python, no Qt, no database."""

import pytest

from debatemap.core.argmap import ArgumentMap, excerpt_of
from debatemap.core.errors import (
    DuplicateEdgeError,
    InvalidEdgeError,
    InvalidValueError,
    MissingItemError,
    SelfLinkError,
)
from debatemap.core.ids import new_id
from debatemap.core.model import Document, Edge, EdgeType, Excerpt, Node, NodeKind, Participant


def make_map(*kinds: NodeKind) -> ArgumentMap:
    amap = ArgumentMap("test")
    for index, kind in enumerate(kinds):
        amap.add_node(Node(id=f"n{index}", text=f"claim {index}", kind=kind))
    return amap


def link(amap: ArgumentMap, source: str, target: str, edge_type: EdgeType, edge_id=None) -> Edge:
    edge = Edge(id=edge_id or new_id("e"), type=edge_type, source=source, target=target)
    amap.add_edge(edge)
    return edge


def test_ids_are_prefixed_and_distinct():
    ids = {new_id("n") for _ in range(10_000)}
    assert len(ids) == 10_000
    assert all(i.startswith("n-") and len(i) == 12 for i in ids)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_blank_text_is_refused(text):
    amap = ArgumentMap()
    with pytest.raises(InvalidValueError, match="empty"):
        amap.add_node(Node(id="n1", text=text))
    assert amap.nodes == {}


def test_unknown_kind_is_refused():
    with pytest.raises(InvalidValueError, match="unknown kind 'rant'"):
        ArgumentMap().add_node(Node(id="n1", text="x", kind="rant"))


def test_duplicate_id_is_refused():
    amap = make_map(NodeKind.CLAIM)
    with pytest.raises(InvalidValueError, match="already in use"):
        amap.add_node(Node(id="n0", text="again"))


def test_self_link_is_refused():
    amap = make_map(NodeKind.CLAIM)
    with pytest.raises(SelfLinkError, match="itself"):
        link(amap, "n0", "n0", EdgeType.SUPPORT)
    assert amap.edges == {}


def test_link_to_missing_node_is_refused():
    amap = make_map(NodeKind.CLAIM)
    with pytest.raises(MissingItemError, match="no node 'ghost'"):
        link(amap, "n0", "ghost", EdgeType.ATTACK)
    with pytest.raises(MissingItemError, match="no node 'ghost'"):
        link(amap, "ghost", "n0", EdgeType.ATTACK)


def test_duplicate_edge_of_same_type_is_refused_but_other_type_is_fine():
    amap = make_map(NodeKind.CLAIM, NodeKind.CLAIM)
    first = link(amap, "n0", "n1", EdgeType.SUPPORT)
    with pytest.raises(DuplicateEdgeError, match=first.id):
        link(amap, "n0", "n1", EdgeType.SUPPORT)
    link(amap, "n0", "n1", EdgeType.ATTACK)
    link(amap, "n1", "n0", EdgeType.SUPPORT)  # the other direction is another relation
    assert len(amap.edges) == 3


def test_symmetric_relations_count_both_directions_as_one():
    amap = make_map(NodeKind.CLAIM, NodeKind.CLAIM)
    link(amap, "n0", "n1", EdgeType.CONTRADICTORY)
    with pytest.raises(DuplicateEdgeError):
        link(amap, "n1", "n0", EdgeType.CONTRADICTORY)


def test_premise_and_conclusion_need_an_argument_node():
    amap = make_map(NodeKind.CLAIM, NodeKind.ARGUMENT, NodeKind.CLAIM)
    link(amap, "n0", "n1", EdgeType.PREMISE)
    link(amap, "n1", "n2", EdgeType.CONCLUSION)
    with pytest.raises(InvalidEdgeError, match="premise must point at an argument"):
        link(amap, "n0", "n2", EdgeType.PREMISE)
    with pytest.raises(InvalidEdgeError, match="conclusion must come from an argument"):
        link(amap, "n0", "n2", EdgeType.CONCLUSION)


def test_argument_with_premises_cannot_change_kind():
    amap = make_map(NodeKind.CLAIM, NodeKind.ARGUMENT)
    link(amap, "n0", "n1", EdgeType.PREMISE)
    with pytest.raises(InvalidEdgeError, match="must stay an argument"):
        amap.update_node("n1", kind=NodeKind.CLAIM)
    assert amap.nodes["n1"].kind == NodeKind.ARGUMENT


def test_undercut_attacks_an_inference_edge_or_an_argument():
    amap = make_map(NodeKind.CLAIM, NodeKind.CLAIM, NodeKind.CLAIM, NodeKind.ARGUMENT)
    support = link(amap, "n0", "n1", EdgeType.SUPPORT)
    link(amap, "n2", support.id, EdgeType.UNDERCUT)
    link(amap, "n2", "n3", EdgeType.UNDERCUT)
    with pytest.raises(InvalidEdgeError, match="use an attack"):
        link(amap, "n2", "n1", EdgeType.UNDERCUT)
    with pytest.raises(SelfLinkError, match="its own link"):
        link(amap, "n0", support.id, EdgeType.UNDERCUT)
    contrary = link(amap, "n1", "n2", EdgeType.CONTRARY)
    with pytest.raises(InvalidEdgeError, match="attacks an inference"):
        link(amap, "n0", contrary.id, EdgeType.UNDERCUT)
    with pytest.raises(MissingItemError, match="no node or edge"):
        link(amap, "n0", "e-missing", EdgeType.UNDERCUT)


def test_removing_a_node_removes_its_edges_and_undercuts_of_them():
    amap = make_map(NodeKind.CLAIM, NodeKind.CLAIM, NodeKind.CLAIM, NodeKind.CLAIM)
    support = link(amap, "n0", "n1", EdgeType.SUPPORT)
    undercut = link(amap, "n2", support.id, EdgeType.UNDERCUT)
    kept = link(amap, "n2", "n3", EdgeType.ATTACK)
    node, removed = amap.remove_node("n0")
    assert node.id == "n0"
    assert {e.id for e in removed} == {support.id, undercut.id}
    assert set(amap.edges) == {kept.id}
    # the freed (type, source, target) may be linked again
    link(amap, "n2", "n1", EdgeType.SUPPORT)


def test_update_node_validates_and_returns_previous_value():
    amap = make_map(NodeKind.CLAIM)
    before = amap.update_node("n0", text="new text", x=5.0)
    assert before.text == "claim 0" and amap.nodes["n0"].text == "new text"
    with pytest.raises(InvalidValueError):
        amap.update_node("n0", text="  ")
    with pytest.raises(InvalidValueError, match="no field"):
        amap.update_node("n0", colour="red")
    assert amap.nodes["n0"].text == "new text"


def test_excerpt_must_quote_its_document_exactly():
    amap = ArgumentMap()
    amap.add_document(Document(id="d1", title="Essay", text="Free transit works. It is cheap.",
                               format="txt", encoding="utf-8"))
    excerpt = excerpt_of(amap.documents["d1"], 0, 19, "x1")
    assert excerpt.quote == "Free transit works." and excerpt.after.startswith(" It is")
    amap.add_excerpt(excerpt)
    with pytest.raises(InvalidValueError, match="does not match"):
        amap.add_excerpt(Excerpt(id="x2", document_id="d1", start=0, end=4, quote="Paid"))
    with pytest.raises(InvalidValueError, match="not a passage"):
        excerpt_of(amap.documents["d1"], 10, 999, "x3")
    with pytest.raises(MissingItemError):
        amap.add_node(Node(id="n1", text="x", excerpt_id="x-missing"))


def test_participant_authorship():
    amap = ArgumentMap()
    amap.add_participant(Participant(id="p1", name="Ada"))
    amap.add_node(Node(id="n1", text="x", author_id="p1"))
    with pytest.raises(MissingItemError, match="participant"):
        amap.add_node(Node(id="n2", text="y", author_id="p9"))
    with pytest.raises(InvalidValueError):
        amap.add_participant(Participant(id="p2", name=" "))


def test_problems_reports_every_broken_invariant_of_stored_parts():
    good = ArgumentMap.from_parts(
        "ok",
        nodes=[Node(id="a", text="A"), Node(id="b", text="B")],
        edges=[Edge(id="e1", type=EdgeType.SUPPORT, source="a", target="b"),
               Edge(id="e2", type=EdgeType.UNDERCUT, source="b", target="e1")],
    )
    assert good.problems() == []
    bad = ArgumentMap.from_parts(
        "bad",
        nodes=[Node(id="a", text="A"), Node(id="b", text=" ")],
        edges=[Edge(id="e1", type=EdgeType.SUPPORT, source="a", target="a"),
               Edge(id="e2", type=EdgeType.ATTACK, source="a", target="zz")],
    )
    problems = bad.problems()
    assert any(p.startswith("node b:") for p in problems)
    assert any(p.startswith("edge e1:") and "itself" in p for p in problems)
    assert any(p.startswith("edge e2:") for p in problems)


def test_set_edge_type_validates_like_a_new_link():
    amap = make_map(NodeKind.CLAIM, NodeKind.CLAIM, NodeKind.CLAIM)
    support = link(amap, "n0", "n1", EdgeType.SUPPORT)
    attack = link(amap, "n0", "n1", EdgeType.ATTACK)
    with pytest.raises(DuplicateEdgeError):
        amap.set_edge_type(support.id, EdgeType.ATTACK)
    assert amap.edges[support.id].type == EdgeType.SUPPORT  # unchanged after the refusal
    amap.remove_edge(attack.id)
    assert amap.set_edge_type(support.id, "attack") == EdgeType.SUPPORT
    assert amap.edges[support.id].type == EdgeType.ATTACK
    link(amap, "n0", "n1", EdgeType.SUPPORT)  # the support slot is free again
    link(amap, "n2", support.id, EdgeType.UNDERCUT)
    with pytest.raises(InvalidEdgeError, match="undercut"):
        amap.set_edge_type(support.id, EdgeType.CONTRARY)
    with pytest.raises(InvalidValueError, match="unknown link type"):
        amap.set_edge_type(support.id, "hugs")
