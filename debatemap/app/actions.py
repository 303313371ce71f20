"""EditActions: the Edit, Map and View menu actions on the canvas selection, and what they do."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from debatemap.core.model import EdgeType, NodeKind
from debatemap.document.clipboard import fragment_origin, has_fragment

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow

Key = QKeySequence.StandardKey
ALIGN_MODES = (("left", "Align &Left"), ("right", "Align &Right"), ("top", "Align &Top"),
               ("bottom", "Align &Bottom"), ("hcenter", "Align &Centres Horizontally"),
               ("vcenter", "Align Centres &Vertically"))


class EditActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.node_ids: list[str] = []
        self.edge_ids: list[str] = []
        self.needs_nodes: list[tuple[QAction, int]] = []  # enabled with at least n nodes selected

    @property
    def view(self):
        return self.window.view

    @property
    def document(self):
        return self.window.document

    def action(self, menu: QMenu, text: str, slot: Callable, keys=None, *, nodes: int = 0,
               tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if isinstance(keys, Key):
            keys = QKeySequence.keyBindings(keys)
        if isinstance(keys, list):
            action.setShortcuts(keys)
        elif keys is not None:
            action.setShortcut(keys)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.window.addAction(action)  # shortcuts work wherever the focus is in the window
        if nodes:
            self.needs_nodes.append((action, nodes))
        return action

    # ---- menus ---------------------------------------------------------------------------

    def fill_edit_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        self.cut = self.action(menu, "Cu&t", self.cut_selection, Key.Cut, nodes=1)
        self.copy = self.action(menu, "&Copy", self.copy_selection, Key.Copy, nodes=1)
        self.paste = self.action(menu, "&Paste", self.paste_clipboard, Key.Paste)
        self.duplicate = self.action(menu, "D&uplicate", self.duplicate_selection,
                                     QKeySequence("Ctrl+D"), nodes=1)
        self.delete = self.action(menu, "&Delete", self.delete_selection, Key.Delete)
        menu.addSeparator()
        self.select_all = self.action(menu, "Select &All", self.view.select_all, Key.SelectAll)
        self.edit_text = self.action(menu, "&Edit Text", self.edit_selected_text,
                                     QKeySequence("F2"), nodes=1)
        menu.addSeparator()
        self.find = self.action(menu, "&Find…", self.window.find_dock.open, Key.Find)

    def fill_map_menu(self, menu: QMenu) -> None:
        self.add_child = self.action(menu, "Add &Supporting Claim",
                                     lambda: self.view.add_child(EdgeType.SUPPORT), nodes=1)
        self.add_attack = self.action(menu, "Add &Attacking Claim",
                                      lambda: self.view.add_child(EdgeType.ATTACK), nodes=1)
        self.add_sibling = self.action(menu, "Add Si&bling", self.view.add_sibling,
                                       nodes=1)
        menu.addSeparator()
        align = menu.addMenu("A&lign")
        self.align_actions = {
            mode: self.action(align, text, lambda m=mode: self.view.align_selection(m),
                              nodes=2)
            for mode, text in ALIGN_MODES
        }
        distribute = menu.addMenu("&Distribute")
        self.distribute_actions = {
            way: self.action(distribute, text,
                             lambda w=way: self.view.distribute_selection(w), nodes=3)
            for way, text in (("horizontal", "&Horizontally"), ("vertical", "&Vertically"))
        }
        menu.addSeparator()
        self.pin = self.action(menu, "&Pin", lambda: self.set_pinned(True), nodes=1)
        self.unpin = self.action(menu, "U&npin", lambda: self.set_pinned(False), nodes=1)
        kind_menu = menu.addMenu("Set &Kind")
        self.kind_group = QActionGroup(self)
        self.kind_actions = {}
        for number, kind in enumerate(NodeKind, start=1):
            keys = QKeySequence(f"Ctrl+{number}") if number <= 8 else None
            action = self.action(kind_menu, kind.value.capitalize(),
                                 lambda k=kind: self.set_kind(k), keys, nodes=1)
            action.setCheckable(True)
            self.kind_group.addAction(action)
            self.kind_actions[kind] = action
        self.joint = self.action(menu, "Make &Joint Argument", self.make_joint_argument,
                                 QKeySequence("Ctrl+J"), nodes=2,
                                 tip="The selected claims become co-premises of one argument")
        menu.addSeparator()
        self.go_to_source = self.action(menu, "&Go to Source", self.go_to_selected_source,
                                        QKeySequence("Ctrl+Alt+G"), nodes=1)

    def fill_view_menu(self, menu: QMenu) -> None:
        view = self.window.view
        self.zoom_in = self.action(menu, "Zoom &In", view.zoom_in,
                                   QKeySequence.keyBindings(Key.ZoomIn) + [QKeySequence("Ctrl+=")])
        self.zoom_out = self.action(menu, "Zoom &Out", view.zoom_out, Key.ZoomOut)
        self.actual_size = self.action(menu, "&Actual Size", view.reset_zoom,
                                       QKeySequence("Ctrl+Alt+0"))
        self.fit = self.action(menu, "&Fit Map", view.fit_all, QKeySequence("Ctrl+0"))
        self.minimap = self.action(menu, "Show &Minimap", self.toggle_minimap, QKeySequence("Ctrl+M"))
        self.minimap.setCheckable(True)
        self.minimap.setChecked(view.minimap_visible())

    # ---- enabling ------------------------------------------------------------------------

    def selection_changed(self, node_ids: list[str], edge_ids: list[str]) -> None:
        self.node_ids, self.edge_ids = list(node_ids), list(edge_ids)
        self.update_enabled()

    def update_enabled(self) -> None:
        has_map = self.document is not None
        count = len(self.node_ids)
        for action, needed in self.needs_nodes:
            action.setEnabled(has_map and count >= needed)
        self.delete.setEnabled(has_map and bool(self.node_ids or self.edge_ids))
        self.select_all.setEnabled(has_map)
        self.paste.setEnabled(has_map and has_fragment(QApplication.clipboard().mimeData()))
        self.find.setEnabled(has_map)
        amap = self.document.map if has_map else None
        kinds = {str(amap.nodes[i].kind) for i in self.node_ids if i in amap.nodes} if amap else set()
        for kind, action in self.kind_actions.items():
            action.setChecked(kinds == {kind.value})
        cited = bool(amap) and any(
            amap.nodes[i].excerpt_id for i in self.node_ids if i in amap.nodes
        )
        self.go_to_source.setEnabled(cited)

    # ---- what they do --------------------------------------------------------------------

    def copy_selection(self) -> None:
        if self.document is not None and self.node_ids:
            QApplication.clipboard().setMimeData(self.document.copy_mime(self.node_ids))
            self.update_enabled()

    def cut_selection(self) -> None:
        if self.document is not None and self.node_ids:
            QApplication.clipboard().setMimeData(self.document.cut(self.node_ids))
            self.update_enabled()

    def paste_clipboard(self) -> None:
        mime = QApplication.clipboard().mimeData()
        if self.document is None or not has_fragment(mime):
            self.window.statusBar().showMessage("The clipboard holds no claims to paste.", 5000)
            return
        x, y = self.view.paste_position()
        first = fragment_origin(mime)
        offset = (x - first[0], y - first[1]) if first else (30.0, 30.0)
        pasted = self.document.paste_mime(mime, offset)
        if pasted:
            self.view.select_items(pasted)

    def duplicate_selection(self) -> None:
        if self.document is not None and self.node_ids:
            copies = self.document.duplicate(self.node_ids)
            if copies:
                self.view.select_items(copies)

    def delete_selection(self) -> None:
        if self.document is not None and not self.view.delete_selection():
            self.window.statusBar().showMessage("Select claims or links to delete.", 5000)

    def edit_selected_text(self) -> None:
        self.view.edit_node()

    def set_pinned(self, pinned: bool) -> None:
        if self.document is not None and self.node_ids:
            self.document.set_pinned(self.node_ids, pinned)

    def set_kind(self, kind: NodeKind) -> None:
        if self.document is not None and self.node_ids:
            self.document.set_node_kind(self.node_ids, kind)

    def make_joint_argument(self) -> None:
        if self.document is not None:
            argument = self.document.make_joint_argument(self.node_ids)
            if argument is not None:
                self.view.select_items([argument.id])

    def go_to_selected_source(self) -> None:
        for node_id in self.node_ids:
            if self.window.go_to_source(node_id):
                return

    def toggle_minimap(self) -> None:
        self.view.set_minimap_visible(self.minimap.isChecked())

