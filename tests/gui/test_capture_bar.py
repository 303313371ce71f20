"""The capture bar through the real main window: each prefix makes the right kind and link by the
current speaker in one undo step, the live hint, what stays selected, errors inline, history
recall, Esc and Ctrl+K, and the bar staying on screen in presentation mode."""

import pytest
from PySide6.QtCore import Qt

from debatemap.app.workshop_people import install
from debatemap.core.model import EdgeType, NodeKind
from debatemap.widgets.capture_bar import short

Ctrl, Shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def people(qtbot, window, map_path):
    """The workshop people tools on the transit map, with Ana and Bongani; Ana speaks."""
    controller = install(window)
    assert window.open_path(map_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    workshop = window.document.workshop
    for name in ("Ana", "Bongani"):
        controller.dock.add_participant(name)
    controller.dock.pick_speaker(workshop.participants[0].id)
    return controller


def ids(window):
    nodes = window.document.map.nodes
    return {"thesis": next(i for i, n in nodes.items() if n.text == "Make transit free"),
            "cost": next(i for i, n in nodes.items() if n.text == "It costs too much")}


def focus(qtbot, widget):
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def type_line(qtbot, people, text):
    line = people.bar.line
    focus(qtbot, line)
    qtbot.keyClicks(line, text)
    return line


def hint(people):
    return people.bar.hint.full_text()


def new_node(window, before):
    (node_id,) = set(window.document.map.nodes) - before
    return window.document.map.nodes[node_id]


@pytest.mark.parametrize("line, kind, link, text", [
    ("? Who pays", NodeKind.QUESTION, EdgeType.SUPPORT, "Who pays"),
    ("+ It is fair", NodeKind.CLAIM, EdgeType.SUPPORT, "It is fair"),
    ("- It is slow", NodeKind.OBJECTION, EdgeType.ATTACK, "It is slow"),
    ("! Try one line", NodeKind.IDEA, EdgeType.SUPPORT, "Try one line"),
    ("n ask the mayor", NodeKind.NOTE, EdgeType.SUPPORT, "ask the mayor"),
    ("Buses are full", NodeKind.CLAIM, EdgeType.SUPPORT, "Buses are full"),
    ("\\-5 degrees is too cold", NodeKind.CLAIM, EdgeType.SUPPORT, "-5 degrees is too cold"),
])
def test_each_prefix_makes_its_kind_and_link_by_the_speaker_in_one_undo_step(
        qtbot, people, line, kind, link, text):
    window = people.window
    document = window.document
    thesis = ids(window)["thesis"]
    window.view.select_items([thesis])
    before, steps = set(document.map.nodes), document.undo_stack.count()
    edges_before = set(document.map.edges)
    type_line(qtbot, people, line)
    qtbot.keyClick(people.bar.line, Qt.Key.Key_Return)
    node = new_node(window, before)
    assert (node.kind, node.text) == (kind, text)
    assert node.author_id == document.workshop.participants[0].id
    (edge_id,) = set(document.map.edges) - edges_before
    edge = document.map.edges[edge_id]
    assert (edge.type, edge.source, edge.target) == (link, node.id, thesis)
    assert node.id in window.scene.node_items and edge_id in window.scene.edge_items
    assert document.undo_stack.count() == steps + 1
    document.undo_stack.undo()
    assert node.id not in document.map.nodes and edge_id not in document.map.edges
    assert node.id not in window.scene.node_items
    document.undo_stack.redo()
    assert document.map.nodes[node.id].kind == kind and edge_id in document.map.edges


def test_enter_keeps_the_parent_selected_and_the_focus_so_reasons_pile_up(qtbot, people):
    window = people.window
    thesis = ids(window)["thesis"]
    window.view.select_items([thesis])
    before = set(window.document.map.nodes)
    line = type_line(qtbot, people, "+ It is fair")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.keyClicks(line, "+ It cuts traffic jams")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    added = set(window.document.map.nodes) - before
    assert len(added) == 2
    edges = window.document.map.edges.values()
    assert {e.target for e in edges if e.source in added} == {thesis}
    assert window.view.selected_node_ids() == [thesis]
    assert line.hasFocus() and line.text() == ""
    assert hint(people).startswith("✓ Added + support ‘It cuts traffic jams’ under ‘Make transit"
                                   " free’ by Ana")


def test_shift_enter_goes_to_the_new_card_and_the_next_line_answers_it(qtbot, people):
    window = people.window
    window.view.select_items([ids(window)["thesis"]])
    before = set(window.document.map.nodes)
    line = type_line(qtbot, people, "? Who pays")
    qtbot.keyClick(line, Qt.Key.Key_Return, Shift)
    question = new_node(window, before)
    assert window.view.selected_node_ids() == [question.id] and line.hasFocus()
    before = set(window.document.map.nodes)
    qtbot.keyClicks(line, "+ The riders")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    answer = new_node(window, before)
    assert any(e.source == answer.id and e.target == question.id
               for e in window.document.map.edges.values())


def test_with_nothing_selected_the_card_stands_alone_and_gets_selected(qtbot, people):
    window = people.window
    window.view.select_items([])
    before, edges = set(window.document.map.nodes), set(window.document.map.edges)
    line = type_line(qtbot, people, "? What should the city do")
    assert "on its own" in hint(people) and "gets selected" in hint(people)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    question = new_node(window, before)
    assert set(window.document.map.edges) == edges
    assert window.view.selected_node_ids() == [question.id]


def test_the_hint_says_what_enter_will_do_as_you_type(qtbot, people):
    window = people.window
    nodes = ids(window)
    window.view.select_items([nodes["cost"]])
    assert hint(people).startswith("Type a card under ‘It costs too much’ by Ana")
    line = type_line(qtbot, people, "+ ")
    assert hint(people) == "Nothing to capture after “+”: type the text too"
    qtbot.keyClicks(line, "x")
    assert hint(people).startswith("Enter: + support under ‘It costs too much’ by Ana")
    assert "stays selected for the next (Shift+Enter: go to the new card)" in hint(people)
    line.setText("")
    qtbot.keyClicks(line, "- no")
    assert hint(people).startswith("Enter: − objection attacking ‘It costs too much’ by Ana")
    people.speaker_actions[1].trigger()  # Workshop → Current Speaker → 2, with the focus here
    assert line.hasFocus()
    assert "by Bongani" in hint(people)
    people.pick_speaker(0)
    assert "by nobody (press 1–9 to pick the speaker)" in hint(people)
    window.view.select_items([nodes["thesis"]])
    assert "attacking ‘Make transit free’" in hint(people)
    window.document.set_node_text(nodes["thesis"], "Make every bus and tram free", merge=False)
    assert "attacking ‘Make every bus and…’" in hint(people)


def test_an_empty_line_is_an_inline_error_not_a_dialog(qtbot, people, dialog_log):
    window = people.window
    steps = window.document.undo_stack.count()
    line = type_line(qtbot, people, "   ")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert hint(people) == "Nothing to capture: the line is empty"
    assert "color" in people.bar.hint.styleSheet()
    qtbot.keyClicks(line, "?")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert hint(people) == "Nothing to capture after “?”: type the text too"
    assert window.document.undo_stack.count() == steps and not dialog_log.errors
    qtbot.keyClicks(line, " Why")  # typing clears the error
    assert hint(people).startswith("Enter: ? question")


def test_up_recalls_earlier_entries_and_down_comes_back_to_the_draft(qtbot, people):
    window = people.window
    window.view.select_items([ids(window)["thesis"]])
    line = type_line(qtbot, people, "+ first")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.keyClicks(line, "- second")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.keyClicks(line, "draft")
    qtbot.keyClick(line, Qt.Key.Key_Up)
    assert line.text() == "- second"
    qtbot.keyClick(line, Qt.Key.Key_Up)
    assert line.text() == "+ first"
    qtbot.keyClick(line, Qt.Key.Key_Up)  # the oldest stays
    assert line.text() == "+ first"
    qtbot.keyClick(line, Qt.Key.Key_Down)
    assert line.text() == "- second"
    qtbot.keyClick(line, Qt.Key.Key_Down)
    assert line.text() == "draft"
    qtbot.keyClick(line, Qt.Key.Key_Up)
    qtbot.keyClick(line, Qt.Key.Key_Return)  # a recalled entry can be entered again
    assert people.bar.history() == ["+ first", "- second"]
    texts = [n.text for n in window.document.map.nodes.values()]
    assert texts.count("second") == 2


def test_esc_gives_the_keyboard_back_to_the_canvas_and_ctrl_k_takes_it_again(qtbot, people):
    window = people.window
    line = type_line(qtbot, people, "half typed")
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.view.hasFocus)
    assert line.text() == "half typed"
    qtbot.keyClick(window.view, Qt.Key.Key_K, Ctrl)
    qtbot.waitUntil(line.hasFocus)
    assert line.selectedText() == "half typed"  # typing replaces it
    people.capture_bar_toggle.trigger()  # hidden by the user…
    assert not people.bar.isVisible()
    focus(qtbot, window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_K, Ctrl)  # …Ctrl+K brings it back
    qtbot.waitUntil(line.hasFocus)
    assert people.bar.isVisible() and people.capture_bar_toggle.isChecked()


def test_the_bar_stays_usable_while_presenting(qtbot, people):
    window = people.window
    thesis = ids(window)["thesis"]
    normal_size = people.bar.line.font().pointSizeF()
    window.view.select_items([thesis])
    assert window.presentation.enter()
    qtbot.waitUntil(window.isFullScreen)
    assert not people.dock.isVisible() and not window.inspector.isVisible()
    assert people.bar.isVisible()
    assert people.bar.line.font().pointSizeF() > normal_size
    qtbot.keyClick(window.view, Qt.Key.Key_K, Ctrl)  # the menu bar is hidden; the key works
    qtbot.waitUntil(people.bar.line.hasFocus)
    before = set(window.document.map.nodes)
    qtbot.keyClicks(people.bar.line, "- Someone has to pay")
    qtbot.keyClick(people.bar.line, Qt.Key.Key_Return)
    objection = new_node(window, before)
    assert objection.kind == NodeKind.OBJECTION and window.presentation.is_active()
    qtbot.keyClick(people.bar.line, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)  # on the canvas Esc leaves presenting
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert people.bar.isVisible() and people.dock.isVisible()
    assert people.bar.line.font().pointSizeF() == normal_size


def test_a_bar_the_user_hid_stays_hidden_while_presenting(qtbot, people):
    window = people.window
    people.capture_bar_toggle.trigger()
    assert window.presentation.enter()
    qtbot.waitUntil(window.isFullScreen)
    assert not people.bar.isVisible()
    window.presentation.leave()
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not people.bar.isVisible()


def test_the_speaker_chip_picks_the_speaker_from_the_bar(qtbot, people):
    window = people.window
    button = people.bar.speaker_button
    assert button.text() == "Ana"
    menu = people.bar.speaker_menu
    menu.aboutToShow.emit()
    texts = [a.text() for a in menu.actions()]
    assert texts == ["0  Nobody", "1  Ana", "2  Bongani"]
    menu.actions()[2].trigger()
    assert window.document.workshop.current_speaker == window.document.workshop.participants[1].id
    assert button.text() == "Bongani"
    menu.aboutToShow.emit()
    menu.actions()[0].trigger()
    assert button.text() == "Nobody"


def test_short_quotes_whole_words():
    assert short("Make transit free") == "Make transit free"
    assert short("Fares pay for about a third of running costs") == "Fares pay for about a…"
    assert short("Families with children spend the most") == "Families with children…"
    assert short("x" * 40) == "x" * 22 + "…"
