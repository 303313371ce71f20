"""ShortcutsWindow: every menu action with a shortcut, grouped by menu, and the canvas keys; searchable."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from debatemap.canvas.shortcuts import CANVAS_SHORTCUTS

CANVAS_GROUP = "Canvas"


def canvas_shortcuts() -> list[tuple[str, str]]:
    """(keys, description) of the canvas' own keys."""
    return [(str(keys), str(description)) for keys, description in CANVAS_SHORTCUTS]


def menu_shortcuts(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for each menu action with a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{group} › {_plain(action.text())}")
            elif not action.isSeparator() and action.shortcuts():
                keys = ", ".join(
                    s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
                )
                rows.append((group, _plain(action.text()), keys))

    for top in bar.actions():
        if top.menu() is not None:
            walk(top.menu(), _plain(top.text()))
    return rows


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class ShortcutsWindow(QDialog):
    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(560, 620)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Search shortcuts…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.rows = menu_shortcuts(bar) + [(CANVAS_GROUP, d, k) for k, d in canvas_shortcuts()]
        self._fill()

    def _fill(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for group, text, keys in self.rows:
            parent = groups.get(group)
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [group])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                parent.setFirstColumnSpanned(True)
                groups[group] = parent
            QTreeWidgetItem(parent, [text, keys])
        self.tree.expandAll()

    def apply_filter(self, query: str) -> None:
        needle = query.casefold().strip()
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            shown = 0
            for row in range(group.childCount()):
                child = group.child(row)
                hit = not needle or any(needle in child.text(c).casefold() for c in (0, 1)) \
                    or needle in group.text(0).casefold()
                child.setHidden(not hit)
                shown += hit
            group.setHidden(shown == 0)

    def visible_rows(self) -> list[tuple[str, str, str]]:
        found = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group.isHidden():
                continue
            for row in range(group.childCount()):
                child = group.child(row)
                if not child.isHidden():
                    found.append((group.text(0), child.text(0), child.text(1)))
        return found
