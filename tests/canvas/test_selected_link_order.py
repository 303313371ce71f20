"""A selected link is drawn above the other links and below the cards, and drops back after."""

from debatemap.canvas.scene import EDGE_Z, SELECTED_EDGE_Z


def test_selecting_a_link_raises_it_and_deselecting_lowers_it(scene):
    first, second = list(scene.edge_items.values())[:2]
    assert first.zValue() == second.zValue() == EDGE_Z
    first.setSelected(True)
    assert first.zValue() == SELECTED_EDGE_Z and second.zValue() == EDGE_Z
    assert SELECTED_EDGE_Z < min(item.zValue() for item in scene.node_items.values())
    second.setSelected(True)
    first.setSelected(False)
    assert first.zValue() == EDGE_Z and second.zValue() == SELECTED_EDGE_Z
    scene.clearSelection()
    assert all(item.zValue() == EDGE_Z for item in scene.edge_items.values())


def test_a_rebuild_forgets_the_raised_links(scene):
    next(iter(scene.edge_items.values())).setSelected(True)
    scene.rebuild()
    scene.clearSelection()  # must not touch the items the rebuild deleted
    assert all(item.zValue() == EDGE_Z for item in scene.edge_items.values())
