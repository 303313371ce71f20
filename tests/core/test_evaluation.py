"""core.evaluation: a map's nodes labelled in/out/undecided, marks, and explain()."""

import pytest

from debatemap.core.argmap import ArgumentMap
from debatemap.core.dung import grounded
from debatemap.core.errors import InvalidValueError
from debatemap.core.evaluation import evaluate, explain, reduce_map
from debatemap.core.model import Edge, Node, NodeKind


def make(nodes: str, *links: str, arguments: str = "") -> ArgumentMap:
    """Links as "a>b" attack, "a+b" support, "a^e1" undercut, "p@A" premise, "A=c" conclusion;
    edge ids e1, e2... in order."""
    amap = ArgumentMap()
    for n in nodes:
        kind = NodeKind.ARGUMENT if n in arguments else NodeKind.CLAIM
        amap.add_node(Node(n, f"node {n}", kind))
    ops = {">": "attack", "+": "support", "^": "undercut", "@": "premise", "=": "conclusion",
           "~": "contrary"}
    for i, link in enumerate(links, 1):
        op = next(c for c in link if c in ops)
        source, target = link.split(op)
        amap.add_edge(Edge(f"e{i}", ops[op], source, target))
    return amap


def labels(amap, semantics="grounded") -> str:
    result = evaluate(amap, semantics).labels
    return " ".join(f"{n}:{result[n][0]}" for n in sorted(result))


def test_attacks_only_is_textbook_dung():
    amap = make("abcd", "a>b", "b>c", "c>d", "d>b")
    reduction = reduce_map(amap)
    assert sorted(reduction.framework.attacks) == sorted(
        [(("node", s), ("node", t)) for s, t in ("ab", "bc", "cd", "db")]
    )
    assert evaluate(amap).labels == {k[1]: v for k, v in grounded(reduction.framework).items()}


def test_reinstatement_and_unattacked_nodes():
    assert labels(make("abcz", "c>b", "b>a")) == "a:i b:o c:i z:i"


def test_odd_and_even_cycles():
    assert labels(make("abc", "a>b", "b>c", "c>a")) == "a:u b:u c:u"
    even = make("ab", "a>b", "b>a")
    assert labels(even) == "a:u b:u"
    result = evaluate(even, "preferred")
    assert result.extensions == [["a"], ["b"]]
    assert result.labels == {"a": "undecided", "b": "undecided"}
    assert result.credulous == {"a", "b"}
    assert result.to_json()["extensions"] == [["a"], ["b"]]


def test_contrary_is_a_mutual_attack():
    assert labels(make("ab", "a~b")) == "a:u b:u"


def test_undercut_of_an_attack_reinstates_its_target():
    amap = make("abu", "a>b", "u^e1")
    assert labels(amap) == "a:i b:i u:i"
    assert evaluate(amap).link_labels == {"e1": "out"}
    amap.add_node(Node("v", "node v"))
    amap.add_edge(Edge("e3", "attack", "v", "u"))  # the undercutter is defeated: the attack holds
    assert labels(amap) == "a:i b:o u:o v:i"


def test_an_attack_from_an_out_node_counts_for_nothing_even_when_undercut():
    amap = make("abcu", "c>a", "a>b", "u^e2")  # a is out anyway
    assert labels(amap) == "a:o b:i c:i u:i"


def test_undercut_of_an_argument_node_attacks_it():
    amap = make("pAcu", "p@A", "A=c", "u^A", arguments="A")
    assert labels(amap) == "A:o c:o p:i u:i"


def test_a_supported_claim_stands_on_its_reasons():
    assert labels(make("sc", "s+c")) == "c:i s:i"
    # its only reason is defeated: it falls with it
    assert labels(make("scd", "s+c", "d>s")) == "c:o d:i s:o"
    # one of two independent reasons is enough
    assert labels(make("stcd", "s+c", "t+c", "d>s")) == "c:i d:i s:o t:i"
    # a reason that is itself undecided leaves the claim undecided at best
    assert labels(make("sxyc", "s+c", "x>s", "s>x")) == "c:u s:u x:u y:i"


def test_supports_do_not_protect_against_attacks():
    assert labels(make("scd", "s+c", "d>c")) == "c:o d:i s:i"


def test_undercut_of_a_support_removes_that_reason():
    assert labels(make("scu", "s+c", "u^e1")) == "c:o s:i u:i"
    assert labels(make("stcu", "s+c", "t+c", "u^e1")) == "c:i s:i t:i u:i"


def test_premises_are_conjunctive_and_the_argument_supports_its_conclusion():
    amap = make("pqAcd", "p@A", "q@A", "A=c", arguments="A")
    assert labels(amap) == "A:i c:i d:i p:i q:i"
    amap.add_edge(Edge("e9", "attack", "d", "q"))
    assert labels(amap) == "A:o c:o d:i p:i q:o"
    # an undercut of one premise link fails the argument like an out premise
    amap2 = make("pqAcu", "p@A", "q@A", "A=c", "u^e2", arguments="A")
    assert labels(amap2) == "A:o c:o p:i q:i u:i"


def test_support_cycles_are_undecided_or_both_in():
    amap = make("ab", "a+b", "b+a")
    assert labels(amap) == "a:u b:u"
    assert evaluate(amap, "preferred").extensions == [[], ["a", "b"]]


def test_manual_marks_force_a_label_and_the_rest_follows():
    amap = make("abc", "c>b", "b>a")
    amap.update_node("c", mark="reject")  # c's attack no longer counts: b is in, a out
    result = evaluate(amap)
    assert result.labels == {"a": "out", "b": "in", "c": "out"} and result.manual == {"c"}
    amap.update_node("c", mark=None)
    amap.update_node("b", mark="accept")  # accepted although c attacks it
    assert labels(amap) == "a:o b:i c:i"
    amap.update_node("b", mark="undecided")
    assert labels(amap) == "a:u b:u c:i"
    assert labels(amap, "preferred") == "a:u b:u c:i"
    with pytest.raises(InvalidValueError, match="unknown mark"):
        amap.update_node("b", mark="maybe")


def test_unknown_semantics_is_refused():
    with pytest.raises(InvalidValueError, match="unknown semantics"):
        evaluate(make("a"), "stable")


def test_preferred_on_a_map_with_a_floating_defeat():
    amap = make("abcd", "a>b", "b>a", "a>c", "b>c", "c>d")
    result = evaluate(amap, "preferred")
    assert result.extensions == [["a", "d"], ["b", "d"]]
    assert result.labels == {"a": "undecided", "b": "undecided", "c": "out", "d": "in"}
    assert evaluate(amap).labels["d"] == "undecided"


def test_explain_out_in_and_undecided():
    amap = make("abcxyz", "c>b", "b>a", "x>y", "y>x", "x>z")
    result = evaluate(amap)
    why_b = explain(amap, result, "b")
    assert why_b.label == "out" and [(r.role, r.nodes, r.edges) for r in why_b.reasons] == [
        ("defeated by", ("c",), ("e1",))
    ]
    why_a = explain(amap, result, "a")
    assert why_a.label == "in"
    [answered] = why_a.reasons
    assert (answered.role, answered.nodes, answered.label) == ("answered", ("b",), "out")
    assert [(d.role, d.nodes, d.edges) for d in answered.defenders] == [
        ("defender", ("c",), ("e1",))
    ]
    why_z = explain(amap, result, "z")
    assert why_z.label == "undecided" and [r.nodes for r in why_z.reasons] == [("x",)]
    assert explain(amap, result, "c").reasons == ()
    assert "nothing attacks it" in explain(amap, result, "c").summary


def test_explain_reasons_undercuts_and_marks():
    amap = make("scdu", "s+c", "d>s", "u^e2")
    result = evaluate(amap)
    assert result.labels["c"] == "in"
    [need_reason] = explain(amap, result, "c").reasons
    assert need_reason.edges == ("e1",)
    [defender] = need_reason.defenders
    assert defender.nodes == ("s",) and "reason" in defender.text
    why_s = explain(amap, result, "s")
    [answered] = why_s.reasons
    assert answered.edges == ("e2",)
    assert [(d.nodes, d.edges) for d in answered.defenders] == [(("u",), ("e3",))]
    amap.update_node("u", mark="reject")
    result = evaluate(amap)
    assert result.labels["c"] == "out"
    assert explain(amap, result, "u").manual
    assert "no reason" in explain(amap, result, "c").summary
    assert explain(amap, result, "c").to_json()["reasons"][0]["role"] == "defeated by"
