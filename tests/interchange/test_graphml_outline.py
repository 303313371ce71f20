import io

import networkx as nx

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import Document, Edge, EdgeType, Excerpt, Node
from debatemap.interchange.graphml import write_graphml
from debatemap.interchange.outline import write_outline

TEXTS = ["Main <script>alert(1)</script>", 'a & b "q"', "two\nlines", "[x] (y)"]


def _map():
    nodes = [Node(f"n{i}", t, x=i * 10.0, y=-i) for i, t in enumerate(TEXTS)]
    doc = Document("d1", "Report & Co", "the quoted passage here", "txt", "utf-8")
    ex = Excerpt("x1", "d1", 4, 18, "quoted passage")
    nodes[1].excerpt_id = "x1"
    edges = [Edge("e1", EdgeType.SUPPORT, "n1", "n0"), Edge("e2", EdgeType.ATTACK, "n2", "n0"),
             Edge("e3", EdgeType.UNDERCUT, "n3", "e1"), Edge("e4", EdgeType.SUPPORT, "n0", "n2")]
    return ArgumentMap.from_parts("T", nodes, edges, [doc], [ex])


def test_graphml_read_back_by_networkx():
    amap = _map()
    text = write_graphml(amap)
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 4
    assert sorted(d["label"] for _, d in graph.nodes(data=True)) == sorted(TEXTS)
    assert {d["kind"] for _, d in graph.nodes(data=True)} == {"claim"}
    assert graph.nodes["n1"]["x"] == 10.0
    assert sorted(d["type"] for *_, d in graph.edges(data=True)) == [
        "attack", "support", "support", "undercut"]


def test_outline_nests_stances_and_quotes_sources_once_each():
    out = write_outline(_map())
    # n0 supports n2 and n2 attacks n0: a cycle with no main claim, written from the first node
    assert out.startswith("# T\n")
    assert "## Main <script>alert(1)</script>" in out
    assert '- **Pro:** a & b "q"' in out
    assert "  > quoted passage" in out and "— *Report & Co*" in out
    assert "- **Con:** two lines" in out
    assert "**Undercut:** [x] (y)" in out
    assert out.count("Main <script>") == 2  # heading, then "see above" under its own attacker
    assert "*(see above)*" in out
    assert write_outline(_map()) == out


def test_outline_main_claims_are_headings():
    nodes = [Node("a", "A"), Node("b", "B"), Node("c", "C")]
    amap = ArgumentMap.from_parts("", nodes, [Edge("e", EdgeType.ATTACK, "b", "a")])
    out = write_outline(amap)
    assert out.index("## A") < out.index("- **Con:** B") < out.index("## C")
