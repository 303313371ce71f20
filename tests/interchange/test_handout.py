"""The workshop handout's Markdown (no Qt): title and date, participants, agenda, the map image,
each question's arguments nested with who said them, votes, decisions, the parking lot, and
names hidden in anonymous mode."""

import datetime

import pytest
from markdown_it import MarkdownIt

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import (AgendaItem, Edge, EdgeType, Node, NodeKind, ParkedItem,
                                  Participant, Vote)
from debatemap.core.workshop import Workshop
from debatemap.interchange.handout import build_handout, duration, escape, rating

DAY = datetime.date(2025, 3, 12)


@pytest.fixture
def shop():
    """A workshop on free transit: two agenda questions, a stray question, a lone claim."""
    amap = ArgumentMap("Free transit")
    workshop = Workshop(amap)
    for pid, name in (("p-ada", "Ada"), ("p-bo", "Bo"), ("p-cy", "Cy")):
        workshop.add_participant(Participant(pid, name))
    nodes = [
        Node("n-q1", "Should transit be free?", NodeKind.QUESTION, author_id="p-ada"),
        Node("n-r1", "It cuts car traffic", author_id="p-ada"),
        Node("n-r2", "Cleaner air", author_id="p-bo"),
        Node("n-o1", "It costs 40 million a year", NodeKind.OBJECTION, author_id="p-bo"),
        Node("n-u1", "Traffic was falling anyway", NodeKind.OBJECTION, author_id="p-cy"),
        Node("n-d1", "Trial free weekend buses", NodeKind.IDEA, author_id="p-cy",
             tags=("Decision",)),
        Node("n-q2", "Who pays?", NodeKind.QUESTION, author_id="p-cy"),
        Node("n-p1", "A *congestion* charge | on cars", author_id="p-ada"),
        Node("n-q3", "What about bikes?", NodeKind.QUESTION),
        Node("n-lone", "Transit is a public good", title="Public good"),
    ]
    for node in nodes:
        amap.add_node(node)
    for edge_id, kind, source, target in (
        ("e1", EdgeType.SUPPORT, "n-r1", "n-q1"), ("e2", EdgeType.SUPPORT, "n-r2", "n-r1"),
        ("e3", EdgeType.ATTACK, "n-o1", "n-q1"), ("e5", EdgeType.SUPPORT, "n-d1", "n-q1"),
        ("e6", EdgeType.SUPPORT, "n-p1", "n-q2"), ("e4", EdgeType.UNDERCUT, "n-u1", "e1"),
    ):
        amap.add_edge(Edge(edge_id, kind, source, target))
    workshop.add_agenda_item(AgendaItem("a1", "n-q1", 0, timebox=900))
    workshop.add_agenda_item(AgendaItem("a2", "n-q2", 0, timebox=600))
    workshop.update_agenda_item("a1", spent=750.0, done=True)
    workshop.update_agenda_item("a2", spent=65.0)
    for vote in (Vote("v1", "n-r1", "p-ada", "dot", 2), Vote("v2", "n-r1", "p-cy", "dot", 1),
                 Vote("v3", "n-p1", "p-bo", "dot", 4), Vote("v4", "n-r1", "p-ada", "rating", 2),
                 Vote("v5", "n-r1", "p-bo", "rating", -1), Vote("v6", "n-o1", "p-cy", "dot", 1)):
        workshop.put_vote(vote)
    workshop.park(ParkedItem("k1", "Bike lanes on Main Street", 0, author_id="p-bo"))
    workshop.park(ParkedItem("k2", "Night buses", 0, kind="question"))
    return amap, workshop


def section(text: str, heading: str) -> str:
    """The lines under ``## heading`` up to the next ``## ``."""
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def test_title_date_and_the_sections_in_order(shop):
    text = build_handout(*shop, when=DAY, map_image="transit-map.png")
    assert text.startswith("# Free transit\n\nWorkshop handout · 12 March 2025\n")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Participants", "## Agenda", "## The map",
                        "## Questions and arguments", "## Votes", "## Decisions",
                        "## Parking lot"]
    assert "![The argument map](transit-map.png)" in text
    assert "## The map" not in build_handout(*shop, when=DAY)  # no picture, no section


def test_participants_with_what_they_contributed(shop):
    people = section(build_handout(*shop, when=DAY), "Participants")
    assert "- Ada — 3 cards, 2 dots placed" in people
    assert "- Bo — 2 cards, 4 dots placed" in people
    assert "- Cy — 3 cards, 2 dots placed" in people
    assert people.index("Ada") < people.index("Bo") < people.index("Cy")


def test_agenda_items_timeboxes_time_spent_and_done(shop):
    agenda = section(build_handout(*shop, when=DAY), "Agenda")
    assert "| 1 | Should transit be free? | 15 min | 12 min 30 s | ✓ |" in agenda
    assert "| 2 | Who pays? | 10 min | 1 min 5 s | — |" in agenda
    assert "1 of 2 items done · 25 min planned · 13 min 35 s spent" in agenda


def test_each_question_with_its_arguments_nested_and_who_said_them(shop):
    threads = section(build_handout(*shop, when=DAY), "Questions and arguments")
    lines = threads.splitlines()
    first = lines.index("### 1. Should transit be free?")
    assert lines[first + 2] == "Raised by *Ada*"
    assert lines[first + 4:first + 9] == [
        "- **Supports:** It cuts car traffic — *Ada* · 3 dots, rated +0.5",
        "  - **Supports:** Cleaner air — *Bo*",
        "  - **Undercuts the link:** Traffic was falling anyway — *Cy*",
        "- **Attacks:** It costs 40 million a year — *Bo* · 1 dot",
        "- **Supports:** **Decision:** Trial free weekend buses — *Cy*",
    ]
    second = lines.index("### 2. Who pays?")
    assert lines[second + 4] == r"- **Supports:** A \*congestion\* charge \| on cars — *Ada* · 4 dots"
    # the questions not on the agenda, then the other top-level cards, each once
    assert "### What about bikes?" in lines and "*No arguments yet.*" in lines
    assert "### **Public good** — Transit is a public good" in lines
    assert second < lines.index("### What about bikes?") < lines.index(
        "### **Public good** — Transit is a public good")
    assert threads.count("Cleaner air") == 1


def test_a_card_under_two_parents_and_a_cycle_are_listed_once_each():
    amap = ArgumentMap("Loops")
    for node_id in ("a", "b", "c"):
        amap.add_node(Node(node_id, f"Claim {node_id}"))
    amap.add_edge(Edge("e1", EdgeType.SUPPORT, "a", "b"))
    amap.add_edge(Edge("e2", EdgeType.ATTACK, "b", "c"))
    amap.add_edge(Edge("e3", EdgeType.SUPPORT, "c", "a"))
    text = build_handout(amap, Workshop(amap), when=DAY)
    threads = section(text, "Questions and arguments")
    assert threads.count("### ") == 1
    assert "*(see above)*" in threads
    for node_id in ("a", "b", "c"):
        assert f"Claim {node_id}" in threads


def test_votes_ordered_by_dots_with_mean_ratings(shop):
    votes = section(build_handout(*shop, when=DAY), "Votes")
    rows = [line for line in votes.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert rows == [
        r"| 1 | A \*congestion\* charge \| on cars | 4 | 1 | — | 0 |",
        "| 2 | It cuts car traffic | 3 | 2 | +0.5 | 2 |",
        "| 3 | It costs 40 million a year | 1 | 1 | — | 0 |",
    ]
    assert "Each participant had 5 dots" in votes


def test_decisions_are_the_cards_tagged_decision(shop):
    decisions = section(build_handout(*shop, when=DAY), "Decisions")
    assert "- Trial free weekend buses — *Cy*" in decisions
    assert "It cuts car traffic" not in decisions
    amap, workshop = shop
    amap.update_node("n-d1", tags=())
    assert "No card is tagged `decision`." in build_handout(amap, workshop, when=DAY)


def test_the_parking_lot_in_order_with_kind_and_author(shop):
    parked = section(build_handout(*shop, when=DAY), "Parking lot")
    assert parked.splitlines()[2:4] == ["- Bike lanes on Main Street (idea) — *Bo*",
                                        "- Night buses (question)"]


def test_anonymous_mode_hides_every_name(shop):
    amap, workshop = shop
    workshop.set_anonymous(True)
    text = build_handout(amap, workshop, when=DAY)
    for name in ("Ada", "Bo", "Cy"):
        assert f"*{name}*" not in text and f"- {name} " not in text
    assert "- Participant 1 — 3 cards, 2 dots placed" in text
    assert "Raised by *Participant 1*" in text
    assert "Cleaner air — *Participant 2*" in text
    assert "- Bike lanes on Main Street (idea) — *Participant 2*" in text
    assert "anonymous mode" in section(text, "Participants")
    # asked explicitly, names can be hidden whatever the setting
    workshop.set_anonymous(False)
    assert "Ada" in build_handout(amap, workshop, when=DAY)
    assert "Ada" not in build_handout(amap, workshop, when=DAY, anonymous=True)


def test_an_empty_workshop_says_so_in_each_section():
    amap = ArgumentMap("")
    text = build_handout(amap, Workshop(amap), when=DAY)
    assert text.startswith("# Workshop\n")
    for sentence in ("No participants were recorded.", "There was no agenda.",
                     "The map is empty.", "Nobody voted.", "Nothing was parked."):
        assert sentence in text


def test_the_markdown_renders_to_the_html_the_pdf_is_made_from(shop):
    html = MarkdownIt("commonmark").enable("table").render(
        build_handout(*shop, when=DAY, map_image="my map (1).png"))
    assert '<img src="my%20map%20(1).png" alt="The argument map"' in html
    assert html.count("<table>") == 2
    assert "A *congestion* charge | on cars" in html  # escaped marks come out as text
    assert "<ul>\n<li><strong>Supports:</strong> Cleaner air" in html  # nested under its parent


def test_helpers():
    assert [rating(m) for m in (None, 1.5, -0.5, 0.0, -0.04, 0.04, 2.0)] == [
        "—", "+1.5", "−0.5", "0.0", "0.0", "0.0", "+2.0"]
    assert [duration(s) for s in (0, 45, 60, 450, 3900)] == [
        "0 s", "45 s", "1 min", "7 min 30 s", "1 h 05 min"]
    assert escape("a  *b*\n_c_ [d] <e> # | `f`") == r"a \*b\* \_c\_ \[d\] \<e\> \# \| \`f\`"
