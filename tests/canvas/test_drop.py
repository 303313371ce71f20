"""Drops onto the canvas with the MIME data the document panel really produces."""

import json

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt

from canvas_data import ESSAY, drop
from debatemap.core.model import EdgeType
from debatemap.document.excerpt_mime import EXCERPT_MIME_TYPE


def candidate_mime(panel, part):
    """What dragging the candidate sentence ``part`` out of the panel carries."""
    return panel.text_view.mime_for_candidate(ESSAY.index(part) + 2)


def new_nodes(document, before):
    return [n for i, n in document.map.nodes.items() if i not in before]


def test_a_candidate_dropped_on_empty_canvas_is_a_claim_holding_its_passage(view, scene, document, panel, essay):
    mime = candidate_mime(panel, "Free buses would fill up quickly.")
    before = set(document.map.nodes)
    assert drop(view, mime, (400, 300))
    (node,) = new_nodes(document, before)
    assert node.text == "Free buses would fill up quickly."
    excerpt = document.map.excerpts[node.excerpt_id]
    assert (excerpt.document_id, essay.text[excerpt.start:excerpt.end]) == (essay.id, node.text)
    item = scene.node_items[node.id]
    assert (item.pos() - QPointF(400, 300)).manhattanLength() < 2
    assert item.source_title == "Transit essay"
    assert view.selected_node_ids() == [node.id]
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert node.id not in scene.node_items and node.id not in document.map.nodes


def test_a_selection_dropped_on_a_node_supports_it(view, scene, document, panel, ids):
    panel.text_view.select_span(*[ESSAY.index("Crowded buses"), ESSAY.index("Crowded buses") + 13])
    mime = panel.text_view.mime_for_selection()
    thesis = scene.node_items[ids.thesis]
    before = set(document.map.nodes)
    assert drop(view, mime, (thesis.pos().x(), thesis.pos().y()))
    (node,) = new_nodes(document, before)
    assert node.text == "Crowded buses" and node.excerpt_id
    (edge,) = [e for e in document.map.edges.values() if e.source == node.id]
    assert (edge.target, edge.type) == (ids.thesis, EdgeType.SUPPORT)
    assert edge.id in scene.edge_items
    assert document.undo_stack.count() == 1  # node, excerpt and link: one step
    new_card = scene.node_items[node.id].sceneBoundingRect()
    assert not any(new_card.intersects(i.sceneBoundingRect())
                   for k, i in scene.node_items.items() if k != node.id)  # a free spot


def test_shift_drop_on_a_node_attacks_it(view, scene, document, panel, ids):
    mime = candidate_mime(panel, "Crowded buses push riders back into cars.")
    reason = scene.node_items[ids.reason]
    before = set(document.map.nodes)
    assert drop(view, mime, (reason.pos().x(), reason.pos().y()), Qt.KeyboardModifier.ShiftModifier)
    (node,) = new_nodes(document, before)
    (edge,) = [e for e in document.map.edges.values() if e.source == node.id]
    assert (edge.target, edge.type) == (ids.reason, EdgeType.ATTACK)


def test_alt_drop_asks_and_cancel_makes_nothing(view, scene, document, panel, ids, monkeypatch):
    answers = [None, "attack"]
    monkeypatch.setattr(view, "ask_link_type", lambda *a, **k: answers.pop(0))
    mime = candidate_mime(panel, "Crowded buses push riders back into cars.")
    thesis = scene.node_items[ids.thesis].pos()
    assert not drop(view, mime, (thesis.x(), thesis.y()), Qt.KeyboardModifier.AltModifier)
    assert document.undo_stack.count() == 0
    before = set(document.map.nodes)
    assert drop(view, mime, (thesis.x(), thesis.y()), Qt.KeyboardModifier.AltModifier)
    (node,) = new_nodes(document, before)
    assert any(e.source == node.id and e.type == EdgeType.ATTACK for e in document.map.edges.values())


def test_plain_text_from_another_application_is_a_claim_without_source(view, scene, document):
    mime = QMimeData()
    mime.setText("  Cities with free buses\n saw more riders  ")
    before = set(document.map.nodes)
    assert drop(view, mime, (-300, 350))
    (node,) = new_nodes(document, before)
    assert node.excerpt_id is None and "free buses" in node.text
    assert scene.node_items[node.id].source_title is None


def test_files_are_not_taken_for_text(view, document):
    from PySide6.QtCore import QUrl

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/a.txt")])
    mime.setText("file:///tmp/a.txt")
    assert not drop(view, mime, (0, 300))


def test_a_passage_of_a_document_not_in_the_map_loses_its_source_and_says_so(view, document, panel, qtbot):
    mime = candidate_mime(panel, "Free buses would fill up quickly.")
    data = json.loads(bytes(mime.data(EXCERPT_MIME_TYPE)).decode())
    data["document"] = "d-elsewhere"
    mime.setData(EXCERPT_MIME_TYPE, json.dumps(data).encode())
    before = set(document.map.nodes)
    with qtbot.waitSignal(view.statusMessage) as said:
        assert drop(view, mime, (0, 400))
    (node,) = new_nodes(document, before)
    assert node.excerpt_id is None and node.text == "Free buses would fill up quickly."
    assert "not in this map" in said.args[0]


def test_several_candidates_make_several_nodes_in_one_step(view, scene, document, essay):
    parts = ["Fares cover a small share of running costs.", "Free buses would fill up quickly.",
             "Crowded buses push riders back into cars."]
    payload = [{"map": str(document.path), "document": essay.id, "start": ESSAY.index(p),
                "end": ESSAY.index(p) + len(p), "text": p} for p in parts]
    mime = QMimeData()
    mime.setData(EXCERPT_MIME_TYPE, json.dumps(payload).encode())
    mime.setText("\n".join(parts))
    before = set(document.map.nodes)
    assert drop(view, mime, (500, 200))
    made = new_nodes(document, before)
    assert sorted(n.text for n in made) == sorted(parts)
    assert all(n.excerpt_id for n in made)
    cards = [scene.node_items[n.id].sceneBoundingRect() for n in made]
    assert not any(a.intersects(b) for k, a in enumerate(cards) for b in cards[k + 1:])
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert set(document.map.nodes) == before


def test_a_copied_fragment_dropped_is_pasted_at_the_drop_point(view, scene, document, ids):
    mime = document.copy_mime([ids.reason, ids.thesis])
    before = set(document.map.nodes)
    assert drop(view, mime, (900, 900))
    made = new_nodes(document, before)
    assert len(made) == 2
    made_ids = {n.id for n in made}
    assert [e for e in document.map.edges.values() if e.source in made_ids and e.target in made_ids]
    xs = [n.x for n in made]
    ys = [n.y for n in made]
    assert (min(xs) + max(xs)) / 2 == pytest.approx(900) and (min(ys) + max(ys)) / 2 == pytest.approx(900)


def test_the_drop_target_is_highlighted_while_dragging_over_a_node(view, scene, panel, ids):
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent
    from PySide6.QtWidgets import QApplication

    mime = candidate_mime(panel, "Free buses would fill up quickly.")
    thesis = scene.node_items[ids.thesis]
    point = view.mapFromScene(thesis.pos())
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(point, Qt.DropAction.CopyAction, mime,
                                                             Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(view.viewport(), QDragMoveEvent(point, Qt.DropAction.CopyAction, mime,
                                                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert thesis.drop_target


# ---- several candidates collected with Ctrl+click, dragged out together -------------------------


def text_point(text_view, index):
    """A viewport point in the middle of the character at code point ``index`` (ASCII text)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(text_view.document())
    cursor.setPosition(index)
    left = text_view.cursorRect(cursor)
    cursor.setPosition(index + 1)
    right = text_view.cursorRect(cursor)
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def send_mouse(text_view, kind, point, modifiers=Qt.KeyboardModifier.NoModifier, held=True):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    buttons = Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(point), QPointF(text_view.viewport().mapToGlobal(point)),
                        button, buttons, modifiers)
    QApplication.sendEvent(text_view.viewport(), event)


def ctrl_click(text_view, index):
    from PySide6.QtCore import QEvent

    ctrl = Qt.KeyboardModifier.ControlModifier
    point = text_point(text_view, index)
    send_mouse(text_view, QEvent.Type.MouseButtonPress, point, ctrl)
    send_mouse(text_view, QEvent.Type.MouseButtonRelease, point, ctrl, held=False)


def drag_out(text_view, index, monkeypatch):
    """Press on the character at ``index`` and move past the drag distance; the MIME data the
    real QDrag was given (copied: the drag owns its own)."""
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QDrag

    carried = []

    def fake_exec(drag, *args):
        copy = QMimeData()
        for name in drag.mimeData().formats():
            copy.setData(name, drag.mimeData().data(name))
        carried.append(copy)
        return Qt.DropAction.CopyAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)
    point = text_point(text_view, index)
    send_mouse(text_view, QEvent.Type.MouseButtonPress, point)
    send_mouse(text_view, QEvent.Type.MouseMove, point + QPoint(40, 30))
    (mime,) = carried
    return mime


def collected_marks(text_view):
    from debatemap.widgets import text_formats

    color = text_formats.collected_format().underlineColor()
    return sorted((s.cursor.selectionStart(), s.cursor.selectionEnd())
                  for s in text_view.extraSelections() if s.format.underlineColor() == color
                  and s.format.underlineStyle() == text_formats.collected_format().underlineStyle())


PARTS = ["Fares cover a small share of running costs.", "Crowded buses push riders back into cars."]


def test_ctrl_click_collects_candidates_and_one_drag_drops_them_all(view, scene, document, panel,
                                                                  essay, monkeypatch):
    text_view = panel.text_view
    for part in PARTS:
        ctrl_click(text_view, ESSAY.index(part) + 3)
    spans = [(ESSAY.index(p), ESSAY.index(p) + len(p)) for p in PARTS]
    assert text_view.collected == spans
    assert collected_marks(text_view) == spans  # visibly marked
    assert "2 candidates collected" in panel.hint.text()
    ctrl_click(text_view, ESSAY.index("Free buses") + 3)  # a third, then out again
    ctrl_click(text_view, ESSAY.index("Free buses") + 3)
    assert text_view.collected == spans

    mime = drag_out(text_view, ESSAY.index(PARTS[1]) + 5, monkeypatch)
    data = json.loads(bytes(mime.data(EXCERPT_MIME_TYPE)).decode("utf-8"))
    assert isinstance(data, list) and [d["text"] for d in data] == PARTS
    assert all(essay.text[d["start"]:d["end"]] == d["text"] and d["document"] == essay.id for d in data)
    assert mime.text() == "\n\n".join(PARTS)
    assert text_view.collected == [] and collected_marks(text_view) == []  # the drag took them

    before = set(document.map.nodes)
    assert drop(view, mime, (600, 250))
    made = new_nodes(document, before)
    assert sorted(n.text for n in made) == sorted(PARTS)
    for node in made:
        excerpt = document.map.excerpts[node.excerpt_id]
        assert essay.text[excerpt.start:excerpt.end] == node.text
    assert sorted(view.selected_node_ids()) == sorted(n.id for n in made)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert set(document.map.nodes) == before and set(scene.node_items) == before


def test_a_drag_from_an_uncollected_candidate_brings_the_collection_along(panel, essay, monkeypatch):
    text_view = panel.text_view
    ctrl_click(text_view, ESSAY.index(PARTS[0]) + 3)
    mime = drag_out(text_view, ESSAY.index("Free buses") + 3, monkeypatch)
    data = json.loads(bytes(mime.data(EXCERPT_MIME_TYPE)).decode("utf-8"))
    assert [d["text"] for d in data] == [PARTS[0], "Free buses would fill up quickly."]


def test_escape_or_a_plain_click_clears_the_collection(qtbot, panel, essay):
    from PySide6.QtCore import QEvent

    text_view = panel.text_view
    ctrl_click(text_view, ESSAY.index(PARTS[0]) + 3)
    assert len(text_view.collected) == 1
    text_view.setFocus()
    qtbot.keyClick(text_view, Qt.Key.Key_Escape)
    assert text_view.collected == [] and collected_marks(text_view) == []
    assert "collected" not in panel.hint.text()

    ctrl_click(text_view, ESSAY.index(PARTS[0]) + 3)
    point = text_point(text_view, ESSAY.index(PARTS[1]) + 3)  # a plain click on a candidate
    send_mouse(text_view, QEvent.Type.MouseButtonPress, point)
    send_mouse(text_view, QEvent.Type.MouseButtonRelease, point, held=False)
    assert text_view.collected == []

    ctrl_click(text_view, ESSAY.index(PARTS[0]) + 3)
    point = text_point(text_view, ESSAY.index("Free transit") + 2)  # a plain click off candidates
    send_mouse(text_view, QEvent.Type.MouseButtonPress, point)
    send_mouse(text_view, QEvent.Type.MouseButtonRelease, point, held=False)
    assert text_view.collected == []
