"""The scene mirrors the document: items follow its signals, drags become MoveNodes commands."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent

from debatemap.canvas import EdgeItem, MapScene, MapView, NodeItem
from debatemap.core.model import EdgeType, NodeKind
from debatemap.document import MapDocument
from debatemap.store.session import MapSession


from canvas_data import write_map


@pytest.fixture
def document(qapp, tmp_path):
    """The CLI's kind of map: every node stored at 0,0 (shown in a display grid)."""
    write_map(tmp_path / "grid.debatemap", placed=False)
    opened = MapDocument.open(tmp_path / "grid.debatemap")
    yield opened
    opened.close()


@pytest.fixture
def scene(document):
    made = MapScene(document)
    yield made
    made.detach()


@pytest.fixture
def view(qtbot, scene):
    shown = MapView()
    shown.set_map_scene(scene)
    shown.resize(900, 600)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def overlapping(items):
    rects = [i.sceneBoundingRect() for i in items]
    return [(a, b) for n, a in enumerate(rects) for b in rects[n + 1 :] if a.intersects(b)]


def test_scene_has_an_item_per_node_and_edge(scene, document):
    assert set(scene.node_items) == set(document.map.nodes)
    assert set(scene.edge_items) == set(document.map.edges)
    assert len(scene.items()) == 5


def test_nodes_all_at_the_origin_are_shown_in_a_grid_without_writing_it(scene, document):
    assert scene.display_grid
    assert overlapping(scene.node_items.values()) == []
    with MapSession.open(document.path, readonly=True) as reader:
        assert {(n.x, n.y) for n in reader.map.nodes.values()} == {(0, 0)}
    assert document.undo_stack.count() == 0


def test_stored_positions_are_used_when_there_are_some(qapp, tmp_path):
    path = tmp_path / "placed.debatemap"
    with MapSession.create(path) as session:
        session.add_node("A", x=-200, y=40)
        session.add_node("B", x=200, y=40)
    document = MapDocument.open(path)
    scene = MapScene(document)
    assert not scene.display_grid
    assert sorted(i.pos().x() for i in scene.node_items.values()) == [-200, 200]
    scene.detach()
    document.close()


def test_items_follow_adds_changes_and_undo(scene, document):
    node = document.add_node("Trams are quieter", NodeKind.EVIDENCE, x=50, y=400)
    assert node.id in scene.node_items
    assert not scene.display_grid  # one node has a real position now
    assert scene.node_items[node.id].pos() == QPointF(50, 400)

    item = scene.node_items[node.id]
    height = item.boundingRect().height()
    assert item.boundingRect() == item.boundingRect()  # cached, not recomputed per call
    document.set_node_text(node.id, "Trams are quieter than buses, and on busy routes they carry"
                           " more people per driver, which pays for the rails over time.")
    assert item.text.startswith("Trams are quieter than buses")
    assert item.boundingRect().height() > height
    document.set_node_kind([node.id], NodeKind.CLAIM)
    assert item.kind == "claim"

    document.undo_stack.undo()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert node.id not in scene.node_items
    assert scene.display_grid


def test_removing_a_node_removes_its_edge_items(scene, document):
    ids = {str(e.source) for e in document.map.edges.values()}
    thesis = next(n for n in document.map.nodes.values() if n.text == "Make transit free")
    document.remove_items([thesis.id])
    assert scene.edge_items == {}
    assert len(scene.items()) == 2
    document.undo_stack.undo()
    assert len(scene.edge_items) == 2 and len(scene.items()) == 5
    assert ids <= set(scene.node_items)


def test_edges_end_at_node_borders_and_undercuts_at_the_edge_midpoint(scene, document):
    support = next(e for e in document.map.edges.values() if e.type == EdgeType.SUPPORT)
    cost = next(n for n in document.map.nodes.values() if n.kind == NodeKind.OBJECTION)
    undercut = document.add_edge(cost.id, support.id, EdgeType.UNDERCUT)
    item = scene.edge_items[undercut.id]
    target = scene.edge_items[support.id]
    assert isinstance(item.target_item, EdgeItem) and item in target.dependents
    assert (item.line.p2() - target.midpoint()).manhattanLength() < 0.01
    source_card = scene.node_items[support.source].sceneBoundingRect()
    assert not source_card.adjusted(4, 4, -4, -4).contains(target.line.p1())

    scene.node_items[support.source].setPos(900, 900)  # the undercut follows the moved edge
    assert (item.line.p2() - target.midpoint()).manhattanLength() < 0.01
    document.remove_items(edge_ids=[support.id])
    assert undercut.id not in scene.edge_items


def test_a_drag_is_one_move_command_that_pins_the_dragged_node(qtbot, view, scene, document):
    item = next(iter(scene.node_items.values()))
    start = view.mapFromScene(item.scenePos())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + QPoint(step * 12, step * 8))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(60, 40))

    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Move node"
    with MapSession.open(document.path, readonly=True) as reader:
        stored = reader.map.nodes
    moved = stored[item.node_id]
    assert moved.pinned and (moved.x, moved.y) == (item.pos().x(), item.pos().y())
    # the other nodes keep the place the display grid gave them, unpinned
    others = [n for i, n in stored.items() if i != item.node_id]
    assert all(not n.pinned and (n.x, n.y) != (0, 0) for n in others)
    assert not scene.display_grid

    document.undo_stack.undo()
    assert scene.display_grid
    assert overlapping(scene.node_items.values()) == []


def test_wheel_zooms_around_the_mouse_and_is_clamped(view):
    before = view.zoom_level()
    center = QPointF(view.viewport().rect().center())

    def wheel(delta, modifiers=Qt.KeyboardModifier.NoModifier):
        event = QWheelEvent(center, view.viewport().mapToGlobal(center), QPoint(0, 0),
                            QPoint(0, delta), Qt.MouseButton.NoButton, modifiers,
                            Qt.ScrollPhase.NoScrollPhase, False)
        view.wheelEvent(event)

    wheel(120)
    assert view.zoom_level() > before
    wheel(-240, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_level() < before
    for _ in range(60):
        wheel(120)
    assert view.zoom_level() == pytest.approx(4.0)
    level = view.zoom_level()
    wheel(120, Qt.KeyboardModifier.ShiftModifier)  # Shift+wheel scrolls instead
    assert view.zoom_level() == level


def test_fit_map_shows_every_node(view, scene):
    view.zoom_by(3.0)
    view.fit_all()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert all(visible.contains(i.sceneBoundingRect()) for i in scene.node_items.values())
    assert view.zoom_level() <= 1.0


def test_the_view_fits_the_map_on_resize_until_the_user_zooms(qtbot, view, scene):
    def all_visible():
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        return all(visible.contains(i.sceneBoundingRect()) for i in scene.node_items.values())

    view.resize(420, 300)
    qtbot.waitUntil(all_visible)
    view.zoom_in()
    level = view.zoom_level()
    view.resize(900, 600)
    qtbot.wait(20)
    assert view.zoom_level() == level


def test_view_keeps_its_scene(qapp, scene):
    view = MapView()
    view.set_map_scene(scene)
    assert view.map_scene() is scene and view.scene() is scene
    view.set_map_scene(None)
    assert view.map_scene() is None and view.scene() is not None  # an empty one, for the hint


def test_selected_ids(scene):
    node = next(iter(scene.node_items.values()))
    edge = next(iter(scene.edge_items.values()))
    node.setSelected(True)
    edge.setSelected(True)
    assert scene.selected_ids() == ([node.node_id], [edge.edge_id])
    assert isinstance(node, NodeItem)


def test_sample_map_nodes_do_not_overlap(qapp, tmp_path):
    from debatemap.app.sample import write_sample

    document = MapDocument.open(write_sample(tmp_path / "sample.debatemap"))
    scene = MapScene(document)
    assert not scene.display_grid
    assert overlapping(scene.node_items.values()) == []
    scene.detach()
    document.close()



def test_a_drop_on_a_grid_map_keeps_the_shown_places_in_the_same_step(qtbot, view, scene, document):
    from PySide6.QtCore import QMimeData

    from canvas_data import drop

    shown = {i: item.pos() for i, item in scene.node_items.items()}
    mime = QMimeData()
    mime.setText("Buses are already subsidised")
    assert drop(view, mime, (0, 600))
    assert not scene.display_grid
    assert {i: scene.node_items[i].pos() for i in shown} == shown  # nothing jumped to 0,0
    assert overlapping(scene.node_items.values()) == []
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert scene.display_grid and len(scene.node_items) == len(shown)
