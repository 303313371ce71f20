"""Errors raised by the interchange readers."""

from __future__ import annotations

from debatemap.core.errors import DebatemapError


class FormatError(DebatemapError):
    """Malformed input in a map file.

    ``str(err)`` is ``"<file>:<line>: <reason>"``, or ``"<file>: <reason>"``
    when no line applies.
    """

    def __init__(self, file: str, reason: str, line: int | None = None) -> None:
        self.file = file
        self.reason = reason
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.reason}"
        return f"{self.file}:{self.line}: {self.reason}"
