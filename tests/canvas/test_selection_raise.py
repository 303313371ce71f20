"""Selected cards are drawn above the others (not when very many are selected), and the
selected ids the panels ask for always match the scene, however the selection changed."""

from PySide6.QtCore import Qt

from debatemap.canvas import scene as scene_module
from debatemap.canvas.scene import NODE_Z, SELECTED_NODE_Z


def truth(scene):
    items = scene.selectedItems()
    return (sorted(i.node_id for i in items if hasattr(i, "node_id")),
            sorted(i.edge_id for i in items if hasattr(i, "edge_id")))


def asked(scene):
    nodes, edges = scene.selected_ids()
    return sorted(nodes), sorted(edges)


def test_a_selected_card_is_raised_and_drops_back(view, scene, ids):
    view.select_items([ids.reason])
    assert scene.node_items[ids.reason].zValue() == SELECTED_NODE_Z
    assert scene.node_items[ids.thesis].zValue() == NODE_Z
    scene.node_items[ids.thesis].setSelected(True)  # a click adds to the selection
    assert scene.node_items[ids.thesis].zValue() == SELECTED_NODE_Z
    view.select_items([])
    assert all(item.zValue() == NODE_Z for item in scene.node_items.values())


def test_with_very_many_selected_nothing_is_raised(view, scene, ids, monkeypatch):
    monkeypatch.setattr(scene_module, "RAISE_MAX", 2)
    view.select_items([ids.reason])
    assert scene.node_items[ids.reason].zValue() == SELECTED_NODE_Z
    view.select_all()  # 3 cards and 2 links: "very many" here
    assert all(item.zValue() == NODE_Z for item in scene.node_items.values())
    assert asked(scene) == truth(scene) and len(asked(scene)[0]) == 3


def test_the_selected_ids_follow_every_way_of_selecting(qtbot, view, scene, document, ids):
    view.select_items([ids.reason], [ids.support])
    assert asked(scene) == truth(scene) == ([ids.reason], [ids.support])
    scene.node_items[ids.cost].setSelected(True)
    assert asked(scene) == truth(scene)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene.node_items[ids.thesis].pos()))
    assert asked(scene) == truth(scene) == ([ids.thesis], [])
    assert document.remove_items([ids.thesis], [])  # a selected card goes away
    assert asked(scene) == truth(scene) == ([], [])
    document.undo_stack.undo()
    view.select_all()
    assert asked(scene) == truth(scene)
    nodes, _edges = scene.selected_ids()
    nodes.clear()  # what a caller does with its list does not change the next answer
    assert asked(scene) == truth(scene)


def test_selecting_what_is_hidden_or_gone_leaves_it_out_of_the_selected_ids(view, scene, document, ids):
    view.toggle_collapsed(ids.thesis)  # its reasons and objections are hidden
    assert ids.reason in scene.hidden_nodes
    view.select_items([ids.thesis, ids.reason, ids.reason, "n-gone"], [ids.support, "e-gone"])
    assert asked(scene) == truth(scene) == ([ids.thesis], [])


def test_a_large_selection_is_made_over_a_few_turns_but_known_at_once(qtbot, view, scene, document, ids, monkeypatch):
    from debatemap.canvas import selecting

    monkeypatch.setattr(selecting, "SLICE", 2)  # 3 cards + 2 links: three slices
    announced = []
    view.selectionChangedIds.connect(lambda nodes, edges: announced.append((sorted(nodes), sorted(edges))))
    view.select_all()
    everything = (sorted(scene.node_items), sorted(scene.edge_items))
    assert asked(scene) == everything and announced == [everything]  # the whole choice, once
    assert len(scene.selectedItems()) == 2  # the first slice
    qtbot.waitUntil(lambda: len(scene.selectedItems()) == 5, timeout=2000)
    assert truth(scene) == everything and announced == [everything]


def test_deleting_while_a_large_selection_is_being_made_deletes_all_of_it(qtbot, view, scene, document, ids, monkeypatch):
    from debatemap.canvas import selecting

    monkeypatch.setattr(selecting, "SLICE", 1)
    view.select_all()
    assert view.delete_selection()
    assert not document.map.nodes and not document.map.edges
    qtbot.wait(50)  # what was still pending is gone: nothing to select, nothing raised
    assert scene.selectedItems() == [] and asked(scene) == ([], [])


def test_a_click_while_a_large_selection_is_being_made_wins(qtbot, view, scene, document, ids, monkeypatch):
    from debatemap.canvas import selecting

    monkeypatch.setattr(selecting, "SLICE", 1)
    view.select_items([ids.reason, ids.cost], [ids.support, ids.attack])
    scene.node_items[ids.thesis].setSelected(True)  # the selection changed some other way
    qtbot.wait(50)  # the rest of the sweep was dropped
    assert asked(scene) == truth(scene) == (sorted([ids.reason, ids.thesis]), [])


def test_unselecting_very_many_is_sliced_too_and_keeps_what_is_chosen_again(qtbot, view, scene, ids, monkeypatch):
    from debatemap.canvas import selecting

    view.select_all()
    monkeypatch.setattr(selecting, "SLICE", 2)  # 5 selected: "very many"
    view.select_items([ids.thesis])
    assert asked(scene) == ([ids.thesis], [])  # at once
    assert len(scene.selectedItems()) == 3  # two unselected so far
    qtbot.waitUntil(lambda: truth(scene) == ([ids.thesis], []), timeout=2000)
    view.select_items([])
    assert asked(scene) == ([], []) and truth(scene) == ([], [])  # one: not "very many"
