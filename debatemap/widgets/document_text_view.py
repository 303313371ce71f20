"""DocumentTextView: one document's clean text, read-only, with marks, highlights and excerpt drags."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from typing import Sequence

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QHelpEvent, QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit, QToolTip, QWidget

from debatemap.core.model import Document
from debatemap.document.excerpt_mime import ExcerptPayload, excerpt_mime_data, excerpts_mime_data
from debatemap.widgets import text_formats
from debatemap.widgets.offsets import OffsetMap


@dataclass(frozen=True)
class Highlight:
    """A passage some node was taken from (code point offsets), shown in the node's colour."""

    start: int
    end: int
    color: QColor
    label: str  # the node's text, for the tooltip


class DocumentTextView(QTextEdit):
    """Shows a document's text; any selection, or a candidate with none, can be dragged out.

    Ctrl+click collects candidates (and Ctrl+click again leaves one out); a drag from any
    candidate then carries every collected one, and Esc or a plain click clears the collection.

    Qt positions count UTF-16 code units and the map's offsets count code points; every
    position crossing that line goes through ``self.offsets``.
    """

    collectionChanged = Signal(int)  # how many candidates are collected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(14)
        self.viewport().setMouseTracking(True)
        self.map_path = ""
        self.source: Document | None = None
        self.offsets = OffsetMap("")
        self.candidates: list[tuple[int, int]] = []
        self.paragraphs: list[tuple[int, int, str]] = []
        self._candidate_starts: list[int] = []
        self.highlights: list[Highlight] = []
        self.focus: tuple[int, int] | None = None  # the passage shown by "Go to source" or Find
        self._hovered: tuple[int, int] | None = None
        self.collected: list[tuple[int, int]] = []  # candidates gathered by Ctrl+click, text order
        self._press: tuple[QPoint, ExcerptPayload | list[ExcerptPayload]] | None = None

    # ---- content -------------------------------------------------------------------------

    def show_document(
        self,
        source: Document | None,
        paragraphs: list[tuple[int, int, str]] = (),
        candidates: list[tuple[int, int]] = (),
        map_path: str = "",
    ) -> None:
        self.source = source
        self.map_path = map_path
        self.candidates = sorted(candidates)
        self.paragraphs = list(paragraphs)
        self._candidate_starts = [start for start, _ in self.candidates]
        self.highlights = []
        self.focus = None
        self._hovered = None
        self._press = None
        had = bool(self.collected)
        self.collected = []
        text = source.text if source is not None else ""
        self.offsets = OffsetMap(text)
        text_formats.build_text_document(self.document(), text, self.offsets, paragraphs, self.candidates)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._update_extra_selections()
        if had:
            self.collectionChanged.emit(0)

    def restyle(self) -> None:
        """Build the text's formats again for the current palette, keeping the scroll position,
        the selection and the marks."""
        if self.source is None:
            return
        scroll = self.verticalScrollBar().value()
        cursor = self.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        text_formats.build_text_document(self.document(), self.source.text, self.offsets,
                                         self.paragraphs, self.candidates)
        cursor = QTextCursor(self.document())
        cursor.setPosition(anchor)
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._update_extra_selections()
        self.verticalScrollBar().setValue(scroll)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.restyle()  # muted, quoted and marked text follow a light/dark switch

    def set_highlights(self, highlights: list[Highlight]) -> None:
        self.highlights = list(highlights)
        self._update_extra_selections()

    def select_span(self, start: int, end: int) -> None:
        """Select the code point span ``start:end`` (and scroll to it)."""
        cursor = text_formats.selection_cursor(self.document(), self.offsets, start, end)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def show_focus(self, start: int, end: int) -> None:
        """Mark the code point span ``start:end`` as the passage being looked at and scroll
        it into the upper third of the view (without selecting it)."""
        length = self.offsets.length
        start, end = max(0, min(start, length)), max(0, min(end, length))
        self.focus = (start, end) if start < end else None
        self._update_extra_selections()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        self.setTextCursor(cursor)
        top = self.cursorRect(cursor).top() + self.verticalScrollBar().value()
        self.verticalScrollBar().setValue(int(top - self.viewport().height() / 3))
        self.ensureCursorVisible()

    def focus_visible(self) -> bool:
        """Whether the start of the focused passage is inside the viewport."""
        if self.focus is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(self.focus[0]))
        return self.viewport().rect().intersects(self.cursorRect(cursor))

    def _update_extra_selections(self) -> None:
        selections = []
        if self._hovered is not None:
            selections.append(self._extra(*self._hovered, text_formats.hover_format()))
        for span in self.collected:
            selections.append(self._extra(*span, text_formats.collected_format()))
        for highlight in self.highlights:
            selections.append(
                self._extra(highlight.start, highlight.end, text_formats.excerpt_format(highlight.color))
            )
        if self.focus is not None:
            selections.append(self._extra(*self.focus, text_formats.focus_format()))
        self.setExtraSelections(selections)

    def _extra(self, start: int, end: int, fmt) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = text_formats.selection_cursor(self.document(), self.offsets, start, end)
        selection.format = fmt
        return selection

    # ---- what can be dragged -------------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The selection in code points, without surrounding whitespace (None if nothing)."""
        cursor = self.textCursor()
        if self.source is None or not cursor.hasSelection():
            return None
        start, end = self.offsets.span_from_utf16(cursor.selectionStart(), cursor.selectionEnd())
        text = self.source.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def candidate_at(self, index: int) -> tuple[int, int] | None:
        """The candidate containing the code point offset ``index``."""
        at = bisect_right(self._candidate_starts, index) - 1
        if at >= 0 and self.candidates[at][0] <= index < self.candidates[at][1]:
            return self.candidates[at]
        return None

    def payload(self, start: int, end: int) -> ExcerptPayload:
        assert self.source is not None
        return ExcerptPayload(self.map_path, self.source.id, start, end, self.source.text[start:end])

    def mime_for_selection(self) -> QMimeData | None:
        """The drag payload of the current selection, or None when nothing is selected."""
        span = self.selected_span()
        return excerpt_mime_data(self.payload(*span)) if span else None

    def mime_for_candidate(self, index: int) -> QMimeData | None:
        span = self.candidate_at(index)
        return excerpt_mime_data(self.payload(*span)) if span else None

    def index_at(self, point: QPoint) -> int | None:
        """The code point offset of the character under a viewport point (None off the text)."""
        if self.source is None:
            return None
        document_point = point + QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        position = self.document().documentLayout().hitTest(document_point, Qt.HitTestAccuracy.ExactHit)
        return None if position < 0 else self.offsets.from_utf16(position)

    def drag_payload_at(self, point: QPoint) -> ExcerptPayload | list[ExcerptPayload] | None:
        """What a drag starting at ``point`` carries: the selection when it starts inside the
        selection; else, on a candidate, every collected candidate (this one included) or just
        this one when none is collected; otherwise nothing."""
        index = self.index_at(point)
        if index is None:
            return None
        span = self.selected_span()
        if span is not None:
            return self.payload(*span) if span[0] <= index < span[1] else None
        candidate = self.candidate_at(index)
        if candidate is None:
            return None
        if self.collected:
            return [self.payload(*c) for c in sorted(set(self.collected) | {candidate})]
        return self.payload(*candidate)

    # ---- collecting several candidates -----------------------------------------------------

    def toggle_collected(self, span: tuple[int, int]) -> None:
        """Add a candidate to the collection, or take it out again."""
        if span in self.collected:
            self.collected.remove(span)
        else:
            self.collected = sorted(self.collected + [span])
        self._update_extra_selections()
        self.collectionChanged.emit(len(self.collected))

    def clear_collection(self) -> None:
        if self.collected:
            self.collected = []
            self._update_extra_selections()
            self.collectionChanged.emit(0)

    def collected_payloads(self) -> list[ExcerptPayload]:
        return [self.payload(*span) for span in self.collected]

    def mime_for_collection(self) -> QMimeData | None:
        """All collected candidates as one drag payload (None when none is collected)."""
        return excerpts_mime_data(self.collected_payloads()) if self.collected else None

    def start_drag(self, payload: ExcerptPayload | Sequence[ExcerptPayload]) -> Qt.DropAction:
        """Run the drag of one passage or several (tests replace this: a real QDrag needs a
        windowing system)."""
        drag = QDrag(self)
        if isinstance(payload, ExcerptPayload):
            drag.setMimeData(excerpt_mime_data(payload))
        else:
            drag.setMimeData(excerpts_mime_data(payload))
        return drag.exec(Qt.DropAction.CopyAction)

    # ---- mouse ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        left = event.button() == Qt.MouseButton.LeftButton
        point = event.position().toPoint()
        if left and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            index = self.index_at(point)
            candidate = self.candidate_at(index) if index is not None else None
            if candidate is not None:
                self._press = None
                self.toggle_collected(candidate)
                event.accept()
                return
        if left and not event.modifiers():
            payload = self.drag_payload_at(point)
            if payload is not None:
                self._press = (point, payload)  # the selection stays while a drag may begin
                event.accept()
                return
            self.clear_collection()  # a plain click elsewhere
        self._press = None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self._press is not None:
            if event.buttons() & Qt.MouseButton.LeftButton:
                start, payload = self._press
                if (point - start).manhattanLength() >= QApplication.startDragDistance():
                    self._press = None
                    self._set_hovered(None)
                    action = self.start_drag(payload)
                    if not isinstance(payload, ExcerptPayload) and action != Qt.DropAction.IgnoreAction:
                        self.clear_collection()  # the collection went where it was dropped
                event.accept()
                return
            self._press = None
        super().mouseMoveEvent(event)
        if not event.buttons():
            self._update_hover(point)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is not None:
            # A click without a drag: behave like a plain click (selection and collection go).
            point, _ = self._press
            self._press = None
            self.setTextCursor(self.cursorForPosition(point))
            self.clear_collection()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.collected:
            self.clear_collection()
            event.accept()
            return
        super().keyPressEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hovered(None)
        super().leaveEvent(event)

    def _update_hover(self, point: QPoint) -> None:
        payload = self.drag_payload_at(point)
        if self.textCursor().hasSelection() or payload is None:
            self._set_hovered(None)
        else:
            self._set_hovered((payload.start, payload.end))
        shape = Qt.CursorShape.OpenHandCursor if payload else Qt.CursorShape.IBeamCursor
        self.viewport().setCursor(shape)

    def _set_hovered(self, span: tuple[int, int] | None) -> None:
        if span != self._hovered:
            self._hovered = span
            self._update_extra_selections()

    # ---- tooltips ------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, point: QPoint) -> str:
        index = self.index_at(point)
        if index is None:
            return ""
        used = [h.label for h in self.highlights if h.start <= index < h.end]
        if used:
            return "On the map:\n" + "\n".join(f"• {_short(label)}" for label in used)
        candidate = self.candidate_at(index)
        if candidate is not None and candidate in self.collected:
            return (f"Collected ({len(self.collected)}): drag to take them all out;"
                    " Ctrl+click leaves this one out, Esc clears")
        if candidate is not None:
            return "Candidate claim: drag to take it out (Ctrl+click collects several)"
        return ""


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
