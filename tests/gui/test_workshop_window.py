"""The real main window carries every workshop tool at once, with no clashing keys."""

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from debatemap.app.main_window import MainWindow


def _window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_tool_is_installed_once_with_its_menu_entries(qtbot):
    window = _window(qtbot)
    tools = window.workshop_tools
    assert tools is not None
    texts = [a.text().replace("&", "") for a in window.workshop_menu.actions()]
    for expected in ("Participants", "Agenda", "Votes", "Parking Lot", "Replay"):
        assert any(expected in text for text in texts), (expected, texts)
    titles = Counter(dock.windowTitle() for dock in window.findChildren(QDockWidget))
    assert all(count == 1 for count in titles.values()), titles
    window.close()


def test_no_two_actions_share_a_shortcut(qtbot):
    window = _window(qtbot)
    seen: dict[str, list[QAction]] = {}
    for action in window.findChildren(QAction):
        if not action.associatedObjects():  # in no menu or widget: its keys do nothing
            continue
        for key in action.shortcuts():
            if key.isEmpty():
                continue
            name = key.toString(QKeySequence.SequenceFormat.PortableText)
            seen.setdefault(name, []).append(action)
    clashes = {key: [a.text() for a in actions] for key, actions in seen.items() if len(actions) > 1}
    assert clashes == {}
    window.close()


def test_capture_in_the_full_window_goes_to_the_open_map(qtbot, map_path):
    window = _window(qtbot)
    window.open_path(map_path)
    document = window.document
    thesis = next(n for n in document.map.nodes.values() if n.text == "Make transit free")
    window.view.select_items([thesis.id])
    document.workshop.add_participant("Ana")
    ana = document.workshop.participants[0].id
    document.workshop.set_current_speaker(ana)
    line = window.workshop_tools.people.bar.line
    line.setFocus()
    qtbot.keyClicks(line, "+Buses would run on time")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    added = [n for n in document.map.nodes.values() if n.text == "Buses would run on time"]
    assert len(added) == 1 and added[0].author_id == ana
    assert any(e.type == "support" and e.source == added[0].id and e.target == thesis.id
               for e in document.map.edges.values())
    window.close()
