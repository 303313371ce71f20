"""Context menus of nodes, links and the empty canvas, and the small link-type popup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from debatemap.core.model import EdgeType, NodeKind
from debatemap.document.clipboard import has_fragment

if TYPE_CHECKING:
    from debatemap.canvas.view import MapView

#: Types a link between two nodes can be changed to (an undercut needs a link as target).
NODE_LINK_TYPES = [EdgeType.SUPPORT, EdgeType.ATTACK, EdgeType.PREMISE, EdgeType.CONCLUSION,
                   EdgeType.CONTRARY, EdgeType.CONTRADICTORY, EdgeType.ENTAILS]


def ask_link_type(parent: QWidget, global_pos: QPoint, allow_undercut: bool = False) -> str | None:
    """Support / Attack (/ Undercut) / Cancel as a popup at the pointer; None when cancelled."""
    menu = QMenu(parent)
    choices = {menu.addAction("Support"): EdgeType.SUPPORT, menu.addAction("Attack"): EdgeType.ATTACK}
    if allow_undercut:
        choices[menu.addAction("Undercut")] = EdgeType.UNDERCUT
    menu.addSeparator()
    menu.addAction("Cancel")
    chosen = menu.exec(global_pos)
    return str(choices[chosen]) if chosen in choices else None


def node_menu(view: "MapView", node_id: str) -> QMenu:
    document = view.map_scene().document
    node = document.map.nodes[node_id]
    selected = view.selected_node_ids()
    targets = selected if node_id in selected else [node_id]
    menu = QMenu(view)
    menu.addAction("Edit Text", lambda: view.edit_node(node_id)).setShortcut("F2")
    menu.addAction("Add Supporting Child", lambda: _child(view, node_id, EdgeType.SUPPORT)).setShortcut("Tab")
    menu.addAction("Add Attacking Child", lambda: _child(view, node_id, EdgeType.ATTACK)).setShortcut("Shift+Tab")
    kinds = menu.addMenu("Kind")
    group = QActionGroup(kinds)
    for kind in NodeKind:
        action = kinds.addAction(kind.value.capitalize())
        action.setCheckable(True)
        action.setChecked(str(node.kind) == kind.value)
        action.setData(kind.value)
        group.addAction(action)
        action.triggered.connect(lambda _=False, k=kind: document.set_node_kind(targets, k))
    pinned = all(document.map.nodes[i].pinned for i in targets)
    menu.addAction("Unpin Position" if pinned else "Pin Position",
                   lambda: document.set_pinned(targets, not pinned))
    source = menu.addAction("Go to Source", lambda: view.goToSourceRequested.emit(node_id))
    source.setEnabled(bool(node.excerpt_id))
    if len(targets) >= 2:
        menu.addAction("Make Joint Argument", lambda: document.make_joint_argument(targets))
    menu.addSeparator()
    menu.addAction("Why?", lambda: view.whyRequested.emit(node_id))
    _mark_menu(menu, document, node, targets)
    collapsed = view.is_collapsed(node_id)
    fold = menu.addAction("Expand" if collapsed else "Collapse", lambda: view.toggle_collapsed(node_id))
    fold.setShortcut("Ctrl+Shift+C")
    fold.setEnabled(collapsed or view.has_children(node_id))
    menu.addAction("Focus Here", lambda: view.focus_on(node_id)).setShortcut("Ctrl+Shift+F")
    # tools installed beside the canvas (workshop voting, ...) add their own entries here
    for extend in getattr(view, "node_menu_extensions", ()):
        extend(menu, node_id, targets)
    menu.addSeparator()
    delete = menu.addAction("Delete", lambda: document.remove_items(targets))
    delete.setShortcut("Del")
    return menu


#: The Mark submenu: manual evaluation marks (Rationale style) that override the computed label.
MARKS = [("Accept", "accept"), ("Reject", "reject"), ("Undecided", "undecided")]


def _mark_menu(menu: QMenu, document, node, targets: list[str]) -> None:
    marks = menu.addMenu("Mark")
    group = QActionGroup(marks)
    current = {getattr(document.map.nodes[i], "mark", None) for i in targets}
    for text, mark in MARKS:
        action = marks.addAction(text)
        action.setCheckable(True)
        action.setChecked(current == {mark})
        action.setData(mark)
        group.addAction(action)
        action.triggered.connect(lambda _=False, m=mark: document.set_mark(targets, m))
    marks.addSeparator()
    clear = marks.addAction("Clear Mark", lambda: document.set_mark(targets, None))
    clear.setEnabled(current != {None})


def _child(view: "MapView", node_id: str, edge_type: str) -> None:
    view.select_items([node_id])
    view.add_child(edge_type)


def edge_menu(view: "MapView", edge_id: str) -> QMenu:
    document = view.map_scene().document
    edge = document.map.edges[edge_id]
    selected = view.selected_edge_ids()
    targets = selected if edge_id in selected else [edge_id]
    menu = QMenu(view)
    types = menu.addMenu("Link Type")
    group = QActionGroup(types)
    on_edge = edge.target in document.map.edges
    for edge_type in ([EdgeType.UNDERCUT] if on_edge else NODE_LINK_TYPES):
        action = types.addAction(edge_type.value.capitalize())
        action.setCheckable(True)
        action.setChecked(str(edge.type) == edge_type.value)
        action.setData(edge_type.value)
        group.addAction(action)
        action.triggered.connect(lambda _=False, t=edge_type: document.set_edge_type(targets, t))
    if not on_edge and str(edge.type) in (EdgeType.SUPPORT, EdgeType.ATTACK):
        flip = EdgeType.ATTACK if str(edge.type) == EdgeType.SUPPORT else EdgeType.SUPPORT
        menu.addAction(f"Make {flip.value.capitalize()}", lambda: document.set_edge_type(targets, flip))
    menu.addSeparator()
    menu.addAction("Delete Link", lambda: document.remove_items((), targets)).setShortcut("Del")
    return menu


def canvas_menu(view: "MapView", scene_pos: QPointF) -> QMenu:
    menu = QMenu(view)
    menu.addAction("New Claim Here", lambda: view.start_new_node(scene_pos))
    paste = menu.addAction("Paste Here", lambda: view.paste_at(scene_pos))
    paste.setEnabled(has_fragment(QGuiApplication.clipboard().mimeData()))
    menu.addSeparator()
    if view.focused_node() is not None:
        menu.addAction("Show Whole Map", view.clear_focus).setShortcut("Ctrl+Shift+0")
    back = menu.addAction("Back", view.focus_back)
    back.setShortcut("Ctrl+[")
    back.setEnabled(view.can_go_back())
    forward = menu.addAction("Forward", view.focus_forward)
    forward.setShortcut("Ctrl+]")
    forward.setEnabled(view.can_go_forward())
    labels = menu.addAction("Show Evaluation Labels")
    labels.setCheckable(True)
    labels.setChecked(view.labels_visible())
    labels.toggled.connect(view.set_labels_visible)
    menu.addSeparator()
    menu.addAction("Select All", view.select_all).setShortcut("Ctrl+A")
    menu.addAction("Fit Map", view.fit_all).setShortcut("Ctrl+0")
    menu.addAction("Show Overview" if not view.minimap_visible() else "Hide Overview",
                   lambda: view.set_minimap_visible(not view.minimap_visible()))
    return menu


def action_named(menu: QMenu, text: str) -> QAction | None:
    """The action with this text in the menu or its submenus (tests and scripts use it)."""
    for action in menu.actions():
        if action.text().replace("&", "") == text:
            return action
        if action.menu() is not None:
            found = action_named(action.menu(), text)
            if found is not None:
                return found
    return None
