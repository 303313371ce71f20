"""Keyboard-first editing through real key events: Tab, Shift+Tab, Enter, F2, arrows, nudges."""

import pytest
from PySide6.QtCore import Qt

from debatemap.core.model import EdgeType

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def type_and_commit(qtbot, view, text):
    assert view.editor is not None and view.editor.isVisible()
    qtbot.keyClicks(view.editor, text)
    qtbot.keyClick(view.editor, Qt.Key.Key_Return)
    assert view.editor is None


def links_from(document, node_id):
    return [e for e in document.map.edges.values() if e.source == node_id]


def test_tab_adds_a_supporting_child_with_the_editor_open(qtbot, view, scene, document, ids):
    view.select_items([ids.thesis])
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.editor is not None and view.pending_node().anchor == ids.thesis
    assert document.undo_stack.count() == 0  # nothing is made before the text is there
    type_and_commit(qtbot, view, "Fewer cars downtown")
    (node_id,) = view.selected_node_ids()
    node = document.map.nodes[node_id]
    assert node.text == "Fewer cars downtown"
    (edge,) = links_from(document, node_id)
    assert (edge.target, edge.type) == (ids.thesis, EdgeType.SUPPORT)
    assert scene.node_items[node_id].pos().y() > scene.node_items[ids.thesis].pos().y()  # below
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert node_id not in scene.node_items and edge.id not in scene.edge_items


def test_shift_tab_adds_an_attacking_child(qtbot, view, document, ids):
    view.select_items([ids.reason])
    qtbot.keyClick(view, Qt.Key.Key_Backtab, SHIFT)
    type_and_commit(qtbot, view, "Traffic comes back")
    (node_id,) = view.selected_node_ids()
    (edge,) = links_from(document, node_id)
    assert (edge.target, edge.type) == (ids.reason, EdgeType.ATTACK)


def test_enter_adds_a_sibling_with_the_same_parent_and_link_type(qtbot, view, scene, document, ids):
    view.select_items([ids.cost])  # cost attacks the thesis
    qtbot.keyClick(view, Qt.Key.Key_Return)
    type_and_commit(qtbot, view, "Buses get crowded")
    (node_id,) = view.selected_node_ids()
    (edge,) = links_from(document, node_id)
    assert (edge.target, edge.type) == (ids.thesis, EdgeType.ATTACK)
    cards = [i.sceneBoundingRect() for i in scene.node_items.values()]
    assert not any(a.intersects(b) for k, a in enumerate(cards) for b in cards[k + 1:])


def test_enter_on_a_node_without_parent_adds_a_free_claim(qtbot, view, document, ids):
    view.select_items([ids.thesis])
    qtbot.keyClick(view, Qt.Key.Key_Return)
    type_and_commit(qtbot, view, "Another thesis")
    (node_id,) = view.selected_node_ids()
    assert links_from(document, node_id) == []


def test_escape_or_empty_text_creates_nothing(qtbot, view, document, ids):
    before = set(document.map.nodes)
    view.select_items([ids.thesis])
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClicks(view.editor, "half a tho")
    qtbot.keyClick(view.editor, Qt.Key.Key_Escape)
    assert view.editor is None
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view.editor, Qt.Key.Key_Return)  # empty
    assert set(document.map.nodes) == before and document.undo_stack.count() == 0
    assert not [i for i in view.scene().items() if i not in view.map_scene().node_items.values()
                and i not in view.map_scene().edge_items.values()]  # the placeholder card went


def test_f2_edits_in_place_shift_enter_is_a_newline_and_undo_restores(qtbot, view, scene, document, ids):
    view.select_items([ids.reason])
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.editor.toPlainText() == "It cuts traffic"
    qtbot.keyClicks(view.editor, "Cars stay home")  # the text starts selected: typing replaces it
    qtbot.keyClick(view.editor, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(view.editor, "on weekdays")
    qtbot.keyClick(view.editor, Qt.Key.Key_Return)
    assert document.map.nodes[ids.reason].text == "Cars stay home\non weekdays"
    assert scene.node_items[ids.reason].text == "Cars stay home\non weekdays"
    document.undo_stack.undo()
    assert scene.node_items[ids.reason].text == "It cuts traffic"


def test_two_f2_edits_of_one_node_in_a_row_are_two_undo_steps(qtbot, view, scene, document, ids):
    for text in ("Cars stay home", "Cars stay home more often"):
        view.select_items([ids.reason])
        qtbot.keyClick(view, Qt.Key.Key_F2)
        qtbot.keyClicks(view.editor, text)
        qtbot.keyClick(view.editor, Qt.Key.Key_Return)
    assert document.map.nodes[ids.reason].text == "Cars stay home more often"
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert scene.node_items[ids.reason].text == "Cars stay home"
    document.undo_stack.undo()
    assert scene.node_items[ids.reason].text == "It cuts traffic"


def test_escape_while_editing_keeps_the_text(qtbot, view, document, ids):
    assert view.edit_node(ids.reason)
    qtbot.keyClicks(view.editor, "Something else")
    qtbot.keyClick(view.editor, Qt.Key.Key_Escape)
    assert document.map.nodes[ids.reason].text == "It cuts traffic"
    assert document.undo_stack.count() == 0


@pytest.mark.parametrize("key, start, expected", [
    (Qt.Key.Key_Down, "thesis", {"reason", "cost"}),
    (Qt.Key.Key_Right, "reason", {"cost"}),
    (Qt.Key.Key_Left, "cost", {"reason"}),
    (Qt.Key.Key_Up, "cost", {"thesis"}),
])
def test_arrows_move_the_selection_to_the_nearest_node_that_way(qtbot, view, ids, key, start, expected):
    view.select_items([getattr(ids, start)])
    qtbot.keyClick(view, key)
    assert view.selected_node_ids() in [[getattr(ids, e)] for e in expected]


def test_alt_arrows_nudge_and_consecutive_nudges_are_one_undo_step(qtbot, view, scene, document, ids):
    view.select_items([ids.reason])
    start = scene.node_items[ids.reason].pos()
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT | SHIFT)
    moved = scene.node_items[ids.reason].pos()
    assert (moved.x() - start.x(), moved.y() - start.y()) == (30, 1)
    node = document.map.nodes[ids.reason]
    assert (node.x, node.y) == (moved.x(), moved.y()) and node.pinned
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert scene.node_items[ids.reason].pos() == start
    assert not document.map.nodes[ids.reason].pinned


def test_nudges_of_another_node_set_or_after_a_pause_are_new_steps(qtbot, view, scene, document, ids,
                                                                    monkeypatch):
    from debatemap.document import commands

    clock = [1000.0]
    monkeypatch.setattr(commands, "clock", lambda: clock[0])
    view.select_items([ids.reason])
    qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
    view.select_items([ids.reason, ids.cost])
    qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
    qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
    assert document.undo_stack.count() == 2  # a different set of nodes; then a merged nudge
    clock[0] += commands.NUDGE_MERGE_SECONDS + 0.5
    qtbot.keyClick(view, Qt.Key.Key_Right, ALT)
    assert document.undo_stack.count() == 3  # the pause ended the merging
    assert document.undo_stack.undoText() == "Nudge 2 nodes"


def test_delete_key_removes_the_node_and_its_links(qtbot, view, scene, document, ids):
    view.select_items([ids.thesis])
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert ids.thesis not in scene.node_items and scene.edge_items == {}
    document.undo_stack.undo()
    assert set(scene.edge_items) == {ids.support, ids.attack}


def test_ctrl_a_selects_everything(qtbot, view, scene):
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(view.selected_node_ids()) == len(scene.node_items)
    assert len(view.selected_edge_ids()) == len(scene.edge_items)


def test_tab_without_a_selection_moves_focus_as_usual(qtbot, view):
    view.select_items([])
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.editor is None
