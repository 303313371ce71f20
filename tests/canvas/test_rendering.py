"""How items look and where they sit: border-routed links, distinct link ends, LOD, palettes,
the scene after load, and align/distribute."""

import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF
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


def test_zoomed_out_cards_show_a_gist_in_larger_type_and_nothing_further_out(qtbot, view, scene, ids,
                                                                           monkeypatch):
    drawn = []
    original = QPainter.drawStaticText

    def spy(painter, point, text):
        drawn.append((text.text(), painter.font().pixelSize()))
        return original(painter, point, text)

    monkeypatch.setattr(QPainter, "drawStaticText", spy)
    full_text = scene.document.map.nodes[ids.thesis].text
    render(view)
    assert any(text == full_text for text, _ in drawn)
    drawn.clear()
    view.zoom_by(0.3)
    assert style.GIST_DETAIL <= view.zoom_level() < style.TEXT_DETAIL
    render(view)
    gists = [(text, size) for text, size in drawn if text and full_text.startswith(text.rstrip("…"))]
    assert gists, drawn  # the first words of the thesis...
    assert min(size for _, size in gists) * view.zoom_level() >= 8  # ...readable on screen
    drawn.clear()
    view.zoom_by(0.3)
    assert view.zoom_level() < style.GIST_DETAIL
    render(view)
    assert not [text for text, _ in drawn if len(text) > 3]  # badges' glyphs at most


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


def _distance_to_line(point, line):
    import math

    dx, dy = line.dx(), line.dy()
    return abs(dy * (point.x() - line.x1()) - dx * (point.y() - line.y1())) / math.hypot(dx, dy)


@pytest.mark.parametrize("where", [(0, 0, 420, 160), (0, 0, 30, 260), (0, 0, 0, 300)])
def test_opposite_links_run_side_by_side_with_ends_on_the_borders(scene, document, where):
    a = document.add_node("Trams are quiet", x=where[0], y=where[1] + 900)
    b = document.add_node("Trams are loud at night", x=where[2], y=where[3] + 900)
    forward = document.add_edge(a.id, b.id, EdgeType.SUPPORT)
    alone = QLineF(scene.edge_items[forward.id].line)
    back = document.add_edge(b.id, a.id, EdgeType.ATTACK)
    one, two = scene.edge_items[forward.id], scene.edge_items[back.id]
    first, second = one.line, two.line
    assert first != alone  # the first link made room when the second came
    assert _distance_to_line(second.p1(), first) >= 10 and _distance_to_line(second.p2(), first) >= 10
    assert one.shape().intersected(two.shape()).boundingRect().width() < 10  # both can be hit
    items = scene.node_items
    assert on_border(items[a.id], first.p1()) and on_border(items[b.id], first.p2())
    assert on_border(items[b.id], second.p1()) and on_border(items[a.id], second.p2())
    items[b.id].setPos(-300, 1200)  # they follow a move, still apart and on the borders
    first, second = one.line, two.line
    assert _distance_to_line(second.p1(), first) >= 10
    assert on_border(items[a.id], first.p1()) and on_border(items[b.id], first.p2())
    assert on_border(items[b.id], second.p1()) and on_border(items[a.id], second.p2())
    document.remove_items(edge_ids=[back.id])  # alone again: back on the line between centres
    centres = QLineF(items[a.id].pos(), items[b.id].pos())
    assert _distance_to_line(one.line.p1(), centres) < 0.5
    document.undo_stack.undo()
    assert _distance_to_line(scene.edge_items[back.id].line.p1(), one.line) >= 10


def test_a_single_link_still_runs_between_the_centres(scene, ids):
    edge = scene.edge_items[ids.support]
    centres = QLineF(edge.source_item.pos(), edge.target_item.pos())
    assert _distance_to_line(edge.line.p1(), centres) < 0.5
    assert _distance_to_line(edge.line.p2(), centres) < 0.5
