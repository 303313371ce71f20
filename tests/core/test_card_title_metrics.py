"""A titled card is one bold line taller; the layout spaces titled cards by that height."""

import pytest

from debatemap.core.argmap import ArgumentMap
from debatemap.core.card_metrics import LINE_HEIGHT, TITLE_GAP, estimate_size, shown_title
from debatemap.core.layout import layout
from debatemap.core.model import Edge, EdgeType, Node


@pytest.mark.parametrize(
    ("text", "title", "shown"),
    [
        ("Fares pay a third of the costs.", "Lost revenue", "Lost revenue"),
        ("Fares pay a third of the costs.", None, None),
        ("Fares pay a third of the costs.", "", None),
        ("Free  fares", "Free fares", None),  # the text says no more than the title
        ("text", "  spaced   title ", "spaced title"),
    ],
)
def test_shown_title(text, title, shown):
    assert shown_title(text, title) == shown


def test_a_title_adds_one_line_and_a_gap():
    text = "Fares pay a third of the running costs of the network."
    plain = estimate_size(text)
    titled = estimate_size(text, title="Lost revenue")
    assert titled == (plain[0], plain[1] + LINE_HEIGHT + TITLE_GAP) == (230.0, 89.0)
    long_title = estimate_size(text, title="A title far too long for one line of the card " * 3)
    assert long_title == titled  # a long title is elided to one line, not wrapped
    assert estimate_size("Lost revenue", title="Lost revenue") == estimate_size("Lost revenue")
    assert estimate_size(text, has_source=True, title="T")[1] == titled[1] + 20


def test_the_layout_keeps_titled_cards_apart_by_their_real_height():
    nodes = [Node(f"n{i}", f"Claim number {i} of a chain", title=f"Title {i}") for i in range(6)]
    edges = [Edge(f"e{i}", EdgeType.SUPPORT, f"n{i + 1}", f"n{i}") for i in range(5)]
    amap = ArgumentMap.from_parts("chain", nodes, edges)
    spots = layout(amap, move_all=True, spacing=(10.0, 4.0))
    height = estimate_size("Claim number 0 of a chain", title="Title 0")[1]
    ys = sorted(y for _, y in spots.values())
    assert min(b - a for a, b in zip(ys, ys[1:])) >= height + 4.0 - 1e-6
