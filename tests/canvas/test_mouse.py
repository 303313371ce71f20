"""Mouse gestures through real events on the viewport: double-click, link drags, rubber band,
context menus, panning, the minimap."""

from PySide6.QtCore import QPoint, QPointF, Qt

from canvas_data import viewport_point
from debatemap.canvas.menus import action_named
from debatemap.core.model import EdgeType, NodeKind

LEFT = Qt.MouseButton.LeftButton


def drag(qtbot, view, start: QPoint, end: QPoint, modifiers=Qt.KeyboardModifier.NoModifier, steps=6):
    viewport = view.viewport()
    qtbot.mouseMove(viewport, start)
    qtbot.mousePress(viewport, LEFT, modifiers, start)
    for step in range(1, steps + 1):
        qtbot.mouseMove(viewport, start + (end - start) * step / steps)
    qtbot.mouseRelease(viewport, LEFT, modifiers, end)


def handle_point(view, item) -> QPoint:
    return view.mapFromScene(item.mapToScene(item.handle_center()))


def test_double_click_on_empty_canvas_makes_a_claim_there(qtbot, view, scene, document):
    point = viewport_point(view, 420, -300)
    qtbot.mouseDClick(view.viewport(), LEFT, pos=point)
    assert view.editor is not None
    qtbot.keyClicks(view.editor, "Ridership would double")
    qtbot.keyClick(view.editor, Qt.Key.Key_Return)
    (node_id,) = view.selected_node_ids()
    node = document.map.nodes[node_id]
    assert node.text == "Ridership would double" and node.kind == NodeKind.CLAIM
    assert (scene.node_items[node_id].pos() - view.mapToScene(point)).manhattanLength() < 2


def test_double_click_on_a_node_edits_it(qtbot, view, scene, document, ids):
    qtbot.mouseDClick(view.viewport(), LEFT, pos=view.mapFromScene(scene.node_items[ids.cost].pos()))
    assert view.editor is not None and view.editor.toPlainText() == "It costs too much"
    qtbot.keyClicks(view.editor, "Taxes would rise")
    qtbot.keyClick(view.editor, Qt.Key.Key_Return)
    assert document.map.nodes[ids.cost].text == "Taxes would rise"


def test_the_handle_appears_on_hover(qtbot, view, scene, ids):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    item = scene.node_items[ids.reason]
    point = QPointF(view.mapFromScene(item.pos()))
    move = QMouseEvent(QEvent.Type.MouseMove, point, view.viewport().mapToGlobal(point),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), move)
    assert item.hovered


def test_dragging_the_handle_onto_a_node_links_after_the_popup(qtbot, view, scene, document, ids, monkeypatch):
    asked = []
    monkeypatch.setattr(view, "ask_link_type", lambda *a, **k: asked.append(k) or "attack")
    reason, cost = scene.node_items[ids.reason], scene.node_items[ids.cost]
    drag(qtbot, view, handle_point(view, reason), view.mapFromScene(cost.pos()))
    assert asked
    (edge,) = [e for e in document.map.edges.values() if e.source == ids.reason and e.target == ids.cost]
    assert edge.type == EdgeType.ATTACK and edge.id in scene.edge_items
    assert reason.pos() != cost.pos() and document.undo_stack.count() == 1  # nothing moved
    assert view._rubber is None


def test_alt_drag_from_a_node_links_and_shift_on_release_skips_the_popup(qtbot, view, scene, document, ids, monkeypatch):
    monkeypatch.setattr(view, "ask_link_type", lambda *a, **k: (_ for _ in ()).throw(AssertionError("asked")))
    cost, reason = scene.node_items[ids.cost], scene.node_items[ids.reason]
    start = view.mapFromScene(cost.pos())
    end = view.mapFromScene(reason.pos())
    viewport = view.viewport()
    qtbot.mousePress(viewport, LEFT, Qt.KeyboardModifier.AltModifier, start)
    for step in range(1, 5):
        qtbot.mouseMove(viewport, start + (end - start) * step / 4)
    assert view.link_dragging() and reason.drop_target
    qtbot.mouseRelease(viewport, LEFT, Qt.KeyboardModifier.ShiftModifier, end)
    assert any(e.source == ids.cost and e.target == ids.reason and e.type == EdgeType.ATTACK
               for e in document.map.edges.values())
    assert cost.pos() == QPointF(180, 100)  # Alt+drag links, it does not move


def test_dropping_a_link_drag_on_a_link_makes_an_undercut(qtbot, view, scene, document, ids):
    cost = scene.node_items[ids.cost]
    support = scene.edge_items[ids.support]
    drag(qtbot, view, handle_point(view, cost), view.mapFromScene(support.midpoint()))
    (undercut,) = [e for e in document.map.edges.values() if e.type == EdgeType.UNDERCUT]
    assert (undercut.source, undercut.target) == (ids.cost, ids.support)
    item = scene.edge_items[undercut.id]
    assert (item.line.p2() - support.midpoint()).manhattanLength() < 0.5


def test_a_link_drag_released_on_nothing_does_nothing(qtbot, view, scene, document, ids):
    reason = scene.node_items[ids.reason]
    drag(qtbot, view, handle_point(view, reason), viewport_point(view, -600, 600))
    assert document.undo_stack.count() == 0 and not view.link_dragging()


def test_rubber_band_selects_the_cards_it_touches(qtbot, view, scene, ids):
    drag(qtbot, view, viewport_point(view, -420, 40), viewport_point(view, 420, 200))
    assert set(view.selected_node_ids()) == {ids.reason, ids.cost}


def test_dragging_a_node_is_one_move(qtbot, view, scene, document, ids):
    item = scene.node_items[ids.thesis]
    start = view.mapFromScene(item.pos())
    drag(qtbot, view, start, start + QPoint(80, -40))
    assert document.undo_stack.count() == 1
    assert (document.map.nodes[ids.thesis].x, document.map.nodes[ids.thesis].y) == (80, -190)
    edge = scene.edge_items[ids.support]
    assert not item.sceneBoundingRect().adjusted(4, 4, -4, -4).contains(edge.line.p2())
    document.undo_stack.undo()
    assert item.pos() == QPointF(0, -150)


def test_link_context_menu_changes_the_type(view, scene, document, ids):
    menu = view.context_menu_at(view.mapFromScene(scene.edge_items[ids.support].midpoint()))
    action_named(menu, "Contrary").trigger()
    assert document.map.edges[ids.support].type == EdgeType.CONTRARY
    assert scene.edge_items[ids.support].edge_type == "contrary"
    document.undo_stack.undo()
    assert scene.edge_items[ids.support].edge_type == "support"
    menu = view.context_menu_at(view.mapFromScene(scene.edge_items[ids.support].midpoint()))
    action_named(menu, "Make Attack").trigger()
    assert document.map.edges[ids.support].type == EdgeType.ATTACK


def test_node_context_menu_kind_pin_source_and_delete(qtbot, view, scene, document, ids):
    point = view.mapFromScene(scene.node_items[ids.reason].pos())
    action_named(view.context_menu_at(point), "Evidence").trigger()
    assert scene.node_items[ids.reason].kind == "evidence"
    action_named(view.context_menu_at(point), "Pin Position").trigger()
    assert scene.node_items[ids.reason].pinned
    assert not action_named(view.context_menu_at(point), "Go to Source").isEnabled()
    action_named(view.context_menu_at(point), "Delete").trigger()
    assert ids.reason not in scene.node_items and ids.support not in scene.edge_items


def test_go_to_source_is_a_signal(qtbot, view, scene, document, essay):
    node = document.add_node("Fares cover a small share of running costs.", x=0, y=400,
                             source=(essay.id, 14, 57))
    menu = view.context_menu_at(view.mapFromScene(scene.node_items[node.id].pos()))
    with qtbot.waitSignal(view.goToSourceRequested) as sent:
        action_named(menu, "Go to Source").trigger()
    assert sent.args == [node.id]


def test_middle_button_drag_pans(qtbot, view):
    before = view.mapToScene(view.viewport().rect().center())
    viewport = view.viewport()
    start = QPoint(500, 350)
    qtbot.mousePress(viewport, Qt.MouseButton.MiddleButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(-100, -60))
    qtbot.mouseRelease(viewport, Qt.MouseButton.MiddleButton, pos=start + QPoint(-100, -60))
    after = view.mapToScene(view.viewport().rect().center())
    assert (after.x() - before.x(), after.y() - before.y()) == (100, 60)


def test_minimap_shows_while_the_map_is_partly_out_of_view_and_navigates(qtbot, view, scene, ids):
    view.set_minimap_visible(True)
    assert view.minimap_visible() and not view.minimap.isVisible()  # the whole map is in view
    view.zoom_by(3.0)
    assert view.minimap.isVisible()
    target = scene.node_items[ids.cost].pos()
    qtbot.mouseClick(view.minimap, LEFT, pos=view.minimap.to_widget(target).toPoint())
    center = view.mapToScene(view.viewport().rect().center())
    assert (center - target).manhattanLength() < 12
    view.set_minimap_visible(False)
    assert not view.minimap.isVisible() and not view.minimap_visible()


def test_selection_signal_carries_ids(qtbot, view, ids):
    with qtbot.waitSignal(view.selectionChangedIds) as sent:
        view.select_items([ids.thesis], [ids.attack])
    assert sent.args == [[ids.thesis], [ids.attack]]
