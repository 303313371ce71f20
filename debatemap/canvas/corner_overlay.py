"""CornerOverlay: keeps one small widget (e.g. a countdown) in the top-right corner of a view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

MARGIN = 16


class CornerOverlay(QObject):
    """The slot for an unobtrusive widget over a view's top-right corner. The widget becomes a
    child of the view (not of the viewport, which scrolls its children with the map), keeps its
    size hint and follows the view's resizes. ``set_widget(None)`` gives the slot up."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(view)
        self._view = view
        self._widget: QWidget | None = None
        self._shown = True
        view.installEventFilter(self)

    def widget(self) -> QWidget | None:
        return self._widget

    def set_widget(self, widget: QWidget | None) -> None:
        """Show ``widget`` in the corner (the one there before is hidden and released)."""
        old = self._widget
        if old is widget:
            self.place()
            return
        if old is not None:
            old.hide()
            old.setParent(None)
        self._widget = widget
        if widget is not None:
            widget.setParent(self._view)
            widget.setVisible(self._shown)
            widget.raise_()
            self.place()

    def set_shown(self, shown: bool) -> None:
        """Show or hide the slot (its widget stays in it)."""
        self._shown = bool(shown)
        if self._widget is not None:
            self._widget.setVisible(self._shown)
            self.place()

    def place(self) -> None:
        widget = self._widget
        if widget is None:
            return
        widget.adjustSize()
        area = self._view.viewport().geometry()
        widget.move(area.right() - widget.width() - MARGIN + 1, area.top() + MARGIN)
        widget.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.place()
        return False
