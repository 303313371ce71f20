"""Node titles in the GraphML export (a `title` data key) and the Markdown outline (bold first)."""

import io

import networkx as nx
from markdown_it import MarkdownIt

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import Edge, EdgeType, Node
from debatemap.interchange.graphml import write_graphml
from debatemap.interchange.outline import write_outline


def titled_map() -> ArgumentMap:
    nodes = [
        Node("thesis", "The city should make transport free.", title="Free transport"),
        Node("cost", "Fares pay a third of the costs.", title="Lost *revenue*_ `x` \\"),
        Node("plain", "Buses are full."),
        Node("bare", "Only a title", title="Only a title"),
    ]
    edges = [Edge("e1", EdgeType.ATTACK, "cost", "thesis"),
             Edge("e2", EdgeType.SUPPORT, "plain", "thesis"),
             Edge("e3", EdgeType.SUPPORT, "bare", "thesis")]
    return ArgumentMap.from_parts("Fares", nodes, edges)


def test_graphml_has_a_title_key_read_back_by_networkx():
    text = write_graphml(titled_map())
    assert '<key id="' in text and 'attr.name="title"' in text
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    titles = {node: data["title"] for node, data in graph.nodes(data=True)}
    assert titles == {"thesis": "Free transport", "cost": "Lost *revenue*_ `x` \\",
                      "plain": "", "bare": "Only a title"}
    assert graph.nodes["thesis"]["label"] == "The city should make transport free."
    assert graph.graph["title"] == "Fares"  # the map's title is still the graph's


def test_outline_puts_the_bold_title_before_the_text():
    out = write_outline(titled_map())
    assert "## **Free transport** — The city should make transport free." in out
    assert "- **Con:** **Lost \\*revenue\\*\\_ \\`x\\` \\\\** — Fares pay a third of the costs." in out
    assert "- **Pro:** Buses are full." in out  # no title, no bold
    assert "- **Pro:** **Only a title**\n" in out  # a text that is its title is said once


def test_outline_titles_render_as_bold_with_their_characters_intact():
    html = MarkdownIt().render(write_outline(titled_map()))
    assert "<strong>Lost *revenue*_ `x` \\</strong> — Fares pay a third of the costs." in html
    assert "<strong>Free transport</strong> — The city should make transport free." in html
