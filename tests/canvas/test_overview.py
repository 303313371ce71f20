"""The scene's overview (minimap and far zoom) follows every change card by card, and the view
draws it instead of each item when zoomed out too far to read a card."""

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from debatemap.canvas import style
from debatemap.canvas.node_item import NodeItem
from debatemap.canvas.overview import Overview
from debatemap.core.model import EdgeType, NodeKind


def fresh_reading(scene) -> Overview:
    again = Overview(scene)
    again.refresh()
    return again


def same_as_a_fresh_reading(scene) -> bool:
    kept = scene.overview
    kept.refresh()
    again = fresh_reading(scene)
    cards, fresh_cards = dict(kept._cards), dict(again._cards)
    return cards == fresh_cards and kept._links == again._links and kept.bounds() == again.bounds()


def item_rects(scene) -> dict[str, QRectF]:
    return {i: item.rect.translated(item.pos()) for i, item in scene.node_items.items()}


def test_the_overview_follows_adds_moves_edits_kind_changes_removals_and_their_undo(scene, document, ids):
    scene.overview.refresh()
    made = document.add_node("A new claim far away", x=900, y=700)
    link = document.add_edge(made.id, ids.thesis, EdgeType.ATTACK)
    assert link is not None and same_as_a_fresh_reading(scene)
    assert scene.overview.card_rect(made.id) == item_rects(scene)[made.id]
    assert document.move_nodes({ids.reason: (-600.0, 400.0)}, pinned=[ids.reason])
    assert same_as_a_fresh_reading(scene)
    assert document.set_node_text(ids.cost, "A much longer objection " * 8, merge=False)
    assert same_as_a_fresh_reading(scene)
    assert scene.overview.card_rect(ids.cost).height() > 60  # the card grew and the overview knows
    assert document.set_node_kind([ids.reason], NodeKind.OBJECTION)
    assert same_as_a_fresh_reading(scene)
    assert document.remove_items([ids.reason], [])
    assert ids.reason not in scene.overview._cards and same_as_a_fresh_reading(scene)
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
        scene.finish_animation()
        assert same_as_a_fresh_reading(scene)
    assert scene.overview.card_rect(ids.reason) == item_rects(scene)[ids.reason]


def test_an_undercut_ends_on_the_middle_of_the_link_it_attacks_and_follows_it(scene, document, ids):
    undercut = document.add_node("The traffic data is old", NodeKind.OBJECTION, x=300, y=300)
    edge = document.add_edge(undercut.id, ids.support, EdgeType.UNDERCUT)
    assert edge is not None
    scene.overview.refresh()
    assert document.move_nodes({ids.thesis: (400.0, -500.0)}, pinned=[ids.thesis])
    assert same_as_a_fresh_reading(scene)
    support_line = scene.overview._links[ids.support][1]
    assert scene.overview._links[edge.id][1].p2() == support_line.center()


def test_the_content_bounds_hold_every_card_with_its_badges(scene, document, ids):
    assert document.move_nodes({ids.cost: (2500.0, 1800.0)}, pinned=[ids.cost])
    cards = QRectF()
    for item in scene.node_items.values():
        cards = cards.united(item.sceneBoundingRect())
    assert scene.content_bounds == cards


def zoom_to(view, zoom: float) -> None:
    view._auto_fit = False
    view.resetTransform()
    view.scale(zoom, zoom)
    view.centerOn(view.map_scene().content_bounds.center())


def test_zoomed_far_out_the_view_draws_the_overview_not_each_card(qtbot, view, scene, document, ids, monkeypatch):
    painted = []
    original = NodeItem._paint_marks  # every card's paint ends with it
    monkeypatch.setattr(NodeItem, "_paint_marks", lambda self, *a: (painted.append(self.node_id), original(self, *a)))
    zoom_to(view, 0.5)
    view.viewport().repaint()
    assert painted and not view.overview_shown()
    painted.clear()
    zoom_to(view, style.OVERVIEW_DETAIL * 0.6)
    assert view.overview_shown()
    image = view.viewport().grab().toImage()
    assert painted == []
    for node_id, item in scene.node_items.items():  # each card a block of its kind colour
        centre = view.mapFromScene(item.sceneBoundingRect().center())
        ratio = image.devicePixelRatio()
        pixel = image.pixelColor(int(centre.x() * ratio), int(centre.y() * ratio))
        expected = style.kind_color(item.kind)
        assert (pixel.red(), pixel.green(), pixel.blue()) == (expected.red(), expected.green(), expected.blue())


def test_a_map_bigger_than_the_view_at_the_least_zoom_can_be_seen_whole(qtbot, view, scene, document, ids):
    far = document.add_node("A claim very far away", x=60_000, y=30_000)
    assert far is not None
    view.fit_all()
    assert view.zoom_level() < 0.1 and view.overview_shown()
    # the near cards and the far one are all in view (once the scroll bars have settled)
    qtbot.waitUntil(lambda: all(view.viewport().rect().contains(view.mapFromScene(item.pos()))
                                for item in scene.node_items.values()), timeout=2000)
    for _ in range(30):
        view.zoom_out()
    assert view.zoom_level() >= view.min_zoom() > 0
    small_map_view_floor = 0.1
    document.undo_stack.undo()  # the far card is gone: the least zoom is the usual one again
    assert view.min_zoom() == small_map_view_floor


def press_drag_release(view, start: QPoint, end: QPoint) -> None:
    viewport = view.viewport()

    def send(kind, point, button, buttons):
        QApplication.sendEvent(viewport, QMouseEvent(kind, QPointF(point), QPointF(viewport.mapToGlobal(point)),
                                                     button, buttons, Qt.KeyboardModifier.NoModifier))

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
    for step in range(1, 6):
        send(QEvent.Type.MouseMove, start + (end - start) * step / 5, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)


def test_far_out_a_rubber_band_still_selects_and_a_dragged_card_moves(qtbot, view, scene, document, ids):
    zoom_to(view, style.OVERVIEW_DETAIL * 0.6)
    corner = view.mapFromScene(scene.content_bounds.topLeft()) - QPoint(15, 15)
    beyond = view.mapFromScene(scene.content_bounds.bottomRight()) + QPoint(15, 15)
    press_drag_release(view, corner, beyond)
    assert set(view.selected_node_ids()) == set(scene.node_items)
    view.viewport().repaint()  # the selected cards are outlined (no error drawing them)
    view.select_items([ids.reason])
    before = QPointF(scene.node_items[ids.reason].pos())
    start = view.mapFromScene(before)
    press_drag_release(view, start, start + QPoint(30, 0))
    moved = scene.node_items[ids.reason].pos()
    assert moved.x() > before.x() + 100  # 30 px on screen are many scene pixels this far out
    assert (document.map.nodes[ids.reason].x, document.map.nodes[ids.reason].y) == (moved.x(), moved.y())
    assert same_as_a_fresh_reading(scene)


def test_a_little_less_far_out_the_cards_are_miniatures_with_their_band(qtbot, view, scene, ids):
    zoom_to(view, 0.14)  # a card is about 32 px wide: a white card with its coloured band
    assert view.overview_shown()
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    for item in scene.node_items.values():
        rect = item.sceneBoundingRect()
        band = view.mapFromScene(QPointF(item.pos().x(), item.pos().y() + item.rect.top() + 3))
        body = view.mapFromScene(QPointF(item.pos().x(), item.pos().y() + (item.rect.top() + style.BAND_HEIGHT
                                                                             + item.rect.bottom()) / 2))
        kind = style.kind_color(item.kind)
        fill = style.palette().node_fill
        at_band = image.pixelColor(int(band.x() * ratio), int(band.y() * ratio))
        at_body = image.pixelColor(int(body.x() * ratio), int(body.y() * ratio))
        assert (at_band.red(), at_band.green(), at_band.blue()) == (kind.red(), kind.green(), kind.blue()), rect
        assert (at_body.red(), at_body.green(), at_body.blue()) == (fill.red(), fill.green(), fill.blue())


def test_far_out_a_link_being_drawn_is_still_shown(qtbot, view, scene, ids):
    zoom_to(view, style.OVERVIEW_DETAIL * 0.6)
    source = scene.node_items[ids.reason]
    far = source.pos() + QPointF(0, 1500)  # well below every card
    view.begin_link_drag(source, far)
    assert view.link_dragging()
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    line = view._rubber.line()
    background = style.palette().background

    def marked(image) -> int:  # pixels along the rubber line that are not background
        ratio = image.devicePixelRatio()
        count = 0
        for step in range(40, 100):
            point = view.mapFromScene(line.pointAt(step / 100))
            for dx in (-1, 0, 1):
                c = image.pixelColor(int((point.x() + dx) * ratio), int(point.y() * ratio))
                count += (c.red(), c.green(), c.blue()) != (background.red(), background.green(), background.blue())
        return count

    assert marked(view.viewport().grab().toImage()) > 10
    view.cancel_link_drag()
    assert marked(view.viewport().grab().toImage()) == 0
