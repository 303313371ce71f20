"""NavigationMixin (for MapView): collapse/expand, focus with back/forward history, labels.

All of it is view state: nothing is written to the map, nothing is saved. The scene is told
which items to hide after every change of the map (``apply_visibility`` follows the scene's
``mapChanged``), so new nodes under a collapsed node stay hidden and its "+N" count follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from debatemap.canvas.visibility import children_of, collapsed_hidden, hidden_edges, neighbourhood


@dataclass(frozen=True)
class FocusState:
    """One entry of the focus history: a node and how many link steps around it (or the whole
    map when ``node`` is None)."""

    node: str | None = None
    levels: int = 2


WHOLE_MAP = FocusState()


class NavigationMixin:
    """Needs ``self._map_scene``, ``self.focusChanged`` and ``self.fit_rect``/``fit_all``."""

    def init_navigation(self) -> None:
        self._collapsed: set[str] = set()
        self._history: list[FocusState] = [WHOLE_MAP]
        self._history_at = 0
        self._labels_visible = True

    def reset_navigation(self) -> None:
        """A new map: nothing collapsed, no focus, empty history."""
        changed = self._focus_state() != WHOLE_MAP or self._history_at or len(self._history) > 1
        self._collapsed = set()
        self._history = [WHOLE_MAP]
        self._history_at = 0
        if self._map_scene is not None:
            self._map_scene.set_labels_visible(self._labels_visible)
            self.apply_visibility()
        if changed:
            self.focusChanged.emit()

    # ---- evaluation labels ---------------------------------------------------------------

    def set_labels_visible(self, visible: bool) -> None:
        """Show or hide the evaluation badges on the cards (on by default)."""
        self._labels_visible = bool(visible)
        if self._map_scene is not None:
            self._map_scene.set_labels_visible(self._labels_visible)

    def labels_visible(self) -> bool:
        return self._labels_visible

    # ---- collapse ------------------------------------------------------------------------

    def is_collapsed(self, node_id: str) -> bool:
        return node_id in self._collapsed

    def collapsed_ids(self) -> set[str]:
        return set(self._collapsed)

    def set_collapsed(self, node_id: str, collapsed: bool) -> bool:
        """Collapse (hide what hangs below) or expand a node; True when that changed."""
        if self._map_scene is None or node_id not in self._map_scene.document.map.nodes:
            return False
        if collapsed == (node_id in self._collapsed):
            return False
        if collapsed:
            self._collapsed.add(node_id)
        else:
            self._collapsed.discard(node_id)
        self.apply_visibility()
        return True

    def toggle_collapsed(self, node_id: str) -> bool:
        return self.set_collapsed(node_id, node_id not in self._collapsed)

    def has_children(self, node_id: str) -> bool:
        """Whether anything hangs below the node (something to collapse)."""
        scene = self._map_scene
        return scene is not None and bool(children_of(scene.document.map).get(node_id))

    # ---- focus ---------------------------------------------------------------------------

    def _focus_state(self) -> FocusState:
        return self._history[self._history_at]

    def focused_node(self) -> str | None:
        return self._focus_state().node

    def focus_levels(self) -> int:
        return self._focus_state().levels

    def focus_on(self, node_id: str, levels: int = 2) -> bool:
        """Show only the node and the nodes within ``levels`` link steps of it (any
        direction), fitted into the view; a new entry of the focus history."""
        scene = self._map_scene
        if scene is None or node_id not in scene.document.map.nodes:
            return False
        return self._go_to(FocusState(node_id, max(0, int(levels))))

    def clear_focus(self) -> bool:
        """Show the whole map again (an entry of the history, so Back returns to the focus)."""
        if self._focus_state() == WHOLE_MAP:
            return False
        return self._go_to(WHOLE_MAP)

    def _go_to(self, state: FocusState) -> bool:
        if state == self._focus_state():
            self._show_focus()
            return False
        del self._history[self._history_at + 1:]
        self._history.append(state)
        self._history_at += 1
        self._show_focus()
        self.focusChanged.emit()
        return True

    def can_go_back(self) -> bool:
        return self._history_at > 0

    def can_go_forward(self) -> bool:
        return self._history_at < len(self._history) - 1

    def focus_back(self) -> bool:
        if not self.can_go_back():
            return False
        self._history_at -= 1
        self._show_focus()
        self.focusChanged.emit()
        return True

    def focus_forward(self) -> bool:
        if not self.can_go_forward():
            return False
        self._history_at += 1
        self._show_focus()
        self.focusChanged.emit()
        return True

    def _show_focus(self) -> None:
        self.apply_visibility()
        scene = self._map_scene
        if scene is None:
            return
        if self.focused_node() is not None:
            self.fit_rect(scene.visible_bounds())
        else:
            self.fit_all()

    # ---- applying it ---------------------------------------------------------------------

    def hidden_node_ids(self) -> set[str]:
        scene = self._map_scene
        return set(scene.hidden_nodes) if scene is not None else set()

    def apply_visibility(self) -> None:
        """Tell the scene what to hide, from the collapsed nodes and the focus."""
        scene = self._map_scene
        if scene is None:
            return
        amap = scene.document.map
        hidden, counts = collapsed_hidden(amap, self._collapsed)
        focus = self._focus_state()
        if focus.node is not None and focus.node in amap.nodes:
            shown = neighbourhood(amap, focus.node, focus.levels)
            hidden |= {n for n in amap.nodes if n not in shown}
            hidden.discard(focus.node)
        if not hidden and not scene.hidden_nodes and not counts and not scene.hidden_counts:
            return  # the common case: nothing hidden before or now
        scene.set_hidden(hidden, hidden_edges(amap, hidden), counts)
        minimap = getattr(self, "minimap", None)
        if minimap is not None:
            minimap.invalidate()
            self.update_minimap()
