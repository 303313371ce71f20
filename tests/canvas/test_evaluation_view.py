"""Evaluation labels on the cards, arrangements that glide, through the real scene and view.

The map of the fixtures: "It cuts traffic" supports "Make transit free", the objection "It costs
too much" attacks it. Grounded: both reasons are in (nothing attacks them), the thesis is out.
"""

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from debatemap.canvas import MapScene
from debatemap.canvas.menus import action_named
from debatemap.core.model import EdgeType, NodeKind


def labels(scene):
    return {i: item.label for i, item in scene.node_items.items()}


def wait_labels(qtbot, scene, expected):
    qtbot.waitUntil(lambda: all(scene.node_items[i].label == label for i, label in expected.items()),
                    timeout=2000)


def test_cards_show_the_labels_when_the_scene_is_built(scene, ids):
    assert labels(scene) == {ids.thesis: "out", ids.reason: "in", ids.cost: "in"}
    assert not any(item.manual for item in scene.node_items.values())
    assert "Evaluation: out" in scene.node_items[ids.thesis].tooltip_text()


def test_an_edit_relabels_and_repaints_only_the_cards_whose_label_changed(qtbot, scene, document, ids):
    repainted = []
    for node_id, item in scene.node_items.items():
        item.update = lambda *args, n=node_id: repainted.append(n)  # shadows QGraphicsItem.update
    with qtbot.waitSignal(document.evaluationChanged, timeout=2000):
        assert document.set_mark([ids.cost], "reject")
    assert labels(scene) == {ids.thesis: "in", ids.reason: "in", ids.cost: "out"}
    assert sorted(repainted) == sorted([ids.thesis, ids.cost])
    cost = scene.node_items[ids.cost]
    assert cost.manual and "marked by hand" in cost.tooltip_text()
    assert not scene.node_items[ids.thesis].manual


def test_the_tooltip_says_the_label_when_hovered(qtbot, view, scene, document, ids):
    with qtbot.waitSignal(document.evaluationChanged, timeout=2000):
        document.set_mark([ids.cost], "reject")
    cost = scene.node_items[ids.cost]
    qtbot.mouseMove(view.viewport(), view.mapFromScene(cost.pos()))
    qtbot.waitUntil(lambda: cost.hovered, timeout=1000)
    assert "Evaluation: out (defeated) (marked by hand)" in cost.toolTip()


def test_new_nodes_get_their_label_and_undo_restores_the_old_ones(qtbot, scene, document, ids):
    rebuttal = document.add_linked_node(ids.cost, "Fares are a tax on the poor", NodeKind.REBUTTAL,
                                        EdgeType.ATTACK, x=180, y=300)
    wait_labels(qtbot, scene, {rebuttal.id: "in", ids.cost: "out", ids.thesis: "in"})
    document.undo_stack.undo()
    wait_labels(qtbot, scene, {ids.cost: "in", ids.thesis: "out"})
    assert rebuttal.id not in scene.node_items


def test_labels_can_be_hidden_and_shown_again(view, scene, ids):
    view.set_labels_visible(False)
    assert not view.labels_visible()
    assert set(labels(scene).values()) == {None}
    view.set_labels_visible(True)
    assert labels(scene)[ids.thesis] == "out"


def test_an_undercut_link_that_no_longer_holds_is_drawn_faded(qtbot, scene, document, ids):
    charge = document.add_node("Costs are a matter of charging, not of principle", x=420, y=-20)
    undercut = document.add_edge(charge.id, ids.attack, EdgeType.UNDERCUT)
    assert undercut is not None
    qtbot.waitUntil(lambda: scene.edge_items[ids.attack].faded, timeout=2000)
    assert scene.evaluation().link_labels[ids.attack] == "out"
    assert not scene.edge_items[ids.support].faded
    wait_labels(qtbot, scene, {ids.thesis: "in"})  # the attack no longer counts
    assert "disabled by an undercut" in scene.edge_items[ids.attack].toolTip()
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: not scene.edge_items[ids.attack].faded, timeout=2000)


def render(scene, rect: QRectF) -> QImage:
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    return image


def darkness(image: QImage) -> float:
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    total = sum(255 - grey.pixelColor(x, y).value()
                for x in range(0, grey.width(), 2) for y in range(0, grey.height(), 2))
    return total / (grey.width() * grey.height() / 4)


def test_a_defeated_card_is_drawn_faded_and_the_badges_differ_in_greyscale(qtbot, scene, ids):
    thesis, reason = scene.node_items[ids.thesis], scene.node_items[ids.reason]
    out_card = render(scene, thesis.sceneBoundingRect())
    thesis.set_evaluation("in")
    in_card = render(scene, thesis.sceneBoundingRect())
    assert darkness(out_card) < darkness(in_card) * 0.8  # the out card recedes
    badge = QRectF(-6, -6, 12, 12).translated(thesis.mapToScene(thesis.eval_badge_center()))
    glyphs = {}
    for label in ("in", "out", "undecided"):
        thesis.set_evaluation(label)
        glyphs[label] = render(scene, badge).convertToFormat(QImage.Format.Format_Grayscale8)
    assert darkness(glyphs["in"]) > 1.5 * darkness(glyphs["out"])  # filled disc vs ring
    assert glyphs["out"] != glyphs["undecided"]  # cross vs question mark
    thesis.set_evaluation("in", manual=True)
    marked = render(scene, thesis.sceneBoundingRect())
    assert marked != in_card  # the "MARKED" pill of a manual mark
    assert reason.label == "in"


# ---- arrangements glide ----------------------------------------------------------------------


def model_position(document, node_id):
    node = document.map.nodes[node_id]
    return QPointF(node.x, node.y)


def at_model_positions(scene, document):
    return all((item.pos() - model_position(document, i)).manhattanLength() < 0.01
               for i, item in scene.node_items.items())


def test_a_layout_glides_the_cards_to_their_places_and_its_undo_glides_back(qtbot, view, scene, document, ids):
    before = {i: QPointF(item.pos()) for i, item in scene.node_items.items()}
    steps = document.undo_stack.count()
    assert document.layout(move_all=True, sizes=scene.card_sizes())
    assert scene.is_animating()
    moved = [i for i in before if model_position(document, i) != before[i]]
    assert moved and all(scene.node_items[i].pos() == before[i] for i in moved)  # not jumped
    qtbot.waitUntil(lambda: not scene.is_animating(), timeout=2000)
    assert at_model_positions(scene, document)
    assert document.undo_stack.count() == steps + 1  # the glide wrote nothing
    edge = scene.edge_items[ids.support]
    assert edge.line.p1().y() < scene.node_items[ids.reason].pos().y()  # links followed

    document.undo_stack.undo()
    assert scene.is_animating()
    qtbot.waitUntil(lambda: not scene.is_animating(), timeout=2000)
    assert {i: item.pos() for i, item in scene.node_items.items()} == before
    assert document.undo_stack.count() == steps + 1


def test_a_second_arrangement_finishes_the_first_at_once(qtbot, scene, document, ids):
    assert document.layout(move_all=True)
    laid_out = {i: model_position(document, i) for i in scene.node_items}
    document.undo_stack.undo()  # arrives while the first glide runs
    assert all((scene.node_items[i].pos() - laid_out[i]).manhattanLength() < 0.01
               for i in laid_out if laid_out[i] != model_position(document, i))
    qtbot.waitUntil(lambda: not scene.is_animating(), timeout=2000)
    assert at_model_positions(scene, document)


def test_an_edit_during_the_glide_puts_every_card_in_place(qtbot, scene, document, ids):
    assert document.layout(move_all=True)
    assert document.set_pinned([ids.cost], True)
    assert not scene.is_animating() and at_model_positions(scene, document)


def test_a_scene_on_a_freshly_opened_document_shows_labels(qtbot, document, ids):
    made = MapScene(document)
    try:
        assert made.node_items[ids.thesis].label == "out"
    finally:
        made.detach()


def test_the_node_menu_offers_why_marks_collapse_and_focus(qtbot, view, scene, document, ids):
    point = view.mapFromScene(scene.node_items[ids.cost].pos())
    menu = view.context_menu_at(point)
    for text in ("Edit Text", "Add Supporting Child", "Pin Position", "Go to Source", "Delete",
                 "Why?", "Accept", "Reject", "Undecided", "Clear Mark", "Focus Here"):
        assert action_named(menu, text) is not None, text
    assert not action_named(menu, "Collapse").isEnabled()  # nothing hangs below the objection
    assert not action_named(menu, "Clear Mark").isEnabled()
    with qtbot.waitSignal(view.whyRequested, timeout=1000) as why:
        action_named(menu, "Why?").trigger()
    assert why.args == [ids.cost]

    action_named(view.context_menu_at(point), "Reject").trigger()
    assert document.map.nodes[ids.cost].mark == "reject"
    wait_labels(qtbot, scene, {ids.cost: "out", ids.thesis: "in"})
    menu = view.context_menu_at(point)
    assert action_named(menu, "Reject").isChecked()
    action_named(menu, "Clear Mark").trigger()
    assert document.map.nodes[ids.cost].mark is None
    wait_labels(qtbot, scene, {ids.cost: "in", ids.thesis: "out"})
    assert not scene.node_items[ids.cost].manual


def test_canvas_menu_toggles_the_labels(view, scene, ids):
    menu = view.context_menu_at(view.mapFromScene(QPointF(600, -400)))
    action_named(menu, "Show Evaluation Labels").trigger()
    assert not view.labels_visible() and scene.node_items[ids.thesis].label is None
    menu = view.context_menu_at(view.mapFromScene(QPointF(600, -400)))
    assert not action_named(menu, "Show Evaluation Labels").isChecked()


def test_a_layout_moving_very_many_cards_sweeps_them_there_in_one_go_when_quick(qtbot, view, scene, document, ids, monkeypatch):
    from debatemap.canvas import motion

    monkeypatch.setattr(motion, "GLIDE_MAX", 1)  # "very many" is more than one here
    before = {i: QPointF(item.pos()) for i, item in scene.node_items.items()}
    assert document.layout(move_all=True, sizes=scene.card_sizes())
    qtbot.waitUntil(lambda: not scene.is_animating(), timeout=2000)  # one slice, in the next turn
    assert at_model_positions(scene, document)
    edge = scene.edge_items[ids.support]
    assert edge.line.p1().y() < scene.node_items[ids.reason].pos().y()  # links followed
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: not scene.is_animating(), timeout=2000)
    assert {i: item.pos() for i, item in scene.node_items.items()} == before


def test_a_long_sweep_places_the_cards_slice_by_slice_and_says_so_once(qtbot, view, scene, document, ids, monkeypatch):
    from debatemap.canvas import motion

    monkeypatch.setattr(motion, "GLIDE_MAX", 1)
    monkeypatch.setattr(motion, "SWEEP_BATCH", 1)  # one card per slice
    monkeypatch.setattr(motion, "SWEEP_SLICE_S", 0.0)
    changes = []
    scene.mapChanged.connect(lambda: changes.append(1))
    assert document.layout(move_all=True, sizes=scene.card_sizes())
    assert scene.is_animating() and not at_model_positions(scene, document)
    assert changes == []
    qtbot.waitUntil(lambda: not scene.is_animating(), timeout=3000)
    assert at_model_positions(scene, document) and changes == [1]
    for edge_id, item in scene.edge_items.items():  # every link was laid out after its ends moved
        source = scene.node_items[document.map.edges[edge_id].source]
        assert source.sceneBoundingRect().adjusted(-2, -2, 2, 2).contains(item.line.p1())


def test_an_edit_during_a_sweep_puts_every_card_in_place_first(qtbot, view, scene, document, ids, monkeypatch):
    from debatemap.canvas import motion

    monkeypatch.setattr(motion, "GLIDE_MAX", 1)
    monkeypatch.setattr(motion, "SWEEP_BATCH", 1)
    monkeypatch.setattr(motion, "SWEEP_SLICE_S", 0.0)
    assert document.layout(move_all=True, sizes=scene.card_sizes())
    assert scene.is_animating()
    document.set_node_text(ids.thesis, "Edited while the cards were still on their way", merge=False)
    assert not scene.is_animating() and at_model_positions(scene, document)
    document.undo_stack.undo()
    document.undo_stack.undo()  # the layout: its undo sweeps back
    qtbot.waitUntil(lambda: not scene.is_animating(), timeout=3000)
    assert at_model_positions(scene, document)
