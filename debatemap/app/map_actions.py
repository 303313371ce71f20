"""MapActions: layout, evaluation, marks, collapse and focus — Map and View menu actions.

Layout and marks are MapDocument intents (one undo step each); semantics, layout direction
and label visibility are settings (QSettings) applied to the open map and the view. Collapse
and focus are the view's own (MapView.toggle_collapsed, focus_on, focus_back, ...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from debatemap.app.background import Cancelled, run_in_background
from debatemap.core.errors import DebatemapError

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow

BACKGROUND_LAYOUT_NODES = 2000  # from this many nodes the layout is computed in a worker thread

DIRECTION_KEY = "map/layoutDirection"
SEMANTICS_KEY = "evaluation/semantics"
SHOW_LABELS_KEY = "evaluation/showLabels"
DIRECTIONS = (("TB", "&Top to Bottom"), ("LR", "&Left to Right"))
SEMANTICS = (("grounded", "&Grounded (sceptical, one answer)"),
             ("preferred", "&Preferred (sceptical over all extensions)"))
MARKS = (("accept", "&Accept"), ("reject", "&Reject"), ("undecided", "&Undecided"),
         (None, "&Clear Mark"))
# Back/Forward: the platform's keys, except the Alt+Left/Right that the canvas uses to nudge
# the selected nodes; Ctrl+[ and Ctrl+] work everywhere.
CANVAS_KEYS = {QKeySequence("Alt+Left"), QKeySequence("Alt+Right")}


def _setting(key: str, default: str, allowed) -> str:
    value = str(QSettings().value(key, default))
    return value if value in allowed else default


def _bool_setting(key: str, default: bool) -> bool:
    value = QSettings().value(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def history_keys(standard: QKeySequence.StandardKey, extra: str) -> list[QKeySequence]:
    keys = [k for k in QKeySequence.keyBindings(standard) if k not in CANVAS_KEYS and not k.isEmpty()]
    keys.append(QKeySequence(extra))
    return keys


class MapActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window

    @property
    def view(self):
        return self.window.view

    @property
    def document(self):
        return self.window.document

    @property
    def node_ids(self) -> list[str]:
        return self.window.edit_actions.node_ids

    def _add(self, *args, **kwargs):
        return self.window.edit_actions.action(*args, **kwargs)

    def _choices(self, menu, choices, current: str, choose) -> tuple[QActionGroup, dict]:
        """One checkable action per (value, text) in an exclusive group; ``current`` checked."""
        group, actions = QActionGroup(self), {}
        for value, text in choices:
            action = self._add(menu, text, lambda v=value: choose(v))
            action.setCheckable(True)
            action.setChecked(value == current)
            group.addAction(action)
            actions[value] = action
        return group, actions

    # ---- settings ------------------------------------------------------------------------

    @staticmethod
    def direction() -> str:
        return _setting(DIRECTION_KEY, "TB", {"TB", "LR"})

    @staticmethod
    def semantics() -> str:
        return _setting(SEMANTICS_KEY, "grounded", {"grounded", "preferred"})

    @staticmethod
    def labels_shown() -> bool:
        return _bool_setting(SHOW_LABELS_KEY, True)

    # ---- menus ---------------------------------------------------------------------------

    def fill_map_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        self.tidy = self._add(menu, "&Tidy Up", lambda: self.arrange(False), QKeySequence("Ctrl+L"),
                              tip="Place the unpinned nodes around the pinned ones")
        self.relayout = self._add(menu, "Re-layout &All", lambda: self.arrange(True),
                                  QKeySequence("Ctrl+Shift+L"),
                                  tip="Place every node, pinned ones too (one undo step)")
        direction_menu = menu.addMenu("Layout Di&rection")
        self.direction_group, self.direction_actions = self._choices(
            direction_menu, DIRECTIONS, self.direction(), self.set_direction)

        menu.addSeparator()
        evaluation_menu = menu.addMenu("&Evaluation")
        self.semantics_group, self.semantics_actions = self._choices(
            evaluation_menu, SEMANTICS, self.semantics(), self.set_semantics)
        evaluation_menu.addSeparator()
        self.show_labels = self._add(evaluation_menu, "Show &Labels", self.toggle_labels,
                                     QKeySequence("Ctrl+Alt+E"))
        self.show_labels.setCheckable(True)
        self.show_labels.setChecked(self.labels_shown())
        self.why = self._add(evaluation_menu, "&Why?", self.explain_selected,
                             QKeySequence("Ctrl+Alt+W"), nodes=1,
                             tip="Why the selected node is in, out or undecided")
        mark_menu = menu.addMenu("Mar&k")
        self.mark_actions = {
            mark: self._add(mark_menu, text, lambda m=mark: self.mark(m), nodes=1)
            for mark, text in MARKS
        }

    def fill_view_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        self.collapse = self._add(menu, "&Collapse/Expand", self.toggle_collapsed,
                                  QKeySequence("Ctrl+Shift+C"), nodes=1,
                                  tip="Hide or show what hangs below the selected node")
        self.focus = self._add(menu, "Focus on &Selection", self.focus_selection,
                               [QKeySequence("Ctrl+Shift+F"), QKeySequence("F6")], nodes=1,
                               tip="Show only the selected node and two levels around it")
        self.back = self._add(menu, "&Back", self.focus_back,
                              history_keys(QKeySequence.StandardKey.Back, "Ctrl+["))
        self.forward = self._add(menu, "For&ward", self.focus_forward,
                                 history_keys(QKeySequence.StandardKey.Forward, "Ctrl+]"))
        self.clear_focus = self._add(menu, "Clear F&ocus", self.clear_focus_view,
                                     QKeySequence("Ctrl+Shift+0"))

    # ---- applying settings to a newly opened map -----------------------------------------

    def document_switched(self) -> None:
        document = self.document
        if document is not None:
            document.semanticsChanged.connect(self._semantics_changed)
            document.set_semantics(self.semantics())
        self._call_view("set_labels_visible", self.show_labels.isChecked())
        self.update_enabled()

    def update_enabled(self) -> None:
        has_map = self.document is not None
        for action in (self.tidy, self.relayout):
            action.setEnabled(has_map)
        self.back.setEnabled(has_map and bool(self._call_view("can_go_back")))
        self.forward.setEnabled(has_map and bool(self._call_view("can_go_forward")))
        self.clear_focus.setEnabled(has_map)

    # ---- what they do --------------------------------------------------------------------

    def arrange(self, move_all: bool) -> bool:
        if self.document is None:
            return False
        sizes = {}
        scene = self.window.scene
        if scene is not None:
            for node_id, item in scene.node_items.items():
                sizes[node_id] = (item.rect.width(), item.rect.height())
        plan = self.document.layout_plan(move_all, self.direction(), sizes)
        try:
            if len(self.document.map.nodes) < BACKGROUND_LAYOUT_NODES:
                positions = plan()
            else:  # about 0.1 s per 10,000 nodes: computed off the GUI thread
                positions = run_in_background(self.window, "Laying Out",
                                              f"Laying out {len(sizes):,} cards…", plan)
        except Cancelled:
            self.window.statusBar().showMessage("Layout cancelled: nothing moved.", 5000)
            return False
        except DebatemapError as error:
            self.document.errorOccurred.emit(f"Could not lay out the map: {error}")
            return False
        done = self.document.apply_layout(positions, move_all)
        status = self.window.statusBar()
        if done:
            count = len(self.document.undo_stack.command(
                self.document.undo_stack.index() - 1).positions)
            status.showMessage(f"{'Re-laid out' if move_all else 'Tidied up'}: {count} nodes"
                               " moved (Ctrl+Z undoes it).", 6000)
        else:
            status.showMessage("Every node is already in place.", 5000)
        return done

    def set_direction(self, direction: str) -> None:
        QSettings().setValue(DIRECTION_KEY, direction)
        self.direction_actions[direction].setChecked(True)

    def set_semantics(self, semantics: str) -> None:
        QSettings().setValue(SEMANTICS_KEY, semantics)
        if self.document is not None:
            self.document.set_semantics(semantics)
        self.semantics_actions[semantics].setChecked(True)

    def _semantics_changed(self, semantics: str) -> None:
        """The document fell back (preferred too large) or switched: the menu follows."""
        action = self.semantics_actions.get(semantics)
        if action is not None:
            action.setChecked(True)

    def toggle_labels(self) -> None:
        shown = self.show_labels.isChecked()
        QSettings().setValue(SHOW_LABELS_KEY, shown)
        self._call_view("set_labels_visible", shown)

    def explain_selected(self) -> None:
        if self.node_ids:
            self.window.explain(self.node_ids[0])

    def mark(self, mark: str | None) -> None:
        if self.document is not None and self.node_ids:
            self.document.set_mark(self.node_ids, mark)

    def toggle_collapsed(self) -> None:
        if self.node_ids:
            self._call_view("toggle_collapsed", self.node_ids[0])

    def focus_selection(self) -> None:
        if self.node_ids:
            self._call_view("focus_on", self.node_ids[0])
            self.update_enabled()

    def focus_back(self) -> None:
        self._call_view("focus_back")
        self.update_enabled()

    def focus_forward(self) -> None:
        self._call_view("focus_forward")
        self.update_enabled()

    def clear_focus_view(self) -> None:
        self._call_view("clear_focus")
        self.update_enabled()

    def _call_view(self, name: str, *args):
        """Call a MapView method; say so in the status bar if this build's view lacks it."""
        method = getattr(self.view, name, None)
        if method is None:
            if not name.startswith("can_"):
                self.window.statusBar().showMessage(f"The canvas cannot {name} yet.", 5000)
            return None
        return method(*args)
