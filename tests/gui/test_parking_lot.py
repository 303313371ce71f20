"""The parking lot through the real main window: parking typed items and selected cards, discarding,
and bringing items back by dragging them from the list onto the canvas (synthesized drag events
to the viewport, as a real QDrag does nothing offscreen). Every change is one undo step."""

import json

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from debatemap.app.sample import write_sample
from debatemap.app.workshop_votes import install
from debatemap.canvas.parked_mime import PARKED_MIME_TYPE, parked_mime_data
from debatemap.core.model import EdgeType

Ctrl = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def sample_path(tmp_path):
    return write_sample(tmp_path / "sample.debatemap")


def open_lot(qtbot, window, path):
    votes = install(window)
    assert window.open_path(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    workshop = window.document.workshop
    ada = workshop.add_participant("Ada")
    workshop.set_current_speaker(ada.id)
    window.document.undo_stack.clear()
    votes.parking_toggle.trigger()
    return votes.parking_dock, workshop


def park_typed(qtbot, dock, text):
    dock.entry.setFocus()
    qtbot.keyClicks(dock.entry, text)
    qtbot.keyClick(dock.entry, Qt.Key.Key_Return)


def rows(dock):
    return [dock.list.item(row).text() for row in range(dock.list.count())]


def node_id(window, text):
    return next(n.id for n in window.document.map.nodes.values() if n.text == text)


def links(window, node_id):
    return sorted((e.source, e.target, str(e.type)) for e in window.document.map.edges.values()
                  if node_id in (e.source, e.target))


def drag_from_list(dock, row, monkeypatch):
    """Press on a row of the list and move past the drag distance: the MIME data the real QDrag
    was given (copied: the drag owns its own)."""
    carried = []

    def fake_exec(drag, *args):
        copy = QMimeData()
        for name in drag.mimeData().formats():
            copy.setData(name, drag.mimeData().data(name))
        carried.append(copy)
        return Qt.DropAction.MoveAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)
    viewport = dock.list.viewport()
    start = dock.list.visualItemRect(dock.list.item(row)).center()
    for kind, point, button, buttons in (
            (QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton),
            (QEvent.Type.MouseMove, start + QPoint(10, 4), Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton),
            (QEvent.Type.MouseMove, start + QPoint(60, 30), Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)):
        event = QMouseEvent(kind, QPointF(point), QPointF(viewport.mapToGlobal(point)), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)
    (mime,) = carried
    return mime


def drop_on_canvas(view, mime, scene_point, modifiers=Qt.KeyboardModifier.NoModifier):
    """Enter, move and drop at a scene point as a drag from the parking lot would; the action."""
    point = view.mapFromScene(QPointF(*scene_point))
    target = view.viewport()
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point, actions, mime, Qt.MouseButton.LeftButton, modifiers)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return None
    QApplication.sendEvent(target, QDragMoveEvent(point, actions, mime, Qt.MouseButton.LeftButton, modifiers))
    drop = QDropEvent(QPointF(point), actions, mime, Qt.MouseButton.LeftButton, modifiers)
    QApplication.sendEvent(target, drop)
    return drop.dropAction() if drop.isAccepted() else None


def test_typing_parks_an_item_with_its_author_and_time_and_undo_takes_it_back(qtbot, window,
                                                                            map_path):
    dock, workshop = open_lot(qtbot, window, map_path)
    park_typed(qtbot, dock, "Ask the bus drivers' union")
    (item,) = workshop.parked
    assert item.text == "Ask the bus drivers' union" and item.author_id == workshop.current_speaker
    time = item.created.astimezone().strftime("%H:%M")
    assert rows(dock) == [f"Ask the bus drivers' union\nAda · {time}"]
    assert dock.entry.text() == ""
    assert "Parked" in window.statusBar().currentMessage()
    park_typed(qtbot, dock, "   ")  # nothing to park
    assert len(workshop.parked) == 1
    window.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)
    assert rows(dock) == [] and workshop.parked == []
    qtbot.keyClick(window, Qt.Key.Key_Y, Ctrl)
    assert dock.item_ids() == [item.id]


def test_discard_by_button_and_by_the_delete_key_each_one_undo_step(qtbot, window, map_path):
    dock, workshop = open_lot(qtbot, window, map_path)
    park_typed(qtbot, dock, "First")
    park_typed(qtbot, dock, "Second")
    assert not dock.discard_button.isEnabled()
    dock.list.setCurrentRow(0)
    qtbot.mouseClick(dock.discard_button, Qt.MouseButton.LeftButton)
    assert [p.text for p in workshop.parked] == ["Second"]
    dock.list.setCurrentRow(0)
    dock.list.setFocus()
    qtbot.keyClick(dock.list, Qt.Key.Key_Delete)
    assert workshop.parked == [] and rows(dock) == []
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert [p.text for p in workshop.parked] == ["First", "Second"]


def test_park_selected_card_is_one_undo_step_and_undo_restores_the_card_with_links_and_votes(
        qtbot, window, sample_path):
    dock, workshop = open_lot(qtbot, window, sample_path)
    document = window.document
    fairness = node_id(window, "Fares weigh most on poorer households; free transport helps them directly.")
    before_links = links(window, fairness)
    assert before_links
    assert workshop.add_dot(fairness) and workshop.rate(fairness, 1)
    document.undo_stack.clear()
    window.view.select_items([fairness])
    assert dock.park_button.isEnabled()
    qtbot.mouseClick(dock.park_button, Qt.MouseButton.LeftButton)
    assert fairness not in document.map.nodes and fairness not in window.scene.node_items
    assert links(window, fairness) == []
    (item,) = workshop.parked
    assert item.text.startswith("Fares weigh most") and item.kind == "claim"
    assert workshop.tallies() == {}  # the votes left with the card
    assert document.undo_stack.count() == 1
    window.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)
    assert fairness in document.map.nodes and links(window, fairness) == before_links
    assert workshop.parked == [] and rows(dock) == []
    assert window.scene.node_items[fairness].vote_badge_text() == "● 1  +1.0"
    qtbot.keyClick(window, Qt.Key.Key_Y, Ctrl)
    assert fairness not in document.map.nodes and len(workshop.parked) == 1
    window.view.select_items([node_id(window, "The city should make public transport free.")])
    window.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Ctrl | Qt.KeyboardModifier.AltModifier)  # Park Selected Card
    assert len(workshop.parked) == 2 and document.undo_stack.count() == 2


def test_an_argument_cannot_be_parked_and_says_why(qtbot, window, sample_path):
    dock, workshop = open_lot(qtbot, window, sample_path)
    premises = [node_id(window, text) for text in (
        "Free fares would get people out of their cars, cutting congestion and emissions.",
        "Fares weigh most on poorer households; free transport helps them directly.")]
    argument = window.document.make_joint_argument(premises).id
    window.view.select_items([argument])
    dock.parkSelectedRequested.emit()
    assert "An argument cannot be parked" in window.statusBar().currentMessage()
    assert workshop.parked == [] and argument in window.document.map.nodes


def test_dragging_an_item_onto_empty_canvas_places_it_at_the_drop_point(qtbot, window, sample_path,
                                                                        monkeypatch):
    dock, workshop = open_lot(qtbot, window, sample_path)
    park_typed(qtbot, dock, "Parking fees")
    (item,) = workshop.parked
    mime = drag_from_list(dock, 0, monkeypatch)
    assert json.loads(bytes(mime.data(PARKED_MIME_TYPE)).decode()) == {
        "map": str(window.document.path), "id": item.id}
    assert mime.text() == "Parking fees"
    count = window.document.undo_stack.count()
    assert drop_on_canvas(window.view, mime, (900.0, -300.0)) == Qt.DropAction.MoveAction
    new = node_id(window, "Parking fees")
    node = window.document.map.nodes[new]
    pixel = 1 / window.view.zoom_level()  # a drop lands on a whole pixel of the view
    assert abs(node.x - 900.0) <= pixel and abs(node.y + 300.0) <= pixel
    assert node.author_id == item.author_id
    assert str(node.kind) == "idea" and links(window, new) == []
    assert window.view.selected_node_ids() == [new]
    assert workshop.parked == [] and rows(dock) == []
    assert window.document.undo_stack.count() == count + 1
    window.undo_action.trigger()
    assert new not in window.document.map.nodes and [p.id for p in workshop.parked] == [item.id]
    window.redo_action.trigger()
    assert new in window.document.map.nodes and workshop.parked == []


@pytest.mark.parametrize("modifiers, edge_type", [
    (Qt.KeyboardModifier.NoModifier, EdgeType.SUPPORT),
    (Qt.KeyboardModifier.ShiftModifier, EdgeType.ATTACK),
])
def test_dropping_onto_a_card_links_it_to_that_card(qtbot, window, sample_path, monkeypatch,
                                                    modifiers, edge_type):
    dock, workshop = open_lot(qtbot, window, sample_path)
    park_typed(qtbot, dock, "Season tickets already exist")
    cost = node_id(window, "Fares pay for about a third of running costs; the city would lose that money.")
    target = window.scene.node_items[cost]
    mime = drag_from_list(dock, 0, monkeypatch)
    assert drop_on_canvas(window.view, mime, (target.pos().x(), target.pos().y()), modifiers)
    new = node_id(window, "Season tickets already exist")
    assert links(window, new) == [(new, cost, str(edge_type))]
    placed = window.scene.node_items[new].sceneBoundingRect()
    others = [i.sceneBoundingRect() for n, i in window.scene.node_items.items() if n != new]
    assert not any(placed.intersects(r.adjusted(2, 2, -2, -2)) for r in others)  # a free spot
    window.undo_action.trigger()
    assert new not in window.document.map.nodes and len(workshop.parked) == 1
    assert links(window, cost) == sorted(links(window, cost))  # the card's own links untouched


def test_a_drop_on_a_map_of_cli_made_nodes_keeps_them_where_they_are_shown(qtbot, window, map_path,
                                                                          monkeypatch):
    dock, workshop = open_lot(qtbot, window, map_path)  # every node stored at 0,0: a display grid
    assert window.scene.display_grid
    shown = {i: (item.pos().x(), item.pos().y()) for i, item in window.scene.node_items.items()}
    park_typed(qtbot, dock, "Later")
    mime = drag_from_list(dock, 0, monkeypatch)
    assert drop_on_canvas(window.view, mime, (0.0, 600.0))
    nodes = window.document.map.nodes
    assert {i: (nodes[i].x, nodes[i].y) for i in shown} == shown  # written, not jumped to 0,0
    assert {i: (item.pos().x(), item.pos().y()) for i, item in window.scene.node_items.items()
            if i in shown} == shown
    window.undo_action.trigger()  # one step: the node, and the positions written for it
    assert all((nodes[i].x, nodes[i].y) == (0, 0) for i in shown) and len(workshop.parked) == 1
    assert window.scene.display_grid


def test_an_item_of_another_map_drops_as_plain_text(qtbot, window, sample_path, tmp_path):
    dock, workshop = open_lot(qtbot, window, sample_path)
    park_typed(qtbot, dock, "Mine")
    mine = workshop.parked[0].id
    foreign = parked_mime_data(tmp_path / "other.debatemap", mine, "From elsewhere")
    assert drop_on_canvas(window.view, foreign, (900.0, 400.0)) == Qt.DropAction.CopyAction
    assert node_id(window, "From elsewhere")
    assert [p.id for p in workshop.parked] == [mine]  # this map's lot untouched
    unknown = parked_mime_data(window.document.path, "k-gone", "")
    assert drop_on_canvas(window.view, unknown, (900.0, 400.0)) is None


def test_place_on_map_puts_the_item_under_the_selected_card(qtbot, window, sample_path):
    dock, workshop = open_lot(qtbot, window, sample_path)
    park_typed(qtbot, dock, "Ask the drivers")
    thesis = node_id(window, "The city should make public transport free.")
    window.view.select_items([thesis])
    assert not dock.place_button.isEnabled()
    dock.list.setCurrentRow(0)
    qtbot.mouseClick(dock.place_button, Qt.MouseButton.LeftButton)
    new = node_id(window, "Ask the drivers")
    assert links(window, new) == [(new, thesis, "support")]
    assert window.view.selected_node_ids() == [new]
    window.undo_action.trigger()
    assert new not in window.document.map.nodes and len(workshop.parked) == 1


def test_place_on_map_without_a_selection_puts_the_item_below_every_card(qtbot, window, map_path):
    dock, workshop = open_lot(qtbot, window, map_path)  # a display grid, too
    park_typed(qtbot, dock, "Someday")
    window.view.select_items([])
    lowest = max(i.sceneBoundingRect().bottom() for i in window.scene.node_items.values())
    dock.list.setCurrentRow(0)
    qtbot.mouseClick(dock.place_button, Qt.MouseButton.LeftButton)
    new = node_id(window, "Someday")
    assert links(window, new) == []
    placed = window.scene.node_items[new].sceneBoundingRect()
    assert placed.top() > lowest
    assert "below the map" in window.statusBar().currentMessage()
