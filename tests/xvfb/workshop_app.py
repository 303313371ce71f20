"""Run under Xvfb by test_workshop_scenario.py: issue 7's scripted 10-minute workshop, end to end.

Input: xdotool, i.e. real X key and pointer events through Qt's xcb platform (focus, shortcut
maps, popups and the modal dialog's own event loop all run as for a person); no QTest events.
It types every name and card and presses every key (Ctrl+K, Esc, the speaker keys 1–3, Shift+
Enter, F2, F9, Ctrl+Alt+K, Ctrl+L, Ctrl+0, ``.`` and Alt+digit votes, F5, Page Down/Up,
Ctrl+Shift+F5, F11, Ctrl+Q) and clicks the docks' buttons and fields, the menu bar's Workshop
menu, the agenda's timebox cell and the cards. The script reads widgets to know where to click
and when an effect has arrived; it never calls a document or session intent for the user. What
a window manager or a hand would do it does itself: scroll a card into view before clicking it,
and give the audience window the screen (Xvfb has no window manager to honour F11). Replaced:
the agenda tool's clock (a fake one, advanced five minutes an item, so the 4-minute timeboxes run
into overtime in seconds) and the handout's file dialog (it returns the path, as in the handout
tests); error and notice dialogs are recorded, so a failure is reported instead of hanging.

The session: three participants (two typed into the Participants dock, one through Workshop →
Add Participant… with the name typed into its dialog); a first question captured, put on the
agenda, its timebox set to 4 minutes, its timer started; reasons and answers to them captured
with + and - by the speaker of the moment; a second question and its reasons; Next Agenda Item;
an off-topic card parked; Tidy Up; dot votes and ratings of each participant within a budget of
3, one dot over budget refused in the Votes dock; presentation mode and the audience window,
screenshotted; Next Item; the handout as Markdown and PDF from the Workshop menu; Ctrl+Q; the
file, `debatemap check`, the replay and the handouts read back. Prints one JSON line; argv: the
work folder (the screenshots, handouts and map are written there).
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QPoint, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QSpinBox, QWidget

from debatemap.app import dialogs, handout_export, workshop_agenda
from debatemap.app.main_window import MainWindow
from debatemap.store.session import MapSession
from x_input import key, pause, type_text, wait_until, xdotool

TITLE = "Free buses workshop"
PEOPLE = ("Amira Haddad", "Ben Okafor", "Chloe Martin")  # the third is added through the dialog
QUESTION_1 = "Should the city make buses free?"
QUESTION_2 = "How would the city pay for free buses?"
TIMEBOX_MINUTES = 4
ITEM_SECONDS = 300.0  # each agenda item is discussed for five minutes of the fake clock
DOT_BUDGET = 3
# (speaker 1-3, line, answers to it): what is said under each question, as the facilitator
# captures it; a reason with answers is captured with Shift+Enter, to type its answers under it
DISCUSSION_1 = [
    (2, "+Free fares bring back riders who switched to cars", [
        (3, "-Most drivers would not switch for price alone"),
        (1, "+Tallinn made transit free and ridership rose")]),
    (3, "-Fares pay for a fifth of the bus budget", [
        (2, "+Fare machines and inspectors cost money too"),
        (1, "-The money is better spent on more frequent service")]),
    (1, "+Low-income households spend more of their income on transport", [
        (2, "+It makes the bus a public service like a library")]),
    (3, "-Crowded buses would push out the people who rely on them most", [
        (2, "+No ticket checks means faster boarding at every stop"),
        (1, "-Some riders would hop on for short trips instead of walking")]),
    (3, "+Less traffic in the centre means cleaner air", []),
    (2, "+Free buses are simple for visitors to use", []),
]
DISCUSSION_2 = [
    (3, "+A congestion charge on cars entering the centre", [
        (1, "-It would hit commuters from suburbs without a good bus line")]),
    (3, "+Employers in the centre could pay a transit levy", [
        (1, "-Businesses would move out to avoid the levy"),
        (2, "+Employers around Paris already pay one")]),
    (3, "+Savings from dropping the ticketing system", [
        (1, "-They cover only a small share of the cost")]),
    (1, "+Higher parking fees near the stations", []),
    (2, "-A new local tax would hit the households free fares are meant to help", []),
    (2, "!Start with free buses on weekends to test the cost", [
        (1, "-A weekend trial tells us little about weekdays")]),
    (2, "+National climate funds pay for pilots like this", []),
]
CONGESTION, LEVY, SAVINGS, CLIMATE, WEEKENDS = (
    "A congestion charge on cars entering the centre",
    "Employers in the centre could pay a transit levy",
    "Savings from dropping the ticketing system",
    "National climate funds pay for pilots like this",
    "Start with free buses on weekends to test the cost")
OFF_TOPIC = "n The coffee machine on the second floor is broken again"
# the dot vote on the funding options (budget 3; participant 1's fourth dot is refused) and the
# ratings, Alt+1 … Alt+5 for -2 … +2
DOTS = {1: [CONGESTION, LEVY, LEVY], 2: [SAVINGS, CONGESTION], 3: [LEVY, CLIMATE, CLIMATE]}
OVER_BUDGET = SAVINGS
RATINGS = {1: [(CONGESTION, "alt+5")], 2: [(WEEKENDS, "alt+2")],
           3: [(CONGESTION, "alt+4"), (LEVY, "alt+3")]}
NODE_SECONDS = 20  # the fake clock per captured card; the rest of the five minutes at the end


def captured_count(discussion) -> int:
    return sum(1 + len(answers) for _speaker, _line, answers in discussion)


class FakeClock:
    """Monotonic seconds the script advances (the agenda's countdown reads it)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Workshop:
    def __init__(self, window, folder: Path, clock: FakeClock) -> None:
        self.window = window
        self.folder = folder
        self.clock = clock
        self.tools = window.workshop_tools
        self.report: dict = {"dialogs": [], "steps": []}
        self.status: list[str] = []
        self._last_click = (QPoint(-100, -100), 0.0)
        window.statusBar().messageChanged.connect(lambda text: text and self.status.append(text))

    # ---- reading the window --------------------------------------------------------------

    @property
    def document(self):
        return self.window.document

    @property
    def workshop(self):
        return self.window.document.workshop

    def node_id(self, text: str) -> str:
        (node_id,) = [n.id for n in self.document.map.nodes.values() if n.text == text]
        return node_id

    def focus_is(self, widget: QWidget) -> bool:
        return QApplication.focusWidget() is widget

    def step(self, name: str) -> None:
        self.report["steps"].append(name)

    # ---- the pointer ---------------------------------------------------------------------

    def click(self, widget: QWidget, local: QPoint | None = None) -> None:
        point = widget.mapToGlobal(local if local is not None else widget.rect().center())
        last_point, last_time = self._last_click
        interval = QApplication.styleHints().mouseDoubleClickInterval() / 1000 + 0.1
        if (point - last_point).manhattanLength() < 10 and time.monotonic() - last_time < interval:
            pause(interval)  # two clicks, not a double-click (which would open an editor)
        xdotool("mousemove", str(point.x()), str(point.y()), "sleep", "0.05", "click", "1")
        self._last_click = (point, time.monotonic())
        pause(0.1)

    def menu(self, menu, action) -> None:
        """Workshop menu → ``action``, by clicking the menu bar and the item."""
        bar = self.window.menuBar()
        self.click(bar, bar.actionGeometry(menu.menuAction()).center())
        wait_until(menu.isVisible, f"the {menu.title()} menu to open")
        pause(0.15)
        wait_until(lambda: not menu.actionGeometry(action).isEmpty(), "the menu's layout")
        self.click(menu, menu.actionGeometry(action).center())
        wait_until(lambda: not menu.isVisible(), f"the menu to close after {action.text()!r}")

    def click_card(self, text: str) -> None:
        view = self.window.view
        node_id = self.node_id(text)
        item = view.map_scene().node_items[node_id]
        view.ensureVisible(item, 30, 30)  # the scroll the facilitator does before clicking
        pause(0.05)
        local = view.mapFromScene(item.sceneBoundingRect().center())
        self.click(view.viewport(), local)
        wait_until(lambda: view.current_node_id() == node_id, f"the card {text!r} to be selected")

    def type_into(self, field: QLineEdit | QSpinBox, text: str) -> None:
        """Click the field, replace what it holds, type ``text`` and Enter."""
        self.click(field)
        wait_until(lambda: self.focus_is(field) or field.isAncestorOf(QApplication.focusWidget()),
                   "the field to take the focus")
        key("ctrl+a")
        type_text(text)
        key("Return")

    # ---- the session ---------------------------------------------------------------------

    def add_participants(self) -> None:
        people = self.tools.people
        field = people.dock.name_edit
        for number, name in enumerate(PEOPLE[:2], start=1):
            self.type_into(field, name)
            wait_until(lambda: len(self.workshop.participants) == number, f"{name} to be added")
        # the third through the Workshop menu, its name typed into the dialog
        answered = []

        def answer() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QInputDialog) or not dialog.isVisible():
                QTimer.singleShot(50, answer)
                return
            field = dialog.findChild(QLineEdit)
            if QApplication.focusWidget() is not field:
                QTimer.singleShot(50, answer)
                return
            type_text(PEOPLE[2])
            key("Return")
            answered.append(dialog.windowTitle())

        QTimer.singleShot(50, answer)
        self.menu(self.window.workshop_menu, people.add_participant_action)
        wait_until(lambda: len(self.workshop.participants) == 3, "the third participant")
        # no window manager gives the window back its focus: a click on the (empty) canvas does
        self.click(self.window.view.viewport())
        wait_until(lambda: self.window.isActiveWindow() and self.focus_is(self.window.view),
                   "the window active again after the dialog")
        self.report["name_dialog"] = answered
        self.step("participants")

    def speaker(self, number: int) -> None:
        """Hand the keyboard to the canvas (Esc), press the speaker's number, back to capture."""
        bar, view = self.tools.people.bar, self.window.view
        if not self.focus_is(view):  # Ctrl+K, Esc: the canvas has the keys, the selection stays
            if not self.focus_is(bar.line):
                key("ctrl+k")
                wait_until(lambda: self.focus_is(bar.line), "Ctrl+K to focus the capture bar")
            key("Escape")
            wait_until(lambda: self.focus_is(view), "Esc to give the canvas the keys")
        key(str(number))
        wanted = self.workshop.participants[number - 1].id
        wait_until(lambda: self.workshop.current_speaker == wanted, f"speaker {number}")

    def capture(self, line: str, deeper: bool = False) -> str:
        """Type ``line`` into the capture bar; Enter (Shift+Enter: go to the new card)."""
        bar = self.tools.people.bar
        if not self.focus_is(bar.line):
            key("ctrl+k")
            wait_until(lambda: self.focus_is(bar.line), "Ctrl+K to focus the capture bar")
        before = set(self.document.map.nodes)
        type_text(line)
        wait_until(lambda: bar.line.text() == line, f"{line!r} to be typed")
        key("shift+Return" if deeper else "Return")
        wait_until(lambda: len(self.document.map.nodes) == len(before) + 1, f"{line!r} captured")
        (node_id,) = set(self.document.map.nodes) - before
        if deeper:
            wait_until(lambda: self.window.view.current_node_id() == node_id, "the new card")
        return node_id

    def add_to_agenda(self, question: str) -> None:
        agenda = self.tools.agenda
        panel = agenda.panel
        if not panel.isVisible():
            self.menu(self.window.workshop_menu, agenda.agenda_toggle)
            wait_until(panel.isVisible, "the Agenda dock")
        node_id = self.node_id(question)
        wait_until(lambda: panel.add_button.isEnabled(), "Add Selected Question to be enabled")
        count = len(self.workshop.agenda)
        self.click(panel.add_button)
        wait_until(lambda: len(self.workshop.agenda) == count + 1, "the question on the agenda")
        item = self.workshop.model.agenda_item_for(node_id)
        # the timebox: its cell, F2, the minutes, Enter
        row = panel.row_of(item.id)
        rect = panel.list.visualItemRect(row)
        rect.setLeft(panel.list.header().sectionPosition(2))
        rect.setWidth(panel.list.header().sectionSize(2))
        self.click(panel.list.viewport(), rect.center())
        wait_until(lambda: panel.selected_id() == item.id and self.focus_is(panel.list),
                   "the agenda row to be current")
        key("F2")
        wait_until(lambda: isinstance(QApplication.focusWidget(), QSpinBox),
                   "the timebox editor")
        key("ctrl+a")
        type_text(str(TIMEBOX_MINUTES))
        key("Return")
        wait_until(lambda: self._item(node_id).timebox == TIMEBOX_MINUTES * 60, "the new timebox")

    def _item(self, node_id: str):
        return self.workshop.model.agenda_item_for(node_id)

    def discuss(self, question: str, discussion) -> None:
        """Capture what is said under ``question``, the clock running meanwhile."""
        view = self.window.view
        rings = self.time_up()
        for number, line, answers in discussion:
            if view.current_node_id() != self.node_id(question):
                self.click_card(question)
            self.speaker(number)
            self.capture(line, deeper=bool(answers))
            self.clock.now += NODE_SECONDS
            for answer_by, answer in answers:
                self.speaker(answer_by)
                self.capture(answer)
                self.clock.now += NODE_SECONDS
        self.clock.now += ITEM_SECONDS - NODE_SECONDS * captured_count(discussion)
        wait_until(lambda: self.time_up() == rings + 1, "the timer to say the time is up")

    def time_up(self) -> int:
        """How often the status bar said an item's time was up (the countdown's tick notices)."""
        return sum(text.startswith("Time is up") for text in self.status)

    def first_item(self) -> None:
        self.speaker(1)
        self.capture("?" + QUESTION_1)
        q1 = self.node_id(QUESTION_1)
        wait_until(lambda: self.window.view.current_node_id() == q1, "the new question selected")
        self.add_to_agenda(QUESTION_1)
        agenda = self.tools.agenda
        self.click(agenda.panel.toggle_button)  # Start
        wait_until(agenda.countdown.is_running, "the first item's timer")
        self.report["timer_started"] = agenda.countdown.text()
        self.report["fake_clock"] = agenda.countdown.clock is self.clock
        wait_until(lambda: self.window.view.current_node_id() == q1, "the question selected")
        self.discuss(QUESTION_1, DISCUSSION_1)
        self.report["item_1_timer"] = agenda.countdown.text()
        self.step("first item")

    def second_item(self) -> None:
        view = self.window.view
        key("ctrl+k")
        wait_until(lambda: self.focus_is(self.tools.people.bar.line), "the capture bar")
        key("Escape")  # to the canvas
        wait_until(lambda: self.focus_is(view), "the canvas")
        key("Escape")  # nothing selected: the next question stands on its own
        wait_until(lambda: view.current_node_id() is None, "the selection cleared")
        self.speaker(3)
        self.capture("?" + QUESTION_2)
        self.add_to_agenda(QUESTION_2)
        q2 = self.node_id(QUESTION_2)
        agenda = self.tools.agenda
        key("F9")  # Next Agenda Item: the first is done with its time, the second starts
        wait_until(lambda: agenda.run.current_item() is not None
                   and agenda.run.current_item().node_id == q2, "Next Agenda Item")
        wait_until(lambda: view.current_node_id() == q2, "the second question selected")
        self.discuss(QUESTION_2, DISCUSSION_2)
        self.report["item_2_timer"] = agenda.countdown.text()
        self.step("second item")

    def park_off_topic(self) -> None:
        self.click_card(QUESTION_2)
        self.speaker(2)
        node_id = self.capture(OFF_TOPIC)
        self.click_card(OFF_TOPIC.removeprefix("n "))
        key("ctrl+alt+k")  # Park Selected Card
        wait_until(lambda: node_id not in self.document.map.nodes
                   and len(self.workshop.parked) == 1, "the card parked")
        self.report["parking_dock_shown"] = self.tools.votes.parking_dock.isVisible()
        self.report["parked_row"] = self.tools.votes.parking_dock.list.item(0).text()
        self.step("parked")

    def vote(self) -> None:
        votes = self.tools.votes
        dock = votes.votes_dock
        if not dock.isVisible():
            self.menu(self.window.workshop_menu, votes.votes_toggle)
            wait_until(dock.isVisible, "the Votes dock")
        self.type_into(dock.budget_spin, str(DOT_BUDGET))
        wait_until(lambda: self.workshop.settings.dot_budget == DOT_BUDGET, "the dot budget")
        self.click_card(QUESTION_2)  # the canvas has the keys
        positions = {n.id: (n.x, n.y) for n in self.document.map.nodes.values()}
        key("ctrl+l")  # Map → Tidy Up before the vote
        wait_until(lambda: any((n.x, n.y) != positions[n.id]
                               for n in self.document.map.nodes.values()), "Tidy Up")
        key("ctrl+0")  # fit the map: every card in view
        pause(0.4)
        for number in (1, 2, 3):
            self.click_card(QUESTION_2)  # the canvas has the keys
            self.speaker(number)
            who = self.workshop.participants[number - 1].id
            for text in DOTS[number]:
                self.click_card(text)
                used = self.workshop.model.dots_used(who)
                key("period")
                wait_until(lambda: self.workshop.model.dots_used(who) == used + 1,
                           f"participant {number}'s dot")
            for text, keys in RATINGS[number]:
                self.click_card(text)
                key(keys)
                wait_until(lambda: self.rating(text, who) is not None,
                           f"participant {number}'s rating")
            if number == 1:  # a dot over the budget: refused, said in the panel
                self.click_card(OVER_BUDGET)
                key("period")
                wait_until(lambda: dock.message_label.isVisible(), "the refusal")
                self.report["refusal"] = dock.message_label.text()
                self.report["refusal_dots"] = self.workshop.model.dots_used(who)
        self.report["votes_table_rows"] = dock.model.rowCount()
        self.step("votes")

    def rating(self, text: str, participant_id: str) -> int | None:
        share = self.workshop.tally(self.node_id(text)).by_participant.get(participant_id)
        return share.rating if share is not None else None

    def present(self) -> None:
        window, presentation = self.window, self.window.presentation
        agenda = self.tools.agenda
        self.click_card(QUESTION_2)
        key("F5")
        wait_until(presentation.is_active, "presentation mode")
        wait_until(lambda: window.isFullScreen() or window.width() >= 1500, "full screen")
        pause(1.2)  # the framing settles after the resize
        self.report["presented"] = self._text(presentation.focus())
        self.report["presentation_overlay"] = (
            presentation.overlay.widget() is agenda.presentation_timer
            and agenda.presentation_timer.isVisible())
        shot = self.folder / "presentation.png"
        QApplication.primaryScreen().grabWindow(0).save(str(shot))
        before = presentation.focus()
        key("Next")  # Page Down: the next slide
        wait_until(lambda: presentation.focus() != before, "the next slide")
        self.report["slide"] = self._text(presentation.focus())
        key("Prior")  # Page Up: back to the question
        wait_until(lambda: presentation.focus() == before, "the slide before")
        pause(0.5)
        key("ctrl+shift+F5")  # the audience window
        audience = window.audience
        wait_until(audience.is_open, "the audience window")
        shown = audience.audience_window
        self.report["editor_keeps_keys"] = window.isActiveWindow()
        # on the projector: click it, F11 full screen (Xvfb has no window manager to size it, so
        # the script gives it the screen as one would)
        self.click(shown)
        wait_until(shown.isActiveWindow, "the audience window to take the keys")
        key("F11")
        wait_until(shown.isFullScreen, "the audience window full screen")
        shown.setGeometry(QApplication.primaryScreen().geometry())
        pause(1.2)
        self.report["audience_shows"] = self._text(presentation.focus())
        self.report["audience_overlay"] = (
            shown.overlay.widget() is agenda.audience_timer and agenda.audience_timer.isVisible())
        shown.grab().save(str(self.folder / "audience.png"))
        self.report["screenshots"] = [str(shot), str(self.folder / "audience.png")]
        key("Escape")  # the audience window leaves full screen
        wait_until(lambda: not shown.isFullScreen(), "the audience window back")
        key("ctrl+shift+F5")  # closes it (the editor's presentation keys work there too)
        wait_until(lambda: not audience.is_open(), "the audience window closed")
        self.click(window.view.viewport(), QPoint(window.view.viewport().width() - 30, 30))
        wait_until(window.isActiveWindow, "the editor to take the keys back")
        key("Escape")
        wait_until(lambda: not presentation.is_active(), "Esc to leave presentation mode")
        wait_until(lambda: not window.isFullScreen(), "the window back")
        pause(0.3)
        self.step("presented")

    def _text(self, node_id: str | None) -> str | None:
        return self.document.map.nodes[node_id].text if node_id else None

    def finish_agenda(self) -> None:
        agenda = self.tools.agenda
        self.click(agenda.panel.next_button)  # Next Item: the second is done too
        wait_until(lambda: all(a.done for a in self.workshop.agenda), "both items done")
        self.report["after_agenda"] = agenda.countdown.text()
        self.step("agenda done")

    def export_handouts(self) -> None:
        paths = [self.folder / "handout.md", self.folder / "handout.pdf"]
        asked = list(paths)
        handout_export.ask_handout_path = lambda *_args, **_kwargs: asked.pop(0)
        action = self.tools.replay.handout_action
        for path in paths:
            self.menu(self.window.workshop_menu, action)
            wait_until(path.exists, f"{path.name} to be written", timeout=60)
        self.report["handout_status"] = self.window.statusBar().currentMessage()
        self.step("handout")

    def quit(self) -> None:
        key("ctrl+q")
        wait_until(lambda: not self.window.isVisible(), "Ctrl+Q to close the window")
        self.report["closed"] = self.window.document is None
        self.step("quit")

    def make_room(self) -> None:
        """The Inspector and Documents panels closed (their keys): room for the workshop docks."""
        for dock, keys in ((self.window.inspector, "ctrl+alt+i"),
                           (self.window.document_panel, "ctrl+shift+d")):
            if dock.isVisible():
                key(keys)
                wait_until(lambda: not dock.isVisible(), f"{keys} to close {dock.windowTitle()}")

    def run(self) -> None:
        self.make_room()
        self.add_participants()
        self.first_item()
        self.second_item()
        self.park_off_topic()
        self.vote()
        self.present()
        self.finish_agenda()
        self.export_handouts()
        self.report["time_up_messages"] = self.time_up()
        self.quit()


def read_back(path: Path, folder: Path) -> dict:
    """What the file, the CLI check and the handout say after the session."""
    report: dict = {}
    with MapSession.open(path, readonly=True) as stored:
        amap, workshop = stored.map, stored.workshop
        names = {p.id: p.name for p in amap.participants.values()}
        report["participants"] = sorted(names.values())
        report["nodes"] = len(amap.nodes)
        report["edges"] = len(amap.edges)
        report["kinds"] = dict(Counter(str(n.kind) for n in amap.nodes.values()))
        report["authors"] = dict(Counter(names.get(n.author_id, str(n.author_id))
                                         for n in amap.nodes.values()))
        report["agenda"] = [{"question": amap.nodes[a.node_id].text, "done": a.done,
                             "spent": round(a.spent, 3), "timebox": a.timebox}
                            for a in workshop.agenda]
        report["dot_budget"] = workshop.settings.dot_budget
        report["dots"] = {names[p]: workshop.dots_used(p) for p in names}
        report["dot_votes"] = sorted((names[v.participant_id], amap.nodes[v.node_id].text,
                                      v.value) for v in workshop.votes.values() if v.kind == "dot")
        report["ratings"] = sorted((names[v.participant_id], amap.nodes[v.node_id].text,
                                    v.value) for v in workshop.votes.values()
                                   if v.kind == "rating")
        report["parked"] = [(item.text, names.get(item.author_id)) for item in workshop.parked]
        report["problems"] = amap.problems() + workshop.problems()
        history = stored.history()
        report["events"] = history.count
        first = next(k for k in range(1, history.count + 1)
                     if stored.state_at(k).nodes)
        state = stored.state_at(first)
        report["replay_first_node"] = {"event": first, "kind": history.events[first - 1].kind,
                                       "nodes": [n.text for n in state.nodes.values()],
                                       "by": names.get(history.events[first - 1].participant_id)}
    check = subprocess.run([sys.executable, "-m", "debatemap", "check", str(path), "--json"],
                           capture_output=True, text=True, timeout=120)
    report["check"] = {"exit": check.returncode, "output": check.stdout.strip()[:400],
                       "stderr": check.stderr.strip()[-400:]}
    markdown = folder / "handout.md"
    text = markdown.read_text(encoding="utf-8")
    report["handout_md"] = {
        "characters": len(text),
        "questions": [q in text for q in (QUESTION_1, QUESTION_2)],
        "names": [name in text for name in PEOPLE],
        "parked": OFF_TOPIC.removeprefix("n ") in text,
        "votes_section": "Votes" in text,
        "image": (folder / handout_export.map_image_name(markdown)).stat().st_size,
    }
    votes = text.split("## Votes", 1)[-1].split("\n## ", 1)[0]
    report["handout_md_votes"] = [  # rank, card, dots, voters, mean rating, ratings
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in votes.splitlines() if line.startswith("| ") and line[2:3].isdigit()]
    pdf = folder / "handout.pdf"
    reader = PdfReader(pdf)
    report["handout_pdf"] = {"bytes": pdf.stat().st_size, "pages": len(reader.pages),
                             "has_question": QUESTION_1 in " ".join(
                                 " ".join(page.extract_text().split()) for page in reader.pages)}
    return report


def main() -> int:
    folder = Path(sys.argv[1])
    started = time.monotonic()
    QCoreApplication.setOrganizationName("DebatemapXvfbWorkshop")
    QCoreApplication.setApplicationName("DebatemapXvfbWorkshop")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    clock = FakeClock()
    # app/workshop_ui.py calls workshop_agenda.install(window): its countdown reads our clock
    workshop_agenda.install = functools.partial(workshop_agenda.install, clock=clock)
    shown: list = []
    dialogs.show_error = lambda _parent, title, text: shown.append(("error", title, text))
    dialogs.show_notice = lambda _parent, title, text: shown.append(("notice", title, text))

    path = folder / "workshop.debatemap"
    MapSession.create(path, TITLE).close()
    window = MainWindow()
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()
    assert window.open_path(path)
    window.activateWindow()
    scenario = Workshop(window, folder, clock)
    scenario.report["dialogs"] = shown
    try:
        wait_until(window.isActiveWindow, "the window to be active")
        scenario.run()
        scenario.report["file"] = read_back(path, folder)
    except Exception as error:  # report what happened so far
        scenario.report["error"] = f"{type(error).__name__}: {error}"
        QApplication.primaryScreen().grabWindow(0).save(str(folder / "error.png"))
    scenario.report["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(scenario.report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
