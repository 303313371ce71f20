"""How items look and where they sit: border-routed links, distinct link ends, LOD, palettes,
the scene after load, and align/distribute."""

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPainter

from debatemap.canvas import MapScene, style
from debatemap.canvas.node_item import card_height
from debatemap.canvas.shortcuts import CANVAS_SHORTCUTS
from debatemap.core.model import EdgeType, NodeKind
from debatemap.document import MapDocument


def on_border(item, point, tolerance=4.0):
    card = item.rect.translated(item.pos())
    outer = card.adjusted(-tolerance, -tolerance, tolerance, tolerance)
    inner = card.adjusted(tolerance, tolerance, -tolerance, -tolerance)
    return outer.contains(point) and not inner.contains(point)


def test_link_ends_lie_on_card_borders_and_follow_moves(scene, ids):
    for edge_id in (ids.support, ids.attack):
        edge = scene.edge_items[edge_id]
        assert on_border(edge.source_item, edge.line.p1())
        assert on_border(edge.target_item, edge.line.p2())
    scene.node_items[ids.thesis].setPos(400, -400)
    edge = scene.edge_items[ids.support]
    assert on_border(scene.node_items[ids.thesis], edge.line.p2())


def test_link_types_are_told_apart_by_pattern_and_end_marker():
    looks = {t: (style.edge_style(t)[:2], tuple(style.edge_pen(t).dashPattern())) for t in EdgeType}
    assert len(set(looks.values())) == len(EdgeType)
    assert style.edge_style(EdgeType.SUPPORT)[:2] == ("solid", "arrow")
    assert style.edge_style(EdgeType.ATTACK)[:2] == ("dash", "bar")
    assert style.edge_style(EdgeType.UNDERCUT)[:2] == ("dot", "bar")


def test_cards_grow_with_text_and_show_source_and_pin(scene, document, essay):
    short = document.add_node("Short", x=0, y=500)
    long = document.add_node("A much longer claim that certainly needs several lines to be shown "
                             "in full on a card of fixed width", x=300, y=500, source=(essay.id, 14, 57))
    a, b = scene.node_items[short.id], scene.node_items[long.id]
    assert b.rect.height() > a.rect.height()
    assert b.rect.height() == pytest.approx(card_height(long.text, True))
    assert b.source_title == "Transit essay" and "Transit essay" in b.toolTip()
    assert not a.pinned
    document.set_pinned([short.id], True)
    assert a.pinned


def render(view):
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    view.render(painter)
    painter.end()
    return image


def test_text_is_left_out_when_zoomed_far_out(qtbot, view, scene, ids, monkeypatch):
    drawn = []
    original = QPainter.drawStaticText

    def spy(painter, *args):
        drawn.append(1)
        return original(painter, *args)

    monkeypatch.setattr(QPainter, "drawStaticText", spy)
    render(view)
    assert drawn
    drawn.clear()
    view.zoom_by(0.3)
    assert view.zoom_level() < style.TEXT_DETAIL
    render(view)
    assert drawn == []


def test_dark_palette_follows_a_dark_system(scene):
    dark = style.make_palette(True)
    assert dark.background.lightness() < 60 and dark.text.lightness() > 200
    scene.refresh_palette(dark=True)
    assert scene.backgroundBrush().color() == dark.background
    scene.refresh_palette(dark=False)
    assert scene.backgroundBrush().color().lightness() > 200


def test_the_scene_mirrors_the_file_after_reopening(qapp, tmp_path, document, scene, ids):
    node = document.add_linked_node(ids.thesis, "Parking revenue falls", NodeKind.OBJECTION,
                                    EdgeType.ATTACK, x=0, y=350)
    path = document.path
    document.session.close()
    reopened = MapDocument.open(path)
    fresh = MapScene(reopened)
    try:
        assert set(fresh.node_items) == set(reopened.map.nodes) == set(scene.node_items)
        assert set(fresh.edge_items) == set(scene.edge_items)
        assert fresh.node_items[node.id].pos() == QPointF(0, 350)
        assert fresh.node_items[node.id].kind == "objection"
    finally:
        fresh.detach()
        reopened.close()
        document.session = type(document.session).open(path)


def test_align_and_distribute_use_real_card_sizes_in_one_step(view, scene, document, essay):
    made = [document.add_node(text, x=x, y=y) for text, x, y in
            [("One", -300, 0), ("Two with a rather longer text that wraps onto more lines", 10, 60),
             ("Three", 400, 30)]]
    view.select_items([n.id for n in made])
    count = document.undo_stack.count()
    assert view.align_selection("top")
    tops = {round(scene.node_items[n.id].sceneBoundingRect().top() + 4, 3) for n in made}
    assert len(tops) == 1 and document.undo_stack.count() == count + 1
    assert view.distribute_selection("horizontal")
    rects = sorted((scene.node_items[n.id].rect.translated(scene.node_items[n.id].pos()) for n in made),
                   key=QRectF.left)
    gaps = [rects[i + 1].left() - rects[i].right() for i in range(2)]
    assert gaps[0] == pytest.approx(gaps[1])
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert scene.node_items[made[1].id].pos() == QPointF(10, 60)


def test_zoom_reset_fit_and_paste_position(view, scene):
    view.zoom_in()
    assert view.zoom_level() > 1
    view.reset_zoom()
    assert view.zoom_level() == 1
    view.fit_all()
    x, y = view.paste_position()
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(QPointF(x, y))


def test_the_shortcut_list_names_the_gestures():
    keys = " ".join(k for k, _ in CANVAS_SHORTCUTS)
    for expected in ("Tab", "Shift+Tab", "F2", "Alt+Arrow", "Space+drag", "Double-click"):
        assert expected in keys
