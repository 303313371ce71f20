"""The document panel through its real widgets: list, structured text, marks, highlights, drags."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QDragEnterEvent, QFont, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from panel_data import TEXT, plain_import, span
from debatemap.canvas.style import kind_color
from debatemap.core.model import NodeKind
from debatemap.document.excerpt_mime import EXCERPT_MIME_TYPE, excerpt_from_mime
from debatemap.widgets.text_formats import (CANDIDATE_PROPERTY, EXCERPT_ALPHA, KIND_PROPERTY,
                                            text_colors)

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


def utf16(text, index):
    """Qt's position of a code point offset, computed independently of the code under test."""
    return len(text[:index].encode("utf-16-le")) // 2


def format_at(view, index):
    """The char format of the character at code point ``index``, read from the text fragments."""
    position = utf16(view.source.text, index)
    block = view.document().findBlock(position)
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.position() <= position < fragment.position() + fragment.length():
            return fragment.charFormat()
        iterator += 1
    return block.charFormat()  # the block separator itself


def point_of(view, index):
    """A viewport point in the middle of the character at code point ``index``."""
    text = view.source.text
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16(text, index))
    left = view.cursorRect(cursor)
    cursor.setPosition(utf16(text, index + 1))
    right = view.cursorRect(cursor)
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def mouse(view, kind, point, buttons=Qt.MouseButton.LeftButton):
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    pos = QPointF(point)
    event = QMouseEvent(kind, pos, QPointF(view.viewport().mapToGlobal(point)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


# ---- the list ----------------------------------------------------------------------------------


def test_list_shows_title_format_candidates_and_a_tooltip(panel, essay):
    item = panel.list.topLevelItem(0)
    assert [item.text(c) for c in range(3)] == ["Emoji essay", "MD", "3"]
    tip = item.toolTip(0)
    for expected in ("/data/emoji essay.md", "utf-8", "author: Ann", "date: 2024", "3 candidate"):
        assert expected in tip


def test_list_follows_imports_and_their_undo(panel, mapdoc, essay):
    second = plain_import("Another text. With two sentences.\n\nSecond paragraph here.")
    mapdoc.import_documents([second])
    assert panel.list.document_ids() == [essay.id, second.document.id]
    assert panel.selected_document_id() == second.document.id  # a new import is shown
    mapdoc.undo_stack.undo()
    assert panel.list.document_ids() == [essay.id]
    assert panel.selected_document_id() == essay.id  # never an empty view while a document exists
    mapdoc.undo_stack.undo()
    assert panel.list.document_ids() == [] and panel.text_view.source is None
    assert panel.text_view.toPlainText() == ""
    mapdoc.undo_stack.redo()
    assert panel.list.document_ids() == [essay.id]


def test_files_dropped_on_the_list_become_an_import_request(qtbot, panel, tmp_path):
    requested = []
    panel.importRequested.connect(requested.append)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.txt")), QUrl.fromLocalFile(str(tmp_path / "b.md"))])
    viewport = panel.list.viewport()
    point = QPointF(viewport.rect().center())
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    assert requested == [[tmp_path / "a.txt", tmp_path / "b.md"]]

    plain = QMimeData()
    plain.setText("just text")
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, plain, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert not enter.isAccepted()


# ---- the text ----------------------------------------------------------------------------------


def test_text_view_holds_the_exact_text_one_position_per_utf16_unit(panel):
    view = panel.text_view
    assert view.document().toRawText().replace("\u2029", "\n") == TEXT
    assert view.document().characterCount() - 1 == utf16(TEXT, len(TEXT))


def test_paragraph_kinds_are_styled_at_converted_positions(panel):
    view = panel.text_view
    heading = format_at(view, TEXT.index("heading"))
    assert heading.property(KIND_PROPERTY) == "heading" and heading.fontWeight() == QFont.Weight.Bold
    assert heading.fontPointSize() > format_at(view, TEXT.index("claim")).fontPointSize()
    quote = format_at(view, TEXT.index("words"))  # after an astral 𝒳
    assert quote.property(KIND_PROPERTY) == "quote" and quote.fontItalic()
    meta = format_at(view, TEXT.index("Ann"))
    assert meta.property(KIND_PROPERTY) == "metadata"
    assert meta.foreground().color() == text_colors().muted != text_colors().text
    listed = format_at(view, TEXT.index("listed"))
    assert listed.property(KIND_PROPERTY) == "list_item"
    block = view.document().findBlock(utf16(TEXT, TEXT.index("listed")))
    assert block.text().startswith("- ") and block.blockFormat().leftMargin() > 0


def test_candidates_are_marked_exactly_where_they_are(panel):
    view = panel.text_view
    start, end = span(TEXT, "Next one.")
    marked = [i for i in range(len(TEXT)) if format_at(view, i).property(CANDIDATE_PROPERTY)]
    expected = set()
    for first, last in (span(TEXT, "A 😀 claim."), (start, end), span(TEXT, "🎉 a listed point here")):
        expected.update(range(first, last))
    assert sorted(set(marked) ^ expected) == [], [(i, TEXT[i]) for i in sorted(set(marked) ^ expected)]
    assert format_at(view, start).underlineStyle() != format_at(view, start - 1).underlineStyle()


# ---- what is dragged ---------------------------------------------------------------------------


def test_mime_for_a_selection_after_an_emoji_has_code_point_offsets(panel, mapdoc, essay):
    view = panel.text_view
    start, end = span(TEXT, "claim. Next")
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16(TEXT, start))
    cursor.setPosition(utf16(TEXT, end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    mime = view.mime_for_selection()
    data = json.loads(bytes(mime.data(EXCERPT_MIME_TYPE)).decode("utf-8"))
    assert data == {"map": str(mapdoc.path), "document": essay.id, "start": start, "end": end,
                    "text": "claim. Next"}
    assert essay.text[data["start"]:data["end"]] == data["text"] == mime.text()


def test_a_selection_loses_surrounding_whitespace_and_may_span_emoji(panel, essay):
    view = panel.text_view
    start, end = span(TEXT, "\n\n- 🎉 a listed point here\n\n")
    view.select_span(start, end)
    payload = excerpt_from_mime(view.mime_for_selection())
    assert payload.text == "- 🎉 a listed point here"
    assert essay.text[payload.start:payload.end] == payload.text
    view.select_span(*span(TEXT, "\n\n"))
    assert view.mime_for_selection() is None
    view.setTextCursor(QTextCursor(view.document()))
    assert view.mime_for_selection() is None


def test_every_selection_of_the_text_round_trips(panel, essay):
    view = panel.text_view
    for start in range(0, len(TEXT), 3):
        for end in range(start + 1, len(TEXT) + 1, 5):
            view.select_span(start, end)
            mime = view.mime_for_selection()
            if mime is not None:
                payload = excerpt_from_mime(mime)
                assert essay.text[payload.start:payload.end] == payload.text == payload.text.strip()


def test_press_and_move_on_a_candidate_drags_it(panel, monkeypatch, essay):
    view = panel.text_view
    dragged = []
    monkeypatch.setattr(view, "start_drag", dragged.append)
    point = point_of(view, TEXT.index("one"))
    mouse(view, QEvent.Type.MouseButtonPress, point)
    mouse(view, QEvent.Type.MouseMove, point + QPoint(2, 0))  # less than the drag distance
    assert dragged == []
    mouse(view, QEvent.Type.MouseMove, point + QPoint(40, 30))
    assert len(dragged) == 1
    payload = dragged[0]
    assert payload.text == "Next one." and essay.text[payload.start:payload.end] == payload.text


def test_press_and_move_inside_a_selection_drags_the_selection(panel, monkeypatch, essay):
    view = panel.text_view
    dragged = []
    monkeypatch.setattr(view, "start_drag", dragged.append)
    view.select_span(*span(TEXT, "😀 claim. Next"))
    point = point_of(view, TEXT.index("claim"))
    mouse(view, QEvent.Type.MouseButtonPress, point)
    mouse(view, QEvent.Type.MouseMove, point + QPoint(0, 40))
    assert [p.text for p in dragged] == ["😀 claim. Next"]
    assert essay.text[dragged[0].start:dragged[0].end] == "😀 claim. Next"


def test_a_click_without_a_drag_clears_the_selection(panel, monkeypatch):
    view = panel.text_view
    monkeypatch.setattr(view, "start_drag", lambda payload: pytest.fail("no drag expected"))
    view.select_span(*span(TEXT, "claim. Next"))
    point = point_of(view, TEXT.index("laim"))
    mouse(view, QEvent.Type.MouseButtonPress, point)
    mouse(view, QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.NoButton)
    assert not view.textCursor().hasSelection()


def test_press_off_any_candidate_selects_text_normally(panel, monkeypatch):
    view = panel.text_view
    monkeypatch.setattr(view, "start_drag", lambda payload: pytest.fail("no drag expected"))
    start = point_of(view, TEXT.index("heading"))
    mouse(view, QEvent.Type.MouseButtonPress, start)
    mouse(view, QEvent.Type.MouseMove, point_of(view, TEXT.index("heading") + 5))
    mouse(view, QEvent.Type.MouseButtonRelease, point_of(view, TEXT.index("heading") + 5),
          Qt.MouseButton.NoButton)
    assert view.textCursor().hasSelection()


def test_start_drag_hands_qdrag_the_excerpt_mime(panel, monkeypatch):
    from PySide6.QtGui import QDrag

    seen = []

    def fake_exec(drag, *args):
        seen.append(excerpt_from_mime(drag.mimeData()))
        return Qt.DropAction.CopyAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)
    view = panel.text_view
    payload = view.payload(*span(TEXT, "Next one."))
    assert view.start_drag(payload) == Qt.DropAction.CopyAction
    assert seen == [payload]


# ---- highlights of passages on the map ---------------------------------------------------------


def excerpt_selections(view):
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.background().color())
            for s in view.extraSelections() if s.format.background().color().alpha() == EXCERPT_ALPHA]


def test_passages_used_by_nodes_are_highlighted_in_the_node_colour_and_follow_changes(panel, mapdoc, essay):
    view = panel.text_view
    start, end = span(TEXT, "Next one.")
    node = mapdoc.add_node("Next one.", source=(essay.id, start, end))
    tinted = kind_color(NodeKind.CLAIM)
    tinted.setAlpha(EXCERPT_ALPHA)
    assert excerpt_selections(view) == [(utf16(TEXT, start), utf16(TEXT, end), tinted)]
    assert "Next one." in view.tooltip_at(point_of(view, start + 1))

    mapdoc.set_node_kind([node.id], NodeKind.OBJECTION)
    tinted = kind_color(NodeKind.OBJECTION)
    tinted.setAlpha(EXCERPT_ALPHA)
    assert excerpt_selections(view)[0][2] == tinted

    mapdoc.undo_stack.undo()
    mapdoc.undo_stack.undo()
    assert excerpt_selections(view) == []
    mapdoc.undo_stack.redo()
    assert len(excerpt_selections(view)) == 1


def test_a_node_with_its_own_colour_tints_its_passage_with_it(panel, mapdoc, essay):
    start, end = span(TEXT, "🎉 a listed")
    node = mapdoc.add_node("party", source=(essay.id, start, end))
    mapdoc.session.update_node(node.id, color="#ff00aa")
    mapdoc.nodesChanged.emit([node.id])
    color = excerpt_selections(panel.text_view)[0][2]
    assert (color.red(), color.green(), color.blue()) == (255, 0, 170)


def test_tooltip_names_candidates(panel):
    view = panel.text_view
    assert "Candidate claim" in view.tooltip_at(point_of(view, TEXT.index("claim")))
    assert view.tooltip_at(point_of(view, TEXT.index("heading"))) == ""


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no seed corpus next to the repository")
def test_seed_texts_keep_one_qt_position_per_utf16_unit(qapp):
    from debatemap.ingest import ingest_file
    from debatemap.widgets.document_text_view import DocumentTextView
    from debatemap.core.model import Document

    view = DocumentTextView()
    for path in sorted(SEEDS.glob("*.txt")):
        ingested = ingest_file(path)
        source = Document("d1", "t", ingested.text, ingested.format, ingested.encoding)
        view.show_document(source, [(p.start, p.end, p.kind) for p in ingested.paragraphs],
                           [(c.start, c.end) for c in ingested.candidates])
        assert view.document().characterCount() - 1 == utf16(ingested.text, len(ingested.text)), path.name
        for candidate in ingested.candidates:
            view.select_span(candidate.start, candidate.end)
            payload = excerpt_from_mime(view.mime_for_selection())
            assert payload.text == candidate.text.strip()
            assert ingested.text[payload.start:payload.end] == payload.text
