"""Collapse/expand and focus with back/forward, through the real view: menus, keys, signals."""

from PySide6.QtCore import QPointF, Qt

from debatemap.canvas import CANVAS_SHORTCUTS
from debatemap.canvas.menus import action_named
from debatemap.canvas.visibility import children_of, collapsed_hidden, neighbourhood
from debatemap.core.model import EdgeType, NodeKind

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def shown(scene):
    return {i for i, item in scene.node_items.items() if item.isVisible()}


def shown_edges(scene):
    return {i for i, item in scene.edge_items.items() if item.isVisible()}


def test_collapsing_hides_what_hangs_below_and_counts_it(qtbot, view, scene, document, ids):
    assert view.toggle_collapsed(ids.thesis)
    assert view.is_collapsed(ids.thesis)
    assert shown(scene) == {ids.thesis}
    assert shown_edges(scene) == set()
    thesis = scene.node_items[ids.thesis]
    assert thesis.hidden_count == 2 and "Collapsed: 2 hidden" in thesis.toolTip()
    assert thesis.boundingRect().bottom() > thesis.rect.bottom() + 4  # the "+2" pill
    assert view.toggle_collapsed(ids.thesis)
    assert not view.is_collapsed(ids.thesis)
    assert shown(scene) == set(scene.node_items) and shown_edges(scene) == set(scene.edge_items)
    assert thesis.hidden_count == 0


def test_new_nodes_below_a_collapsed_node_stay_hidden_and_the_count_follows(qtbot, view, scene, document, ids):
    view.set_collapsed(ids.thesis, True)
    fact = document.add_linked_node(ids.reason, "Buses full means fewer cars", NodeKind.EVIDENCE,
                                    EdgeType.SUPPORT, x=-180, y=300)
    assert not scene.node_items[fact.id].isVisible()
    assert scene.node_items[ids.thesis].hidden_count == 3
    document.undo_stack.undo()
    assert scene.node_items[ids.thesis].hidden_count == 2
    document.undo_stack.redo()
    assert scene.node_items[ids.thesis].hidden_count == 3 and not scene.node_items[fact.id].isVisible()


def test_a_node_with_another_visible_parent_stays(qtbot, view, scene, document, ids):
    budget = document.add_node("The city budget is tight", x=400, y=-150)
    assert document.add_edge(ids.cost, budget.id, EdgeType.SUPPORT)
    view.set_collapsed(ids.thesis, True)
    assert shown(scene) == {ids.thesis, ids.cost, budget.id}
    assert scene.node_items[ids.thesis].hidden_count == 1
    # links between shown cards stay (the objection still visibly attacks the thesis)
    assert shown_edges(scene) == {e for e, edge in document.map.edges.items() if edge.source == ids.cost}


def test_collapse_from_the_menu_and_the_keyboard_clears_hidden_selection(qtbot, view, scene, ids):
    view.select_items([ids.reason, ids.thesis])
    point = view.mapFromScene(scene.node_items[ids.thesis].pos())
    action_named(view.context_menu_at(point), "Collapse").trigger()
    assert view.is_collapsed(ids.thesis)
    assert view.selected_node_ids() == [ids.thesis]  # the hidden reason left the selection
    assert action_named(view.context_menu_at(point), "Expand") is not None
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL_SHIFT)
    assert not view.is_collapsed(ids.thesis)


def test_collapse_is_view_state_not_saved(qtbot, view, scene, document, ids):
    steps = document.undo_stack.count()
    view.set_collapsed(ids.thesis, True)
    assert document.undo_stack.count() == steps
    assert not any(getattr(n, "collapsed", False) for n in document.map.nodes.values())


def grow(document, ids):
    """thesis <- reason <- fact <- study: a chain to focus in."""
    fact = document.add_linked_node(ids.reason, "Buses full means fewer cars", NodeKind.EVIDENCE,
                                    EdgeType.SUPPORT, x=-180, y=320)
    study = document.add_linked_node(fact.id, "A 2019 study of Tallinn", NodeKind.EVIDENCE,
                                     EdgeType.SUPPORT, x=-180, y=520)
    return fact.id, study.id


def test_focus_shows_n_steps_around_a_node_and_fits_the_view(qtbot, view, scene, document, ids):
    fact, study = grow(document, ids)
    with qtbot.waitSignal(view.focusChanged, timeout=1000):
        assert view.focus_on(fact, levels=1)
    assert view.focused_node() == fact
    assert shown(scene) == {fact, ids.reason, study}
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(scene.visible_bounds())
    assert view.focus_on(fact, levels=2)
    assert shown(scene) == {fact, ids.reason, study, ids.thesis}
    assert view.focus_on(ids.thesis, levels=0)
    assert shown(scene) == {ids.thesis}


def test_focus_history_goes_back_and_forward(qtbot, view, scene, document, ids):
    fact, study = grow(document, ids)
    assert not view.can_go_back() and not view.can_go_forward()
    view.select_items([study])
    view.focus_on(study, levels=1)
    assert view.selected_node_ids() == [study]
    view.focus_on(ids.thesis, levels=1)
    assert view.selected_node_ids() == []  # the study is hidden now
    assert shown(scene) == {ids.thesis, ids.reason, ids.cost}
    with qtbot.waitSignal(view.focusChanged, timeout=1000):
        assert view.focus_back()
    assert view.focused_node() == study and shown(scene) == {study, fact}
    assert view.can_go_back() and view.can_go_forward()
    assert view.focus_back()
    assert view.focused_node() is None and shown(scene) == set(scene.node_items)
    assert not view.can_go_back()
    assert view.focus_forward() and view.focus_forward()
    assert view.focused_node() == ids.thesis and not view.can_go_forward()
    assert view.clear_focus()
    assert shown(scene) == set(scene.node_items)
    assert view.focus_back() and view.focused_node() == ids.thesis
    view.focus_on(fact)  # a new branch drops the forward entries
    assert not view.can_go_forward()


def test_focus_from_the_menu_and_keys(qtbot, view, scene, document, ids):
    fact, study = grow(document, ids)
    point = view.mapFromScene(scene.node_items[study].pos())
    action_named(view.context_menu_at(point), "Focus Here").trigger()
    assert view.focused_node() == study and view.focus_levels() == 2
    assert shown(scene) == {study, fact, ids.reason}
    empty = view.mapFromScene(scene.visible_bounds().topLeft() - QPointF(60, 60))
    menu = view.context_menu_at(empty)
    assert action_named(menu, "Back").isEnabled() and not action_named(menu, "Forward").isEnabled()
    action_named(menu, "Show Whole Map").trigger()
    assert view.focused_node() is None
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_BracketLeft, CTRL)
    assert view.focused_node() == study
    qtbot.keyClick(view, Qt.Key.Key_BracketRight, CTRL)
    assert view.focused_node() is None
    view.select_items([ids.thesis])
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL_SHIFT)
    assert view.focused_node() == ids.thesis
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL_SHIFT)
    assert view.focused_node() is None


def test_focus_follows_edits_and_a_deleted_focus_shows_everything(qtbot, view, scene, document, ids):
    view.focus_on(ids.reason, levels=1)
    assert shown(scene) == {ids.reason, ids.thesis}
    child = document.add_linked_node(ids.reason, "New reason", NodeKind.CLAIM, EdgeType.SUPPORT, x=0, y=400)
    assert scene.node_items[child.id].isVisible()
    assert document.remove_items([ids.reason])
    assert shown(scene) == set(scene.node_items)


def test_a_new_scene_starts_with_nothing_collapsed_or_focused(qtbot, view, scene, document, ids):
    from debatemap.canvas import MapScene

    view.set_collapsed(ids.thesis, True)
    view.focus_on(ids.thesis)
    fresh = MapScene(document)
    try:
        view.set_map_scene(fresh)
        assert not view.is_collapsed(ids.thesis) and view.focused_node() is None
        assert not view.can_go_back() and shown(fresh) == set(fresh.node_items)
    finally:
        view.set_map_scene(None)
        fresh.detach()


def test_hierarchy_undercuts_hang_under_the_attacked_link_end(document, ids):
    charge = document.add_node("Charging is separate", x=400, y=0)
    document.add_edge(charge.id, ids.attack, EdgeType.UNDERCUT)
    amap = document.map
    assert sorted(children_of(amap)[ids.thesis]) == sorted([ids.reason, ids.cost, charge.id])
    hidden, counts = collapsed_hidden(amap, {ids.cost})
    assert hidden == set() and counts == {ids.cost: 0}
    assert neighbourhood(amap, charge.id, 1) == {charge.id, ids.cost, ids.thesis}


def test_the_new_gestures_are_listed():
    keys = " ".join(k for k, _ in CANVAS_SHORTCUTS)
    for key in ("Ctrl+Shift+C", "Ctrl+Shift+F", "Ctrl+[", "Ctrl+Shift+0"):
        assert key in keys
