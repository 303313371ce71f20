"""Maps read from formats without positions come out laid out, not as one pile of cards."""

from pathlib import Path

import pytest

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import Node
from debatemap.interchange.registry import place_if_unplaced, read_map

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


def _overlaps(amap: ArgumentMap) -> int:
    from debatemap.core.card_metrics import estimate_size

    boxes = []
    for node in amap.nodes.values():
        w, h = estimate_size(node.text, node.kind)
        boxes.append((node.x - w / 2, node.y - h / 2, node.x + w / 2, node.y + h / 2))
    return sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


@pytest.mark.parametrize("name", ["argdown/veggie_debate.argdown",
                                  "kialo/should-hate-speech-be-illegal-6148.txt"])
def test_a_map_without_positions_is_laid_out_without_overlaps(name):
    amap = read_map(FIXTURES / name)
    assert len({(n.x, n.y) for n in amap.nodes.values()}) == len(amap.nodes)
    assert _overlaps(amap) == 0


def test_a_map_with_positions_keeps_them():
    amap = ArgumentMap()
    for i, (x, y) in enumerate([(0, 0), (500, 0), (0, 400)]):
        amap.add_node(Node(id=f"n{i}", text=f"claim {i}", x=x, y=y))
    place_if_unplaced(amap)
    assert [(n.x, n.y) for n in amap.nodes.values()] == [(0, 0), (500, 0), (0, 400)]


def test_one_node_stays_where_it_is():
    amap = ArgumentMap()
    amap.add_node(Node(id="n0", text="alone", x=5, y=7))
    place_if_unplaced(amap)
    assert (amap.nodes["n0"].x, amap.nodes["n0"].y) == (5, 7)
