"""Offsets in Python strings (code points) versus Qt text positions (UTF-16 code units).

A character outside the Basic Multilingual Plane (most emoji) is one code point but two UTF-16
code units, so every such character before a position shifts Qt's position by one. Pure Python.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class OffsetMap:
    """Converts offsets of one text both ways in O(log n) after an O(n) scan."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # code point index of each astral character, and its UTF-16 position (the high surrogate)
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._units = [index + count for count, index in enumerate(self._astral)]
        self.utf16_length = self.length + len(self._astral)

    def to_utf16(self, index: int) -> int:
        """The Qt position of the code point offset ``index`` (0 <= index <= len(text))."""
        index = min(max(index, 0), self.length)
        return index + bisect_left(self._astral, index)

    def from_utf16(self, position: int) -> int:
        """The code point offset of the Qt ``position``.

        A position inside a surrogate pair (Qt never puts a cursor there, but a caller might)
        goes to the start of that character.
        """
        position = min(max(position, 0), self.utf16_length)
        # Each astral character that starts before the position takes one unit more; one whose
        # pair the position splits counts too, which puts the result at its start.
        return position - bisect_right(self._units, position - 1)

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)

    def span_from_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.from_utf16(start), self.from_utf16(end)


def to_utf16(text: str, index: int) -> int:
    return OffsetMap(text).to_utf16(index)


def from_utf16(text: str, position: int) -> int:
    return OffsetMap(text).from_utf16(position)
