"""The main window's menu bar: File, Edit, Map, View, Help, and the docks' toggles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from debatemap.app import dialogs
from debatemap.app.audience import FOLLOW_FOCUS, MIRROR_VIEW
from debatemap.app.exporting import export_map
from debatemap.app.map_import import import_map

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow


def build_menus(window: "MainWindow") -> None:
    bar = window.menuBar()
    add = window.edit_actions.action
    file_menu = bar.addMenu("&File")
    window.new_action = add(file_menu, "&New…", window.new_map, QKeySequence.StandardKey.New)
    window.open_action = add(file_menu, "&Open…", window.open_map, QKeySequence("Ctrl+O"))
    window.recent_menu = file_menu.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(window.rebuild_recent_menu)
    window.rebuild_recent_menu()
    file_menu.addSeparator()
    window.import_action = add(
        file_menu, "&Import Documents…", window.import_documents, QKeySequence("Ctrl+Shift+I")
    )
    window.import_map_action = add(file_menu, "Import &Map…", lambda: import_map(window))
    window.import_map_action.setStatusTip(
        "Make a new map from an Argdown, AIF/OVA, Kialo or Compendium file and open it"
    )
    window.reimport_action = add(file_menu, "&Re-import Document…", window.reimport_document)
    window.reimport_action.setStatusTip(
        "Replace the selected document by a newer version; claims taken from it are re-anchored"
    )
    file_menu.addSeparator()
    window.save_as_action = add(file_menu, "Save &As…", window.save_as, QKeySequence("Ctrl+Shift+S"))
    window.export_action = add(file_menu, "&Export…", lambda: export_map(window), QKeySequence("Ctrl+E"))
    window.export_action.setStatusTip("Write the map as PNG, SVG or PDF (or only the selected cards),"
                                       " or as Argdown, AIF/OVA, GraphML, Markdown or Kialo")
    file_menu.addSeparator()
    window.quit_action = add(file_menu, "&Quit", window.close, QKeySequence("Ctrl+Q"))
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    window.edit_menu = bar.addMenu("&Edit")
    window.undo_action = add(window.edit_menu, "&Undo", lambda: None, QKeySequence.StandardKey.Undo)
    window.redo_action = add(window.edit_menu, "&Redo", lambda: None, QKeySequence.StandardKey.Redo)
    window._edit_separator = window.edit_menu.addSeparator()
    window.edit_actions.fill_edit_menu(window.edit_menu)
    window.delete_action = window.edit_actions.delete
    window.edit_menu.addSeparator()
    window.rename_action = add(window.edit_menu, "Re&name Map…", window.rename_map)

    window.map_menu = bar.addMenu("&Map")
    window.edit_actions.fill_map_menu(window.map_menu)
    window.map_actions.fill_map_menu(window.map_menu)

    view_menu = bar.addMenu("&View")
    window.edit_actions.fill_view_menu(view_menu)
    window.map_actions.fill_view_menu(view_menu)
    view_menu.addSeparator()
    for dock, text, keys in (
        (window.document_panel, "&Documents", "Ctrl+Shift+D"),
        (window.inspector, "&Inspector", "Ctrl+Alt+I"),
        (window.history_dock, "Undo &History", "Ctrl+Alt+H"),
        (window.find_dock, "F&ind Results", None),
        (window.analysis_dock, "&Analysis", "Ctrl+Alt+A"),
    ):
        toggle = dock.toggleViewAction()
        toggle.setText(text)
        if keys:
            toggle.setShortcut(QKeySequence(keys))
        view_menu.addAction(toggle)
        window.addAction(toggle)
    view_menu.addSeparator()
    add_presentation_actions(window, view_menu)
    window.documents_toggle = window.document_panel.toggleViewAction()
    window.inspector_toggle = window.inspector.toggleViewAction()
    window.history_toggle = window.history_dock.toggleViewAction()
    window.analysis_toggle = window.analysis_dock.toggleViewAction()
    window.view_menu = view_menu

    # filled by the workshop tools (app/workshop_ui.py): capture, participants, agenda, votes...
    window.workshop_menu = bar.addMenu("&Workshop")

    help_menu = bar.addMenu("&Help")
    window.shortcuts_action = add(help_menu, "&Keyboard Shortcuts…", window.show_shortcuts,
                                  QKeySequence("Ctrl+/"))
    window.about_action = add(help_menu, "&About Debatemap", lambda: dialogs.show_about(window))
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)


def add_presentation_actions(window: "MainWindow", menu) -> None:
    """Present (F5), the audience window (Ctrl+Shift+F5) and what the audience follows."""
    add = window.edit_actions.action
    window.present_action = add(
        menu, "&Present", window.presentation.toggle, QKeySequence("F5"),
        tip="Full screen in large, high-contrast type, the selected question framed. Space/Page"
            " Down: next, Page Up: previous, +/-: zoom, Home: fit, Esc: leave")
    window.present_action.setCheckable(True)
    window.presentation.activeChanged.connect(window.present_action.setChecked)
    window.audience_action = add(
        menu, "Audience &Window",
        lambda: window.audience.set_open(window.audience_action.isChecked()),
        QKeySequence("Ctrl+Shift+F5"),
        tip="A read-only view of the map for a second screen, following the presented question")
    window.audience_action.setCheckable(True)
    window.audience.openChanged.connect(window.audience_action.setChecked)
    window.audience.share_actions([window.present_action, window.audience_action])
    follows = menu.addMenu("Audience &Shows")
    group = QActionGroup(window)
    window.audience_follow_actions = {}
    for mode, text in ((FOLLOW_FOCUS, "The &Presented Question"), (MIRROR_VIEW, "What &I See")):
        action = add(follows, text, lambda m=mode: window.audience.set_follow_mode(m))
        action.setCheckable(True)
        action.setChecked(window.audience.follow_mode() == mode)
        group.addAction(action)
        window.audience_follow_actions[mode] = action
