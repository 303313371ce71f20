"""InlineEditor: the text box laid over a card for in-place editing (Enter commits, Esc cancels)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from debatemap.canvas import style


class InlineEditor(QPlainTextEdit):
    """Plain text; Enter commits, Shift+Enter a new line, Esc cancels, leaving it commits.
    Emits exactly one of ``committed(text)`` or ``cancelled()``."""

    committed = Signal(str)
    cancelled = Signal()

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.finished = False
        self.setObjectName("inlineEditor")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(False)
        colors = style.palette()
        self.setStyleSheet(
            f"QPlainTextEdit#inlineEditor {{ background: {colors.node_fill.name()};"
            f" color: {colors.text.name()}; border: 2px solid {colors.selection.name()};"
            f" border-radius: 4px; padding: 2px; }}"
        )
        self.setPlainText(text)
        self.selectAll()
        self.document().contentsChanged.connect(self.fit_height)

    def set_zoom(self, zoom: float) -> None:
        font = style.text_font()
        font.setPointSizeF(max(8.0, min(28.0, font.pointSizeF() * zoom)))
        self.setFont(font)
        self.fit_height()

    def fit_height(self) -> None:
        lines = max(1, int(self.document().size().height()))
        line_height = self.fontMetrics().lineSpacing()
        wanted = int(lines * line_height + 14)
        self.setFixedHeight(max(wanted, line_height + 14))

    def text(self) -> str:
        return self.toPlainText()

    def commit(self) -> None:
        if not self.finished:
            self.finished = True
            self.committed.emit(self.toPlainText())

    def cancel(self) -> None:
        if not self.finished:
            self.finished = True
            self.cancelled.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.commit()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.commit()  # Tab leaves the editor like Enter (the view may chain a new child)
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            self.commit()
