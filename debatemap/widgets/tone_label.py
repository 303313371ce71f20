"""ToneLabel: a QLabel for hints, warnings and quotes whose colours follow the palette."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from debatemap.widgets.text_formats import BODY_CONTRAST, contrast, mix, text_colors

WARNING_LIGHT, WARNING_DARK = QColor("#9a6700"), QColor("#e3b341")


def tone_style(tone: str, padding: str = "", palette: QPalette | None = None) -> str:
    """The style sheet of a ``tone`` ("hint", "warning" or "quote") for the application palette:
    its text reads at least 4.5:1 on its background, light or dark."""
    palette = palette or QGuiApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    dark = window.lightness() < 128
    pad = f" padding: {padding};" if padding else ""
    if tone == "warning":
        color = WARNING_DARK if dark else WARNING_LIGHT
        if contrast(color, window) < BODY_CONTRAST:
            color = text
        return f"color: {color.name()};{pad}"
    if tone == "quote":
        colors = text_colors(palette)
        return (f"font-style: italic; color: {colors.text.name()};"
                f" background: {colors.alternate_base.name()};{pad}"
                f" border-left: 3px solid {mix(colors.base, colors.text, 0.35).name()};")
    t = 0.45  # a hint: window text faded toward the window, as far as it still reads
    while t > 0 and contrast(mix(text, window, t), window) < BODY_CONTRAST:
        t -= 0.02
    return f"color: {mix(text, window, max(t, 0.0)).name()};{pad}"


class ToneLabel(QLabel):
    def __init__(self, text: str = "", tone: str = "hint", padding: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.tone, self.padding = tone, padding
        self._styling = False
        self.follow_palette()

    def follow_palette(self) -> None:
        if self._styling:
            return
        sheet = tone_style(self.tone, self.padding)
        if sheet != self.styleSheet():
            self._styling = True
            try:
                self.setStyleSheet(sheet)
            finally:
                self._styling = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.follow_palette()
