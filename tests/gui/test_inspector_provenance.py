"""The inspector dock, go to source, find, and re-import through the real main window."""

import pytest
from PySide6.QtCore import QPoint, Qt

from debatemap.core.ids import new_id
from debatemap.core.model import Document
from debatemap.store.imports import DocumentImport
from debatemap.store.session import MapSession
from debatemap.widgets import inspector as inspector_module

FILLER = "".join(f"Paragraph {i} says nothing in particular about buses.\n\n" for i in range(60))
TEXT = FILLER + "Free transit brings new riders to the buses. 🚌 Critics say the cost is too high.\n"


@pytest.fixture
def sourced_map(tmp_path):
    path = tmp_path / "sourced.debatemap"
    origin = tmp_path / "essay.txt"
    origin.write_text(TEXT, encoding="utf-8")
    with MapSession.create(path, "Sourced") as session:
        document = Document(id=new_id("d"), title="Transit essay", text=TEXT, format="txt",
                            encoding="utf-8", origin=str(origin.resolve()), sha256="old")
        session.import_documents([DocumentImport(document, [(0, len(TEXT), "paragraph")], [])])
        start = TEXT.index("Critics")
        cited = session.add_node("Free transit costs too much", "objection",
                                 source=(document.id, start, TEXT.index("high.") + 5))
        plain = session.add_node("Buses are full")
        session.add_edge(cited.id, plain.id, "attack")
    return {"path": path, "origin": origin, "document": document.id, "cited": cited.id,
            "plain": plain.id, "start": start}


def open_map(qtbot, window, path):
    assert window.open_path(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window.document


def test_selecting_a_sourced_node_shows_its_passage_highlighted(qtbot, window, sourced_map):
    open_map(qtbot, window, sourced_map["path"])
    view = window.document_panel.text_view
    window.view.select_items([sourced_map["cited"]])
    assert window.document_panel.selected_document_id() == sourced_map["document"]
    start = sourced_map["start"]
    assert view.focus == (start, start + len("Critics say the cost is too high."))
    assert view.verticalScrollBar().value() > 0 and view.focus_visible()
    focus = view.extraSelections()[-1]
    assert focus.cursor.selectedText() == "Critics say the cost is too high."
    # the inspector shows the source
    inspector = window.inspector
    assert inspector.pages.currentIndex() == 1
    assert inspector.source_title.text() == "Transit essay"
    assert "Critics say the cost is too high." in inspector.source_quote.text()
    assert inspector.author_label.text() == "—" and inspector.created_label.text()


def test_go_to_source_button_and_menu_action(qtbot, window, sourced_map):
    open_map(qtbot, window, sourced_map["path"])
    window.view.select_items([sourced_map["cited"]])
    view = window.document_panel.text_view
    view.verticalScrollBar().setValue(0)
    view.show_focus(0, 5)
    qtbot.mouseClick(window.inspector.go_to_source, Qt.MouseButton.LeftButton)
    assert view.focus[0] == sourced_map["start"] and view.focus_visible()
    view.show_focus(0, 5)
    assert window.edit_actions.go_to_source.isEnabled()
    window.edit_actions.go_to_source.trigger()
    assert view.focus[0] == sourced_map["start"]


def test_inspector_text_edits_merge_into_one_undo_step(qtbot, window, sourced_map):
    document = open_map(qtbot, window, sourced_map["path"])
    node_id = sourced_map["plain"]
    window.view.select_items([node_id])
    field = window.inspector.text_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.moveCursor(field.textCursor().MoveOperation.End)
    before = document.undo_stack.count()
    qtbot.keyClicks(field, " and slow")
    window.inspector.commit_text()  # a typing pause
    qtbot.keyClicks(field, " at rush hour")
    window.view.setFocus()  # focus-out commits
    assert document.map.nodes[node_id].text == "Buses are full and slow at rush hour"
    assert document.undo_stack.count() == before + 1
    document.undo_stack.undo()
    assert document.map.nodes[node_id].text == "Buses are full"
    assert field.toPlainText() == "Buses are full"  # live update on undo


def test_inspector_typing_after_leaving_the_field_is_a_new_undo_step(qtbot, window, sourced_map):
    document = open_map(qtbot, window, sourced_map["path"])
    node_id = sourced_map["plain"]
    window.view.select_items([node_id])
    field = window.inspector.text_edit
    before = document.undo_stack.count()
    for words in (" and slow", " at rush hour"):
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        field.moveCursor(field.textCursor().MoveOperation.End)
        qtbot.keyClicks(field, words)
        window.view.setFocus()  # focus-out commits and ends the stretch of typing
        qtbot.waitUntil(lambda: not field.hasFocus())
    assert document.map.nodes[node_id].text == "Buses are full and slow at rush hour"
    assert document.undo_stack.count() == before + 2
    document.undo_stack.undo()
    assert document.map.nodes[node_id].text == "Buses are full and slow"


def test_inspector_long_typing_without_a_pause_is_still_one_step(qtbot, window, sourced_map,
                                                                 monkeypatch):
    document = open_map(qtbot, window, sourced_map["path"])
    node_id = sourced_map["plain"]
    window.view.select_items([node_id])
    clock = [500.0]
    monkeypatch.setattr(inspector_module, "clock", lambda: clock[0])
    from debatemap.document import commands
    monkeypatch.setattr(commands, "clock", lambda: clock[0])
    field = window.inspector.text_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.moveCursor(field.textCursor().MoveOperation.End)
    before = document.undo_stack.count()
    for letter in " and slow at rush hour":
        qtbot.keyClicks(field, letter)
        clock[0] += 0.3  # steady typing: never a 0.7 s pause, yet it commits every 1.5 s
    assert document.undo_stack.count() == before + 1  # already committed while typing
    window.view.setFocus()
    assert document.map.nodes[node_id].text == "Buses are full and slow at rush hour"
    assert document.undo_stack.count() == before + 1
    document.undo_stack.undo()
    assert document.map.nodes[node_id].text == "Buses are full"


def test_inspector_text_commits_after_a_typing_pause(qtbot, window, sourced_map):
    document = open_map(qtbot, window, sourced_map["path"])
    window.view.select_items([sourced_map["plain"]])
    field = window.inspector.text_edit
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, "!")
    qtbot.waitUntil(lambda: document.map.nodes[sourced_map["plain"]].text == "Buses are full!",
                    timeout=3000)


def test_inspector_kind_tags_colour_and_pinned(qtbot, window, sourced_map, monkeypatch):
    document = open_map(qtbot, window, sourced_map["path"])
    node_id = sourced_map["plain"]
    window.view.select_items([node_id])
    inspector = window.inspector
    inspector.kind_combo.setCurrentText("evidence")
    inspector.kind_combo.activated.emit(inspector.kind_combo.currentIndex())
    assert str(document.map.nodes[node_id].kind) == "evidence"
    inspector.tags_edit.setFocus()
    qtbot.keyClicks(inspector.tags_edit, "buses, capacity, buses")
    qtbot.keyClick(inspector.tags_edit, Qt.Key.Key_Return)
    assert document.map.nodes[node_id].tags == ("buses", "capacity")
    monkeypatch.setattr(inspector_module, "ask_color", lambda parent, initial: "#336699")
    qtbot.mouseClick(inspector.color_button, Qt.MouseButton.LeftButton)
    assert document.map.nodes[node_id].color == "#336699"
    qtbot.mouseClick(inspector.color_reset, Qt.MouseButton.LeftButton)
    assert document.map.nodes[node_id].color is None
    box = inspector.pinned_check
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert document.map.nodes[node_id].pinned and inspector.pinned_check.isChecked()
    document.undo_stack.undo()
    assert not inspector.pinned_check.isChecked()


def test_inspector_for_a_link_and_for_several_nodes(qtbot, window, sourced_map):
    document = open_map(qtbot, window, sourced_map["path"])
    edge_id = next(iter(document.map.edges))
    window.view.select_items([], [edge_id])
    inspector = window.inspector
    assert inspector.pages.currentIndex() == 2
    assert inspector.edge_from.text() == "Free transit costs too much"
    assert inspector.edge_to.text() == "Buses are full"
    inspector.edge_type_combo.setCurrentText("support")
    inspector.edge_type_combo.activated.emit(inspector.edge_type_combo.currentIndex())
    assert str(document.map.edges[edge_id].type) == "support"
    window.view.select_items([sourced_map["cited"], sourced_map["plain"]])
    assert inspector.pages.currentIndex() == 3 and inspector.multi_count.text() == "2 nodes selected"
    assert inspector.multi_kind.currentText() == ""  # objection and claim
    inspector.multi_kind.setCurrentText("idea")
    inspector.multi_kind.activated.emit(inspector.multi_kind.currentIndex())
    assert {str(n.kind) for n in document.map.nodes.values()} == {"idea"}
    assert inspector.multi_kind.currentText() == "idea"
    inspector.multi_pinned.click()
    assert all(n.pinned for n in document.map.nodes.values())


def test_find_lists_nodes_and_passages_and_goes_to_them(qtbot, window, sourced_map):
    open_map(qtbot, window, sourced_map["path"])
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    find = window.find_dock
    assert find.isVisible()
    qtbot.waitUntil(find.field.hasFocus)
    qtbot.keyClicks(find.field, "COST")
    qtbot.waitUntil(lambda: find.list.count() == 2)
    assert find.results[0].kind == "node" and find.results[0].node_id == sourced_map["cited"]
    assert find.results[1].kind == "passage"
    qtbot.keyClick(find.field, Qt.Key.Key_Return)
    assert window.view.selected_node_ids() == [sourced_map["cited"]]
    qtbot.keyClick(find.field, Qt.Key.Key_F3)
    view = window.document_panel.text_view
    at = TEXT.index("cost")
    assert view.focus == (at, at + 4) and view.focus_visible()
    qtbot.keyClick(find.field, Qt.Key.Key_Return)  # wraps around to the node
    assert find.current == 0
    qtbot.keyClick(find.field, Qt.Key.Key_Escape)
    assert not find.isVisible()


def test_reimport_from_the_file_menu_flags_a_lost_passage(qtbot, window, sourced_map, dialog_log,
                                                          monkeypatch):
    from debatemap.app import dialogs

    document = open_map(qtbot, window, sourced_map["path"])
    origin = sourced_map["origin"]
    origin.write_text("A new start.\n\n" + TEXT.replace("Critics say the cost is too high.", ""),
                      encoding="utf-8")
    window.document_panel.select_document(sourced_map["document"])
    monkeypatch.setattr(dialogs, "ask_reimport_path", lambda parent, title, directory: origin)
    window.reimport_action.trigger()
    cited = document.map.nodes[sourced_map["cited"]]
    assert document.map.excerpts[cited.excerpt_id].status == "lost"
    assert dialog_log.notices and "no longer match" in dialog_log.notices[0][1]
    assert document.map.documents[sourced_map["document"]].text.startswith("A new start.")
    assert window.document_panel.text_view.source.text.startswith("A new start.")
    window.view.select_items([cited.id])
    assert window.inspector.source_status.isVisibleTo(window.inspector)
    assert "no longer in it" in window.inspector.source_status.text()
    document.undo_stack.undo()
    assert document.map.excerpts[cited.excerpt_id].status == "ok"
    assert window.document_panel.text_view.source.text == TEXT


def test_importing_a_changed_file_again_offers_to_replace_it(qtbot, window, sourced_map, monkeypatch):
    from debatemap.app import dialogs

    document = open_map(qtbot, window, sourced_map["path"])
    origin = sourced_map["origin"]
    origin.write_text("Preface.\n\n" + TEXT, encoding="utf-8")
    asked = []
    monkeypatch.setattr(dialogs, "ask_replace_older_version",
                        lambda parent, title, path: asked.append(title) or True)
    with qtbot.waitSignal(window.importer.finished, timeout=10000):
        window.import_files([origin])
    assert asked == ["Transit essay"] and len(document.map.documents) == 1
    cited = document.map.nodes[sourced_map["cited"]]
    excerpt = document.map.excerpts[cited.excerpt_id]
    assert excerpt.status == "moved" and excerpt.start == sourced_map["start"] + len("Preface.\n\n")
