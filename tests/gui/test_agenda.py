"""The Agenda dock through its widgets: adding questions (and making other nodes questions),
reordering by keys and by drag and drop, timeboxes, done ticks, removing, starting an item and
moving to the next one; each change one undo step, undone and redone."""

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QSpinBox

from agenda_helpers import CTRL_ALT, agenda_fixtures, press
from debatemap.core.model import NodeKind
from debatemap.widgets import agenda_panel
from debatemap.widgets.agenda_panel import DONE, QUESTION, SPENT, TIMEBOX

clock, opened, agenda = agenda_fixtures()


def agenda_nodes(window) -> list[str]:
    return [a.node_id for a in window.document.workshop.agenda]


def rows(panel) -> list[str]:
    return [panel.list.topLevelItem(i).text(QUESTION) for i in range(panel.list.topLevelItemCount())]


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def add_by_selecting(window, panel, qtbot, node_id) -> None:
    window.view.select_items([node_id])
    click(qtbot, panel.add_button)


def undo_redo(window, check_before, check_after) -> None:
    stack = window.document.undo_stack
    stack.undo()
    check_before()
    stack.redo()
    check_after()


@pytest.fixture
def two_items(window, agenda, opened, qtbot):
    """Both questions on the agenda through the dock: q1 then q2."""
    for key in ("q1", "q2"):
        add_by_selecting(window, agenda.panel, qtbot, opened[key])
    assert agenda_nodes(window) == [opened["q1"], opened["q2"]]
    return [a.id for a in window.document.workshop.agenda]


# ---- adding --------------------------------------------------------------------------------


def test_add_selected_question_is_one_undo_step(window, agenda, opened, qtbot):
    panel = agenda.panel
    assert panel.hint.isVisible() and not panel.add_button.isEnabled()
    add_by_selecting(window, panel, qtbot, opened["q1"])
    assert rows(panel) == ["1. Who pays for it?"]
    assert panel.list.topLevelItem(0).text(TIMEBOX) == "10:00"
    assert panel.list.topLevelItem(0).text(SPENT) == "00:00"
    assert not panel.hint.isVisible()
    assert not panel.add_button.isEnabled()  # it is on the agenda already
    assert "already" in panel.add_button.toolTip()
    assert window.document.undo_stack.undoText() == "Add to agenda"
    undo_redo(window, lambda: rows(panel) == [] or pytest.fail("undo"),
              lambda: rows(panel) == ["1. Who pays for it?"] or pytest.fail("redo"))


def test_a_claim_is_made_a_question_with_consent_in_one_step(window, agenda, opened, qtbot,
                                                             monkeypatch):
    asked = []
    answers = [False, True]
    monkeypatch.setattr(agenda_panel, "ask_make_question",
                        lambda parent, text, kind: asked.append((text, kind)) or answers.pop(0))
    panel, document = agenda.panel, window.document
    reason = opened["reason"]
    window.view.select_items([reason])
    assert "made a question" in panel.add_button.toolTip()
    count = document.undo_stack.count()
    click(qtbot, panel.add_button)  # No: nothing changes
    assert asked == [("It cuts traffic", "claim")] and agenda_nodes(window) == []
    assert document.map.nodes[reason].kind == NodeKind.CLAIM and document.undo_stack.count() == count
    click(qtbot, panel.add_button)  # Yes
    assert agenda_nodes(window) == [reason] and document.map.nodes[reason].kind == NodeKind.QUESTION
    assert document.undo_stack.count() == count + 1
    assert rows(panel) == ["1. It cuts traffic"] and panel.selected_id() is not None

    def before():
        assert agenda_nodes(window) == [] and document.map.nodes[reason].kind == NodeKind.CLAIM
        assert window.scene.node_items[reason].kind == NodeKind.CLAIM

    def after():
        assert agenda_nodes(window) == [reason]
        assert document.map.nodes[reason].kind == NodeKind.QUESTION
    undo_redo(window, before, after)


def test_making_a_question_is_taken_back_when_the_agenda_refuses_it(window, agenda, opened,
                                                                   dialog_log):
    document = window.document
    reason = opened["reason"]
    document.workshop.add_agenda_item(reason)  # on the agenda already (as a claim)
    count = document.undo_stack.count()
    assert not document.push(agenda_panel.AddQuestionToAgenda(document, reason))
    assert document.map.nodes[reason].kind == NodeKind.CLAIM
    assert document.undo_stack.count() == count
    assert dialog_log.errors and "already on the agenda" in dialog_log.errors[-1][1]


def test_argument_nodes_cannot_go_on_the_agenda(window, agenda, opened, qtbot):
    document = window.document
    argument = document.add_node("Because it is cheap", NodeKind.ARGUMENT)
    window.view.select_items([argument.id])
    assert not agenda.panel.add_button.isEnabled()
    assert "argument" in agenda.panel.add_button.toolTip()
    window.view.select_items([opened["q1"], opened["q2"]])
    assert not agenda.panel.add_button.isEnabled()  # one at a time


# ---- reordering, timebox, done, remove -----------------------------------------------------


def test_alt_up_and_down_reorder_as_undo_steps(window, agenda, opened, two_items, qtbot):
    panel = agenda.panel
    panel._select(two_items[1])
    panel.list.setFocus()
    press(qtbot, panel.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert agenda_nodes(window) == [opened["q2"], opened["q1"]]
    assert rows(panel) == ["1. What do riders need most?", "2. Who pays for it?"]
    assert panel.selected_id() == two_items[1]  # the moved row stays selected
    press(qtbot, panel.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # at the top already
    assert window.document.undo_stack.undoText() == "Reorder agenda"
    press(qtbot, panel.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert agenda_nodes(window) == [opened["q1"], opened["q2"]]
    undo_redo(window, lambda: agenda_nodes(window) == [opened["q2"], opened["q1"]] or pytest.fail(),
              lambda: agenda_nodes(window) == [opened["q1"], opened["q2"]] or pytest.fail())


def drop_on(tree, mime: QMimeData, point: QPoint) -> QDropEvent:
    viewport = tree.viewport()
    pos = QPointF(point)
    actions = Qt.DropAction.MoveAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(point, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    drop = QDropEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, drop)
    return drop


def test_dragging_a_row_below_another_reorders(window, agenda, opened, two_items, qtbot):
    panel = agenda.panel
    tree = panel.list
    first = tree.topLevelItem(0)
    mime = tree.mimeData([first])
    below_second = tree.visualItemRect(tree.topLevelItem(1)).bottomLeft() + QPoint(20, -2)
    drop = drop_on(tree, mime, below_second)
    assert drop.isAccepted()
    assert agenda_nodes(window) == [opened["q2"], opened["q1"]]
    assert rows(panel)[1] == "2. Who pays for it?"
    # text from elsewhere is not an agenda row: refused
    foreign = QMimeData()
    foreign.setText("hello")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, foreign,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tree.viewport(), enter)
    assert not enter.isAccepted()
    undo_redo(window, lambda: agenda_nodes(window) == [opened["q1"], opened["q2"]] or pytest.fail(),
              lambda: agenda_nodes(window) == [opened["q2"], opened["q1"]] or pytest.fail())


def test_the_timebox_is_edited_inline_in_minutes(window, agenda, opened, two_items, qtbot):
    panel = agenda.panel
    shop = window.document.workshop
    panel._select(two_items[0])
    panel.list.setFocus()
    press(qtbot, panel.list, Qt.Key.Key_F2)
    editor = panel.list.findChild(QSpinBox)
    assert editor is not None and editor.value() == 10 and editor.suffix() == " min"
    editor.selectAll()
    qtbot.keyClicks(editor, "25")
    press(qtbot, editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shop.agenda[0].timebox == 25 * 60, timeout=1000)
    assert panel.list.topLevelItem(0).text(TIMEBOX) == "25:00"
    assert window.document.undo_stack.undoText() == "Set timebox"
    undo_redo(window, lambda: shop.agenda[0].timebox == 600 or pytest.fail(),
              lambda: shop.agenda[0].timebox == 1500 or pytest.fail())
    # closing the editor unchanged is no step
    count = window.document.undo_stack.count()
    press(qtbot, panel.list, Qt.Key.Key_F2)
    press(qtbot, panel.list.findChild(QSpinBox), Qt.Key.Key_Return)
    qtbot.wait(20)
    assert window.document.undo_stack.count() == count


def test_ticking_done_is_an_undo_step(window, agenda, opened, two_items, qtbot):
    panel = agenda.panel
    shop = window.document.workshop
    tree = panel.list
    rect = tree.visualRect(tree.indexFromItem(tree.topLevelItem(1), DONE))
    tree.setFocus()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 12, rect.center().y()))
    qtbot.waitUntil(lambda: shop.agenda[1].done, timeout=1000)
    assert [a.done for a in shop.agenda] == [False, True]
    assert tree.topLevelItem(1).checkState(DONE) == Qt.CheckState.Checked
    assert tree.topLevelItem(1).font(QUESTION).strikeOut()
    assert window.document.undo_stack.undoText() == "Mark agenda item done"
    undo_redo(window, lambda: tree.topLevelItem(1).checkState(DONE) == Qt.CheckState.Unchecked
              or pytest.fail(), lambda: shop.agenda[1].done or pytest.fail())


def test_del_removes_an_item_and_undo_brings_it_back(window, agenda, opened, two_items, qtbot):
    panel = agenda.panel
    panel._select(two_items[0])
    panel.list.setFocus()
    press(qtbot, panel.list, Qt.Key.Key_Delete)
    assert agenda_nodes(window) == [opened["q2"]] and panel.selected_id() == two_items[1]
    assert opened["q1"] in window.document.map.nodes  # the question stays on the map
    assert window.document.undo_stack.undoText() == "Remove from agenda"
    undo_redo(window, lambda: agenda_nodes(window) == [opened["q1"], opened["q2"]] or pytest.fail(),
              lambda: agenda_nodes(window) == [opened["q2"]] or pytest.fail())
    panel._select(two_items[1])
    click(qtbot, panel.remove_button)
    assert agenda_nodes(window) == [] and panel.hint.isVisible()


# ---- starting items ------------------------------------------------------------------------


def test_starting_an_item_selects_its_question_and_makes_it_the_focus(window, agenda, opened,
                                                                      two_items, qtbot):
    panel = agenda.panel
    panel._select(two_items[1])
    click(qtbot, panel.start_button)
    assert agenda.run.current_id == two_items[1] and agenda.countdown.is_running()
    assert window.view.selected_node_ids() == [opened["q2"]]
    assert window.presentation.focus() == opened["q2"]  # what the audience follows and F5 shows
    assert rows(panel)[1].startswith("▶ 2. ") and panel.list.topLevelItem(1).font(QUESTION).bold()
    assert agenda.countdown.title == "2/2 · What do riders need most?"
    panel._select(two_items[0])
    panel.list.setFocus()
    press(qtbot, panel.list, Qt.Key.Key_Return)  # Enter starts the selected row
    assert agenda.run.current_id == two_items[0]
    assert window.view.selected_node_ids() == [opened["q1"]]


def test_starting_an_item_while_presenting_presents_it(window, agenda, opened, two_items, qtbot):
    view = window.view
    view.select_items([opened["thesis"]])
    press(qtbot, view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    assert window.presentation.focus() == opened["thesis"]
    agenda.run.start_item(two_items[1])
    qtbot.wait(10)
    assert window.presentation.focus() == opened["q2"]
    assert view.selected_node_ids() == [opened["q2"]]
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(window.scene.node_items[opened["q2"]].sceneBoundingRect())
    assert not shown.contains(window.scene.node_items[opened["cost"]].sceneBoundingRect())
    assert agenda.presentation_timer.isVisible()
    press(qtbot, view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_next_item_records_the_time_marks_done_and_starts_the_next(window, agenda, opened,
                                                                   two_items, clock, qtbot):
    shop = window.document.workshop
    stack = window.document.undo_stack
    press(qtbot, window.view, Qt.Key.Key_T, CTRL_ALT)  # Start Timer: the first open item
    assert agenda.run.current_id == two_items[0]
    clock.advance(125)
    press(qtbot, window.view, Qt.Key.Key_Right, CTRL_ALT)  # Next Agenda Item
    assert [(a.done, a.spent) for a in shop.agenda] == [(True, 125), (False, 0)]
    assert agenda.run.current_id == two_items[1] and agenda.countdown.is_running()
    assert window.view.selected_node_ids() == [opened["q2"]]
    assert stack.undoText() == "Finish “Who pays for it?”"
    assert agenda.panel.list.topLevelItem(0).text(SPENT) == "02:05"
    clock.advance(7)
    agenda.countdown.refresh()
    assert agenda.panel.list.topLevelItem(1).text(SPENT) == "00:07"  # live for the current item
    undo_redo(window, lambda: [(a.done, a.spent) for a in shop.agenda] == [(False, 0), (False, 0)]
              or pytest.fail(), lambda: shop.agenda[0].done and shop.agenda[0].spent == 125
              or pytest.fail())
    clock.advance(3)
    press(qtbot, window.view, Qt.Key.Key_F9)  # the same as Ctrl+Alt+Right: the agenda is done
    assert [(a.done, a.spent) for a in shop.agenda] == [(True, 125), (True, 10)]
    assert agenda.run.current_id is None and not agenda.countdown.is_loaded()
    assert window.statusBar().currentMessage() == "Every agenda item is done."


def test_an_item_started_again_goes_on_from_its_time(window, agenda, opened, two_items, clock):
    run = agenda.run
    run.start_item(two_items[0])
    clock.advance(200)
    run.start_item(two_items[1])  # switching records the first item's time
    assert window.document.workshop.agenda[0].spent == 200
    run.start_item(two_items[0])
    assert agenda.countdown.text() == "06:40" and agenda.countdown.is_running()


def test_removing_the_current_question_from_the_map_stops_its_timer(window, agenda, opened,
                                                                    two_items, qtbot):
    agenda.run.start_item(two_items[0])
    assert window.presentation.overlay.widget() is agenda.presentation_timer
    window.document.remove_items([opened["q1"]])
    assert agenda.run.current_id is None and not agenda.countdown.is_loaded()
    assert window.presentation.overlay.widget() is None
    assert rows(agenda.panel) == ["1. What do riders need most?"]
    window.document.undo_stack.undo()
    assert rows(agenda.panel) == ["1. Who pays for it?", "2. What do riders need most?"]


def test_renaming_the_question_renames_its_row_and_timer(window, agenda, opened, two_items):
    agenda.run.start_item(two_items[0])
    window.document.set_node_text(opened["q1"], "Who pays for free transit?")
    assert rows(agenda.panel)[0] == "▶ 1. Who pays for free transit?"
    assert agenda.countdown.title == "1/2 · Who pays for free transit?"


def test_another_map_forgets_the_agenda_of_the_last(window, agenda, opened, two_items,
                                                    make_map, tmp_path):
    agenda.run.start_item(two_items[0])
    other = tmp_path / "other.debatemap"
    make_map(other, "Other")
    assert window.open_path(other)
    assert rows(agenda.panel) == [] and agenda.run.current_id is None
    assert not agenda.countdown.is_loaded()


def test_closing_the_window_records_the_running_time(window, agenda, opened, two_items, clock,
                                                    map_path):
    from debatemap.store.session import MapSession

    agenda.run.start_item(two_items[0])
    clock.advance(42)
    window.close()
    with MapSession.open(map_path) as session:
        assert session.workshop.agenda[0].spent == 42
