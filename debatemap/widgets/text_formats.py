"""How a document's text looks in the panel: paragraph kinds, candidate marks, excerpt highlights."""

from __future__ import annotations

from typing import Iterable

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from debatemap.widgets.offsets import OffsetMap

#: Char format properties that say what a stretch of text is (tests and tooltips read them).
KIND_PROPERTY = QTextFormat.Property.UserProperty + 1  # the paragraph kind, a str
CANDIDATE_PROPERTY = QTextFormat.Property.UserProperty + 2  # True on candidate claims

BODY_POINT_SIZE = 10.0
TEXT_COLOR = QColor("#1f2328")
MUTED_COLOR = QColor("#8b949e")  # metadata and noise: shown, but clearly not argument
QUOTE_COLOR = QColor("#444c56")
CANDIDATE_UNDERLINE = QColor("#8aa5cc")  # a faint dotted line under each candidate sentence
HOVER_BACKGROUND = QColor(47, 109, 181, 26)
COLLECTED_COLOR = QColor("#8250df")  # candidates gathered by Ctrl+click to drag together  # the candidate under the mouse, ready to drag
EXCERPT_ALPHA = 70  # how strongly a node's colour tints the passage it was taken from
LINE_HEIGHT_PERCENT = 128


def body_font() -> QFont:
    font = QFont()
    font.setPointSizeF(BODY_POINT_SIZE)
    return font


def _char_format(kind: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setProperty(KIND_PROPERTY, kind)
    if kind == "heading":
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontPointSize(BODY_POINT_SIZE * 1.3)
    elif kind == "quote":
        fmt.setFontItalic(True)
        fmt.setForeground(QUOTE_COLOR)
    elif kind in ("metadata", "noise"):
        fmt.setForeground(MUTED_COLOR)
        fmt.setFontPointSize(BODY_POINT_SIZE * 0.9)
    return fmt


def _block_format(kind: str) -> QTextBlockFormat | None:
    fmt = QTextBlockFormat()
    if kind == "heading":
        fmt.setTopMargin(8)
        fmt.setBottomMargin(2)
    elif kind == "list_item":
        fmt.setLeftMargin(14)
        fmt.setTextIndent(-8)  # the marker hangs a little to the left of the item's text
    elif kind == "quote":
        fmt.setLeftMargin(22)
        fmt.setRightMargin(12)
    elif kind == "table_row":
        fmt.setLeftMargin(8)
    else:
        return None
    return fmt


def candidate_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setProperty(CANDIDATE_PROPERTY, True)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(CANDIDATE_UNDERLINE)
    return fmt


def excerpt_format(color: QColor) -> QTextCharFormat:
    """A node's passage: tinted with the node's colour, underlined in it."""
    tint = QColor(color)
    tint.setAlpha(EXCERPT_ALPHA)
    fmt = QTextCharFormat()
    fmt.setBackground(tint)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(color)
    return fmt


FOCUS_BACKGROUND = QColor(255, 200, 0, 140)  # the passage "Go to source" or Find led to
FOCUS_OUTLINE = QColor("#bf8700")


def focus_format() -> QTextCharFormat:
    """The passage being looked at: a strong marker-pen yellow, whatever node colour it has."""
    fmt = QTextCharFormat()
    fmt.setBackground(FOCUS_BACKGROUND)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(FOCUS_OUTLINE)
    return fmt


def collected_format() -> QTextCharFormat:
    """A candidate collected by Ctrl+click: the selection colour, faint, with a solid underline."""
    color = QColor(COLLECTED_COLOR)
    tint = QColor(color)
    tint.setAlpha(60)
    fmt = QTextCharFormat()
    fmt.setBackground(tint)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(color)
    return fmt


def hover_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(HOVER_BACKGROUND)
    return fmt


def build_text_document(
    document: QTextDocument,
    text: str,
    offsets: OffsetMap,
    paragraphs: Iterable[tuple[int, int, str]],
    candidates: Iterable[tuple[int, int]],
) -> None:
    """Fill ``document`` with ``text`` (one Qt position per UTF-16 unit) and style it.

    The text goes in as plain text, so that positions stay those of the stored text; structure
    and candidate marks are merged onto it afterwards.
    """
    document.setUndoRedoEnabled(False)
    document.setDefaultFont(body_font())
    document.setPlainText(text)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    base = QTextBlockFormat()
    base.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.mergeBlockFormat(base)
    text_color = QTextCharFormat()
    text_color.setForeground(TEXT_COLOR)
    cursor.mergeCharFormat(text_color)
    for start, end, kind in paragraphs:
        _select(cursor, offsets, start, end)
        cursor.mergeCharFormat(_char_format(kind))
        block = _block_format(kind)
        if block is not None:
            cursor.mergeBlockFormat(block)
    marked = candidate_format()
    for start, end in candidates:
        _select(cursor, offsets, start, end)
        cursor.mergeCharFormat(marked)
    cursor.endEditBlock()


def selection_cursor(document: QTextDocument, offsets: OffsetMap, start: int, end: int) -> QTextCursor:
    """A cursor selecting the code point span ``start:end``."""
    cursor = QTextCursor(document)
    _select(cursor, offsets, start, end)
    return cursor


def _select(cursor: QTextCursor, offsets: OffsetMap, start: int, end: int) -> None:
    first, last = offsets.span_to_utf16(start, end)
    cursor.setPosition(first)
    cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
