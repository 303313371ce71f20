"""A large open map is kept out of Python's full garbage-collection passes (they stopped the
window for 0.1-0.2 s at 10,000 cards) and let go of when another map replaces it."""

import gc

import pytest

from debatemap.app import heap
from debatemap.canvas.node_item import NodeItem


@pytest.fixture
def unfrozen_after():
    yield
    gc.unfreeze()


def live_cards(node_ids) -> int:
    return sum(1 for o in gc.get_objects() if isinstance(o, NodeItem) and o.node_id in node_ids)


def test_a_large_map_is_frozen_and_its_cards_are_freed_when_another_map_opens(
        qtbot, window, map_path, make_map, tmp_path, monkeypatch, unfrozen_after):
    monkeypatch.setattr(heap, "FREEZE_FROM_ITEMS", 4)  # the sample map (3 cards, 2 links) is "large"
    gc.unfreeze()
    assert window.open_path(map_path)
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=2000)
    first = set(window.scene.node_items)
    assert window.document.set_node_text(next(iter(first)), "Edited after the freeze", merge=False)
    monkeypatch.setattr(heap, "FREEZE_FROM_ITEMS", 10_000)  # the next map is "small"
    other = tmp_path / "other.debatemap"
    make_map(other, "Other")
    assert window.open_path(other)
    qtbot.waitUntil(lambda: gc.get_freeze_count() == 0, timeout=2000)
    qtbot.waitUntil(lambda: live_cards(first) == 0, timeout=2000)  # no card of the first map is left
    assert window.scene.node_items and not set(window.scene.node_items) & first


def test_settle_freezes_only_from_the_threshold(unfrozen_after):
    gc.unfreeze()
    heap.settle(heap.FREEZE_FROM_ITEMS - 1)
    assert gc.get_freeze_count() == 0
    heap.settle(heap.FREEZE_FROM_ITEMS)
    assert gc.get_freeze_count() > 0
    heap.settle(0)
    assert gc.get_freeze_count() == 0
