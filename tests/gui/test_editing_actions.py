"""Edit and Map menu actions through their shortcuts on the real main window: duplicate, copy and
paste, delete, undo, select all, kinds, pin; the shortcuts window and the undo history dock."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

Ctrl = Qt.KeyboardModifier.ControlModifier


def open_map(qtbot, window, path):
    assert window.open_path(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    return window.document


def select(window, *node_ids):
    window.view.select_items(node_ids)
    assert sorted(window.view.selected_node_ids()) == sorted(node_ids)


def test_ctrl_d_duplicates_the_selection_and_ctrl_z_takes_it_back(qtbot, window, map_path, make_map):
    document = open_map(qtbot, window, map_path)
    thesis = next(n for n in document.map.nodes.values() if n.text == "Make transit free")
    select(window, thesis.id)
    assert window.edit_actions.duplicate.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_D, Ctrl)
    copies = [n for n in document.map.nodes.values() if n.text == thesis.text]
    assert len(copies) == 2 and len(document.map.nodes) == 4
    copy = next(n for n in copies if n.id != thesis.id)
    assert window.view.selected_node_ids() == [copy.id]  # the copy is selected
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)
    assert len(document.map.nodes) == 3 and copy.id not in window.scene.node_items


def test_copy_and_paste_give_fresh_ids_at_the_paste_position(qtbot, window, map_path):
    document = open_map(qtbot, window, map_path)
    ids = [n.id for n in document.map.nodes.values() if n.text != "It costs too much"]
    select(window, *ids)
    qtbot.keyClick(window, Qt.Key.Key_C, Ctrl)
    assert QApplication.clipboard().mimeData().hasFormat("application/x-debatemap-nodes")
    assert window.edit_actions.paste.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_V, Ctrl)
    assert len(document.map.nodes) == 5 and len(document.map.edges) == 3  # the support came too
    pasted = [n for n in document.map.nodes.values() if n.id not in ids and n.text != "It costs too much"]
    assert {n.text for n in pasted} == {"Make transit free", "It cuts traffic"}
    first_text = document.map.nodes[ids[0]].text
    first_copy = next(n for n in pasted if n.text == first_text)
    x, y = window.view.paste_position()
    assert (first_copy.x, first_copy.y) == pytest.approx((x, y))
    assert document.undo_stack.undoText().startswith("Paste")


def test_cut_removes_and_paste_brings_back(qtbot, window, map_path):
    document = open_map(qtbot, window, map_path)
    cost = next(n for n in document.map.nodes.values() if n.text == "It costs too much")
    select(window, cost.id)
    qtbot.keyClick(window, Qt.Key.Key_X, Ctrl)
    assert cost.id not in document.map.nodes
    qtbot.keyClick(window, Qt.Key.Key_V, Ctrl)
    assert [n.text for n in document.map.nodes.values()].count("It costs too much") == 1


def test_delete_key_removes_the_selection_and_undo_restores_links(qtbot, window, map_path):
    document = open_map(qtbot, window, map_path)
    thesis = next(n for n in document.map.nodes.values() if n.text == "Make transit free")
    select(window, thesis.id)
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    assert thesis.id not in document.map.nodes and not document.map.edges
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)
    assert thesis.id in document.map.nodes and len(document.map.edges) == 2
    assert len(window.scene.edge_items) == 2


def test_select_all_then_kind_and_pin_actions(qtbot, window, map_path):
    document = open_map(qtbot, window, map_path)
    qtbot.keyClick(window, Qt.Key.Key_A, Ctrl)
    assert len(window.view.selected_node_ids()) == 3
    assert window.edit_actions.joint.isEnabled() and window.edit_actions.pin.isEnabled()
    window.edit_actions.kind_actions["evidence"].trigger()
    assert {str(n.kind) for n in document.map.nodes.values()} == {"evidence"}
    window.edit_actions.pin.trigger()
    assert all(n.pinned for n in document.map.nodes.values())
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)
    assert "objection" in {str(n.kind) for n in document.map.nodes.values()}


def test_actions_follow_the_selection(qtbot, window, map_path):
    open_map(qtbot, window, map_path)
    actions = window.edit_actions
    window.view.select_items([])
    assert not actions.copy.isEnabled() and not actions.duplicate.isEnabled()
    assert not actions.delete.isEnabled() and not actions.joint.isEnabled()
    assert actions.select_all.isEnabled()
    node_id = next(iter(window.document.map.nodes))
    select(window, node_id)
    assert actions.copy.isEnabled() and actions.delete.isEnabled() and not actions.joint.isEnabled()
    assert not actions.go_to_source.isEnabled()  # no source


def test_standard_key_sequences(window):
    actions = window.edit_actions
    for action, key in ((actions.copy, QKeySequence.StandardKey.Copy),
                        (actions.paste, QKeySequence.StandardKey.Paste),
                        (actions.cut, QKeySequence.StandardKey.Cut),
                        (actions.select_all, QKeySequence.StandardKey.SelectAll),
                        (actions.find, QKeySequence.StandardKey.Find),
                        (actions.delete, QKeySequence.StandardKey.Delete),
                        (actions.zoom_out, QKeySequence.StandardKey.ZoomOut)):
        assert action.shortcut() == QKeySequence(key)
    assert QKeySequence("Ctrl+=") in actions.zoom_in.shortcuts()
    assert actions.fit.shortcut() == QKeySequence("Ctrl+0")
    assert actions.edit_text.shortcut() == QKeySequence("F2")
    assert actions.duplicate.shortcut() == QKeySequence("Ctrl+D")


def test_no_two_actions_share_a_shortcut(window):
    from debatemap.app.shortcuts_window import menu_shortcuts

    seen = {}
    for group, text, keys in menu_shortcuts(window.menuBar()):
        for key in keys.split(", "):
            assert key not in seen, f"{key}: {seen.get(key)} and {group} {text}"
            seen[key] = f"{group} {text}"


def test_shortcuts_window_lists_menu_and_canvas_keys_and_filters(qtbot, window, monkeypatch):
    import debatemap.app.shortcuts_window as shortcuts

    monkeypatch.setattr(shortcuts, "canvas_shortcuts", lambda: [("Tab", "Add a supporting child")])
    window.shortcuts_action.trigger()
    shown = window.shortcuts_window
    qtbot.waitExposed(shown)
    rows = shown.visible_rows()
    assert ("Edit", "Duplicate", QKeySequence("Ctrl+D").toString(QKeySequence.SequenceFormat.NativeText)) in rows
    assert ("Canvas", "Add a supporting child", "Tab") in rows
    assert any(group.startswith("Map") for group, _, _ in rows)
    shown.filter.setText("dupl")
    assert [row[1] for row in shown.visible_rows()] == ["Duplicate"]
    shown.close()


def test_canvas_shortcuts_come_from_the_canvas_when_it_lists_them():
    from debatemap.app.shortcuts_window import canvas_shortcuts

    try:
        from debatemap.canvas.shortcuts import CANVAS_SHORTCUTS
    except ImportError:
        pytest.skip("the canvas has no shortcuts module yet")
    assert len(canvas_shortcuts()) == len(CANVAS_SHORTCUTS) > 0


def test_undo_history_dock_shows_the_commands(qtbot, window, map_path):
    document = open_map(qtbot, window, map_path)
    node_id = next(iter(document.map.nodes))
    document.set_node_text(node_id, "Changed")
    document.set_pinned([node_id], True)
    window.history_toggle.trigger()
    assert window.history_dock.isVisible()
    model = window.history_view.model()
    texts = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert texts == ["<opened>", "Edit text", "Pin node"]
    window.history_view.setCurrentIndex(model.index(1, 0))  # click a step: undo back to it
    assert not document.map.nodes[node_id].pinned
