"""The Participants dock through the real main window: adding, renaming, recolouring, reordering
and removing participants (each one undo step), picking the speaker by click and number key (never
taking digits from text fields), the author highlight on the canvas, and anonymous mode."""

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from debatemap.app.shortcuts_window import menu_shortcuts
from debatemap.app.workshop_people import install
from debatemap.widgets import participants_panel
from debatemap.widgets.author_highlight import DIM_OPACITY, is_dimmed
from debatemap.widgets.participant_colors import PALETTE, next_colour

Ctrl, Alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture
def people(qtbot, window, map_path):
    """The main window with the workshop people tools, the small transit map open, active."""
    controller = install(window)
    assert window.open_path(map_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    controller.dock.show()
    return controller


def add(qtbot, people, *names):
    """Add participants by typing their names in the dock's field and pressing Enter."""
    field = people.dock.name_edit
    for name in names:
        focus(qtbot, field)
        qtbot.keyClicks(field, name)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    return [p.id for p in people.window.document.workshop.participants]


def focus(qtbot, widget):
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def rows(people):
    lst = people.dock.list
    return [lst.item(i).text() for i in range(lst.count())]


def names(people):
    return [p.name for p in people.window.document.workshop.participants]


def undo(window):
    window.document.undo_stack.undo()


def redo(window):
    window.document.undo_stack.redo()


def click_row(qtbot, people, row):
    lst = people.dock.list
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton,
                     pos=lst.visualItemRect(lst.item(row)).center())


def node_id(window, text):
    return next(n.id for n in window.document.map.nodes.values() if n.text == text)


# ---- the palette -------------------------------------------------------------------------------


def test_next_colour_takes_unused_palette_colours_then_the_least_used():
    assert next_colour([]) == PALETTE[0]
    assert next_colour([PALETTE[0], None, "#123456"]) == PALETTE[1]
    assert next_colour([c.upper() for c in PALETTE[:3]]) == PALETTE[3]
    assert next_colour(list(PALETTE) + [PALETTE[0]]) == PALETTE[1]
    assert len(set(PALETTE)) == len(PALETTE) == 8


# ---- adding, renaming, recolouring, reordering, removing ---------------------------------------


def test_participants_typed_in_the_dock_get_distinct_colours_and_undo_one_at_a_time(qtbot, people):
    window = people.window
    add(qtbot, people, "Ana", "Bongani", "Chen")
    assert rows(people) == ["Ana", "Bongani", "Chen"]
    assert [p.color for p in window.document.workshop.participants] == list(PALETTE[:3])
    assert people.dock.name_edit.text() == ""
    undo(window)
    assert rows(people) == ["Ana", "Bongani"]
    redo(window)
    assert rows(people) == ["Ana", "Bongani", "Chen"]
    assert window.document.workshop.participants[2].color == PALETTE[2]


def test_a_colour_chosen_before_adding_is_used(qtbot, people, monkeypatch):
    monkeypatch.setattr(participants_panel, "ask_colour", lambda parent, initial, title: "#123456")
    qtbot.mouseClick(people.dock.new_colour_button, Qt.MouseButton.LeftButton)
    add(qtbot, people, "Ana", "Bongani")
    colours = [p.color for p in people.window.document.workshop.participants]
    assert colours == ["#123456", PALETTE[0]]  # the choice was for the next one only


def test_a_duplicate_name_is_refused_with_a_dialog_and_nothing_changes(qtbot, people, dialog_log):
    add(qtbot, people, "Ana")
    steps = people.window.document.undo_stack.count()
    add(qtbot, people, "ana")
    assert rows(people) == ["Ana"] and people.window.document.undo_stack.count() == steps
    assert "already a participant called Ana" in dialog_log.errors[-1][1]


def test_f2_renames_inline_as_one_undo_step(qtbot, people, dialog_log):
    window = people.window
    add(qtbot, people, "Ana", "Bongani")
    window.view.select_items([node_id(window, "Make transit free")])
    assert window.edit_actions.edit_text.isEnabled()  # Edit → Edit Text: F2 on the canvas
    click_row(qtbot, people, 1)
    focus(qtbot, people.dock.list)
    qtbot.keyClick(people.dock.list, Qt.Key.Key_F2)  # in the list, F2 renames
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Bongani"
    editor.selectAll()
    qtbot.keyClicks(editor, "Bo 2")  # digits go into the name, not to the speaker keys
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: names(people) == ["Ana", "Bo 2"])
    assert rows(people) == ["Ana", "Bo 2"]
    assert window.document.undo_stack.undoText() == "Rename participant"
    undo(window)
    assert rows(people) == ["Ana", "Bongani"]
    redo(window)
    assert rows(people) == ["Ana", "Bo 2"]
    assert window.view.editor is None and not dialog_log.errors


def test_renaming_to_a_taken_name_shows_the_old_name_again(qtbot, people, dialog_log):
    add(qtbot, people, "Ana", "Bongani")
    lst = people.dock.list
    lst.editItem(lst.item(1))
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "ANA")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog_log.errors))
    qtbot.waitUntil(lambda: rows(people) == ["Ana", "Bongani"])
    assert names(people) == ["Ana", "Bongani"]


def test_the_colour_button_recolours_through_the_colour_dialog(qtbot, people, monkeypatch):
    window = people.window
    asked = []
    monkeypatch.setattr(participants_panel, "ask_colour",
                        lambda parent, initial, title: asked.append((initial, title)) or "#abcdef")
    add(qtbot, people, "Ana")
    click_row(qtbot, people, 0)
    qtbot.mouseClick(people.dock.colour_button, Qt.MouseButton.LeftButton)
    assert asked == [(PALETTE[0], "Colour of Ana")]
    assert window.document.workshop.participants[0].color == "#abcdef"
    swatch = people.dock.list.item(0).icon().pixmap(22, 22).toImage().pixelColor(6, 11)
    assert swatch.name() == "#abcdef"
    undo(window)
    assert window.document.workshop.participants[0].color == PALETTE[0]


def test_alt_up_and_down_reorder_one_undo_step_each(qtbot, people):
    window = people.window
    add(qtbot, people, "Ana", "Bongani", "Chen")
    click_row(qtbot, people, 0)
    focus(qtbot, people.dock.list)
    qtbot.keyClick(people.dock.list, Qt.Key.Key_Down, Alt)
    assert rows(people) == ["Bongani", "Ana", "Chen"]
    qtbot.keyClick(people.dock.list, Qt.Key.Key_Down, Alt)
    assert rows(people) == ["Bongani", "Chen", "Ana"]
    assert people.dock.list.currentItem().text() == "Ana"  # the moved row stays current
    qtbot.keyClick(people.dock.list, Qt.Key.Key_Down, Alt)  # already last: nothing
    qtbot.keyClick(people.dock.list, Qt.Key.Key_Up, Alt)
    assert rows(people) == ["Bongani", "Ana", "Chen"]
    undo(window)
    assert rows(people) == ["Bongani", "Chen", "Ana"]
    undo(window)
    undo(window)
    assert rows(people) == ["Ana", "Bongani", "Chen"]
    redo(window)
    assert rows(people) == ["Bongani", "Ana", "Chen"]


def drop_row(qtbot, people, source_row, point):
    lst = people.dock.list
    mime = lst.mimeData([lst.item(source_row)])
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    viewport = lst.viewport()
    enter = QDragEnterEvent(point.toPoint(), *args)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(point.toPoint(), *args)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    drop = QDropEvent(point, *args)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()


def test_dragging_a_row_reorders_as_one_undo_step(qtbot, people):
    window = people.window
    add(qtbot, people, "Ana", "Bongani", "Chen")
    lst = people.dock.list
    last = lst.visualItemRect(lst.item(2))
    drop_row(qtbot, people, 0, QPointF(last.center().x(), last.bottom() - 2))  # below Chen
    assert rows(people) == ["Bongani", "Chen", "Ana"]
    first = lst.visualItemRect(lst.item(0))
    drop_row(qtbot, people, 2, QPointF(first.center().x(), first.top() + 2))  # above Bongani
    assert rows(people) == ["Ana", "Bongani", "Chen"]
    undo(window)
    assert rows(people) == ["Bongani", "Chen", "Ana"]
    undo(window)
    assert rows(people) == ["Ana", "Bongani", "Chen"]
    steps = window.document.undo_stack.count()
    drop_row(qtbot, people, 1, QPointF(first.center().x(), first.bottom() - 2))  # onto itself
    assert rows(people) == ["Ana", "Bongani", "Chen"] and window.document.undo_stack.count() == steps


def test_removing_keeps_their_cards_without_author_and_undo_brings_everything_back(qtbot, people):
    window = people.window
    ana, bongani = add(qtbot, people, "Ana", "Bongani")
    people.dock.pick_speaker(ana)
    thesis = node_id(window, "Make transit free")
    window.view.select_items([thesis])
    captured = window.document.workshop.capture("+ It is fair", thesis)
    click_row(qtbot, people, 0)
    qtbot.mouseClick(people.dock.remove_button, Qt.MouseButton.LeftButton)
    assert rows(people) == ["Bongani"]
    assert window.document.map.nodes[captured.id].author_id is None
    assert window.document.workshop.current_speaker is None  # the speaker left with them
    assert "Nobody is speaking" in people.dock.speaker_label.text()
    assert "Removed Ana" in window.statusBar().currentMessage()
    undo(window)
    assert rows(people) == ["Ana", "Bongani"]
    assert window.document.map.nodes[captured.id].author_id == ana
    redo(window)
    assert rows(people) == ["Bongani"]


# ---- the current speaker -----------------------------------------------------------------------


def test_clicking_a_row_makes_them_the_speaker_shown_prominently(qtbot, people):
    window = people.window
    ana, bongani = add(qtbot, people, "Ana", "Bongani")
    steps = window.document.undo_stack.count()
    click_row(qtbot, people, 1)
    assert window.document.workshop.current_speaker == bongani
    assert "<b>Bongani</b> is speaking" in people.dock.speaker_label.text()
    assert people.dock.list.item(1).font().bold() and not people.dock.list.item(0).font().bold()
    assert people.bar.speaker_button.text() == "Bongani"
    qtbot.mouseClick(people.dock.nobody_button, Qt.MouseButton.LeftButton)
    assert window.document.workshop.current_speaker is None
    assert people.dock.list.selectedItems() == []
    assert window.document.undo_stack.count() == steps  # picking the speaker is no edit


def test_number_keys_pick_the_speaker_anywhere_but_in_text(qtbot, people):
    window = people.window
    ana, bongani, chen = add(qtbot, people, "Ana", "Bongani", "Chen")
    workshop = window.document.workshop
    focus(qtbot, window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert workshop.current_speaker == bongani
    assert people.dock.list.currentItem().text() == "Bongani"
    assert people.speaker_actions[1].isChecked()
    qtbot.keyClick(window.view, Qt.Key.Key_3, Qt.KeyboardModifier.KeypadModifier)
    assert workshop.current_speaker == chen
    qtbot.keyClick(window.view, Qt.Key.Key_5)  # there are three: nothing changes
    assert workshop.current_speaker == chen
    qtbot.keyClick(window.view, Qt.Key.Key_0)
    assert workshop.current_speaker is None
    focus(qtbot, people.dock.list)  # the list itself: digits still pick
    qtbot.keyClick(people.dock.list, Qt.Key.Key_1)
    assert workshop.current_speaker == ana


def test_digits_typed_in_text_fields_stay_there(qtbot, people):
    window = people.window
    ana, bongani, chen = add(qtbot, people, "Ana", "Bongani", "Chen")
    workshop = window.document.workshop
    focus(qtbot, window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert workshop.current_speaker == ana

    line = people.bar.line  # the capture bar
    focus(qtbot, line)
    qtbot.keyClicks(line, "23 buses")
    assert line.text() == "23 buses" and workshop.current_speaker == ana

    thesis = node_id(window, "Make transit free")  # the inline card editor
    assert window.view.edit_node(thesis)
    editor = window.view.editor
    focus(qtbot, editor)
    qtbot.keyClicks(editor, "30 minutes")
    assert editor.toPlainText() == "30 minutes" and workshop.current_speaker == ana
    qtbot.keyClick(editor, Qt.Key.Key_Escape)

    window.find_dock.open()  # the find field
    find_field = QApplication.focusWidget()
    assert isinstance(find_field, QLineEdit)
    qtbot.keyClicks(find_field, "2013")
    assert find_field.text() == "2013" and workshop.current_speaker == ana

    name_field = people.dock.name_edit  # the participants dock's own field
    focus(qtbot, name_field)
    qtbot.keyClicks(name_field, "Dee 3")
    assert name_field.text() == "Dee 3" and workshop.current_speaker == ana

    focus(qtbot, window.view)  # and on the canvas they pick again
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert workshop.current_speaker == chen


class SilentField(QLineEdit):
    """A text field that does not claim printable keys before the shortcuts (as some do)."""

    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride:
            return False
        return super().event(event)


def test_the_guard_keeps_digits_from_a_field_that_does_not_claim_them(qtbot, people):
    window = people.window
    ana, bongani = add(qtbot, people, "Ana", "Bongani")
    field = SilentField()
    window.statusBar().addWidget(field)
    field.show()
    focus(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_2)
    assert window.document.workshop.current_speaker is None
    people.speaker_actions[1].trigger()  # the menu still picks with the focus there
    assert window.document.workshop.current_speaker == bongani
    assert people.speaker_actions[1].isChecked() and not people.speaker_actions[0].isChecked()


def test_the_speaker_actions_are_in_the_workshop_menu_and_the_shortcuts_list(qtbot, people):
    add(qtbot, people, "Ana", "Bongani")
    texts = [a.text() for a in people.speaker_menu.actions() if a.isVisible()]
    assert texts == ["&Nobody", "&1 Ana", "&2 Bongani"]
    listed = {(action, keys) for _menu, action, keys in menu_shortcuts(people.window.menuBar())}
    assert {("1 Ana", "1"), ("2 Bongani", "2"), ("Nobody", "0"), ("Focus Capture Bar", "Ctrl+K"),
            ("Participants", "Ctrl+Alt+P")} <= listed
    workshop_keys = [keys for menu, _action, keys in menu_shortcuts(people.window.menuBar())]
    assert len(workshop_keys) == len(set(workshop_keys)), "a shortcut is used twice"


# ---- highlight ---------------------------------------------------------------------------------


def opacities(window):
    """How strong each card is drawn: 1.0, or DIM_OPACITY when the highlight dims it."""
    return {i: DIM_OPACITY if is_dimmed(item) else 1.0 for i, item in window.scene.node_items.items()}


def test_the_highlight_dims_the_others_and_follows_new_cards_undo_and_rebuilds(qtbot, people):
    window = people.window
    ana, bongani = add(qtbot, people, "Ana", "Bongani")
    workshop = window.document.workshop
    thesis = node_id(window, "Make transit free")
    old = set(window.scene.node_items)
    people.dock.pick_speaker(ana)
    by_ana = workshop.capture("+ It is fair", thesis).id
    people.dock.pick_speaker(bongani)
    by_bongani = workshop.capture("- It is slow", thesis).id

    combo = people.dock.highlight_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Everyone", "Ana", "Bongani"]
    combo.setCurrentIndex(1)
    seen = opacities(window)
    assert seen[by_ana] == 1.0
    assert all(seen[i] == DIM_OPACITY for i in old | {by_bongani})
    edges = window.document.map.edges
    for edge_id, item in window.scene.edge_items.items():
        touches = by_ana in (edges[edge_id].source, edges[edge_id].target)
        assert item.opacity() == (1.0 if touches else DIM_OPACITY)

    newer = workshop.capture("! Ask the riders", thesis).id  # by Bongani: dimmed at once
    assert opacities(window)[newer] == DIM_OPACITY
    people.dock.pick_speaker(ana)
    mine = workshop.capture("? What does it cost", thesis).id
    assert opacities(window)[mine] == 1.0
    undo(window)
    redo(window)  # a new item for the same card
    assert opacities(window)[mine] == 1.0
    window.scene.rebuild()  # every item new
    assert opacities(window)[by_ana] == 1.0 and opacities(window)[by_bongani] == DIM_OPACITY

    combo.setCurrentIndex(0)  # everyone
    assert set(opacities(window).values()) == {1.0}
    assert all(item.opacity() == 1.0 for item in window.scene.edge_items.values())


def badge_strength(window, node_id):
    """How far the evaluation badge of a card stands out from the canvas (0: not at all)."""
    view, item = window.view, window.scene.node_items[node_id]
    center = view.mapFromScene(item.mapToScene(item.eval_badge_center()))
    image = view.viewport().grab().toImage()
    background = image.pixelColor(2, 2)
    def distance(color):
        return max(abs(color.red() - background.red()), abs(color.green() - background.green()),
                   abs(color.blue() - background.blue()))
    return max(distance(image.pixelColor(center.x() + dx, center.y() + dy))
               for dx in range(-3, 4) for dy in range(-3, 4))


def test_a_dimmed_card_recedes_whole_badges_and_defeated_cards_included(qtbot, people):
    window = people.window
    ana, = add(qtbot, people, "Ana")
    for dock in (people.dock, window.inspector, window.document_panel):
        dock.hide()
    window.view.reset_zoom()
    for key in ("Make transit free", "It costs too much"):  # defeated (out) and standing (in)
        node = node_id(window, key)
        item = window.scene.node_items[node]
        badge = item.mapToScene(item.eval_badge_center())
        window.view.centerOn(badge)
        qtbot.wait(10)
        assert window.view.viewport().rect().adjusted(4, 4, -4, -4).contains(
            window.view.mapFromScene(badge))
        strong = badge_strength(window, node)
        people.dock.set_highlight(ana)  # Ana wrote nothing: everything recedes
        qtbot.wait(10)
        faint = badge_strength(window, node)
        people.dock.set_highlight(None)
        assert strong > 80 and faint < strong * (DIM_OPACITY + 0.1), (key, strong, faint)


def test_removing_the_highlighted_participant_shows_everyone_again(qtbot, people):
    window = people.window
    ana, bongani = add(qtbot, people, "Ana", "Bongani")
    people.dock.pick_speaker(ana)
    window.document.workshop.capture("+ It is fair", node_id(window, "Make transit free"))
    people.dock.set_highlight(bongani)
    assert set(opacities(window).values()) == {DIM_OPACITY}
    people.dock.remove_participant(bongani)
    assert people.dock.highlighted() is None
    assert set(opacities(window).values()) == {1.0}


def test_another_map_starts_without_highlight(qtbot, people, tmp_path, make_map):
    window = people.window
    ana, = add(qtbot, people, "Ana")
    people.dock.set_highlight(ana)
    assert DIM_OPACITY in opacities(window).values()
    other = tmp_path / "other.debatemap"
    make_map(other, "Other")
    assert window.open_path(other)
    assert rows(people) == [] and people.dock.highlighted() is None
    assert set(opacities(window).values()) == {1.0}


# ---- anonymous mode ----------------------------------------------------------------------------


def test_anonymous_mode_hides_names_everywhere_on_screen(qtbot, people):
    window = people.window
    ana, bongani = add(qtbot, people, "Ana", "Bongani")
    people.dock.pick_speaker(bongani)
    thesis = node_id(window, "Make transit free")
    captured = window.document.workshop.capture("+ It is fair", thesis)
    window.view.select_items([captured.id])
    assert window.inspector.author_label.text() == "Bongani"

    qtbot.mouseClick(people.dock.anonymous_check, Qt.MouseButton.LeftButton)
    assert window.document.workshop.settings.anonymous
    assert rows(people) == ["Participant 1", "Participant 2"]
    assert "<b>Participant 2</b> is speaking" in people.dock.speaker_label.text()
    combo = people.dock.highlight_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Everyone", "Participant 1",
                                                                 "Participant 2"]
    assert window.inspector.author_label.text() == "Participant 2"
    assert people.bar.speaker_button.text() == "Participant 2"
    line = people.bar.line
    focus(qtbot, line)
    qtbot.keyClicks(line, "+ more")
    assert "by Participant 2" in people.bar.hint.full_text()
    assert people.anonymous_action.isChecked()
    assert [a.text() for a in people.speaker_actions if a.isVisible()] == ["&1 Participant 1",
                                                                          "&2 Participant 2"]
    assert not people.dock.list.item(0).flags() & Qt.ItemFlag.ItemIsEditable  # no renaming
    assert not people.dock.rename_button.isEnabled()
    shown = [people.dock.speaker_label.text(), people.bar.hint.full_text(),
             window.inspector.author_label.text()] + rows(people)
    assert not any("Ana" in text or "Bongani" in text for text in shown)

    undo(window)  # one step
    assert rows(people) == ["Ana", "Bongani"] and not people.anonymous_action.isChecked()
    assert "by Bongani" in people.bar.hint.full_text()
    people.anonymous_action.trigger()  # the Workshop menu's toggle
    assert people.dock.anonymous_check.isChecked() and rows(people)[0] == "Participant 1"


# ---- the menu ----------------------------------------------------------------------------------


def test_workshop_menu_adds_participants_and_toggles_the_dock(qtbot, people, dialog_log):
    window = people.window
    dialog_log.answers.append("Dee")
    people.add_participant_action.trigger()
    assert rows(people) == ["Dee"]
    assert window.document.workshop.participants[0].color == PALETTE[0]
    people.participants_toggle.trigger()
    assert not people.dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_P, Ctrl | Alt)
    assert people.dock.isVisible()


def test_without_a_map_the_tools_are_disabled(qtbot, window):
    people = install(window)
    assert not people.dock.list.isEnabled() and not people.dock.name_edit.isEnabled()
    assert not people.add_participant_action.isEnabled()
    assert not people.anonymous_action.isEnabled()
    assert not people.bar.line.isEnabled()
    assert people.bar.hint.full_text() == "Open a map to capture cards."


def test_double_click_renames_and_makes_them_speak(qtbot, people):
    ana, bongani = add(qtbot, people, "Ana", "Bongani")
    lst = people.dock.list
    point = lst.visualItemRect(lst.item(1)).center()
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=point)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Bongani"
    editor.selectAll()
    qtbot.keyClicks(editor, "Bo")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: names(people) == ["Ana", "Bo"])
    assert people.window.document.workshop.current_speaker == bongani
    assert lst.item(1).font().bold() and lst.item(1).text() == "Bo"
