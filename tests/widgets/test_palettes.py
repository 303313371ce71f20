"""The documents panel reads well in a light and in a dark palette, and follows a switch:
body, candidate, quoted and muted text at least 4.5:1 against what is behind them (WCAG AA)."""

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication

from panel_data import TEXT, plain_import, span
from debatemap.widgets import text_formats
from debatemap.widgets.text_formats import contrast, over, text_colors

Role = QPalette.ColorRole


def user_palette(dark: bool) -> QPalette:
    """A theme as an application or desktop sets it: the main roles only (no AlternateBase,
    no PlaceholderText), which is what left white rows and dark text on a dark panel."""
    palette = QPalette()
    if dark:
        roles = {Role.Window: "#2b2b2b", Role.WindowText: "#e6e6e6", Role.Base: "#1e1e1e",
                 Role.Text: "#e6e6e6", Role.Button: "#353535", Role.ButtonText: "#e6e6e6",
                 Role.Highlight: "#2f6db5", Role.HighlightedText: "#ffffff"}
    else:
        roles = {Role.Window: "#efefef", Role.WindowText: "#000000", Role.Base: "#ffffff",
                 Role.Text: "#000000", Role.Button: "#efefef", Role.ButtonText: "#000000",
                 Role.Highlight: "#308cc6", Role.HighlightedText: "#ffffff"}
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    return palette


@pytest.fixture
def themed(qapp):
    original = QPalette(QApplication.palette())

    def apply(dark: bool) -> None:
        QApplication.setPalette(user_palette(dark))
        QApplication.processEvents()

    yield apply
    QApplication.setPalette(original)
    QApplication.processEvents()


def shown_foreground(view, fmt: QTextCharFormat) -> QColor:
    """What colour a character is drawn in: its own, or the view's palette Text."""
    if fmt.foreground().style() != fmt.foreground().style().NoBrush:
        return fmt.foreground().color()
    return view.palette().color(Role.Text)


def char_format(view, index):
    from PySide6.QtGui import QTextCursor

    position = len(TEXT[:index].encode("utf-16-le")) // 2
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 1)  # the format of the character before the cursor
    return cursor.charFormat()


SAMPLES = {"body": "claim", "candidate": "Next", "heading": "heading", "list": "listed",
           "quote": "words", "metadata": "Ann"}


@pytest.mark.parametrize("dark", [False, True])
def test_document_text_reads_at_least_4_5_to_1(themed, panel, dark):
    themed(dark)
    view = panel.text_view
    base = view.viewport().palette().color(Role.Base)
    assert (base.lightness() < 128) == dark
    for name, word in SAMPLES.items():
        color = shown_foreground(view, char_format(view, TEXT.index(word)))
        assert contrast(color, base) >= 4.5, (name, color.name(), base.name())
    colors = text_colors()
    for name, fmt in (("hover", text_formats.hover_format()), ("focus", text_formats.focus_format()),
                      ("collected", text_formats.collected_format()),
                      ("excerpt", text_formats.excerpt_format(QColor("#2f6db5")))):
        behind = over(fmt.background().color(), base)
        assert contrast(colors.text, behind) >= 4.5, (name, behind.name())
        assert contrast(colors.muted, behind) >= 3.0, (name, behind.name())
    underline = text_formats.candidate_format().underlineColor()
    assert contrast(underline, base) >= 1.8  # the dotted candidate line is visible


@pytest.mark.parametrize("dark", [False, True])
def test_document_list_rows_and_the_hint_read_in_the_palette(themed, panel, mapdoc, dark):
    assert mapdoc.import_documents([plain_import("Second text. Another sentence.", "Second")])
    themed(dark)
    listing = panel.list
    assert listing.topLevelItemCount() == 2 and listing.alternatingRowColors()
    listing.select_id(listing.document_ids()[0])  # the alternate row is not the selected one
    text = listing.palette().color(Role.Text)
    for role in (Role.Base, Role.AlternateBase):
        assert contrast(text, listing.palette().color(role)) >= 4.5, role
    assert contrast(listing.palette().color(Role.Base), listing.palette().color(Role.AlternateBase)) < 1.4
    # as drawn: the second (alternate) row is a shade of the base, not white under light text
    image = listing.viewport().grab().toImage()
    row = listing.visualItemRect(listing.topLevelItem(1))
    drawn = image.pixelColor(QPoint(row.right() - 3, row.center().y()))
    assert contrast(drawn, text) >= 4.5, drawn.name()
    hint = panel.hint
    hint.ensurePolished()
    assert contrast(hint.palette().color(Role.WindowText), hint.palette().color(Role.Window)) >= 4.5


def test_a_palette_switch_restyles_the_shown_text(themed, panel):
    view = panel.text_view
    themed(False)
    light_muted = char_format(view, TEXT.index("Ann")).foreground().color()
    view.select_span(*span(TEXT, "Next one."))
    themed(True)
    dark_muted = char_format(view, TEXT.index("Ann")).foreground().color()
    assert dark_muted != light_muted
    assert contrast(dark_muted, view.viewport().palette().color(Role.Base)) >= 4.5
    assert view.selected_span() == span(TEXT, "Next one.")  # the selection survived the restyle
    themed(False)
    assert char_format(view, TEXT.index("Ann")).foreground().color() == light_muted
