"""Voting through the real main window: the keys, the Workshop menu, the card's Vote submenu and
the Votes panel; the dot budget, undo/redo of votes, the sortable results table."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence

from debatemap.app.workshop_votes import install
from debatemap.canvas.menus import action_named
from debatemap.widgets.voting_panel import CARD, DOTS, MEAN, RATINGS_COUNT

Ctrl = Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier
Shift = Qt.KeyboardModifier.ShiftModifier


def open_with_votes(qtbot, window, path, *names, speaker=True):
    """The map open, voting installed, participants added (the first one speaking)."""
    votes = install(window)
    assert window.open_path(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    workshop = window.document.workshop
    people = {name: workshop.add_participant(name) for name in names}
    if speaker and names:
        workshop.set_current_speaker(people[names[0]].id)
    window.document.undo_stack.clear()
    return votes, workshop, people


def node_id(window, text):
    return next(n.id for n in window.document.map.nodes.values() if n.text == text)


def select(window, text):
    nid = node_id(window, text)
    window.view.select_items([nid])
    window.view.setFocus()
    return nid


def status(window):
    return window.statusBar().currentMessage()


def badge(window, nid):
    return window.scene.node_items[nid].vote_badge_text()


def test_keys_vote_for_the_current_speaker_and_undo_redo_through_the_keys(qtbot, window, map_path,
                                                                         dialog_log):
    votes, workshop, people = open_with_votes(qtbot, window, map_path, "Ada", "Ben")
    thesis = select(window, "Make transit free")
    qtbot.keyClick(window.view, Qt.Key.Key_Period)
    assert workshop.tally(thesis).dots == 1 and badge(window, thesis) == "● 1"
    assert "Ada put a dot" in status(window) and "4 of 5 dots left" in status(window)
    assert votes.votes_dock.voter_label.text() == "Voting as Ada: 4 of 5 dots left"
    qtbot.keyClick(window.view, Qt.Key.Key_Period)
    qtbot.keyClick(window.view, Qt.Key.Key_Comma)
    assert workshop.tally(thesis).dots == 1
    qtbot.keyClick(window.view, Qt.Key.Key_5, Alt)  # Alt+5: strongly agree, +2
    assert badge(window, thesis) == "● 1  +2.0"
    qtbot.keyClick(window.view, Qt.Key.Key_2, Alt)  # Alt+2: disagree, -1 (replaces the +2)
    assert badge(window, thesis) == "● 1  −1.0"
    assert window.document.undo_stack.count() == 5

    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)
    assert badge(window, thesis) == "● 1  +2.0"
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)  # the comma's dot comes back
    assert badge(window, thesis) == "●● 2"
    assert votes.votes_dock.voter_label.text() == "Voting as Ada: 3 of 5 dots left"
    qtbot.keyClick(window, Qt.Key.Key_Y, Ctrl)
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl | Shift)
    assert badge(window, thesis) == "● 1  +2.0"
    qtbot.keyClick(window.view, Qt.Key.Key_0, Alt)  # Alt+0 takes the rating back
    assert badge(window, thesis) == "● 1"
    qtbot.keyClick(window.view, Qt.Key.Key_0, Alt)
    assert "has not rated" in status(window)
    assert dialog_log.errors == []


def test_without_a_speaker_or_a_card_the_status_bar_says_so(qtbot, window, map_path, dialog_log):
    votes, workshop, people = open_with_votes(qtbot, window, map_path, "Ada", speaker=False)
    qtbot.keyClick(window.view, Qt.Key.Key_Period)
    assert status(window) == "Select a card to vote on."
    thesis = select(window, "Make transit free")
    qtbot.keyClick(window.view, Qt.Key.Key_Period)
    assert status(window) == "Nobody is voting: pick the current speaker first."
    assert votes.votes_dock.voter_label.text() == "Nobody is voting: pick the current speaker first."
    assert not votes.votes_dock.add_dot_button.isEnabled()
    assert workshop.tallies() == {} and window.document.undo_stack.count() == 0
    assert dialog_log.errors == []  # said in the status bar, not in a dialog
    workshop.set_current_speaker(people["Ada"].id)
    assert votes.votes_dock.voter_label.text() == "Voting as Ada: 5 of 5 dots left"
    qtbot.keyClick(window.view, Qt.Key.Key_Period)
    assert workshop.tally(thesis).dots == 1


def test_the_dot_budget_is_set_in_the_panel_and_enforced_with_a_visible_message(qtbot, window,
                                                                                map_path, dialog_log):
    votes, workshop, people = open_with_votes(qtbot, window, map_path, "Ada", "Ben")
    dock = votes.votes_dock
    votes.votes_toggle.trigger()
    assert dock.isVisible()
    spin = dock.budget_spin
    assert spin.value() == 5
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "2")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert workshop.settings.dot_budget == 2
    thesis = select(window, "Make transit free")
    reason = node_id(window, "It cuts traffic")
    qtbot.keyClick(window.view, Qt.Key.Key_Period)
    window.view.select_items([reason])
    qtbot.keyClick(window.view, Qt.Key.Key_Period)
    assert dock.voter_label.text() == "Voting as Ada: 0 of 2 dots left"
    qtbot.keyClick(window.view, Qt.Key.Key_Period)  # over budget
    message = "Ada has no dots left (2 of 2 placed): take one back first, or raise the dot budget."
    assert status(window) == message
    assert dock.message_label.isVisible() and dock.message_label.text() == message
    assert workshop.tally(reason).dots == 1 and workshop.tally(thesis).dots == 1
    assert dialog_log.errors == []
    assert spin.minimum() == 2  # Ada placed 2: the budget cannot go below that
    workshop.set_current_speaker(people["Ben"].id)  # Ben still has his
    qtbot.keyClick(window.view, Qt.Key.Key_Period)
    assert workshop.tally(reason).dots == 2
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)
    assert workshop.tallies() == {}
    qtbot.keyClick(window, Qt.Key.Key_Z, Ctrl)  # the budget change
    assert workshop.settings.dot_budget == 5 and spin.value() == 5 and spin.minimum() == 1
    qtbot.keyClick(window, Qt.Key.Key_Y, Ctrl)
    assert spin.value() == 2


def test_panel_buttons_vote_on_the_selected_card_and_undo(qtbot, window, map_path):
    votes, workshop, people = open_with_votes(qtbot, window, map_path, "Ada")
    dock = votes.votes_dock
    dock.show()
    cost = select(window, "It costs too much")
    assert "It costs too much" in dock.card_label.text()
    qtbot.mouseClick(dock.add_dot_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dock.add_dot_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dock.rate_buttons[1], Qt.MouseButton.LeftButton)
    assert badge(window, cost) == "●● 2  +1.0"
    assert dock.rate_buttons[1].isChecked() and not dock.rate_buttons[2].isChecked()
    assert "your dots here: 2" in dock.card_label.text()
    qtbot.mouseClick(dock.rate_buttons[1], Qt.MouseButton.LeftButton)  # the same rating again
    assert "already rates" in dock.message_label.text()
    assert dock.rate_buttons[1].isChecked()  # the refused click does not untick it
    qtbot.mouseClick(dock.remove_dot_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dock.clear_button, Qt.MouseButton.LeftButton)
    assert badge(window, cost) == "● 1" and not dock.rate_buttons[1].isChecked()
    window.undo_action.trigger()
    assert dock.rate_buttons[1].isChecked() and badge(window, cost) == "● 1  +1.0"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert badge(window, cost) == "●● 2"
    window.redo_action.trigger()
    assert badge(window, cost) == "●● 2  +1.0"


def vote_three_cards(window, workshop, people):
    thesis = node_id(window, "Make transit free")
    reason = node_id(window, "It cuts traffic")
    cost = node_id(window, "It costs too much")
    ada, ben, cy = (people[n].id for n in ("Ada", "Ben", "Cy"))
    for who, node, dots in ((ada, thesis, 1), (ben, reason, 3), (cy, reason, 1), (cy, cost, 2)):
        assert workshop.set_dots(node, dots, who)
    for who, node, value in ((ada, thesis, 2), (ben, thesis, 1), (ada, cost, -2), (cy, reason, 0)):
        assert workshop.rate(node, value, who)
    return thesis, reason, cost


def click_header(qtbot, dock, column):
    header = dock.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_results_sort_by_any_column_and_a_row_click_selects_and_centres_its_card(qtbot, window,
                                                                               map_path):
    votes, workshop, people = open_with_votes(qtbot, window, map_path, "Ada", "Ben", "Cy")
    dock = votes.votes_dock
    dock.show()
    thesis, reason, cost = vote_three_cards(window, workshop, people)
    assert dock.row_texts(CARD) == ["It cuts traffic", "It costs too much", "Make transit free"]
    assert dock.row_texts(DOTS) == ["4", "2", "1"]
    assert dock.row_texts(MEAN) == ["0.0", "−2.0", "+1.5"]
    assert dock.row_texts(RATINGS_COUNT) == ["1", "1", "2"]
    header = dock.table.horizontalHeader()
    expected = {
        CARD: ["It costs too much", "It cuts traffic", "Make transit free"],
        DOTS: ["1", "2", "4"],
        MEAN: ["−2.0", "0.0", "+1.5"],
        RATINGS_COUNT: ["1", "1", "2"],
    }
    for column, ascending in expected.items():
        click_header(qtbot, dock, column)
        if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
            click_header(qtbot, dock, column)
        assert header.sortIndicatorSection() == column
        assert dock.row_texts(column) == ascending
        click_header(qtbot, dock, column)
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        shown = dock.row_texts(column)
        assert shown == sorted(shown, key=ascending.index, reverse=True)
    tip = dock.proxy.data(dock.proxy.index(dock.row_texts(CARD).index("Make transit free"), 0),
                          Qt.ItemDataRole.ToolTipRole)
    assert "Ada: ● 1 dot, rates +2" in tip and "Ben: rates +1" in tip
    reason_tip = dock.proxy.data(dock.proxy.index(dock.row_texts(CARD).index("It cuts traffic"), 0),
                                 Qt.ItemDataRole.ToolTipRole)
    assert "Ben: ●●● 3 dots" in reason_tip and "Cy: ● 1 dot, rates 0" in reason_tip
    assert workshop.set_anonymous(True)  # names leave the panel, numbers stand in
    anonymous_tip = dock.proxy.data(dock.proxy.index(dock.row_texts(CARD).index("It cuts traffic"), 0),
                                    Qt.ItemDataRole.ToolTipRole)
    assert "Ben" not in anonymous_tip and "Participant 2: ●●● 3 dots" in anonymous_tip
    assert dock.voter_label.text().startswith("Voting as Participant 1:")
    assert workshop.set_anonymous(False)

    window.view.zoom_in()
    window.view.zoom_in()
    window.view.centerOn(4000, 4000)  # far from every card
    row = dock.row_texts(CARD).index("It costs too much")
    rect = dock.table.visualRect(dock.proxy.index(row, CARD))
    qtbot.mouseClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.selected_node_ids() == [cost]
    item = window.scene.node_items[cost]
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(item.sceneBoundingRect().center())
    assert "It costs too much" in dock.card_label.text()  # the buttons now vote on it
    workshop.set_current_speaker(people["Cy"].id)
    qtbot.keyClick(dock.table, Qt.Key.Key_Period)  # the key works from the table too
    assert workshop.tally(cost).dots == 3
    # refreshed, and still sorted as chosen last (ratings, most first)
    assert dock.row_texts(RATINGS_COUNT) == ["2", "1", "1"]
    assert dict(zip(dock.row_texts(CARD), dock.row_texts(DOTS)))["It costs too much"] == "3"


def test_the_card_menu_votes_on_the_card_right_clicked(qtbot, window, map_path):
    votes, workshop, people = open_with_votes(qtbot, window, map_path, "Ada")
    reason = node_id(window, "It cuts traffic")
    point = window.view.mapFromScene(window.scene.node_items[reason].pos())
    menu = window.view.context_menu_at(point)
    vote_menu = action_named(menu, "Vote").menu()
    assert vote_menu.actions()[0].text() == "Voting as Ada: 5 of 5 dots left"
    assert not action_named(vote_menu, "Remove Dot").isEnabled()
    action_named(vote_menu, "Add Dot").trigger()
    action_named(vote_menu, "+1  Agree").trigger()
    assert badge(window, reason) == "● 1  +1.0"
    menu = window.view.context_menu_at(point)
    assert action_named(menu, "+1  Agree").isChecked()
    assert not action_named(menu, "+2  Strongly Agree").isChecked()
    assert action_named(menu, "Remove Dot").isEnabled()
    assert action_named(menu, "Clear Rating").isEnabled()
    action_named(menu, "Clear Rating").trigger()
    assert badge(window, reason) == "● 1"
    window.undo_action.trigger()
    assert badge(window, reason) == "● 1  +1.0"
    workshop.set_current_speaker(None)
    menu = window.view.context_menu_at(point)
    vote_menu = action_named(menu, "Vote").menu()
    assert vote_menu.actions()[0].text() == "Nobody is voting: pick the current speaker first."
    assert not any(a.isEnabled() for a in vote_menu.actions() if not a.isSeparator())


def test_the_workshop_menu_carries_the_actions_and_typed_periods_stay_text(qtbot, window, map_path):
    votes, workshop, people = open_with_votes(qtbot, window, map_path, "Ada")
    menu = window.workshop_menu
    assert action_named(menu, "Add Dot").shortcut() == QKeySequence(".")
    assert action_named(menu, "Remove Dot").shortcut() == QKeySequence(",")
    assert action_named(menu, "-2  Strongly Disagree") is None  # the real minus sign
    assert action_named(menu, "−2  Strongly Disagree").shortcut() == QKeySequence("Alt+1")
    assert action_named(menu, "+2  Strongly Agree").shortcut() == QKeySequence("Alt+5")
    assert action_named(menu, "Park Selected Card") is not None
    action_named(menu, "Parking Lot").trigger()
    assert votes.parking_dock.isVisible()
    thesis = select(window, "Make transit free")
    action_named(menu, "Add Dot").trigger()
    assert workshop.tally(thesis).dots == 1
    window.view.edit_node(thesis)  # the inline editor keeps "." and "," as text
    editor = window.view.editor
    qtbot.keyClicks(editor, "x.,")
    assert editor.toPlainText().endswith("x.,")
    assert workshop.tally(thesis).dots == 1
    editor.cancel()
    votes.parking_dock.entry.setFocus()
    qtbot.keyClicks(votes.parking_dock.entry, "a.b")
    assert votes.parking_dock.entry.text() == "a.b" and workshop.tally(thesis).dots == 1
