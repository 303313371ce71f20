"""The inspector's Title line, typed into through the real widget: one undo step per title."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from debatemap.widgets.inspector import InspectorDock


@pytest.fixture
def nodes(mapdoc):
    first = mapdoc.add_node("Fares pay for about a third of running costs.")
    second = mapdoc.add_node("Free buses fill up quickly.")
    mapdoc.undo_stack.clear()
    return first.id, second.id


@pytest.fixture
def inspector(qtbot, mapdoc, nodes):
    dock = InspectorDock()
    qtbot.addWidget(dock)
    dock.set_document(mapdoc)
    dock.resize(360, 600)
    dock.show()
    qtbot.waitExposed(dock)
    dock.set_selection([nodes[0]])
    return dock


def type_title(qtbot, dock, text, *, enter=True):
    field = dock.title_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Delete)
    if enter:
        qtbot.keyClick(field, Qt.Key.Key_Return)


def test_typing_a_title_and_enter_sets_it_as_one_undo_step(qtbot, mapdoc, nodes, inspector):
    assert inspector.title_edit.text() == "" and inspector.title_edit.placeholderText()
    type_title(qtbot, inspector, "Lost revenue")
    assert mapdoc.map.nodes[nodes[0]].title == "Lost revenue"
    assert mapdoc.undo_stack.count() == 1
    assert mapdoc.undo_stack.undoText() == "Set title"
    mapdoc.undo_stack.undo()
    assert mapdoc.map.nodes[nodes[0]].title is None
    assert inspector.title_edit.text() == ""
    mapdoc.undo_stack.redo()
    assert mapdoc.map.nodes[nodes[0]].title == "Lost revenue"
    assert inspector.title_edit.text() == "Lost revenue"


def test_clearing_the_field_clears_the_title(qtbot, mapdoc, nodes, inspector):
    mapdoc.set_node_fields({nodes[0]: {"title": "Lost revenue"}}, "Set title")
    assert inspector.title_edit.text() == "Lost revenue"  # shown when set elsewhere
    type_title(qtbot, inspector, "")
    assert mapdoc.map.nodes[nodes[0]].title is None
    assert mapdoc.undo_stack.undoText() == "Clear title"


def test_spaces_and_the_same_title_push_nothing(qtbot, mapdoc, nodes, inspector):
    type_title(qtbot, inspector, "   ")
    assert mapdoc.undo_stack.count() == 0 and inspector.title_edit.text() == ""
    type_title(qtbot, inspector, "Costs")
    type_title(qtbot, inspector, "  Costs ")
    assert mapdoc.undo_stack.count() == 1 and mapdoc.map.nodes[nodes[0]].title == "Costs"


def test_leaving_the_field_commits_and_a_pasted_line_break_becomes_a_space(
        qtbot, mapdoc, nodes, inspector):
    QApplication.clipboard().setText("Lost\nrevenue")
    field = inspector.title_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.paste()
    inspector.text_edit.setFocus()  # tab away: focus out finishes the edit
    qtbot.waitUntil(lambda: not field.hasFocus())
    assert mapdoc.map.nodes[nodes[0]].title == "Lost revenue"
    assert mapdoc.undo_stack.count() == 1


def test_a_title_typed_then_another_node_selected_goes_to_the_first(
        qtbot, mapdoc, nodes, inspector):
    mapdoc.set_node_fields({nodes[1]: {"title": "Full buses"}}, "Set title")
    type_title(qtbot, inspector, "Lost revenue", enter=False)
    inspector.set_selection([nodes[1]])  # e.g. a click on another card
    assert mapdoc.map.nodes[nodes[0]].title == "Lost revenue"
    assert mapdoc.map.nodes[nodes[1]].title == "Full buses"
    assert inspector.title_edit.text() == "Full buses"


def test_a_title_being_typed_survives_a_refresh(qtbot, mapdoc, nodes, inspector):
    type_title(qtbot, inspector, "Lost rev", enter=False)
    mapdoc.set_node_fields({nodes[0]: {"tags": ("money",)}}, "Set tags")  # the page refreshes
    assert inspector.title_edit.text() == "Lost rev"
    qtbot.keyClicks(inspector.title_edit, "enue")
    qtbot.keyClick(inspector.title_edit, Qt.Key.Key_Return)
    assert mapdoc.map.nodes[nodes[0]].title == "Lost revenue"
    assert mapdoc.map.nodes[nodes[0]].tags == ("money",)
