"""Argdown titles kept in node.title both ways, and undercut claim-to-claim links written as
arguments so that no undercut is lost."""

from __future__ import annotations

from collections import Counter

import pytest

from debatemap.core.argmap import ArgumentMap
from debatemap.core.evaluation import evaluate
from debatemap.core.model import Edge, EdgeType, Node, NodeKind
from debatemap.interchange.argdown_write import made_title
from debatemap.interchange.argdown import read_argdown, write_argdown

from test_argdown import NAMES, counts, expected, read_fixture


def by_title(amap):
    return {n.title: n for n in amap.nodes.values()}


def round_trip(amap):
    return read_argdown(write_argdown(amap), "written.argdown")


# ---- reading ---------------------------------------------------------------------------------


def test_statement_and_argument_titles_are_kept():
    amap = read_argdown(
        "[Fares]: Fares pay a third of the costs.\n\n<Lost money>: The city loses money.\n\n"
        "plain statement\n  - [Fares]\n",
        "x",
    )
    nodes = {n.text: n for n in amap.nodes.values()}
    assert nodes["Fares pay a third of the costs."].title == "Fares"
    assert nodes["The city loses money."].title == "Lost money"
    assert nodes["The city loses money."].kind == NodeKind.ARGUMENT
    assert nodes["plain statement"].title is None  # an untitled statement has no title


def test_a_statement_that_is_only_its_title_gets_it_as_text_too():
    amap = read_argdown("[Free fares]\n  + [Cars]: Fewer cars.\n", "x")
    node = next(n for n in amap.nodes.values() if n.text == "Free fares")
    assert node.title is None  # a title that is the whole text adds nothing to the card
    again = write_argdown(amap)
    assert "[Free fares]\n" in again and "[Free fares]:" not in again  # written bare, as read
    assert write_argdown(round_trip(amap)) == again
    long = read_argdown("[Free fares for every rider in the city]\n", "x")
    assert long.nodes.popitem()[1].title == "Free fares for every rider in the city"


def test_an_anonymous_structure_has_no_title_and_a_named_one_has_its_title():
    amap = read_argdown("(1) a\n----\n(2) b\n\n<Named>\n\n(1) c\n----\n(2) d\n", "x")
    arguments = sorted((n.title or "", n.text) for n in amap.nodes.values()
                       if n.kind == NodeKind.ARGUMENT)
    assert arguments == [("", "Named"), ("", "Untitled argument 1")]  # a title = text is no title
    amap = read_argdown("<Named>: the argument's own words\n\n(1) c\n----\n(2) d\n", "x")
    assert [n.title for n in amap.nodes.values() if n.kind == NodeKind.ARGUMENT] == ["Named"]


def test_escaped_and_spaced_titles_are_read_as_plain_text():
    amap = read_argdown("[A \\[b\\]   c]: text\n", "x")
    (node,) = amap.nodes.values()
    assert node.title == "A [b] c"
    assert round_trip(amap).nodes.popitem()[1].title == "A [b] c"


# ---- writing -------------------------------------------------------------------------------


def test_the_writer_uses_node_titles_and_makes_shared_ones_unique():
    nodes = [
        Node(id="n1", text="Fares are a third of the running costs", title="Costs"),
        Node(id="n2", text="Another costs claim", title="Costs"),
        Node(id="n3", text="An argument about costs", kind=NodeKind.ARGUMENT, title="Costs"),
        Node(id="n4", text="lower case", title="costs"),  # Argdown titles differ by case
        Node(id="n5", text="Costs 2"),  # untitled: made from its words, after the own titles
        Node(id="n6", text="Untitled claim with many words in its text"),
    ]
    text = write_argdown(ArgumentMap.from_parts("", nodes))
    assert "[Costs]: Fares are a third of the running costs" in text
    assert "[Costs 2]: Another costs claim" in text
    assert "<Costs>: An argument about costs" in text
    assert "[costs]: lower case" in text
    assert "[Costs 2 2]: Costs 2\n" in text  # the title made from its words is taken
    back = {n.text: n.title for n in read_argdown(text, "x").nodes.values()}
    assert back == {
        "Fares are a third of the running costs": "Costs",
        "Another costs claim": "Costs 2",
        "An argument about costs": "Costs",
        "lower case": "costs",
        "Costs 2": None,  # the titles the writer made up are not kept: these had none
        "Untitled claim with many words in its text": None,
    }


def test_an_own_title_wins_over_a_made_one():
    nodes = [Node(id="n1", text="Fares"), Node(id="n2", text="The fares claim", title="Fares")]
    back = {n.text: n.title for n in round_trip(ArgumentMap.from_parts("", nodes)).nodes.values()}
    assert back == {"Fares": None, "The fares claim": "Fares"}


@pytest.mark.parametrize("name", NAMES)
def test_fixture_write_read_keeps_every_title(name):
    amap = read_fixture(name)
    back = round_trip(amap)
    assert counts(back) == expected(name)
    titled = Counter((str(n.kind), n.title, n.text) for n in amap.nodes.values() if n.title)
    assert titled, name  # every fixture has titled statements or arguments
    assert titled <= Counter((str(n.kind), n.title, n.text) for n in back.nodes.values())
    # untitled nodes stay untitled (the titles the writer makes up are dropped on reading),
    # and the text is a fixed point
    assert Counter(n.title is None for n in back.nodes.values()) == Counter(
        n.title is None for n in amap.nodes.values())
    assert write_argdown(round_trip(back)) == write_argdown(back)


# ---- undercuts of claim-to-claim links -----------------------------------------------------


def undercut_map() -> ArgumentMap:
    amap = ArgumentMap("Undercuts")
    for node_id, text, title in [
        ("cars", "Free fares get people out of their cars.", "Cars"),
        ("thesis", "The city should make transport free.", "Free transport"),
        ("charge", "A congestion charge would do that too.", None),
        ("walkers", "New riders used to walk.", "Walkers"),
        ("data", "The survey asked only walkers.", None),
    ]:
        amap.add_node(Node(id=node_id, text=text, title=title))
    for edge in [
        Edge(id="support", type=EdgeType.SUPPORT, source="cars", target="thesis"),
        Edge(id="attack", type=EdgeType.ATTACK, source="walkers", target="cars"),
        Edge(id="u1", type=EdgeType.UNDERCUT, source="charge", target="support"),
        Edge(id="u2", type=EdgeType.UNDERCUT, source="data", target="attack"),
    ]:
        amap.add_edge(edge)
    return amap


def labelled_edges(amap):
    names = {n.id: n.title or made_title(n.text) for n in amap.nodes.values()}
    return {(str(e.type), names[e.source], names.get(e.target)) for e in amap.edges.values()}


def test_undercut_support_and_attack_are_written_as_arguments_and_read_back():
    amap = undercut_map()
    text = write_argdown(amap)
    assert "<Cars supports Free transport>\n\n(1) [Cars]\n----\n(2) [Free transport]" in text
    assert "_> <Cars supports Free transport>" in text
    assert "<Walkers attacks Cars>\n  -> [Cars]" in text
    back = read_argdown(text, "x")
    assert back.problems() == []
    assert labelled_edges(back) == {
        ("premise", "Cars", "Cars supports Free transport"),
        ("conclusion", "Cars supports Free transport", "Free transport"),
        ("undercut", "A congestion charge would do that", "Cars supports Free transport"),
        ("support", "Walkers", "Walkers attacks Cars"),
        ("attack", "Walkers attacks Cars", "Cars"),
        ("undercut", "The survey asked only walkers", "Walkers attacks Cars"),
    }
    assert sum(e.type == EdgeType.UNDERCUT for e in back.edges.values()) == 2
    # the same verdicts: the undercut inferences do not count, the claims stand
    labels = evaluate(amap).labels
    again = {back.nodes[i].text: label for i, label in evaluate(back).labels.items()}
    assert {amap.nodes[i].text: label for i, label in labels.items()}.items() <= again.items()


def test_the_written_undercut_arguments_are_a_fixed_point():
    back = round_trip(undercut_map())
    assert write_argdown(round_trip(back)) == write_argdown(back)
    assert labelled_edges(round_trip(back)) == labelled_edges(back)


def test_two_undercuts_of_one_link_share_its_argument_and_the_map_is_not_changed():
    amap = undercut_map()
    amap.add_node(Node(id="cost", text="Free fares cost money."))
    amap.add_edge(Edge(id="u3", type=EdgeType.UNDERCUT, source="cost", target="support"))
    before = {i: (e.type, e.source, e.target) for i, e in amap.edges.items()}
    back = round_trip(amap)
    assert before == {i: (e.type, e.source, e.target) for i, e in amap.edges.items()}
    arguments = [n for n in back.nodes.values() if n.kind == NodeKind.ARGUMENT]
    assert len(arguments) == 2
    undercut_targets = Counter(back.nodes[e.target].title or back.nodes[e.target].text
                               for e in back.edges.values()
                               if e.type == EdgeType.UNDERCUT)
    assert undercut_targets == {"Cars supports Free transport": 2, "Walkers attacks Cars": 1}


def test_an_undercut_of_a_premise_link_undercuts_its_argument():
    amap = ArgumentMap("")
    amap.add_node(Node(id="p", text="premise", title="P"))
    amap.add_node(Node(id="a", text="the argument", kind=NodeKind.ARGUMENT, title="A"))
    amap.add_node(Node(id="c", text="conclusion", title="C"))
    amap.add_node(Node(id="u", text="undercutter", title="U"))
    amap.add_edge(Edge(id="pe", type=EdgeType.PREMISE, source="p", target="a"))
    amap.add_edge(Edge(id="ce", type=EdgeType.CONCLUSION, source="a", target="c"))
    amap.add_edge(Edge(id="ue", type=EdgeType.UNDERCUT, source="u", target="pe"))
    assert ("undercut", "U", "A") in labelled_edges(round_trip(amap))


def test_the_sample_map_keeps_its_undercut_through_argdown(tmp_path):
    from debatemap.app.sample import write_sample
    from debatemap.store.session import MapSession

    with MapSession.open(write_sample(tmp_path / "sample.debatemap"), readonly=True) as session:
        amap = session.map
    assert sum(e.type == EdgeType.UNDERCUT for e in amap.edges.values()) == 1
    back = round_trip(amap)
    assert back.problems() == []
    (undercut,) = [e for e in back.edges.values() if e.type == EdgeType.UNDERCUT]
    charge = back.nodes[undercut.source]
    assert charge.text.startswith("A congestion charge would cut car traffic")
    argument = back.nodes[undercut.target]
    assert argument.kind == NodeKind.ARGUMENT
    ends = {str(e.type): back.nodes[e.source if e.type == EdgeType.PREMISE else e.target].text
            for e in back.edges.values() if argument.id in (e.source, e.target)
            and e.type in (EdgeType.PREMISE, EdgeType.CONCLUSION)}
    assert ends == {
        "premise": "Free fares would get people out of their cars, cutting congestion and"
                   " emissions.",
        "conclusion": "The city should make public transport free.",
    }
    # every other link is kept, and 9 links become 10 (the support is now premise + conclusion)
    assert len(back.edges) == len(amap.edges) + 1
    assert len(back.nodes) == len(amap.nodes) + 1
